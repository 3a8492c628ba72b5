"""An action's current values (status, due date, original target, last update, RAG judgement) set from its
history replayed in order (replay.py): the one place the actions table's state is derived."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any

from . import replay
from .engine import Connection

_SET_STATE = (
    "UPDATE actions SET status = COALESCE(?, status), status_text = COALESCE(?, status_text), due = ?, "
    "target = ?, updated = ?, rag = ?, rag_reason = ? WHERE id = ?"
)
"""An action's current state, as its history replayed gives it."""
STATE_COLUMNS = ("status", "status_text", "due", "target", "updated", "rag", "rag_reason")
"""The columns ``_SET_STATE`` sets: all an update changes of an action (what ``db grant`` lets a role update)."""


def recompute(tx: Connection, report: str, action_id: str | None = None) -> None:
    """Set each action's current status, due date, original target, last update and RAG judgement from its
    history (replay.py)."""
    where = " AND action_id = ?" if action_id else ""
    rows = tx.execute(
        "SELECT action_id, id, on_date, source, to_status, status_text, due, rag, rag_reason, retracts "
        f"FROM history WHERE report = ?{where} ORDER BY action_id, id",
        (report, action_id) if action_id else (report,),
    )
    states = [(*_state(group), key) for key, group in groupby(rows, key=lambda row: row[0])]
    tx.executemany(_SET_STATE, states)


def recompute_ids(tx: Connection, ids: Sequence[str]) -> None:
    """``recompute`` for some actions (by id alone: a report's condition lets the planner walk all its history)."""
    rows = tx.execute(
        "SELECT action_id, id, on_date, source, to_status, status_text, due, rag, rag_reason, retracts "
        f"FROM history WHERE action_id IN ({', '.join('?' * len(ids))}) ORDER BY action_id, id",
        tuple(ids),
    )
    states = [(*_state(group), key) for key, group in groupby(rows, key=lambda row: row[0])]
    tx.executemany(_SET_STATE, states)


def _state(rows: Iterable[tuple[Any, ...]]) -> tuple[str | None, ...]:
    group = list(rows)
    if len(group) == 1 and group[0][3] == "import":  # its import alone (most actions): the state is that entry
        _, _, on, _, to_status, status_text, due, rag, rag_reason, _ = group[0]
        return to_status, status_text, due, due, on, rag, rag_reason
    s = replay.replay([replay.Row(*row[1:]) for row in group])
    return s.status, s.status_text, s.due, s.target, s.updated, s.rag, s.rag_reason
