"""The board's questions, as plain functions over the store that return model objects."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from .errors import NotFound, UsageError
from .model import Action, Link, RecKind, Recommendation, RecRef, Report, Status
from .names import fold
from .rag import Rag, RagRule
from .store import read, tallies


class StatusFilter(StrEnum):
    """What ``--status`` accepts; ``open`` is everything not completed."""

    OPEN = "open"
    COMPLETED = "completed"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    OVERDUE = "overdue"
    NOT_ACCEPTED = "not-accepted"

    def statuses(self) -> list[Status]:
        if self is StatusFilter.OPEN:
            return [s for s in Status if not s.is_done]
        return [Status(self.value)]


_REC = re.compile(r"^\s*(?:(?P<rem>r|rem|reminder)|rec|recommendation)?\s*[:#-]?\s*(?P<n>\d[\w.]*)\s*$", re.I)


def parse_rec(text: str) -> RecRef:
    """``1`` -> recommendation 1; ``R1`` or ``reminder 1`` -> reminder of practice 1."""
    match = _REC.match(text)
    if not match:
        raise UsageError(f"{text!r} is not a recommendation number (write 1, or R1 for reminder of practice 1)")
    kind = RecKind.REMINDER if match.group("rem") else RecKind.RECOMMENDATION
    return RecRef(kind, match.group("n").lower().rstrip("."))


def pick_report(conn: sqlite3.Connection, wanted: str | None) -> str:
    """The report a command is about: the one named, or the only one in the store."""
    ids = read.report_ids(conn)
    if wanted is not None:
        if wanted in ids:
            return wanted
        raise NotFound(f"no report {wanted!r} in the store; reports: {', '.join(ids) or 'none yet'}")
    if not ids:
        raise NotFound("the store holds no reports yet; import a plan first (scrtool import FILE)")
    if len(ids) > 1:
        raise UsageError(f"the store holds several reports ({', '.join(ids)}); choose one with --report ID")
    return ids[0]


def agency_key(conn: sqlite3.Connection, name: str, report: str | None) -> str:
    """The folded agency a user means, or NotFound listing the known ones (and the closest)."""
    key = fold(name)
    if read.agency_exists(conn, key, report):
        return key
    names = read.agency_names(conn, report)
    if key in names or key in read.lead_keys(conn, report):
        return key
    pattern = re.compile(rf"(?<!\w){re.escape(key)}(?!\w)")
    containing = [k for k in names if pattern.search(k)]
    if len(containing) == 1:
        return containing[0]
    if containing:
        several = ", ".join(sorted((names[k] for k in containing), key=str.casefold))
        raise UsageError(f"{name!r} matches several agencies ({several}); name one of them")
    import difflib

    known = sorted(names.values(), key=str.casefold)
    close = difflib.get_close_matches(key, list(names), n=1, cutoff=0.5)
    hint = f" (did you mean {names[close[0]]!r}?)" if close else ""
    raise NotFound(f"no agency named {name!r}{hint}; known agencies: {', '.join(known) or 'none'}")


def list_actions(conn: sqlite3.Connection, report: str | None = None, agency: str | None = None,
                 status: StatusFilter | None = None, rec: RecRef | None = None, overdue_on: str | None = None,
                 due_before: str | None = None) -> list[Action]:
    """Actions matching every filter given; ``overdue_on``: due before that day and not completed."""
    return read.actions(conn, **_filters(conn, report, agency, status, rec, overdue_on, due_before))


def list_lines(conn: sqlite3.Connection, rating: tuple[str, Sequence[str]], report: str | None = None,
               agency: str | None = None, status: StatusFilter | None = None, rec: RecRef | None = None,
               overdue_on: str | None = None, due_before: str | None = None) -> list[tuple[str, ...]]:
    """The actions ``list_actions`` finds, as plain tuples rated in SQL (see ``read.action_lines``)."""
    return read.action_lines(conn, rating, **_filters(conn, report, agency, status, rec, overdue_on, due_before))


def _filters(conn: sqlite3.Connection, report: str | None, agency: str | None, status: StatusFilter | None,
             rec: RecRef | None, overdue_on: str | None, due_before: str | None) -> dict[str, Any]:
    if report is not None:
        report = pick_report(conn, report)
    if rec is not None and report is None:
        report = pick_report(conn, None)
    key = agency_key(conn, agency, report) if agency else None
    if rec is not None and report is not None and read.recommendation(conn, report, rec) is None:
        raise NotFound(f"{rec.label()} is not in report {report!r}")
    if overdue_on and due_before:
        due_before = min(overdue_on, due_before)
    return {"report": report, "agency_key": key, "statuses": status.statuses() if status else None, "rec": rec,
            "due_before": due_before or overdue_on, "not_completed": bool(overdue_on)}


@dataclass(frozen=True, slots=True)
class TracedLink:
    """One agency named against a recommendation, with the actions it cites as found in the store."""

    link: Link
    actions: tuple[Action, ...]
    missing: tuple[str, ...]
    """Cited numbers with no such action in the agency's table."""


