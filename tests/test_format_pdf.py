"""The PDF reader: the Infant Y plan as a partnership's PDF reads as its markdown does, and each rule that gets
it there (cells by character centres, tables joined over pages, split rows, broken words, page furniture),
with the PDFs it refuses in one line each. Small PDFs are written by tests/pdfmake.py; the LibreOffice-made
fixtures and their generator are in tests/fixtures/formats/."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, run, unsourced
from pdfmake import Page, build, encrypt, width
from scrtool.errors import InputError
from scrtool.parse import read_plan
from scrtool.parse.formats import Options, open_document
from scrtool.parse.tables import Table, Text
from scrtool.parse.words import one_word

FORMATS = FIXTURES / "formats"
PLAN = FORMATS / "infant-y.pdf"
REPORT = FORMATS / "infant-y-report.pdf"
PAD = 5.0
XS = [50.0, 170.0, 230.0, 430.0, 520.0]
HEADER = ["Agency", "No", "Action", "Status"]


def write(tmp_path: Path, pages: list[Page], name: str = "plan.pdf") -> str:
    path = tmp_path / name
    path.write_bytes(build(pages))
    return str(path)


def blocks(path: str, **options: Any) -> list[Table | Text]:
    return list(open_document(path, Options(**options)).blocks)


def cells(path: str, **options: Any) -> list[list[list[str]]]:
    return [[row.cells for row in block.rows] for block in blocks(path, **options) if isinstance(block, Table)]


def table(
    page: Page, tops: list[float], rows: list[list[list[str]]], xs: list[float] = XS, bold: int | None = 0
) -> None:
    """A ruled table: row ``r`` between ``tops[r]`` and ``tops[r + 1]``, each cell's lines set in from its rules."""
    page.grid(xs, tops)
    for r, row in enumerate(rows):
        for c, lines in enumerate(row):
            page.lines(xs[c] + PAD, tops[r] + 3, lines, bold=r == bold)


def furnished(number: int) -> Page:
    """A page with a running header and a page number, as a report's template gives it."""
    page = Page()
    page.text(50, 30, "Serious Case Review: Child T")
    page.text(50, 805, f"Page {number}")
    return page


# the acceptance: Infant Y as a PDF reads as its markdown ------------------------------------------------------


def answers(plan: Path, *args: str) -> tuple[Any, Any]:
    """``list --format json`` and ``trace 1 --format json`` after importing ``plan`` as report infant-y, with
    every ``source`` left out."""
    result = run("import", str(plan), "--report", "infant-y", *args)
    assert result.exit_code == 0, result.stderr
    listed = json.loads(run("list", "--format", "json").stdout)
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    return unsourced(listed), unsourced(traced)


