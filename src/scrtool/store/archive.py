"""Removing a report (``scrtool remove``), its history kept in an archive (``scrtool archive``).

A board's history is never lost silently: before a report's records are deleted, every history entry of its
actions (the import entry of an action nothing changed included, written first by ``history.materialize``) is
copied to ``removed_history`` with the action's agency, number and text, under one row of ``removed_reports``
saying what was removed and when. The entries leave ``history``, so a report imported later under the same id
starts a history of its own and never inherits the removed one's. Judgements on pairs of recommendations (``same``,
``different``) are not the report's and stay.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import NotFound
from ..names import fold
from . import history, vectors, write
from .db import Store
from .engine import Connection


@dataclass(frozen=True, slots=True)
class Removal:
    """A report removed, as the archive keeps it."""

    removal: int
    """The archive's number for this removal (a report id may be removed, imported and removed again)."""
    report: str
    title: str
    source_file: str
    imported_at: str
    removed_at: str
    actions: int
    """How many actions (numbered and unnumbered) the report had."""
    entries: int
    """How many history entries were archived."""


@dataclass(frozen=True, slots=True)
class ArchivedEntry:
    """One history entry of a removed report."""

    removal: int
    action_id: str
    agency: str | None
    number: str | None
    action: str | None
    entry: dict[str, object]
    """The history row's columns as stored (``on_date``, ``source``, ``to_status``, ``note``...)."""


def counts(conn: Connection, report: str) -> tuple[int, int]:
    """(actions, history entries written) of a stored report: what ``remove`` asks about; NotFound if none."""
    if conn.execute("SELECT 1 FROM reports WHERE id = ?", (report,)).fetchone() is None:
        ids = [row[0] for row in conn.execute("SELECT id FROM reports ORDER BY id")]
        raise NotFound(f"no report {report!r} in the store; reports: {', '.join(ids) or 'none yet'}")
    (actions,) = conn.execute("SELECT COUNT(*) FROM actions WHERE report = ?", (report,)).fetchone()
    (entries,) = conn.execute("SELECT COUNT(*) FROM history WHERE report = ?", (report,)).fetchone()
    return actions, entries


def remove(store: Store, report: str, removed_at: str) -> Removal:
    """Archive a report's history and delete the report, in one transaction (all of it, or nothing)."""
    with store.write() as tx:
        actions, _ = counts(tx, report)
        history.materialize(tx, report)
        (removal,) = tx.execute("SELECT COALESCE(MAX(removal), 0) + 1 FROM removed_reports").fetchone()
        cursor = tx.execute(
            "SELECT h.*, a.agency, a.number, a.text FROM history h LEFT JOIN actions a ON "
            "a.id = h.action_id WHERE h.report = ? ORDER BY h.id",
            (report,),
        )
        names = [column[0] for column in cursor.description][:-3]
        rows = [
            (
                removal,
                seq,
                row[names.index("action_id")],
                *row[-3:],
                json.dumps(dict(zip(names, row[:-3], strict=True)), ensure_ascii=False),
                fold(row[-3]) if row[-3] is not None else None,
            )
            for seq, row in enumerate(cursor.fetchall(), start=1)
        ]
        tx.executemany(
            "INSERT INTO removed_history (removal, seq, action_id, agency, number, action, entry, agency_key) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        title, source, imported = tx.execute(
            "SELECT title, source_file, imported_at FROM reports WHERE id = ?", (report,)
        ).fetchone()
        done = Removal(removal, report, title, source, imported, removed_at, actions, len(rows))
        tx.execute(
            "INSERT INTO removed_reports VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (removal, report, title, source, imported, removed_at, actions, len(rows)),
        )
        tx.execute("DELETE FROM history WHERE report = ?", (report,))
        write.delete_records(tx, report)
        vectors.renorm(tx)  # the other reports' vectors, weighed without this one's texts
    return done


def removals(conn: Connection) -> list[Removal]:
    """Every report removed, oldest removal first."""
    return [Removal(*row) for row in conn.execute("SELECT * FROM removed_reports ORDER BY removal")]


def entries(conn: Connection, report: str) -> list[ArchivedEntry]:
    """The archived history of every removal of ``report``, in the order it was recorded; NotFound if the archive
    holds none."""
    rows: Sequence[tuple[int, str, str | None, str | None, str | None, str]] = conn.execute(
        "SELECT h.removal, h.action_id, h.agency, h.number, h.action, h.entry FROM removed_history h JOIN "
        "removed_reports r ON r.removal = h.removal WHERE r.report = ? ORDER BY h.removal, h.seq",
        (report,),
    ).fetchall()
    if not rows and conn.execute("SELECT 1 FROM removed_reports WHERE report = ?", (report,)).fetchone() is None:
        removed = sorted({r.report for r in removals(conn)})
        raise NotFound(f"the archive holds no report {report!r}; removed reports: {', '.join(removed) or 'none'}")
    return [
        ArchivedEntry(removal, action_id, agency, number, action, json.loads(entry))
        for removal, action_id, agency, number, action, entry in rows
    ]
