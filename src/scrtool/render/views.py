"""Rich renderables for the terminal. Every piece of report text goes in as ``Text``, never as markup."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Action, HistoryEntry, Progress, Status, short_label
from ..questions.overview import AgencyCount, ReportInfo, Summary
from ..questions.tracing import Shown, Trace
from ..rag import Rating
from . import plain, safe
from .fit import Fitted

if TYPE_CHECKING:
    from ..questions.search import Hit

STATUS_STYLE = {
    Status.COMPLETED: "green",
    Status.IN_PROGRESS: "yellow",
    Status.NOT_STARTED: "red",
    Status.OVERDUE: "bold red",
    Status.NOT_ACCEPTED: "magenta",
    Status.UNSPECIFIED: "bold red",
    Status.NOT_RECORDED: "dim",
}
BAR_WIDTH = plain.BAR_WIDTH


def literal(text: str, style: str = "") -> Text:
    """Report text as a literal rich Text: never parsed as markup, control characters made visible."""
    return Text(safe.terminal(text), style=style)


def lines(item: object) -> Iterator[str]:
    """Any view as plain lines (for a pipe or a file): its text lines, and each table as a header line and one
    line a row."""
    if isinstance(item, Group):
        for part in item.renderables:
            yield from lines(part)
    elif isinstance(item, Table):
        if item.title:
            yield plain.cell(str(item.title))
        columns = item.columns
        if item.show_header:
            yield plain.row(_text(c.header) for c in columns)
        for cells in zip(*(c.cells for c in columns), strict=True):
            yield plain.row(_text(c) for c in cells)
    else:
        yield plain.cell(_text(item))


def _text(item: object) -> str:
    return item.plain if isinstance(item, Text) else str(item)


def status(action: Action) -> Text:
    return literal(action.status.value, STATUS_STYLE[action.status])


def bar(progress: Progress) -> Text:
    """``plain.bar``, coloured."""
    filled = plain.bar_filled(progress)
    out = Text("█" * filled, style="green")
    out.append("░" * (BAR_WIDTH - filled), style="dim")
    out.append(f" {progress.percent:>3}%")
    return out


def kept(table: Table, *names: str) -> None:
    """Columns of ids, numbers, dates and single words: never wrapped nor cut (the long text beside them wraps)."""
    for name in names:
        table.add_column(name, no_wrap=True)


def wrapped(table: Table, *names: str) -> None:
    """Columns of text: wrapped at spaces (a word longer than the column folds) to fit the width, never cut."""
    for name in names:
        table.add_column(name, overflow="fold")


def actions_table(actions: Sequence[Action], rags: Sequence[str | None] | None = None) -> Table:
    """Actions, one a row; with ``rags`` (one rating an action) a RAG and a Due column. The report id, number,
    status, RAG and date are kept whole; the agency, action and outcome wrap to fit the width."""
    table = Fitted(expand=True, show_lines=False)
    if many_reports := len({a.report for a in actions}) > 1:
        kept(table, "Report")
    wrapped(table, "Agency")
    kept(table, "No.", "Status", *(["RAG", "Due"] if rags is not None else []))
    wrapped(table, "Action", "Outcome")
    for i, a in enumerate(actions):
        cells = [literal(a.agency), literal(a.number or "-"), status(a)]
        if rags is not None:
            cells += [rag_cell(rags[i]), literal(a.due or "-")]
        cells += [literal(a.text.replace("\n", " ")), literal(a.outcome.replace("\n", " "))]
        table.add_row(*([literal(a.report)] if many_reports else []), *cells)
    return table


def trace_view(tr: Trace) -> Group:
    """The trace of a recommendation, each agency named once (``plain.trace`` names it on every line)."""
    rec = tr.recommendation
    head = literal(rec.ref.label(), "bold")
    head.append_text(literal(f"  ({rec.report}, {safe.file_name(rec.source.file)} {rec.source.where()})", "dim"))
    table = Fitted(expand=True, title=None)
    wrapped(table, "Agency")
    kept(table, "No.", "Status")
    wrapped(table, "Action")
    for tl in tr.links:
        first = True
        for a in tl.actions:
            table.add_row(
                literal(tl.link.agency) if first else Text(""), literal(a.number or "-"), status(a), literal(a.text)
            )
            first = False
        for number in tl.missing:
            table.add_row(
                literal(tl.link.agency) if first else Text(""),
                literal(number),
                Text("missing", "bold magenta"),
                Text("not in the agency's action table", "italic"),
            )
            first = False
        for number in tl.hidden:
            table.add_row(
                literal(tl.link.agency) if first else Text(""),
                literal(number),
                Text(plain.HIDDEN[0], "dim"),
                Text(plain.HIDDEN[1], "italic"),
            )
            first = False
        if tl.link.note is not None or not tl.link.refs:
            table.add_row(
                literal(tl.link.agency) if first else Text(""),
                Text("-"),
                Text("note", "cyan"),
                literal(tl.link.note or "(no actions cited)"),
            )
    parts: list[RenderableType] = [head, literal(rec.text)]
    if tr.made_before:
        parts.append(literal(tr.made_before, "yellow"))
    parts.append(table)
    if tr.responses:
        responses = Fitted(expand=True, title="Unnumbered responses", title_justify="left")
        wrapped(responses, "Agency")
        kept(responses, "Status")
        wrapped(responses, "Response")
        for a in tr.responses:
            responses.add_row(literal(a.agency), status(a), literal(a.text))
        parts.append(responses)
    p = tr.progress
    line = Text("Progress: ", style="bold")
    line.append(plain.progress_words(p, tr.own))
    if p.total:
        line.append("  ")
        line.append_text(bar(p))
    parts.append(line)
    return Group(*parts)


def show_view(shown: Shown) -> Table:
    a = shown.action
    table = Table(show_header=False, expand=True, box=None, pad_edge=False)
    table.add_column("Field", style="bold", no_wrap=True)
    table.add_column("Value", ratio=1, overflow="fold")
    rows: list[tuple[str, Text]] = [
        ("Report", literal(a.report)),
        ("Agency", literal(a.agency)),
        ("Lead", literal(a.lead)),
        ("Number", literal(a.number or "-")),
        (
            "Status",
            status(a)
            + literal(
                f" (as written: {a.status_text!r})"
                if a.status_text
                else " (the plan states none)"
                if a.status is Status.NOT_RECORDED
                else " (blank in plan)"
            ),
        ),
        ("Action", literal(a.text)),
        ("Outcome", literal(a.outcome or "-")),
        ("Target", literal(a.target or "none")),
    ]
    if a.due != a.target:
        rows.append(("Revised due", literal(a.due or "none")))
    if shown.rating is not None:
        rows.append(("RAG", rag_line(a, shown.rating)))
    rows.append(
        (
            "Last update",
            literal((a.updated or "-") + (f" ({entry_when(shown.latest)})" if shown.latest is not None else "")),
        )
    )
    rows += [("Source", literal(f"{safe.file_name(a.source.file)} {a.source.where()}"))]
    if a.parent:
        rows.append(("Part of", literal(f"action {a.parent}")))
    rows += [(safe.terminal(k), literal(v)) for k, v in a.extra]
    for rec in shown.cited_by:
        rows.append(("Cited by", literal(f"{rec.ref.label()}: {rec.text}")))
    for ref in a.responds_to:
        rows.append(("Answers", literal(ref.label())))
    if not shown.cited_by and not a.responds_to:
        rows.append(("Cited by", Text("no recommendation cites this action", "dim")))
    for key, value in rows:
        table.add_row(key, value)
    return table


AGENCY_BUDGET = 16
"""Columns the agency name keeps (it wraps) when a summary's status columns are laid out to fit."""


