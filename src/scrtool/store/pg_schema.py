"""The store's schema on PostgreSQL, versioned as SQLite's is (schema.py): ``scrtool_schema.version`` is the number
of migrations applied, and version N is the same tables, columns and meaning on both engines.

No PostgreSQL store existed before schema 9, so versions 1 to 9 are one frozen step, ``BASELINE_SQL``
(migrations/m09_pg_baseline.py); each migration appended to schema.MIGRATIONS after 9 has its PostgreSQL step in
``STEPS``, beside its SQLite step in its module in migrations/ (tests/test_migrations.py fails when one is
missing). Differences from SQLite, where they bite: dates are ``date`` columns; text is compared and sorted byte by
byte as SQLite does (``COLLATE "C"``, whatever the database's locale); ids counted by the store are identity
columns; the full-text index is a ``tsvector`` column with a GIN index (``english``: stemmed as FTS5's porter
tokenizer stems) instead of an FTS5 table.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import StoreError
from .base import Store
from .engine import Connection
from .migrations import (
    m09_pg_baseline,
    m10_search_notes,
    m11_judgements,
    m12_recommendation_terms,
    m13_numbered_tallies,
    m14_archive,
    m15_returns,
    m16_archive_agency_keys,
    m17_forced_returns,
    m18_awaiting,
)
from .schema import MIGRATIONS

MARK = "scrtool_schema"
"""The table that marks a database (its first schema) as a scrtool store, holding the schema version."""
BASELINE = 9
BASELINE_SQL = m09_pg_baseline.SQL
"""Schema 9 (migrations 1 to 9 of schema.py) on PostgreSQL. Frozen: a change is a new step in ``STEPS``."""

STEPS: dict[int, Callable[[Connection], None]] = {
    10: m10_search_notes.postgresql,
    11: m11_judgements.postgresql,
    12: m12_recommendation_terms.postgresql,
    13: m13_numbered_tallies.postgresql,
    14: m14_archive.postgresql,
    15: m15_returns.postgresql,
    16: m16_archive_agency_keys.postgresql,
    17: m17_forced_returns.postgresql,
    18: m18_awaiting.postgresql,
}
"""Version -> the step that brings a PostgreSQL store from version - 1 to it, for each migration after 9."""

LATEST = len(MIGRATIONS)


def not_a_store(shown: str) -> StoreError:
    return StoreError(
        f"{shown} is not a scrtool store (its schema holds another program's tables); scrtool leaves "
        "it as it is: give --db another database"
    )


def version(conn: Connection) -> int:
    row = conn.execute(f"SELECT MAX(version) FROM {MARK}").fetchone()
    return int(row[0] or 0) if row else 0


def upgrade(store: Store) -> bool:
    """Bring the store to this version's schema (an empty database: make it), under the write lock; whether it made
    the tables. Where row-level security is on, its policies and the granted roles' rights are made again after the
    steps (grants.secure), so a table a migration added is held as the others are, by this version's lists."""
    from .catalog import has_table, other_tables

    if has_table(store.conn, MARK) and _current(store) == LATEST:
        return False
    made = False
    with store.write() as tx:
        if not has_table(tx, MARK):
            if other_tables(tx):
                raise not_a_store(store.path)
            for statement in BASELINE_SQL.split(";\n"):
                tx.execute(statement)
            made = True
        now = _current(store)
        for number in range(now + 1, LATEST + 1):
            STEPS[number](tx)
            tx.execute(f"UPDATE {MARK} SET version = ?", (number,))
        if has_table(tx, "agency_grants"):
            from .grants import secure

            secure(tx)
    return made


def _current(store: Store) -> int:
    now = version(store.conn)
    if now > LATEST:
        raise StoreError(f"{store.path} was written by a newer scrtool (schema {now}); upgrade scrtool")
    return now
