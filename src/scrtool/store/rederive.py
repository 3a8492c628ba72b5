"""Status and RAG read again from a store's stored plan text, for stores made before RAG words were read as ratings
(migration 11): a ``Green`` cell was stored as completed; it is in progress, with the plan's judgement green.

Only rows whose stored status text states a RAG colour change (parse/ratings.py decides, with the built-in words);
the import entries in history are read again the same way. Then every action with history is recomputed from it
(store/replay.py: a backdated update in its place) and every report's counts made again (store/tallies.py), so an
update made by hand still counts as it did.
"""

from __future__ import annotations

from ..parse.ratings import rating, status_cells
from ..parse.vocab import DEFAULT
from . import decode
from .engine import Connection


def rederive(conn: Connection) -> None:
    from .current import recompute
    from .tallies import recount

    others: dict[str, list[str]] = {}
    updates = []
    for ident, status_text, extra in conn.execute("SELECT id, status_text, extra FROM actions").fetchall():
        cells = decode.extra(extra, f"action {ident!r}") if extra != "{}" else ()
        others[ident] = status_cells(cells, DEFAULT)
        rag, status = rating(status_text or "", others[ident], DEFAULT)
        if rag is not None and status is not None:
            updates.append((status.value, rag, ident))
    conn.executemany("UPDATE actions SET status = ?, rag = ? WHERE id = ?", updates)
    entries = []
    for row_id, action_id, status_text in conn.execute(
        "SELECT id, action_id, status_text FROM history WHERE source = 'import' AND to_status IS NOT NULL "
        "AND status_text IS NOT NULL"
    ).fetchall():
        rag, status = rating(status_text, others.get(action_id, ()), DEFAULT)
        if rag is not None and status is not None:
            entries.append((status.value, rag, row_id))
    conn.executemany("UPDATE history SET to_status = ?, rag = ? WHERE id = ?", entries)
    for (report,) in conn.execute("SELECT id FROM reports").fetchall():
        recompute(conn, report)
        recount(conn, report)
