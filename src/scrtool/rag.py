"""RAG ratings, computed by one rule and never typed by hand.

- green: completed;
- red: overdue (its due date has passed and it is not completed);
- amber: not completed, and due within ``due_soon_days`` (default 30) days, or its last update (its import or a
  manual update) is ``stale_days`` (default 90) or more days old;
- green otherwise (not completed, on time and recently updated).

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

    def rate(self, action: Action, today: date) -> Rag:
        return self.rater(today)(action.status.value, action.due, action.updated)

    def rater(self, today: date) -> Callable[[str, str | None, str | None], Rag]:
        """The rule for one day, as a function of (status, due, updated) as stored (ISO dates compare as text)."""
        now = today.isoformat()
        soon = (today + timedelta(days=self.due_soon_days)).isoformat()
        stale = (today - timedelta(days=self.stale_days)).isoformat()

        def rate(status: str, due: str | None, updated: str | None) -> Rag:
            if status == "completed":
                return Rag.GREEN
            if due:
                if due < now:
                    return Rag.RED
                if due <= soon:
                    return Rag.AMBER
            if updated and updated <= stale:
                return Rag.AMBER
            return Rag.GREEN

        return rate

    def overdue(self, action: Action, today: date) -> bool:
        return action.status is not Status.COMPLETED and action.due is not None and action.due < today.isoformat()
