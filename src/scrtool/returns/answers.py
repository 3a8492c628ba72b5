"""Checking a return's rows: every filled cell, each problem named by its cell; the rows that hold an answer become
``Answer`` records (what ``returns apply`` records), the rest are unanswered."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .. import clock
from ..model import Action, Status
from ..parse.returnbook import Cell, Returned, Row
from . import layout

_STATUSES = {key: Status(value) for value in layout.STATUSES for key in (value, value.replace("-", " "))}
_RECORDED = (layout.NEW_STATUS, layout.RAG, layout.NOTE, layout.EVIDENCE, layout.REVISED)
"""An answer: at least one of these filled (a row with only Updated by or Updated on says nothing)."""
EXCEL_EPOCH = date(1899, 12, 30)


@dataclass(frozen=True, slots=True)
class Answer:
    """One row's answer, checked."""

    action: Action
    at: str
    """The row's Ref cell (``A9``)."""
    status: Status | None
    rag: str | None
    note: str | None
    evidence: str | None
    due: str | None
    reason: str | None
    by: str
    on: str | None
    """The Updated on day (ISO); None: the day it is applied."""
    last_update: str | None
    """The row's Last update cell (ISO), to judge a workbook without its record by."""
    digest: str
    """The hash of the answer's cells: the same answer applied again is known."""

    def describe(self) -> str:
        parts = [self.status.value] if self.status else []
        if self.rag:
            parts.append(f"RAG {self.rag}")
        if self.due:
            parts.append(f"due {self.due} ({self.reason})")
        if self.note:
            parts.append(f"note {self.note!r}")
        if self.evidence:
            parts.append(f"evidence {self.evidence!r}")
        return f"{self.action.label}: {', '.join(parts)} (by {self.by} on {self.on or 'the day applied'})"


