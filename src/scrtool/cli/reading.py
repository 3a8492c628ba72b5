"""The commands that read the store: ``list``, ``trace``, ``show``, ``summary``, ``reports``, ``agencies``."""

from collections.abc import Iterator
from dataclasses import replace
from typing import Annotated, Any

import typer

from .. import clock
from ..errors import UsageError
from ..model import Action
from ..questions import query
from ..questions.query import StatusFilter
from ..render import plain
from ..render.choices import Format
from ..render.stream import Stream
from .common import AgencyArgument, DbOption, NumberArgument, ReportOption, boundary, err, load_config, out, store


@boundary
def list_(
    report: ReportOption = None,
    agency: Annotated[str | None, typer.Option("--agency", "-a", metavar="NAME",
                                               help="Actions of this agency (also inside a '/'-joined lead).")] = None,
    status: Annotated[StatusFilter | None, typer.Option("--status", "-s", case_sensitive=False,
                                                        help="open = every action not completed (not-recorded: "
                                                             "its plan states no status).")] = None,
    rec: Annotated[str | None, typer.Option("--rec", metavar="N", help="Actions recommendation N cites (R1: "
                                                                       "reminder of practice 1).")] = None,
    overdue: Annotated[bool, typer.Option("--overdue", help="Due date passed and not completed.")] = False,
    due_before: Annotated[str | None, typer.Option("--due-before", metavar="DATE",
                                                   help="Due before this date.")] = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False,
                                        help="table: a table on a terminal, tsv lines into a pipe or file.")] =
    Format.TABLE,
    db: DbOption = None,
) -> None:
    """List actions, filtered by agency, status, recommendation and due date, with their RAG rating.

    Example: scrtool list --agency "Thames Valley Police" --status open
    """
    settings = load_config()
    today = clock.today()
    console = out()
    filters: dict[str, Any] = {
        "report": report, "agency": agency, "status": status, "rec": query.parse_rec(rec) if rec else None,
        "overdue_on": today.isoformat() if overdue else None,
        "due_before": clock.iso_date(due_before, "--due-before") if due_before else None}
    with store(db) as s:  # open while the actions are written: they are read as they are written
        if fmt is Format.TSV or (fmt is Format.TABLE and not console.is_terminal):
            lines, several = query.list_lines(s.conn, settings.rag.sql(today), **filters)
            written = plain.write_actions(console, lines, several)
        else:
            rate = settings.rag.rater(today)
            written = _write_rated(console, fmt, ((a, rated.value if (rated := rate(a.status.value, a.due,
                                                                                     a.updated)) else None)
                                                  for a in query.list_actions(s.conn, **filters)))
    if not written:
        err().line("no actions match")


def _write_rated(console: Stream, fmt: Format, rated: Iterator[tuple[Action, str | None]]) -> int:
    """Rated actions in ``fmt``: JSON, CSV and markdown written as they are read, a table once all are read (it is
    laid out to fit them); how many."""
    from ..render import formats

    if fmt in formats.ACTION_WRITERS:
        return formats.ACTION_WRITERS[fmt](console, rated)
    shown = list(rated)
    if shown:
        from ..render import views

        console.show(views.actions_table([a for a, _ in shown], [rag for _, rag in shown], console.width))
    return len(shown)


@boundary
def trace(
    number: Annotated[str, typer.Argument(metavar="N", help="Recommendation number; R1 for reminder of practice 1.")],
    report: ReportOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")] =
    Format.TABLE,
    db: DbOption = None,
) -> None:
    """A recommendation, the agency actions that implement it, and how far along they are.

    Example: scrtool trace 1
    """
    if fmt not in (Format.TABLE, Format.JSON):
        raise UsageError("trace --format takes table or json")
    ref = query.parse_rec(number)
    with store(db) as s:
        from ..questions.tracing import trace as trace_of

        result = trace_of(s.conn, query.pick_report(s.conn, report), ref)
    if fmt is Format.JSON:
        from ..render import formats

        print(formats.trace_json(result))
    elif (console := out()).is_terminal:
        from ..render import views

        console.show(views.trace_view(result))
    else:
        console.lines(plain.trace(result))


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
    with store(db) as s:
        from ..questions.tracing import show as show_of

        shown = show_of(s.conn, query.pick_report(s.conn, report), agency, number)
    rated = load_config().rag.rate(shown.action, clock.today())
    rag = rated.value if rated else "-"
    from ..render import views

    out().show(views.show_view(replace(shown, rag=rag)))


@boundary
def summary(report: ReportOption = None, db: DbOption = None) -> None:
    """Per agency, actions by status; per recommendation, progress of its cited actions.

    Example: scrtool summary
    """
    settings = load_config()
    with store(db) as s:
        from ..questions.overview import summary as summary_of

        result = summary_of(s.conn, query.pick_report(s.conn, report), settings.rag, clock.today())
    console = out()
    if console.is_terminal:
        from ..render import views

        console.show(views.summary_view(result))
    else:
        console.write(plain.summary(result))


@boundary
def reports(db: DbOption = None) -> None:
    """The reports in the store.

    Example: scrtool reports
    """
    with store(db) as s:
        from ..questions.overview import reports as reports_in

        infos = reports_in(s.conn)
    if infos:
        from ..render import views

        out().show(views.reports_table(infos))
    else:
        err().line("the store holds no reports yet")


@boundary
def agencies(report: ReportOption = None, db: DbOption = None) -> None:
    """The agencies with action tables, and how many of their actions are open.

    Example: scrtool agencies --report infant-y
    """
    with store(db) as s:
        from ..questions.overview import agencies as agencies_in

        rows = agencies_in(s.conn, report)
    if rows:
        from ..render import views

        out().show(views.agencies_table(rows))
    else:
        err().line("no agencies in the store")



def register(app: typer.Typer) -> None:
    app.command("list")(list_)
    for command in (trace, show, summary, reports, agencies):
        app.command()(command)
