"""Tables of raw cells -> drafts of recommendations, links and actions, read row by row in document order.

The header above a row says what the row is (see ``columns.Layout``); a headerless table continues the one
before it, and a header row in the middle of a table starts a new section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ..errors import InputError
from ..model import Action, Link, Notice, RecKind, Recommendation, Status
from .cells import clean, clean_cells
from .colours import fill_text
from .columns import Columns, Layout, read_header
from .drafts import (
    ActionDraft,
    LinkDraft,
    RecDraft,
    RowCells,
    action_number,
    continue_action,
    join,
    merge_extra,
    numbered_text,
    recommendation_title,
)
from .finish import Finisher
from .headings import agency_heading
from .match import RecommendationIndex
from .notices import Notices
from .refs import parse_refs
from .tables import Places, Row, Table, Text
from .vocab import DEFAULT, Role, Vocabulary


@dataclass(slots=True)
class Builder:
    """Reads rows in document order, carrying the header and agency of the table above into headerless ones."""

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
    fast: _Fast | None = None
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
    fill: str = ""
    """The status the row being read states by a fill alone (``Green (fill)``, see ``_fill_status``), else blank."""

    def add_table(self, table: Table, above: Sequence[Text] = ()) -> list[Text]:
        """Read a table's rows; the table is the builder's from then on (a clean table's cell lists are used as
        they are, and may be changed). ``above``: the lines of text between the table before and this one. Returns
        those of them that were read as headings of the table: the agency it belongs to (``## Northshire Police``
        over ``No. | Action | Status``) or the recommendation its actions implement (``Recommendation 1: ...``)."""
        self.tables += 1
        rows = table.rows
        first = [clean(cell) for cell in rows[0].cells]
        header = read_header(first, rows[0].line, self.vocabulary, rows[0].header)
        used: list[Text] = []
        if header is not None:
            self._set_header(header)
            if header.owner is None and (header.layout is Layout.ACTIONS or Role.AGENCY not in header.at):
                used = self._headings(header, above)
            rows = rows[1:]
            if not rows:
                self.notices.append(Notice(header.line, "table has a header and no rows"))
        elif not any(first):
            rows = rows[1:]
        if table.clean:
            for row in rows:
                self.add_row(row, row.cells)
        else:
            for row in rows:
                self.add_row(row, clean_cells(row.cells))
        return used

    def _headings(self, header: Columns, above: Sequence[Text]) -> list[Text]:
        """Read the lines over an agency's table whose header names no agency: the recommendation its actions
        implement (``**Recommendation 1:** Partners should ...``, or ``Recommendation 1`` over a paragraph of its
        text), and the agency (see ``agency_heading``) of its rows, or of those whose agency cell is blank. Returns the
        lines used."""
        used: list[Text] = []
        for index in range(len(above) - 1, max(len(above) - 4, -1), -1):
            titled = recommendation_title(clean(above[index].text))
            if titled is not None:
                number, text = titled
                used += above[index:index + 1] if text else above[index:]
                text = text or " ".join(clean(part.text) for part in above[index + 1:])
                self.cited_by = self._numbered(header.kind, number, text, above[index].line)
                break
        named = self._agency_line([part for part in above if part not in used][-3:])
        if named is not None:
            line, self.agency = named
            used.append(line)
        elif header.layout is not Layout.ACTIONS:
            self.agency = None  # a tracker's or combined table's rows name their agency, or have none
        elif Role.AGENCY not in header.at:
            self._say_unread_heading(above[-3:])
        return used

    def _say_unread_heading(self, lines: Sequence[Text]) -> None:
        """A line over a table that reads as a name but not an agency's (``Change Grow Live``, ``Think Family``):
        say so, and whose the table's rows stay."""
        heading = next((line for line in reversed(lines) if _title_like(line.text)), None)
        if heading is not None:
            self.notices.append(Notice(heading.line, f"{clean(heading.text)!r} is not read as an agency's name; the "
                                                     f"rows of the table under it stay with {self.agency or UNNAMED!r} "
                                                     "(name the agency in the table's first header cell)"))

    def _agency_line(self, lines: list[Text]) -> tuple[Text, str] | None:
        """The line of ``lines`` that names the table's agency: of headings, if any is one, the one least deep (an
        agency's ``##`` over a theme's ``###``); else of plain lines (a sentence under a heading is none), the
        nearest."""
        headings = [line for line in lines if line.heading]
        ranked = sorted(headings, key=lambda line: line.heading) if headings else list(reversed(lines))
        for line in ranked:
            found = agency_heading([line.text])
            if found is not None:
                return line, found[1]
        return None

    def _set_header(self, header: Columns) -> None:
        self.columns = header
        self.fast = _Fast.of(header)
        if header.owner:
            self.agency = header.owner
        self.last_rec = None
        self.last_action = None
        self.cited_by = None
        self.own, self.restarted = [], False

    def _agency_above(self, previous: ActionDraft | None) -> str:
        """The agency of a row whose header and agency cell name none: the row above's (a cell merged down the
        agency column), else the one a heading named, else none."""
        return (previous.agency if previous is not None else None) or self.agency or UNNAMED

    def _section(self, columns: Columns, title: str, line: int) -> bool:
        """A row with one cell filled, the first: the recommendation the rows under it implement or answer
        (``| Recommendation 1: Partners should ... | | |``), or, in an agency's table whose header names none, the
        agency whose rows follow (``| Northshire Police | | | |``, also over rows whose agency cell is blank). False
        for any other: a section's title, or (when the first column holds the text) the text of the row above
        wrapped onto a line of its own."""
        titled = recommendation_title(title)
        if titled is not None:
            rec = self._numbered(columns.kind, *titled, line)
            if columns.layout is Layout.ACTIONS:
                self.cited_by = rec
            else:
                self.last_rec = rec
            return True
        if (columns.layout is Layout.ACTIONS and columns.owner is None
                and (heading := agency_heading([title])) is not None):
            self.agency = heading[1]
            self.last_action = None
            return True
        return False

    def add_row(self, row: Row, cells: list[str]) -> None:
        """One row of a table, its cells clean."""
        self.fill = _fill_status(row.fills, cells, self.columns) if row.fills is not None else ""
        fast = self.fast
        if fast is not None and len(cells) == fast.width:
            cell = cells[fast.number]
            number = cell if cell.isdecimal() else action_number(cell)
            if number is not None:
                self._numbered_action(fast, cells, number, row.line)
                return
        if not any(cells):
            return
        columns = self.columns
        if columns is None:
            if not _first_only(cells):
                self.notices.append(Notice(row.line, "row before any header row; not read"))
            return  # else a title row above the first header
        number_at = columns.index(Role.NUMBER)
        if number_at is None or number_at >= len(cells) or not action_number(cells[number_at]):
            header = read_header(cells, row.line, self.vocabulary, row.header)
            if header is not None:
                self._set_header(header)
                return
            if _first_only(cells) and len(columns.roles) > 1 and (self._section(columns, cells[0], row.line)
                                                                   or columns.at.get(Role.TEXT) != 0
                                                                   or _SECTION_TITLE.match(row.cells[0].strip())):
                return  # else the text of the first column wrapped onto a line of its own: read on below
        if len(cells) != len(columns.roles):
            self.notices.append(Notice(row.line, f"row has {len(cells)} cells, its header {len(columns.roles)}; " + (
                "cells past the header are kept as extra fields" if len(cells) > len(columns.roles) else
                "the cells it lacks are read as blank")))
        read = RowCells(columns, cells)
        if columns.layout is Layout.OVERVIEW:
            self._overview_row(read, row.line)
        elif columns.layout is Layout.ACTIONS:
            self._action_row(read, row.line)
        else:
            self._tracker_row(read, row.line)

    # recommendations (overview, tracker and combined tables) ----------------------------------------
    def _recommendation(self, read: RowCells, line: int) -> tuple[RecDraft | None, bool]:
        """The recommendation this row names or goes on under, and whether it names one; None (with a notice) when
        there is none. In a table with no number column, a text that starts with a number (``1. The CSP should``)
        names one when the row has other cells filled or the number is the next one (a row of the first cell alone
        otherwise goes on with the text above: ``1) right to ask``); a text without one, on a row with other cells
        filled, is the next recommendation, numbered in plan order (and said so once a table)."""
        number, text = read.get(Role.NUMBER), read.get(Role.TEXT)
        if not number and text:  # a number column left blank, or none: the number may start the text
            filled = sum(bool(cell) for cell in read.cells) > 1
            numbered = _leading_number(text, filled, self.last_rec)
            if numbered is not None:
                number, text = numbered
            elif filled and Role.NUMBER not in read.columns.at:
                number = self._next_number(read.columns.kind, line)
        if number:
            self.last_rec = self._numbered(read.columns.kind, action_number(number) or number, text, line)
            return self.last_rec, True
        if text:
            if self.last_rec is None:
                self.notices.append(Notice(line, "recommendation text with no number and none above it; not read"))
                return None, False
            self.last_rec.text = join(self.last_rec.text, text)
        elif self.last_rec is None:
            self.notices.append(Notice(line, "row with no recommendation above it; not read"))
        return self.last_rec, False

    def _next_number(self, kind: RecKind, line: int) -> str:
        """The number of a recommendation its plan does not number: its place among the plan's of its kind."""
        if self.numbering != self.tables:
            self.numbering = self.tables
            self.notices.append(Notice(line, "the recommendations of this table have no numbers; numbered in the "
                                             "order of the plan"))
        return str(sum(rec.kind is kind for rec in self.recs) + 1)

    def _numbered(self, kind: RecKind, number: str, text: str, line: int) -> RecDraft:
        """A new recommendation; or the one of this number read before, when this row adds no text to it, repeats
        its text (a spreadsheet's filled-down cells) or gives the text it lacked (an action log cites
        recommendations by number, above or below the table that words them). Another text for one number makes a
        second recommendation, which finishing refuses."""
        key = (kind, number)
        rec = self.numbered.get(key)
        if rec is None or (text and rec.text and text != rec.text):
            rec = RecDraft(kind, number, text, line)
            self.recs.append(rec)
            self.numbered[key] = rec
        elif text and not rec.text:
            rec.text, rec.line = text, line
        return rec

    def _overview_row(self, read: RowCells, line: int) -> None:
        rec, _ = self._recommendation(read, line)
        if rec is None:
            return
        merge_extra(rec.extra, read.extra())
        agency, xref = read.get(Role.AGENCY), read.get(Role.XREF)
        refs = self._count_cited(parse_refs(xref), line) if xref else None
        if agency or xref:  # (a cell of prose keeps refs None: it is the link's note)
            self.links.append(LinkDraft(rec, agency, xref, line, None if refs is None else list(refs)))

    def _tracker_row(self, read: RowCells, line: int) -> None:
        """Tracker: each recommendation is its lead agency's action. Combined: its actions sit beside it. A row
        that names several recommendations (``1, 2``) is an action toward each."""
        cited = _cited(read)
        if cited is not None:
            self._count_cited(cited, line)
            recs = [self._numbered(read.columns.kind, number, "", line) for number in cited]
            rec, started = recs[0], True
            self.last_rec = rec
        else:
            found, started = self._recommendation(read, line)
            if found is None:
                return
            rec, recs = found, [found]
        combined = read.columns.layout is Layout.COMBINED
        text = read.get(Role.ACTION_TEXT) if combined else read.get(Role.TEXT)
        agency = read.get(Role.AGENCY)
        if not combined and not started and not agency:
            if self.last_action is not None:
                continue_action(self.last_action, self._draft(read, line, agency or "", None, text))
            return
        if combined and not text:
            if self.last_action is not None and not started:
                continue_action(self.last_action, self._draft(read, line, "", None, ""))
            else:
                merge_extra(rec.extra, read.extra())
            return
        agency = (agency or (self.last_action.agency if self.last_action and not started else "")
                  or (self.agency if Role.AGENCY not in read.columns.at else "") or UNASSIGNED)
        if combined:
            number, text = self._combined_number(read, rec, text)
        else:
            number, text = _prefix(rec) + rec.number, rec.text
        draft = self._draft(read, line, agency, number, text)
        self.actions.append(draft)
        self.last_action = draft
        links = [self._cite(each, agency, number, line) for each in recs]
        if combined and action_number(read.get(Role.ACTION_NUMBER)):
            self._own_number(draft, rec, links)

    def _own_number(self, draft: ActionDraft, rec: RecDraft, links: list[LinkDraft]) -> None:
        """A combined table's action numbered by its own column. When the numbers start again under a new
        recommendation (a number and agency already read under another), every one of the section is read under
        its recommendation's number: ``1``, ``2`` / ``1`` are ``1.1``, ``1.2`` / ``2.1``."""
        if not self.restarted and "." not in (draft.number or ".") and any(
                other.agency == draft.agency and other.number == draft.number and under is not rec
                for other, under, _ in self.own):
            self.restarted = True
            for entry in self.own:
                _under_recommendation(*entry)
        if self.restarted:
            _under_recommendation(draft, rec, links)
        self.own.append((draft, rec, links))

    def _combined_number(self, read: RowCells, rec: RecDraft, text: str) -> tuple[str, str]:
        """A combined table's action: its number (its own column's; else one its text starts with under the
        recommendation's, ``1.2 Launch``; else the recommendation's and its place under it) and its text."""
        key = (rec.kind, rec.number)
        place = self.under[key] = self.under.get(key, 0) + 1
        own = action_number(read.get(Role.ACTION_NUMBER))
        if own:
            return own, text
        if Role.ACTION_NUMBER not in read.columns.at and (numbered := numbered_text(text)) is not None:
            number, rest = numbered
            sub = number.removeprefix(rec.number + ".")
            if sub != number and sub.isdecimal() and int(sub) == place and rest:  # not ``1.5 FTE posts``
                self.under[key] = int(sub)
                return _prefix(rec) + number, rest
        return f"{_prefix(rec)}{rec.number}.{place}", text

    def _count_cited(self, refs: tuple[str, ...] | None, line: int) -> tuple[str, ...] | None:
        """Count the numbers a cross-reference cell cites (a range ``1-200`` counts each): a file may cite
        ``MAX_CITED`` in all, so that a few bytes of ranges cannot make millions of records."""
        self.cited += len(refs or ())
        if self.cited > MAX_CITED:
            raise InputError(self.path or self.file, f"its cross-references cite more than {MAX_CITED:,} numbers (a "
                             "range counts each of its numbers); scrtool reads at most that many in one file", line)
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

    # agency action tables --------------------------------------------------------------------------
    def _numbered_action(self, fast: _Fast, cells: list[str], number: str, line: int) -> None:
        """``_action_row`` of a numbered row with one cell per column, the common row of an action table."""
        cells.append("")  # the cell of a role the table has no column for
        lead = cells[fast.lead] or cells[fast.agency]
        previous = self.last_action
        agency = fast.owner or cells[fast.agency] or self._agency_above(previous)
        if not lead:
            if previous is not None and previous.agency == agency and not previous.response:
                lead = previous.lead
            lead = lead or agency
        draft = ActionDraft(agency, lead, number, cells[fast.text], cells[fast.outcome],
                            cells[fast.status] or self.fill, line,
                            {key: cells[i] for i, key in fast.extras if cells[i]} if fast.extras else {})
        if fast.completion:
            draft.completion = True
        elif fast.status == fast.width:
            draft.unstated = True
        self.actions.append(draft)
        self.last_action = draft
        if self.cited_by is not None:
            self._cite(self.cited_by, agency, number, line)

    def _draft(self, read: RowCells, line: int, agency: str, number: str | None, text: str) -> ActionDraft:
        return ActionDraft(agency=agency, lead=read.get(Role.LEAD) or read.get(Role.AGENCY) or agency,
                           number=number, text=text, outcome=read.get(Role.OUTCOME),
                           status_text=read.get(Role.STATUS) or self.fill, line=line, extra=read.extra(),
                           completion=read.columns.status_from_done, unstated=Role.STATUS not in read.columns.at)

    def _action_row(self, read: RowCells, line: int) -> None:
        columns = read.columns
        lead = read.get(Role.LEAD) or read.get(Role.AGENCY)
        agency = columns.owner or read.get(Role.AGENCY) or self._agency_above(self.last_action)
        raw_number, text = read.get(Role.NUMBER), read.get(Role.TEXT)
        if not raw_number and text:  # a number column left blank, or none: the number may start the text
            numbered = _leading_number(text, sum(bool(cell) for cell in read.cells) > 1, self.last_action)
            if numbered is not None:
                raw_number, text = numbered  # ``1. Refresh the policy``
        draft = self._draft(read, line, agency, action_number(raw_number) if raw_number else None, text)
        draft.lead = lead
        previous = self.last_action
        if draft.number is not None:
            if not lead and previous is not None and previous.agency == agency and not previous.response:
                draft.lead = previous.lead
            draft.lead = draft.lead or agency
        elif raw_number:
            self.notices.append(Notice(line, f"action number {raw_number!r} is not a number; kept unnumbered"))
            draft.lead = draft.lead or agency
        elif self.vocabulary.is_response_marker(lead) or (not lead and previous is not None and previous.response
                                                          and (draft.status_text or not previous.status_text)):
            draft.response, draft.lead = True, agency
        elif not lead and not draft.text:
            if previous is None:
                self.notices.append(Notice(line, "row with no number or text and no row above it; not read"))
            else:
                continue_action(previous, draft)
            return
        elif not lead:
            draft.lead = agency
            if previous is None or (previous.status_text and self.vocabulary.status(draft.status_text)
                                    not in (None, Status.OPEN)):
                draft.response = True  # its own status: an action of its own, not the text above wrapped
            else:
                draft.maybe_response_of = previous
        else:
            draft.response = True  # a lead but no number: kept unnumbered, matched to a recommendation if it can be
        self.actions.append(draft)
        self.last_action = draft
        if draft.number is None:
            return
        if self.cited_by is not None:
            self._cite(self.cited_by, agency, draft.number, line)
        if cell := read.get(Role.REC_NUMBER):
            refs = self._count_cited(parse_refs(cell), line)
            if refs is None:
                self.notices.append(Notice(line, f"recommendation cell {cell!r} names no recommendation number; "
                                                 "the action is kept citing none"))
            for number in refs or ():
                self._cite(self._numbered(columns.kind, number, "", line), agency, draft.number, line)

    # finishing -------------------------------------------------------------------------------------
    def finish(self) -> tuple[list[Recommendation], list[Link], list[Action]]:
        nameless = [draft for draft in self.actions if draft.agency in (UNNAMED, UNASSIGNED)]
        if nameless:
            self.notices.append(Notice(nameless[0].line, f"{len(nameless)} action(s) have no agency (no agency column, "
                                                         "first header cell, heading or 'Lead agency:' line names "
                                                         f"one): kept under {nameless[0].agency!r}"))
        finisher = Finisher(self.path or self.file, self.file, self.report, self.vocabulary, self.notices,
                            self.places)
        recs = finisher.recommendations(self.recs)
        actions = finisher.actions(self.actions, RecommendationIndex(recs))
        links = finisher.links(self.links, actions)
        return recs, links, actions


