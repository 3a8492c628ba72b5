"""Whether a file is a version of a report in the store (README "Report ids"): the same title, or at least half of
the report's recommendations (their words, normalised) found in the file. Action keys (agency as written and
number) decide only where recommendations cannot: when the report or the file has no worded recommendation.
Agencies number their actions 1, 2, 3 in every review, so numbers alone would take another review of the same
partnership for a version of this one, and hand it this one's history."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Plan
from ..names import fold, written
from .engine import Connection

_NOT_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    return _NOT_WORD.sub(" ", fold(text)).strip()


@dataclass(frozen=True, slots=True)
class Marks:
    """What a version is recognised by: its title (None when it has none but its file name), its recommendations'
    normalised words and its numbered actions' keys."""

    title: str | None
    recommendations: frozenset[str]
    keys: frozenset[tuple[str, str]]


def marks_of(plan: Plan) -> Marks:
    r = plan.report
    return Marks(
        _title(r.title, r.source_file),
        frozenset(filter(None, (_words(rec.text) for rec in plan.recommendations))),
        frozenset((written(a.agency), a.number) for a in plan.actions if a.number is not None),
    )


def _title(title: str, file: str) -> str | None:
    """A title to compare: not the file name a plan with no text above its first table is titled by."""
    return None if title == file else (_words(title) or None)


def why_version(conn: Connection, report: str, file: Marks) -> str | None:
    """Why the file is a version of ``report`` (``the same title``, ``6 of its 8 recommendations``), or None."""
    row = conn.execute("SELECT title, source_file FROM reports WHERE id = ?", (report,)).fetchone()
    if row is None:
        return None
    if file.title is not None and _title(*row) == file.title:
        return "the same title"
    recs = {_words(text) for (text,) in conn.execute("SELECT text FROM recommendations WHERE report = ?", (report,))}
    recs.discard("")
    if recs and file.recommendations:
        return _share(recs, file.recommendations, "recommendations")
    keys = {
        (written(agency), number)
        for agency, number in conn.execute(
            "SELECT agency, number FROM actions WHERE report = ? AND number IS NOT NULL", (report,)
        )
    }
    return _share(keys, file.keys, "numbered actions (agency and number)")


def _share(stored: set[str] | set[tuple[str, str]], found: Iterable[object], what: str) -> str | None:
    if not stored:
        return None
    shared = len(stored.intersection(found))
    return f"{shared} of its {len(stored)} {what}" if 2 * shared >= len(stored) else None


def version_of(conn: Connection, file: Marks, other_than: str) -> tuple[str, str] | None:
    """The stored report (other than ``other_than``) the file is a version of, and why; the first by id."""
    for (report,) in conn.execute("SELECT id FROM reports WHERE id != ? ORDER BY id", (other_than,)).fetchall():
        why = why_version(conn, report, file)
        if why is not None:
            return report, why
    return None
