"""Migration 3: history, target and due dates, full-text search.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

_SQL = """
ALTER TABLE actions ADD COLUMN target TEXT;
ALTER TABLE actions ADD COLUMN due TEXT;
ALTER TABLE actions ADD COLUMN updated TEXT;
CREATE INDEX actions_due ON actions (due);
CREATE TABLE history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, action_id TEXT NOT NULL, report TEXT NOT NULL, on_date TEXT NOT NULL,
    recorded_at TEXT NOT NULL, source TEXT NOT NULL, by TEXT, from_status TEXT, to_status TEXT, status_text TEXT,
    note TEXT, evidence TEXT, due TEXT, reason TEXT
);
CREATE INDEX history_action ON history (action_id, id);
CREATE INDEX history_report ON history (report, on_date);
INSERT INTO history (action_id, report, on_date, recorded_at, source, to_status, status_text, note)
    SELECT a.id, a.report, substr(r.imported_at, 1, 10), r.imported_at, 'import', a.status, a.status_text,
           'imported from ' || r.source_file
    FROM actions a JOIN reports r ON r.id = a.report ORDER BY a.report, a.seq;
UPDATE actions SET updated = (SELECT substr(imported_at, 1, 10) FROM reports WHERE id = actions.report);
CREATE VIRTUAL TABLE search USING fts5 (ref UNINDEXED, report UNINDEXED, text, tokenize = 'porter unicode61');
INSERT INTO search (ref, report, text) SELECT 'action:' || id, report, text || ' ' || outcome FROM actions;
INSERT INTO search (ref, report, text)
    SELECT 'rec:' || kind || ':' || number, report, text FROM recommendations
"""


def sqlite(conn: sqlite3.Connection) -> None:
    """Updates kept as history, target and due dates, and a full-text index over recommendations and actions."""
    for statement in _SQL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
