"""The summary of a report (actions by agency and status, RAG, progress of each recommendation), the reports in
the store and their agencies: read from the counts kept at write time (store/tallies.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import NamedTuple

from ..model import Action, Progress, RecKind, RecRef, Report, Status
from ..names import fold
from ..rag import Rag, RagRule
from ..store import decode, read, tallies
from ..store.engine import Connection
from .agency_names import NO_ALIASES, Aliases, named
from .query import pick_report


@dataclass(frozen=True, slots=True)
class AgencyCount:
    agency: str
    counts: dict[Status, int]
    """Numbered actions by status: "Actions" counts these, as the plan numbers them."""
    overdue: int = 0
    """How many are overdue (rag.is_overdue: marked overdue, or past their due date and not completed)."""

    def shown_count(self, status: Status) -> int:
        """A summary's count in a status column: the overdue column counts every overdue action."""
        return self.overdue if status is Status.OVERDUE else self.counts.get(status, 0)

    responses: dict[Status, int] = field(default_factory=dict)
    """Unnumbered responses (rows restating a recommendation) by status, counted apart."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def responded(self) -> int:
        """How many unnumbered responses."""
        return sum(self.responses.values())

    @property
    def progress(self) -> Progress:
        return Progress(self.counts.get(Status.COMPLETED, 0), self.total, self.counts.get(Status.NOT_RECORDED, 0))


class RecProgress(NamedTuple):
    """A recommendation's line of the summary: the actions it cites, and how many are completed."""

    kind: RecKind
    number: str
    text: str
    completed: int
    cited: int
    own: str | None = None
    """With no action cited, the status of its own row (a tracker's or a list's: ``tracing.Trace.own``)."""

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
    """Agency -> RAG rating shown (the judgement, else the rule's; red when overdue) -> actions."""

    def statuses(self) -> list[Status]:
        """The status columns of a summary: completed, and each other any agency has (overdue: by the rule)."""
        return [st for st in Status if st is Status.COMPLETED or any(c.shown_count(st) for c in self.agencies)]

    def ratings(self) -> tuple[Rag, ...]:
        """The ratings a summary has columns for: red, amber and green, and blue when an action is judged so."""
        blue = any(counts.get(Rag.BLUE) for counts in self.rag.values())
        return (Rag.RED, Rag.AMBER, Rag.GREEN) + ((Rag.BLUE,) if blue else ())


def summary(conn: Connection, report: str, rule: RagRule, today: date) -> Summary:
    """The counts of a report; RAG by agency rates its numbered actions, as "Actions" counts them."""
    rep = next(r for r in read.reports(conn) if r.id == report)
    agencies: dict[str, AgencyCount] = {}
    rag: dict[str, dict[Rag, int]] = {}
    for agency, stored, rating, numbered, count in tallies.rated_counts(conn, report, rule.sql(today)):
        counted = agencies.setdefault(agency, AgencyCount(agency, {}))
        by_status = counted.counts if numbered else counted.responses
        status = decode.status(stored, f"the counts of {agency!r} in report {report!r}")
        by_status[status] = by_status.get(status, 0) + count
        by_rating = rag.setdefault(agency, {})
        if rating is not None and numbered:  # none for an action whose status is not recorded (rag.py)
            by_rating[Rag(rating)] = by_rating.get(Rag(rating), 0) + count
    overdue = tallies.overdue_counts(conn, report, today.isoformat())
    own = tallies.own_statuses(conn, report)
    recs = tuple(
        RecProgress(
            decode.kind(kind, f"recommendation {number} of report {report!r}"),
            number,
            text,
            done,
            cited,
            own.get((kind, number)) if own else None,
        )
        for kind, number, text, done, cited in tallies.recommendations(conn, report)
    )
    return Summary(rep, tuple(replace(c, overdue=overdue.get(a, 0)) for a, c in agencies.items()), recs, rag)


@dataclass(frozen=True, slots=True)
class ReportInfo:
    report: Report
    recommendations: int
    actions: int
    open: int


def reports(conn: Connection) -> list[ReportInfo]:
    counts = tallies.report_sizes(conn)
    return [ReportInfo(r, *counts[r.id]) for r in read.reports(conn)]


@dataclass(frozen=True, slots=True)
class Figures:
    """The board's numbers for one agency (or one report, or one agency across reports)."""

    name: str
    actions: int
    completed: int
    open: int
    """Not completed (and a status recorded: ``not_recorded`` is apart), as ``list --status open``."""
    overdue: int
    """Status overdue, or due before today and not completed."""
    not_recorded: int
    responses: int
    """Unnumbered responses, counted apart from ``actions`` (the numbered ones, as the plan numbers them)."""
    reports: tuple[str, ...] = ()
    """In an overview, the reports the agency has actions in."""

    @property
    def percent(self) -> int:
        return Progress(self.completed, self.actions, self.not_recorded).percent


