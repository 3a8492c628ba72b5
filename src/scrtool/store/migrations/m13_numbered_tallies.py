"""Migration 13: numbered actions and unnumbered responses counted apart, every report counted again (also those
migration 5 gave counts), and an index of the counts by agency. The counts are store/tallies.py's ``recount`` as it
was when this migration shipped (m13_recount.py).

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

from ..engine import Connection


def sqlite(conn: sqlite3.Connection) -> None:
    """Safe to run again. (Migration 11 adds the column: it counts again too, by the rules of this version, which
    count by it.)"""
    from .m13_recount import BY_AGENCY, NUMBERED, recount

    if "numbered" not in {row[1] for row in conn.execute("PRAGMA table_info(tally_status)")}:
        conn.execute(NUMBERED)
    conn.execute(BY_AGENCY)
    for (report,) in conn.execute("SELECT id FROM reports").fetchall():
        recount(conn, report)


def postgresql(conn: Connection) -> None:
    """The column is step 11's; made here if missing."""
    from .m13_recount import BY_AGENCY, recount

    conn.execute("ALTER TABLE tally_status ADD COLUMN IF NOT EXISTS numbered INTEGER NOT NULL DEFAULT 1")
    conn.execute(BY_AGENCY)
    for (report,) in conn.execute("SELECT id FROM reports").fetchall():
        recount(conn, report)