def _status_chunks(s: Summary, shown: Sequence[Status], width: int) -> list[list[Status]]:
    """The status columns split into groups each table of which fits ``width``: a column is as wide as its
    header or its widest number, plus 3 for its border and padding (rich squeezes the name, not a header, when a
    table is too wide: a name keeps AGENCY_BUDGET columns)."""

    def cost(heading: str, key: Status | None) -> int:
        numbers = [c.total if key is None else c.shown_count(key) for c in s.agencies]
        return max([len(heading), *(len(str(n)) for n in numbers)]) + 3

    room = width - AGENCY_BUDGET - 4 - cost("Actions", None)
    chunks: list[list[Status]] = [[]]
    used = 0
    for st in shown:
        need = cost(st.value.replace("-", " "), st)
        if chunks[-1] and used + need > room:
            chunks.append([])
            used = 0
        chunks[-1].append(st)
        used += need
    return chunks


def summary_view(s: Summary, width: int = 100) -> Group:
    """Three tables that fit ``width`` (80 columns included): names and recommendation text wrap, header words
    stack, and the status columns go on in a second table when they cannot all fit, so a number or percentage is
    never cut (the completion bar sits in the RAG table, which has room for it)."""
    head = literal(s.report.id, "bold")
    head.append_text(literal(f"  {s.report.title}", "dim"))
    shown = s.statuses()
    tables = []
    for n, chunk in enumerate(_status_chunks(s, shown, width)):
        agencies = Table(expand=True, title="Actions by agency" + (" (continued)" if n else ""), title_justify="left")
        agencies.add_column("Agency", overflow="fold", ratio=1, min_width=AGENCY_BUDGET)
        agencies.add_column("Actions", justify="right")
        for st in chunk:
            agencies.add_column(st.value.replace("-", " ").capitalize(), justify="right")
        for count in s.agencies:
            agencies.add_row(
                literal(count.agency),
                Text(str(count.total), justify="right"),
                *(Text(str(count.shown_count(st)), justify="right") for st in chunk),
            )
        tables.append(agencies)
    rag = Table(expand=True, title="Completed and RAG by agency (see README)", title_justify="left")
    rag.add_column("Agency", overflow="fold", ratio=1, min_width=8)
    rag.add_column("Completed", no_wrap=True, min_width=BAR_WIDTH + 5)
    ratings = [r.value for r in s.ratings()]
    for rating in ratings:
        rag.add_column(Text(rating.capitalize(), style=RAG_STYLE[rating]), justify="right", no_wrap=True)
    for count in s.agencies:
        done = Text("not recorded", "dim") if count.progress.not_recorded == count.total else bar(count.progress)
        rags = {r.value: n for r, n in s.rag.get(count.agency, {}).items()}
        rag.add_row(
            literal(count.agency), done, *(Text(str(rags.get(rating, 0)), justify="right") for rating in ratings)
        )
    recs = Table(expand=True, title="Recommendations: cited actions", title_justify="left")
    recs.add_column("Rec", no_wrap=True)
    recs.add_column("Recommendation", ratio=1, overflow="fold")
    recs.add_column("Cited", justify="right", no_wrap=True)
    recs.add_column("Done", justify="right", no_wrap=True)
    recs.add_column("Progress", no_wrap=True, min_width=BAR_WIDTH + 5)
    for rec in s.recommendations:
        progress = rec.progress
        label = short_label(rec.kind, rec.number)
        recs.add_row(
            literal(label),
            literal(rec.text.replace("\n", " ")),
            Text(str(progress.total), justify="right"),
            Text(str(progress.completed), justify="right"),
            bar(progress)
            if progress.total
            else Text(f"own status: {rec.own}" if rec.own else "no actions cited", "dim"),
        )
    responded = [f"{c.agency} {c.responded}" for c in s.agencies if c.responded]
    note = literal("Unnumbered responses, counted apart from the actions: " + ", ".join(responded), "dim")
    return Group(head, *tables, *([note] if responded else []), rag, recs)


