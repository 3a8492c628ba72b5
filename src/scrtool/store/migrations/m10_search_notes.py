"""Migration 10: search looks in the notes of updates too.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

from ..engine import Connection


def sqlite(conn: sqlite3.Connection) -> None:
    """Search looks in the notes of updates too: every report's index is made again by the next search."""
    conn.execute("DELETE FROM search_indexed")


def postgresql(conn: Connection) -> None:
    """schema.py's migration 10: the notes of updates are searched too; every report is indexed again."""
    conn.execute("DELETE FROM search_indexed")
