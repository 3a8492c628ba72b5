"""Monitoring a plan over time: updates recorded by hand, with evidence, and each action's history."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, replace

from .. import clock
from ..errors import NotFound, UsageError
from ..model import Action, HistoryEntry, Status, number_key
from ..rag import Rag
from ..render.safe import file_name
from ..store import history, read
from ..store.db import Store
from ..store.engine import Connection
from .agency_names import NO_ALIASES, Aliases
from .query import agency_key


@dataclass(frozen=True, slots=True)
class Recorded:
    action: Action
    """The action as it is after the update."""
    warnings: tuple[str, ...]
    withdrawn: str | None = None
    """The id of the entry withdrawn (``retract``, ``amend``)."""


def find(conn: Connection, report: str, agency: str, number: str, aliases: Aliases = NO_ALIASES) -> Action:
    """An agency's action (the agency as ``agency_names.agency_key`` finds it), or NotFound."""
    found = read.action(conn, report, agency_key(conn, agency, report, aliases), number_key(number))
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
        return (
            f"--evidence {file_name(evidence)} looks like a path but names no file; kept as text (give "
            "the file's path to keep its hash)"
        )
    return None


@dataclass(frozen=True, slots=True)
class Request:
    """What an update asks for, as ``scrtool update`` takes it (dates as typed: checked when recorded)."""

    status: Status | None = None
    note: str | None = None
    evidence: str | None = None
    by: str | None = None
    on: str | None = None
    due: str | None = None
    reason: str | None = None
    rag: Rag | None = None
    rag_reason: str | None = None
    retract: str | None = None
    amend: str | None = None


def record_update(
    store: Store,
    report: str,
    agency: str,
    number: str,
    asked: Request,
    *,
    require_evidence: bool,
    source: str = "manual",
    aliases: Aliases = NO_ALIASES,
) -> Recorded:
    """Record an update: the action is looked up and written in one transaction, so a re-import between the two
    cannot drop it (then: no such action) or change it under the update. ``retract``: withdraw that entry (its id,
    ``h3``) instead, ``reason`` saying why; ``amend``: withdraw it and record it again with the values given (the
    others as it had them, its date unless ``on`` is given)."""
    happened = _checked(asked)
    today = clock.today().isoformat()
    retract, amend, due, reason = asked.retract, asked.amend, asked.due, asked.reason
    update = history.Update(
        on=happened or today,
        recorded_at=clock.now_utc(),
        by=asked.by,
        status=asked.status,
        status_text=asked.status.value if asked.status else None,
        note=asked.note,
        evidence=evidence_text(asked.evidence),
        due=clock.iso_date(due, "--due") if due else None,
        reason=None if amend else reason,
        rag=asked.rag.value if asked.rag else None,
        rag_reason=asked.rag_reason,
        source=source,
    )
    warnings = [warning] if (warning := missing_file(asked.evidence)) else []
    with store.write() as tx:
        action = find(tx, report, agency, number, aliases)
        withdrawn = old = None
        if retract or amend:
            row, old = _withdrawable(tx, action, str(retract or amend))
            withdrawn = history.Retraction(row, today, update.recorded_at, str(reason), asked.by)
        if amend and old is not None:
            update = _amended(update, old, happened is not None, due is not None, reason)
        if update.status is Status.COMPLETED and not update.evidence and not retract:
            if require_evidence:
                raise UsageError(f"{action.label}: closing as completed needs --evidence (require_evidence is set)")
            warnings.append(
                f"{action.label} closed as completed without evidence; boards are asked to evidence impact (--evidence)"
            )
        history.record(tx, action, None if retract else update, withdrawn)
        done = find(tx, report, agency, number, aliases)
    return Recorded(done, tuple(warnings), old.ident if old is not None else None)


def _checked(asked: Request) -> str | None:
    """The request checked as a whole before anything is read (one clear line for what does not go together); the
    date it happened (ISO), when ``--date`` gave one."""
    status, due, rag, on = asked.status, asked.due, asked.rag, asked.on
    given = status is not None or due is not None or bool(asked.note) or bool(asked.evidence) or rag is not None
    if asked.rag_reason and rag is None:
        raise UsageError("--rag-reason goes with --rag (the judgement it explains)")
    if rag is not None and not asked.rag_reason:
        raise UsageError("--rag needs --rag-reason (why the board judges it so)")
    if status is Status.NOT_RECORDED:
        raise UsageError(
            "not-recorded says a plan states no status; an update records one (completed, "
            "in-progress, not-started, overdue, not-accepted or open)"
        )
    if asked.retract is not None or asked.amend is not None:
        _check_withdrawal(asked.retract, asked.amend, given, on, asked.reason)
    else:
        _check_update(given, due, asked.reason)
    today = clock.today().isoformat()
    happened = clock.iso_date(on, "--date") if on else None
    if happened is not None and happened > today:
        raise UsageError(f"--date {on!r} is in the future (today is {today}); record what has happened")
    return happened


def _check_update(given: bool, due: str | None, reason: str | None) -> None:
    if not given:
        raise UsageError("say what changed: --status, --due, --note, --evidence or --rag")
    if due is not None and not reason:
        raise UsageError("--due needs --reason (why the target date moves)")


def _check_withdrawal(retract: str | None, amend: str | None, given: bool, on: str | None, reason: str | None) -> None:
    if retract is not None and amend is not None:
        raise UsageError("--retract or --amend, not both (--amend withdraws the entry and records it again)")
    if not reason:
        raise UsageError(
            f"--{'retract' if retract is not None else 'amend'} needs --reason (why the entry is withdrawn)"
        )
    if retract is not None and (given or on):
        raise UsageError(
            "--retract withdraws an entry and records nothing else; to correct it, use --amend ENTRY "
            "with the right values"
        )
    if amend is not None and not given and not on:
        raise UsageError("say what the amended entry records: --status, --due, --note, --evidence, --rag or --date")


def _withdrawable(tx: Connection, action: Action, ident: str) -> tuple[int, HistoryEntry]:
    """The stored row and entry an update may withdraw: one made by hand (or by a return), not withdrawn yet."""
    row, entry = history.stored_entry(tx, action.id, ident)
    if entry.source == "import":
        raise UsageError(
            f"{entry.ident} of {action.label} is its import from the plan; an import is not retracted "
            "(import another version of the plan)"
        )
    if entry.source == "retraction":
        raise UsageError(f"{entry.ident} of {action.label} is a retraction; to undo it, record the update again")
    if entry.retracted_by:
        raise UsageError(f"{entry.ident} of {action.label} was withdrawn already ({entry.retracted_by})")
    return row, entry


def _amended(
    update: history.Update, old: HistoryEntry, dated: bool, due_given: bool, reason: str | None
) -> history.Update:
    """The entry an amendment records: the values given, the others as the withdrawn entry had them."""
    return replace(
        update,
        on=update.on if dated else old.on,
        by=update.by or old.by,
        status=update.status or old.to_status,
        status_text=update.status_text or (old.to_status.value if old.to_status else None),
        note=update.note or old.note,
        evidence=update.evidence or old.evidence,
        due=update.due or old.due,
        reason=reason if due_given else old.reason,
        rag=update.rag or old.rag,
        rag_reason=update.rag_reason or old.rag_reason,
        source=old.source,
    )


def action_history(
    conn: Connection, report: str, agency: str, number: str, aliases: Aliases = NO_ALIASES
) -> tuple[Action, list[HistoryEntry]]:
    action = find(conn, report, agency, number, aliases)
    return action, history.entries(conn, action.id)