def reports_table(infos: Sequence[ReportInfo]) -> Table:
    """A report a row: its id (kept whole: the user types it), title and file (wrapped), counts, import time."""
    table = Fitted(expand=True)
    kept(table, "Report")
    wrapped(table, "Title", "File")
    for name in ("Recs", "Actions", "Open"):
        table.add_column(name, justify="right", no_wrap=True)
    kept(table, "Imported")
    for info in infos:
        r = info.report
        table.add_row(
            literal(r.id),
            literal(r.title),
            literal(safe.file_name(r.source_file)),
            str(info.recommendations),
            str(info.actions),
            str(info.open),
            literal(r.imported_at[:10]),
        )
    return table


def agencies_table(rows: Sequence[tuple[str, AgencyCount]]) -> Table:
    table = Fitted(expand=True)
    with_report = any(report for report, _ in rows)
    if with_report:
        kept(table, "Report")
    wrapped(table, "Agency")
    table.add_column("Actions", justify="right", no_wrap=True)
    table.add_column("Completed", justify="right", no_wrap=True)
    table.add_column("Open", justify="right", no_wrap=True)
    unrecorded = any(count.counts.get(Status.NOT_RECORDED) for _, count in rows)
    if unrecorded:
        table.add_column("Not recorded", justify="right", no_wrap=True)
    responded = any(count.responded for _, count in rows)
    if responded:
        table.add_column("Responses", justify="right", no_wrap=True)
    for report, count in rows:
        done = count.counts.get(Status.COMPLETED, 0)
        missing = count.counts.get(Status.NOT_RECORDED, 0)
        table.add_row(
            *([literal(report)] if with_report else []),
            literal(count.agency),
            str(count.total),
            str(done),
            str(count.total - done - missing),
            *([str(missing)] if unrecorded else []),
            *([str(count.responded)] if responded else []),
        )
    return table


