"""An action's current state, read from its history (../shared/DECISIONS.md, "History"): the one home of that rule.

The entries that count are those not withdrawn (``update --retract``), read in the order they took effect: a
version of the plan states the plan as of its import, so each import starts a new stretch of history; within a
stretch, updates count in the order of the date each took effect (ties: the order they were recorded). So a
backdated update is placed where it belongs, and a later-dated one still wins.

- status: the last status set; its due date: the last target set; its original target: the first a file gave;
- last update: the latest date among the entries that count (a backdated one does not move it back);
- RAG judgement: the last one made (a plan's RAG cell or fill, ``update --rag``), until a later entry completes the
  action without one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


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
