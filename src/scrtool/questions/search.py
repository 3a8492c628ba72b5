"""Search across every report in the store (SQLite FTS5, ranked by bm25): has this been recommended before, and
what became of it?"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..model import Status
from ..store import read
from ..store.db import ReadOnlyStore, Store

_WORD = re.compile(r"\w+")
START, END = "\x02", "\x03"
_MARK = re.compile(f"{START}(.*?){END}", re.S)


@dataclass(frozen=True, slots=True)
class Hit:
    report: str
    kind: str
    """``recommendation``, ``reminder``, ``action``, or ``update`` (the note of an update of the action)."""
    agency: str | None
    number: str | None
    status: Status | None
    text: str
    spans: tuple[tuple[int, int], ...]
    """Where the query's words matched in ``text`` (start, end)."""


_INDEX_SQL = ("INSERT INTO {table} (ref, report, text) SELECT 'rec:' || kind || ':' || number, report, text "
              "FROM recommendations WHERE {report}",
              "INSERT INTO {table} (ref, report, text) SELECT 'action:' || id, report, text || ' ' || outcome "
              "FROM actions WHERE {report}",
              "INSERT INTO {table} (ref, report, text) SELECT 'note:' || id, report, note FROM history "
              "WHERE {report} AND source != 'import' AND note IS NOT NULL AND note != ''")
"""What is searched: recommendations, actions (text and outcome) and the notes of updates (not the import's own
"imported from" lines). ``{report}``: one report's rows (``report = ?``), or every report's (``1``)."""


def ensure_index(store: Store) -> int:
    """Index the reports imported since the last search; return how many were indexed. On a store this user can
    only read, the whole index is made in memory for this search instead (``temp.search``, which the unqualified
    name ``search`` then means): the same rows, so the same hits in the same order, and nothing written."""
    conn = store.conn
    missing = [row[0] for row in conn.execute(
        "SELECT id FROM reports WHERE id NOT IN (SELECT report FROM search_indexed)")]
    if not missing:
        return 0
    try:
        with store.write() as tx:
            for report in missing:
                tx.execute("DELETE FROM search WHERE report = ?", (report,))
                for sql in _INDEX_SQL:
                    tx.execute(sql.format(table="main.search", report="report = ?"), (report,))
                tx.execute("INSERT OR IGNORE INTO search_indexed VALUES (?)", (report,))
    except ReadOnlyStore:
        _index_in_memory(conn)
    return len(missing)


def _index_in_memory(conn: sqlite3.Connection) -> None:
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("CREATE VIRTUAL TABLE temp.search USING fts5 (ref UNINDEXED, report UNINDEXED, text, "
                 "tokenize = 'porter unicode61')")
    for sql in _INDEX_SQL:
        conn.execute(sql.format(table="temp.search", report="1"))


def search(conn: sqlite3.Connection, query: str, agency_keys: Sequence[str] | None = None,
           status: list[Status] | None = None, limit: int = 50, overdue_on: str | None = None) -> list[Hit]:
    """The best ``limit`` hits; ``overdue_on``: only actions overdue on that day (rag.is_overdue)."""
    words = _WORD.findall(query)
    if not words:
        raise UsageError(f"search {query!r} has no words to look for")
    match = " ".join('"' + word.replace('"', "") + '"' for word in words)
    sql = ("SELECT s.ref, s.report, highlight(search, 2, char(2), char(3)), a.agency, a.number, a.status "
           "FROM search s LEFT JOIN history h ON s.ref LIKE 'note:%' AND h.id = CAST(substr(s.ref, 6) AS INTEGER) "
           "LEFT JOIN actions a ON a.id = CASE WHEN s.ref LIKE 'action:%' THEN substr(s.ref, 8) ELSE h.action_id END "
           "WHERE search MATCH ?")
    params: list[object] = [match]
    if agency_keys:
        marks = ", ".join("?" * len(agency_keys))
        sql += (f" AND (a.agency_key IN ({marks}) OR a.id IN (SELECT action_id FROM action_agencies "
                f"WHERE key IN ({marks})))")
        params += [*agency_keys, *agency_keys]
    if status:
        sql += f" AND a.status IN ({', '.join('?' * len(status))})"
        params += [s.value for s in status]
    if overdue_on:
        from ..rag import overdue_sql

        sql += f" AND {overdue_sql('a.')}"
        params.append(overdue_on)
    sql += " ORDER BY bm25(search), s.report, s.ref LIMIT ?"
    params.append(limit)
    return [_hit(*row) for row in conn.execute(sql, params)]


def _hit(ref: str, report: str, marked: str, agency: str | None, number: str | None, status: str | None) -> Hit:
    text, spans = _spans(marked)
    if ref.startswith("rec:"):
        _, kind, rec_number = ref.split(":", 2)
        return Hit(report, read.kind(kind, f"recommendation {rec_number} of report {report!r}").value, None,
                   rec_number, None, text, spans)
    what = f"action {number} of {agency!r} in report {report!r}"
    kind = "update" if ref.startswith("note:") else "action"
    return Hit(report, kind, agency, number, read.status(status, what) if status else None, text, spans)


def _spans(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[position:match.start()]
        out.append(before)
        length += len(before)
        out.append(match.group(1))
        spans.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        position = match.end()
    out.append(marked[position:])
    return "".join(out), tuple(spans)
