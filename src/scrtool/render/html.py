"""The board report: one self-contained HTML page (inline CSS, no script, no fetch, no link) for a board meeting.

Report text is data here too: the Jinja2 environment escapes every value (autoescape is set explicitly:
``select_autoescape()`` would skip a ``.html.j2`` template), control characters and bidi overrides are shown as
the replacement character, and a URL in the text stays text. A Content-Security-Policy meta tag forbids scripts
and every fetch, should anything slip through.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Action, HistoryEntry, RecRef, Status
from ..rag import is_overdue
from . import safe
from .rows import change, changes, source_label
from .textual import line_breaks

if TYPE_CHECKING:
    from jinja2 import Environment

    from ..model import Progress
    from ..questions.board import Board, BoardRow, Change
    from ..questions.tracing import Trace

TEMPLATES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "templates")
TEMPLATE = "board.html.j2"
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
"""No script from anywhere, no fetch of any kind; only the page's own inline CSS (and data: images)."""


ARROW = "\u2192"
"""From one status to another, on the page."""


def show(text: str | None) -> str:
    """Report text as the page shows it: CR, vertical tab and form feed as line breaks, other control characters
    and bidi overrides made visible (escaping is the template's job)."""
    return safe.terminal(line_breaks(text or ""))


@dataclass(frozen=True, slots=True)
class Item:
    """One action as the page shows it."""

    agency: str
    number: str
    status: str
    rag: str
    due: str
    text: str
    outcome: str
    cited_by: str
    updated: str
    update: str
    """The last update: who, what changed, note and evidence."""
    overdue: bool
    done: bool


@dataclass(frozen=True, slots=True)
class Bar:
    completed: int
    total: int
    percent: int


@dataclass(frozen=True, slots=True)
class AgencyView:
    name: str
    total: int
    completed: int
    open: int
    overdue: int
    bar: Bar
    statuses: tuple[tuple[str, int], ...]
    red: int
    amber: int
    green: int


@dataclass(frozen=True, slots=True)
class LinkView:
    agency: str
    note: str
    items: tuple[Item, ...]
    missing: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class RecView:
    label: str
    key: str
    text: str
    bar: Bar
    links: tuple[LinkView, ...]
    responses: tuple[Item, ...]
    made_before: str = ""
    """``Made before in N reviews: ...`` (issue 17), or empty."""


@dataclass(frozen=True, slots=True)
class ChangeView:
    on: str
    action: str
    change: str
    due: str
    by: str
    note: str
    evidence: str
    """The evidence as given, or the file name of an evidence file."""
    source: str
    evidence_hash: str = ""
    """``sha256 …`` of an evidence file (shown as a tooltip), else empty."""


@dataclass(frozen=True, slots=True)
class Page:
    csp: str
    report: str
    title: str
    source_file: str
    today: str
    generated: str
    since: str | None
    actions: int
    completed: int
    open: int
    overdue: int
    agencies: tuple[AgencyView, ...]
    recommendations: tuple[RecView, ...]
    open_items: tuple[Item, ...]
    changes: tuple[ChangeView, ...]
    by_agency: tuple[tuple[str, tuple[Item, ...]], ...]
    charts: tuple[tuple[str, str], ...] = ()
    """(agency, inline SVG) of progress over time: the whole plan first (render/chart.py escapes its text)."""
    legend: str = ""
    include_imports: bool = False
    quarters: str = "financial"
    responses: int = 0
    """Unnumbered responses: counted apart from the numbered actions, as ``agencies`` counts them."""


def environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(board: Board, traces: Sequence[Trace], generated: str, quarters: str = "financial") -> str:
    """The page for ``board``; ``traces`` (one per recommendation, in order) give each its cited actions;
    ``quarters``: ``financial`` or ``calendar`` (config.py)."""
    return environment().get_template(TEMPLATE).render(page=page(board, traces, generated, quarters))


def _rec_label(ref: RecRef) -> str:
    return ref.short


def _bar(p: Progress) -> Bar:
    return Bar(p.completed, p.total, p.percent)


def _update(e: HistoryEntry | None) -> str:
    if e is None:
        return ""
    parts = [e.on]
    if e.by:
        parts.append(f"by {e.by}")
    if e.to_status:
        parts.append(change(e, ARROW))
    if e.note:
        parts.append(e.note)
    if e.evidence:
        parts.append(f"evidence: {evidence_shown(e.evidence)[0]}")
    return "; ".join(parts)


