"""One recommendation's scores against every other report's, from the postings of its own terms as the store keeps
them (store/vectors.py): the sums ``index.Index.nearest`` makes, in the same order, so the same scores to the last
bit, without reading every recommendation's text."""

from __future__ import annotations

from ..errors import NotFound
from ..model import RecKind, RecRef
from ..store import vectors
from ..store.engine import Connection
from .index import body, idf, normalised, weight
from .judgements import Point
from .text import terms

Order = tuple[str, str, int, str]
"""(report, kind, line, number): the order of the store's recommendations, in which ties are shown."""


def scores(conn: Connection, point: Point) -> dict[Point, tuple[float, Order]]:
    """Every recommendation of another report sharing a term with ``point``: its score and its place in order.
    Only for a store whose terms are fresh (``vectors.fresh``)."""
    found = vectors.doc_of(conn, point.report, point.ref.kind.value, point.ref.number)
    if found is None:
        raise NotFound(f"{point.ref.label()} is not in report {point.report!r}")
    (_, report, _, _, _, kind, _), text = found
    weighted = {term: weight(count) for term, count in terms(text).items()}
    postings, docs, n = vectors.postings(conn, list(weighted))
    rarity = {term: idf(n, len(postings[term])) for term in weighted}
    sums: dict[int, float] = {}
    for term, w in normalised({t: w * rarity[t] for t, w in weighted.items()}).items():
        f = rarity[term]
        for j, other in postings[term]:
            doc = docs[j]
            if doc[1] != report and doc[6]:
                sums[j] = sums.get(j, 0.0) + w * (other * f / doc[6])
    out = {}
    for j, s in sums.items():
        _, r, k, number, line, addressed, _ = docs[j]
        if s > 0:
            out[Point(r, RecRef(RecKind(k), number))] = (body(kind, addressed, s), (r, k, line, number))
    return out


def order_of(conn: Connection, point: Point) -> Order | None:
    """A recommendation's place in order; None when the store does not hold it."""
    line = vectors.line_of(conn, point.report, point.ref.kind.value, point.ref.number)
    return None if line is None else (point.report, point.ref.kind.value, line, point.ref.number)
