"""Migration 15: the return cycle's tables (store/returns.py).

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

from ..engine import Connection

_SQL = """
CREATE TABLE IF NOT EXISTS return_issues (
    token TEXT PRIMARY KEY, agency TEXT NOT NULL, issued_on TEXT NOT NULL, issued_at TEXT NOT NULL,
    file TEXT NOT NULL, history_mark INTEGER NOT NULL, seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS return_rows (
    token TEXT NOT NULL, action_id TEXT NOT NULL, report TEXT NOT NULL, status TEXT NOT NULL, due TEXT,
    updated TEXT, outcome TEXT, answered_on TEXT, PRIMARY KEY (token, action_id)
);
CREATE INDEX IF NOT EXISTS return_rows_action ON return_rows (action_id);
CREATE INDEX IF NOT EXISTS return_rows_report ON return_rows (report);
CREATE TABLE IF NOT EXISTS return_answers (
    action_id TEXT NOT NULL, answer TEXT NOT NULL, token TEXT, applied_on TEXT NOT NULL,
    PRIMARY KEY (action_id, answer)
)
"""
"""The return cycle (store/returns.py): the returns issued to agencies (one a workbook), the state of each action
each one was issued with and what became of its answer, and the answers applied (so applying one again records
nothing)."""

_PG_SQL = """
CREATE TABLE IF NOT EXISTS return_issues (
    token TEXT COLLATE "C" PRIMARY KEY, agency TEXT COLLATE "C" NOT NULL, issued_on TEXT COLLATE "C" NOT NULL,
    issued_at TEXT COLLATE "C" NOT NULL, file TEXT COLLATE "C" NOT NULL, history_mark INTEGER NOT NULL,
    seq INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS return_rows (
    token TEXT COLLATE "C" NOT NULL, action_id TEXT COLLATE "C" NOT NULL, report TEXT COLLATE "C" NOT NULL,
    status TEXT COLLATE "C" NOT NULL, due TEXT COLLATE "C", updated TEXT COLLATE "C", outcome TEXT COLLATE "C",
    answered_on TEXT COLLATE "C", PRIMARY KEY (token, action_id)
);
CREATE INDEX IF NOT EXISTS return_rows_action ON return_rows (action_id);
CREATE INDEX IF NOT EXISTS return_rows_report ON return_rows (report);
CREATE TABLE IF NOT EXISTS return_answers (
    action_id TEXT COLLATE "C" NOT NULL, answer TEXT COLLATE "C" NOT NULL, token TEXT COLLATE "C",
    applied_on TEXT COLLATE "C" NOT NULL, PRIMARY KEY (action_id, answer)
)
"""


def sqlite(conn: sqlite3.Connection) -> None:
    """Issue 15: the return cycle's tables. Safe to run again."""
    for statement in _SQL.split(";"):
        if statement.strip():
            conn.execute(statement)


def postgresql(conn: Connection) -> None:
    """schema.py's migration 15: the return cycle's tables (store/returns.py), as SQLite's: the dates the cycle
    keeps are ISO text there too. Granted roles are given nothing on them: the cycle is the business unit's."""
    for statement in _PG_SQL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
