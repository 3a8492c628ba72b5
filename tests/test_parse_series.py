"""Numbering shapes real plans use: an agency's actions numbered with its code (``P1``, ``CSC 3``), and a DHR's or
SAR's two series of recommendations each numbered from 1. Each test builds a small plan and asserts the exact
records read from it, and what ``trace`` and ``update`` make of them on both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from conftest import run, table_rows, write
from scrtool.model import Status, coded_number, number_key
from scrtool.parse import read_plan
from scrtool.parse.refs import parse_refs

CODED_PLAN = (
    "# Child P\n\n"
    "## Recommendations\n\n"
    "| No. | Recommendation | Agency | Agency actions |\n"
    "|---|---|---|---|\n"
    "| 1 | Police should share referrals. | Northshire Police | P1, P2 |\n"
    "| 2 | Schools should train staff. | Education | E1-E3 |\n"
    "| 3 | Social care should review plans. | Children's Social Care | CSC 3 |\n\n"
    "## Northshire Police\n\n"
    "| No. | Action | Status |\n"
    "|---|---|---|\n"
    "| P1 | Share referrals daily. | Completed |\n"
    "| P2 | Audit the sharing. | In progress |\n\n"
    "## Education\n\n"
    "| No. | Action | Status |\n"
    "|---|---|---|\n"
    "| E1 | Train the staff. | Not started |\n"
    "| E2 | Train the governors. | Completed |\n"
    "| E3 | Audit the training. | In progress |\n"
    "| See above | A note. | In progress |\n\n"
    "## Children's Social Care\n\n"
    "| No. | Action | Status |\n"
    "|---|---|---|\n"
    "| CSC 3 | Review the plans. | Completed |\n"
    "| H1.2 | Review the health plans. | Completed |\n"
    "| Q3 2025/26 | A date. | Not started |\n"
    "| N/A | No number. | Not started |\n"
    "| TBC | Later. | Not started |\n"
)


def test_an_agency_s_actions_numbered_with_its_code_are_numbered_and_cited(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path, "child-p.md", CODED_PLAN))
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Northshire Police", "P1", "Share referrals daily.", Status.COMPLETED),
        ("Northshire Police", "P2", "Audit the sharing.", Status.IN_PROGRESS),
        ("Education", "E1", "Train the staff.", Status.NOT_STARTED),
        ("Education", "E2", "Train the governors.", Status.COMPLETED),
        ("Education", "E3", "Audit the training.", Status.IN_PROGRESS),
        ("Education", None, "A note.", Status.IN_PROGRESS),
        ("Children's Social Care", "CSC3", "Review the plans.", Status.COMPLETED),
        ("Children's Social Care", "H1.2", "Review the health plans.", Status.COMPLETED),
        ("Children's Social Care", None, "A date.", Status.NOT_STARTED),
        ("Children's Social Care", None, "No number.", Status.NOT_STARTED),
        ("Children's Social Care", None, "Later.", Status.NOT_STARTED),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Northshire Police", ("P1", "P2")),
        ("2", "Education", ("E1", "E2", "E3")),
        ("3", "Children's Social Care", ("CSC3",)),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (25, "action number 'See above' is not a number; kept unnumbered"),
        (33, "action number 'Q3 2025/26' is not a number; kept unnumbered"),
        (34, "action number 'N/A' is not a number; kept unnumbered"),
        (35, "action number 'TBC' is not a number; kept unnumbered"),
    ]


@pytest.mark.usefixtures("engine")
def test_trace_and_update_reach_actions_numbered_with_their_agency_s_code(tmp_path: Path) -> None:
    assert run("import", write(tmp_path, "child-p.md", CODED_PLAN)).exit_code == 0
    traced = run("trace", "2")
    assert traced.exit_code == 0, traced.output
    lines = traced.stdout.splitlines()
    assert lines[:2] == ["Recommendation 2  (child-p, child-p.md line 8)", "Schools should train staff."]
    assert table_rows(traced.stdout) == [
        ["Education", "E1", "not-started", "Train the staff."],
        ["", "E2", "completed", "Train the governors."],
        ["", "E3", "in-progress", "Audit the training."],
    ]
    assert lines[-1] == "Progress: 1 of 3 cited actions completed  ███░░░░░░░  33%"
    updated = run("update", "Northshire Police", "p2", "--status", "completed", "--evidence", "audit report")
    assert updated.exit_code == 0, updated.output
    assert updated.stdout == "Northshire Police P2: completed (updated 2026-01-15)\n"
    assert run("update", "Children's Social Care", "CSC 3", "--status", "in-progress").exit_code == 0
    assert table_rows(run("trace", "3").stdout) == [
        ["Children's Social Care", "CSC3", "in-progress", "Review the plans."]
    ]
    missing = run("update", "Northshire Police", "P9", "--status", "completed")
    assert (missing.exit_code, missing.stderr) == (
        4,
        "scrtool: error: no action P9 of 'Northshire Police' in report 'child-p'\n",
    )


def test_a_code_is_capital_letters_then_a_number_and_prose_is_not_one() -> None:
    assert [coded_number(cell) for cell in ["P1", "H1.2", "CSC 3", "E2a", "ICB12"]] == [
        "P1",
        "H1.2",
        "CSC3",
        "E2a",
        "ICB12",
    ]
    assert [coded_number(cell) for cell in ["See above", "Q3", "Q3 2025/26", "N/A", "TBC", "Year 2", "R1", "p1"]] == [
        None
    ] * 8
    assert [number_key(typed) for typed in ["p1", "P 1", "csc3", "4.", "1A", "R1"]] == [
        "P1",
        "P1",
        "CSC3",
        "4",
        "1a",
        "r1",
    ]
    assert [parse_refs(cell) for cell in ["P1, P2", "P1-P3", "P1-3", "H1.2-H1.4", "P1 and E2", "Q3 2025/26"]] == [
        ("P1", "P2"),
        ("P1", "P2", "P3"),
        ("P1", "P2", "P3"),
        ("H1.2", "H1.3", "H1.4"),
        ("P1", "E2"),
        None,
    ]


DHR_PLAN = (
    "# Domestic Homicide Review: Adult A\n\n"
    "## 7.1 Single agency recommendations\n\n"
    "| No. | Agency | Recommendation | Status |\n"
    "|---|---|---|---|\n"
    "| 1 | Northshire Police | Train officers in coercive control. | Completed |\n"
    "| 2 | Northshire NHS Trust | Ask about domestic abuse at every contact. | In progress |\n\n"
    "## 7.2 Multi-agency recommendations\n\n"
    "| No. | Agency | Recommendation | Status |\n"
    "|---|---|---|---|\n"
    "| 1 | Community Safety Partnership | Commission a needs assessment. | Not started |\n"
    "| 2 | Northshire Police | Review the MARAC referral pathway. | In progress |\n"
)


def test_a_dhr_s_single_and_multi_agency_series_each_from_1_are_s_and_m(tmp_path: Path) -> None:
    plan = read_plan(write(tmp_path, "adult-a.md", DHR_PLAN))
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("S1", "Train officers in coercive control.", 7),
        ("S2", "Ask about domestic abuse at every contact.", 8),
        ("M1", "Commission a needs assessment.", 14),
        ("M2", "Review the MARAC referral pathway.", 15),
    ]
    assert [(a.agency, a.number, a.status) for a in plan.actions] == [
        ("Northshire Police", "S1", Status.COMPLETED),
        ("Northshire NHS Trust", "S2", Status.IN_PROGRESS),
        ("Community Safety Partnership", "M1", Status.NOT_STARTED),
        ("Northshire Police", "M2", Status.IN_PROGRESS),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("S1", "Northshire Police", ("S1",)),
        ("S2", "Northshire NHS Trust", ("S2",)),
        ("M1", "Community Safety Partnership", ("M1",)),
        ("M2", "Northshire Police", ("M2",)),
    ]
    assert [n.message for n in plan.notices] == []


def test_a_word_dhr_s_two_series_under_its_headings(tmp_path: Path) -> None:
    document = Document()
    document.add_heading("Safeguarding Adults Review: Adult B", 0)
    for heading, rows in [
        ("Single-agency recommendations", [("1", "Adult Social Care", "Audit carers' assessments.", "Completed")]),
        ("Multi-agency recommendations", [("1", "Safeguarding Adults Board", "Publish a self-neglect guide.", "")]),
    ]:
        document.add_heading(heading, 2)
        table = document.add_table(rows=1, cols=4)
        for cell, text in zip(table.rows[0].cells, ["Rec", "Lead agency", "Recommendation", "Status"], strict=True):
            cell.text = text
        for row in rows:
            for cell, text in zip(table.add_row().cells, row, strict=True):
                cell.text = text
    path = tmp_path / "adult-b.docx"
    document.save(str(path))
    plan = read_plan(str(path))
    assert [(r.number, r.text, r.source.where()) for r in plan.recommendations] == [
        ("S1", "Audit carers' assessments.", "table 1 row 2"),
        ("M1", "Publish a self-neglect guide.", "table 2 row 2"),
    ]
    assert [(a.agency, a.number, a.status) for a in plan.actions] == [
        ("Adult Social Care", "S1", Status.COMPLETED),
        ("Safeguarding Adults Board", "M1", Status.UNSPECIFIED),
    ]


@pytest.mark.usefixtures("engine")
def test_trace_names_each_series_recommendation_and_a_plain_number_lists_them(tmp_path: Path) -> None:
    assert run("import", write(tmp_path, "adult-a.md", DHR_PLAN)).exit_code == 0
    traced = run("trace", "m2")
    assert traced.exit_code == 0, traced.output
    lines = traced.stdout.splitlines()
    assert lines[:2] == ["Recommendation M2  (adult-a, adult-a.md line 15)", "Review the MARAC referral pathway."]
    assert table_rows(traced.stdout) == [
        ["Northshire Police", "M2", "in-progress", "Review the MARAC referral pathway."]
    ]
    assert run("trace", "S1").stdout.splitlines()[0] == "Recommendation S1  (adult-a, adult-a.md line 7)"
    plain = run("trace", "1")
    assert (plain.exit_code, plain.stderr) == (
        4,
        "scrtool: error: Recommendation 1 is not in report 'adult-a'; it has: Recommendation S1, Recommendation S2, "
        "Recommendation M1, Recommendation M2\n",
    )
    updated = run("update", "Northshire Police", "m2", "--status", "completed", "--evidence", "pathway v2")
    assert updated.stdout == "Northshire Police M2: completed (updated 2026-01-15)\n"


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Single agency recommendations", "Further recommendations"),  # one series named: a real duplicate
        ("Recommendations", "Multi-agency recommendations"),
        ("Single agency recommendations were accepted", "Multi-agency recommendations"),  # a sentence, no heading
    ],
)
def test_two_series_need_both_headings_else_a_number_twice_is_still_refused(
    tmp_path: Path, first: str, second: str
) -> None:
    text = DHR_PLAN.replace("7.1 Single agency recommendations", first).replace(
        "7.2 Multi-agency recommendations", second
    )
    path = write(tmp_path, "adult-a.md", text)
    refused = run("import", path)
    assert (refused.exit_code, refused.stderr) == (
        3,
        f"scrtool: error: {path}:14: Recommendation 1 appears twice (lines 7 and 14)\n",
    )
    assert run("list").exit_code == 4  # no store made


def test_a_plan_of_one_series_under_its_heading_is_numbered_as_written(tmp_path: Path) -> None:
    one = DHR_PLAN.split("## 7.2")[0]
    plan = read_plan(write(tmp_path, "adult-a.md", one))
    assert [r.number for r in plan.recommendations] == ["1", "2"]
    assert [a.number for a in plan.actions] == ["1", "2"]


def test_a_single_multi_agency_column_names_each_row_s_series(tmp_path: Path) -> None:
    text = (
        "# DHR Adult D\n\n"
        "| No. | Single/Multi-agency | Agency | Recommendation | Status |\n"
        "|---|---|---|---|---|\n"
        "| 1 | Single agency | Northshire Police | Train officers. | Completed |\n"
        "| 2 | Single agency | Integrated Care Board | Ask about abuse. | In progress |\n"
        "| 1 | Multi-agency | Community Safety Partnership | Review the MARAC pathway. | Not started |\n"
    )
    plan = read_plan(write(tmp_path, "adult-d.md", text))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("S1", "Train officers."),
        ("S2", "Ask about abuse."),
        ("M1", "Review the MARAC pathway."),
    ]
    assert [(a.agency, a.number, a.status, a.extra) for a in plan.actions] == [
        ("Northshire Police", "S1", Status.COMPLETED, (("Single/Multi-agency", "Single agency"),)),
        ("Integrated Care Board", "S2", Status.IN_PROGRESS, (("Single/Multi-agency", "Single agency"),)),
        ("Community Safety Partnership", "M1", Status.NOT_STARTED, (("Single/Multi-agency", "Multi-agency"),)),
    ]
    one_series = text.replace("| 1 | Multi-agency |", "| 3 | Single agency |")
    assert [r.number for r in read_plan(write(tmp_path, "adult-d.md", one_series)).recommendations] == ["1", "2", "3"]


def test_a_combined_table_s_action_number_column_keeps_an_agency_s_code(tmp_path: Path) -> None:
    text = (
        "# Child Q\n\n"
        "| Rec No | Recommendation | Action No | Action | Agency | Status |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Share better. | P1 | Share referrals. | Northshire Police | Completed |\n"
        "| | | P2 | Audit sharing. | Northshire Police | In progress |\n"
        "| 2 | Train staff. | E1 | Train teachers. | Education | Not started |\n"
        "| | | TBC | Train governors. | Education | Not started |\n"
    )
    plan = read_plan(write(tmp_path, "child-q.md", text))
    assert [(a.agency, a.number, a.text) for a in plan.actions] == [
        ("Northshire Police", "P1", "Share referrals."),
        ("Northshire Police", "P2", "Audit sharing."),
        ("Education", "E1", "Train teachers."),
        ("Education", "2.2", "Train governors."),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Northshire Police", ("P1", "P2")),
        ("2", "Education", ("E1", "2.2")),
    ]
