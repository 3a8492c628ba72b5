"""Views of ``similar``, ``repeats`` and ``judgements``: rich tables and the JSON contract (issue 17)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ..similar.judgements import Judgement
from ..similar.queries import Entry, Match, Repeat
from . import plain, safe
from .formats import dumps

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table


def ended(entry: Entry) -> str:
    """How its plan ended: ``2 of 3 actions completed``, or ``no actions recorded``."""
    p = entry.progress
    return f"{p.completed} of {p.total} actions completed" if p.total else "no actions recorded"


def _number(entry: Entry) -> str:
    return entry.point.label().rsplit(":", 1)[1]


def _entry(entry: Entry) -> dict[str, Any]:
    p = entry.progress
    return {
        "report": entry.point.report,
        "number": _number(entry),
        "text": entry.text,
        "year": entry.year,
        "kind": entry.review,
        "actions": {"completed": p.completed, "total": p.total} if p.total else None,
    }


def similar_json(matches: Sequence[Match]) -> str:
    return dumps(
        [
            {**_entry(m.entry), "score": round(m.score, 3), "judgement": m.judged.value if m.judged else None}
            for m in matches
        ]
    )


_SIMILAR = ("Report", "Year", "Kind", "No.", "Score", "Ended", "Recommendation")


def _similar_rows(matches: Sequence[Match]) -> Iterator[tuple[str, ...]]:
    for m in matches:
        e = m.entry
        score = "same (judged)" if m.judged else f"{m.score:.2f}"
        yield e.point.report, str(e.year or "-"), e.review or "-", _number(e), score, ended(e), e.text


def similar_table(matches: Sequence[Match]) -> Table:
    from rich.table import Table

    from .views import literal

    table = Table(expand=True)
    for name in _SIMILAR[:5]:
        table.add_column(name, no_wrap=True)
    table.add_column("Ended", ratio=1, overflow="fold")
    table.add_column("Recommendation", ratio=3, overflow="fold")
    for cells in _similar_rows(matches):
        table.add_row(*(literal(c) for c in cells))
    return table


def similar_lines(matches: Sequence[Match]) -> Iterator[str]:
    """``similar_table`` as plain lines (a header, then a row a match, cells joined by tabs), without rich: what
    ``views.lines`` makes of the table, for a pipe."""
    yield plain.row(_SIMILAR)
    for cells in _similar_rows(matches):
        yield plain.row(safe.terminal(c) for c in cells)


def headline(group: Repeat) -> str:
    """``Made in 3 reviews since 2013; 1 of those plans completed their actions (score 0.61)``."""
    years = [m.year for m in group.members if m.year is not None]
    since = f" since {min(years)}" if years else ""
    done = len({m.point.report for m in group.members if m.progress.total and m.progress.completed == m.progress.total})
    return (
        f"Made in {len(group.reports)} reviews{since}; {done} of those plans completed their actions "
        f"(score {group.score:.2f})"
    )


def repeats_json(groups: Sequence[Repeat]) -> str:
    return dumps(
        [
            {
                "members": [_entry(m) for m in g.members],
                "score": round(g.score, 3),
                "reviews": len(g.reports),
                "headline": headline(g),
            }
            for g in groups
        ]
    )


def repeats_view(groups: Sequence[Repeat]) -> RenderableType:
    from rich.console import Group
    from rich.table import Table

    from .views import literal

    parts: list[RenderableType] = []
    for n, group in enumerate(groups, 1):
        parts.append(literal(f"{n}. {headline(group)}"))
        table = Table(expand=True)
        for name in ("Report", "Year", "Kind", "No."):
            table.add_column(name, no_wrap=True)
        table.add_column("Ended", ratio=1, overflow="fold")
        table.add_column("Recommendation", ratio=3, overflow="fold")
        for e in group.members:
            table.add_row(
                literal(e.point.report),
                literal(str(e.year or "-")),
                literal(e.review or "-"),
                literal(_number(e)),
                literal(ended(e)),
                literal(e.text),
            )
        parts.append(table)
    return Group(*parts)


def judgements_json(judgements: Sequence[Judgement]) -> str:
    return dumps(
        [
            {"a": j.a.label(), "b": j.b.label(), "verdict": j.verdict.value, "by": j.by, "recorded_at": j.recorded_at}
            for j in judgements
        ]
    )


def judgements_table(judgements: Sequence[Judgement]) -> Table:
    from rich.table import Table

    from .views import literal

    table = Table(expand=True)
    for name in ("Recorded", "By", "Verdict"):
        table.add_column(name, no_wrap=True)
    table.add_column("Recommendations", ratio=1, overflow="fold")
    for j in judgements:
        table.add_row(
            literal(j.recorded_at),
            literal(j.by or "-"),
            literal(j.verdict.value),
            literal(f"{j.a.label()}  {j.b.label()}"),
        )
    return table
