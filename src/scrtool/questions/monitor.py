"""Monitoring a plan over time: updates recorded by hand, with evidence, and each action's history."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass

from .. import clock
from ..errors import NotFound, UsageError
from ..model import Action, HistoryEntry, Status
from ..render.safe import file_name
from ..store import history, read
from ..store.db import Store
from ..store.engine import Connection
from .query import agency_key


@dataclass(frozen=True, slots=True)
class Recorded:
    action: Action
    """The action as it is after the update."""
    warnings: tuple[str, ...]


def find(conn: Connection, report: str, agency: str, number: str) -> Action:
    found = read.action(conn, report, agency_key(conn, agency, report), number.strip().lower().rstrip("."))
    if found is None:
        raise NotFound(f"no action {number} of {agency!r} in report {report!r}")
    return found


def evidence_text(value: str | None) -> str | None:
    """Evidence as given; a path to a file is kept as its absolute path and its SHA-256."""
    if not value or not os.path.isfile(value):
        return value
    digest = hashlib.sha256()
    try:
        with open(value, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 16), b""):
                digest.update(block)
    except OSError as exc:
        raise UsageError(f"--evidence {file_name(value)} cannot be read: {exc.strerror or exc}") from None
    return f"file {os.path.abspath(value)} (sha256 {digest.hexdigest()})"


_DOCUMENT = re.compile(r"\.(pdf|docx?|xlsx?|xlsm|ods|odt|csv|txt|md|html?|pptx?|msg|eml|png|jpe?g|zip)$", re.I)
_PATH_START = re.compile(r"^(~|\.{0,2}/|[A-Za-z]:[\\/]|\\\\)")


def missing_file(evidence: str | None) -> str | None:
    """A warning when evidence that looks like a file's path (it starts like one, names a document, or is one word
    with a folder separator) is no file: it is kept as the text it is, and the user hears so. A web address is
    text."""
    if not evidence or "://" in evidence or os.path.isfile(evidence):
        return None
    one_word = len(evidence.split()) == 1
    if _PATH_START.match(evidence) or _DOCUMENT.search(evidence) or (one_word and re.search(r"[/\\]", evidence)):
        return (f"--evidence {file_name(evidence)} looks like a path but names no file; kept as text (give "
                "the file's path to keep its hash)")
    return None


def record_update(store: Store, report: str, agency: str, number: str, *, status: Status | None,
                  note: str | None, evidence: str | None, by: str | None, on: str | None, due: str | None,
                  reason: str | None, require_evidence: bool) -> Recorded:
    """Record an update: the action is looked up and written in one transaction, so a re-import between the two
    cannot drop it (then: no such action) or change it under the update."""
    if status is None and due is None and not note and not evidence:
        raise UsageError("say what changed: --status, --due, --note or --evidence")
    if due is not None and not reason:
        raise UsageError("--due needs --reason (why the target date moves)")
    if status is Status.NOT_RECORDED:
        raise UsageError("not-recorded says a plan states no status; an update records one (completed, "
                         "in-progress, not-started, overdue, not-accepted or open)")
    today = clock.today().isoformat()
    happened = clock.iso_date(on, "--date") if on else today
    if happened > today:
        raise UsageError(f"--date {on!r} is in the future (today is {today}); record what has happened")
    update = history.Update(
        on=happened, recorded_at=clock.now_utc(), by=by,
        status=status, status_text=status.value if status else None, note=note, evidence=evidence_text(evidence),
        due=clock.iso_date(due, "--due") if due else None, reason=reason)
    warnings = [warning] if (warning := missing_file(evidence)) else []
    with store.write() as tx:
        action = find(tx, report, agency, number)
        if status is Status.COMPLETED and not evidence:
            if require_evidence:
                raise UsageError(f"{action.label}: closing as completed needs --evidence (require_evidence is set)")
            warnings.append(f"{action.label} closed as completed without evidence; boards are asked to evidence "
                            "impact (--evidence)")
        history.record(tx, action, update)
        done = find(tx, report, agency, number)
    return Recorded(done, tuple(warnings))


def action_history(conn: Connection, report: str, agency: str, number: str
                   ) -> tuple[Action, list[HistoryEntry]]:
    action = find(conn, report, agency, number)
    return action, history.entries(conn, action.id)