class Progress(NamedTuple):
    """Completed of total (a summary makes one for each of thousands of recommendations: a tuple is quick)."""

    completed: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


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


@dataclass(frozen=True, slots=True)
class AgencyCount:
    agency: str
    counts: dict[Status, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def progress(self) -> Progress:
        return Progress(self.counts.get(Status.COMPLETED, 0), self.total)


class RecProgress(NamedTuple):
    """A recommendation's line of the summary: the actions it cites, and how many are completed."""

    kind: RecKind
    number: str
    text: str
    completed: int
    cited: int

    @property
    def ref(self) -> RecRef:
        return RecRef(self.kind, self.number)

    @property
    def progress(self) -> Progress:
        return Progress(self.completed, self.cited)


@dataclass(frozen=True, slots=True)
class Summary:
    report: Report
    agencies: tuple[AgencyCount, ...]
    recommendations: tuple[RecProgress, ...]
    """In plan order, recommendations before reminders of practice."""
    rag: dict[str, dict[Rag, int]]
    """Agency -> RAG rating -> actions."""


def summary(conn: sqlite3.Connection, report: str, rule: RagRule, today: date) -> Summary:
    rep = next(r for r in read.reports(conn) if r.id == report)
    agencies: dict[str, dict[Status, int]] = {}
    for agency, status, count in tallies.status_counts(conn, report):
        agencies.setdefault(agency, {})[Status(status)] = count
    kinds = {kind.value: kind for kind in RecKind}
    recs = tuple(RecProgress(kinds[kind], number, text, done, cited)
                 for kind, number, text, done, cited in tallies.recommendations(conn, report))
    rag: dict[str, dict[Rag, int]] = {}
    for agency, rating, count in tallies.rag_counts(conn, report, rule.sql(today)):
        rag.setdefault(agency, {})[Rag(rating)] = count
    return Summary(rep, tuple(AgencyCount(a, c) for a, c in agencies.items()), recs, rag)




@dataclass(frozen=True, slots=True)
class ReportInfo:
    report: Report
    recommendations: int
    actions: int
    open: int


def reports(conn: sqlite3.Connection) -> list[ReportInfo]:
    counts = {row[0]: row[1:] for row in conn.execute(
        "SELECT r.id, (SELECT COUNT(*) FROM recommendations WHERE report = r.id), "
        "(SELECT COUNT(*) FROM actions WHERE report = r.id), "
        "(SELECT COUNT(*) FROM actions WHERE report = r.id AND status != 'completed') FROM reports r")}
    return [ReportInfo(r, *counts[r.id]) for r in read.reports(conn)]


def agencies(conn: sqlite3.Connection, report: str | None = None) -> list[tuple[str, AgencyCount]]:
    """(report, counts) per agency with an action table, in plan order."""
    ids = [pick_report(conn, report)] if report else read.report_ids(conn)
    out = []
    for rid in ids:
        grouped: dict[str, dict[Status, int]] = {}
        for agency, status, count in tallies.status_counts(conn, rid):
            grouped.setdefault(agency, {})[Status(status)] = count
        out += [(rid, AgencyCount(a, c)) for a, c in grouped.items()]
    return out
