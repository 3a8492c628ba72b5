"""The store's schema, as an append-only list of migrations (PRAGMA user_version counts those applied)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

_V1 = """
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


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


def _v2_recommendation_extras(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE recommendations ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'")


_V3 = """
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


def _v3_history_dates_search(conn: sqlite3.Connection) -> None:
    """Updates kept as history, target and due dates, and a full-text index over recommendations and actions."""
    for statement in _V3.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _v4_search_indexed_on_demand(conn: sqlite3.Connection) -> None:
    """The full-text index is built per report by the first search after an import, not by the import."""
    conn.execute("CREATE TABLE search_indexed (report TEXT PRIMARY KEY)")
    conn.execute("INSERT INTO search_indexed SELECT id FROM reports")


_V5 = """
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


def _v5_tallies(conn: sqlite3.Connection) -> None:
    """Status and progress counts kept at write time (store/tallies.py), counted here for the reports stored: each
    agency named and ordered as its first action, each recommendation's cited actions (not its own row) and how
    many are completed. Frozen: written out here, never taken from tallies.py, whose later changes must not change
    what this migration did.

    And fewer indexes on actions, each of which every import pays for: none on the due date (only a due-date filter
    used it; a scan of 100,000 actions costs such a filter a few tens of milliseconds), and one on agency, report,
    number and status where there were two (agency and status; report, agency and number): it serves both the
    lookup of an agency's action by number and an agency's actions of a status."""
    for statement in _V5.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _v6_places(conn: sqlite3.Connection) -> None:
    """Where a record of a Word, PDF or Excel file was read (its page, sheet and cell, or table and row), as the
    JSON of ``Place.keys()``; NULL for text, whose ``line`` says it."""
    for table in ("recommendations", "links", "actions"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN place TEXT")


def _v7_marker(conn: sqlite3.Connection) -> None:
    """scrtool's mark in the store's header (store/marker.py): a file without it is never written to."""
    from .marker import APPLICATION_ID

    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")


def _v8_action_keys(conn: sqlite3.Connection) -> None:
    """Action ids keyed on the agency as written and the number, not a slug given out in plan order (store/rekey.py):
    every table holding them moves together, so each action keeps its own history."""
    from .rekey import action_keys

    action_keys(conn)


_V9 = """
CREATE TABLE IF NOT EXISTS judgements (
    id INTEGER PRIMARY KEY AUTOINCREMENT, a_report TEXT NOT NULL, a_kind TEXT NOT NULL, a_number TEXT NOT NULL,
    b_report TEXT NOT NULL, b_kind TEXT NOT NULL, b_number TEXT NOT NULL, verdict TEXT NOT NULL, by TEXT,
    recorded_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS judgements_a ON judgements (a_report, a_kind, a_number);
CREATE INDEX IF NOT EXISTS judgements_b ON judgements (b_report, b_kind, b_number)
"""


def _v9_repeats(conn: sqlite3.Connection) -> None:
    """Issue 17: a report's year and kind of review (SCR, CSPR, SAR, DHR, other), and the judgements people make on
    two recommendations of different reports (the same, or different): history, never replaced, kept across
    re-imports (a re-import replaces a report's records, not these). Safe to run on a store that has them already
    (one whose user_version was set back)."""
    have = {row[1] for row in conn.execute("PRAGMA table_info(reports)")}
    for column, kind in (("year", "INTEGER"), ("kind", "TEXT")):
        if column not in have:
            conn.execute(f"ALTER TABLE reports ADD COLUMN {column} {kind}")
    for statement in _V9.split(";\n"):
        if statement.strip():
            conn.execute(statement)


def _v10_search_notes(conn: sqlite3.Connection) -> None:
    """Search looks in the notes of updates too: every report's index is made again by the next search."""
    conn.execute("DELETE FROM search_indexed")


def _v11_judgements(conn: sqlite3.Connection) -> None:
    """Issue 13: RAG judgements (a plan's RAG column or fill, ``update --rag``) kept as history and on each action,
    and retractions (an entry naming the entry it withdraws). Then each action's status and RAG are read again from
    its stored plan text by the rule that RAG words are ratings, not completion (store/rederive.py), so a store made
    before needs no re-import. Safe to run again on a store that has the columns (user_version set back)."""
    for table, columns in (
        ("history", ("rag TEXT", "rag_reason TEXT", "retracts INTEGER")),
        ("actions", ("rag TEXT", "rag_reason TEXT")),
        ("tally_status", ("rag TEXT", "numbered INTEGER NOT NULL DEFAULT 1")),
    ):
        have = {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column.split()[0] not in have:
                conn.execute(f"ALTER TABLE {table} ADD COLUMN {column}")
    from .rederive import rederive

    rederive(conn)


_V12 = """
CREATE TABLE IF NOT EXISTS rec_vectors (
    id INTEGER NOT NULL PRIMARY KEY, report TEXT NOT NULL, kind TEXT NOT NULL, number TEXT NOT NULL,
    line INTEGER NOT NULL, body TEXT, norm DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS rec_vectors_rec ON rec_vectors (report, kind, number);
CREATE TABLE IF NOT EXISTS rec_terms (doc INTEGER NOT NULL, term TEXT NOT NULL, weight DOUBLE PRECISION NOT NULL);
CREATE INDEX IF NOT EXISTS rec_terms_term ON rec_terms (term, doc, weight);
CREATE TABLE IF NOT EXISTS rec_vocabulary (stamp TEXT NOT NULL)
"""


def _v12_recommendation_terms(conn: sqlite3.Connection) -> None:
    """Issue 17: each recommendation's terms and the length of its vector (store/vectors.py), made here for the
    reports stored, so ``similar`` reads the postings of its own terms, not every text. Safe to run again on a store
    that has them (one whose user_version was set back): they are made again."""
    from . import vectors

    for statement in _V12.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    vectors.rebuild(conn)


def _v13_numbered_tallies(conn: sqlite3.Connection) -> None:
    """Issue 13: numbered actions and unnumbered responses counted apart (store/tallies.py), every report counted
    again (also those migration 5 gave counts), and an index of the counts by agency. Safe to run again. (Migration
    11 adds the column: it counts again too, by the rules of this version, which count by it.)"""
    from . import tallies

    if "numbered" not in {row[1] for row in conn.execute("PRAGMA table_info(tally_status)")}:
        conn.execute(tallies.NUMBERED)
    conn.execute(tallies.BY_AGENCY)
    for (report,) in conn.execute("SELECT id FROM reports").fetchall():
        tallies.recount(conn, report)


_V14 = """
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


def _v14_archive(conn: sqlite3.Connection) -> None:
    """Issue 13: removed reports and their history, kept (store/archive.py). Safe to run again."""
    for statement in _V14.split(";"):
        if statement.strip():
            conn.execute(statement)


_V15 = """
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


def _v15_returns(conn: sqlite3.Connection) -> None:
    """Issue 15: the return cycle's tables. Safe to run again."""
    for statement in _V15.split(";"):
        if statement.strip():
            conn.execute(statement)


MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    _v1,
    _v2_recommendation_extras,
    _v3_history_dates_search,
    _v4_search_indexed_on_demand,
    _v5_tallies,
    _v6_places,
    _v7_marker,
    _v8_action_keys,
    _v9_repeats,
    _v10_search_notes,
    _v11_judgements,
    _v12_recommendation_terms,
    _v13_numbered_tallies,
    _v14_archive,
    _v15_returns,
]
"""Append only: migration N brings a store from user_version N-1 to N."""

UNMARKED_VERSIONS = MIGRATIONS.index(_v7_marker)
"""Stores at these schema versions (1 to this) were made before scrtool marked its stores."""


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations this store has not had yet, each in the caller's transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        step(conn)
        conn.execute(f"PRAGMA user_version = {number}")
