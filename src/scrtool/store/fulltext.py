"""The full-text index over recommendations and actions, and its queries: SQLite's FTS5 table ranked by bm25, or on
PostgreSQL a ``tsvector`` column with a GIN index ranked by ``ts_rank_cd``; both stem English words (porter) and
find a row holding every word asked for, best first. The index is built per report by the first search after an
import (``ensure_index``), not by the import."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Status
from .db import ReadOnlyStore, Store
from .engine import Connection, is_postgres

START, END = "\x02", "\x03"
"""What marks a matched word in the text a search returns."""

_INDEX_SQL = (
    "INSERT INTO {table} (ref, report, text) SELECT 'rec:' || kind || ':' || number, report, text "
    "FROM recommendations WHERE {report}",
    "INSERT INTO {table} (ref, report, text) SELECT 'action:' || id, report, text || ' ' || outcome "
    "FROM actions WHERE {report}",
    "INSERT INTO {table} (ref, report, text) SELECT 'note:' || id, report, note FROM history "
    "WHERE {report} AND source != 'import' AND note IS NOT NULL AND note != ''",
)
"""What is searched: recommendations, actions (text and outcome) and the notes of updates (not the import's own
"imported from" lines). ``{report}``: one report's rows (``report = ?``), or every report's (``TRUE``)."""


def ensure_index(store: Store) -> int:
    """Index the reports imported since the last search; return how many were indexed. On a SQLite store this user
    can only read, the whole index is made in memory for this search instead (``temp.search``, which the
    unqualified name ``search`` then means): the same rows, so the same hits in the same order, and nothing
    written."""
    conn = store.conn
    missing = [
        row[0] for row in conn.execute("SELECT id FROM reports WHERE id NOT IN (SELECT report FROM search_indexed)")
    ]
    if not missing:
        return 0
    pg = is_postgres(conn)
    if pg and not conn.execute("SELECT has_table_privilege('search', 'INSERT')").fetchone()[0]:
        return 0  # a role kept to one agency (store/grants.py) searches what the owner's role indexed
    table = "search" if pg else "main.search"
    try:
        with store.write() as tx:
            for report in missing:
                tx.execute("DELETE FROM search WHERE report = ?", (report,))
                for sql in _INDEX_SQL:
                    tx.execute(sql.format(table=table, report="report = ?"), (report,))
                tx.execute("INSERT INTO search_indexed VALUES (?) ON CONFLICT DO NOTHING", (report,))
    except ReadOnlyStore:
        _index_in_memory(conn)
    return len(missing)


def _index_in_memory(conn: Connection) -> None:
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute(
        "CREATE VIRTUAL TABLE temp.search USING fts5 (ref UNINDEXED, report UNINDEXED, text, "
        "tokenize = 'porter unicode61')"
    )
    for sql in _INDEX_SQL:
        conn.execute(sql.format(table="temp.search", report="TRUE"))


def matches(
    conn: Connection,
    words: Sequence[str],
    agency_keys: Sequence[str] | None,
    statuses: Sequence[Status] | None,
    limit: int,
    overdue_on: str | None = None,
) -> list[tuple[str, str, str, str | None, str | None, str | None]]:
    """(ref, report, text with each matched word between START and END, agency, number, status) of the rows
    holding every word, best first (then by report and ref); agency and status are those of the action a row is
    (``action:``) or whose update's note it is (``note:``); ``overdue_on``: only actions overdue on that day
    (rag.is_overdue)."""
    if is_postgres(conn):  # CASE: the id of a note is read only from a note's ref
        sql = (
            "SELECT s.ref, s.report, ts_headline('english', s.text, q, ?), a.agency, a.number, a.status "
            "FROM search s CROSS JOIN plainto_tsquery('english', ?) q LEFT JOIN history h ON h.id = CASE WHEN "
            "s.ref LIKE 'note:%' THEN CAST(substr(s.ref, 6) AS BIGINT) END LEFT JOIN actions a ON a.id = CASE "
            "WHEN s.ref LIKE 'action:%' THEN substr(s.ref, 8) ELSE h.action_id END WHERE s.words @@ q"
        )
        params: list[object] = [f"StartSel={START}, StopSel={END}, HighlightAll=true", " ".join(words)]
        order = "ts_rank_cd(s.words, q) DESC"
    else:
        sql = (
            "SELECT s.ref, s.report, highlight(search, 2, char(2), char(3)), a.agency, a.number, a.status "
            "FROM search s LEFT JOIN history h ON s.ref LIKE 'note:%' AND h.id = CAST(substr(s.ref, 6) AS INTEGER) "
            "LEFT JOIN actions a ON a.id = CASE WHEN s.ref LIKE 'action:%' THEN substr(s.ref, 8) ELSE h.action_id "
            "END WHERE search MATCH ?"
        )
        params = [" ".join('"' + word.replace('"', "") + '"' for word in words)]
        order = "bm25(search)"
    if agency_keys:
        marks = ", ".join("?" * len(agency_keys))
        sql += (
            f" AND (a.agency_key IN ({marks}) OR a.id IN (SELECT action_id FROM action_agencies "
            f"WHERE key IN ({marks})))"
        )
        params += [*agency_keys, *agency_keys]
    if statuses:
        sql += f" AND a.status IN ({', '.join('?' * len(statuses))})"
        params += [s.value for s in statuses]
    if overdue_on:
        from ..rag import overdue_sql

        sql += f" AND {overdue_sql('a.')}"
        params.append(overdue_on)
    sql += f" ORDER BY {order}, s.report, s.ref LIMIT ?"
    params.append(limit)
    return conn.execute(sql, params).fetchall()
