"""RAG ratings, computed by one rule and never typed by hand.

- green: completed;
- red: overdue (its due date has passed and it is not completed);
- amber: not completed, and due within ``due_soon_days`` (default 30) days, or its last update (its import or a
  manual update) is ``stale_days`` (default 90) or more days old;
- green otherwise (not completed, on time and recently updated).

An action whose status the plan does not record (``not-recorded``) is rated by its due date alone: red once it has
passed, amber when it falls due within ``due_soon_days``, and no rating at all otherwise (None): green would say it
is on track and amber that it has gone stale, which nothing in the plan says.

The thresholds are config (``[rag]`` in the config file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .model import Action, Status


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"


@dataclass(frozen=True, slots=True)
class RagRule:
    due_soon_days: int = 30
    """Not completed and due within this many days (0 = due today) is amber."""
    stale_days: int = 90
    """Not completed and not updated for this many days or more is amber."""

    def rate(self, action: Action, today: date) -> Rag | None:
        return self.rater(today)(action.status.value, action.due, action.updated)

    def thresholds(self, today: date) -> tuple[str, str, str]:
        """(today, the last day due counts as soon, the last update day that counts as stale), as ISO text."""
        return (today.isoformat(), (today + timedelta(days=self.due_soon_days)).isoformat(),
                (today - timedelta(days=self.stale_days)).isoformat())

    def sql(self, today: date) -> tuple[str, tuple[str, str, str]]:
        """The same rule as an SQL expression over the columns status, due and updated, with its parameters
        (for counting a large report inside the store; a test checks it rates exactly as ``rater`` does). Dates
        are cast to text before comparing with '': on PostgreSQL they are dates."""
        return ("CASE WHEN status = 'completed' THEN 'green' "
                "WHEN COALESCE(CAST(due AS TEXT), '') != '' AND due < ? THEN 'red' "
                "WHEN COALESCE(CAST(due AS TEXT), '') != '' AND due <= ? THEN 'amber' "
                "WHEN status = 'not-recorded' THEN NULL "
                "WHEN COALESCE(CAST(updated AS TEXT), '') != '' AND updated <= ? THEN 'amber' ELSE 'green' END",
                self.thresholds(today))

    def rater(self, today: date) -> Callable[[str, str | None, str | None], Rag | None]:
        """The rule for one day, as a function of (status, due, updated) as stored (ISO dates compare as text);
        None for an action whose status is not recorded and whose date says nothing yet."""
        now, soon, stale = self.thresholds(today)

        def rate(status: str, due: str | None, updated: str | None) -> Rag | None:
            if status == "completed":
                return Rag.GREEN
            if due:
                if due < now:
                    return Rag.RED
                if due <= soon:
                    return Rag.AMBER
            if status == "not-recorded":
                return None
            if updated and updated <= stale:
                return Rag.AMBER
            return Rag.GREEN

        return rate

    def overdue(self, action: Action, today: date) -> bool:
        return action.status is not Status.COMPLETED and action.due is not None and action.due < today.isoformat()
