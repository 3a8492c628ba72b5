"""Text a user made with ``pdftotext -layout`` from a LibreOffice-made PDF of the Infant Y plan (the advice scrtool
used to print) reads as the markdown does, portrait and landscape; and each rule that gets it there: page
furniture left out, a table going on over a page break on the next page's own grid, its repeated header row
dropped, a row split by the break joined, words a narrow column broke mended, and a line that cannot be placed
refused. The fixtures and the script that made them are in tests/fixtures/formats/ (make_layout_text.py)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, run, unsourced
from scrtool.parse.blocks import find_blocks
from scrtool.parse.pages import strip_furniture
from scrtool.parse.tables import Table, Text

FORMATS = FIXTURES / "formats"


def answers(plan: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, str]:
    """``list`` and ``trace 1`` (JSON, sources left out) after importing ``plan`` as report infant-y alone into
    ``store``, and what the import said."""
    monkeypatch.setenv("SCRTOOL_DB", str(store))
    result = run("import", str(plan), "--report", "infant-y")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    listed = json.loads(run("list", "--format", "json").stdout)
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    return unsourced(listed), unsourced(traced), result.stdout.splitlines()[0]


@pytest.mark.parametrize(
    "name", ["infant-y-layout.txt", "infant-y-landscape-layout.txt", "infant-y-unruled-layout.txt"]
)
def test_layout_text_of_the_pdf_answers_as_the_markdown_does(
    name: str, infant_y: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed, traced, said = answers(infant_y, tmp_path / "md.db", monkeypatch)
    other_listed, other_traced, other_said = answers(FORMATS / name, tmp_path / "layout.db", monkeypatch)
    assert len(other_listed) == 41
    assert (other_listed, other_traced) == (listed, traced)
    assert (
        other_said.replace(str(FORMATS / name), "FILE")
        == said.replace(str(infant_y), "FILE")
        == (
            "infant-y: imported from FILE: 3 recommendations, 1 reminder of practice, 37 numbered actions, "
            "4 unnumbered responses"
        )
    )


def test_layout_text_of_the_41_page_report_answers_as_the_markdown_does(
    infant_y: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan as a landscape appendix of a 41-page report: each page on its own grid, so a row's tail at a page's
    top stands apart from the page's rows (by three blank lines) and on columns of its own, four positions left of
    the page before's (it was refused: "this line at the top of a page goes on with a row of the page before")."""
    listed, traced, said = answers(infant_y, tmp_path / "md.db", monkeypatch)
    report = FORMATS / "infant-y-report-layout.txt"
    monkeypatch.setenv("SCRTOOL_DB", str(tmp_path / "report.db"))
    result = run("import", str(report), "--report", "infant-y")
    assert (result.exit_code, result.stderr) == (
        0,
        f"{report}:292: warning: 1 table is not part of the plan and not read (a chronology of events): the table on "
        "line 292 (Date | Source | Event)\n",
    )
    assert result.stdout.splitlines()[0].replace(str(report), "FILE") == said.replace(str(infant_y), "FILE")
    assert unsourced(json.loads(run("list", "--format", "json").stdout)) == listed
    assert unsourced(json.loads(run("trace", "1", "--format", "json").stdout)) == traced


def test_a_row_split_by_a_page_break_is_one_row_and_keeps_its_line() -> None:
    """Oxford Health's action 10 ends on the next page (``visitor.``), under the page's header and footer."""
    lines = (FORMATS / "infant-y-layout.txt").read_text(encoding="utf-8").split("\n")
    tables = [block for block in find_blocks(lines) if isinstance(block, Table)]
    row = next(row for table in tables for row in table.rows if row.cells[:2] == ["Oxford Health", "10"])
    assert row.line == 347
    assert row.cells[2] == (
        "Former OBMH recommendation. Following a patient attendance due to self-harm, where "
        "there are young children in the home, staff will seek the mother's permission to "
        "contact the health visitor."
    )


# page furniture -------------------------------------------------------------------------------------------------


def test_running_headers_and_page_numbers_are_blanked_keeping_line_numbers() -> None:
    lines = [
        "Serious Case Review: Child T",
        "No   Action    Status",
        "1    Brief     Done",
        "",
        "Page 1",
        "\fSerious Case Review: Child T",
        "2    Train     Open",
        "- 2 -",
        "\f",
    ]
    assert strip_furniture(lines) == [
        "",
        "No   Action    Status",
        "1    Brief     Done",
        "",
        "",
        "\f",
        "2    Train     Open",
        "",
        "\f",
    ]