MAX_CITED = 200_000
"""Numbers the cross-reference cells of one file may cite in all (the benchmark's 100,000-action plan cites about
46,000)."""
UNNAMED = "Unnamed agency"
"""The agency of an agency table's rows when nothing names one."""
UNASSIGNED = "Unassigned"
"""The agency of a tracker's or combined table's rows when nothing names one."""


_DASHED = re.compile(r"\s+[-\u2013\u2014]\s+")
_SECTION_TITLE = re.compile(r"^(?:(\*\*|__)[^*_].*\1:?|theme\s+\d+\b.*|section\s+\d+\b.*)$", re.IGNORECASE)
"""A first cell all in bold, or ``Theme 2: ...``: a section's title inside a table, not text going on."""
_LIST_ITEM = re.compile(r"\(?\d{1,2}[a-z]?\)")
"""``1)``, ``(2)``: an item of a list inside a cell's text, not a number of the table's own."""


def _title_like(text: str) -> bool:
    """A short line that reads as a name (each word capitalised, up to a dash): a heading scrtool did not take."""
    words = _DASHED.split(clean(text), 1)[0].strip("*_ :").split()
    return 0 < len(words) <= 5 and all(word[:1].isupper() or word in ("and", "of", "&") for word in words)


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


def _under_recommendation(draft: ActionDraft, rec: RecDraft, links: list[LinkDraft]) -> None:
    """An action's own number read under its recommendation's (``1`` under recommendation 2 is ``2.1``), in the
    links that cite it too."""
    if draft.number is None or "." in draft.number:
        return
    old, draft.number = draft.number, f"{_prefix(rec)}{rec.number}.{draft.number}"
    for link in links:
        if link.refs is not None and old in link.refs:
            link.refs[link.refs.index(old)] = draft.number


