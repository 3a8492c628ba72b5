"""Each recommendation's terms, kept in the store so that ``similar`` and ``trace`` read the postings of one
recommendation's own terms instead of every recommendation's text (issue 17). Migration 12 (store/schema.py) makes
the tables.

``rec_vectors``: one row a recommendation: which it is, its line (the order ties are shown in), the kind of body it
is addressed to, and the length of its TF-IDF vector (``norm``). ``rec_terms``: its terms and their weights
(``similar.index.weight``). ``rec_vocabulary``: the stamp of the vocabulary they were made with. A term's IDF comes
from how many recommendations hold it, so an import counts every norm again (``renorm``); the terms of the other
reports stay as they are. When the stamp is not the vocabulary's (scrtool's or ``vocabulary.json`` changed), the
questions read the texts as before (``fresh``) and the next import makes every report's terms again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .engine import Connection

Rec = tuple[str, str, str, int, str]
"""(report, kind, number, line, text) of one recommendation."""
Doc = tuple[int, str, str, str, int, str | None, float]
"""(id, report, kind, number, line, body, norm) of one ``rec_vectors`` row."""


def stamp() -> str:
    from ..similar.text import stamp as vocabulary_stamp

    return vocabulary_stamp()


def fresh(conn: Connection) -> bool:
    """Whether the stored terms were made with today's vocabulary (and the store has them at all)."""
    row = conn.execute("SELECT stamp FROM rec_vocabulary").fetchone()
    return row is not None and row[0] == stamp()


def add(tx: Connection, recs: Sequence[Rec]) -> None:
    """The terms of one report's recommendations (its earlier ones deleted first: ``delete``), then every norm
    again. With a stale stamp, every report's terms are made again instead."""
    if not fresh(tx):
        rebuild(tx)
        return
    first, added = _insert(tx, recs)
    renorm(tx, first, added)


def delete(tx: Connection, report: str) -> None:
    tx.execute("DELETE FROM rec_terms WHERE doc IN (SELECT id FROM rec_vectors WHERE report = ?)", (report,))
    tx.execute("DELETE FROM rec_vectors WHERE report = ?", (report,))


def rebuild(tx: Connection) -> None:
    """Every recommendation's terms made again from its text, with today's vocabulary."""
    tx.execute("DELETE FROM rec_terms")
    tx.execute("DELETE FROM rec_vectors")
    tx.execute("DELETE FROM rec_vocabulary")
    recs: list[Rec] = tx.execute("SELECT report, kind, number, line, text FROM recommendations").fetchall()
    first, added = _insert(tx, recs)
    tx.execute("INSERT INTO rec_vocabulary (stamp) VALUES (?)", (stamp(),))
    renorm(tx, first, added)


def _insert(tx: Connection, recs: Iterable[Rec]) -> tuple[int, dict[int, dict[str, float]]]:
    """Store the recommendations' rows and terms; their first id, and each one's terms by id."""
    from ..similar.index import weight
    from ..similar.text import analysed, vocabulary

    vocab = vocabulary()
    first = tx.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM rec_vectors").fetchone()[0]
    docs: list[tuple[int, str, str, str, int, str | None, int]] = []
    added: dict[int, dict[str, float]] = {}
    for doc, (report, kind, number, line, text) in enumerate(recs, start=first):
        found, body = analysed(text, vocab)
        docs.append((doc, report, kind, number, line, body, 0))
        added[doc] = {term: weight(count) for term, count in found.items()}
    tx.executemany(
        "INSERT INTO rec_vectors (id, report, kind, number, line, body, norm) VALUES (?, ?, ?, ?, ?, ?, ?)", docs
    )
    tx.executemany(
        "INSERT INTO rec_terms (doc, term, weight) VALUES (?, ?, ?)",
        ((doc, term, w) for doc, found in added.items() for term, w in found.items()),
    )
    return first, added


def renorm(tx: Connection, first: int | None = None, added: dict[int, dict[str, float]] | None = None) -> None:
    """Every recommendation's norm, from the IDF of its terms over the store as it is now. ``added``: the terms of
    the recommendations just stored (ids from ``first`` on), in hand, so only the others' are read back."""
    from ..similar.index import idf, norm

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


def postings(conn: Connection, terms: Sequence[str]) -> tuple[dict[str, list[tuple[int, float]]], dict[int, Doc], int]:
    """For each term, the recommendations holding it (id, weight), in id order; every such recommendation's row;
    and how many recommendations the store holds."""
    n = conn.execute("SELECT COUNT(*) FROM rec_vectors").fetchone()[0]
    found: dict[str, list[tuple[int, float]]] = {term: [] for term in terms}
    docs: dict[int, Doc] = {}
    for start in range(0, len(terms), 500):
        chunk = terms[start : start + 500]
        rows = conn.execute(
            "SELECT t.term, t.doc, t.weight, v.report, v.kind, v.number, v.line, v.body, v.norm "
            "FROM rec_terms t JOIN rec_vectors v ON v.id = t.doc "
            f"WHERE t.term IN ({', '.join('?' * len(chunk))}) ORDER BY t.term, t.doc",
            chunk,
        )
        for term, doc, w, *rest in rows:
            found[term].append((doc, w))
            if doc not in docs:
                docs[doc] = (doc, *rest)
    return found, docs, n


def doc_of(conn: Connection, report: str, kind: str, number: str) -> tuple[Doc, str] | None:
    """One recommendation's row, and its text."""
    row = conn.execute(
        "SELECT v.id, v.report, v.kind, v.number, v.line, v.body, v.norm, r.text FROM rec_vectors v "
        "JOIN recommendations r ON r.report = v.report AND r.kind = v.kind AND r.number = v.number "
        "WHERE v.report = ? AND v.kind = ? AND v.number = ?",
        (report, kind, number),
    ).fetchone()
    return ((row[0], row[1], row[2], row[3], row[4], row[5], row[6]), row[7]) if row else None


def line_of(conn: Connection, report: str, kind: str, number: str) -> int | None:
    """A recommendation's line (its place in the store's order); None when it has no terms stored."""
    row = conn.execute(
        "SELECT line FROM rec_vectors WHERE report = ? AND kind = ? AND number = ?", (report, kind, number)
    ).fetchone()
    return None if row is None else int(row[0])


def everything(conn: Connection) -> dict[tuple[str, str, str], tuple[str | None, dict[str, float]]]:
    """(report, kind, number) -> (body, its terms and weights in term order), for every recommendation."""
    docs = {
        row[0]: (row[1], row[2], row[3], row[4])
        for row in conn.execute("SELECT id, report, kind, number, body FROM rec_vectors")
    }
    of: dict[int, dict[str, float]] = {doc: {} for doc in docs}
    for doc, term, w in conn.execute("SELECT doc, term, weight FROM rec_terms"):
        of[doc][term] = w
    return {(r, k, num): (body, dict(sorted(of[doc].items()))) for doc, (r, k, num, body) in docs.items()}
