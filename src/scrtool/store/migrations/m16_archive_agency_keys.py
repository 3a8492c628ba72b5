"""Migration 16: each archived history entry keeps its agency's key (``removed_history.agency_key``), folded as
``actions.agency_key`` is: the column row-level security sorts the archive by on PostgreSQL (store/grants.py). NULL
where the entry's action had left the plan (no agency was archived with it).

Frozen: never edit a shipped migration (a change is a new one). The folding is names.fold as it stood when this
shipped, copied."""

from __future__ import annotations

import re
import sqlite3

from ..engine import Connection

_SPACE = re.compile(r"\s+")
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\xa0": " ",
        "\u202f": " ",
    }
)


def _fold(text: str) -> str:
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().casefold()


def _keys(conn: Connection) -> None:
    rows = conn.execute("SELECT DISTINCT agency FROM removed_history WHERE agency IS NOT NULL").fetchall()
    conn.executemany("UPDATE removed_history SET agency_key = ? WHERE agency = ?", [(_fold(a), a) for (a,) in rows])


def sqlite(conn: sqlite3.Connection) -> None:
    """Issue 16: the archive's agency keys. Safe to run again."""
    if "agency_key" not in [row[1] for row in conn.execute("PRAGMA table_info(removed_history)")]:
        conn.execute("ALTER TABLE removed_history ADD COLUMN agency_key TEXT")
    _keys(conn)


def postgresql(conn: Connection) -> None:
    """schema.py's migration 16. Where row-level security is on, pg_schema.upgrade makes its policies again after
    the steps (store/grants.py: the archive and the return cycle are held by agency from this version on)."""
    conn.execute('ALTER TABLE removed_history ADD COLUMN IF NOT EXISTS agency_key TEXT COLLATE "C"')
    _keys(conn)
