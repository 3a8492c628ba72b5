"""Migration 2: a recommendation's extra cells.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3


def sqlite(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE recommendations ADD COLUMN extra TEXT NOT NULL DEFAULT '{}'")
