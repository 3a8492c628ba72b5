"""An action's history as the terminal shows it: each entry, its dates, source, change and notes."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group

from ..model import Action, HistoryEntry
from .fit import Fitted
from .rows import changes, source_label
from .views import kept, literal, wrapped


def history_view(action: Action, entries: Sequence[HistoryEntry]) -> Group:
    head = literal(action.label, "bold")
    head.append_text(literal(f"  ({action.report}) ", "dim"))
    head.append_text(literal(action.text))
    dates = literal(f"Original target: {action.target or 'none'}   Current due: {action.due or 'none'}")
    table = Fitted(expand=True)
    kept(table, "Id", "Date", "Recorded", "Source")
    wrapped(table, "By", "Change", "Note")
    for e in entries:
        notes = [
            f"withdrawn by {e.retracted_by}" if e.retracted_by else "",
            f"withdraws {e.retracts}: {e.reason}" if e.retracts else (e.note or ""),
            f"evidence: {e.evidence}" if e.evidence else "",
            f"applied with --force over {e.forced}" if e.forced else "",
        ]
        table.add_row(
            literal(e.ident),
            literal(e.on),
            literal(e.recorded_at[:10]),
            literal(source_label(e)),
            literal(e.by or ""),
            literal(changes(e) or "-"),
            literal("; ".join(note for note in notes if note)),
        )
    return Group(head, dates, table)
