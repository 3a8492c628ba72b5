"""One reader, many table shapes: the same plan as pipe tables without outer pipes, grid tables, pdftotext
-layout columns, TSV and CSV reads into the same records; and find_blocks on each quirk, cell by cell."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scrtool.parse
from conftest import INFANT_Y, write
from scrtool.model import Plan, Status
from scrtool.parse import read_plan
from scrtool.parse.blocks import find_blocks
from scrtool.parse.cells import clean
from scrtool.parse.lines import is_delimiter_row
from scrtool.parse.pages import strip_furniture
from scrtool.parse.tables import Block, Row, Table, Text

SHAPES = Path(__file__).parent / "fixtures" / "shapes"
CHILD_T = SHAPES / "child-t.md"
"""A copy of samples/child-t.md (as it was when the other shapes were written from it)."""


def reading(plan: Plan) -> dict[str, Any]:
    """Everything a plan says but where it says it: records without their source lines."""

    def strip(record: Any) -> dict[str, Any]:
        fields = dataclasses.asdict(record)
        fields.pop("source")
        return fields

    return {
        "title": plan.report.title,
        "recommendations": [strip(r) for r in plan.recommendations],
        "links": [strip(link) for link in plan.links],
        "actions": [strip(a) for a in plan.actions],
        "warnings": [n.message for n in plan.notices],
    }


def read_named(path: Path, monkeypatch: pytest.MonkeyPatch, report_id: str = "child-t") -> Plan:
    """read_plan, with the file's name handed to find_blocks (as read_plan should: see the CSV test)."""
    real = scrtool.parse.blocks.find_blocks
    monkeypatch.setattr(scrtool.parse, "find_blocks", lambda lines, name="": real(lines, name or path.name))
    return read_plan(str(path), report_id=report_id)


def sources(plan: Plan) -> tuple[list[int], list[int], list[int]]:
    return (
        [r.source.line for r in plan.recommendations],
        [link.source.line for link in plan.links],
        [a.source.line for a in plan.actions],
    )


# the same plan in every shape --------------------------------------------------------------------------------

SHAPE_LINES = {
    "child-t-nopipes.md": (
        [5, 8, 10, 12],
        [5, 6, 7, 8, 9, 10, 12],
        [18, 19, 23, 24, 25, 29, 30, 34, 35, 36, 37, 38, 39],
    ),
    "child-t-grid.txt": (
        [6, 16, 22, 29],
        [6, 12, 14, 16, 20, 22, 29],
        [44, 48, 56, 60, 64, 69, 73, 84, 89, 92, 95, 98, 101],
    ),
    "child-t-layout.txt": (
        [4, 9, 12, 15],
        [4, 7, 8, 9, 11, 12, 15],
        [23, 25, 31, 34, 36, 38, 40, 47, 50, 51, 52, 54, 56],
    ),
    "child-t.tsv": ([4, 7, 9, 11], [4, 5, 6, 7, 8, 9, 11], [16, 17, 20, 21, 22, 25, 26, 29, 30, 31, 32, 33, 34]),
    "child-t.csv": ([4, 7, 9, 11], [4, 5, 6, 7, 8, 9, 11], [16, 17, 20, 21, 22, 25, 26, 29, 30, 31, 32, 33, 34]),
}


@pytest.fixture(scope="module")
def pipe_reading() -> dict[str, Any]:
    return reading(read_plan(str(CHILD_T), report_id="child-t"))