def page(board: Board, traces: Sequence[Trace], generated: str, quarters: str = "financial") -> Page:
    from ..names import fold

    today = board.today.isoformat()
    rows = {r.action.id: r for r in board.rows}

    def item(a: Action, row: BoardRow | None = None) -> Item:
        return _item(a, row or rows.get(a.id), today)

    s = board.summary
    items = [item(r.action, r) for r in board.rows]
    open_items = sorted((i for i in items if not i.done), key=lambda i: (not i.overdue, i.due if i.overdue else ""))
    changes = tuple(_change_view(c) for c in board.changes)
    groups: dict[str, list[Item]] = {}
    for i, r in zip(items, board.rows, strict=True):
        groups.setdefault(fold(r.action.agency), []).append(i)
    names = {fold(c.agency): show(c.agency) for c in s.agencies}
    by_agency = tuple((names.get(key, group[0].agency), tuple(group)) for key, group in groups.items())
    numbered = [i for i, r in zip(items, board.rows, strict=True) if r.action.number is not None]
    completed = sum(i.done for i in numbered)
    return Page(
        CSP,
        show(s.report.id),
        show(s.report.title),
        show(s.report.source_file),
        today,
        generated,
        board.since,
        len(numbered),
        completed,
        len(numbered) - completed,
        sum(i.overdue for i in numbered),
        _agency_views(board),
        _rec_views(board, traces, item),
        tuple(open_items),
        changes,
        by_agency,
        *progress_charts(board, quarters == "calendar"),
        quarters,
        responses=len(items) - len(numbered),
    )


def _item(a: Action, row: BoardRow | None, today: str) -> Item:
    """One action as the page shows it (its board row gives its RAG, citing recommendations and last update)."""
    rag = row.rag.value if row and row.rag else ""
    return Item(
        show(a.agency),
        a.number or "\u2013",
        a.status.value,
        rag,
        a.due or "",
        show(a.text),
        show(a.outcome),
        ", ".join(_rec_label(r) for r in row.cited_by) if row else "",
        a.updated or "",
        show(_update(row.last_update if row else None)),
        is_overdue(a.status.value, a.due, today),
        a.status.is_done,
    )


def _agency_views(board: Board) -> tuple[AgencyView, ...]:
    """Each agency's headline: its numbered actions, done, open, overdue, progress bar, statuses and RAG counts."""
    from ..names import fold

    today = board.today.isoformat()
    s = board.summary
    agencies = []
    for count in s.agencies:
        key = fold(count.agency)
        mine = [r.action for r in board.rows if fold(r.action.agency) == key and r.action.number is not None]
        rags = {rating.value: n for rating, n in s.rag.get(count.agency, {}).items()}
        statuses = tuple((st.value, count.counts[st]) for st in Status if count.counts.get(st))
        done = count.progress.completed
        agencies.append(
            AgencyView(
                show(count.agency),
                count.total,
                done,
                count.total - done,
                sum(is_overdue(a.status.value, a.due, today) for a in mine),
                _bar(count.progress),
                statuses,
                rags.get("red", 0),
                rags.get("amber", 0),
                rags.get("green", 0),
            )
        )
    return tuple(agencies)


def _rec_views(board: Board, traces: Sequence[Trace], item: Callable[[Action], Item]) -> tuple[RecView, ...]:
    """Each recommendation with its progress and the actions that implement it, as traced."""
    traced = {(t.recommendation.kind, t.recommendation.number): t for t in traces}
    recs = []
    for rec in board.summary.recommendations:
        t = traced.get((rec.kind, rec.number))
        links = (
            tuple(
                LinkView(show(tl.link.agency), show(tl.link.note), tuple(item(a) for a in tl.actions), tl.missing)
                for tl in t.links
            )
            if t
            else ()
        )
        responses = tuple(item(a) for a in t.responses) if t else ()
        recs.append(
            RecView(
                rec.ref.label(),
                _rec_label(rec.ref),
                show(rec.text),
                _bar(rec.progress),
                links,
                responses,
                show(t.made_before) if t else "",
            )
        )
    return tuple(recs)


_EVIDENCE_FILE = re.compile(r"file (?P<path>.+) \(sha256 (?P<hash>[0-9a-f]{64})\)", re.DOTALL)
"""How ``update --evidence PATH`` stores a file: its absolute path and its SHA-256 (questions/monitor.py)."""


def evidence_shown(evidence: str) -> tuple[str, str]:
    """(what the page shows, its tooltip): an evidence file as its name and ``sha256 <hash>``; other evidence as
    it was given, with no tooltip."""
    found = _EVIDENCE_FILE.fullmatch(evidence)
    if found is None:
        return evidence, ""
    return os.path.basename(found["path"]), f"sha256 {found['hash']}"


def _change_view(c: Change) -> ChangeView:
    e = c.entry
    evidence, digest = evidence_shown(e.evidence or "")
    return ChangeView(
        e.on,
        show(c.action.label),
        show(changes(e, ARROW, due=False)),
        show(e.due or "") + (f" ({show(e.reason)})" if e.reason else ""),
        show(e.by),
        show(e.note),
        show(evidence),
        source_label(e),
        digest,
    )


def progress_charts(board: Board, calendar: bool = False) -> tuple[tuple[tuple[str, str], ...], str, bool]:
    """The page's progress over time: a chart for the whole plan and one an agency, with their key."""
    from ..questions.progress import progress
    from . import chart
    from .rows import by_agency

    actions = [r.action for r in board.rows]
    series = progress(
        actions,
        board.history,
        board.today,
        [(name, [r.action for r in rows]) for name, rows in by_agency(board)],
        calendar,
    )
    return tuple(chart.charts(series)), chart.legend() if series else "", board.include_imports
