"""Progress over time (questions/progress.py): UK financial-year quarters and each action's state at a day, read
from its history in the order the entries took effect."""

from __future__ import annotations

from datetime import date

from scrtool.model import Action, HistoryEntry, Source, Status
from scrtool.questions.progress import Point, progress, quarter_end, quarter_ends, quarter_label


def test_quarters_are_the_uk_financial_years() -> None:
    assert [quarter_end(date(2026, m, 15)) for m in (1, 3, 4, 6, 7, 10, 12)] == [
        date(2026, 3, 31),
        date(2026, 3, 31),
        date(2026, 6, 30),
        date(2026, 6, 30),
        date(2026, 9, 30),
        date(2026, 12, 31),
        date(2026, 12, 31),
    ]
    assert [
        quarter_label(d) for d in (date(2025, 6, 30), date(2025, 9, 30), date(2025, 12, 31), date(2026, 3, 31))
    ] == ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "Q4 2025/26"]
    assert quarter_ends(date(2025, 12, 1), date(2026, 4, 2)) == [
        date(2025, 12, 31),
        date(2026, 3, 31),
        date(2026, 6, 30),
    ]
    assert len(quarter_ends(date(2015, 1, 1), date(2026, 1, 1))) == 8  # the last two years


def _action(n: str) -> Action:
    return Action(f"r/Police/{n}", "r", "Police", "Police", n, "text", "", "", Status.UNSPECIFIED, Source("p.md", 1))


def _entry(n: str, on: str, status: Status | None = None, due: str | None = None, recorded: str = "") -> HistoryEntry:
    return HistoryEntry(f"r/Police/{n}", on, recorded or on, "manual", None, None, status, None, None, None, due, None)


def test_state_at_each_quarter_end_backdated_entries_in_their_place() -> None:
    actions = [_action("1"), _action("2")]
    history = [
        _entry("1", "2025-05-01", Status.IN_PROGRESS, "2025-09-01"),
        _entry("2", "2025-08-01", Status.NOT_STARTED),
        _entry("1", "2026-01-05", Status.COMPLETED),
        _entry("1", "2025-07-01", Status.OVERDUE, recorded="2026-01-10"),
    ]  # recorded late, took effect 1 July
    [whole, police] = progress(actions, history, date(2026, 1, 15), [("Police", actions)])
    assert whole.points == (
        Point(date(2025, 6, 30), "Q1 2025/26", 0, 1, 0),
        Point(date(2025, 9, 30), "Q2 2025/26", 0, 2, 1),
        Point(date(2025, 12, 31), "Q3 2025/26", 0, 2, 1),
        Point(date(2026, 1, 15), "to date", 1, 1, 0),
    )
    assert police.name == "Police" and police.points == whole.points
