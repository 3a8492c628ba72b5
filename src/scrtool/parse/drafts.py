"""Records under construction: rows can still be continued by the rows under them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import RecKind, RecRef, coded_number
from .colours import filled
from .columns import Columns, extra_key
from .vocab import Role

_NUMBER = re.compile(
    r"^(?:action\s*|rec(?:ommendation)?\.?\s*|r\s?|no\.?\s*)?"
    r"\(?(\d+(?:\.\d{1,3})*[a-z]?)\)?[.):]?$",
    re.IGNORECASE,
)


def action_number(cell: str) -> str | None:
    """``4``, ``1.2``, ``Action 3``, ``2.``, ``R1``, ``Rec. 3``, ``(5)``, ``123456`` -> the number (of any size; a
    sub-number's parts of at most three digits, so ``12.03.2024`` is not one); anything else -> None."""
    match = _NUMBER.match(cell)
    return match.group(1).lower() if match else None


def own_number(cell: str) -> str | None:
    """An action number in an agency's table's number column: ``action_number``'s, or one written with the agency's
    code (``P1``, ``CSC 3``: ``coded_number``)."""
    return action_number(cell) or coded_number(cell)


_LEADING = re.compile(
    r"(?:(?:(?:recommendation|rec)\.?\s*|r(?=\d))(?P<named>\d+(?:\.\d{1,3})*[a-z]?)"
    r"(?:\s*[.):\-\u2013\u2014]\s*|\s+(?=(?-i:[A-Z\"'\u2018\u201c(])))|(?P<bare>\d{1,3}(?:\.\d{1,3})*[a-z]?)(?:[.):]\s*|\s+[\-\u2013\u2014]\s+)"
    r"|(?P<dotted>\d{1,3}(?:\.\d{1,3})+)\s+)(?=[^\s\d])",
    re.IGNORECASE,
)
"""A number at the start of a text, then the text (which does not start with a digit). After ``Recommendation`` it
has any number of digits; bare, at most three (``2019: the Board agreed`` is a year, not a number)."""


_TITLE = re.compile(
    r"(?:recommendation|rec\.?)\s*(\d+(?:\.\d{1,3})*[a-z]?)(?:\s*[.):\-\u2013\u2014]\s*|\s*$)", re.IGNORECASE
)
"""``Recommendation 1:``, ``Rec 2 -``, ``Recommendation 3`` alone: not ``Recommendation 2 was accepted by ...``."""


def recommendation_title(text: str) -> tuple[str, str] | None:
    """``Recommendation 1: Partners should ...`` (a heading or a row spanning a table) -> (``1``, its text)."""
    match = _TITLE.match(text)
    return (match.group(1).lower(), text[match.end() :].strip()) if match else None


def numbered_text(text: str) -> tuple[str, str] | None:
    """A text that starts with its own number -> (the number, the text after it): ``1. The CSP should``,
    ``Recommendation 2: GPs``, ``1.2 Ensure``, ``3) Audit``; a bare number or ``Recommendation 4`` -> (number, "").
    None when the text does not start so (``2 staff to attend``, ``1.5 million``)."""
    alone = action_number(text)
    if alone is not None:
        return alone, ""
    match = _LEADING.match(text)
    if match is None:
        return None
    number = match.group("named") or match.group("bare") or match.group("dotted")
    return number.lower(), text[match.end() :]


@dataclass(slots=True)
class RecDraft:
    kind: RecKind
    number: str
    text: str
    line: int
    extra: dict[str, str] = field(default_factory=dict)
    ordered: bool = False
    """Its table gave it no number: numbered in the order of the plan (a list's recommendation worded the same
    gives it its number, ``list_drafts``)."""


@dataclass(slots=True)
class LinkDraft:
    rec: RecDraft
    agency: str
    cell: str
    """The cross-reference cell as written (parsed when the plan is finished)."""
    line: int
    refs: list[str] | None = None
    """Numbers already known (tracker and combined tables), instead of a cell to parse."""


@dataclass(slots=True)
class ActionDraft:
    agency: str
    lead: str
    number: str | None
    text: str
    outcome: str
    status_text: str
    line: int
    extra: dict[str, str] = field(default_factory=dict)
    response: bool = False
    maybe_response_of: ActionDraft | None = None
    """Set on a blank-first-cell row: a response if its text matches a recommendation, else it continues this."""
    completion: bool = False
    """``status_text`` is the cell of a completion-date column (the table has no status column): a date there
    means completed."""
    unstated: bool = False
    """Its plan states no status at all (a table with no status, RAG, progress or completion column, a list of
    recommendations): with no ``status_text`` either (a fill's word), its status is not recorded."""
    answers: tuple[RecRef, ...] | None = None
    """The recommendations an unnumbered action answers, when its place in the plan says (an agency's bullets
    under a recommendation of a list); None: found by matching its text."""


class RowCells:
    """One row's clean cells, read by role through its table's columns."""

    __slots__ = ("cells", "columns")

    def __init__(self, columns: Columns, cells: list[str]) -> None:
        self.columns = columns
        self.cells = cells

    def get(self, role: Role) -> str:
        index = self.columns.at.get(role)
        return self.cells[index] if index is not None and index < len(self.cells) else ""

    def extra(self) -> dict[str, str]:
        """Cells of columns with no core role (unknown headers, dates, evidence, cells past the header)."""
        cells, columns = self.cells, self.columns
        count = len(cells)
        out = {key: cells[i] for i, key in columns.extras if i < count and cells[i]}
        for i in range(len(columns.roles), count):
            if cells[i]:
                out[extra_key(columns.headers, i)] = cells[i]
        return out


def join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if second else first


def merge_extra(into: dict[str, str], extra: dict[str, str]) -> None:
    for key, value in extra.items():
        into[key] = join(into.get(key, ""), value)


def continue_action(previous: ActionDraft, row: ActionDraft) -> None:
    """A row that goes on with the row above (wrapped text): its cells are appended to the row above's."""
    previous.text = join(previous.text, row.text)
    previous.outcome = join(previous.outcome, row.outcome)
    previous.status_text = _join_status(previous.status_text, row.status_text)
    merge_extra(previous.extra, row.extra)


def _join_status(first: str, second: str) -> str:
    """Two rows' status cells as one: joined, except that a status stated by a fill alone (``Green (fill)``) gives
    way to one in words, and is not added to another."""
    if first and second and (filled(first) is not None or filled(second) is not None):
        return first if filled(second) is not None else second
    return join(first, second)
