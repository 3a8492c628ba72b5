"""Migration 11: RAG judgements (a plan's RAG column or fill, ``update --rag``) kept as history and on each action,
and retractions (an entry naming the entry it withdraws). Then each action's status and RAG are read again from its
stored plan text by the rule that RAG words are ratings, not completion, so a store made before needs no re-import:
a ``Green`` cell was stored as completed; it is in progress, with the plan's judgement green.

Only rows whose stored status text states a RAG colour change (m11_ratings.py decides, with the built-in words); the
import entries in history are read again the same way. Then every action with history is recomputed from it
(m11_replay.py: a backdated update in its place) and every report's counts made again (m13_recount.py), so an update
made by hand still counts as it did. The code is store/rederive.py's as it was when this migration shipped, with
what it ran (parse/ratings.py, parse/vocab.py, store/replay.py, store/current.py, store/tallies.py) copied beside it.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import json
import sqlite3

from ...errors import StoreError
from ..engine import Connection


def sqlite(conn: sqlite3.Connection) -> None:
    """The columns, then status and RAG read again. Safe to run again on a store that has the columns (user_version
    set back)."""
    for table, columns in (
        ("history", ("rag TEXT", "rag_reason TEXT", "retracts INTEGER")),
        ("actions", ("rag TEXT", "rag_reason TEXT")),
        ("tally_status", ("rag TEXT", "numbered INTEGER NOT NULL DEFAULT 1")),
    ):
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column.split()[0] not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    rederive(conn)


def postgresql(conn: Connection) -> None:
    """history's rag, rag_reason, retracts; actions' rag, rag_reason; tally_status's rag and numbered; then status
    and RAG read again as on SQLite. Where row-level security is on (store/grants.py), the owner's counting function
    is made again to count by the new column."""
    conn.execute(
        'ALTER TABLE history ADD COLUMN IF NOT EXISTS rag TEXT COLLATE "C", '
        'ADD COLUMN IF NOT EXISTS rag_reason TEXT COLLATE "C", ADD COLUMN IF NOT EXISTS retracts BIGINT'
    )
    conn.execute(
        'ALTER TABLE actions ADD COLUMN IF NOT EXISTS rag TEXT COLLATE "C", '
        'ADD COLUMN IF NOT EXISTS rag_reason TEXT COLLATE "C"'
    )
    conn.execute(
        'ALTER TABLE tally_status ADD COLUMN IF NOT EXISTS rag TEXT COLLATE "C", '
        "ADD COLUMN IF NOT EXISTS numbered INTEGER NOT NULL DEFAULT 1"
    )
    from .m13_recount import pg_recount_function
    from .pg_catalog import has_table

    if has_table(conn, "agency_grants"):  # store/grants.py made the owner's counting function: made again
        schema = conn.execute("SELECT quote_ident(current_schema())").fetchone()[0]
        conn.execute(pg_recount_function(schema))
    rederive(conn)


def rederive(conn: Connection) -> None:
    """Status and RAG read again from the stored plan text, then every action's state and every report's counts."""
    from .m11_ratings import rating, status_cells
    from .m11_replay import recompute
    from .m13_recount import recount

    others: dict[str, list[str]] = {}
    updates = []
    for ident, status_text, extra in conn.execute("SELECT id, status_text, extra FROM actions").fetchall():
        cells = _extra(extra, f"action {ident!r}") if extra != "{}" else ()
        others[ident] = status_cells(cells)
        rag, status = rating(status_text or "", others[ident])
        if rag is not None and status is not None:
            updates.append((status, rag, ident))
    conn.executemany("UPDATE actions SET status = ?, rag = ? WHERE id = ?", updates)
    entries = []
    for row_id, action_id, status_text in conn.execute(
        "SELECT id, action_id, status_text FROM history WHERE source = 'import' AND to_status IS NOT NULL "
        "AND status_text IS NOT NULL"
    ).fetchall():
        rag, status = rating(status_text, others.get(action_id, ()))
        if rag is not None and status is not None:
            entries.append((status, rag, row_id))
    conn.executemany("UPDATE history SET to_status = ?, rag = ? WHERE id = ?", entries)
    for (report,) in conn.execute("SELECT id FROM reports").fetchall():
        recompute(conn, report)
        recount(conn, report)


def _extra(text: object, what: str) -> tuple[tuple[str, str], ...]:
    """An action's extra cells as stored, a JSON object of text (store/decode.py's ``extra`` of that day)."""
    if text == "{}":
        return ()
    try:
        cells = json.loads(str(text))
    except ValueError:
        cells = None
    if not isinstance(cells, dict) or not all(isinstance(v, str) for v in cells.values()):
        raise StoreError(f"damaged store: {what}: extra cells {str(text)[:60]!r} are not a JSON object of text")
    return tuple(cells.items())
