"""One small table per quirk of real plans, read into exact records."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from scrtool.errors import InputError
from scrtool.model import Plan, RecKind, RecRef, Status
from scrtool.parse import read_plan
from scrtool.parse.cells import clean
from scrtool.parse.refs import parse_refs
from scrtool.parse.vocab import normalise_status

OVERVIEW = """\
| Rec No. | Recommendation | IMR Agency | IMR Action No. |
|---|---|---|---|
| 1 | Share information about parental mental health with health visitors | Health Trust | Actions: 1, 2 |
| | | Police | Action 1 |
"""
HEALTH = """
| Health Trust | Action No | Recommendation | Projected Outcome | Status |
|---|---|---|---|---|
| Health Trust | 1 | Write the pathway | Pathway in use | Completed |
| Health Trust | 2 | Train the staff | Staff trained | In progress |
"""
POLICE = """
| Police | Action No | Recommendation | Projected Outcome | Status |
|---|---|---|---|---|
| Police | 1 | Circulate a bulletin | Bulletin read | Not started |
"""


def read(tmp_path: Path, text: str, name: str = "plan.md") -> Plan:
    return read_plan(write(tmp_path, name, text))


def numbers(plan: Plan, agency: str) -> list[str | None]:
    return [a.number for a in plan.actions if a.agency == agency]


def test_headerless_table_continues_the_table_before(tmp_path: Path) -> None:
    text = OVERVIEW + HEALTH + "\n| | | | | |\n|---|---|---|---|---|\n| Health Trust | 3 | Audit | Audited | |\n"
    plan = read(tmp_path, text + POLICE)
    assert numbers(plan, "Health Trust") == ["1", "2", "3"]
    third = plan.actions[2]
    assert (third.agency, third.text, third.status, third.source.line) == (
        "Health Trust",
        "Audit",
        Status.UNSPECIFIED,
        13,
    )


def test_header_row_mid_table_switches_agency_and_kind(tmp_path: Path) -> None:
    text = (
        OVERVIEW + "| No. | Reminder of practice | Agency | Action No. |\n"
        "| 1 | Remember to see the child | Police | Police has reminded staff. |\n" + HEALTH + POLICE
    )
    plan = read(tmp_path, text)
    assert [r.ref for r in plan.recommendations] == [RecRef(RecKind.RECOMMENDATION, "1"), RecRef(RecKind.REMINDER, "1")]
    reminder_link = plan.links[-1]
    assert (reminder_link.agency, reminder_link.refs) == ("Police", ())
    assert reminder_link.note == "Police has reminded staff."


def test_agency_header_inside_one_table(tmp_path: Path) -> None:
    text = (
        OVERVIEW
        + "\n| Agency | | | | |\n|--|--|--|--|--|\n| <u>Action plans</u> | | | | |\n"
        + "| Health Trust | Action No | Recommendation | Projected Outcome | Status |\n"
        + "| Health Trust | 1 | Write | Done | Completed |\n"
        + "| Police | Action No | Recommendation | Projected Outcome | Status |\n"
        + "| Police | 1 | Circulate | Read | Completed |\n"
    )
    plan = read(tmp_path, text)
    assert [(a.agency, a.number) for a in plan.actions] == [("Health Trust", "1"), ("Police", "1")]
    assert [n.message for n in plan.notices] == [
        "Recommendation 1 cites Health Trust action 2, which is not in the plan"
    ]


def test_blank_first_cell_row_continues_the_row_above(tmp_path: Path) -> None:
    text = OVERVIEW + HEALTH + "| | | and review it yearly | | |\n" + POLICE
    plan = read(tmp_path, text)
    assert plan.actions[1].text == "Train the staff and review it yearly"
    assert numbers(plan, "Health Trust") == ["1", "2"]


def test_several_blank_first_cell_rows_all_continue_the_row_above(tmp_path: Path) -> None:
    """A cell wrapped over three rows: the third goes on with the first as the second does (it was lost)."""
    wrapped = (
        "| | | and review it yearly | and reviewed | |\n| | | with the board | and reported | |\n"
        "| | | | and filed | Completed |\n"
    )
    text = OVERVIEW + HEALTH + wrapped + POLICE
    plan = read(tmp_path, text)
    second = plan.actions[1]
    assert (second.number, second.text, second.outcome, second.status_text) == (
        "2",
        "Train the staff and review it yearly with the board",
        "Staff trained and reviewed and reported and filed",
        "In progress Completed",
    )
    assert numbers(plan, "Health Trust") == ["1", "2"]
    assert plan.notices == ()


def test_agencies_whose_names_make_the_same_slug_keep_their_actions_apart(tmp_path: Path) -> None:
    """``Health Trust`` and ``Health-Trust`` fold apart but slug alike: each action's id is its agency as written
    and its number, whatever the order of the tables (the ids once took ``-2`` by plan order)."""
    other_health = HEALTH.replace("Health Trust", "Health-Trust")
    with pytest.raises(InputError, match="police action 1 appears twice"):  # one agency (one key), one number
        read(tmp_path, OVERVIEW + HEALTH + POLICE + other_health + POLICE.replace("Police", "police"))
    plan = read(tmp_path, OVERVIEW + HEALTH + POLICE + other_health)
    assert [a.id for a in plan.actions] == [
        "plan/Health Trust/1",
        "plan/Health Trust/2",
        "plan/Police/1",
        "plan/Health-Trust/1",
        "plan/Health-Trust/2",
    ]
    assert [a.agency for a in plan.actions][-2:] == ["Health-Trust", "Health-Trust"]
    swapped = read(tmp_path, OVERVIEW + other_health + POLICE + HEALTH)
    assert sorted(a.id for a in swapped.actions) == sorted(a.id for a in plan.actions)


def test_blank_lead_is_inherited_from_the_row_above(tmp_path: Path) -> None:
    text = OVERVIEW + HEALTH + "| | 3 | Audit | Audited | Completed |\n" + POLICE
    plan = read(tmp_path, text)
    assert plan.actions[2].lead == "Health Trust" and plan.actions[2].number == "3"


def test_response_rows_are_matched_to_recommendations(tmp_path: Path) -> None:
    text = (
        OVERVIEW + HEALTH + "| Overview recommendation | | Share information about parental mental health "
        "with the health visitor (Ref: p.4) | | Completed |\n" + POLICE
    )
    plan = read(tmp_path, text)
    (response,) = [a for a in plan.actions if a.number is None]
    assert response.responds_to == (RecRef(RecKind.RECOMMENDATION, "1"),)
    assert (response.agency, response.lead, response.id) == (
        "Health Trust",
        "Health Trust",
        "plan/Health Trust/response to 1 #1",
    )


def test_unmatched_unnumbered_row_is_kept_and_reported(tmp_path: Path) -> None:
    text = OVERVIEW + HEALTH + "| Overview report: | | Something else entirely about housing | | Completed |\n" + POLICE
    plan = read(tmp_path, text)
    (row,) = [a for a in plan.actions if a.number is None]
    assert row.responds_to == ()
    assert [n.line for n in plan.notices] == [10]
    assert "matches no overview recommendation" in plan.notices[0].message


def test_dangling_cross_reference_is_a_warning_with_its_line(tmp_path: Path) -> None:
    text = OVERVIEW.replace("Actions: 1, 2", "Actions: 1, 7") + HEALTH + POLICE
    plan = read(tmp_path, text)
    assert [(n.line, n.message) for n in plan.notices] == [
        (3, "Recommendation 1 cites Health Trust action 7, which is not in the plan")
    ]


def test_cross_reference_to_an_agency_without_a_table(tmp_path: Path) -> None:
    text = OVERVIEW.replace("| Police | Action 1 |", "| Fire Service | Action 1 |") + HEALTH + POLICE
    plan = read(tmp_path, text)
    assert [n.message for n in plan.notices] == [
        "Recommendation 1 cites actions of 'Fire Service', which has no action table"
    ]


def test_duplicate_action_number_is_an_error_naming_both_lines(tmp_path: Path) -> None:
    text = OVERVIEW + HEALTH + "| Health Trust | 2 | Again | Again | Completed |\n" + POLICE
    path = write(tmp_path, "plan.md", text)
    with pytest.raises(InputError) as caught:
        read_plan(path)
    assert caught.value.message == f"{path}:10: Health Trust action 2 appears twice (lines 9 and 10)"


@pytest.mark.parametrize(
    ("cell", "refs"),
    [
        ("Actions: 4,9,10", ("4", "9", "10")),
        ("Action 2", ("2",)),
        ("Actions: 1, 3", ("1", "3")),
        ("1-3", ("1", "2", "3")),
        ("1.2", ("1.2",)),
        ("1.1-1.3", ("1.1", "1.2", "1.3")),
        ("Actions 1 and 3", ("1", "3")),
        ("Actions 1\u20133", ("1", "2", "3")),
        ("The subgroup clarified its role.", None),
        ("N/A", None),
        ("See action 2", ("2",)),
        ("see also actions 3 and 4", ("3", "4")),
        ("Refer to action 5", ("5",)),
        ("Seen by the GP", None),
        ("See the police plan", None),
    ],
)
def test_cross_reference_cells(cell: str, refs: tuple[str, ...] | None) -> None:
    assert parse_refs(cell) == refs


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        ("<u>Individual Management Review Actions plans</u>", "Individual Management Review Actions plans"),
        ("**by October 2011**", "by October 2011"),
        ("  folded   spaces ", "folded spaces"),
        ("line one<br>line two", "line one\nline two"),
        ("all <1year olds", "all <1year olds"),
        ("a <Name> kept", "a <Name> kept"),
        ("x &amp; y", "x & y"),
    ],
)
def test_cell_cleaning(raw: str, text: str) -> None:
    assert clean(raw) == text


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Completed", Status.COMPLETED),
        ("", Status.UNSPECIFIED),
        ("In progress", Status.IN_PROGRESS),
        ("Not started", Status.NOT_STARTED),
        ("Completed - March 2012", Status.COMPLETED),
        ("Pending", Status.UNSPECIFIED),
        ("Not completed", Status.UNSPECIFIED),
    ],
)
def test_status_words(word: str, status: Status) -> None:
    assert normalise_status(word) == status
