"""The returns issued to agencies and what came back: the SQL of the return cycle (issue 15), in portable SQL.

- ``return_issues``: one row a workbook issued (its token, agency, day, file, and the history mark: the id of the
  newest history entry when it was issued, so a change made after it is found by id, not by a clock);
- ``return_rows``: the state of each action a workbook was issued with, and what became of its answer
  (``outcome``: NULL outstanding, ``applied``, ``forced``, ``conflict``);
- ``return_answers``: each answer applied, by action and the hash of its cells: applying it again records nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .engine import Connection

_CHUNK = 500
"""Ids looked up per query (SQLite allows 999 parameters in older builds)."""

_OTHER_HAND = "source != 'return' AND NOT (source = 'import' AND note LIKE 'imported from %')"
"""A history entry that changed an action by another hand than a return: an update by hand or a re-import that
changed it (not a return, nor the import entry written out just before an action's first change)."""


@dataclass(frozen=True, slots=True)
class IssuedRow:
    """An action as a return was issued with it."""

    action_id: str
    report: str
    status: str
    due: str | None
    updated: str | None


@dataclass(frozen=True, slots=True)
class Change:
    """The latest entry by another hand since a return was issued."""

    action_id: str
    on: str
    source: str
    by: str | None


@dataclass(frozen=True, slots=True)
class AgencyStatus:
    """One agency's latest return: ``returns status``."""

    agency: str
    issued_on: str
    returned_on: str | None
    rows: int
    answered: int
    conflicts: int

    @property
    def outstanding(self) -> int:
        return self.rows - self.answered - self.conflicts


def history_mark(conn: Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM history").fetchone()[0])


def save_issue(
    tx: Connection,
    token: str,
    agency: str,
    issued_on: str,
    issued_at: str,
    file: str,
    mark: int,
    rows: Sequence[IssuedRow],
) -> None:
    (seq,) = tx.execute("SELECT COALESCE(MAX(seq), 0) + 1 FROM return_issues").fetchone()
    tx.execute(
        "INSERT INTO return_issues (token, agency, issued_on, issued_at, file, history_mark, seq) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        (token, agency, issued_on, issued_at, file, mark, seq),
    )
    tx.executemany(
        "INSERT INTO return_rows (token, action_id, report, status, due, updated) VALUES (?, ?, ?, ?, ?, ?)",
        [(token, r.action_id, r.report, r.status, r.due, r.updated) for r in rows],
    )


def issue_mark(conn: Connection, token: str) -> int | None:
    """The history mark of the return issued as ``token``; None when this store did not issue it."""
    row = conn.execute("SELECT history_mark FROM return_issues WHERE token = ?", (token,)).fetchone()
    return None if row is None else int(row[0])


def latest_tokens(conn: Connection, ids: Sequence[str]) -> dict[str, tuple[str, int]]:
    """action id -> (token, history mark) of the latest return issued with it (a workbook without its record)."""
    out: dict[str, tuple[str, int]] = {}
    for chunk in _chunks(ids):
        for action_id, token, mark in conn.execute(
            f"SELECT r.action_id, r.token, i.history_mark FROM return_rows r JOIN return_issues i ON "
            f"i.token = r.token WHERE r.action_id IN ({_marks(chunk)}) ORDER BY i.seq",
            chunk,
        ):
            out[action_id] = (token, int(mark))
    return out


def changed_since_mark(conn: Connection, marks: dict[str, int]) -> dict[str, Change]:
    """action id -> the latest change by another hand recorded after the action's mark."""
    out: dict[str, Change] = {}
    for chunk in _chunks(list(marks)):
        for action_id, ident, on, source, by in conn.execute(
            f"SELECT action_id, id, on_date, source, by FROM history WHERE action_id IN ({_marks(chunk)}) AND "
            f"{_OTHER_HAND} ORDER BY id",
            chunk,
        ):
            if ident > marks[action_id]:
                out[action_id] = Change(action_id, on, source, by)
    return out


def changed_after_day(conn: Connection, days: dict[str, str]) -> dict[str, Change]:
    """action id -> the latest change by another hand that took effect after the day given for it (a workbook
    without its record: judged by its ``Last update`` cell)."""
    out: dict[str, Change] = {}
    for chunk in _chunks(list(days)):
        for action_id, on, source, by in conn.execute(
            f"SELECT action_id, on_date, source, by FROM history WHERE action_id IN ({_marks(chunk)}) AND "
            f"{_OTHER_HAND} ORDER BY id",
            chunk,
        ):
            if on > days[action_id]:
                out[action_id] = Change(action_id, on, source, by)
    return out


def applied_answers(conn: Connection, keys: Sequence[tuple[str, str]]) -> set[tuple[str, str]]:
    """Of (action id, answer hash) pairs, those applied before."""
    found: set[tuple[str, str]] = set()
    ids = sorted({action_id for action_id, _ in keys})
    wanted = set(keys)
    for chunk in _chunks(ids):
        for pair in conn.execute(
            f"SELECT action_id, answer FROM return_answers WHERE action_id IN ({_marks(chunk)})", chunk
        ):
            if tuple(pair) in wanted:
                found.add((pair[0], pair[1]))
    return found


def record_answers(tx: Connection, answers: Sequence[tuple[str, str, str | None, str]], on: str) -> None:
    """Answers as (action id, answer hash, token of the return it answers, outcome): each applied (``applied`` or
    ``forced``) kept so that it is not applied again, and each outcome (``conflict`` too) set on its return's row."""
    tx.executemany(
        "INSERT INTO return_answers (action_id, answer, token, applied_on) VALUES (?, ?, ?, ?)",
        [(action_id, answer, token, on) for action_id, answer, token, outcome in answers if outcome != "conflict"],
    )
    tx.executemany(
        "UPDATE return_rows SET outcome = ?, answered_on = ? WHERE token = ? AND action_id = ?",
        [(outcome, on, token, action_id) for action_id, _, token, outcome in answers if token is not None],
    )


def agencies(conn: Connection, report: str | None) -> list[AgencyStatus]:
    """Each agency's latest return (of ``report``'s actions, when given), in the order of agency names."""
    where = " AND r.report = ?" if report else ""
    rows = conn.execute(
        "SELECT i.agency, i.issued_on, MAX(r.answered_on), COUNT(*), "
        "SUM(CASE WHEN r.outcome IN ('applied', 'forced') THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN r.outcome = 'conflict' THEN 1 ELSE 0 END) FROM return_issues i JOIN return_rows r ON "
        "r.token = i.token WHERE i.seq = (SELECT MAX(k.seq) FROM return_issues k WHERE k.agency = i.agency)"
        f"{where} GROUP BY i.token, i.agency, i.issued_on ORDER BY i.agency",
        (report,) if report else (),
    )
    latest: dict[str, AgencyStatus] = {}
    for agency, issued, returned, count, answered, conflicts in rows:
        latest[agency] = AgencyStatus(agency, issued, returned, int(count), int(answered), int(conflicts))
    return list(latest.values())


def _chunks(ids: Sequence[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield list(ids[start : start + _CHUNK])


def _marks(chunk: Sequence[str]) -> str:
    return ", ".join("?" * len(chunk))
