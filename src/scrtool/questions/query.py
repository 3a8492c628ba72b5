"""Which actions a question means: the report, the agency, the status and the recommendation a user names, and
the list of actions they pick out. Tracing (tracing.py) and the summary (overview.py) build on these."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from .. import clock
from ..errors import NotFound, UsageError
from ..model import Action, RecKind, RecRef, Status
from ..store import read
from ..store.engine import Connection
from . import agency_names
from .agency_names import NO_ALIASES, Aliases


def statuses(status: Status) -> tuple[Status, ...]:
    """The statuses ``--status`` means: itself, but ``open`` (the value of ``Status.UNSPECIFIED``, which as a filter
    widens) is every action not completed whose status the plan records (``not-recorded`` left out: a plan that
    states no status says nothing of whether it is done)."""
    if status is Status.UNSPECIFIED:
        return tuple(s for s in Status if not s.is_done and s is not Status.NOT_RECORDED)
    return (status,)


@dataclass(frozen=True, slots=True)
class ActionFilter:
    """The actions ``list`` asks for, as the user names them; a field left None does not narrow the list."""

    report: str | None = None
    agency: str | None = None
    """An agency's name, initials or short form (``agency_key`` finds it); its joint leads count too."""
    status: Status | None = None
    """``open`` (``Status.UNSPECIFIED``): every action not completed (``statuses``)."""
    rec: RecRef | None = None
    """The actions this recommendation cites."""
    overdue_on: str | None = None
    """An ISO date: overdue on it (rag.is_overdue: marked overdue, or due before it and not completed)."""
    due_before: str | None = None
    """An ISO date: due before it."""


_REC = re.compile(
    r"^\s*(?:(?P<rem>r|rem|reminder)|rec|recommendation)?\s*[:#-]?\s*(?P<n>(?:[sm](?=\d))?\d[\w.]*)\s*$", re.I
)


def parse_rec(text: str) -> RecRef:
    """``1`` -> recommendation 1; ``R1`` or ``reminder 1`` -> reminder of practice 1; ``M1`` or ``m1`` ->
    recommendation M1 (of a plan read as two series)."""
    match = _REC.match(text)
    if not match:
        raise UsageError(f"{text!r} is not a recommendation number (write 1, or R1 for reminder of practice 1)")
    kind = RecKind.REMINDER if match.group("rem") else RecKind.RECOMMENDATION
    number = match.group("n").lower().rstrip(".")
    if number[0] in "sm":  # a DHR's single- or multi-agency series: ``S1``, ``M2`` (``parse.series``)
        number = number[0].upper() + number[1:]
    return RecRef(kind, number)


def pick_report(conn: Connection, wanted: str | None) -> str:
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


def agency_key(conn: Connection, name: str, report: str | None, aliases: Aliases = NO_ALIASES) -> str:
    """The folded agency a user means, or NotFound listing the known ones (and the closest): within ``report``
    (``agency_names.agency_key``), or, with none, the first of those it means across the store."""
    if report is not None:
        return agency_names.agency_key(conn, name, report, aliases)
    return agency_names.agency_keys(conn, name, None, aliases)[0]


def agency_keys(conn: Connection, name: str, report: str | None, aliases: Aliases = NO_ALIASES) -> tuple[str, ...]:
    """Every folded agency name ``name`` means (``agency_names.agency_keys``): in a view across reports, an agency
    its plans name differently."""
    return agency_names.agency_keys(conn, name, report, aliases)


def list_actions(conn: Connection, wanted: ActionFilter, aliases: Aliases = NO_ALIASES) -> Iterator[Action]:
    """The actions ``wanted`` picks, read as they are asked for (``read.iter_actions``); its agency under any name
    ``agency_names`` knows (the config's ``aliases`` too). The filter is checked (NotFound, UsageError) before the
    first."""
    return read.iter_actions(conn, _selection(conn, wanted, aliases))


def list_lines(
    conn: Connection, rating: tuple[str, Sequence[str]], wanted: ActionFilter, aliases: Aliases = NO_ALIASES
) -> tuple[Iterator[tuple[str, ...]], bool]:
    """The actions ``list_actions`` finds, as plain tuples rated in SQL and read as they are asked for (see
    ``read.action_lines``), and whether they come from several reports (then each tuple starts with its report's
    id)."""
    chosen = _selection(conn, wanted, aliases)
    several = chosen.report is None and len(read.report_ids(conn)) > 1 and read.reports_among(conn, chosen) > 1
    return read.action_lines(conn, rating, not several, chosen), several


def _selection(conn: Connection, wanted: ActionFilter, aliases: Aliases) -> read.Selection:
    report, rec, due_before, overdue_on = wanted.report, wanted.rec, wanted.due_before, wanted.overdue_on
    if report is not None:
        report = pick_report(conn, report)
    if rec is not None and report is None:
        report = pick_report(conn, None)
    keys = agency_names.agency_keys(conn, wanted.agency, report, aliases) if wanted.agency else None
    if rec is not None and report is not None and read.recommendation(conn, report, rec) is None:
        raise NotFound(f"{rec.label()} is not in report {report!r}")
    status = wanted.status
    if status is Status.OVERDUE:  # one meaning with --overdue: marked overdue, or past due and not completed
        overdue_on, status = overdue_on or clock.today().isoformat(), None
    return read.Selection(report, keys, statuses(status) if status else None, rec, due_before, overdue_on)


def cited_by(conn: Connection) -> Callable[[Action], tuple[RecRef, ...]]:
    """An action's recommendations: those whose agency rows cite it, or, for an unnumbered response, those it
    answers (as ``export`` gives them); read once a report, as the actions of a list come to it."""
    by_report: dict[str, dict[str, list[RecRef]]] = {}

    def of(a: Action) -> tuple[RecRef, ...]:
        if a.report not in by_report:
            by_report[a.report] = read.citations(conn, a.report)
        return tuple(by_report[a.report].get(a.id, ())) or a.responds_to

    return of
