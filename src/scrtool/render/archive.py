"""The archive's views: the reports removed, and the history a removed report had (``scrtool archive``)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.table import Table

from ..store.archive import ArchivedEntry, Removal
from .views import t


def removals_table(removals: Sequence[Removal]) -> Table:
    table = Table(expand=True)
    table.add_column("Report", no_wrap=True)
    table.add_column("Title", ratio=2, overflow="fold")
    table.add_column("Removed", no_wrap=True)
    table.add_column("Actions", justify="right", no_wrap=True)
    table.add_column("Entries", justify="right", no_wrap=True)
    for r in removals:
        table.add_row(t(r.report), t(r.title), t(r.removed_at), str(r.actions), str(r.entries))
    return table


def entries_table(entries: Sequence[ArchivedEntry]) -> Table:
    """Each archived entry: its action (agency and number), when, what changed (how it came: an import, an update
    by hand), and its note and evidence."""
    table = Table(expand=True)
    table.add_column("Action", ratio=2, overflow="fold")
    table.add_column("Date", no_wrap=True)
    for name, ratio in (("Change", 2), ("Note", 3), ("Evidence", 2)):
        table.add_column(name, ratio=ratio, overflow="fold")
    for e in entries:
        agency, number = e.agency, e.number
        if agency is None:  # an action the report's last version had left out: named by its id
            agency, _, number = e.action_id.partition("/")[2].rpartition("/")
        change = " -> ".join(str(e.entry[k]) for k in ("from_status", "to_status") if e.entry.get(k))
        table.add_row(t(f"{agency} {number or '-'}"), t(str(e.entry.get("on_date") or "")),
                      t(f"{e.entry.get('source') or ''}: {change}" if change else str(e.entry.get("source") or "")),
                      t(str(e.entry.get("note") or "")), t(str(e.entry.get("evidence") or "")))
    return table
