"""A completion the plan itself qualifies as awaiting evidence, sign-off or audit is not completed, in every format."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write
from pdfmake import Page, build
from scrtool.model import Status
from scrtool.parse import read_plan
from scrtool.parse.vocab import DEFAULT

ROWS = [
    ("1", "Complete - evidence awaited", "in-progress"),
    ("2", "Completed (awaiting sign-off)", "in-progress"),
    ("3", "Complete subject to audit", "in-progress"),
    ("4", "Completed but not yet embedded", "in-progress"),
    ("5", "Completed - March 2012", "completed"),
    ("6", "Completed - signed off by the board", "completed"),
]
HEADER = ["Agency", "No", "Action", "Status"]
BODY = [["Police", number, f"Action {number}", status] for number, status, _ in ROWS]
EXPECTED = [(number, status, want) for number, status, want in ROWS]


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("Complete - evidence awaited", Status.IN_PROGRESS),
        ("Completed (awaiting sign-off)", Status.IN_PROGRESS),
        ("Complete subject to audit", Status.IN_PROGRESS),
        ("Completed but not yet embedded", Status.IN_PROGRESS),
        ("Closed pending audit", Status.IN_PROGRESS),
        ("Done - awaiting assurance", Status.IN_PROGRESS),
        ("Completed - evidence not yet received", Status.IN_PROGRESS),
        ("Completed (evidence outstanding)", Status.IN_PROGRESS),
        ("Embedded - evidence to be provided", Status.IN_PROGRESS),
        ("Completed - March 2012", Status.COMPLETED),
        ("Completed - signed off by the board", Status.COMPLETED),
        ("Completed - evidence submitted", Status.COMPLETED),
        ("Completed - no further action required", Status.COMPLETED),
        ("Closed - not implemented", None),
    ],
)
def test_a_completion_awaiting_evidence_is_in_progress(cell: str, status: Status | None) -> None:
    assert DEFAULT.status(cell) is status


def statuses(path: str) -> list[tuple[str | None, str, str]]:
    return [(a.number, a.status_text, a.status.value) for a in read_plan(path).actions]


def test_markdown(tmp_path: Path) -> None:
    lines = ["| " + " | ".join(HEADER) + " |", "|---|---|---|---|", *("| " + " | ".join(r) + " |" for r in BODY)]
    assert statuses(write(tmp_path, "plan.md", "Plan\n\n" + "\n".join(lines) + "\n")) == EXPECTED


def test_word(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Plan")
    grid = document.add_table(rows=len(BODY) + 1, cols=len(HEADER))
    for r, row in enumerate([HEADER, *BODY]):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    document.save(str(tmp_path / "plan.docx"))
    assert statuses(str(tmp_path / "plan.docx")) == EXPECTED


def test_excel(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in [HEADER, *BODY]:
        sheet.append(row)
    book.save(tmp_path / "plan.xlsx")
    assert statuses(str(tmp_path / "plan.xlsx")) == EXPECTED


def test_web_page(tmp_path: Path) -> None:
    rows = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in BODY)
    head = "<tr>" + "".join(f"<th>{cell}</th>" for cell in HEADER) + "</tr>"
    page = f"<html><body><h1>Plan</h1><table>{head}{rows}</table></body></html>"
    assert statuses(write(tmp_path, "plan.html", page)) == EXPECTED


def test_pdf(tmp_path: Path) -> None:
    page = Page()
    xs = [50.0, 120.0, 160.0, 260.0, 560.0]
    tops = [100.0 + 20 * r for r in range(len(BODY) + 2)]
    page.grid(xs, tops)
    for r, row in enumerate([HEADER, *BODY]):
        for c, text in enumerate(row):
            page.text(xs[c] + 5, tops[r] + 5, text, bold=r == 0)
    (tmp_path / "plan.pdf").write_bytes(build([page]))
    assert statuses(str(tmp_path / "plan.pdf")) == EXPECTED


def test_a_blue_rating_awaiting_sign_off_is_in_progress_and_keeps_its_rating(tmp_path: Path) -> None:
    text = (
        "Plan\n\n| Agency | No | Action | RAG |\n|---|---|---|---|\n"
        "| Police | 1 | Brief staff | Blue - awaiting sign-off |\n"
        "| Police | 2 | Audit | Blue |\n"
    )
    plan = read_plan(write(tmp_path, "plan.md", text))
    assert [(a.number, a.status.value, a.rag) for a in plan.actions] == [
        ("1", "in-progress", "blue"),
        ("2", "completed", "blue"),
    ]


def test_a_completion_date_the_plan_says_awaits_audit_is_in_progress(tmp_path: Path) -> None:
    text = (
        "Plan\n\n| Agency | No | Action | Date completed |\n|---|---|---|---|\n"
        "| Health | 1 | Train | 31/03/2024 - evidence awaited |\n"
        "| Health | 2 | Review | 31/03/2024 (subject to audit) |\n"
        "| Health | 3 | Audit | 31/03/2024 |\n"
    )
    plan = read_plan(write(tmp_path, "plan.md", text))
    assert [(a.number, a.status.value) for a in plan.actions] == [
        ("1", "in-progress"),
        ("2", "in-progress"),
        ("3", "completed"),
    ]


def test_a_blue_fill_beside_status_words_awaiting_evidence_is_in_progress(tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    grid = document.add_table(rows=3, cols=5)
    body = [
        ["Agency", "No", "Action", "RAG", "Status"],
        ["Police", "1", "Brief staff", "", "Complete - awaiting sign-off"],
        ["Police", "2", "Audit", "", "Complete"],
    ]
    for r, row in enumerate(body):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
        if r:
            shading = OxmlElement("w:shd")
            shading.set(qn("w:val"), "clear")
            shading.set(qn("w:fill"), "0070C0")
            grid.cell(r, 3)._tc.get_or_add_tcPr().append(shading)
    document.save(str(tmp_path / "plan.docx"))
    plan = read_plan(str(tmp_path / "plan.docx"))
    assert [(a.number, a.status.value, a.rag) for a in plan.actions] == [
        ("1", "in-progress", "blue"),
        ("2", "completed", "blue"),
    ]
