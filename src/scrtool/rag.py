"""RAG ratings, computed by one rule and never typed by hand.

- green: completed;
- red: overdue (its due date has passed and it is not completed);
- amber: not completed, and due within ``due_soon_days`` (default 30) days, or its last update (its import or a
  manual update) is ``stale_days`` (default 90) or more days old;
- green otherwise (not completed, on time and recently updated).

The thresholds are config (``[rag]`` in the config file).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
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
        if action.status is Status.COMPLETED:
            return Rag.GREEN
        if action.due:
            days_left = (date.fromisoformat(action.due) - today).days
            if days_left < 0:
                return Rag.RED
            if days_left <= self.due_soon_days:
                return Rag.AMBER
        if action.updated and (today - date.fromisoformat(action.updated)).days >= self.stale_days:
            return Rag.AMBER
        return Rag.GREEN

    def overdue(self, action: Action, today: date) -> bool:
        return action.status is not Status.COMPLETED and action.due is not None and action.due < today.isoformat()
