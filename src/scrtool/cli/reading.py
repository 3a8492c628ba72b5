"""The commands that read the store: ``list``, ``trace``, ``show``, ``summary``, ``reports``, ``agencies``."""

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Annotated, assert_never

import typer

from .. import clock
from ..model import Action, RecRef, Status
from ..questions import query
from ..rag import Rating
from ..render import plain
from ..render.choices import Format, TraceFormat, resolve
from ..render.stream import Stream
from . import complete
from .common import (
    AgencyArgument,
    DbOption,
    NumberArgument,
    ReportOption,
    boundary,
    err,
    format_option,
    load_config,
    out,
    show_found,
    store,
)

if TYPE_CHECKING:
    from rich.console import RenderableType


_AgencyOption = Annotated[
    str | None,
    typer.Option(
        "--agency",
        "-a",
        metavar="NAME",
        autocompletion=complete.agencies,
        help="Actions of this agency (also inside a '/'-joined lead).",
    ),
]
_StatusOption = Annotated[
    Status | None,
    typer.Option(
        "--status",
        "-s",
        case_sensitive=False,
        help="open = every action not completed (not-recorded: its plan states no status).",
    ),
]
_RecOption = Annotated[
    str | None,
    typer.Option("--rec", metavar="N", help="Actions recommendation N cites (R1: reminder of practice 1)."),
]
_OverdueOption = Annotated[
    bool,
    typer.Option(
        "--overdue",
        help="Overdue: marked overdue, or its due date passed and not completed (the same as --status overdue).",
    ),
]
_DueBeforeOption = Annotated[str | None, typer.Option("--due-before", metavar="DATE", help="Due before this date.")]


@boundary
def list_(
    report: ReportOption = None,
    agency: _AgencyOption = None,
    status: _StatusOption = None,
    rec: _RecOption = None,
    overdue: _OverdueOption = False,
    due_before: _DueBeforeOption = None,
    fmt: Annotated[Format | None, format_option(Format)] = None,
    db: DbOption = None,
) -> None:
    """List actions, filtered by agency, status, recommendation and due date, with their RAG rating.

    Example: scrtool list --agency "Thames Valley Police" --status open
    """
    settings = load_config()
    today = clock.today()
    console = out()
    wanted = query.ActionFilter(
        report,
        agency,
        status,
        query.parse_rec(rec) if rec else None,
        today.isoformat() if overdue else None,
        clock.iso_date(due_before, "--due-before") if due_before else None,
    )
    chosen = resolve(fmt, console.is_terminal)
    with store(db) as s:  # open while the actions are written: they are read as they are written
        if chosen is Format.TSV:
            lines, several = query.list_lines(s.conn, settings.rag.sql(today), wanted, settings.aliases)
            written = plain.write_actions(console, lines, several)
        else:
            rate = settings.rag.ratings(today)
            rated = ((a, rate(a)) for a in query.list_actions(s.conn, wanted, settings.aliases))
            written = _write_rated(console, chosen, rated, query.cited_by(s.conn))
    if not written:
        err().line("no actions match")


def _write_rated(
    console: Stream,
    fmt: Format,
    rated: Iterator[tuple[Action, Rating]],
    cited_by: Callable[[Action], tuple[RecRef, ...]],
) -> int:
    """Rated actions in ``fmt`` (not TSV: ``plain.write_actions`` writes it from SQL lines): JSON, CSV and
    markdown written as they are read, a table once all are read (it is laid out to fit them); how many."""
    from ..render import formats

    match fmt:
        case Format.JSON:
            return formats.write_actions_json(console, rated, cited_by)
        case Format.CSV:
            return formats.write_actions_csv(console, rated)
        case Format.MARKDOWN:
            return formats.write_actions_markdown(console, rated)
        case Format.TABLE | Format.TSV:
            shown = list(rated)
            if shown:
                from ..render import views

                console.draw(views.actions_table([a for a, _ in shown], [rating.text for _, rating in shown]))
            return len(shown)
        case _:
            assert_never(fmt)


