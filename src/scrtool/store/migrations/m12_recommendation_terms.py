"""Migration 12: each recommendation's terms and the length of its vector (store/vectors.py's tables), made here for
the reports stored, so ``similar`` reads the postings of its own terms, not every text. The terms are made by
store/vectors.py's ``rebuild`` as it was when this migration shipped, with the text rules and vocabulary of that day
(m12_text.py); the stamp it stores says so, and when scrtool's vocabulary is not that one any more the next import
makes every report's terms again (store/vectors.py), as it does for a store whose vocabulary changed.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from ..engine import Connection

Rec = tuple[str, str, str, int, str]
"""(report, kind, number, line, text) of one recommendation."""

_SQL = """
CREATE TABLE IF NOT EXISTS rec_vectors (
    id INTEGER NOT NULL PRIMARY KEY, report TEXT NOT NULL, kind TEXT NOT NULL, number TEXT NOT NULL,
    line INTEGER NOT NULL, body TEXT, norm DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS rec_vectors_rec ON rec_vectors (report, kind, number);
CREATE TABLE IF NOT EXISTS rec_terms (doc INTEGER NOT NULL, term TEXT NOT NULL, weight DOUBLE PRECISION NOT NULL);
CREATE INDEX IF NOT EXISTS rec_terms_term ON rec_terms (term, doc, weight);
CREATE TABLE IF NOT EXISTS rec_vocabulary (stamp TEXT NOT NULL)
"""

_PG_SQL = """
CREATE TABLE IF NOT EXISTS rec_vectors (
    id INTEGER NOT NULL PRIMARY KEY, report TEXT COLLATE "C" NOT NULL, kind TEXT COLLATE "C" NOT NULL,
    number TEXT COLLATE "C" NOT NULL, line INTEGER NOT NULL, body TEXT COLLATE "C", norm DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS rec_vectors_rec ON rec_vectors (report, kind, number);
CREATE TABLE IF NOT EXISTS rec_terms (
    doc INTEGER NOT NULL, term TEXT COLLATE "C" NOT NULL, weight DOUBLE PRECISION NOT NULL
);
CREATE INDEX IF NOT EXISTS rec_terms_term ON rec_terms (term, doc, weight);
CREATE TABLE IF NOT EXISTS rec_vocabulary (stamp TEXT COLLATE "C" NOT NULL)
"""


def sqlite(conn: sqlite3.Connection) -> None:
    """The tables, and every recommendation's terms. Safe to run again on a store that has them (one whose
    user_version was set back): they are made again."""
    for statement in _SQL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    rebuild(conn)


def postgresql(conn: Connection) -> None:
    """The tables, and every recommendation's terms. Where agencies' roles were granted (store/grants.py), they read
    the new tables as they read the others (``similar`` and ``trace`` ask them)."""
    from .pg_catalog import has_table

    for statement in _PG_SQL.split(";\n"):
        if statement.strip():
            conn.execute(statement)
    if has_table(conn, "agency_grants"):
        for (role,) in conn.execute("SELECT DISTINCT role FROM agency_grants ORDER BY role").fetchall():
            name = conn.execute("SELECT quote_ident(?)", (role,)).fetchone()[0]
            conn.execute(f"GRANT SELECT ON rec_vectors, rec_terms, rec_vocabulary TO {name}")
    rebuild(conn)


def rebuild(tx: Connection) -> None:
    """Every recommendation's terms made from its text, with this migration's vocabulary (m12_text.py)."""
    from .m12_text import stamp

    tx.execute("DELETE FROM rec_terms")
    tx.execute("DELETE FROM rec_vectors")
    tx.execute("DELETE FROM rec_vocabulary")
    recs: list[Rec] = tx.execute("SELECT report, kind, number, line, text FROM recommendations").fetchall()
    first, added = _insert(tx, recs)
    tx.execute("INSERT INTO rec_vocabulary (stamp) VALUES (?)", (stamp(),))
    renorm(tx, first, added)


def _insert(tx: Connection, recs: Iterable[Rec]) -> tuple[int, dict[int, dict[str, float]]]:
    """Store the recommendations' rows and terms; their first id, and each one's terms by id."""
    from .m12_text import analysed, vocabulary, weight

    vocab = vocabulary()
    first = tx.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM rec_vectors").fetchone()[0]
    docs: list[tuple[int, str, str, str, int, str | None]] = []
    added: dict[int, dict[str, float]] = {}
    for doc, (report, kind, number, line, text) in enumerate(recs, start=first):
        found, body = analysed(text, vocab)
        docs.append((doc, report, kind, number, line, body))
        added[doc] = {term: weight(count) for term, count in found.items()}
    tx.executemany(
        "INSERT INTO rec_vectors (id, report, kind, number, line, body, norm) VALUES (?, ?, ?, ?, ?, ?, 0)", docs
    )
    tx.executemany(
        "INSERT INTO rec_terms (doc, term, weight) VALUES (?, ?, ?)",
        ((doc, term, w) for doc, found in added.items() for term, w in found.items()),
    )
    return first, added


def renorm(tx: Connection, first: int | None = None, added: dict[int, dict[str, float]] | None = None) -> None:
    """Every recommendation's norm, from the IDF of its terms over the store as it is now. ``added``: the terms of
    the recommendations just stored (ids from ``first`` on), in hand, so only the others' are read back."""
    from .m12_text import idf, norm

    n = tx.execute("SELECT COUNT(*) FROM rec_vectors").fetchone()[0]
    of: dict[int, dict[str, float]] = {}
    rows = (
        tx.execute("SELECT doc, term, weight FROM rec_terms WHERE doc < ?", (first,))
        if added
        else tx.execute("SELECT doc, term, weight FROM rec_terms")
    )
    for doc, term, w in rows:
        of.setdefault(doc, {})[term] = w
    of.update(added or {})
    df: dict[str, int] = {}
    for found in of.values():
        for term in found:
            df[term] = df.get(term, 0) + 1
    weights = {term: idf(n, count) for term, count in df.items()}
    norms = {doc: norm({t: w * weights[t] for t, w in sorted(found.items())}) for doc, found in of.items()}
    tx.execute("UPDATE rec_vectors SET norm = 0 WHERE norm <> 0")
    tx.executemany("UPDATE rec_vectors SET norm = ? WHERE id = ?", ((value, doc) for doc, value in norms.items()))
