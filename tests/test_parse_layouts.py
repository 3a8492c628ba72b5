"""Plans laid out as trackers (one row a recommendation with its lead) and as combined tables, status words,
and the user's config file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, write
from scrtool.config import load
from scrtool.errors import UsageError
from scrtool.model import RecKind, RecRef, Status
from scrtool.parse import read_plan
from scrtool.parse.vocab import DEFAULT, normalise_status

LAYOUTS = FIXTURES / "layouts"


def test_tracker_rows_are_recommendations_owned_by_their_lead() -> None:
    plan = read_plan(str(LAYOUTS / "tracker.md"))
    assert plan.report.title == 'Domestic Homicide Review "Adult B" - recommendations tracker'
    assert [(r.number, r.text[:20]) for r in plan.recommendations] == [
        ("1", "The police should re"),
        ("2", "GPs to ask about dome"[:20]),
        ("3", "The Community Safety"),
        ("4", "Housing to flag tena"),
    ]
    assert [(a.agency, a.number, a.status, a.status_text) for a in plan.actions] == [
        ("Northshire Police", "1", Status.COMPLETED, "Green"),
        ("Riverside ICB", "2", Status.IN_PROGRESS, "Amber"),
        ("Community Safety Partnership", "3", Status.UNSPECIFIED, "Pending sign-off"),
        ("Housing Services", "4", Status.OVERDUE, "Overdue"),
    ]
    assert [a.rag for a in plan.actions] == ["green", "amber", None, None]  # the plan's judgement; "Done" says more
    assert plan.actions[1].extra == (("Target date", "June 2024"), ("Progress notes", "Training under way"))
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Northshire Police", ("1",)),
        ("2", "Riverside ICB", ("2",)),
        ("3", "Community Safety Partnership", ("3",)),
        ("4", "Housing Services", ("4",)),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (7, "status 'Pending sign-off' is not a known status word; read as open (1 row, first at line 7)")
    ]


def test_combined_table_numbers_actions_under_their_recommendation() -> None:
    plan = read_plan(str(LAYOUTS / "combined.md"))
    assert [r.ref for r in plan.recommendations] == [
        RecRef(RecKind.RECOMMENDATION, "1"),
        RecRef(RecKind.RECOMMENDATION, "2"),
    ]
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Riverside Health", "1.1", "Write a protocol", Status.COMPLETED),
        ("Children's Services", "1.2", "Train staff on the protocol", Status.IN_PROGRESS),
        ("Riverside Health", "1.3", "Audit use of the protocol", Status.NOT_STARTED),
        ("Safeguarding Partnership", "2.1", "Reissue escalation policy", Status.COMPLETED),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Riverside Health", ("1.1", "1.3")),
        ("1", "Children's Services", ("1.2",)),
        ("2", "Safeguarding Partnership", ("2.1",)),
    ]
    assert plan.notices == ()


def test_unknown_status_word_is_reported_once_per_import(tmp_path: Path) -> None:
    text = "| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n" + "".join(
        f"| {n} | Do thing {n} | Agency {n} | Awaiting panel |\n" for n in range(1, 4)
    )
    plan = read_plan(write(tmp_path, "t.md", text))
    assert [n.message for n in plan.notices] == [
        "status 'Awaiting panel' is not a known status word; read as open (3 rows, first at line 3)"
    ]
    assert {a.status_text for a in plan.actions} == {"Awaiting panel"}


@pytest.mark.parametrize(
    ("word", "status"),
    [
        ("Complete", Status.COMPLETED),
        ("Done", Status.COMPLETED),
        ("Closed", Status.COMPLETED),
        ("Achieved", Status.COMPLETED),
        ("Implemented", Status.COMPLETED),
        ("Ongoing", Status.IN_PROGRESS),
        ("On track", Status.IN_PROGRESS),
        ("On target", Status.IN_PROGRESS),
        ("Partially", Status.IN_PROGRESS),
        ("Not yet started", Status.NOT_STARTED),
        ("RED", Status.UNSPECIFIED),
        ("Amber", Status.IN_PROGRESS),
        ("Green", Status.IN_PROGRESS),
        ("Blue", Status.COMPLETED),
        ("Overdue", Status.OVERDUE),
        ("Not accepted", Status.NOT_ACCEPTED),
        ("Not agreed", Status.NOT_ACCEPTED),
        ("Embedded", Status.COMPLETED),
        ("BAU", Status.COMPLETED),
        ("Business as usual", Status.COMPLETED),
        ("Action complete", Status.COMPLETED),
        ("Met", Status.COMPLETED),
        ("Not met", Status.NOT_STARTED),
        ("G", Status.IN_PROGRESS),
        ("A", Status.IN_PROGRESS),
        ("R", Status.UNSPECIFIED),
        ("Amber/Green", Status.IN_PROGRESS),
        ("Ongoing/BAU", Status.IN_PROGRESS),
        ("Red / Amber", Status.UNSPECIFIED),
    ],
)
def test_status_words_of_real_trackers(word: str, status: Status) -> None:
    assert normalise_status(word) == status


@pytest.mark.parametrize("cell", ["A review is planned", "Met with the school in May", "R and D team", "/ Green"])
def test_letters_and_met_are_statuses_only_as_the_whole_cell(cell: str) -> None:
    assert DEFAULT.status(cell) is None


def test_config_adds_header_and_status_words(tmp_path: Path) -> None:
    config = write(
        tmp_path,
        "config.toml",
        '[headers]\n"Lead officer" = "agency"\n"Deliverable" = "recommendation"\n'
        '[statuses]\n"Signed off" = "completed"\n',
    )
    text = "| Ref | Deliverable | Lead officer | Status |\n|---|---|---|---|\n| 1 | Audit | Police | Signed off |\n"
    vocabulary = load(config).vocabulary
    assert vocabulary is not None
    plan = read_plan(write(tmp_path, "p.md", text), vocabulary=vocabulary)
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Police", "1", "Audit", Status.COMPLETED)
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[headers]\n"Boss" = "chief"\n', "[headers] 'Boss' = 'chief': must be one of "),
        ("[statuses\n", "not valid TOML: "),
        ('[statuses]\n"x" = "finished"\n', "[statuses] 'x' = 'finished': must be one of completed, in-progress, "),
    ],
)
def test_bad_config_is_one_clear_line(tmp_path: Path, content: str, message: str) -> None:
    path = write(tmp_path, "config.toml", content)
    with pytest.raises(UsageError) as caught:
        load(path)
    assert caught.value.message.startswith(f"{path}: {message}")


def test_spreadsheet_tracker_with_due_and_rag_letter_columns(tmp_path: Path) -> None:
    text = (
        "Ref,Recommendation,Lead,Due,RAG rating,Update\r\n"
        '1,"Review the ""was not brought"" policy",Riverside Health,31/03/2024,G,"Policy reviewed,\nsigned off"\r\n'
        "2,Audit referrals,Children's Services,30/06/2024,A,\r\n3,Train staff,Northshire Police,,R,Not started\r\n"
    )
    plan = read_plan(write(tmp_path, "tracker.csv", text))
    assert [(a.agency, a.number, a.text, a.status, a.status_text, a.target, a.extra) for a in plan.actions] == [
        (
            "Riverside Health",
            "1",
            'Review the "was not brought" policy',
            Status.IN_PROGRESS,
            "G",
            "2024-03-31",
            (("Due", "31/03/2024"), ("Update", "Policy reviewed,\nsigned off")),
        ),
        (
            "Children's Services",
            "2",
            "Audit referrals",
            Status.IN_PROGRESS,
            "A",
            "2024-06-30",
            (("Due", "30/06/2024"),),
        ),
        ("Northshire Police", "3", "Train staff", Status.NOT_STARTED, "R", None, (("Update", "Not started"),)),
    ]
    assert plan.notices == ()
