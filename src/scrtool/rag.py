"""RAG ratings and what "overdue" means: the one home of both rules (../shared/DECISIONS.md, "Status and RAG").

An action is **overdue** when its status says so (``overdue``), or its due date has passed and it is not completed.

The **computed** rating (``rag_computed`` in JSON), a check beside any judgement:

- green: completed;
- red: overdue;
- amber: not completed, and due within ``due_soon_days`` (default 30) days, or ``not-started`` with no due date
  (nothing says when it will start), or its last update (its import or a manual update) is ``stale_days``
  (default 90) or more days old;
- green otherwise (not completed, on time and recently updated).

An action whose status the plan does not record (``not-recorded``) is rated by its due date alone: red once it has
passed, amber when it falls due within ``due_soon_days``, and no rating at all otherwise (None): green would say it
is on track and amber that it has gone stale, which nothing in the plan says.

The **shown** rating (``rag``) is the latest judgement (a plan's RAG column or fill, ``update --rag``) when there is
one, else the computed rating; an overdue action is red whatever the judgement.

The thresholds are config (``[rag]`` in the config file).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import NamedTuple

from .model import Action


class Rag(StrEnum):
    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    BLUE = "blue"
    """Complete: only ever a judgement (the plan's, or ``update --rag blue``); the rule says green."""


class Rating(NamedTuple):
    """An action's RAG as shown, and the rule's beside it as a check (JSON ``rag`` and ``rag_computed``)."""

    shown: Rag | None
    computed: Rag | None

    @property
    def text(self) -> str | None:
        return self.shown.value if self.shown else None


def is_overdue(status: str, due: str | None, today: str) -> bool:
    """Overdue (``today`` and ``due`` as ISO dates): marked overdue, or past its due date and not completed."""
    return status == "overdue" or (status != "completed" and bool(due) and str(due) < today)


def overdue_sql(alias: str = "") -> str:
    """``is_overdue`` as an SQL condition over the columns status and due (``alias.``), with one parameter: today."""
    return (
        f"({alias}status = 'overdue' OR ({alias}status != 'completed' "
        f"AND COALESCE(CAST({alias}due AS TEXT), '') != '' AND {alias}due < ?))"
    )


def shown(judgement: str | None, computed: Rag | None, overdue: bool) -> Rag | None:
    """The rating shown: red when overdue, else the judgement, else the computed rating."""
    if overdue:
        return Rag.RED
    if judgement:
        return Rag(judgement)
    return computed


@dataclass(frozen=True, slots=True)
class RagRule:
    due_soon_days: int = 30
    """Not completed and due within this many days (0 = due today) is amber."""
    stale_days: int = 90
    """Not completed and not updated for this many days or more is amber."""

    def rate(self, action: Action, today: date) -> Rag | None:
        """The computed rating (the rule's, without any judgement)."""
        return self.rater(today)(action.status.value, action.due, action.updated)

    def rating(self, action: Action, today: date) -> Rating:
        return self.ratings(today)(action)

    def ratings(self, today: date) -> Callable[[Action], Rating]:
        """``rating`` for one day, as a function of an action."""
        rate, now = self.rater(today), today.isoformat()

        def rating(a: Action) -> Rating:
            computed = rate(a.status.value, a.due, a.updated)
            return Rating(shown(a.rag, computed, is_overdue(a.status.value, a.due, now)), computed)

        return rating

    def thresholds(self, today: date) -> tuple[str, str, str]:
        """(today, the last day due counts as soon, the last update day that counts as stale), as ISO text."""
        return (
            today.isoformat(),
            (today + timedelta(days=self.due_soon_days)).isoformat(),
            (today - timedelta(days=self.stale_days)).isoformat(),
        )

    def sql(self, today: date) -> tuple[str, tuple[str, ...]]:
        """The shown rating as an SQL expression over the columns status, due, updated and rag (the judgement), with
        its parameters (for counting a large report inside the store; a test checks it rates exactly as ``ratings``)."""
        computed, params = self.computed_sql(today)
        return (
            f"CASE WHEN {overdue_sql()} THEN 'red' WHEN rag IS NOT NULL THEN rag ELSE {computed} END",
            (params[0], *params),
        )

    def computed_sql(self, today: date) -> tuple[str, tuple[str, ...]]:
        """The computed rating (``rater``) as an SQL expression over status, due and updated. Dates are cast to text
        before comparing with '': on PostgreSQL they are dates."""
        now, soon, stale = self.thresholds(today)
        return (
            "CASE WHEN status = 'completed' THEN 'green' "
            f"WHEN {overdue_sql()} THEN 'red' "
            "WHEN COALESCE(CAST(due AS TEXT), '') != '' AND due <= ? THEN 'amber' "
            "WHEN status = 'not-recorded' THEN NULL "
            "WHEN status = 'not-started' AND COALESCE(CAST(due AS TEXT), '') = '' THEN 'amber' "
            "WHEN COALESCE(CAST(updated AS TEXT), '') != '' AND updated <= ? THEN 'amber' ELSE 'green' END",
            (now, soon, stale),
        )

    def rater(self, today: date) -> Callable[[str, str | None, str | None], Rag | None]:
        """The computed rule for one day, as a function of (status, due, updated) as stored (ISO dates compare as
        text); None for an action whose status is not recorded and whose date says nothing yet."""
        now, soon, stale = self.thresholds(today)

        def rate(status: str, due: str | None, updated: str | None) -> Rag | None:
            if status == "completed":
                return Rag.GREEN
            if is_overdue(status, due, now):
                return Rag.RED
            if due and due <= soon:
                return Rag.AMBER
            if status == "not-recorded":
                return None
            if status == "not-started" and not due:
                return Rag.AMBER
            if updated and updated <= stale:
                return Rag.AMBER
            return Rag.GREEN

        return rate