def _cited(read: RowCells) -> tuple[str, ...] | None:
    """Two or more recommendation numbers where a tracker or combined row names its recommendation (``1, 2``,
    ``Recs 3 and 5``), in the number column or, in a table without one, the recommendation column."""
    cell = read.get(Role.NUMBER) if Role.NUMBER in read.columns.at else read.get(Role.TEXT)
    if not cell or action_number(cell) is not None:
        return None
    refs = parse_refs(cell)
    return refs if refs is not None and len(refs) > 1 else None


def _fill_status(fills: list[str | None], cells: list[str], columns: Columns | None) -> str:
    """The status a row states by a fill alone: its status (or RAG) cell is blank and filled, or, in a table with
    no status column, every cell of the row with text is filled alike: that fill's word, as ``Green (fill)``."""
    at = columns.at.get(Role.STATUS) if columns is not None else None
    if at is not None:
        word = fills[at] if at < len(fills) and at < len(cells) and not cells[at] else None
        return fill_text(word) if word else ""
    words = {fills[i] if i < len(fills) else None for i, cell in enumerate(cells) if cell}
    word = words.pop() if len(words) == 1 else None
    return fill_text(word) if word else ""


def _first_only(cells: list[str]) -> bool:
    """Only the first cell of the row holds anything (a title, or a section's name spanning the row)."""
    return bool(cells[0]) and not any(cells[1:])


class _Fast(NamedTuple):
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
    def of(columns: Columns) -> _Fast | None:
        if columns.layout is not Layout.ACTIONS or Role.NUMBER not in columns.at or Role.REC_NUMBER in columns.at:
            return None
        width = len(columns.roles)
        at = columns.at

        def column(role: Role) -> int:
            return at.get(role, width)

        return _Fast(width, columns.owner, column(Role.NUMBER), column(Role.LEAD), column(Role.AGENCY),
                     column(Role.TEXT), column(Role.OUTCOME), column(Role.STATUS), columns.extras,
                     columns.status_from_done)
