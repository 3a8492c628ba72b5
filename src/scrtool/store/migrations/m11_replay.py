"""An action's current state from its history, for migration 11 (m11_judgements.py): store/replay.py's rule and
store/current.py's ``recompute``, as they were when migration 11 shipped, copied.

The entries that count are those not withdrawn, read in the order they took effect: each import starts a new stretch
of history; within a stretch, updates count in the order of the date each took effect (ties: the order they were
recorded). Status: the last set; due date: the last target set; original target: the first a file gave; last update:
the latest date; RAG judgement: the last one made, until a later entry completes the action without one.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from ..engine import Connection

_SET_STATE = (
    "UPDATE actions SET status = COALESCE(?, status), status_text = COALESCE(?, status_text), due = ?, "
    "target = ?, updated = ?, rag = ?, rag_reason = ? WHERE id = ?"
)


def recompute(tx: Connection, report: str) -> None:
    """Set each action's current status, due date, original target, last update and RAG judgement from its
    history."""
    rows = tx.execute(
        "SELECT action_id, id, on_date, source, to_status, status_text, due, rag, rag_reason, retracts "
        "FROM history WHERE report = ? ORDER BY action_id, id",
        (report,),
    )
    states = [(*_state(group), key) for key, group in groupby(rows, key=lambda row: row[0])]
    tx.executemany(_SET_STATE, states)


def _state(rows: Iterable[tuple[Any, ...]]) -> tuple[str | None, ...]:
    group = list(rows)
    if len(group) == 1 and group[0][3] == "import":  # its import alone (most actions): the state is that entry
        _, _, on, _, to_status, status_text, due, rag, rag_reason, _ = group[0]
        return to_status, status_text, due, due, on, rag, rag_reason
    s = replay([Row(*row[1:]) for row in group])
    return s.status, s.status_text, s.due, s.target, s.updated, s.rag, s.rag_reason


@dataclass(frozen=True, slots=True)
class Row:
    """One stored history row, as much of it as the state depends on."""

    id: int
    on: str
    source: str
    to_status: str | None
    status_text: str | None
    due: str | None
    rag: str | None
    rag_reason: str | None
    retracts: int | None


@dataclass(frozen=True, slots=True)
class State:
    status: str | None
    """None: no entry that counts sets one (the stored status stays)."""
    status_text: str | None
    due: str | None
    target: str | None
    updated: str | None
    rag: str | None
    rag_reason: str | None


def in_effect(rows: Iterable[Row]) -> list[Row]:
    """The rows that count (neither withdrawn nor a withdrawal), in the order they took effect."""
    ordered = sorted(rows, key=lambda r: r.id)
    withdrawn = {r.retracts for r in ordered if r.retracts is not None}
    keyed = []
    stretch = 0
    for r in ordered:
        if r.source == "import":
            stretch += 1
        if r.retracts is None and r.id not in withdrawn:
            keyed.append(((stretch, r.source != "import", r.on, r.id), r))
    return [r for _, r in sorted(keyed, key=lambda pair: pair[0])]


def replay(rows: Sequence[Row]) -> State:
    status = status_text = due = target = updated = rag = reason = None
    for r in in_effect(rows):
        if r.to_status is not None:
            status, status_text = r.to_status, r.status_text
        if r.due is not None:
            due = r.due
        if updated is None or r.on > updated:
            updated = r.on
        if r.rag is not None:
            rag, reason = r.rag, r.rag_reason
        elif r.to_status == "completed":
            rag = reason = None
    for r in sorted(rows, key=lambda r: r.id):
        if r.source == "import" and r.due is not None:
            target = r.due
            break
    return State(status, status_text, due, target, updated, rag, reason)