@pytest.fixture
def markdown_answers(infant_y: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    monkeypatch.setenv("SCRTOOL_DB", str(tmp_path / "markdown" / "scrtool.db"))
    found = answers(infant_y)
    monkeypatch.setenv("SCRTOOL_DB", str(tmp_path / "pdf" / "scrtool.db"))
    return found


@pytest.mark.parametrize("name", ["infant-y.pdf", "infant-y-report.pdf"])
def test_infant_y_pdf_answers_as_the_markdown_does(name: str, markdown_answers: tuple[Any, Any]) -> None:
    listed, traced = answers(FORMATS / name)
    assert len(listed) == 41
    assert (listed, traced) == markdown_answers


def test_the_report_read_on_its_appendix_pages_alone_answers_the_same(markdown_answers: tuple[Any, Any]) -> None:
    assert answers(REPORT, "--pages", "30-41") == markdown_answers


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_every_record_says_its_page() -> None:
    result = run("import", str(PLAN))
    assert result.exit_code == 0, result.stderr
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    assert traced["recommendation"]["source"] == {"file": "infant-y.pdf", "page": 1}
    assert [(a["number"], a["source"]) for a in traced["links"][0]["actions"]] == [
        ("4", {"file": "infant-y.pdf", "page": 5}),
        ("9", {"file": "infant-y.pdf", "page": 6}),
        ("10", {"file": "infant-y.pdf", "page": 6}),
    ]
    document = open_document(str(PLAN))
    found = list(document.blocks)
    assert document.places is not None
    lines = [b.line for b in found if isinstance(b, Text)] + [
        r.line for b in found if isinstance(b, Table) for r in b.rows
    ]
    assert all(document.places.get(line) is not None for line in lines)


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_the_report_says_which_pages_it_read() -> None:
    result = run("import", str(REPORT))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines() == [
        f"{REPORT}:page 30: warning: read pages 30-41, where the plan's tables are; pages 1-29 not read (no table "
        "header of a plan there): --pages 1-41 reads every page"
    ]
    assert run("import", str(REPORT), "--pages", "30-41", "--dry-run").stderr == ""


def test_the_title_is_the_plan_s_heading_and_the_page_header_is_not_text() -> None:
    found = blocks(str(PLAN))
    assert found[0] == Text(1, "Final recommendations from Infant Y Overview report", 1)
    assert not any(isinstance(b, Text) and ("action plan" in b.text or b.text.startswith("Page")) for b in found)


# (a) a character belongs to the cell holding its centre -------------------------------------------------------


def test_a_line_touching_the_rule_below_stays_in_its_row(tmp_path: Path) -> None:
    """Row 1's last line reaches a point over the rule under it and row 2's first line starts a point above
    it: a crop of each cell's box would take both lines into both rows."""
    page = Page()
    page.grid(XS, [100, 120, 150, 180])
    for c, text in enumerate(HEADER):
        page.text(XS[c] + PAD, 103, text, bold=True)
    action = wrap("Brief officers on checks at every home visit and record what they find", XS[3] - XS[2] - 2 * PAD)
    assert len(action) == 2
    for c, lines in enumerate([["Police"], ["1"], action, ["Completed"]]):
        page.lines(XS[c] + PAD, 129, lines)  # the second line's characters end at 151
    for c, text in enumerate(["Health", "2", "Train health visitors", "Ongoing"]):
        page.text(XS[c] + PAD, 149, text)  # their top 1 point over the rule at 150
    assert cells(write(tmp_path, [page])) == [
        [
            HEADER,
            ["Police", "1", "Brief officers on checks at every home visit and record what they find", "Completed"],
            ["Health", "2", "Train health visitors", "Ongoing"],
        ]
    ]


# (b) one table over several pages -----------------------------------------------------------------------------


def two_pages(second_xs: list[float] = XS, repeat: bool = True) -> list[Page]:
    first, second = furnished(1), furnished(2)
    table(
        first,
        [700, 720, 760, 790],
        [
            [[h] for h in HEADER],
            [["Police"], ["1"], ["Brief officers"], ["Done"]],
            [["Police"], ["2"], ["Review training"], ["Done"]],
        ],
    )
    rows = [[["Health"], ["1"], ["Audit the pathway"], ["Ongoing"]]]
    table(
        second,
        [60, 80, 100] if repeat else [60, 80],
        ([[[h] for h in HEADER]] if repeat else []) + rows,
        second_xs,
        bold=0 if repeat else None,
    )
    return [first, second]


def test_a_table_goes_on_over_a_page_break_and_its_repeated_header_is_dropped(tmp_path: Path) -> None:
    found = [b for b in blocks(write(tmp_path, two_pages())) if isinstance(b, Table)]
    assert [[(row.cells, row.header) for row in b.rows] for b in found] == [
        [
            (HEADER, True),
            (["Police", "1", "Brief officers", "Done"], False),
            (["Police", "2", "Review training", "Done"], False),
            (["Health", "1", "Audit the pathway", "Ongoing"], False),
        ]
    ]


def test_a_table_with_other_columns_on_the_next_page_is_another_table(tmp_path: Path) -> None:
    pages = two_pages([50.0, 150.0, 230.0, 430.0, 520.0], repeat=False)
    assert cells(write(tmp_path, pages)) == [
        [HEADER, ["Police", "1", "Brief officers", "Done"], ["Police", "2", "Review training", "Done"]],
        [["Health", "1", "Audit the pathway", "Ongoing"]],
    ]


def test_page_headers_footers_and_numbers_are_not_read(tmp_path: Path) -> None:
    pages = two_pages()
    pages[0].text(50, 650, "Northshire Police", size=14, bold=True)
    found = blocks(write(tmp_path, pages))
    assert [b for b in found if isinstance(b, Text)] == [Text(1, "Northshire Police", 1)]


# (c) a row split over a page break ----------------------------------------------------------------------------

AGENCY = ["Oxfordshire PCT/all", "NHS provider"]
WORDS = ["All safeguarding training to", "include the significance of"]


def split_row(
    tmp_path: Path, tail: list[list[str]], words: list[str] = WORDS, status: float = 70, room: float = 4
) -> str:
    """Page 1 ends in the middle of row 3 (its lines reach the page's bottom); page 2 starts with ``tail``. The
    agency and action columns are ``room`` wider than their lines on page 1, so the next word did not fit."""
    xs = [50.0, 50 + width(AGENCY[0]) + 2 * PAD + room]  # "NHS" did not fit after "Oxfordshire PCT/all"
    xs += [xs[1] + 40, xs[1] + 40 + max(map(width, words)) + 2 * PAD + room]
    xs += [xs[3] + status]
    first, second = furnished(1), furnished(2)
    table(
        first,
        [700, 720, 740, 770],
        [[[h] for h in HEADER], [["Police"], ["1"], ["Brief"], ["Done"]], [AGENCY, ["3"], words, ["Completed"]]],
        xs,
    )
    table(second, [60, 90], [tail], xs, bold=None)
    return write(tmp_path, [first, second])


def test_a_row_split_over_a_page_break_is_one_row_agency_name_and_all(tmp_path: Path) -> None:
    path = split_row(tmp_path, [["organisations"], [], ["bruising in babies."], []])
    assert cells(path)[0][-1] == [
        "Oxfordshire PCT/all NHS provider organisations",
        "3",
        "All safeguarding training to include the significance of bruising in babies.",
        "Completed",
    ]


def test_a_numbered_row_at_the_top_of_the_next_page_is_a_row_of_its_own(tmp_path: Path) -> None:
    path = split_row(tmp_path, [["Police"], ["4"], ["Audit the forms."], ["Ongoing"]])
    assert cells(path)[0][-2:] == [
        [
            "Oxfordshire PCT/all NHS provider",
            "3",
            "All safeguarding training to include the significance of",
            "Completed",
        ],
        ["Police", "4", "Audit the forms.", "Ongoing"],
    ]


def test_a_row_under_a_complete_cell_is_a_row_of_its_own(tmp_path: Path) -> None:
    """The status cell above holds one word a line above the page's bottom, and the next row's word would
    have fitted beside it."""
    path = split_row(tmp_path, [[], [], [], ["Ongoing"]], status=120)
    assert cells(path)[0][-1] == ["", "", "", "Ongoing"]


# (d) words broken without a hyphen ----------------------------------------------------------------------------


def wrap(text: str, room: float) -> list[str]:
    """``text`` in lines as a word processor wraps it in ``room`` points of Helvetica 10."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}") <= room:
            lines[-1] += f" {word}"
        else:
            lines.append(word)
    return lines


def test_a_word_broken_by_a_narrow_column_is_mended(tmp_path: Path) -> None:
    status = width("Complete") + 2 * PAD + 1  # "Completed" does not fit: "Complete" fills the line
    head = width("Recommendati", bold=True) + 2 * PAD + 1
    action = width("Brief officers with") + 2 * PAD + 2
    xs = [50.0, 120.0, 120 + head, 120 + head + action, 120 + head + action + status]
    page = Page()
    table(
        page,
        [100, 130, 200],
        [
            [["Agency"], ["Recommendati", "on"], ["Action"], ["Status"]],
            [["Police"], ["1"], ["Brief officers with", "in a week on the", "new checks"], ["Complete", "d"]],
        ],
        xs,
    )
    assert cells(write(tmp_path, [page])) == [
        [
            ["Agency", "Recommendation", "Action", "Status"],
            ["Police", "1", "Brief officers with in a week on the new checks", "Completed"],
        ]
    ]


def test_a_word_broken_over_a_page_break_is_mended(tmp_path: Path) -> None:
    path = split_row(tmp_path, [[], [], ["ve audit."], []], words=["All of the", "comprehensi"], room=1)
    assert cells(path)[0][-1][2] == "All of the comprehensive audit."


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("Recommendati", "on", True),
        ("comprehensi", "ve.", True),
        ("Complete", "d", True),
        ("missed/misinform", "ation.", True),
        ("with", "in", False),
        ("Oxfordshire", "County", False),
        ("Oxfordshi", "re", False),
        ("development", "al", True),
        ("to", "day", False),
        ("any", "one", False),
        ("benchmarke", "d", True),
        ("multidiscipli", "nary", True),
    ],
)
def test_one_word_by_the_word_list(first: str, second: str, joined: bool) -> None:
    assert one_word(first, second) is joined


def test_a_name_the_document_spells_whole_is_mended_too() -> None:
    assert one_word("Oxfordshi", "re", {"oxfordshire"})


# PDFs refused in one line --------------------------------------------------------------------------------------


def refused(path: str, *args: str) -> tuple[int, str]:
    result = run("import", path, *args)
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert run("list", "--format", "json").exit_code == 4  # nothing stored: no store yet
    return result.exit_code, result.stderr.strip()


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_scanned_pdf_says_to_run_ocr_first(tmp_path: Path) -> None:
    page = Page()
    page.picture()
    path = write(tmp_path, [page, page], "scan.pdf")
    assert refused(path) == (
        3,
        f"scrtool: error: {path}: has no text to read: its pages are images (a scan?). "
        "Make its text readable with OCR first, e.g. ocrmypdf in.pdf out.pdf, and import that",
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_pdf_locked_by_an_owner_password_alone_is_read(tmp_path: Path) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypt(PLAN.read_bytes(), user="", owner="board-only"))
    result = run("import", str(path), "--report", "infant-y")
    assert result.exit_code == 0, result.stderr
    assert "37 numbered actions" in result.stdout


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_pdf_that_needs_a_password_is_refused_or_read_with_it(tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(encrypt(PLAN.read_bytes(), user="open sesame", owner="board-only"))
    assert refused(str(path)) == (
        3,
        f"scrtool: error: {path}: is encrypted with a password (needed to open "
        "it): remove the password and import that copy, e.g. qpdf --decrypt "
        "--password=PASSWORD in.pdf out.pdf",
    )
    with pytest.raises(InputError, match="the password given does not open it"):
        read_plan(str(path), options=Options(password="wrong"))
    plan = read_plan(str(path), report_id="infant-y", options=Options(password="open sesame"))
    assert len(plan.actions) == 41


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
@pytest.mark.parametrize("cut", [0.5, 0.1])
def test_a_damaged_pdf_is_refused(tmp_path: Path, cut: float) -> None:
    data = PLAN.read_bytes()
    path = write(tmp_path, [], "broken.pdf")
    Path(path).write_bytes(data[: int(len(data) * cut)])
    assert refused(path) == (
        3,
        f"scrtool: error: {path}: is a damaged PDF file that cannot be opened (truncated or not a PDF inside)",
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_table_without_ruling_lines_is_refused_not_guessed(tmp_path: Path) -> None:
    page = Page()
    for r, row in enumerate(
        [
            HEADER,
            ["Police", "1", "Brief officers on checks", "Done"],
            ["", "", "at every visit", ""],
            ["Health", "2", "Train health visitors", "Ongoing"],
        ]
    ):
        for c, text in enumerate(row):
            page.text(XS[c] + PAD, 100 + 14 * r, text)
    path = write(tmp_path, [page], "unruled.pdf")
    assert refused(path) == (
        3,
        f"scrtool: error: {path}:page 1: the table has no ruling lines between its "
        "cells, so its rows cannot be told apart for certain (scrtool reads a PDF's tables "
        "by their rules): import the document the plan was made from (Word or Excel) instead, or "
        "its text as pdftotext -layout sets it out (scrtool reads that text by its columns)",
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_the_infant_y_plan_without_rules_is_refused() -> None:
    code, message = refused(str(FORMATS / "infant-y-unruled.pdf"))
    assert code == 3 and message.startswith(
        f"scrtool: error: {FORMATS / 'infant-y-unruled.pdf'}:pages 1-12: the table has no ruling lines"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_pdf_of_prose_holds_no_table(tmp_path: Path) -> None:
    page = Page()
    page.lines(
        50,
        100,
        ["The review met six times and spoke with the staff involved, who", "contributed openly and with care."],
    )
    path = write(tmp_path, [page], "prose.pdf")
    assert refused(path) == (
        3,
        f"scrtool: error: {path}: no recommendations found: no table of a plan, and no list "
        "of recommendations (a 'Recommendations' heading over them, or 'Recommendation 1' "
        "labels)",
    )
    assert [b for b in blocks(path) if isinstance(b, Text)] == [
        Text(1, "The review met six times and spoke with the staff involved, who contributed openly and with care.", 0)
    ]


# which pages ---------------------------------------------------------------------------------------------------


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_pages_past_the_end_are_a_usage_error() -> None:
    result = run("import", str(PLAN), "--pages", "12-20")
    assert (result.exit_code, result.stderr.strip()) == (2, f"scrtool: error: --pages 12-20: {PLAN} has 13 pages")


def book(tmp_path: Path, count: int, plan_at: int | None) -> str:
    pages = []
    for number in range(1, count + 1):
        page = Page()
        page.text(50, 100, f"Chapter {number}: what the review found")
        if number == plan_at:
            table(page, [200, 220, 240], [[[h] for h in HEADER], [["Police"], ["1"], ["Brief officers"], ["Done"]]])
        pages.append(page)
    return write(tmp_path, pages, "book.pdf")


def test_a_2000_page_pdf_is_read_on_its_plan_s_page_only(tmp_path: Path) -> None:
    path = book(tmp_path, 2000, plan_at=1500)
    document = open_document(path)
    assert cells(path) == [[HEADER, ["Police", "1", "Brief officers", "Done"]]]
    assert [n.message for n in document.notices] == [
        "read page 1500, where the plan's tables are; pages 1-1499 and 1501-2000 not read (no table header of a "
        "plan there): --pages 1-2000 reads every page"
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_2000_page_pdf_with_no_plan_header_asks_for_its_pages(tmp_path: Path) -> None:
    path = book(tmp_path, 2000, plan_at=None)
    assert refused(path) == (
        3,
        f"scrtool: error: {path}: has 2,000 pages and no page has a plan's table header: "
        "say which pages to read with --pages FIRST-LAST (at most 300 at once)",
    )


def test_an_encrypted_pdf_is_read_with_the_password_asked_for(tmp_path: Path) -> None:
    from scrtool.cli.importer import Run, import_files
    from scrtool.parse.vocab import DEFAULT
    from scrtool.render.stream import Stream
    from scrtool.store.db import open_store

    path = tmp_path / "secret.pdf"
    path.write_bytes(encrypt(PLAN.read_bytes(), user="open sesame", owner="board-only"))
    asked: list[str] = []

    def ask(shown: str) -> str:
        asked.append(shown)
        return "open sesame"

    db = str(tmp_path / "s.db")
    run = Run(
        "infant-y",
        DEFAULT,
        Options(),
        open_db=lambda: contextlib.closing(open_store(db, create=True)),
        quiet=True,
        ask=ask,
    )
    failed = import_files([str(path)], run, Stream("stdout"), Stream("stderr"))
    assert (failed, asked) == (0, [str(path)])
    with contextlib.closing(open_store(db)) as store:
        assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone() == (41,)


def test_a_report_read_on_its_appendix_pages_is_titled_by_its_first_page() -> None:
    assert read_plan(str(REPORT)).report.title == "Serious Case Review: Infant Y"
    assert read_plan(str(REPORT), options=Options(pages=(30, 41))).report.title == (
        "Final recommendations from Infant Y Overview report"
    )  # the pages a user chose: their first heading


def test_ctrl_d_at_the_password_prompt_is_one_line_and_stores_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from scrtool.cli.importer import Run, import_files
    from scrtool.parse.vocab import DEFAULT
    from scrtool.render.stream import Stream

    path = tmp_path / "secret.pdf"
    path.write_bytes(encrypt(PLAN.read_bytes(), user="open sesame", owner="board-only"))

    def ask(shown: str) -> str:
        raise EOFError

    db = tmp_path / "s.db"
    run = Run("infant-y", DEFAULT, Options(), lambda: pytest.fail("the store is not opened"), quiet=True, ask=ask)
    failed = import_files([str(path)], run, Stream("stdout"), Stream("stderr"))
    assert failed == 1
    assert capsys.readouterr().err == (
        f"scrtool: error: {path}: is encrypted, and no password was given (the prompt was closed)\n"
    )
    assert not db.exists()


def test_a_cell_s_shading_is_its_fill_as_in_word(tmp_path: Path) -> None:
    page = Page()
    tops = [100.0, 120.0, 140.0, 160.0, 180.0]
    for r, colour in enumerate(["0 0.69 0.31 rg", "1 0.75 0 rg", "0.44 0.19 0.63 rg"], start=1):
        page.ops.append(f"{colour} {XS[3]:.2f} {page.height - tops[r + 1]:.2f} {XS[4] - XS[3]:.2f} 20 re f 0 g")
    page.ops.append(f"0.85 g {XS[0]:.2f} {page.height - tops[1]:.2f} {XS[4] - XS[0]:.2f} 20 re f 0 g")  # header grey
    table(
        page,
        tops,
        [
            [[h] for h in ["Agency", "No", "Action", "RAG"]],
            [["Police"], ["1"], ["Brief staff"], []],
            [["Police"], ["2"], ["Audit"], []],
            [["Police"], ["3"], ["Train"], []],
        ],
    )
    plan = read_plan(write(tmp_path, [page]))
    assert [(a.number, a.status_text, a.rag) for a in plan.actions] == [
        ("1", "Green (fill)", "green"),
        ("2", "Amber (fill)", "amber"),
        ("3", "", None),
    ]


def test_two_tables_drawn_touching_are_two_tables_where_the_columns_change(tmp_path: Path) -> None:
    page = Page()
    table(
        page,
        [100, 120, 140],
        [[["No"], ["Recommendation"], ["Status"]], [["1"], ["Share information"], ["Done"]]],
        xs=[50.0, 90.0, 400.0, 520.0],
    )
    table(page, [140, 160, 180], [[[h] for h in HEADER], [["Police"], ["1"], ["Brief officers"], ["Done"]]])
    assert cells(write(tmp_path, [page])) == [
        [["No", "Recommendation", "Status"], ["1", "Share information", "Done"]],
        [HEADER, ["Police", "1", "Brief officers", "Done"]],
    ]


def test_a_row_spanning_the_columns_stays_in_its_table(tmp_path: Path) -> None:
    page = Page()
    page.grid([XS[0], XS[-1]], [100, 120])
    page.text(XS[0] + PAD, 103, "Northshire Police")
    table(page, [120, 140, 160], [[[h] for h in HEADER], [["Police"], ["1"], ["Brief officers"], ["Done"]]])
    assert cells(write(tmp_path, [page])) == [
        [["Northshire Police", "", "", ""], HEADER, ["Police", "1", "Brief officers", "Done"]]
    ]


def test_a_word_broken_at_the_end_of_a_full_line_of_several_words_is_mended(tmp_path: Path) -> None:
    action = width("be undertaken and benchmarke") + 2 * PAD + 1
    xs = [50.0, 120.0, 160.0, 160 + action, 230 + action]
    page = Page()
    table(
        page,
        [100, 120, 170],
        [[[h] for h in HEADER], [["Police"], ["1"], ["be undertaken and benchmarke", "d across areas."], ["Done"]]],
        xs,
    )
    assert cells(write(tmp_path, [page]))[0][1] == [
        "Police",
        "1",
        "be undertaken and benchmarked across areas.",
        "Done",
    ]


def test_word_s_symbol_bullets_are_bullets_on_lines_of_their_own() -> None:
    from scrtool.parse.formats.pdf.join import Part, cell_text
    from scrtool.parse.formats.pdf.page import lines_of

    def chars(text: str, x: float, top: float) -> list[dict[str, Any]]:
        out = []
        for char in text:
            step = 4.5 if char != " " else 3.0
            out.append(
                {
                    "text": char,
                    "x0": x,
                    "x1": x + step,
                    "top": top,
                    "bottom": top + 11,
                    "size": 11.0,
                    "fontname": "OpenSymbol" if char == "\uf0b7" else "Liberation",
                }
            )
            x += step
        return out

    found = [
        *chars("include:", 263, 459),
        *chars("\uf0b7", 263, 472),
        *chars("Check all", 281, 472),
        *chars("\uf0b7", 263, 485),
        *chars("fathers", 281, 485),
    ]
    lines = lines_of(found)
    assert [line.text for line in lines] == ["include:", "\u2022 Check all", "\u2022 fathers"]
    assert cell_text([Part(257.4, 343.8, lines)], 5.5, ()) == "include:\n\u2022 Check all\n\u2022 fathers"


def test_shading_that_names_no_rating_is_one_notice_as_in_word(tmp_path: Path) -> None:
    page = Page()
    tops = [100.0, 120.0, 140.0, 160.0, 180.0, 200.0]
    purple, pink, green = "0.4392 0.1882 0.6275 rg", "1 0.8 1 rg", "0 0.69 0.31 rg"  # 7030A0, FFCCFF, 00B050
    for r, colour in enumerate([purple, pink, green, purple], start=1):
        page.ops.append(f"{colour} {XS[3]:.2f} {page.height - tops[r + 1]:.2f} {XS[4] - XS[3]:.2f} 20 re f 0 g")
    page.ops.append(f"{purple} {XS[0]:.2f} {page.height - tops[1]:.2f} {XS[4] - XS[0]:.2f} 20 re f 0 g")  # header
    rows = [["Police"], ["1"], ["Brief staff"], []], [["Police"], ["2"], ["Audit"], []]
    table(
        page,
        tops,
        [
            [[h] for h in ["Agency", "No", "Action", "RAG"]],
            *rows,
            [["Police"], ["3"], ["Train"], []],
            [["Police"], ["4"], ["Review"], []],
        ],
    )
    path = write(tmp_path, [page])
    plan = read_plan(path)
    assert [(a.number, a.status_text, a.rag) for a in plan.actions] == [
        ("1", "", None),
        ("2", "", None),
        ("3", "Green (fill)", "green"),
        ("4", "", None),
    ]
    result = run("import", path)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{path}:page 1: warning: cells shaded in colours that are not red, amber, green or blue were not read as a "
        "RAG status: 7030A0 (2), FFCCFF (1)"
    ]


def test_a_header_of_two_rows_with_merged_cells_is_one_table_and_a_date_broken_in_its_year_is_whole(
    tmp_path: Path,
) -> None:
    """``Agency`` and ``Target`` merged down both header rows, ``Action`` over ``No`` and ``Action`` (as LibreOffice
    draws a partnership's Word header: the rows' column edges differ, so the header was a table of its own), and
    a narrow date column that breaks ``31/03/2026`` as ``31/03/20`` / ``26``."""
    page = Page()
    xs, tops = [50.0, 170.0, 200.0, 400.0, 445.0], [100.0, 115.0, 130.0, 160.0]
    for x in xs:  # the rule between No and Action starts under the Action spanning both
        page.rule(x, tops[1] if x == xs[2] else tops[0], x, tops[-1])
    page.rule(xs[0], tops[0], xs[-1], tops[0])
    page.rule(xs[1], tops[1], xs[3], tops[1])  # under "Action" only: Agency and Target go on down
    for top in tops[2:]:
        page.rule(xs[0], top, xs[-1], top)
    page.text(xs[0] + PAD, tops[0] + 3, "Agency", bold=True)
    page.text(xs[1] + PAD, tops[0] + 3, "Action", bold=True)
    page.text(xs[3] + PAD, tops[0] + 3, "Target", bold=True)
    page.text(xs[1] + PAD, tops[1] + 3, "No", bold=True)
    page.text(xs[2] + PAD, tops[1] + 3, "Action", bold=True)
    page.text(xs[0] + PAD, tops[2] + 3, "Police")
    page.text(xs[1] + PAD, tops[2] + 3, "1")
    page.text(xs[2] + PAD, tops[2] + 3, "Brief staff")
    page.lines(xs[3] + 2, tops[2] + 3, ["31/03/20", "26"])
    assert width("31/03/2026") > xs[4] - xs[3] - 4  # the date does not fit its column on one line
    assert cells(write(tmp_path, [page])) == [
        [
            ["Agency", "Action", "", "Target"],
            ["", "No", "Action", ""],
            ["Police", "1", "Brief staff", "31/03/2026"],
        ]
    ]
    plan = read_plan(str(tmp_path / "plan.pdf"))
    assert [(a.agency, a.number, a.text, a.target) for a in plan.actions] == [
        ("Police", "1", "Brief staff", "2026-03-31")
    ]
    assert plan.notices == ()