def test_a_header_row_repeated_at_each_page_top_is_not_furniture() -> None:
    lines = [
        "No   Action    Status",
        "1    Brief     Done",
        "\fNo   Action    Status",
        "2    Train     Open",
        "\fNo   Action    Status",
        "3    Audit     Open",
    ]
    assert strip_furniture(lines) == lines


def test_one_page_is_left_as_it_is() -> None:
    lines = ["Page 1", "No   Action    Status"]
    assert strip_furniture(lines) is lines


# tables over page breaks ----------------------------------------------------------------------------------------

HEADER = ["Agency              Action   Recommendation          Status", "                    No"]


def rows(lines: list[str]) -> list[list[tuple[int, list[str]]]]:
    return [[(row.line, row.cells) for row in block.rows] for block in find_blocks(lines) if isinstance(block, Table)]


def test_a_repeated_header_is_dropped_and_the_split_row_joined() -> None:
    lines = HEADER + [
        "Northshire Police   1        Brief every officer     Completed",
        "                             on the checks to",
        "Page 1",
        "\fChild T review",
        "Agency               Action    Recommendation           Status",
        "                     No",
        "                              make at each visit",
        "Riverside Health     2         Audit the pathway        Open",
        "Page 2",
        "\fChild T review",
        "Riverside Health     3         Train the staff          Open",
    ]
    assert rows(lines) == [
        [
            (1, ["Agency", "Action No", "Recommendation", "Status"]),
            (3, ["Northshire Police", "1", "Brief every officer on the checks to make at each visit", "Completed"]),
            (10, ["Riverside Health", "2", "Audit the pathway", "Open"]),
            (13, ["Riverside Health", "3", "Train the staff", "Open"]),
        ]
    ]


def test_a_word_a_narrow_column_broke_is_mended_also_over_a_page_break() -> None:
    lines = [
        "Agency      No   Recommendatio   Status",
        "                 n",
        "Police      1    All of the      Complete",
        "                 comprehensi     d",
        "\f                 ve audit.",
    ]
    assert rows(lines) == [
        [
            (1, ["Agency", "No", "Recommendation", "Status"]),
            (3, ["Police", "1", "All of the comprehensive audit.", "Completed"]),
        ]
    ]


def test_word_s_symbol_bullets_in_a_cell_are_lines_of_the_cell() -> None:
    """``pdftotext`` gives Word's Symbol-font bullet as U+F0B7: each starts a line of its cell (as ``•``), and the
    short line above it (``considered.``) does not end the row."""
    lines = [
        "Agency         No   Action                      Status",
        "Police         1    QA of assessments to        Completed",
        "                    include:",
        "                    \uf0b7 Check the AF is",
        "                      considered.",
        "                    \uf0b7 Fathers are seen",
        "Health         2    Train staff                 Open",
    ]
    assert rows(lines) == [
        [
            (1, ["Agency", "No", "Action", "Status"]),
            (
                2,
                [
                    "Police",
                    "1",
                    "QA of assessments to include:\n\u2022 Check the AF is considered.\n\u2022 Fathers are seen",
                    "Completed",
                ],
            ),
            (7, ["Health", "2", "Train staff", "Open"]),
        ]
    ]


def test_a_new_row_at_a_page_top_is_not_joined_to_the_row_above() -> None:
    lines = HEADER + [
        "Northshire Police   1        Brief every officer     Completed",
        "\fRiverside Health    2        Audit the pathway       Open",
    ]
    assert [cells[:2] for _, cells in rows(lines)[0]] == [
        ["Agency", "Action No"],
        ["Northshire Police", "1"],
        ["Riverside Health", "2"],
    ]


