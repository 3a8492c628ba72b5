"""The state the table layouts share while a file's tables are read, and the rules they share: numbering
recommendations, citing actions, an action's draft, agency and lead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import NamedTuple

from ...errors import InputError
from ...model import RecKind
from ..columns import Columns, Layout
from ..drafts import (
    ActionDraft,
    LinkDraft,
    RecDraft,
    RowCells,
    numbered_text,
)
from ..notices import Notices
from ..tables import Places
from ..vocab import DEFAULT, Role, Vocabulary

TOTALS = re.compile(
    r"^(?:grand\s+)?totals?(?:\s+(?:actions?|recommendations?|rows?|items?|count|number))?\s*:?$", re.IGNORECASE
)
"""A row's first filled cell ``Total``, ``Totals:``, ``Total actions``, ``Grand total``: a tracker's row of counts,
not an action (``Total review of the policy`` is text)."""


@dataclass(slots=True)
class Rows:
    """What the reading of a file's tables has found so far, and where it is: the state each layout's rows read
    and add to, and the rules they share."""

    file: str
    """File name recorded in each record's source."""
    report: str
    path: str = ""
    """The path as given, for error messages."""
    vocabulary: Vocabulary = DEFAULT
    places: Places | None = None
    """Where each line is in a file that is not text (Word, PDF, Excel)."""
    recs: list[RecDraft] = field(default_factory=list)
    links: list[LinkDraft] = field(default_factory=list)
    actions: list[ActionDraft] = field(default_factory=list)
    notices: Notices = field(default_factory=Notices)
    columns: Columns | None = None
    agency: str | None = None
    tables: int = 0
    last_rec: RecDraft | None = None
    last_action: ActionDraft | None = None
    numbered: dict[tuple[RecKind, str], RecDraft] = field(default_factory=dict)
    """The recommendation of each number read so far (the last, when a plan words one twice)."""
    under: dict[tuple[RecKind, str], int] = field(default_factory=dict)
    """Actions read so far under each recommendation in combined tables (numbers them when no column does)."""
    fast: Fast | None = None
    """Where the cells of an action table's common row go (None under any other header)."""
    own: list[tuple[ActionDraft, RecDraft, list[LinkDraft]]] = field(default_factory=list)
    """A combined section's actions numbered by their own column, each with its recommendation and the links that
    cite it."""
    restarted: bool = False
    """Those numbers start again under each recommendation (1, 2 / 1): each is read under its recommendation's."""
    numbering: int = 0
    """The table (its count) whose unnumbered recommendations were last numbered in plan order."""
    cited: int = 0
    """Numbers cited by the cross-reference cells read so far (see ``_count_cited``)."""
    cited_by: RecDraft | None = None
    """The recommendation a heading over an agency's table, or a row spanning it, names: the numbered actions under
    it implement it."""
    under_header: bool = False
    """No row has been read under the last header row yet (a row that reads as a header too is its second line)."""
    titled: tuple[str, int] | None = None
    """The row just read when it was a title spanning the table (its text and line): a header row right under it
    is the header of the rows the title heads (``| Recommendation 2: ... |`` over ``| No. | Agency | Action |``)."""
    sub_numbered: bool = False
    """A combined table's number column numbers its actions under their recommendation (``1.1``, ``1.2``), see
    ``tracker.sub_numbered``."""
    series: str = ""
    """In a plan read as two series of recommendations (``parse.series``), the short form (``S``, ``M``) of the one
    the tables read now are under; its numbers are qualified by it (``M1``). Blank in any other plan."""
    two_series: bool = False
    series_at: int | None = None
    """The column of the table read now that says each row's series (``Single/Multi-agency``), if it has one."""
    by_column: set[str] = field(default_factory=set)
    """The series (``S``, ``M``) such columns' cells have named."""
    """The plan is read as two series: the headings over its tables say which (see ``series``)."""
    fill: str = ""
    """The status the row being read states by a fill alone (``Green (fill)``, see ``_fill_status``), else blank."""

    def _agency_above(self, previous: ActionDraft | None) -> str:
        """The agency of a row whose header and agency cell name none: the row above's (a cell merged down the
        agency column), else the one a heading named, else none."""
        return (previous.agency if previous is not None else None) or self.agency or UNNAMED

    def _numbered(self, kind: RecKind, number: str, text: str, line: int) -> RecDraft:
        """A new recommendation; or the one of this number read before, when this row adds no text to it, repeats
        its text (a spreadsheet's filled-down cells) or gives the text it lacked (an action log cites
        recommendations by number, above or below the table that words them). Another text for one number makes a
        second recommendation, which finishing refuses."""
        number = self.series + number
        key = (kind, number)
        rec = self.numbered.get(key)
        if rec is None or (text and rec.text and text != rec.text):
            rec = RecDraft(kind, number, text, line)
            self.recs.append(rec)
            self.numbered[key] = rec
        elif text and not rec.text:
            rec.text, rec.line = text, line
        return rec

    def _count_cited(self, refs: tuple[str, ...] | None, line: int) -> tuple[str, ...] | None:
        """Count the numbers a cross-reference cell cites (a range ``1-200`` counts each): a file may cite
        ``MAX_CITED`` in all, so that a few bytes of ranges cannot make millions of records."""
        self.cited += len(refs or ())
        if self.cited > MAX_CITED:
            raise InputError(
                self.path or self.file,
                f"its cross-references cite more than {MAX_CITED:,} numbers (a "
                "range counts each of its numbers); scrtool reads at most that many in one file",
                line,
            )
        return refs

    def _cite(self, rec: RecDraft, agency: str, number: str, line: int) -> LinkDraft:
        """``rec`` cites the agency's action: on the link just made from it to that agency, else a new one."""
        for link in reversed(self.links):
            if link.rec is not rec:
                break
            if link.agency == agency and link.refs is not None and not link.cell:  # not an overview's cell
                link.refs.append(number)
                return link
        link = LinkDraft(rec, agency, "", line, [number])
        self.links.append(link)
        return link

    def _draft(self, read: RowCells, line: int, agency: str, number: str | None, text: str) -> ActionDraft:
        return ActionDraft(
            agency=agency,
            lead=read.get(Role.LEAD) or read.get(Role.AGENCY) or agency,
            number=number,
            text=text,
            outcome=read.get(Role.OUTCOME),
            status_text=read.get(Role.STATUS) or self.fill,
            line=line,
            extra=read.extra(),
            completion=read.columns.status_from_done,
            unstated=Role.STATUS not in read.columns.at,
        )


