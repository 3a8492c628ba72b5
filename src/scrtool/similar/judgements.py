"""A person's judgement on two recommendations of different reports: the same, or different. Kept as history (who
and when, never replaced: the latest on a pair is the one that counts) in the store's ``judgements`` table, which a
re-import leaves alone."""

from __future__ import annotations

import re

from ..errors import NotFound, UsageError
from ..questions.query import parse_rec
from ..store import judgements, read
from ..store.db import Store
from ..store.engine import Connection
from ..store.judgements import Judgement, Point, Verdict

__all__ = ["Judgement", "Point", "Verdict", "check", "history", "latest", "parse_point", "record"]


_POINT = re.compile(r"^(?P<report>.+):(?P<number>[^:]+)$")


def parse_point(text: str) -> Point:
    """``REPORT:N`` -> the point; anything else is a usage error saying what to write."""
    match = _POINT.match(text.strip())
    if not match or not match.group("report").strip():
        raise UsageError(
            f"{text!r} is not REPORT:N (write the report's id, a colon and the recommendation's number, "
            "e.g. child-t:1 or child-t:R1)"
        )
    try:
        ref = parse_rec(match.group("number"))
    except UsageError:
        raise UsageError(
            f"{text!r}: {match.group('number')!r} is not a recommendation number (write e.g. child-t:1 or child-t:R1)"
        ) from None
    return Point(match.group("report").strip(), ref)


def check(conn: Connection, point: Point) -> None:
    """NotFound unless the store holds this report and this recommendation of it."""
    if point.report not in read.report_ids(conn):
        raise NotFound(f"no report {point.report!r} in the store; reports: {', '.join(read.report_ids(conn))}")
    if read.recommendation(conn, point.report, point.ref) is None:
        raise NotFound(f"{point.ref.label()} is not in report {point.report!r}")


def record(store: Store, a: Point, b: Point, verdict: Verdict, by: str | None, at: str) -> Judgement:
    """Add a judgement (both recommendations must exist, in two different reports)."""
    if a.report == b.report:
        raise UsageError(
            f"{a.label()} and {b.label()} are of one report; a judgement is on recommendations of two different reports"
        )
    with store.write() as tx:
        check(tx, a)
        check(tx, b)
        judgements.add(tx, judgement := Judgement(a, b, verdict, by, at))
    return judgement


def history(conn: Connection) -> list[Judgement]:
    """Every judgement, oldest first."""
    return judgements.every(conn)


def latest(conn: Connection) -> dict[frozenset[Point], Verdict]:
    """The verdict that counts on each pair judged: its latest."""
    return {frozenset((j.a, j.b)): j.verdict for j in history(conn)}
