"""Migration 4: the full-text index built per report on demand.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3


def sqlite(conn: sqlite3.Connection) -> None:
    """The full-text index is built per report by the first search after an import, not by the import."""
    conn.execute("CREATE TABLE search_indexed (report TEXT PRIMARY KEY)")
    conn.execute("INSERT INTO search_indexed SELECT id FROM reports")