def figures(conn: Connection, s: Summary, today: date) -> list[Figures]:
    """The figures of each agency of a summary, in its order."""
    from ..names import fold

    extra = tallies.agency_figures(conn, s.report.id, today.isoformat())
    out = []
    for count in s.agencies:
        done, missing = count.counts.get(Status.COMPLETED, 0), count.counts.get(Status.NOT_RECORDED, 0)
        overdue, responses = extra.get(fold(count.agency), (0, 0))
        out.append(Figures(count.agency, count.total, done, count.total - done - missing, overdue, missing, responses))
    return out


def several_reports(conn: Connection) -> bool:
    """Whether the store holds more than one report (then ``summary`` without ``--report`` is an overview)."""
    return len(read.report_ids(conn)) > 1


@dataclass(frozen=True, slots=True)
class Overview:
    """``summary`` across every report: a line a report, and each agency across the reports."""

    reports: tuple[tuple[Report, Figures], ...]
    agencies: tuple[Figures, ...]
    """Each agency across reports (``one_agency``: by name, short form or alias), in order of first appearance."""


def overview(conn: Connection, rule: RagRule, today: date, aliases: Aliases = NO_ALIASES) -> Overview:
    lines = []
    rows: list[Figures] = []
    for rep in read.reports(conn):
        per_agency = figures(conn, summary(conn, rep.id, rule, today), today)
        lines.append((rep, _total(rep.id, per_agency)))
        rows += [replace(f, reports=(rep.id,)) for f in per_agency]
    groups = one_agency([(f.reports[0], f.name) for f in rows], aliases)
    return Overview(tuple(lines), tuple(_total(shown, [rows[i] for i in members]) for shown, members in groups))


def _total(name: str, parts: list[Figures]) -> Figures:
    return Figures(
        name,
        sum(f.actions for f in parts),
        sum(f.completed for f in parts),
        sum(f.open for f in parts),
        sum(f.overdue for f in parts),
        sum(f.not_recorded for f in parts),
        sum(f.responses for f in parts),
        tuple(dict.fromkeys(r for f in parts for r in f.reports)),
    )


def agencies(conn: Connection, report: str | None = None) -> list[tuple[str, AgencyCount]]:
    """(report, counts) per agency with an action table, in plan order."""
    ids = [pick_report(conn, report)] if report else read.report_ids(conn)
    out = []
    for rid in ids:
        grouped: dict[str, AgencyCount] = {}
        for agency, status, numbered, count in tallies.status_counts(conn, rid):
            counted = grouped.setdefault(agency, AgencyCount(agency, {}))
            by_status = counted.counts if numbered else counted.responses
            by_status[decode.status(status, f"the counts of {agency!r} in report {rid!r}")] = count
        out += [(rid, counted) for counted in grouped.values()]
    return out


def across_reports(
    rows: Sequence[tuple[str, AgencyCount]], aliases: Aliases = NO_ALIASES
) -> list[tuple[str, AgencyCount]]:
    """``agencies``' rows of several reports as one row per agency (``one_agency``), naming its reports
    (comma-joined, in the order met); counts are summed."""
    out = []
    for shown, members in one_agency([(report, count.agency) for report, count in rows], aliases):
        total = AgencyCount(shown, {})
        for source in (rows[i][1] for i in members):
            for mine, theirs in ((source.counts, total.counts), (source.responses, total.responses)):
                for status, n in mine.items():
                    theirs[status] = theirs.get(status, 0) + n
        out.append((", ".join(dict.fromkeys(rows[i][0] for i in members)), total))
    return out


def one_agency(rows: Sequence[tuple[str, str]], aliases: Aliases = NO_ALIASES) -> list[tuple[str, list[int]]]:
    """(report, agency) rows of several reports grouped by agency: rows of different reports are one agency when
    their names are (folded), one is the other's short form (``Thames Valley Police (TVP)``), or an alias joins them
    (``agency_names.named``); never two agencies of one report. Each group: the agency as the alias names it, else
    as first written, and the indexes of its rows, in the order met."""
    groups: list[tuple[set[str], str, list[int]]] = []
    by_form: dict[str, int] = {}
    for index, (report, agency) in enumerate(rows):
        forms = named(fold(agency), aliases)
        at = next((by_form[form] for form in sorted(forms) if form in by_form), None)
        if at is None or report in groups[at][0]:  # a second agency of one report keeps its name as written
            shown = (
                agency
                if at is not None
                else next((name for form in sorted(forms) if (name := aliases.name(form))), agency)
            )
            at = len(groups)
            groups.append((set(), shown, []))
        for form in forms:
            by_form.setdefault(form, at)
        groups[at][0].add(report)
        groups[at][2].append(index)
    return [(shown, members) for _, shown, members in groups]


def plan_counts(actions: Iterable[Action]) -> list[AgencyCount]:
    """Per agency of a plan in hand (in plan order), its numbered actions and unnumbered responses by status."""
    grouped: dict[str, AgencyCount] = {}
    for (agency, numbered, status), n in Counter((a.agency, a.number is not None, a.status) for a in actions).items():
        counted = grouped.setdefault(agency, AgencyCount(agency, {}))
        (counted.counts if numbered else counted.responses)[status] = n
    return list(grouped.values())
