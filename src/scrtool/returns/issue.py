"""``returns issue``: one workbook per agency of its actions not completed (or due soon, or all), each recorded in
the store with the state of every action it was issued with."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from .. import clock
from ..errors import os_reason
from ..model import Action, RecKind, Recommendation, RecRef, Status
from ..names import fold
from ..rag import RagRule
from ..render import outfile
from ..render.returnbook import Book, BookRow, context_values, write
from ..store import read
from ..store import returns as stored
from ..store.db import Store
from ..store.engine import Connection

_NOT_COMPLETED = tuple(s for s in Status if s is not Status.COMPLETED)
_UNSAFE_NAME = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


@dataclass(frozen=True, slots=True)
class Choice:
    """Which actions to issue."""

    report: str | None = None
    """One report's actions (None: every report's)."""
    agencies: tuple[str, ...] | None = None
    """One agency's keys, as its names find it (None: every agency)."""
    named: str | None = None
    """That agency as the user named it: its one workbook's name when none of its actions is written under it."""
    due_within: int | None = None
    """Only the overdue and those due within this many days."""
    every: bool = False
    """Completed actions too."""


@dataclass(slots=True)
class Issued:
    """What ``returns issue`` wrote."""

    files: list[tuple[str, str, int]] = field(default_factory=list)
    """(file, agency, actions) for each workbook."""
    warnings: list[str] = field(default_factory=list)


def issue(store: Store, choice: Choice, folder: str, rule: RagRule) -> Issued:
    """A workbook per agency into ``folder`` (made owner-only if new), recorded in the store in one transaction:
    on an error, nothing is recorded and the workbooks written so far are removed."""
    today = clock.today()
    groups = chosen(store.conn, choice, today)
    done = Issued()
    made = not os.path.isdir(folder)
    _folder(folder)
    names = file_names([agency for agency, _ in groups])
    try:
        with store.write() as tx:
            mark = stored.history_mark(tx)
            texts = _recommendation_texts(tx, {a.report for _, actions in groups for a in actions})
            for (agency, actions), name in zip(groups, names, strict=True):
                path = os.path.join(folder, name)
                book = _book(texts, agency, actions, today, mark, rule)
                outfile.write_atomic(path, lambda handle, b=book: write(handle, b, done.warnings))  # type: ignore[misc]
                done.files.append((path, agency, len(actions)))
                stored.save_issue(
                    tx,
                    book.token,
                    agency,
                    today.isoformat(),
                    book.issued_at,
                    name,
                    mark,
                    [stored.IssuedRow(r.action_id, r.report, r.status, r.due, r.updated) for r in book.rows],
                )
    except BaseException:
        for path, _, _ in done.files:
            with contextlib.suppress(OSError):
                os.unlink(path)
        if made:  # the folder it made, left empty
            with contextlib.suppress(OSError):
                os.rmdir(folder)
        raise
    return done


def chosen(conn: Connection, choice: Choice, today: date) -> list[tuple[str, list[Action]]]:
    """The actions to issue grouped by agency (as first written), agencies in order of name; for one agency
    (``--agency``), all in its one workbook, an action it shares with another (``PCT/Oxford Health``) too."""
    horizon = (today + timedelta(days=choice.due_within)).isoformat() if choice.due_within is not None else None
    groups: dict[str, tuple[str, list[Action]]] = {}
    for a in read.iter_actions(
        conn, read.Selection(choice.report, choice.agencies, None if choice.every else _NOT_COMPLETED)
    ):
        if horizon is not None and not _due_soon(a, horizon):
            continue
        groups.setdefault(fold(a.agency), (a.agency, []))[1].append(a)
    if choice.agencies is not None and groups:
        own = [groups[key][0] for key in sorted(groups) if key in choice.agencies]
        every = [a for key in sorted(groups) for a in groups[key][1]]
        return [(own[0] if own else choice.named or every[0].agency, every)]
    return [groups[key] for key in sorted(groups)]


def _due_soon(a: Action, horizon: str) -> bool:
    """Overdue by its status, or due by ``horizon`` (overdue by its date: due before today)."""
    return a.status is Status.OVERDUE or (a.due is not None and a.due <= horizon)


def file_names(agencies: Iterable[str]) -> list[str]:
    """A file name per agency (``Riverside Health.xlsx``): characters no file name may hold become ``-``, and a name
    met before (ignoring case) gets `` (2)``."""
    taken: set[str] = set()
    names = []
    for agency in agencies:
        base = " ".join(_UNSAFE_NAME.sub("-", agency).split()).strip(" .") or "agency"
        base = base[:100]
        name, n = base, 1
        while name.casefold() in taken:
            n += 1
            name = f"{base} ({n})"
        taken.add(name.casefold())
        names.append(name + ".xlsx")
    return names


def _book(
    texts: tuple[dict[tuple[str, RecRef], Recommendation], dict[str, list[RecRef]]],
    agency: str,
    actions: list[Action],
    today: date,
    mark: int,
    rule: RagRule,
) -> Book:
    """An agency's return; ``texts``: the recommendations of the reports issued, and the actions each cites (read
    once for every agency)."""
    rows = []
    rating = rule.ratings(today)  # as list and the board show it: a judgement, else the rule's
    for a in actions:
        refs = texts[1].get(a.id, []) or list(a.responds_to)
        recs = [_rec_line(ref, texts[0].get((a.report, ref))) for ref in refs]
        rag = rating(a).shown
        rows.append(
            BookRow(
                a.id,
                a.report,
                context_values(
                    a.id, recs, a.text, a.outcome, a.status.value, rag.value if rag else None, a.due, a.updated
                ),
                a.status.value,
                a.due,
                a.updated,
            )
        )
    return Book(agency, secrets.token_hex(8), today, clock.now_utc(), mark, tuple(rows))


def _recommendation_texts(
    conn: Connection, reports: set[str]
) -> tuple[dict[tuple[str, RecRef], Recommendation], dict[str, list[RecRef]]]:
    recs: dict[tuple[str, RecRef], Recommendation] = {}
    citing: dict[str, list[RecRef]] = {}
    for report in sorted(reports):
        recs.update({(report, r.ref): r for r in read.recommendations(conn, report)})
        citing.update(read.citations(conn, report))
    return recs, citing


def _rec_line(ref: RecRef, rec: Recommendation | None) -> str:
    number = ("R" if ref.kind is RecKind.REMINDER else "") + ref.number
    return f"{number}. {rec.text}" if rec is not None else number


def _folder(folder: str) -> None:
    """The folder to write into: made (owner-only) when it does not exist."""
    if os.path.isdir(folder):
        return
    if os.path.lexists(folder):
        raise outfile.OutputError(f"{folder} is not a folder; give a folder with -o")
    try:
        os.makedirs(folder, mode=0o700)
    except OSError as exc:
        raise outfile.OutputError(f"{folder}: cannot make the folder: {os_reason(exc)}") from None
