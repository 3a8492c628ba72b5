"""Migration 9: a report's year and kind, judgements on pairs of recommendations.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

_SQL = """
CREATE TABLE IF NOT EXISTS judgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT, a_report TEXT NOT NULL, a_kind TEXT NOT NULL, a_number TEXT NOT NULL,
    b_report TEXT NOT NULL, b_kind TEXT NOT NULL, b_number TEXT NOT NULL, verdict TEXT NOT NULL, by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS judgements_a ON judgements (a_report, a_kind, a_number);
CREATE INDEX IF NOT EXISTS judgements_b ON judgements (b_report, b_kind, b_number)
"""


def sqlite(conn: sqlite3.Connection) -> None:
    """Issue 17: a report's year and kind of review (SCR, CSPR, SAR, DHR, other), and the judgements people make on
    two recommendations of different reports (the same, or different): history, never replaced, kept across
    re-imports (a re-import replaces a report's records, not these). Safe to run on a store that has them already
    (one whose user_version was set back)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(reports)")}
    for column, kind in (("year", "INTEGER"), ("kind", "TEXT")):
        if column not in have:
            conn.execute(f"ALTER TABLE reports ADD COLUMN {column} {kind}")
    for statement in _SQL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
