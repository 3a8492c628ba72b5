"""Progress over time, read from the history: at the end of each quarter, how many actions of each agency were
completed, open (not completed) and overdue (open and past the due date they had then, or marked overdue).

An action counts from the date of its first entry (its import); its status and due date at a day are those of its
latest entries dated on or before that day (ties: the order they were recorded). Quarters are the UK financial
year's (Q1 = April to June) unless the config file says calendar; the last point is today when its quarter has not
ended yet.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from ..model import Action, HistoryEntry, Status

MAX_QUARTERS = 8
"""The chart shows at most the last eight quarters (two years)."""


@dataclass(frozen=True, slots=True)
class Point:
    """One agency's (or the whole plan's) actions at one day."""

    day: date
    label: str
    """``Q3 2025/26``, or ``to date`` for the quarter not ended yet."""
    completed: int
    open: int
    """Not completed (status recorded), overdue ones included."""
    overdue: int


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    points: tuple[Point, ...]


def quarter_end(day: date) -> date:
    """The last day of the (financial or calendar: the ends are the same days) quarter holding ``day``."""
    month = ((day.month - 1) // 3 + 1) * 3
    return date(day.year, month, 30 if month in (6, 9) else 31)


def quarter_label(end: date, calendar: bool = False) -> str:
    """``Q1 2025/26`` for 30 June 2025: the UK financial year starts on 1 April; calendar quarters: ``Q2 2025``."""
    if calendar:
        return f"Q{end.month // 3} {end.year}"
    number = {6: 1, 9: 2, 12: 3, 3: 4}[end.month]
    start = end.year if end.month >= 4 else end.year - 1
    return f"Q{number} {start}/{(start + 1) % 100:02d}"


def quarter_ends(first: date, today: date) -> list[date]:
    """Each quarter's end from the one holding ``first`` to the one holding ``today`` (the last eight)."""
    ends = []
    end = quarter_end(first)
    while end <= quarter_end(today):
        ends.append(end)
        end = quarter_end(date(end.year + (end.month == 12), end.month % 12 + 1, 1))
    return ends[-MAX_QUARTERS:]


def _state(entries: Sequence[HistoryEntry], day: str) -> tuple[Status | None, str | None] | None:
    """(status, due) of an action on ``day``; None when it did not exist yet."""
    dated = [e for e in entries if e.on <= day]
    if not dated:
        return None
    status = next((e.to_status for e in reversed(dated) if e.to_status is not None), None)
    due = next((e.due for e in reversed(dated) if e.due), None)
    return status, due


def _point(day: date, label: str, states: Iterable[tuple[Status | None, str | None] | None]) -> Point:
    iso = day.isoformat()
    completed = open_ = overdue = 0
    for state in states:
        if state is None or state[0] is Status.NOT_RECORDED:
            continue
        status, due = state
        if status is Status.COMPLETED:
            completed += 1
            continue
        open_ += 1
        overdue += status is Status.OVERDUE or (due is not None and due < iso)
    return Point(day, label, completed, open_, overdue)


def progress(
    actions: Sequence[Action],
    history: Sequence[HistoryEntry],
    today: date,
    groups: Sequence[tuple[str, Sequence[Action]]],
    calendar: bool = False,
) -> list[Series]:
    """The whole plan's series first, then one a group (an agency's actions), at each quarter's end."""
    by_action: dict[str, list[HistoryEntry]] = {a.id: [] for a in actions}
    for e in sorted(history, key=lambda e: e.on):  # stable: entries of one day stay in the order recorded
        if e.action_id in by_action:
            by_action[e.action_id].append(e)
    days = [e.on for entries in by_action.values() for e in entries if e.on <= today.isoformat()]
    if not days:  # no history up to today: nothing to draw
        return []
    ends = quarter_ends(date.fromisoformat(min(days)), today)
    moments = [(min(end, today), "to date" if end > today else quarter_label(end, calendar)) for end in ends]
    states = {key: [_state(entries, day.isoformat()) for day, _ in moments] for key, entries in by_action.items()}

    def series(name: str, members: Sequence[Action]) -> Series:
        return Series(
            name,
            tuple(_point(day, label, (states[a.id][i] for a in members)) for i, (day, label) in enumerate(moments)),
        )

    return [series("All agencies", actions), *(series(name, members) for name, members in groups)]
