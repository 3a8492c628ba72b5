"""Aligned text (``pdftotext -layout``) whose tables each sit on their own column grid: a table under another,
after a blank line, is read on its own columns, not on the grid of the table above."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import INFANT_Y
from scrtool.parse import read_plan
from scrtool.parse.blocks import find_blocks
from scrtool.parse.tables import Table
from test_parse_shapes import reading

SHAPES = Path(__file__).parent / "fixtures" / "shapes"


def rows(lines: list[str]) -> list[list[tuple[int, list[str]]]]:
    return [[(row.line, row.cells) for row in block.rows] for block in find_blocks(lines) if isinstance(block, Table)]


def test_infant_y_with_a_grid_for_each_table_reads_as_its_pipe_tables() -> None:
    if not INFANT_Y.exists():
        pytest.skip(f"the shared corpus is not beside this checkout ({INFANT_Y})")
    expected = reading(read_plan(str(INFANT_Y), report_id="infant-y"))
    assert reading(read_plan(str(SHAPES / "infant-y-grids.txt"), report_id="infant-y")) == expected


def test_a_table_on_another_grid_after_a_blank_line_is_a_table_of_its_own() -> None:
    """Oxford Health's second table sets its number column further right than its first does (lines 107-120 of
    the fixture): its numbers are read as numbers, not as the start of the text."""
    lines = (SHAPES / "infant-y-grids.txt").read_text(encoding="utf-8").split("\n")[106:120]
    found = rows(lines)
    assert [[(line, cells[:2], cells[2].split(".")[0]) for line, cells in table] for table in found] == [
        [
            (
                1,
                ["Oxford Health", "7"],
                "Ensure staff can recognise when and how to escalate concerns about the "
                "management of a case by another profession or agency",
            ),
            (
                4,
                ["Oxford Health", "8"],
                "Ensure children who transfer in are offered any outstanding developmental reviews",
            ),
        ],
        [
            (
                7,
                ["Oxford Health", "9"],
                "For Mental Health Professionals to share information directly with Health "
                "Visitors if a parent of a child under five experiences a significant mental health event",
            ),
            (11, ["Oxford Health", "10"], "Former OBMH recommendation"),
        ],
    ]


def test_a_header_on_the_grid_of_the_table_above_goes_on_with_it() -> None:
    """The child-t layout: an agency's header two blank lines under the table before, on the same columns."""
    lines = [
        "Northshire Police   Action No   Recommendation        Status",
        "Northshire Police   1           Issue a briefing      Completed",
        "",
        "",
        "Riverside Health    Action No   Recommendation        Status",
        "Riverside Health    1           Refresh the pathway   Completed",
    ]
    assert rows(lines) == [
        [
            (1, ["Northshire Police", "Action No", "Recommendation", "Status"]),
            (2, ["Northshire Police", "1", "Issue a briefing", "Completed"]),
            (5, ["Riverside Health", "Action No", "Recommendation", "Status"]),
            (6, ["Riverside Health", "1", "Refresh the pathway", "Completed"]),
        ]
    ]


def test_a_headerless_table_with_a_blank_column_takes_the_columns_of_the_table_above() -> None:
    """After a page break (its own grid, a few positions off), rows whose number column is blank throughout
    go on with the table above, with its four cells: the blank one where it has its number column."""
    lines = [
        "Children's Social   Action   Recommendation              Status",
        "Care                No",
        "Children's Social   8        Existing agreements re      Completed",
        "Care                         sexual abuse",
        "\fOverview report:              All agencies to be          Completed",
        "                              reminded of mental health",
        "                              OSCB to require all         Completed",
        "                              agencies to review",
    ]
    found = rows(lines)
    assert found[0][2:] == [
        (5, ["Overview report:", "", "All agencies to be reminded of mental health", "Completed"]),
        (7, ["", "", "OSCB to require all agencies to review", "Completed"]),
    ]
