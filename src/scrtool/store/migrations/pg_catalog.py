"""What a PostgreSQL store's catalog says, for the PostgreSQL steps: store/catalog.py's ``has_table`` as it was when
migration 11 shipped. Frozen: never edit it (a shipped migration uses it)."""

from __future__ import annotations

from ..engine import Connection


def has_table(conn: Connection, name: str) -> bool:
    """Whether the store's schema (the first of the search path) has the table, read from the catalog."""
    row = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?)", (name,)
    ).fetchone()
    return bool(row[0]) if row else False
