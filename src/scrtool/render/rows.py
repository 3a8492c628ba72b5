"""The rows of the board's exports, built once for every format: the columns of an action and of a history entry
(fixed positions, whatever the data), each action's cells, the history entries, the agencies and the summary
tables. No format library here: the writers (textual.py, xlsx.py) lay these rows out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Status

if TYPE_CHECKING:
    from ..model import HistoryEntry
    from ..questions.board import Board, BoardRow


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    """The csv header (stable, machine-readable)."""
    heading: str
    """The xlsx header."""
    kind: str = "text"
    """text, date, datetime or int: how the xlsx types the cell."""


COLUMNS = (
    Column("report", "Report"),
    Column("agency", "Agency"),
    Column("lead", "Lead"),
    Column("number", "No."),
    Column("status", "Status"),
    Column("status_text", "Status in plan"),
    Column("rag", "RAG"),
    Column("target", "Target", "date"),
    Column("due", "Due", "date"),
    Column("text", "Action"),
    Column("outcome", "Outcome"),
    Column("cited_by", "Cited by"),
    Column("updated", "Last update", "date"),
    Column("update_source", "Update source"),
    Column("update_by", "Updated by"),
    Column("update_change", "Status change"),
    Column("update_note", "Update note"),
    Column("update_evidence", "Evidence"),
    Column("file", "File"),
    Column("line", "Line", "int"),
    Column("id", "Id"),
)
"""The columns of the csv, of the xlsx's All actions sheet and of each agency sheet (which leaves out ``report``),
followed by one column for each extra column of the plan (``plan: <header>``). ``status_text`` is what the plan
says (its latest imported version), never a status typed by hand."""

HISTORY_COLUMNS = (
    Column("id", "Entry"),
    Column("action_id", "Action id"),
    Column("agency", "Agency"),
    Column("number", "No."),
    Column("on", "Date", "date"),
    Column("recorded_at", "Recorded (UTC)", "datetime"),
    Column("source", "Source"),
    Column("by", "By"),
    Column("from", "From"),
    Column("to", "To"),
    Column("status_text", "Status as written"),
    Column("note", "Note"),
    Column("evidence", "Evidence"),
    Column("due", "Target set", "date"),
    Column("reason", "Reason"),
    Column("forced", "Forced over"),
)
"""The columns of the xlsx's History sheet: every entry of every action, imports included. ``source`` says where
an entry came from (``import``, ``manual``, ``retraction``, ``return``; ``return (forced)``: applied with --force
over the change by another hand that ``forced`` names)."""

STATUSES = tuple(Status)
"""Every status, in a fixed order: the summary's columns do not move with the data."""


def source_label(entry: HistoryEntry) -> str:
    """Where an entry came from as every view shows it: its source, and ``(forced)`` for a return's answer applied
    with ``returns apply --force`` over a change by another hand."""
    return f"{entry.source} (forced)" if entry.forced else entry.source


def change(entry: HistoryEntry | None, arrow: str = "->") -> str:
    """``from -> to`` of an entry that set a status, ``to`` alone for the first one, ``to (unchanged)`` for one
    that said the status it had (an agency confirming in its return), "" otherwise."""
    if entry is None or entry.to_status is None:
        return ""
    to = entry.to_status.value
    if entry.from_status is None:
        return to
    return f"{to} (unchanged)" if entry.from_status is entry.to_status else f"{entry.from_status.value} {arrow} {to}"


def changes(entry: HistoryEntry, arrow: str = "->", due: bool = True) -> str:
    """Everything an entry changed: ``open -> completed; RAG amber (why); due 2026-06-30 (why)`` (``due``: with
    the due date, for a view that has no column of its own for it)."""
    parts = [change(entry, arrow)]
    if entry.rag:
        parts.append(f"RAG {entry.rag}" + (f" ({entry.rag_reason})" if entry.rag_reason else ""))
    if due and entry.due:
        parts.append(f"due {entry.due}" + (f" ({entry.reason})" if entry.reason and not entry.retracts else ""))
    return "; ".join(part for part in parts if part)


