"""``summary`` in json and tsv, and the overview across reports (``summary`` with several reports and no
``--report``) in every format: json, tsv lines and a rich view. The one-report table view is views.summary_view."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Status
from ..questions.overview import Figures, Overview, Summary

if TYPE_CHECKING:
    from rich.console import Group


def _figures(f: Figures) -> dict[str, Any]:
    return {
        "actions": f.actions,
        "completed": f.completed,
        "open": f.open,
        "overdue": f.overdue,
        "responses": f.responses,
        "not_recorded": f.not_recorded,
        "percent_completed": f.percent,
    }


def summary_dict(s: Summary, agencies: Sequence[Figures]) -> dict[str, Any]:
    """One report: its agencies (figures, actions by status, RAG) and recommendations (cited, completed)."""
    return {
        "report": {"id": s.report.id, "title": s.report.title},
        "agencies": [
            {
                "agency": f.name,
                **_figures(f),
                "statuses": {st.value: count.counts[st] for st in Status if count.counts.get(st)},
                "rag": {r.value: n for r, n in s.rag.get(count.agency, {}).items()},
            }
            for f, count in zip(agencies, s.agencies, strict=True)
        ],
        "recommendations": [
            {
                "kind": rec.kind.value,
                "number": rec.number,
                "label": rec.ref.short,
                "text": rec.text,
                "cited": rec.cited,
                "completed": rec.completed,
                "percent_completed": rec.progress.percent if rec.cited else None,
                "own": rec.own,
            }
            for rec in s.recommendations
        ],
    }


def overview_dict(o: Overview) -> dict[str, Any]:
    """Every report (a line each) and every agency across them."""
    return {
        "reports": [{"report": rep.id, "title": rep.title, **_figures(f)} for rep, f in o.reports],
        "agencies": [{"agency": f.name, "reports": list(f.reports), **_figures(f)} for f in o.agencies],
    }


FIGURE_HEADINGS = ("actions", "completed", "open", "overdue", "responses", "not recorded", "percent completed")


def _cells(f: Figures) -> list[str]:
    return [str(n) for n in (f.actions, f.completed, f.open, f.overdue, f.responses, f.not_recorded)] + [
        "-" if f.not_recorded == f.actions else f"{f.percent}%"
    ]


def overview_lines(o: Overview) -> str:
    """Tab-separated: a line a report, then a line an agency (its reports joined by ``,``)."""
    from .plain import text

    return (
        text([["report", "title", *FIGURE_HEADINGS], *([rep.id, rep.title, *_cells(f)] for rep, f in o.reports)])
        + "\n"
        + text(
            [["agency", "reports", *FIGURE_HEADINGS], *([f.name, ",".join(f.reports), *_cells(f)] for f in o.agencies)]
        )
    )


def overview_view(o: Overview) -> Group:
    """Two tables that fit the terminal: names wrap, numbers and ids are never cut."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    from .views import bar, literal

    def table(title: str, first: str) -> Table:
        out = Table(expand=True, title=title, title_justify="left")
        out.add_column(first, overflow="fold", ratio=1, min_width=8)
        for heading in ("Actions", "Done", "Open", "Overdue"):
            out.add_column(heading, justify="right", no_wrap=True)
        out.add_column("Completed", no_wrap=True, min_width=15)
        return out

    def numbers(f: Figures) -> list[Text]:
        return [Text(str(n), justify="right") for n in (f.actions, f.completed, f.open, f.overdue)]

    def done(f: Figures) -> Text:
        from ..model import Progress

        return (
            Text("not recorded", "dim")
            if f.not_recorded == f.actions
            else bar(Progress(f.completed, f.actions, f.not_recorded))
        )

    reports = table("Reports", "Report")
    for rep, f in o.reports:
        name = literal(rep.id, "bold")
        name.append_text(literal(f"  {rep.title}", "dim"))
        reports.add_row(name, *numbers(f), done(f))
    agencies = table("Agencies across reports", "Agency")
    for f in o.agencies:
        name = literal(f.name)
        name.append_text(literal(f"  ({', '.join(f.reports)})", "dim"))
        agencies.add_row(name, *numbers(f), done(f))
    return Group(reports, agencies)