@pytest.mark.parametrize("name", sorted(SHAPE_LINES))
def test_every_shape_reads_as_the_pipe_tables(
    name: str, pipe_reading: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = read_named(SHAPES / name, monkeypatch)
    assert reading(plan) == pipe_reading
    assert len(plan.actions) == 13 and len(plan.links) == 7


@pytest.mark.parametrize("name", sorted(SHAPE_LINES))
def test_every_record_carries_its_rows_first_line(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = SHAPES / name
    plan = read_named(path, monkeypatch)
    assert sources(plan) == SHAPE_LINES[name]
    lines = path.read_text(encoding="utf-8").split("\n")
    for action in plan.actions:  # the row's first line holds the first word of its text
        assert action.text.split()[0] in lines[action.source.line - 1]
    for link in plan.links:
        assert link.agency.split()[0] in lines[link.source.line - 1]


@pytest.mark.parametrize(
    "name", ["child-t-nopipes.md", "child-t-grid.txt", "child-t-layout.txt", "child-t.tsv", "child-t.csv"]
)
def test_read_plan_reads_each_shape_by_itself(name: str, pipe_reading: dict[str, Any]) -> None:
    plan = read_plan(str(SHAPES / name), report_id="child-t")
    assert reading(plan) == pipe_reading


def test_infant_y_through_pdftotext_layout_reads_as_its_pipe_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real plan typeset as a PDF (wrapped cells, pages, agency names over two lines) and run through
    ``pdftotext -layout``: the aligned reader must give every record of the pipe-table version."""
    if not INFANT_Y.exists():
        pytest.skip(f"the shared corpus is not beside this checkout ({INFANT_Y})")
    expected = reading(read_plan(str(INFANT_Y), report_id="infant-y"))
    plan = read_named(SHAPES / "infant-y-layout.txt", monkeypatch, report_id="infant-y")
    assert reading(plan) == expected


# pipe tables: markdown-it's table rule, quirk by quirk --------------------------------------------------------


def tables(blocks: list[Block]) -> list[list[tuple[int, list[str], bool]]]:
    return [
        [(row.line, [cell.strip() for cell in row.cells], row.header) for row in block.rows]
        for block in blocks
        if isinstance(block, Table)
    ]


def texts(blocks: list[Block]) -> list[tuple[int, str]]:
    return [(block.line, block.text) for block in blocks if isinstance(block, Text)]


def test_escaped_pipe_stays_inside_its_cell() -> None:
    blocks = find_blocks(
        [
            "| No | Action | Status |",
            "|---|---|---|",
            "| 1 | Use a \\| b | Done |",
            "",
            "No | Action",
            "--- | ---",
            "2 | c \\| d",
        ]
    )
    assert tables(blocks) == [
        [(1, ["No", "Action", "Status"], True), (3, ["1", "Use a | b", "Done"], False)],
        [(5, ["No", "Action"], True), (7, ["2", "c | d"], False)],
    ]


def test_ragged_rows_keep_every_cell() -> None:
    blocks = find_blocks(
        [
            "| No | Action | Status |",
            "|---|---|---|",
            "| 1 | Short |",
            "| 2 | Long | Done | beyond the header | and more |",
        ]
    )
    assert tables(blocks) == [
        [
            (1, ["No", "Action", "Status"], True),
            (3, ["1", "Short"], False),
            (4, ["2", "Long", "Done", "beyond the header", "and more"], False),
        ]
    ]


def test_cells_beyond_the_header_reach_the_records_with_a_warning(tmp_path: Path) -> None:
    text = (
        "| Police | Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
        "| Police | 1 | Circulate a bulletin | Bulletin read | Completed | see the minutes of May |\n"
    )
    plan = read_plan(write(tmp_path, "plan.md", text))
    (action,) = plan.actions
    assert "see the minutes of May" in dict(action.extra).values()
    assert [n.line for n in plan.notices] == [3]


@pytest.mark.parametrize(
    "delimiter",
    [
        "|\u00a0---\u00a0|\u00a0---\u00a0|",  # non-breaking spaces (Word)
        "| \u2013\u2013\u2013 | \u2013\u2013\u2013 |",  # en dashes
        "| \u2014\u2014\u2014 | \u2014\u2014\u2014 |",  # em dashes
        "|:\u2014\u2014:|\u2212\u2212\u2212:|",  # aligned, minus signs
        "\u2014\u2014\u2014 | \u2014\u2014\u2014",  # no outer pipes
        "|---+---|",  # org-mode
    ],
)
def test_delimiter_rows_with_word_dashes_and_nbsp(delimiter: str) -> None:
    assert is_delimiter_row(delimiter.strip())
    lines = (
        ["No | Action", delimiter, "1 | Write"]
        if "|" not in delimiter[:1]
        else ["| No | Action |", delimiter, "| 1 | Write |"]
    )
    assert tables(find_blocks(lines)) == [[(1, ["No", "Action"], True), (3, ["1", "Write"], False)]]


def test_a_row_of_dashes_in_words_is_not_a_delimiter() -> None:
    assert not is_delimiter_row("| 1 | Multi-agency review | - |")
    assert not is_delimiter_row("| --- | text |")


def test_paragraph_right_under_a_table_is_text() -> None:
    blocks = find_blocks(
        [
            "| No | Action |",
            "|---|---|",
            "| 1 | Write |",
            "Signed off by the Board in May.",
            "No | Action",
            "---|---",
            "2 | Check",
            "A second paragraph, with no pipe.",
        ]
    )
    assert tables(blocks) == [
        [(1, ["No", "Action"], True), (3, ["1", "Write"], False)],
        [(5, ["No", "Action"], True), (7, ["2", "Check"], False)],
    ]
    assert texts(blocks) == [(4, "Signed off by the Board in May."), (8, "A second paragraph, with no pipe.")]


def test_in_cell_breaks_are_not_new_rows() -> None:
    row = "| 1 | first<br>second | one\x0btwo | this\u2028that | p1\u2029p2 |"
    blocks = find_blocks(["| No | A | B | C | D |", "|---|---|---|---|---|", row, "| 2 | x | y | z | w |"])
    (table,) = tables(blocks)
    assert [line for line, _, _ in table] == [1, 3, 4]
    cells = [clean(cell) for cell in blocks[0].rows[1].cells] if isinstance(blocks[0], Table) else []
    assert cells == ["1", "first\nsecond", "one\ntwo", "this\nthat", "p1\np2"]


def test_code_fence_with_pipes_is_text() -> None:
    blocks = find_blocks(
        [
            "Intro",
            "```text",
            "| No | Action |",
            "|---|---|",
            "| 1 | Write |",
            "```",
            "| No | Action |",
            "|---|---|",
            "| 2 | Check |",
        ]
    )
    assert texts(blocks) == [
        (1, "Intro"),
        (2, "```text"),
        (3, "| No | Action |"),
        (4, "|---|---|"),
        (5, "| 1 | Write |"),
        (6, "```"),
    ]
    assert tables(blocks) == [[(7, ["No", "Action"], True), (9, ["2", "Check"], False)]]


def test_fence_closes_only_on_a_fence_as_long() -> None:
    blocks = find_blocks(["````", "```", "| 1 | 2 |", "````", "| 3 | 4 |"])
    assert tables(blocks) == [[(5, ["3", "4"], False)]]


def test_unclosed_fence_does_not_swallow_the_plan() -> None:
    blocks = find_blocks(["~~~", "| No | Action |", "|---|---|", "| 1 | Write |"])
    assert texts(blocks) == [(1, "~~~")]
    assert tables(blocks) == [[(2, ["No", "Action"], True), (4, ["1", "Write"], False)]]


def test_prose_with_double_spaces_is_text() -> None:
    prose = [
        "The Board agreed the plan.  It will be reviewed in March.  Progress is reported each quarter.",
        "Agencies update their actions every month and the Board monitors them at each meeting.",
        "Short line.  Another sentence.  And a third.",
        "",
        "Name      Value",
        "alpha     1",
    ]
    assert texts(find_blocks(prose)) == [(i + 1, line) for i, line in enumerate(prose) if line]


def test_delimiter_row_with_no_header_starts_a_headerless_table() -> None:
    blocks = find_blocks(["Title", "|---|---|", "| 1 | Write |", "", "|---|---|", "after"])
    assert tables(blocks) == [[(3, ["1", "Write"], False)]]
    assert texts(blocks) == [(1, "Title"), (5, "|---|---|"), (6, "after")]


# grid tables ---------------------------------------------------------------------------------------------------


def test_grid_table_header_wrapped_cells_and_text_around() -> None:
    lines = [
        "Action plan",
        "",
        "+-----+------------------+--------+",
        "| No  | Action           | Status |",
        "+=====+==================+========+",
        "| 1   | Share the multi- | Done   |",
        "|     | agency checklist |        |",
        "|     | with the GP      |        |",
        "+-----+------------------+--------+",
        "| 2   | Audit            |        |",
        "+-----+------------------+--------+",
        "Next heading",
    ]
    blocks = find_blocks(lines)
    assert tables(blocks) == [
        [
            (4, ["No", "Action", "Status"], True),
            (6, ["1", "Share the multi-agency checklist with the GP", "Done"], False),
            (10, ["2", "Audit", ""], False),
        ]
    ]
    assert texts(blocks) == [(1, "Action plan"), (12, "Next heading")]


def test_headerless_grid_table_and_one_left_open() -> None:
    lines = ["+---+-------+", "| 3 | Check |", "+---+-------+", "| 4 | Train |", "|   | staff |"]
    assert tables(find_blocks(lines)) == [[(2, ["3", "Check"], False), (4, ["4", "Train staff"], False)]]


def test_grid_cells_off_their_borders_and_spanning_columns() -> None:
    lines = [
        "+---+-------+-------+",
        "| Section title spanning |",  # no | at the inner borders: one cell, in the first column
        "+---+-------+-------+",
        "| 1 | Wide é text | ok |",  # hand-edited, its | elsewhere: split on its own pipes
        "+---+-------+-------+",
        "| 2 | Spanning both |",
        "+---+-------+-------+",
    ]
    assert tables(find_blocks(lines)) == [
        [
            (2, ["Section title spanning", "", ""], False),
            (4, ["1", "Wide é text", "ok"], False),
            (6, ["2", "Spanning both", ""], False),
        ]
    ]


def test_box_drawing_grid() -> None:
    lines = [
        "╒════╤═══════╕",
        "│ No │ Text  │",
        "╞════╪═══════╡",
        "│ 1  │ Share │",
        "├────┼───────┤",
        "│ 2  │ Audit │",
        "╘════╧═══════╛",
    ]
    assert tables(find_blocks(lines)) == [
        [(2, ["No", "Text"], True), (4, ["1", "Share"], False), (6, ["2", "Audit"], False)]
    ]


def test_a_border_alone_is_text() -> None:
    assert texts(find_blocks(["+------+", "not a table"])) == [(1, "+------+"), (2, "not a table")]


# whitespace-aligned columns ------------------------------------------------------------------------------------

ALIGNED = [
    "Serious Case Review: Child Q action plan",  # 1
    "",  # 2
    "Rec No.   Recommendation                 IMR Agency             IMR Action",  # 3
    "                                                                 No.",  # 4
    "1         Share the assessment with      Health Trust           Actions: 1, 2",  # 5
    "          the GP and the health",  # 6
    "          visitor",  # 7
    "                                         Police                 Action 1",  # 8
    "                                         Social Care            Action 2",  # 9
    "2         Audit escalation               Oxford University      Action 3",  # 10
    "                                         Hospitals",  # 11
    "Signed.",  # 12
]


def test_aligned_columns_continuations_and_the_text_around() -> None:
    blocks = find_blocks(ALIGNED)
    assert texts(blocks) == [(1, "Serious Case Review: Child Q action plan"), (12, "Signed.")]
    assert tables(blocks) == [
        [
            (3, ["Rec No.", "Recommendation", "IMR Agency", "IMR Action No."], False),
            (
                5,
                ["1", "Share the assessment with the GP and the health visitor", "Health Trust", "Actions: 1, 2"],
                False,
            ),
            (8, ["", "", "Police", "Action 1"], False),
            (9, ["", "", "Social Care", "Action 2"], False),
            (10, ["2", "Audit escalation", "Oxford University Hospitals", "Action 3"], False),
        ]
    ]


def test_aligned_agency_table_with_a_wrapped_lead_and_a_response_row() -> None:
    lines = [
        "Riverside Health/   Action   Recommendation              Status",  # 1
        "Community Trust     No",  # 2
        "Riverside Health/   1        Refresh the antenatal       Completed",  # 3
        "Community Trust              pathway",  # 4
        "                    2        Audit the pathway           In progress",  # 5
        "Overview                     All agencies must share     Completed",  # 6
        "recommendation               the assessment",  # 7
    ]
    assert tables(find_blocks(lines)) == [
        [
            (1, ["Riverside Health/ Community Trust", "Action No", "Recommendation", "Status"], False),
            (3, ["Riverside Health/ Community Trust", "1", "Refresh the antenatal pathway", "Completed"], False),
            (5, ["", "2", "Audit the pathway", "In progress"], False),
            (6, ["Overview recommendation", "", "All agencies must share the assessment", "Completed"], False),
        ]
    ]


def test_aligned_block_goes_on_over_blank_lines_and_over_a_page_break_on_the_page_s_own_grid() -> None:
    lines = [
        "No   Action             Status",
        "1    Write the plan     Done",
        "",
        "2    Check the plan     Open",
        "\f3  Train   Open",
        "4  Audit   Done",
    ]
    assert tables(find_blocks(lines)) == [
        [
            (1, ["No", "Action", "Status"], False),
            (2, ["1", "Write the plan", "Done"], False),
            (4, ["2", "Check the plan", "Open"], False),
            (5, ["3", "Train", "Open"], False),
            (6, ["4", "Audit", "Done"], False),
        ],
    ]


def test_a_page_of_another_table_after_a_page_break_is_a_table_of_its_own() -> None:
    lines = [
        "No   Action             Status",
        "1    Write the plan     Done",
        "\fAgency    Action No    Recommendation    Target date    Status",
        "Police    1            Brief officers    March 2024     Done",
    ]
    assert [len(table) for table in tables(find_blocks(lines))] == [2, 2]


def test_aligned_needs_three_columns_and_two_lines_sharing_them() -> None:
    one_line = ["No   Action             Status", "A paragraph that runs across all of the columns above it."]
    assert texts(find_blocks(one_line)) == [(1, one_line[0]), (2, one_line[1])]
    two_columns = ["Name      Value", "alpha     1", "beta      2"]
    assert tables(find_blocks(two_columns)) == []


def test_double_space_inside_a_cell_of_the_first_line_is_not_a_column() -> None:
    lines = [
        "No   Action  plan drafted         Status",
        "1    Write the plan and send it   Done",
        "2    Check the plan               Open",
    ]
    assert tables(find_blocks(lines)) == [
        [
            (1, ["No", "Action  plan drafted", "Status"], False),
            (2, ["1", "Write the plan and send it", "Done"], False),
            (3, ["2", "Check the plan", "Open"], False),
        ]
    ]


def test_aligned_text_stops_at_a_pipe_table_right_under_it() -> None:
    lines = [
        "Date:  May 2024   Owner:  Board",
        "Rec:  1   Agency:  Police",
        "No | Action | Status",
        "--- | --- | ---",
        "1 | Write | Done",
    ]
    blocks = find_blocks(lines)
    assert tables(blocks) == [[(3, ["No", "Action", "Status"], True), (5, ["1", "Write", "Done"], False)]]
    assert texts(blocks) == [(1, lines[0]), (2, lines[1])]


# tab- and comma-separated --------------------------------------------------------------------------------------


def test_csv_file_quoted_fields_keep_their_records_first_line() -> None:
    lines = [
        "Child Q action plan,,,",
        ",,,",
        "No,Action,Outcome,Status",
        '1,"Write it, then',
        'check it",Done,Completed',
        '2,"Say ""hi""",x,y',
        "",
        "Agency action plans,,,",
        "3,a,b,c",
        "",
    ]
    blocks = find_blocks(lines, "plan.csv")
    assert texts(blocks) == [(1, "Child Q action plan"), (8, "Agency action plans")]
    assert tables(blocks) == [
        [
            (3, ["No", "Action", "Outcome", "Status"], False),
            (4, ["1", "Write it, then\u2028check it", "Done", "Completed"], False),
            (6, ["2", 'Say "hi"', "x", "y"], False),
        ],
        [(9, ["3", "a", "b", "c"], False)],
    ]
    assert clean("Write it, then\u2028check it") == "Write it, then\ncheck it"


def test_csv_stray_quote_loses_nothing() -> None:
    lines = ["No,Action,Status", '1,"unclosed,Done', "2,Check,Open", ""]
    assert tables(find_blocks(lines, "PLAN.CSV")) == [
        [
            (1, ["No", "Action", "Status"], False),
            (2, ["1", '"unclosed', "Done"], False),
            (3, ["2", "Check", "Open"], False),
        ]
    ]


def test_csv_only_by_its_name() -> None:
    lines = ["No,Action,Status", "1,Write,Done"]
    assert tables(find_blocks(lines)) == []
    assert tables(find_blocks(lines, "plan.txt")) == []
    assert len(tables(find_blocks(lines, "plan.csv"))) == 1


def test_tsv_file_and_tab_block_in_text() -> None:
    tsv = ["No\tAction\tStatus", '1\t"Write\tit"\tDone', ""]
    assert tables(find_blocks(tsv, "plan.tsv")) == [
        [(1, ["No", "Action", "Status"], False), (2, ["1", "Write\tit", "Done"], False)]
    ]
    text = ["Plan", "", "No\tAction\tStatus", "1\tWrite\tDone", "2\tCheck", "after"]
    blocks = find_blocks(text)
    assert tables(blocks) == [
        [(3, ["No", "Action", "Status"], False), (4, ["1", "Write", "Done"], False), (5, ["2", "Check"], False)]
    ]
    assert texts(blocks) == [(1, "Plan"), (6, "after")]


# nothing is dropped --------------------------------------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z0-9]+")


def words_of_blocks(blocks: list[Block]) -> set[str]:
    found: set[str] = set()
    for block in blocks:
        if isinstance(block, Text):
            found.update(_WORD.findall(block.text))
        else:
            for row in block.rows:
                assert isinstance(row, Row) and row.line >= 1
                found.update(word for cell in row.cells for word in _WORD.findall(cell))
    return found


@pytest.mark.parametrize("name", sorted(SHAPE_LINES) + ["infant-y-layout.txt"])
def test_every_word_of_a_fixture_is_in_a_block(name: str) -> None:
    lines = (SHAPES / name).read_text(encoding="utf-8").split("\n")
    assert set(_WORD.findall("\n".join(lines))) <= words_of_blocks(find_blocks(lines, name))


_PIECES = st.sampled_from(
    [
        "|",
        " ",
        "  ",
        "   ",
        "\t",
        "+---",
        "+===",
        "-",
        "\u2014",
        ":",
        "```",
        "~~~",
        "\\|",
        "<br>",
        "\x0b",
        "\u2028",
        "\u00a0",
        "\f",
        "#",
        "1",
        "2.1",
        "Police",
        "Completed",
        "Action No",
        "Recommendation",
        "agency",
        '"',
        ",",
        "\u250c\u2500\u252c",
        "\u2502",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(_PIECES, max_size=12).map("".join), max_size=12), st.sampled_from(["", "plan.csv", "plan.tsv"])
)
def test_no_line_is_lost(lines: list[str], name: str) -> None:
    """Every word is in a block, but a page's running header, footer or number (``pages.py``: form feeds)."""
    blocks = find_blocks(lines, name)
    kept = strip_furniture(lines) if name == "" and any(line.startswith("\f") for line in lines) else lines
    assert set(_WORD.findall("\n".join(kept))) <= words_of_blocks(blocks)
    numbers = [block.line for block in blocks]
    assert all(1 <= n <= len(lines) for n in numbers)
    assert all(block.rows for block in blocks if isinstance(block, Table))


def test_aligned_dhr_plan_whose_rows_start_with_the_number_in_the_recommendation_text(tmp_path: Path) -> None:
    lines = [
        "Recommendation            Action to take               Lead Agency        Target Date     Date of completion",
        "1. The CSP should         Commission refreshed         Community Safety   March 2023      June 2023",
        "review its training.      training                     Partnership",
        "2. GPs should ask         Issue guidance to            Riverside ICB      December 2023   Ongoing",
        "about abuse.              practices",
    ]
    assert tables(find_blocks(lines)) == [
        [
            (1, ["Recommendation", "Action to take", "Lead Agency", "Target Date", "Date of completion"], False),
            (
                2,
                [
                    "1. The CSP should review its training.",
                    "Commission refreshed training",
                    "Community Safety Partnership",
                    "March 2023",
                    "June 2023",
                ],
                False,
            ),
            (
                4,
                [
                    "2. GPs should ask about abuse.",
                    "Issue guidance to practices",
                    "Riverside ICB",
                    "December 2023",
                    "Ongoing",
                ],
                False,
            ),
        ]
    ]
    plan = read_plan(write(tmp_path, "dhr.txt", "\n".join(lines) + "\n"))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "The CSP should review its training."),
        ("2", "GPs should ask about abuse."),
    ]
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Community Safety Partnership", "1.1", "Commission refreshed training", Status.COMPLETED),
        ("Riverside ICB", "2.1", "Issue guidance to practices", Status.IN_PROGRESS),
    ]


