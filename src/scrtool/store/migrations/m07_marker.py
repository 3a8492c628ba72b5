"""Migration 7: scrtool's mark in the store's header (store/marker.py): a file without it is never written to.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x53435254
"""``SCRT``: store/marker.py's ``APPLICATION_ID`` as it was when this migration shipped."""


def sqlite(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
