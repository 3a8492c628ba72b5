"""The questions: which recommendations of other reports are most like this one (``similar``), which
recommendations were made in several reports (``repeats``), and was this one made before (``trace``, ``report``)."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass

from ..errors import NotFound
from ..model import RecRef
from ..store import corpus, vectors
from ..store.corpus import Entry
from ..store.engine import Connection
from .groups import PAIR, gather
from .index import Index
from .judgements import Point, Verdict, latest

__all__ = ["HIGH", "Corpus", "Entry", "Match", "Repeat", "made_before", "similar"]

HIGH = 0.5
"""A match scoring this much or more counts as made before without a person's word (``trace``, ``report``)."""


@dataclass(frozen=True, slots=True)
class Match:
    entry: Entry
    score: float
    judged: Verdict | None
    """A person's judgement on this pair, if any (a pair judged different is never shown)."""


@dataclass(frozen=True, slots=True)
class Repeat:
    members: tuple[Entry, ...]
    score: float
    """Mean score over the group's pairs (1.0 for a pair a person judged the same)."""

    @property
    def reports(self) -> list[str]:
        return sorted({m.point.report for m in self.members})


class Corpus:
    """Every recommendation of the store, and the index over them (from the terms the store keeps when they are
    fresh, else from the texts): for ``repeats``, and for a board report asking of every recommendation."""

    def __init__(self, conn: Connection) -> None:
        self.entries = corpus.entries(conn)
        self.at = {e.point: i for i, e in enumerate(self.entries)}
        groups = [e.point.report for e in self.entries]
        stored = vectors.everything(conn) if vectors.fresh(conn) else {}
        found = [stored.get((e.point.report, e.point.ref.kind.value, e.point.ref.number)) for e in self.entries]
        if all(f is not None for f in found):
            self.index = Index.weighted([f[1] for f in found if f], groups, [f[0] for f in found if f])
        else:
            self.index = Index([e.text for e in self.entries], groups)
        self.judged = {pair: verdict for pair, verdict in latest(conn).items() if all(p in self.at for p in pair)}

    def place(self, point: Point) -> int:
        if point not in self.at:
            raise NotFound(f"{point.ref.label()} is not in report {point.report!r}")
        return self.at[point]

    def ranked(self, point: Point) -> list[Match]:
        """Every recommendation of another report like ``point``, best first (see ``_ranked``)."""
        i = self.place(point)
        found = {self.entries[j].point: s for j, s in self.index.nearest(i, len(self.entries))}
        ranked = _ranked(point, found, self.judged, self.at.__getitem__)
        return [Match(self.entries[self.at[p]], s, v) for p, s, v in ranked]

    def similar(self, point: Point, limit: int) -> list[Match]:
        return self.ranked(point)[:limit]

    def repeats(self, min_reports: int) -> list[Repeat]:
        """Groups of the same recommendation made in at least ``min_reports`` reports, largest first."""
        same = [tuple(self.at[p] for p in pair) for pair, v in self.judged.items() if v is Verdict.SAME]
        different = {frozenset(self.at[p] for p in pair) for pair, v in self.judged.items() if v is Verdict.DIFFERENT}
        groups = gather(self.index.pairs(PAIR), self.index.score, [(a, b) for a, b in same], different)
        out = [Repeat(tuple(self.entries[k] for k in g.members), g.score) for g in groups]
        return [r for r in out if len(r.reports) >= min_reports]

    def made_before(self, point: Point) -> list[Match]:
        return _best_per_report(self.ranked(point))


Ranked = tuple[Point, float, Verdict | None]


