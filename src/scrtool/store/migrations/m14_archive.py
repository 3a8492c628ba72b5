"""Migration 14: removed reports and their history, kept (store/archive.py).

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

from ..engine import Connection

_SQL = """
CREATE TABLE IF NOT EXISTS removed_reports (
    removal INTEGER PRIMARY KEY, report TEXT NOT NULL, title TEXT NOT NULL, source_file TEXT NOT NULL,
    imported_at TEXT NOT NULL, removed_at TEXT NOT NULL, actions INTEGER NOT NULL, entries INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS removed_history (
    removal INTEGER NOT NULL, seq INTEGER NOT NULL, action_id TEXT NOT NULL, agency TEXT, number TEXT,
    action TEXT, entry TEXT NOT NULL, PRIMARY KEY (removal, seq)
)
"""
"""The archive of removed reports (store/archive.py). ``entry`` is the history row as stored, as a JSON object of
its columns (so a column added to ``history`` later is archived too); ``agency``, ``number`` and ``action`` are
NULL for an entry of an action the report's last version had left out."""

_PG_SQL = """
CREATE TABLE IF NOT EXISTS removed_reports (
    removal INTEGER PRIMARY KEY, report TEXT COLLATE "C" NOT NULL, title TEXT COLLATE "C" NOT NULL,
    source_file TEXT COLLATE "C" NOT NULL, imported_at TEXT COLLATE "C" NOT NULL, removed_at TEXT COLLATE "C" NOT NULL,
    actions INTEGER NOT NULL, entries INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS removed_history (
    removal INTEGER NOT NULL, seq INTEGER NOT NULL, action_id TEXT COLLATE "C" NOT NULL, agency TEXT COLLATE "C",
    number TEXT COLLATE "C", action TEXT COLLATE "C", entry TEXT COLLATE "C" NOT NULL, PRIMARY KEY (removal, seq)
)
"""


def sqlite(conn: sqlite3.Connection) -> None:
    """Issue 13: removed reports and their history, kept (store/archive.py). Safe to run again."""
    for statement in _SQL.split(";"):
        if statement.strip():
            conn.execute(statement)


def postgresql(conn: Connection) -> None:
    """schema.py's migration 14: the archive of removed reports (store/archive.py). Granted roles may read which
    reports were removed, not the archived history (every agency's: row-level security does not hold it)."""
    from .pg_catalog import has_table

    for statement in _PG_SQL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    if has_table(conn, "agency_grants"):
        for (role,) in conn.execute("SELECT DISTINCT role FROM agency_grants ORDER BY role").fetchall():
            name = conn.execute("SELECT quote_ident(?)", (role,)).fetchone()[0]
            conn.execute(f"GRANT SELECT ON removed_reports TO {name}")