def test_tab_block_pasted_from_excel_with_a_cell_quoted_over_lines() -> None:
    lines = [
        "SAR Mr K action plan",
        "",
        "No.\tRecommendation\tLead Agency\tStatus",
        '1\t"The SAB should:',
        '- commission MCA training"\tSafeguarding Adults Board\tComplete',
        "2\tPolice to refer adults to the MASH\tNorthshire Police\tIn progress",
        "",
        'A note with one " quote',
    ]
    assert tables(find_blocks(lines)) == [
        [
            (3, ["No.", "Recommendation", "Lead Agency", "Status"], False),
            (
                4,
                ["1", "The SAB should:\u2028- commission MCA training", "Safeguarding Adults Board", "Complete"],
                False,
            ),
            (6, ["2", "Police to refer adults to the MASH", "Northshire Police", "In progress"], False),
        ]
    ]


def test_aligned_plan_whose_recommendation_text_goes_on_in_a_list(tmp_path: Path) -> None:
    lines = [
        "Recommendation                                        Lead Agency                     Status",
        "1. The CSP should ensure that agencies:               Community Safety Partnership    Completed",
        "   a) adopt the DA workplace policy; and",
        "   b) train managers in it.",
        "2. The police should review Clare's Law, including:  Northshire Police               Not started",
        "   1) right to ask; and",
        "   2) right to know.",
    ]
    plan = read_plan(write(tmp_path, "list.txt", "\n".join(lines) + "\n"))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "The CSP should ensure that agencies: a) adopt the DA workplace policy; and b) train managers in it."),
        ("2", "The police should review Clare's Law, including: 1) right to ask; and 2) right to know."),
    ]
    assert [(a.agency, a.number, a.status) for a in plan.actions] == [
        ("Community Safety Partnership", "1", Status.COMPLETED),
        ("Northshire Police", "2", Status.NOT_STARTED),
    ]
    assert plan.notices == ()


def test_rows_without_outer_pipes_keep_a_blank_first_or_last_cell() -> None:
    lines = [
        "Rec No. | Recommendation | IMR Agency | IMR Action No.",
        "--- | --- | --- | ---",
        "1 | Share information. | Oxford Health | Actions: 1, 3",
        " |  | Thames Valley Police | Action 2",
        "2 | Escalate. | Children's Social Care |",
        "| |  | Riverside Health | Action 9",
    ]
    assert tables(find_blocks(lines)) == [
        [
            (1, ["Rec No.", "Recommendation", "IMR Agency", "IMR Action No."], True),
            (3, ["1", "Share information.", "Oxford Health", "Actions: 1, 3"], False),
            (4, ["", "", "Thames Valley Police", "Action 2"], False),
            (5, ["2", "Escalate.", "Children's Social Care", ""], False),
            (6, ["", "", "Riverside Health", "Action 9"], False),
        ]
    ]