def test_a_heading_at_a_page_top_ends_the_table() -> None:
    lines = HEADER + [
        "Northshire Police   1        Brief every officer     Completed",
        "\fRiverside Health",
        "Agency             Action No   Recommendation   Status",
        "Riverside Health   1           Audit            Open",
    ]
    found = find_blocks(lines)
    assert Text(4, "Riverside Health", 0) in found
    assert [len(block.rows) for block in found if isinstance(block, Table)] == [2, 2]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_split_row_whose_columns_do_not_line_up_is_refused(tmp_path: Path) -> None:
    """The tail at the top of page 2 sits where no column of the table starts, and the page break cut two cells:
    which one it goes on is a guess."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "\n".join(
            HEADER
            + [
                "Northshire Police   1        Brief every officer     Completed",
                "                             on the checks to        in part",
                "\f                                              make at each visit",
                "",
            ]
        ),
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert (result.exit_code, result.stderr.strip()) == (
        3,
        (
            f"scrtool: error: {path}:5: this line at the top of a page goes on with a row of the page before, but its "
            "columns do not line up with that table's: cannot tell which cells it continues (import the PDF itself, or "
            "the document it was made from)"
        ),
    )
    assert run("list").exit_code == 4


def test_a_split_row_s_tail_set_apart_near_the_number_column_goes_on_with_the_text() -> None:
    """The next page's grid sets the text one position right of where the number was (its rows unnumbered, a
    report's responses), and blank lines part the tail from the page's rows: words near a number column are the
    text after it (numbers do not wrap)."""
    lines = [
        "Agency              No  Action                  Status",
        "Northshire Police   1   Brief every officer     Completed",
        "                        on the checks to",
        "\f                     make at each visit",
        "",
        "",
        "",
        "Overview report:     All agencies to share     Completed",
        "",
    ]
    assert rows(lines) == [
        [
            (1, ["Agency", "No", "Action", "Status"]),
            (2, ["Northshire Police", "1", "Brief every officer on the checks to make at each visit", "Completed"]),
            (8, ["Overview report:", "", "All agencies to share", "Completed"]),
        ]
    ]


def test_a_split_row_s_tail_off_the_grid_goes_on_with_the_one_cell_the_break_cut() -> None:
    """The page break cut one cell (the row's last line fills only its text): a tail in one column of its own,
    where no column starts, goes on with that cell; the page's rows, set over by the page's own grid (its first
    columns blank there), are read on the table's columns shifted alike."""
    lines = HEADER + [
        "Northshire Police   1        Brief every officer     Completed",
        "                             on the checks to",
        "\f                                     make at each visit",
        "                                     and record them.",
        "                                     Audit the checks        Open",
        "                                     each quarter.",
        "",
    ]
    assert rows(lines) == [
        [
            (1, ["Agency", "Action No", "Recommendation", "Status"]),
            (
                3,
                [
                    "Northshire Police",
                    "1",
                    "Brief every officer on the checks to make at each visit and record them.",
                    "Completed",
                ],
            ),
            (7, ["", "", "Audit the checks each quarter.", "Open"]),
        ]
    ]


def test_a_one_column_tail_goes_on_with_the_cut_cell_though_it_stands_near_another_column() -> None:
    """Only the action cell ran to the page's bottom (its status ended on the row's first line): the next page's
    tail goes on with it, though that page's grid set it near where the status column started."""
    lines = HEADER + [
        "Northshire Police   1        Brief every officer     Completed",
        "                             on the checks to",
        "\f                                                      make at each visit.",
        "",
    ]
    assert rows(lines) == [
        [
            (1, ["Agency", "Action No", "Recommendation", "Status"]),
            (3, ["Northshire Police", "1", "Brief every officer on the checks to make at each visit.", "Completed"]),
        ]
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_split_row_s_tail_that_lands_on_the_number_column_is_refused(tmp_path: Path) -> None:
    """The next page sets its columns closer (a report's landscape appendix): the tail would land on the row's
    number, which does not wrap, so the line cannot be placed (it was read as an action numbered 'make at each
    visit')."""
    path = tmp_path / "plan.txt"
    path.write_text(
        "\n".join(
            HEADER
            + [
                "Northshire Police   1        Brief every officer     Completed",
                "                             on the checks to",
                "\f                    make at each visit",
                "",
                "Overview report:    All agencies to share       Completed",
                "",
            ]
        ),
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert (result.exit_code, result.stderr.strip()) == (
        3,
        (
            f"scrtool: error: {path}:5: this line at the top of a page goes on with a row of the page before, but its "
            "columns do not line up with that table's: cannot tell which cells it continues (import the PDF itself, or "
            "the document it was made from)"
        ),
    )
    assert run("list").exit_code == 4


@pytest.mark.parametrize(
    ("name", "names"),
    [
        ("Agency", False),
        ("Lead agency", False),
        ("Organisations", False),
        ("Agency for Children", True),
        ("Children's Social Care", True),
    ],
)
def test_a_header_word_alone_names_no_agency(name: str, names: bool) -> None:
    """The layout text leaves a table's ``Agency`` title row on a line of its own over the table: it is not an
    agency called "Agency" (whose actions the plan's text would then hold)."""
    from scrtool.parse.headings import names_an_organisation

    assert names_an_organisation(name) is names
