"""Which actions a question means: the report, the agency, the status and the recommendation a user names, and
the list of actions they pick out. Tracing (tracing.py) and the summary (overview.py) build on these."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from enum import StrEnum
from typing import Any

from ..errors import NotFound, UsageError
from ..model import Action, RecKind, RecRef, Status
from ..names import fold
from ..store import read


class StatusFilter(StrEnum):
    """What ``--status`` accepts; ``open`` is everything not completed whose status the plan records (not
    ``not-recorded``: a plan that states no status says nothing of whether it is done)."""

    OPEN = "open"
    COMPLETED = "completed"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    OVERDUE = "overdue"
    NOT_ACCEPTED = "not-accepted"
    NOT_RECORDED = "not-recorded"

    def statuses(self) -> list[Status]:
        if self is StatusFilter.OPEN:
            return [s for s in Status if not s.is_done and s is not Status.NOT_RECORDED]
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
                 due_before: str | None = None) -> Iterator[Action]:
    """Actions matching every filter given, read as they are asked for (``read.iter_actions``); ``overdue_on``:
    due before that day and not completed. The filters are checked (NotFound, UsageError) before the first."""
    return read.iter_actions(conn, **_filters(conn, report, agency, status, rec, overdue_on, due_before))


def list_lines(conn: sqlite3.Connection, rating: tuple[str, Sequence[str]], report: str | None = None,
               agency: str | None = None, status: StatusFilter | None = None, rec: RecRef | None = None,
               overdue_on: str | None = None, due_before: str | None = None
               ) -> tuple[Iterator[tuple[str, ...]], bool]:
    """The actions ``list_actions`` finds, as plain tuples rated in SQL and read as they are asked for (see
    ``read.action_lines``), and whether they come from several reports (then each tuple starts with its report's
    id)."""
    filters = _filters(conn, report, agency, status, rec, overdue_on, due_before)
    several = (filters["report"] is None and len(read.report_ids(conn)) > 1
               and read.reports_among(conn, **filters) > 1)
    return read.action_lines(conn, rating, not several, **filters), several


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