MAX_CITED = 200_000
"""Numbers the cross-reference cells of one file may cite in all (the benchmark's 100,000-action plan cites about
46,000)."""


UNNAMED = "Unnamed agency"
"""The agency of an agency table's rows when nothing names one."""


UNASSIGNED = "Unassigned"
"""The agency of a tracker's or combined table's rows when nothing names one."""


_LIST_ITEM = re.compile(r"\(?\d{1,2}[a-z]?\)")
"""``1)``, ``(2)``: an item of a list inside a cell's text, not a number of the table's own."""


def _leading_number(text: str, filled: bool, above: RecDraft | ActionDraft | None) -> tuple[str, str] | None:
    """The number a text starts with and the text after it, when the number is its row's: the row has other cells
    filled, or it is the number after the one above and not a list item's; else (``1) right to ask`` on a row of
    its own) the text goes on with the row above."""
    numbered = numbered_text(text)
    if numbered is None or filled or (numbered[0] == _after(above) and not _LIST_ITEM.match(text)):
        return numbered
    return None


def _after(above: RecDraft | ActionDraft | None) -> str | None:
    """The number that follows the one above (``1`` with none above), when it is a plain one."""
    if above is None:
        return "1"
    number = above.number
    if number is None or not number.isdecimal() or len(number) > _INT_DIGITS:
        return None
    return str(int(number) + 1)


_INT_DIGITS = 4000
"""Numbers have no size limit, but Python turns at most 4,300 digits into an int: one longer follows none."""


def _prefix(rec: RecDraft) -> str:
    """What an action number taken from a recommendation's starts with: ``r`` under a reminder of practice."""
    return "r" if rec.kind is RecKind.REMINDER else ""


def inherited_lead(lead: str, agency: str, previous: ActionDraft | None) -> str:
    """A numbered action's lead: its own cell's; else, under the action above of the same agency (not an
    unnumbered response), that action's lead (a cell merged down the lead column); else its agency."""
    if lead:
        return lead
    if previous is not None and previous.agency == agency and not previous.response:
        return previous.lead or agency
    return agency


class Fast(NamedTuple):
    """Where the cells of an action table's row go when it has one cell per column and a number."""

    width: int
    owner: str | None
    number: int
    lead: int
    agency: int
    text: int
    outcome: int
    status: int
    """Columns of each role; ``width`` (an empty cell put after the row's) when the table has none."""
    extras: tuple[tuple[int, str], ...]
    """Columns of no core role, with their keys in ``extra``."""
    completion: bool
    """The status column is a completion-date column (``Columns.status_from_done``)."""

    @staticmethod
    def of(columns: Columns) -> Fast | None:
        if columns.layout is not Layout.ACTIONS or Role.NUMBER not in columns.at or Role.REC_NUMBER in columns.at:
            return None
        width = len(columns.roles)
        at = columns.at

        def column(role: Role) -> int:
            return at.get(role, width)

        return Fast(
            width,
            columns.owner,
            column(Role.NUMBER),
            column(Role.LEAD),
            column(Role.AGENCY),
            column(Role.TEXT),
            column(Role.OUTCOME),
            column(Role.STATUS),
            columns.extras,
            columns.status_from_done,
        )