def _ranked(
    point: Point,
    scores: Mapping[Point, float],
    judged: Mapping[frozenset[Point], Verdict],
    order: Callable[[Point], Hashable],
) -> list[Ranked]:
    """Best first: those a person judged the same as ``point`` first (a pair that shares no term scores 0), those
    judged different never; ties in the store's order. ``judged``: pairs of recommendations the store holds."""
    verdicts = {next(iter(pair - {point})): v for pair, v in judged.items() if point in pair}
    found = dict(scores)
    for other, verdict in verdicts.items():
        if verdict is Verdict.SAME:
            found.setdefault(other, 0.0)
    shown = [(p, s, verdicts.get(p)) for p, s in found.items() if verdicts.get(p) is not Verdict.DIFFERENT]
    shown.sort(key=lambda m: (m[2] is not Verdict.SAME, -m[1], order(m[0])))
    return shown


def _best_per_report(matches: Sequence[Match]) -> list[Match]:
    """Those a person judged the same, or scoring ``HIGH`` or more: one for each other report (its best)."""
    best: dict[str, Match] = {}
    for match in matches:
        if match.judged is Verdict.SAME or match.score >= HIGH:
            best.setdefault(match.entry.point.report, match)
    return list(best.values())


def similar(conn: Connection, point: Point, limit: int) -> list[Match]:
    """The recommendations of other reports most like ``point``, best first (``_ranked``): from the postings of its
    own terms when the store's terms are fresh, else from every text."""
    if not vectors.fresh(conn):
        return Corpus(conn).similar(point, limit)
    return _entries(conn, _stored(conn, point)[:limit])


def _stored(conn: Connection, point: Point) -> list[Ranked]:
    from .lookup import order_of, scores

    found = scores(conn, point)
    orders = {p: o for p, (_, o) in found.items()}
    judged = {}
    for pair, verdict in latest(conn).items():
        if point in pair:
            other = next(iter(pair - {point}))
            place = orders.get(other) or order_of(conn, other)
            if place is not None:
                orders[other] = place
                judged[pair] = verdict
    return _ranked(point, {p: s for p, (s, _) in found.items()}, judged, orders.__getitem__)


def _entries(conn: Connection, ranked: Sequence[Ranked]) -> list[Match]:
    out = []
    for p, s, v in ranked:
        found = corpus.entry(conn, p)
        assert found is not None, p  # ranked from the store's own rows
        out.append(Match(found, s, v))
    return out


_LAST: list[tuple[Connection, int, Corpus | None]] = []


def _made_before(conn: Connection, point: Point) -> list[Match]:
    """The first question on a connection reads the postings of its own terms; a second, with nothing written
    since (a board report asks of every recommendation), makes the corpus once and answers the rest from it."""
    again = bool(_LAST) and _LAST[0][0] is conn and _LAST[0][1] == conn.total_changes
    if again or not vectors.fresh(conn):
        corpus = (_LAST[0][2] if again else None) or Corpus(conn)
        _LAST[:] = [(conn, conn.total_changes, corpus)]
        return corpus.made_before(point) if point in corpus.at else []
    _LAST[:] = [(conn, conn.total_changes, None)]
    if vectors.doc_of(conn, point.report, point.ref.kind.value, point.ref.number) is None:
        return []
    best: dict[str, Ranked] = {}
    for m in _stored(conn, point):
        if m[2] is Verdict.SAME or m[1] >= HIGH:
            best.setdefault(m[0].report, m)
    return _entries(conn, list(best.values()))


def made_before(conn: Connection, report: str, ref: RecRef) -> str | None:
    """``Made before in 2 reviews: child-a:1 (2014, SCR, earlier), adult-c:1 (2019, DHR)``: the other reports with a
    recommendation a person judged the same, or scoring ``HIGH``; None when there is none (or no other report)."""
    if corpus.report_count(conn) < 2:
        return None
    point = Point(report, ref)
    matches = _made_before(conn, point)
    if not matches:
        return None
    year = corpus.report_year(conn, report)
    parts = []
    for m in matches:
        e = m.entry
        earlier = year is not None and e.year is not None and e.year < year
        said = [str(e.year) if e.year else "year not said", e.review or "kind not said"] + ["earlier"] * earlier
        parts.append(f"{e.point.label()} ({', '.join(said)})")
    n = len(matches)
    return f"Made before in {n} review{'s' * (n != 1)}: {', '.join(parts)}"
