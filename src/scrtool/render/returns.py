"""``returns status`` as a table (the chase list) or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from . import safe

if TYPE_CHECKING:
    from rich.table import Table

    from ..store.returns import AgencyStatus

HEADINGS = ("Agency", "Issued", "Returned", "Rows", "Answered", "Outstanding", "Conflicts")


def cells(row: AgencyStatus) -> tuple[str, ...]:
    return (
        row.agency,
        row.issued_on,
        row.returned_on or "-",
        str(row.rows),
        str(row.answered),
        str(row.outstanding),
        str(row.conflicts),
    )


def status_table(rows: Sequence[AgencyStatus]) -> Table:
    from rich import box
    from rich.table import Table

    from .views import literal

    # no vertical rules: at 80 columns the six kept columns leave an agency's name some 16 cells, not 6 (where
    # "Cherwell District Council" was cut to "Cherw…"); a name wraps at its words, never cut
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False, collapse_padding=True)
    for heading in HEADINGS:
        if heading == "Agency":
            table.add_column(heading, overflow="fold")
        else:
            table.add_column(heading, no_wrap=True, justify="right" if heading in HEADINGS[3:] else "left")
    for row in rows:
        table.add_row(*(literal(c) for c in cells(row)))
    return table


def status_json(rows: Sequence[AgencyStatus]) -> str:
    import json

    return safe.json_text(
        json.dumps(
            [
                {
                    "agency": r.agency,
                    "issued_on": r.issued_on,
                    "returned_on": r.returned_on,
                    "rows": r.rows,
                    "answered": r.answered,
                    "outstanding": r.outstanding,
                    "conflicts": r.conflicts,
                }
                for r in rows
            ],
            ensure_ascii=False,
            indent=2,
        )
    )
