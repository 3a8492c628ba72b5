"""Everything a board output shows about one report, gathered once: every action (closed ones too) with its RAG,
dates, the recommendations citing it and its last update; the summary; and the changes since a date."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..model import Action, HistoryEntry, Recommendation, RecRef
from ..rag import Rag, RagRule, Rating, is_overdue
from ..store import history, read
from ..store.engine import Connection
from .overview import Summary, summary
from .query import cited_by


@dataclass(frozen=True, slots=True)
class BoardRow:
    action: Action
    rating: Rating
    """Its RAG as shown (the judgement, or the rule's; red when overdue) and the rule's."""
    cited_by: tuple[RecRef, ...]
    """Recommendations whose agency rows cite this action (or that it answers, for an unnumbered response)."""
    last_update: HistoryEntry | None
    """Its latest history entry (an import or an update by hand)."""
    overdue: bool = False
    """Marked overdue, or past its due date and not completed (rag.is_overdue)."""
    plan_status: str = ""
    """The status as the plan writes it (its latest imported version), whatever was typed by hand since."""

    @property
    def rag(self) -> Rag | None:
        """The RAG shown; None: no rating (its status is not recorded and its date says nothing yet)."""
        return self.rating.shown


@dataclass(frozen=True, slots=True)
class Change:
    """One history entry since the date asked for, with the action it belongs to."""

    action: Action
    entry: HistoryEntry


@dataclass(frozen=True, slots=True)
class Board:
    summary: Summary
    recommendations: tuple[Recommendation, ...]
    rows: tuple[BoardRow, ...]
    """Every action of the report in plan order, completed ones included."""
    changes: tuple[Change, ...]
    """History entries on or after ``since`` (empty when no date was given)."""
    today: date
    since: str | None
    history: tuple[HistoryEntry, ...] = ()
    """Every history entry of the report's actions, imports included, in plan order (store/history.py)."""
    include_imports: bool = False
    """Whether ``changes`` holds import entries too."""


def board(
    conn: Connection, report: str, rule: RagRule, today: date, since: str | None = None, include_imports: bool = False
) -> Board:
    """Everything the board outputs show of ``report``; the changes since ``since`` leave out import entries (the
    plan's own content, read again) unless ``include_imports``."""
    actions = read.actions(conn, report)
    cited = cited_by(conn)
    rate = rule.ratings(today)
    entries = tuple(history.of_report(conn, report))
    latest = {e.action_id: e for e in entries}  # each action's entries come in the order recorded: its last wins
    plan = plan_statuses(entries)
    rows = tuple(
        BoardRow(
            a,
            rate(a),
            cited(a),
            latest.get(a.id),
            is_overdue(a.status.value, a.due, today.isoformat()),
            plan.get(a.id, a.status_text),
        )
        for a in actions
    )
    by_id = {a.id: a for a in actions}
    changes = tuple(
        Change(by_id[e.action_id], e)
        for e in (history.since(conn, report, since) if since else ())
        if e.action_id in by_id and (include_imports or e.source != "import")
    )
    return Board(
        summary(conn, report, rule, today),
        tuple(read.recommendations(conn, report)),
        rows,
        changes,
        today,
        since,
        entries,
        include_imports,
    )


def plan_statuses(entries: Iterable[HistoryEntry]) -> dict[str, str]:
    """action id -> the status text of the latest import entry that set its status (what the plan says)."""
    return {e.action_id: e.status_text or "" for e in entries if e.source == "import" and e.to_status is not None}
