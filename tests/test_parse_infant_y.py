"""The facts a reader of the Infant Y plan sees, as the reader must see them."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from conftest import matches_golden
from scrtool.model import Plan, RecKind, RecRef, Status
from scrtool.parse import read_plan
from scrtool.render.formats import plan_dict

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture
def plan(infant_y: Path) -> Plan:
    return read_plan(str(infant_y))


def test_three_recommendations_and_one_reminder(plan: Plan) -> None:
    assert [(r.kind, r.number) for r in plan.recommendations] == [
        (RecKind.RECOMMENDATION, "1"),
        (RecKind.RECOMMENDATION, "2"),
        (RecKind.RECOMMENDATION, "3"),
        (RecKind.REMINDER, "1"),
    ]
    assert plan.recommendations[3].text.startswith("Child and Family Services to be reminded")
    assert plan.recommendations[3].source.line == 14


def test_thirty_seven_numbered_actions_by_agency(plan: Plan) -> None:
    numbered = [a for a in plan.actions if a.number is not None]
    assert len(numbered) == 37
    by_agency: dict[str, list[str]] = {}
    for a in numbered:
        by_agency.setdefault(a.agency, []).append(a.number or "")
    assert by_agency == {
        "PCT": ["1", "2", "3", "4"],
        "Thames Valley Police": ["1", "2", "3", "4"],
        "Oxford Health": [str(n) for n in range(1, 11)],
        "Children's Social Care": [str(n) for n in range(1, 9)],
        "Oxford University Hospitals": ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", "3", "4", "5"],
        "Cherwell District Council": ["1"],
    }


def test_sub_numbers_know_their_parent(plan: Plan) -> None:
    ouh = {a.number: a for a in plan.actions if a.agency == "Oxford University Hospitals"}
    assert ouh["1.3"].parent == "1"
    assert ouh["1"].parent is None


def test_unnumbered_responses_answer_their_recommendations(plan: Plan) -> None:
    responses = [(a.agency, a.responds_to, a.source.line) for a in plan.actions if a.number is None]
    rec, rem = RecKind.RECOMMENDATION, RecKind.REMINDER
    assert responses == [
        ("Oxford Health", (RecRef(rec, "1"),), 47),
        ("Children's Social Care", (RecRef(rec, "1"),), 62),
        ("Children's Social Care", (RecRef(rec, "2"),), 63),
        ("Children's Social Care", (RecRef(rem, "1"),), 64),
    ]


def test_only_oxford_health_10_is_open(plan: Plan) -> None:
    statuses = Counter(a.status for a in plan.actions)
    assert statuses == {Status.COMPLETED: 40, Status.UNSPECIFIED: 1}
    (open_action,) = [a for a in plan.actions if a.status is Status.UNSPECIFIED]
    assert (open_action.agency, open_action.number, open_action.status_text) == ("Oxford Health", "10", "")


def test_recommendation_1_cites_each_agency_table(plan: Plan) -> None:
    rec1 = RecRef(RecKind.RECOMMENDATION, "1")
    links = [(link.agency, link.refs, link.note) for link in plan.links if link.rec == rec1]
    assert links == [
        ("Oxford Health", ("4", "9", "10"), None),
        ("Children's Social Care", ("2",), None),
        ("Oxford University Hospitals", ("5",), None),
        ("Thames Valley Police", ("1", "3"), None),
    ]


def test_prose_cross_reference_is_a_note(plan: Plan) -> None:
    (oscb,) = [link for link in plan.links if link.rec == RecRef(RecKind.RECOMMENDATION, "3")]
    assert oscb.agency == "OSCB" and oscb.refs == ()
    assert oscb.note is not None and oscb.note.startswith("The Quality Assurance and Audit Subgroup clarified")


def test_lead_is_the_rows_own_first_cell(plan: Plan) -> None:
    pct = {a.number: a.lead for a in plan.actions if a.agency == "PCT"}
    assert pct == {
        "1": "PCT/Oxford Health",
        "2": "Oxfordshire PCT/ORH",
        "3": "Oxfordshire PCT/all NHS provider trusts",
        "4": "Oxfordshire PCT/All Provider Trusts",
    }


def test_markup_is_removed_and_title_kept(plan: Plan) -> None:
    assert plan.report.title == "Final recommendations from Infant Y Overview report"
    assert plan.report.id == "infant-y"
    assert all("<u>" not in a.text and "**" not in a.text for a in plan.actions)
    assert plan.notices == ()


def test_whole_reading_matches_golden(plan: Plan) -> None:
    assert matches_golden(plan_dict(plan), GOLDEN / "infant-y.json")


def test_bundled_sample_matches_golden() -> None:
    from conftest import SAMPLES

    plan = read_plan(str(SAMPLES / "child-t.md"))
    assert matches_golden(plan_dict(plan), GOLDEN / "child-t.json")
