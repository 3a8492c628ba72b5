"""The store's recommendations as the similarity questions read them (similar/queries.py): each with its report's
year and kind of review and how its cited actions ended."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..model import Progress, RecKind, RecRef
from .engine import Connection
from .judgements import Point


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


_ENTRIES = (
    "SELECT r.report, r.kind, r.number, r.text, p.year, p.kind, r.cited, r.completed, r.line "
    "FROM recommendations r JOIN reports p ON p.id = r.report"
)


def entries(conn: Connection) -> list[Entry]:
    """Every recommendation, in the store's order: report, kind, line, number (``similar.lookup.Order``)."""
    rows = conn.execute(_ENTRIES).fetchall()
    rows.sort(key=lambda r: (r[0], r[1], r[8], r[2]))
    return [_entry(r) for r in rows]


def entry(conn: Connection, point: Point) -> Entry | None:
    row = conn.execute(
        _ENTRIES + " WHERE r.report = ? AND r.kind = ? AND r.number = ?",
        (point.report, point.ref.kind.value, point.ref.number),
    ).fetchone()
    return _entry(row) if row else None


def _entry(r: Sequence[Any]) -> Entry:
    report, kind, number, text, year, review, cited, completed, _ = r
    return Entry(Point(report, RecRef(RecKind(kind), number)), text, year, review, Progress(completed, cited))


def report_count(conn: Connection) -> int:
    return int(conn.execute("SELECT COUNT(*) FROM reports").fetchone()[0])


def report_year(conn: Connection, report: str) -> int | None:
    """The year a report's review was published, None when not said (or no such report)."""
    row = conn.execute("SELECT year FROM reports WHERE id = ?", (report,)).fetchone()
    return row[0] if row else None
