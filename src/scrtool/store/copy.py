"""Copying a whole store between engines (``scrtool db copy --to URL-OR-FILE``): a SQLite file into PostgreSQL (the
way a partnership that started on one laptop moves to its server) or back, history and judgements included.

Both stores are at this version's schema (opening them migrates), so the rows go table by table as they are,
with their ids; the counts kept at write time go as they are too (they were right in the source, and are right
for a role that sees one agency, whose reads the server filters). The full-text index is not copied: the first
search builds it, as after an import; the recommendations' terms (store/vectors.py) are made again in the target,
with this scrtool's vocabulary. The target must hold no report yet; it is written in one transaction, so
a copy that fails leaves it as it was. A source on PostgreSQL is copied only by a role that sees every agency's
rows (its owner): a copy by an agency's role would be a store of that agency alone.
"""

from __future__ import annotations

from ..errors import StoreError, UsageError
from . import vectors
from .db import Store
from .engine import Connection, is_postgres

TABLES = (
    "reports",
    "recommendations",
    "links",
    "link_refs",
    "actions",
    "action_agencies",
    "responses",
    "history",
    "tally_status",
    "judgements",
    "removed_reports",
    "removed_history",
    "return_issues",
    "return_rows",
    "return_answers",
)
"""Every table that holds what a store knows, in an order each row's references land first."""
REBUILT = frozenset({"search", "search_indexed", "rec_vectors", "rec_terms", "rec_vocabulary"})
"""Tables not copied: made again from the rest (the search index by the first search, the terms by the copy). The
schema's version is each store's own; the grants (``agency_grants``) name roles of one server."""
_CHUNK = 2000


def copy(source: Store, target: Store) -> dict[str, int]:
    """Copy every row of ``source`` into the empty ``target``; rows copied per table."""
    _check_source(source)
    counts: dict[str, int] = {}
    with target.write() as tx:
        if tx.execute("SELECT 1 FROM reports LIMIT 1").fetchone() is not None:
            raise StoreError(
                f"{target.path} holds a store already: db copy writes only into an empty one "
                "(a new file, or a database with no scrtool tables)"
            )
        for table in TABLES:
            counts[table] = _copy_table(source.conn, tx, table)
        vectors.rebuild(tx)
        if is_postgres(tx):
            for table in ("history", "judgements"):
                tx.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
                )
            for table in TABLES:  # the planner's statistics now, not when autovacuum comes round to it
                tx.execute(f"ANALYZE {table}")
    return counts


def _copy_table(source: Connection, tx: Connection, table: str) -> int:
    columns = [row[0] for row in _columns(source, table)]
    names = ", ".join(columns)
    rows = source.execute(f"SELECT {names} FROM {table} ORDER BY 1")
    insert = f"INSERT INTO {table} ({names}) VALUES ({', '.join('?' * len(columns))})"
    total = 0
    while chunk := rows.fetchmany(_CHUNK):
        tx.executemany(insert, chunk)
        total += len(chunk)
    return total


def _columns(conn: Connection, table: str) -> list[tuple[str]]:
    if is_postgres(conn):
        return conn.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? AND is_generated = 'NEVER' ORDER BY ordinal_position",
            (table,),
        ).fetchall()
    return [(row[1],) for row in conn.execute(f"PRAGMA table_info({table})")]


def _check_source(source: Store) -> None:
    conn = source.conn
    if not is_postgres(conn):
        return
    from .catalog import has_table
    from .grants import sees_every_row

    if has_table(conn, "agency_grants") and not sees_every_row(conn):
        raise UsageError(
            f"db copy of {source.path} needs its owner's role: this role sees only the actions of "
            "the agencies granted to it, and a copy would hold those alone"
        )
