"""The archive's views: the reports removed, and the history a removed report had (``scrtool archive``), as tables
(rich, imported only for them) or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING

from ..store.archive import ArchivedEntry, Removal

if TYPE_CHECKING:
    from rich.table import Table


def removals_table(removals: Sequence[Removal]) -> Table:
    from rich.table import Table

    from .views import literal

    table = Table(expand=True)
    table.add_column("Report", no_wrap=True)
    table.add_column("Title", ratio=2, overflow="fold")
    table.add_column("Removed", no_wrap=True)
    table.add_column("Actions", justify="right", no_wrap=True)
    table.add_column("Entries", justify="right", no_wrap=True)
    for r in removals:
        table.add_row(literal(r.report), literal(r.title), literal(r.removed_at), str(r.actions), str(r.entries))
    return table


def entries_table(entries: Sequence[ArchivedEntry]) -> Table:
    """Each archived entry: its action (agency and number), when, what changed (how it came: an import, an update
    by hand), and its note and evidence."""
    from rich.table import Table

    from .views import literal

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
        table.add_row(
            literal(f"{agency} {number or '-'}"),
            literal(str(e.entry.get("on_date") or "")),
            literal(f"{e.entry.get('source') or ''}: {change}" if change else str(e.entry.get("source") or "")),
            literal(str(e.entry.get("note") or "")),
            literal(str(e.entry.get("evidence") or "")),
        )
    return table


def removals_json(removals: Sequence[Removal]) -> str:
    """A list of objects, one a removal, with the keys of ``Removal``."""
    from .formats import dumps

    return dumps([asdict(r) for r in removals])


def entries_json(entries: Sequence[ArchivedEntry]) -> str:
    """A list of objects, one an archived entry: ``removal``, ``action_id``, ``agency``, ``number``, ``action``
    and ``entry`` (the history row's columns as stored)."""
    from .formats import dumps

    return dumps([asdict(e) for e in entries])
