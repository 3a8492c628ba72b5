"""Cross-reference cells and target-date cells as real plans write them: each cell and the numbers or date it
reads as, and no cell at all that makes either reader raise."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scrtool.model import coded_number
from scrtool.parse.dates import parse_date, starts_with_date, target_in_text
from scrtool.parse.refs import _comma_list, parse_refs


@pytest.mark.parametrize(
    ("cell", "refs"),
    [
        ("Action 4\nAction 9", ("4", "9")),
        ("Action 1, Action 3", ("1", "3")),
        ("Action 1; Action 2", ("1", "2")),
        ("Action 4 / Action 9", ("4", "9")),
        ("Actions: 2, 5, and 7", ("2", "5", "7")),
        ("Actions 2, 5 & 7", ("2", "5", "7")),
        ("TVP Action 4", ("4",)),
        ("OH Actions 2 and 3", ("2", "3")),
        ("Action No. 4", ("4",)),
        ("Action nos 4, 5", ("4", "5")),
        ("TVP Action 4, TVP Action 5", ("4", "5")),
        ("See TVP action 4", ("4",)),
        ("Action No. 4, Action No. 5", ("4", "5")),
        ("Actions 1.1\u20131.3 and Action 2A", ("1.1", "1.2", "1.3", "2a")),
        ("Action 3\n\nAction 3", ("3",)),
        ("Actions: 4, 9, 10", ("4", "9", "10")),
        ("Actions 1 and 3", ("1", "3")),
        ("1-3", ("1", "2", "3")),
        ("IMR actions 1-3; IMR action 5", ("1", "2", "3", "5")),
        ("imr action 2", ("2",)),
    ],
)
def test_cross_reference_cells_real_plans_write(cell: str, refs: tuple[str, ...]) -> None:
    assert parse_refs(cell) == refs


@pytest.mark.parametrize(
    "cell",
    [
        "The subgroup clarified its role.",
        "N/A",
        "See the police plan",
        "1 (partly)",
        "Seen by the GP",
        "Training for 30 staff",
        "All 5 teams",
        "",
        "Action",
        "Actions: ",
        "Action 4, and",
        "Action 4\nsee notes",
    ],
)
def test_prose_cites_nothing(cell: str) -> None:
    assert parse_refs(cell) is None


@pytest.mark.parametrize("cell", ["TVP Action 4, OH Action 5", "Action 1, Rec 3", "1, Action 3", "tvp Action 4"])
def test_cells_citing_two_kinds_of_number_cite_nothing(cell: str) -> None:
    """Another agency's actions, or a recommendation beside an action, are not numbers of one list."""
    assert parse_refs(cell) is None


@pytest.mark.parametrize(
    ("cell", "refs"), [("Actions: 4, 9, 10", ("4", "9", "10")), ("Action 2", ("2",)), ("4,9", ("4", "9"))]
)
def test_the_common_cells_still_take_the_comma_list_path(cell: str, refs: tuple[str, ...]) -> None:
    assert _comma_list(cell) == refs


@pytest.mark.parametrize(
    "cell",
    [
        "Action 1, " * 300 + "x",
        "Action No. 1, " * 300 + "x",
        "1   " * 300 + "x",
        "TVP Action 1\n" * 300 + "x",
        "1, and " * 300 + "x",
    ],
)
def test_a_long_cell_that_is_almost_a_list_is_read_at_once(cell: str) -> None:
    """Each piece of a list reads one way only: a regular expression that could read these several ways would try
    2**300 readings before giving up."""
    assert parse_refs(cell) is None


REF_PIECES = [
    "Action",
    "Actions:",
    "TVP ",
    "OH ",
    "imr ",
    "No.",
    "nos",
    "See ",
    "Rec ",
    "1",
    "10a",
    "1.2",
    "-",
    "\u2013",
    " to ",
    ",",
    ", ",
    ";",
    " & ",
    " / ",
    " and ",
    "\n",
    " ",
    ".",
    ":",
    "(",
    ")",
    "x",
    "\xa0",
    "\u0663",
    "\u017f",
]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(st.sampled_from(REF_PIECES), max_size=12).map("".join)))
def test_parse_refs_never_raises_and_cites_numbers(cell: str) -> None:
    refs = parse_refs(cell)
    assert refs is None or (
        refs and all(ref and ((ref[0].isdigit() and ref == ref.lower()) or coded_number(ref) == ref) for ref in refs)
    )  # a number, or one after its agency's code (``P1``)
    assert refs is None or len(set(refs)) == len(refs)


@pytest.mark.parametrize(
    ("text", "when"),
    [
        ("By 31.03.24", date(2024, 3, 31)),
        ("by March 2024", date(2024, 3, 31)),
        ("31.03.24", date(2024, 3, 31)),
        ("March 2024 (revised June 2024)", date(2024, 3, 31)),
        ("31/03/2024 (extended to 30/06/2024)", date(2024, 3, 31)),
        ("w/c 12/02/2024", date(2024, 2, 12)),
        ("W/C 12/02/2024", date(2024, 2, 12)),
        ("End of March 2024", date(2024, 3, 31)),
        ("By end of March 2024", date(2024, 3, 31)),
        ("BY 1 April 2024.", date(2024, 4, 1)),
        ("March 2024", date(2024, 3, 31)),
        ("31/03/2024", date(2024, 3, 31)),
        ("2024-03-31", date(2024, 3, 31)),
        ("Sept 2023", date(2023, 9, 30)),
        ("06/2023", date(2023, 6, 30)),
        ("Mar-26", date(2026, 3, 31)),
        ("Sept-25", date(2025, 9, 30)),
        ("31-Mar-26", date(2026, 3, 31)),
        ("1 Apr 2026", date(2026, 4, 1)),
    ],
)
def test_target_date_cells(text: str, when: date) -> None:
    assert parse_date(text) == when


@pytest.mark.parametrize(
    "text",
    [
        "Q1 2025",
        "by Q1 2025",
        "Q1 2025 (revised Q2)",
        "Ongoing",
        "within 3 working days",
        "(March 2024)",
        "by",
        "",
        "w/c",
        "31/02/2024",
        "Revised (June 2024)",
        "\u017feptember 2024",
        "by the GP",
        "Mar 26",
        "May-2",
        "Q4 2025/26",
    ],
)
def test_cells_that_are_not_dates(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("text", "dated"), [("By March 2024", False), ("w/c 12/02/2024", False), ("March 2024 (revised June 2024)", True)]
)
def test_a_completion_cell_starts_with_a_date_only_without_by(text: str, dated: bool) -> None:
    """``By March 2024`` in a completion column is a promise: it does not make the action completed."""
    assert starts_with_date(text) is dated


DATE_PIECES = [
    "by ",
    "By ",
    "w/c ",
    "end of ",
    "31",
    "1st ",
    "03",
    "24",
    "2024",
    "0000",
    "99",
    "March",
    "sept.",
    "\u017fep",
    "Q1",
    "/",
    ".",
    "-",
    " ",
    "(",
    ")",
    "revised ",
    ",",
    "\u0663",
    "\u0130",
]


@settings(max_examples=1000, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(st.sampled_from(DATE_PIECES), max_size=10).map("".join)))
def test_parse_date_never_raises(text: str) -> None:
    found = parse_date(text)
    assert found is None or isinstance(found, date)
    starts_with_date(text)
    target_in_text(text)