@boundary
def trace(
    number: Annotated[
        str,
        typer.Argument(
            metavar="N", help="Recommendation number; R1 for reminder of practice 1, M1 for a DHR's multi-agency 1."
        ),
    ],
    report: ReportOption = None,
    fmt: Annotated[TraceFormat | None, format_option(TraceFormat)] = None,
    db: DbOption = None,
) -> None:
    """A recommendation, the agency actions that implement it, and how far along they are.

    Example: scrtool trace 1
    """
    ref = query.parse_rec(number)
    with store(db) as s:
        from ..questions.tracing import trace as trace_of

        result = trace_of(s.conn, query.pick_report(s.conn, report), ref)
    console = out()
    chosen = resolve(fmt, console.is_terminal)
    if chosen is Format.TSV:  # whole, each action's agency named on its line, without rich
        console.lines(plain.trace(result))
        return
    from ..render import convert, formats

    def view() -> "RenderableType":
        from ..render import views  # rich: not for JSON

        return views.trace_view(result)

    rate = load_config().rag.ratings(clock.today())
    convert.write(console, chosen, view, lambda: formats.trace_json(result, rate))


@boundary
def show(
    agency: AgencyArgument,
    number: NumberArgument,
    report: ReportOption = None,
    db: DbOption = None,
) -> None:
    """One action in full, with the recommendations that cite it.

    Example: scrtool show "Oxford Health" 10
    """
    settings = load_config()
    with store(db) as s:
        from ..questions.tracing import show as show_of

        shown = show_of(s.conn, query.pick_report(s.conn, report), agency, number, settings.aliases)
    rating = settings.rag.rating(shown.action, clock.today())
    from ..render import views

    out().show(views.show_view(replace(shown, rating=rating)))


@boundary
def summary(
    report: ReportOption = None,
    fmt: Annotated[TraceFormat | None, format_option(TraceFormat)] = None,
    db: DbOption = None,
) -> None:
    """Per agency, actions by status; per recommendation, progress of its cited actions. With several reports and
    no --report: a line a report, and each agency across the reports.

    Example: scrtool summary
    """
    settings = load_config()
    today = clock.today()
    console = out()
    chosen = resolve(fmt, console.is_terminal)
    from ..render import convert, formats, summaries

    with store(db) as s:
        from ..questions import overview

        if report is None and overview.several_reports(s.conn):
            found = overview.overview(s.conn, settings.rag, today, settings.aliases)
            if chosen is Format.TSV:
                console.write(summaries.overview_lines(found))
                return
            convert.write(
                console,
                chosen,
                lambda: summaries.overview_view(found),
                lambda: formats.dumps(summaries.overview_dict(found)),
            )
            return
        result = overview.summary(s.conn, query.pick_report(s.conn, report), settings.rag, today)
        per_agency = overview.figures(s.conn, result, today) if chosen is Format.JSON else []
    if chosen is Format.TSV:  # whole, without rich
        console.write(plain.summary(result))
        return

    def view() -> "RenderableType":
        from ..render import views

        return views.summary_view(result, console.width)

    convert.write(console, chosen, view, lambda: formats.dumps(summaries.summary_dict(result, per_agency)))


@boundary
def reports(fmt: Annotated[Format | None, format_option(Format)] = None, db: DbOption = None) -> None:
    """The reports in the store.

    Example: scrtool reports
    """
    with store(db) as s:
        from ..questions.overview import reports as reports_in

        infos = reports_in(s.conn)
    from ..render import formats, views

    show_found(
        fmt,
        infos,
        lambda: views.reports_table(infos),
        lambda: formats.reports_json(infos),
        "the store holds no reports yet",
    )


@boundary
def agencies(
    report: ReportOption = None, fmt: Annotated[Format | None, format_option(Format)] = None, db: DbOption = None
) -> None:
    """The agencies with action tables, and how many of their actions are open; without --report, one row an
    agency across every report (as the plans or the config file's [aliases] name it).

    Example: scrtool agencies --report infant-y
    """
    with store(db) as s:
        from ..questions.overview import across_reports
        from ..questions.overview import agencies as agencies_in

        rows = agencies_in(s.conn, report)
    if report is None and len({rid for rid, _ in rows}) > 1:
        rows = across_reports(rows, load_config().aliases)
    from ..render import formats, views

    show_found(
        fmt, rows, lambda: views.agencies_table(rows), lambda: formats.agencies_json(rows), "no agencies in the store"
    )


def register(app: typer.Typer) -> None:
    app.command("list")(list_)
    for command in (trace, show, summary, reports, agencies):
        app.command()(command)