@dataclass(slots=True)
class Checked:
    answers: list[Answer] = field(default_factory=list)
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(cell, message)."""
    warnings: list[tuple[str, str]] = field(default_factory=list)


class _Bad(Exception):
    def __init__(self, cell: Cell, message: str) -> None:
        super().__init__(message)
        self.cell = cell
        self.message = message


def check(returned: Returned, actions: dict[str, Action], require_evidence: bool) -> Checked:
    out = Checked()
    seen: dict[str, str] = {}
    record = returned.record
    rows_of = {issued[1]: ref for ref, issued in record.rows.items()} if record is not None else {}
    for row in returned.rows:
        try:
            answer = _row(returned, row, actions, require_evidence, out, rows_of)
        except _Bad as bad:
            out.problems.append((bad.cell.at, bad.message))
            continue
        if answer is None:
            continue
        if answer.action.id in seen:
            out.problems.append(
                (row.ref.at, f"Ref {answer.action.id!r} is answered twice (also at {seen[answer.action.id]})")
            )
            continue
        seen[answer.action.id] = row.ref.at
        out.answers.append(answer)
    return out


def _row(
    returned: Returned,
    row: Row,
    actions: dict[str, Action],
    require_evidence: bool,
    out: Checked,
    rows_of: dict[str, str],
) -> Answer | None:
    ref = str(row.ref.value)
    answered = any(h in row.answers for h in _RECORDED)
    if not ref:
        if answered:
            raise _Bad(row.ref, "an answer with no Ref: which action it answers is not known")
        return None
    action = actions.get(ref)
    if action is None:
        raise _Bad(row.ref, f"Ref {ref!r} is not an action in the store")
    _context(returned, row, action, rows_of)
    if not answered:
        _only_dates(row)
        return None
    return _answer(returned, row, action, require_evidence, out)


def _context(returned: Returned, row: Row, action: Action, rows_of: dict[str, str]) -> None:
    """The row's grey cells are those its Ref was issued with: a context cell edited, or a Ref edited to another
    action (a row copied and its Ref changed, a neighbour's id typed), is a problem. Judged by the hidden record's
    digests while the record has the Ref, else by the store's text of the Ref's action."""
    record = returned.record
    issued = record.rows.get(action.id) if record is not None else None
    if issued is None:
        _matches_store(row, action)
        return
    cells = [row.context.get(heading) for heading in layout.CONTEXT[1:]]
    if None not in cells:
        found = layout.digest([cell.value for cell in cells if cell is not None])
        if found == issued[1]:
            return
        other = rows_of.get(found)
        if other is not None:
            raise _Bad(
                row.ref,
                f"the Ref was changed: this row was issued for {other!r}, not {action.id!r} (its grey cells are "
                f"{other!r}'s); put the Ref back as it was",
            )
    for n, cell in enumerate(cells):
        if cell is not None and layout.digest([cell.value]) != issued[1][8 * n : 8 * n + 8]:
            heading = layout.CONTEXT[n + 1]
            raise _Bad(
                cell,
                f"the {heading} cell was changed; the grey columns are read-only (they say what was "
                "issued): put it back as it was, or write in the columns that are yours",
            )


def _matches_store(row: Row, action: Action) -> None:
    """With no record of the Ref as issued: the row's Action cell is the Ref's action's text in the store."""
    from ..render.xlsx import cell_text

    cell = row.context.get("Action")
    if cell is None or layout.normal(cell.value) == layout.normal(cell_text(action.text, "", [])):
        return
    said = f"is {_short(cell.value)!r}" if layout.normal(cell.value) else "is empty"
    raise _Bad(
        row.ref,
        f"the Ref does not match its row: the row's Action {said} but {action.id!r} is "
        f"{_short(action.text)!r}; put back the Ref the row was issued with",
    )


def _short(value: object) -> str:
    text = layout.normal(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _only_dates(row: Row) -> None:
    for heading in (layout.REVISED, layout.ON, layout.REASON):
        if heading in row.answers:
            raise _Bad(
                row.answers[heading],
                f"{heading} is filled but the row records nothing (give a New "
                "status, RAG, Progress note, Evidence or Revised target date)",
            )


def _answer(returned: Returned, row: Row, action: Action, require_evidence: bool, out: Checked) -> Answer:
    cells = row.answers
    status = _status(cells.get(layout.NEW_STATUS))
    rag = _rag(cells.get(layout.RAG))
    due = _date(cells, layout.REVISED)
    on = _date(cells, layout.ON)
    reason = _text(cells.get(layout.REASON))
    if due and not reason:
        raise _Bad(cells[layout.REVISED], "a Revised target date needs a Reason for new date")
    if reason and not due:
        raise _Bad(cells[layout.REASON], "a Reason for new date with no Revised target date")
    today = clock.today().isoformat()
    if on and on > today:
        raise _Bad(cells[layout.ON], f"Updated on {on} is in the future (today is {today}); record what has happened")
    evidence, note = _text(cells.get(layout.EVIDENCE)), _text(cells.get(layout.NOTE))
    if status is Status.COMPLETED and not evidence:
        message = f"{action.label} closed as completed without evidence"
        if require_evidence:
            raise _Bad(cells[layout.NEW_STATUS], message + " (require_evidence is set)")
        out.warnings.append((cells[layout.NEW_STATUS].at, message + "; boards are asked to evidence impact"))
    by = _text(cells.get(layout.BY)) or (returned.record.agency if returned.record else action.agency)
    raw = [str(c.value) if c is not None else None for c in (cells.get(h) for h in layout.ANSWERS)]
    digest = hashlib.sha256(json.dumps([action.id, *raw]).encode()).hexdigest()
    last = row.context.get("Last update")
    return Answer(
        action,
        row.ref.at,
        status,
        rag,
        note,
        evidence,
        due,
        reason,
        by,
        on,
        _lenient_date(last.value) if last is not None else None,
        digest,
    )


def _status(cell: Cell | None) -> Status | None:
    if cell is None:
        return None
    found = _STATUSES.get(layout.header_key(cell.value)) if isinstance(cell.value, str) else None
    if found is None:
        raise _Bad(cell, f"New status {layout.normal(cell.value)!r} is not one of: {', '.join(layout.STATUSES)}")
    return found


def _rag(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    word = layout.header_key(cell.value)
    if word not in layout.RAGS:
        raise _Bad(cell, f"RAG {layout.normal(cell.value)!r} is not one of: {', '.join(layout.RAGS)}")
    return word


def _text(cell: Cell | None) -> str | None:
    if cell is None:
        return None
    text = layout.normal(cell.value) if not isinstance(cell.value, str) else cell.value.strip()
    return text or None


def _date(cells: dict[str, Cell], heading: str) -> str | None:
    cell = cells.get(heading)
    if cell is None:
        return None
    found = _lenient_date(cell.value)
    if found is None:
        raise _Bad(cell, f"{heading} {layout.normal(cell.value)!r} is not a date (e.g. 31/03/2027)")
    return found


def _lenient_date(value: object) -> str | None:
    """A date cell, a date and time, an Excel serial number (a cell whose type a re-save changed) or text as plans
    write dates (UK order), as ISO; None when it is not a date."""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 1 <= value < 2958466:
        return (EXCEL_EPOCH + timedelta(days=int(value))).isoformat()
    if isinstance(value, str) and value.strip():
        from ..parse.dates import parse_date

        text = value.strip()
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            found = parse_date(text)
            return found.isoformat() if found else None
    return None
