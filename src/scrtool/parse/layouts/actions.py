"""Agency action tables: one row an action of the agency the table (or its heading, or the row's own cell)
names, numbered, and the recommendations each cites."""

from __future__ import annotations

from ...model import Notice, RecRef, Status
from ..drafts import (
    ActionDraft,
    RowCells,
    continue_action,
    own_number,
)
from ..refs import parse_refs
from ..vocab import Role
from .rows import Fast, Rows, _leading_number, inherited_lead


class ActionRows(Rows):
    """The rows of an agency's action table."""

    __slots__ = ()

    def _numbered_action(self, fast: Fast, cells: list[str], number: str, line: int) -> None:
        """``_action_row`` of a numbered row with one cell per column, the common row of an action table."""
        cells.append("")  # the cell of a role the table has no column for
        lead = cells[fast.lead] or cells[fast.agency]
        previous = self.last_action
        agency = fast.owner or cells[fast.agency] or self._agency_above(previous)
        lead = inherited_lead(lead, agency, previous)
        draft = ActionDraft(
            agency,
            lead,
            number,
            cells[fast.text],
            cells[fast.outcome],
            cells[fast.status] or self.fill,
            line,
            {key: cells[i] for i, key in fast.extras if cells[i]} if fast.extras else {},
        )
        if fast.completion:
            draft.completion = True
        elif fast.status == fast.width:
            draft.unstated = True
        self.actions.append(draft)
        self.last_action = draft
        if self.cited_by is not None:
            self._cite(self.cited_by, agency, number, line)

    def _action_row(self, read: RowCells, line: int) -> None:
        columns = read.columns
        lead = read.get(Role.LEAD) or read.get(Role.AGENCY)
        agency = columns.owner or read.get(Role.AGENCY) or self._agency_above(self.last_action)
        raw_number, text = read.get(Role.NUMBER), read.get(Role.TEXT)
        if not raw_number and text:  # a number column left blank, or none: the number may start the text
            numbered = _leading_number(text, sum(bool(cell) for cell in read.cells) > 1, self.last_action)
            if numbered is not None:
                raw_number, text = numbered  # ``1. Refresh the policy``
        draft = self._draft(read, line, agency, own_number(raw_number) if raw_number else None, text)
        draft.lead = lead
        previous = self.last_action
        if draft.number is not None:
            draft.lead = inherited_lead(lead, agency, previous)
        elif raw_number:
            self.notices.append(Notice(line, f"action number {raw_number!r} is not a number; kept unnumbered"))
            draft.lead = draft.lead or agency
        elif self.vocabulary.is_response_marker(lead) or (
            not lead and previous is not None and previous.response and (draft.status_text or not previous.status_text)
        ):
            draft.response, draft.lead = True, agency
        elif not lead and not draft.text:
            if previous is None:
                self.notices.append(Notice(line, "row with no number or text and no row above it; not read"))
            else:
                continue_action(previous, draft)
            return
        elif not lead:
            draft.lead = agency
            if previous is None or (
                previous.status_text and self.vocabulary.status(draft.status_text) not in (None, Status.UNSPECIFIED)
            ):
                draft.response = True  # its own status: an action of its own, not the text above wrapped
            else:
                draft.maybe_response_of = previous
        else:
            draft.response = True  # a lead but no number: kept unnumbered, matched to a recommendation if it can be
        self.actions.append(draft)
        self.last_action = draft
        if draft.number is None:
            if draft.response and self.cited_by is not None and not self.vocabulary.is_response_marker(lead):
                draft.answers = (RecRef(self.cited_by.kind, self.cited_by.number),)  # under its heading or title row
            return
        if self.cited_by is not None:
            self._cite(self.cited_by, agency, draft.number, line)
        if cell := read.get(Role.REC_NUMBER):
            refs = self._count_cited(parse_refs(cell), line)
            if refs is None:
                self.notices.append(
                    Notice(
                        line,
                        f"recommendation cell {cell!r} names no recommendation number; the action is kept citing none",
                    )
                )
            for number in refs or ():
                self._cite(self._numbered(columns.kind, number, "", line), agency, draft.number, line)
