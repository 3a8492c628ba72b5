"""The questions: which recommendations of other reports are most like this one (``similar``), which
recommendations were made in several reports (``repeats``), and was this one made before (``trace``, ``report``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import NotFound
from ..model import Progress, RecKind, RecRef
from ..store.engine import Connection
from .groups import PAIR, gather
from .index import Index
from .judgements import Point, Verdict, latest

HIGH = 0.5
"""A match scoring this much or more counts as made before without a person's word (``trace``, ``report``)."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One recommendation of the store, with what its report is and how its cited actions ended."""

    point: Point
    text: str
    year: int | None
    review: str | None
    """The report's kind of review (SCR, CSPR, SAR, DHR, other), None when not said."""
    progress: Progress
    """Its cited actions: completed of total."""


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
    """Every recommendation of the store, and the index over them."""

    def __init__(self, conn: Connection) -> None:
        rows = conn.execute("SELECT r.report, r.kind, r.number, r.text, p.year, p.kind, r.cited, r.completed "
                            "FROM recommendations r JOIN reports p ON p.id = r.report "
                            "ORDER BY r.report, r.kind, r.line").fetchall()
        self.entries = [Entry(Point(r[0], RecRef(RecKind(r[1]), r[2])), r[3], r[4], r[5], Progress(r[7], r[6]))
                        for r in rows]
        self.at = {e.point: i for i, e in enumerate(self.entries)}
        self.index = Index([e.text for e in self.entries], [e.point.report for e in self.entries])
        self.judged = {pair: verdict for pair, verdict in latest(conn).items() if all(p in self.at for p in pair)}

    def place(self, point: Point) -> int:
        if point not in self.at:
            raise NotFound(f"{point.ref.label()} is not in report {point.report!r}")
        return self.at[point]

    def similar(self, point: Point, limit: int) -> list[Match]:
        """The recommendations of other reports most like ``point``, best first: those a person judged the same
        first, those judged different never."""
        i = self.place(point)
        verdicts = {next(iter(pair - {point})): v for pair, v in self.judged.items() if point in pair}
        found = {j: s for j, s in self.index.nearest(i, len(self.entries))}
        for other, verdict in verdicts.items():
            if verdict is Verdict.SAME:
                found.setdefault(self.at[other], self.index.score(i, self.at[other]))
        shown = [Match(self.entries[j], s, verdicts.get(self.entries[j].point)) for j, s in found.items()
                 if verdicts.get(self.entries[j].point) is not Verdict.DIFFERENT]
        shown.sort(key=lambda m: (m.judged is not Verdict.SAME, -m.score, self.at[m.entry.point]))
        return shown[:limit]

    def repeats(self, min_reports: int) -> list[Repeat]:
        """Groups of the same recommendation made in at least ``min_reports`` reports, largest first."""
        same = [tuple(self.at[p] for p in pair) for pair, v in self.judged.items() if v is Verdict.SAME]
        different = {frozenset(self.at[p] for p in pair) for pair, v in self.judged.items() if v is Verdict.DIFFERENT}
        groups = gather(self.index.pairs(PAIR), self.index.score, [(a, b) for a, b in same], different)
        out = [Repeat(tuple(self.entries[k] for k in g.members), g.score) for g in groups]
        return [r for r in out if len(r.reports) >= min_reports]

    def made_before(self, point: Point) -> list[Match]:
        """The recommendations of other reports a person judged the same as ``point``, or that score ``HIGH`` or
        more and nobody judged different: one for each other report (its best)."""
        best: dict[str, Match] = {}
        for match in self.similar(point, len(self.entries)):
            if match.judged is Verdict.SAME or match.score >= HIGH:
                best.setdefault(match.entry.point.report, match)
        return list(best.values())


_LAST: list[tuple[Connection, int, Corpus]] = []


def corpus_for(conn: Connection) -> Corpus:
    """The corpus of the store open on ``conn``, made once while nothing is written on it (a board report asks for
    every recommendation's ``made_before``). The connection is held with it, so another never passes for it."""
    if not (_LAST and _LAST[0][0] is conn and _LAST[0][1] == conn.total_changes):
        _LAST[:] = [(conn, conn.total_changes, Corpus(conn))]
    return _LAST[0][2]


def made_before(conn: Connection, report: str, ref: RecRef) -> str | None:
    """``Made before in 2 reviews: child-a:1 (2014, SCR, earlier), adult-c:1 (2019, DHR)``: the other reports with a
    recommendation a person judged the same, or scoring ``HIGH``; None when there is none (or no other report)."""
    if conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0] < 2:
        return None
    corpus = corpus_for(conn)
    point = Point(report, ref)
    if point not in corpus.at:
        return None
    matches = corpus.made_before(point)
    if not matches:
        return None
    year = corpus.entries[corpus.at[point]].year
    parts = []
    for m in matches:
        e = m.entry
        earlier = year is not None and e.year is not None and e.year < year
        said = [str(e.year) if e.year else "year not said", e.review or "kind not said"] + ["earlier"] * earlier
        parts.append(f"{e.point.label()} ({', '.join(said)})")
    n = len(matches)
    return f"Made before in {n} review{'s' * (n != 1)}: {', '.join(parts)}"
