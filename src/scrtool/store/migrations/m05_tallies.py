"""Migration 5: counts kept at write time, fewer indexes on actions.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

_SQL = """
DROP INDEX IF EXISTS actions_due;
DROP INDEX IF EXISTS actions_agency;
DROP INDEX IF EXISTS actions_number;
CREATE INDEX actions_key ON actions (agency_key, report, number, status);
CREATE TABLE tally_status (
    report TEXT NOT NULL, agency_key TEXT NOT NULL, agency TEXT NOT NULL, first_seq INTEGER NOT NULL,
    status TEXT NOT NULL, due TEXT, updated TEXT, n INTEGER NOT NULL
);
CREATE INDEX tally_status_report ON tally_status (report, agency_key);
ALTER TABLE recommendations ADD COLUMN cited INTEGER NOT NULL DEFAULT 0;
ALTER TABLE recommendations ADD COLUMN completed INTEGER NOT NULL DEFAULT 0;
CREATE INDEX recommendations_order ON recommendations (report, kind, line);
INSERT INTO tally_status SELECT a.report, a.agency_key, f.agency, f.seq, a.status, a.due, a.updated, COUNT(*)
    FROM actions a JOIN (SELECT report, agency_key, agency, MIN(seq) AS seq FROM actions GROUP BY report, agency_key) f
    ON f.report = a.report AND f.agency_key = a.agency_key
    GROUP BY a.report, a.agency_key, a.status, a.due, a.updated;
UPDATE recommendations SET (cited, completed) = (
    SELECT COUNT(*), COALESCE(SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END), 0)
    FROM link_refs r LEFT JOIN actions a ON a.report = r.report AND a.agency_key = r.target_key AND a.number = r.number
    WHERE r.report = recommendations.report AND r.kind = recommendations.kind AND r.rec_number = recommendations.number
    AND NOT (a.text IS recommendations.text AND a.number IN (recommendations.number, 'r' || recommendations.number)))
"""


def sqlite(conn: sqlite3.Connection) -> None:
    """Status and progress counts kept at write time (store/tallies.py), counted here for the reports stored: each
    agency named and ordered as its first action, each recommendation's cited actions (not its own row) and how
    many are completed. Frozen: written out here, never taken from tallies.py, whose later changes must not change
    what this migration did.

    And fewer indexes on actions, each of which every import pays for: none on the due date (only a due-date filter
    used it; a scan of 100,000 actions costs such a filter a few tens of milliseconds), and one on agency, report,
    number and status where there were two (agency and status; report, agency and number): it serves both the
    lookup of an agency's action by number and an agency's actions of a status."""
    for statement in _SQL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
