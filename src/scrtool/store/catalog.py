"""What a PostgreSQL store's catalog says: whether its schema (the first of the search path) has a table, or any.
Read by store/pg.py (opening), pg_schema.py (migrating), grants.py and copy.py."""

from __future__ import annotations

from .engine import Connection


def has_table(conn: Connection, name: str) -> bool:
    """Whether the store's schema has the table: read from the catalog as a query reads a table (``to_regclass``
    may answer from a cache of names not found, and miss a table another scrtool has just made)."""
    return bool(
        _one(
            conn,
            "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?)",
            (name,),
        )
    )


def other_tables(conn: Connection) -> bool:
    """Whether the schema scrtool would use (the first of the search path) holds tables already."""
    return bool(_one(conn, "SELECT EXISTS (SELECT 1 FROM pg_tables WHERE schemaname = current_schema())"))


def _one(conn: Connection, sql: str, parameters: tuple[object, ...] = ()) -> object:
    row = conn.execute(sql, parameters).fetchone()
    return row[0] if row else None
