"""The board's outputs on the command line: ``scrtool export`` (csv, xlsx, json, markdown) and ``scrtool board``
(one HTML page; ``scrtool report``, its name before, still runs it and says so). cli/app.py calls
``register(app)``; openpyxl and jinja2 are imported only when these run."""

import os
from typing import Annotated

import typer

from .. import clock
from ..errors import UsageError
from ..questions import query
from ..render.choices import ExportFormat
from ..render.safe import file_name
from .common import DbOption, ReportOption, boundary, err, load_config, out, store, warn


def _not_the_store(output: str, db: str | None) -> None:
    from ..store import paths

    store = paths.resolve(db)
    if output != "-" and os.path.exists(output) and os.path.exists(store) and os.path.samefile(output, store):
        raise UsageError(f"{file_name(output)} is the store itself; write the export to another file")


def _wrote(output: str, what: str, more: str) -> None:
    """``wrote WHAT to FILE MORE`` on stdout; on stderr when stdout carries the output itself (``-o -``)."""
    if output == "-":
        err().line(f"wrote {what} to standard output{more}")
    else:
        out().line(f"wrote {what} to {file_name(output)}{more}")


@boundary
def export(
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The file to write (- for standard output); an earlier file is "
            "replaced only once the export is complete.",
        ),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format", "-f", case_sensitive=False, help="csv, xlsx, json or markdown (default: from FILE's extension)."
        ),
    ] = None,
    report: ReportOption = None,
    db: DbOption = None,
) -> None:
    """Every action of a report, completed ones included, with its recommendations, status, RAG, dates and
    last update. xlsx: Summary, All actions, History (every entry), then one sheet per agency.

    Example: scrtool export --format xlsx -o board.xlsx
    """
    from ..render import export as exporter

    chosen = fmt or exporter.format_for(output)
    if chosen is None and output == "-":
        raise UsageError("-o - writes to standard output: say which format with --format csv, xlsx, json or markdown")
    if chosen is None:
        raise UsageError(
            f"which format for {file_name(output)}? give --format csv, xlsx, json or markdown (or "
            "name the file .csv, .xlsx, .json or .md)"
        )
    _not_the_store(output, db)
    settings = load_config()
    with store(db) as s:
        from ..questions.board import board

        found = board(s.conn, query.pick_report(s.conn, report), settings.rag, clock.today())
    done = exporter.export(found, output, chosen)
    for warning in done.warnings:
        warn(warning)
    _wrote(output, f"{done.actions} actions of {done.report}", f" ({chosen.value})")


def _html_only(output: str) -> None:
    """``board`` writes HTML: a file named for another format (``board.pdf``) would hold HTML under a false name."""
    suffix = os.path.splitext(output)[1].lower()
    if output != "-" and suffix not in ("", ".html", ".htm"):
        raise UsageError(
            f"board writes an HTML page, not {suffix[1:]}: name the file .html (got "
            f"{file_name(output)}; a browser prints the page to PDF)"
        )


@boundary
def board_page(
    ctx: typer.Context,
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="The HTML file to write, e.g. board-report.html (- for standard output).",
        ),
    ],
    since: Annotated[
        str | None, typer.Option("--since", metavar="DATE", help="List the changes made on or after this date.")
    ] = None,
    include_imports: Annotated[
        bool, typer.Option("--include-imports", help="List imports of new versions of the plan among the changes too.")
    ] = False,
    report: ReportOption = None,
    db: DbOption = None,
) -> None:
    """One self-contained HTML page for a board meeting: progress per recommendation and agency, the open and
    overdue actions, and the changes since a date.

    Example: scrtool board -o board-report.html --since 2025-10-01
    """
    if ctx.info_name == "report":  # "report" names a review everywhere else
        warn("'scrtool report' is now 'scrtool board' (the old name still works)")
    from ..render import html
    from ..render.outfile import write_text

    _html_only(output)
    day = clock.iso_date(since, "--since") if since else None
    _not_the_store(output, db)
    settings = load_config()
    with store(db) as s:
        rid = query.pick_report(s.conn, report)
        from ..questions.board import board

        found = board(s.conn, rid, settings.rag, clock.today(), day, include_imports)
        from ..questions.tracing import trace

        traces = [trace(s.conn, rid, rec.ref) for rec in found.recommendations]
    page = html.render(found, traces, clock.now_utc(), settings.quarters)
    write_text(output, page)
    numbered = [r for r in found.rows if r.action.number is not None]  # responses apart, as agencies counts
    open_ = sum(not r.action.status.is_done for r in numbered)
    overdue = sum(r.overdue for r in numbered)
    responses = len(found.rows) - len(numbered)
    also = f" (and {responses} unnumbered responses)" if responses else ""
    changes = f", {len(found.changes)} changes since {day}" if day else ""
    _wrote(
        output,
        f"the board report of {rid}",
        f": {len(numbered)} actions{also}, {open_} not completed, {overdue} overdue{changes}",
    )


def register(app: typer.Typer) -> None:
    app.command("export")(export)
    app.command("board")(board_page)
    app.command("report", hidden=True)(board_page)
