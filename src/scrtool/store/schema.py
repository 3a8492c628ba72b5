"""The store's schema, as an append-only list of migrations (PRAGMA user_version counts those applied). Each
migration is a module of its own in migrations/, frozen once shipped (docs/store.md): a new one is a new module,
appended here (and its PostgreSQL step to pg_schema.STEPS)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from .migrations import (
    m01_tables,
    m02_recommendation_extras,
    m03_history_dates_search,
    m04_search_indexed,
    m05_tallies,
    m06_places,
    m07_marker,
    m08_action_keys,
    m09_repeats,
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

MIGRATIONS: list[Callable[[sqlite3.Connection], None]] = [
    m01_tables.sqlite,
    m02_recommendation_extras.sqlite,
    m03_history_dates_search.sqlite,
    m04_search_indexed.sqlite,
    m05_tallies.sqlite,
    m06_places.sqlite,
    m07_marker.sqlite,
    m08_action_keys.sqlite,
    m09_repeats.sqlite,
    m10_search_notes.sqlite,
    m11_judgements.sqlite,
    m12_recommendation_terms.sqlite,
    m13_numbered_tallies.sqlite,
    m14_archive.sqlite,
    m15_returns.sqlite,
    m16_archive_agency_keys.sqlite,
    m17_forced_returns.sqlite,
    m18_awaiting.sqlite,
]
"""Append only: migration N brings a store from user_version N-1 to N."""

UNMARKED_VERSIONS = MIGRATIONS.index(m07_marker.sqlite)
"""Stores at these schema versions (1 to this) were made before scrtool marked its stores."""


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations this store has not had yet, each in the caller's transaction."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, step in enumerate(MIGRATIONS[version:], start=version + 1):
        step(conn)
        conn.execute(f"PRAGMA user_version = {number}")
