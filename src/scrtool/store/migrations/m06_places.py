"""Migration 6: where a record of a Word, PDF or Excel file was read.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3


def sqlite(conn: sqlite3.Connection) -> None:
    """Where a record of a Word, PDF or Excel file was read (its page, sheet and cell, or table and row), as the
    JSON of ``Place.keys()``; NULL for text, whose ``line`` says it."""
    for table in ("recommendations", "links", "actions"):
        conn.execute(f"ALTER TABLE {table} ADD COLUMN place TEXT")
