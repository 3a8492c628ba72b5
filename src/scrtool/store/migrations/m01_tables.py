"""Migration 1: the first store's tables.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

_SQL = """
CREATE TABLE reports (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, source_file TEXT NOT NULL, sha256 TEXT NOT NULL,
    imported_at TEXT NOT NULL
);
CREATE INDEX reports_sha256 ON reports (sha256);
CREATE TABLE recommendations (
    report TEXT NOT NULL, kind TEXT NOT NULL, number TEXT NOT NULL, text TEXT NOT NULL,
    file TEXT NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (report, kind, number)
);
CREATE TABLE links (
    report TEXT NOT NULL, kind TEXT NOT NULL, rec_number TEXT NOT NULL, seq INTEGER NOT NULL,
    agency TEXT NOT NULL, target TEXT NOT NULL, target_key TEXT NOT NULL, refs TEXT NOT NULL, note TEXT,
    file TEXT NOT NULL, line INTEGER NOT NULL, PRIMARY KEY (report, seq)
);
CREATE INDEX links_rec ON links (report, kind, rec_number);
CREATE TABLE link_refs (
    report TEXT NOT NULL, kind TEXT NOT NULL, rec_number TEXT NOT NULL, seq INTEGER NOT NULL,
    target_key TEXT NOT NULL, number TEXT NOT NULL
);
CREATE INDEX link_refs_rec ON link_refs (report, kind, rec_number);
CREATE INDEX link_refs_action ON link_refs (report, target_key, number);
CREATE TABLE actions (
    id TEXT PRIMARY KEY, report TEXT NOT NULL, seq INTEGER NOT NULL, agency TEXT NOT NULL,
    agency_key TEXT NOT NULL, lead TEXT NOT NULL, number TEXT, text TEXT NOT NULL, outcome TEXT NOT NULL,
    status TEXT NOT NULL, status_text TEXT NOT NULL, file TEXT NOT NULL, line INTEGER NOT NULL,
    extra TEXT NOT NULL
);
CREATE INDEX actions_report ON actions (report, seq);
CREATE INDEX actions_agency ON actions (agency_key, status);
CREATE INDEX actions_number ON actions (report, agency_key, number);
CREATE TABLE action_agencies (action_id TEXT NOT NULL, key TEXT NOT NULL, report TEXT NOT NULL);
CREATE INDEX action_agencies_key ON action_agencies (key);
CREATE INDEX action_agencies_report ON action_agencies (report);
CREATE TABLE responses (
    action_id TEXT NOT NULL, report TEXT NOT NULL, kind TEXT NOT NULL, rec_number TEXT NOT NULL
);
CREATE INDEX responses_rec ON responses (report, kind, rec_number);
CREATE INDEX responses_action ON responses (action_id);
"""


def sqlite(conn: sqlite3.Connection) -> None:
    for statement in _SQL.split(";"):
        if statement.strip():
            conn.execute(statement)
