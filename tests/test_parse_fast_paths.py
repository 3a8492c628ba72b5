"""The parser's shortcuts read what its general paths read: a row whose only markup is ``&`` before a space or a
``<`` that starts no HTML is cleaned by stripping; a pipe row with both outer pipes is split in one step."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrtool.parse.cells import clean, clean_cells, split_pipe_row

PIECES = [
    "a",
    " ",
    "  ",
    "& ",
    "<1",
    "< 2",
    "y<",
    "\t",
    "\f",
    "\r",
    "\n",
    "\x0b",
    "\u2028",
    "\xa0",
    "\x00",
    "&",
    "&amp;",
    "<u>",
    "<B",
    "<!",
    "</",
    "**x**",
    "*x*",
    "_x_",
    "~~x~~",
    "`x`",
    "[x](y)",
    "\\& ",
]
"""What a cell may hold around ``&`` and ``<`` that clean keeps (first), and what makes it do more (the rest)."""
KEPT = st.lists(st.sampled_from(PIECES[:7]), max_size=5).map("".join)
"""Cells clean only strips and folds."""
NEAR = st.lists(st.sampled_from(PIECES[:7] * 3 + PIECES[7:]), max_size=6).map("".join)
"""Cells of the same, now and then with one thing that makes clean do more."""


@settings(max_examples=600, deadline=None)
@given(st.lists(KEPT, min_size=1, max_size=5), st.lists(NEAR, min_size=1, max_size=2), st.randoms())
def test_rows_near_kept_markup_are_clean_of_each_cell(kept: list[str], near: list[str], rng: random.Random) -> None:
    row = kept + near
    rng.shuffle(row)
    assert clean_cells(row) == [clean(cell) for cell in row]
    assert clean_cells(kept) == [clean(cell) for cell in kept]


@pytest.mark.parametrize(
    "other",
    [
        "\r",
        "\n",
        "\x0b",
        "\u2028",
        "\x00",
        "&amp;",
        "&",
        "<u>",
        "</",
        "<!",
        "**x**",
        " *x* ",
        " _x_ ",
        " ~~x~~ ",
        "`x`",
        "[x](y)",
        " \\& ",
        "\\<1",
    ],
)
def test_a_row_with_one_thing_more_than_kept_markup_is_cleaned_cell_by_cell(other: str) -> None:
    row = [" 1 ", f" babies <1 year{other}old & carers ", "  "]
    assert clean_cells(row) == [clean(cell) for cell in row]


def test_rows_clean_keeps_are_only_stripped_and_folded() -> None:
    assert clean_cells([" 1 ", " Babies <1 year old & their  carers ", " Done "]) == [
        "1",
        "Babies <1 year old & their carers",
        "Done",
    ]
    assert clean_cells([" a &amp; b ", " <u>x</u> "]) == ["a & b", "x"]


def _split_in_steps(line: str) -> list[str]:
    """The general split: outer pipes dropped one at a time."""
    body = line.strip()
    cells = body.split("|")
    if body.startswith("|"):
        del cells[0]
    if len(body) > body.startswith("|") and body.endswith("|"):
        cells.pop()
    return cells


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=" |ab-:\t", max_size=12))
def test_pipe_row_split_in_one_step_is_split_in_steps(line: str) -> None:
    assert split_pipe_row(line) == _split_in_steps(line)


REF_PIECES = [
    "Actions:",
    "Action",
    "actions ",
    "ACTION:",
    "Recs",
    "1",
    "12",
    "1234",
    "12345",
    "4.1",
    "4.",
    ".2",
    "1.2.3",
    "2.1234",
    "a",
    ",",
    ", ",
    " ,",
    " ",
    "  ",
    "-",
    "to",
    "and",
    ";",
    ".",
    "\u2013",
    "\xa0",
    "\u0663",
]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(REF_PIECES), max_size=8).map("".join))
def test_a_comma_list_of_numbers_is_read_as_the_full_reading_reads_it(cell: str) -> None:
    from scrtool.parse.refs import _comma_list, _read_refs

    listed = _comma_list(cell)
    assert listed is None or listed == _read_refs(cell)


@pytest.mark.parametrize(
    ("cell", "refs"),
    [
        ("Actions: 54, 259, 277.1, 418", ("54", "259", "277.1", "418")),
        ("Action 220", ("220",)),
        ("action:3,3", ("3",)),
        (" 4,9, 10 ", ("4", "9", "10")),
    ],
)
def test_the_common_cross_reference_cells_take_the_comma_list_path(cell: str, refs: tuple[str, ...]) -> None:
    from scrtool.parse.refs import _comma_list

    assert _comma_list(cell) == refs


CELL_PIECES = ["a", "b c", " ", "  ", "\t", "\f", "\xa0", "1.2", "-"] * 6 + [
    "&",
    "& ",
    "<1",
    "<u>",
    "*",
    "_",
    "\\|",
    "\x00",
    "\x0b",
    "\u2028",
]
"""Mostly what a plain cell holds, now and then markup."""
PIPE_ROW = st.tuples(
    st.lists(st.lists(st.sampled_from(CELL_PIECES), max_size=4).map("".join), min_size=1, max_size=4),
    st.sampled_from(["both", "both", "both", "left", "right"]),
).map(lambda row: ("|" if row[1] != "right" else "") + "|".join(row[0]) + ("|" if row[1] != "left" else ""))


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIPE_ROW.map(str.strip).filter(bool), min_size=1, max_size=4))
def test_a_tables_rows_cleaned_at_once_read_as_each_row_cleaned_on_its_own(texts: list[str]) -> None:
    from scrtool.parse.cells import clean_pipe_rows

    cleaned = clean_pipe_rows(texts)
    assert cleaned is None or cleaned == [clean_cells(split_pipe_row(text)) for text in texts]


def test_a_plain_table_is_cleaned_at_once_and_one_with_markup_row_by_row() -> None:
    from scrtool.parse.cells import clean_pipe_rows

    assert clean_pipe_rows(["| 1 |  Police  |  a  b |", "|2|x|a\tb|"]) == [["1", "Police", "a b"], ["2", "x", "a b"]]
    assert clean_pipe_rows(["| 1 | a\tb |", "| 2 | c\fd |"]) == [["1", "a b"], ["2", "c d"]]
    assert clean_pipe_rows(["| 1 | Police |", "| 2 | <u>x</u> |"]) is None
    assert clean_pipe_rows(["| 1 | Police |", "2 | x |"]) is None
