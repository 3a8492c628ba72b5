"""Migration 17: an agency's answer applied with ``returns apply --force`` says so in its history entry (history's
``forced``: the change by another hand it was applied over).

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

from ..engine import Connection


def sqlite(conn: sqlite3.Connection) -> None:
    """Issue 15: history's ``forced``. Safe to run again."""
    if "forced" not in {row[1] for row in conn.execute("PRAGMA table_info(history)")}:
        conn.execute("ALTER TABLE history ADD COLUMN forced TEXT")


def postgresql(conn: Connection) -> None:
    """schema.py's migration 17: history's ``forced``, as SQLite's."""
    conn.execute('ALTER TABLE history ADD COLUMN IF NOT EXISTS forced TEXT COLLATE "C"')
