"""Overview tables: one row a recommendation, with the agencies (and the actions of theirs) that answer it."""

from __future__ import annotations

from ...model import Notice, RecKind
from ..drafts import (
    LinkDraft,
    RecDraft,
    RowCells,
    action_number,
    join,
    merge_extra,
)
from ..refs import parse_refs
from ..vocab import Role
from .rows import Rows, _leading_number


class OverviewRows(Rows):
    """The rows of an overview table, and the recommendation a tracker's or combined table's row names."""

    __slots__ = ()

    def _recommendation(self, read: RowCells, line: int) -> tuple[RecDraft | None, bool]:
        """The recommendation this row names or goes on under, and whether it names one; None (with a notice) when
        there is none. In a table with no number column, a text that starts with a number (``1. The CSP should``)
        names one when the row has other cells filled or the number is the next one (a row of the first cell alone
        otherwise goes on with the text above: ``1) right to ask``); a text without one, on a row with other cells
        filled, is the next recommendation, numbered in plan order (and said so once a table)."""
        number, text = read.get(Role.NUMBER), read.get(Role.TEXT)
        if self.sub_numbered and number:  # ``1.2``: action 2 of recommendation 1
            number = (action_number(number) or number).split(".")[0]
        if not number and text:  # a number column left blank, or none: the number may start the text
            filled = sum(bool(cell) for cell in read.cells) > 1
            numbered = _leading_number(text, filled, self.last_rec)
            if numbered is not None:
                number, text = numbered
            elif filled and Role.NUMBER not in read.columns.at:
                number = self._next_number(read.columns.kind, line)
                self.last_rec = self._numbered(read.columns.kind, number, text, line)
                self.last_rec.ordered = True
                return self.last_rec, True
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
            self.notices.append(
                Notice(line, "the recommendations of this table have no numbers; numbered in the order of the plan")
            )
        return str(sum(rec.kind is kind for rec in self.recs) + 1)

    def _overview_row(self, read: RowCells, line: int) -> None:
        rec, _ = self._recommendation(read, line)
        if rec is None:
            return
        merge_extra(rec.extra, read.extra())
        agency, xref = read.get(Role.AGENCY), read.get(Role.XREF)
        refs = self._count_cited(parse_refs(xref), line) if xref else None
        if agency or xref:  # (a cell of prose keeps refs None: it is the link's note)
            self.links.append(LinkDraft(rec, agency, xref, line, None if refs is None else list(refs)))
