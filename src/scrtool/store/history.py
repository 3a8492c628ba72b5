"""Every status and target change of an action, kept as history: imports from files and updates by hand.

An action's current status is its latest history entry's; its current due date is the latest target any entry
set; its original target is the first one a file gave. Re-importing a plan adds an entry only for what the file
changed, so updates made by hand are never erased.

A first import writes no rows here: until something changes an action, its row in ``actions`` is exactly what the
file said, and its import entry is read from that row. The entry is written (``materialize``) just before the
first change: an update by hand, or a re-import of the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Action, HistoryEntry, Status
from . import read, tallies
from .engine import Connection

_INSERT = ("INSERT INTO history (action_id, report, on_date, recorded_at, source, by, from_status, to_status, "
           "status_text, note, evidence, due, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
_COLUMNS = ("action_id, on_date, recorded_at, source, by, from_status, to_status, status_text, note, evidence, "
            "due, reason")


@dataclass(frozen=True, slots=True)
class Update:
    """An update recorded by hand (``scrtool update``)."""

    on: str
    recorded_at: str
    by: str | None = None
    status: Status | None = None
    status_text: str | None = None
    note: str | None = None
    evidence: str | None = None
    due: str | None = None
    reason: str | None = None


_UNTOUCHED = (
    "SELECT a.id, a.updated, r.imported_at, 'import', NULL, NULL, a.status, a.status_text, "
    "'imported from ' || r.source_file, NULL, a.target, NULL FROM actions a JOIN reports r ON r.id = a.report "
    "WHERE {where} AND NOT EXISTS (SELECT 1 FROM history h WHERE h.action_id = a.id)"
)
"""The import entry of each action nothing has changed since its first import, read from its row."""


def materialize(tx: Connection, report: str, action_id: str | None = None) -> None:
    """Write the import entry of untouched actions (all of a report's, or one) before something changes them."""
    where = "a.report = ?" + (" AND a.id = ?" if action_id else "")
    params = (report, action_id) if action_id else (report,)
    tx.execute(f"INSERT INTO history (action_id, on_date, recorded_at, source, by, from_status, to_status, "
               f"status_text, note, evidence, due, reason, report) SELECT *, ? FROM ({_UNTOUCHED.format(where=where)} "
               "ORDER BY a.seq) AS u", (report, *params))


def reimport(tx: Connection, report: str, file: str, actions: Sequence[Action],
             before: dict[str, str], on: str, recorded_at: str) -> list[str]:
    """Add an entry for each status or target the file changed, recompute the current values, and return a
    line for each action where the file and an update made by hand disagree."""
    last_file = _last_import(tx, report)
    manual = _last_manual(tx, report)
    rows, messages = [], []
    for a in actions:
        previous = last_file.get(a.id)
        status_changed = previous is None or previous[0] != a.status.value
        due_changed = previous is None or (a.target is not None and previous[1] != a.target)
        if status_changed or due_changed:
            rows.append((a.id, report, on, recorded_at, "import", None, before.get(a.id),
                         a.status.value if status_changed else None, a.status_text if status_changed else None,
                         f"changed in {file}" if previous else f"imported from {file}", None,
                         a.target if due_changed else None, None))
        by_hand = manual.get(a.id)
        if by_hand and previous and by_hand[0] > previous[2] and by_hand[1] != a.status.value:
            keep = "the file's (newer)" if status_changed else "the update"
            messages.append(f"{a.label}: the file says {a.status.value}, an update by hand on {by_hand[2]} says "
                            f"{by_hand[1]}; keeping {keep}")
    tx.executemany(_INSERT, rows)
    _recompute(tx, report)
    return messages


def record(tx: Connection, action: Action, update: Update) -> None:
    materialize(tx, action.report, action.id)
    tx.execute(_INSERT, (action.id, action.report, update.on, update.recorded_at, "manual", update.by,
                         action.status.value if update.status else None,
                         update.status.value if update.status else None, update.status_text, update.note,
                         update.evidence, update.due, update.reason))
    _recompute(tx, action.report, action.id)
    tallies.recount(tx, action.report, action.id)
    tx.execute("DELETE FROM search_indexed WHERE report = ?", (action.report,))  # its note: indexed again


def entries(conn: Connection, action_id: str) -> list[HistoryEntry]:
    rows = conn.execute(f"SELECT {_COLUMNS} FROM history WHERE action_id = ? ORDER BY id", (action_id,)).fetchall()
    if not rows:
        rows = conn.execute(_UNTOUCHED.format(where="a.id = ?"), (action_id,)).fetchall()
    return [_entry(row) for row in rows]


def latest(conn: Connection, report: str) -> dict[str, HistoryEntry]:
    """action id -> its latest history entry, for every action of a report that has one."""
    rows = conn.execute(f"SELECT {_COLUMNS} FROM history WHERE id IN (SELECT MAX(id) FROM history WHERE report = ? "
                        f"GROUP BY action_id) UNION ALL {_UNTOUCHED.format(where='a.report = ?')}", (report, report))
    return {entry.action_id: entry for entry in map(_entry, rows)}


def since(conn: Connection, report: str, day: str) -> list[HistoryEntry]:
    rows = conn.execute(f"SELECT * FROM (SELECT {_COLUMNS}, id AS n FROM history WHERE report = ? AND on_date >= ? "
                        f"UNION ALL SELECT *, 0 FROM ({_UNTOUCHED.format(where='a.report = ? AND a.updated >= ?')}) "
                        "AS u) AS e ORDER BY 2, n", (report, day, report, day))
    return [_entry(row[:-1]) for row in rows]


def _entry(row: tuple[object, ...]) -> HistoryEntry:
    (action_id, on, recorded_at, source, by, from_status, to_status, status_text, note, evidence, due, reason) = row
    what = f"a history entry of action {action_id!r}"
    return HistoryEntry(str(action_id), str(on), str(recorded_at), str(source), _opt(by),
                        read.status(from_status, what) if from_status else None,
                        read.status(to_status, what) if to_status else None, _opt(status_text), _opt(note),
                        _opt(evidence), _opt(due), _opt(reason))


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _last_import(tx: Connection, report: str) -> dict[str, tuple[str | None, str | None, int]]:
    """action id -> (status the files last gave, target they last gave, id of the last import entry)."""
    out: dict[str, tuple[str | None, str | None, int]] = {}
    for action_id, to_status, due, ident in tx.execute(
            "SELECT action_id, to_status, due, id FROM history WHERE report = ? AND source = 'import' ORDER BY id",
            (report,)):
        status, target, _ = out.get(action_id, (None, None, 0))
        out[action_id] = (to_status or status, due or target, ident)
    return out


def _last_manual(tx: Connection, report: str) -> dict[str, tuple[int, str, str]]:
    """action id -> (entry id, status, date) of its latest status update made by hand."""
    rows = tx.execute("SELECT action_id, id, to_status, on_date FROM history WHERE report = ? AND source = 'manual' "
                      "AND to_status IS NOT NULL ORDER BY id", (report,))
    return {action_id: (ident, status, on) for action_id, ident, status, on in rows}


def _latest(column: str, condition: str, newest: bool = True) -> str:
    order = "DESC" if newest else "ASC"
    return (f"(SELECT {column} FROM history h WHERE h.action_id = actions.id AND {condition} "
            f"ORDER BY h.id {order} LIMIT 1)")


_RECOMPUTE = (
    f"UPDATE actions SET status = COALESCE({_latest('to_status', 'to_status IS NOT NULL')}, status), "
    f"status_text = COALESCE({_latest('status_text', 'to_status IS NOT NULL')}, status_text), "
    f"due = {_latest('due', 'due IS NOT NULL')}, "
    f"target = {_latest('due', 'source = ' + repr('import') + ' AND due IS NOT NULL', newest=False)}, "
    f"updated = {_latest('on_date', 'TRUE')} WHERE report = ?"
)


def _recompute(tx: Connection, report: str, action_id: str | None = None) -> None:
    """Set each action's current status, due date, original target and last update from its history."""
    if action_id is None:
        tx.execute(_RECOMPUTE, (report,))
    else:
        tx.execute(_RECOMPUTE + " AND id = ?", (report, action_id))