def plan_counts(counts: Sequence[AgencyCount]) -> Table:
    """Per agency: numbered actions, completed, open, responses (the import summary)."""
    return agencies_table([("", count) for count in counts])


RAG_STYLE = {"red": "bold red", "amber": "yellow", "green": "green", "blue": "bold blue"}


def rag_line(a: Action, rating: Rating) -> Text:
    """``amber (judgement: waiting for the audit; computed green)``; ``red (overdue; judged green)``."""
    line = rag_cell(rating.text)
    computed = rating.computed.value if rating.computed else "none"
    if a.rag and rating.shown is not None and rating.shown.value == a.rag:
        why = f"judgement: {a.rag_reason}" if a.rag_reason else "judgement in the plan"
        line.append_text(literal(f" ({why}; computed {computed})", "dim"))
    elif a.rag:
        line.append_text(literal(f" (overdue; judged {a.rag})", "dim"))
    elif rating.shown is not None:
        line.append_text(literal(" (computed)", "dim"))
    return line


def entry_when(e: HistoryEntry) -> str:
    """``h3 manual, happened 2026-01-10, recorded 2026-01-15 09:12 UTC``."""
    return f"{e.ident} {e.source}, happened {e.on}, recorded {recorded(e.recorded_at)}"


def recorded(stamp: str) -> str:
    """When an entry was recorded, to the minute: ``2026-01-15 09:12 UTC`` (a date alone as it is)."""
    return f"{stamp[:10]} {stamp[11:16]} UTC" if len(stamp) >= 16 and stamp[10] == "T" else stamp


def rag_cell(rating: str | None) -> Text:
    """A rating, coloured; ``-`` for none (an action whose status is not recorded)."""
    return Text(rating or "-", style=RAG_STYLE.get(rating or "", ""))


def search_table(hits: Sequence[Hit]) -> Table:
    table = Fitted(expand=True)
    kept(table, "Report", "What")
    wrapped(table, "Agency")
    kept(table, "No.", "Status")
    wrapped(table, "Text")
    for hit in hits:
        text = literal(hit.text)
        for start, end in hit.spans:
            text.stylize("bold reverse", start, end)
        status = literal(hit.status.value, STATUS_STYLE[hit.status]) if hit.status else Text("")
        table.add_row(
            literal(hit.report), literal(hit.kind), literal(hit.agency or ""), literal(hit.number or ""), status, text
        )
    return table
