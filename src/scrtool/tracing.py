"""A recommendation and the agency actions that implement it (``trace``); one action in full (``show``)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from .errors import NotFound
from .model import Action, Link, Progress, Recommendation, RecRef
from .names import fold
from .query import agency_key
from .store import read


@dataclass(frozen=True, slots=True)
class TracedLink:
    """One agency named against a recommendation, with the actions it cites as found in the store."""

    link: Link
    actions: tuple[Action, ...]
    missing: tuple[str, ...]
    """Cited numbers with no such action in the agency's table."""


@dataclass(frozen=True, slots=True)
class Trace:
    recommendation: Recommendation
    links: tuple[TracedLink, ...]
    responses: tuple[Action, ...]
    progress: Progress
    """Completed of cited actions (a cited action that is missing counts as not completed)."""


def trace(conn: sqlite3.Connection, report: str, rec: RecRef) -> Trace:
    found = read.recommendation(conn, report, rec)
    if found is None:
        have = [r.ref.label() for r in read.recommendations(conn, report)]
        raise NotFound(f"{rec.label()} is not in report {report!r}; it has: {', '.join(have) or 'none'}")
    traced = []
    for link in read.links(conn, report, rec):
        cited = read.cited_actions(conn, report, fold(link.target), link.refs)
        traced.append(TracedLink(link, tuple(cited[n] for n in link.refs if n in cited),
                                 tuple(n for n in link.refs if n not in cited)))
    done = sum(a.status.is_done for t in traced for a in t.actions)
    total = sum(len(t.actions) + len(t.missing) for t in traced)
    return Trace(found, tuple(traced), tuple(read.responses(conn, report, rec)), Progress(done, total))


@dataclass(frozen=True, slots=True)
class Shown:
    action: Action
    cited_by: tuple[Recommendation, ...]
    rag: str | None = None


def show(conn: sqlite3.Connection, report: str, agency: str, number: str) -> Shown:
    key = agency_key(conn, agency, report)
    found = read.action(conn, report, key, number.strip().lower().rstrip("."))
    if found is None:
        raise NotFound(f"no action {number} of {agency!r} in report {report!r}")
    recs = (read.recommendation(conn, report, ref) for ref in read.citing(conn, found))
    return Shown(found, tuple(r for r in recs if r is not None))