def extra_headers(board: Board) -> list[str]:
    """The plan's own extra column headers, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in board.rows:
        for header, _ in row.action.extra:
            seen.setdefault(header, None)
    return list(seen)


def row_values(row: BoardRow, extras: Sequence[str]) -> list[str]:
    """The cells of one action in the order of COLUMNS then ``extras``, as text ("" for nothing)."""
    a, e = row.action, row.last_update
    values = [
        a.report,
        a.agency,
        a.lead,
        a.number or "",
        a.status.value,
        row.plan_status,
        row.rag.value if row.rag else "",
        a.target or "",
        a.due or "",
        a.text,
        a.outcome,
        "; ".join(r.label() for r in row.cited_by),
        a.updated or "",
        source_label(e) if e else "",
        (e.by or "") if e else "",
        change(e),
        (e.note or "") if e else "",
        (e.evidence or "") if e else "",
        a.source.file,
        a.source.at(),
        a.id,
    ]
    extra = dict(a.extra)
    return values + [extra.get(header, "") for header in extras]


def history_values(board: Board) -> list[list[str]]:
    """Every history entry of the report's actions, in plan order, each action's in the order they were
    recorded: the cells of HISTORY_COLUMNS as text."""
    actions = {r.action.id: r.action for r in board.rows}
    out = []
    for e in board.history:
        a = actions.get(e.action_id)
        if a is None:
            continue
        out.append(
            [
                e.ident or "",
                a.id,
                a.agency,
                a.number or "",
                e.on,
                e.recorded_at,
                source_label(e),
                e.by or "",
                e.from_status.value if e.from_status else "",
                e.to_status.value if e.to_status else "",
                e.status_text or "",
                e.note or "",
                e.evidence or "",
                e.due or "",
                e.reason or "",
                e.forced or "",
            ]
        )
    return out


def by_agency(board: Board) -> list[tuple[str, list[BoardRow]]]:
    """The rows grouped by agency, in the order (and with the names) of the summary."""
    from ..names import fold

    groups: dict[str, list[BoardRow]] = {fold(c.agency): [] for c in board.summary.agencies}
    names = {fold(c.agency): c.agency for c in board.summary.agencies}
    for row in board.rows:
        key = fold(row.action.agency)
        groups.setdefault(key, []).append(row)
        names.setdefault(key, row.action.agency)
    return [(names[key], rows) for key, rows in groups.items() if rows]


def summary_tables(board: Board) -> tuple[list[str], list[list[object]], list[str], list[list[object]]]:
    """The summary sheet's two tables (headings, rows): per agency (actions, every status in a fixed order,
    completed %, each RAG rating, unnumbered responses), and per recommendation (cited actions, completed, %)."""
    from ..rag import Rag

    s = board.summary
    agency_head = (
        ["Agency", "Actions"]
        + [st.value.replace("-", " ").capitalize() for st in STATUSES]
        + ["Completed %"]
        + [r.value.capitalize() for r in Rag]
        + ["Responses"]
    )
    agency_rows: list[list[object]] = []
    for count in s.agencies:
        rags = s.rag.get(count.agency, {})
        agency_rows.append(
            [
                count.agency,
                count.total,
                *(count.shown_count(st) for st in STATUSES),
                count.progress.percent,
                *(rags.get(r, 0) for r in Rag),
                count.responded,
            ]
        )
    rec_head = ["Rec", "Recommendation", "Cited actions", "Completed", "Completed %"]
    rec_rows: list[list[object]] = [
        [rec.ref.short, rec.text, p.total, p.completed, p.percent if p.total else None]
        for rec in s.recommendations
        for p in (rec.progress,)
    ]
    return agency_head, agency_rows, rec_head, rec_rows
