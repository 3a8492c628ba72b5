"""Trackers (each recommendation its lead agency's action) and combined tables (a recommendation's actions
beside it, one row each)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..cells import clean
from ..columns import Columns, Layout
from ..drafts import (
    ActionDraft,
    LinkDraft,
    RecDraft,
    RowCells,
    action_number,
    continue_action,
    merge_extra,
    numbered_text,
    own_number,
)
from ..refs import parse_refs
from ..tables import Row
from ..vocab import Role
from .overview import OverviewRows
from .rows import TOTALS, UNASSIGNED, _prefix


class TrackerRows(OverviewRows):
    """The rows of a tracker or a combined table."""

    __slots__ = ()

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
        agency = (
            agency
            or (self.last_action.agency if self.last_action and not started else "")
            or (self.agency if Role.AGENCY not in read.columns.at else "")
            or UNASSIGNED
        )
        if combined:
            number, text = self._combined_number(read, rec, text)
        else:
            number, text = _prefix(rec) + rec.number, rec.text
        draft = self._draft(read, line, agency, number, text)
        self.actions.append(draft)
        self.last_action = draft
        links = [self._cite(each, agency, number, line) for each in recs]
        if combined and own_number(read.get(Role.ACTION_NUMBER)):
            self._own_number(draft, rec, links)

    def _own_number(self, draft: ActionDraft, rec: RecDraft, links: list[LinkDraft]) -> None:
        """A combined table's action numbered by its own column. When the numbers start again under a new
        recommendation (a number and agency already read under another), every one of the section is read under
        its recommendation's number: ``1``, ``2`` / ``1`` are ``1.1``, ``1.2`` / ``2.1``."""
        if (
            not self.restarted
            and "." not in (draft.number or ".")
            and (draft.number or "")[:1].isdigit()  # not an agency's code (``P1``): its own series
            and any(
                other.agency == draft.agency and other.number == draft.number and under is not rec
                for other, under, _ in self.own
            )
        ):
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
        cell = read.get(Role.ACTION_NUMBER)
        own = own_number(cell) if cell else action_number(read.get(Role.NUMBER) if self.sub_numbered else "")
        if own:
            return own, text
        if Role.ACTION_NUMBER not in read.columns.at and (numbered := numbered_text(text)) is not None:
            number, rest = numbered
            sub = number.removeprefix(rec.number + ".")
            if sub != number and sub.isdecimal() and int(sub) == place and rest:  # not ``1.5 FTE posts``
                self.under[key] = int(sub)
                return _prefix(rec) + number, rest
        return f"{_prefix(rec)}{rec.number}.{place}", text


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


_SUB_NUMBER = re.compile(r"^(\d+)\.\d+$")


def sub_numbered(columns: Columns, rows: Sequence[Row]) -> bool:
    """A combined table whose one number column numbers the actions under their recommendation (``1.1``, ``1.2``,
    ``2.1``), each recommendation worded on its first action's row and blank below it (a cell merged down) or
    repeated there (filled down): the column holds the actions' numbers, and a recommendation's number is the part
    before the dot. Any number of another form, or no row under a worded one, and the column is the
    recommendations' as before."""
    at, text_at = columns.at.get(Role.NUMBER), columns.at.get(Role.TEXT)
    if columns.layout is not Layout.COMBINED or at is None or text_at is None or Role.ACTION_NUMBER in columns.at:
        return False
    under, above = False, ("", "")  # the recommendation's number and text on the rows above
    for row in rows:
        cell = clean(row.cells[at]) if at < len(row.cells) else ""
        if not cell or TOTALS.match(cell):
            continue
        found = _SUB_NUMBER.match(action_number(cell) or "")
        if found is None:
            return False
        text = clean(row.cells[text_at]) if text_at < len(row.cells) else ""
        if found[1] == above[0] and text in ("", above[1]):
            under = True
        elif text:
            above = (found[1], text)
    return under
