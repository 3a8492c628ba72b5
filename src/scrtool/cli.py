"""The ``scrtool`` command: read options, call the library, print. The one place errors become exit codes."""

import functools
import gc
import os
import sqlite3
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer

from . import __version__, clock, query
from .config import Config
from .config import load as load_config_file
from .errors import ExitCode, ScrError, UsageError
from .model import Action, Status
from .query import StatusFilter
from .render import plain
from .render.choices import Format
from .render.stream import Stream
from .store import paths
from .store.db import Store, open_store

P = ParamSpec("P")
R = TypeVar("R")
MAX_SIZE_LIMIT = 1 << 30
"""The largest ``import --max-size``: a gibibyte (the file is read into memory at once)."""
SQLITE_MAX_INT = (1 << 63) - 1
"""The largest integer SQLite takes (``search --limit``)."""

_SETTINGS: dict[str, Any] = {
    "name": "scrtool",
    "help": "Read the action plans of child-safeguarding case reviews and answer the board's questions.\n\n"
            "Example: scrtool import plan.txt && scrtool trace 1",
    "no_args_is_help": True,
    "pretty_exceptions_show_locals": False,
    "context_settings": {"help_option_names": ["-h", "--help"]},
    "rich_markup_mode": None,
}
app = typer.Typer(**_SETTINGS)

DbOption = Annotated[str | None, typer.Option("--db", envvar=paths.ENV_VAR, show_envvar=True, metavar="PATH",
                                              help="The store file (default: the user data folder).")]
AgencyArgument = Annotated[str, typer.Argument(help="The agency whose table holds the action.")]
NumberArgument = Annotated[str, typer.Argument(help="The action's number, e.g. 4 or 1.2.")]
ReportOption = Annotated[str | None, typer.Option("--report", "-r", metavar="ID",
                                                  help="Report id (needed when the store holds several).")]


def out() -> Stream:
    return Stream("stdout")


def err() -> Stream:
    """Messages: one line each, never wrapped, on stderr."""
    return Stream("stderr")


def warn(message: str) -> None:
    """One warning line on stderr."""
    err().line(message, "yellow", lead="scrtool: warning: ", lead_style="yellow")


def fail(message: str, code: ExitCode) -> typer.Exit:
    err().line(message, lead="scrtool: error: ", lead_style="bold red")
    return typer.Exit(int(code))


def boundary(command: Callable[P, R]) -> Callable[P, R]:
    """Turn the library's errors into one line on stderr and an exit code; a bug shows a traceback only
    when SCRTOOL_DEBUG=1."""

    @functools.wraps(command)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return command(*args, **kwargs)
        except ScrError as exc:
            raise fail(exc.message, exc.code) from None
        except (typer.Exit, typer.Abort, SystemExit, BrokenPipeError):
            raise
        except KeyboardInterrupt:
            raise fail("interrupted", ExitCode.INTERRUPTED) from None
        except sqlite3.Error as exc:
            if os.environ.get("SCRTOOL_DEBUG"):
                raise
            raise fail(f"store error: {exc}", ExitCode.STORE) from None
        except Exception as exc:
            if os.environ.get("SCRTOOL_DEBUG"):
                raise
            raise fail(f"internal error ({type(exc).__name__}: {exc}); run again with SCRTOOL_DEBUG=1 for the "
                       "traceback and please report it", ExitCode.INTERNAL) from None

    return run


@contextmanager
def store(db: str | None, create: bool = False) -> Iterator[Store]:
    opened = open_store(paths.resolve(db), create=create)
    for warning in opened.warnings:
        warn(warning)
    try:
        yield opened
    except BaseException:
        opened.discard_if_new()  # a first import that failed leaves no empty store
        raise
    finally:
        opened.close()


def load_config() -> Config:
    return load_config_file(None)


def _version(value: bool) -> None:
    if value:
        print(f"scrtool {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """Read the action plans of child-safeguarding case reviews and answer the board's questions.

    Example: scrtool import plan.txt && scrtool trace 1
    """


@app.command("import")
@boundary
def import_(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Plan files: Word (.docx), PDF, Excel "
                                               "(.xlsx), web pages, markdown or text.")],
    report: Annotated[str | None, typer.Option("--report", "-r", metavar="ID",
                                               help="This file is report ID (new, or its new version).")] = None,
    new: Annotated[bool, typer.Option("--new", help="A report of its own, never a new version of a stored "
                                                    "one.")] = False,
    db: DbOption = None,
    max_size: Annotated[int, typer.Option("--max-size", metavar="BYTES", min=1, max=MAX_SIZE_LIMIT,
                                          help="Refuse larger files (at most 1 GiB).")] = 50 * 1024 * 1024,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors: store nothing.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and report, store nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; one line a file.")] = False,
    config: Annotated[str | None, typer.Option("--config", metavar="PATH", envvar="SCRTOOL_CONFIG",
                                               help="Config file with more header and status words.")] = None,
    pages: Annotated[str | None, typer.Option("--pages", metavar="FIRST-LAST",
                                              help="PDF: read only these pages, e.g. 30-41 (default: find the "
                                                   "plan's pages).")] = None,
    sheet: Annotated[str | None, typer.Option("--sheet", metavar="NAME",
                                              help="Excel: read only this sheet (default: every visible one).")
                     ] = None,
    year: Annotated[int | None, typer.Option("--year", metavar="YYYY", help="The review's year (default: from "
                                             "the plan's title, when it says).")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="KIND", help="The kind of review: SCR, CSPR, SAR, "
                                             "DHR or other (default: from the plan's title).")] = None,
) -> None:
    """Read plan files and store their recommendations and actions.

    Example: scrtool import infant-y.txt
    """
    from .config import load
    from .importer import import_files
    from .parse.formats import Options, page_range
    from .parse.vocab import DEFAULT
    from .reviews import given

    if report is not None and len(files) > 1:
        raise UsageError("--report names one report; import one file at a time with it")
    if report is not None and new:
        raise UsageError("--report ID and --new contradict each other: the file is report ID, or a report of its own")
    vocabulary = load(config).vocabulary or DEFAULT
    options = Options(max_size=max_size, pages=page_range(pages) if pages is not None else None, sheet=sheet)
    failed = import_files(files, report, vocabulary, options=options, strict=strict, dry_run=dry_run, quiet=quiet,
                          open_db=lambda: store(db, create=True), out=out(), err=err(), new=new,
                          ask=_ask_password if sys.stdin.isatty() else None,
                          review=given(year, kind))
    if failed:
        raise typer.Exit(int(ExitCode.INPUT))


def _ask_password(shown: str) -> str:
    """The password of an encrypted file, typed at the terminal without being shown."""
    import getpass

    return getpass.getpass(f"{shown} is encrypted; its password (not shown): ", stream=sys.stderr)


@app.command("list")
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
    from .render import formats

    if fmt in formats.ACTION_WRITERS:
        return formats.ACTION_WRITERS[fmt](console, rated)
    shown = list(rated)
    if shown:
        from .render import views

        console.show(views.actions_table([a for a, _ in shown], [rag for _, rag in shown], console.width))
    return len(shown)


@app.command()
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
        from .tracing import trace as trace_of

        result = trace_of(s.conn, query.pick_report(s.conn, report), ref)
    if fmt is Format.JSON:
        from .render import formats

        print(formats.trace_json(result))
    elif (console := out()).is_terminal:
        from .render import views

        console.show(views.trace_view(result))
    else:
        console.lines(plain.trace(result))


@app.command()
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
        from .tracing import show as show_of

        shown = show_of(s.conn, query.pick_report(s.conn, report), agency, number)
    rated = load_config().rag.rate(shown.action, clock.today())
    rag = rated.value if rated else "-"
    from .render import views

    out().show(views.show_view(replace(shown, rag=rag)))


@app.command()
@boundary
def summary(report: ReportOption = None, db: DbOption = None) -> None:
    """Per agency, actions by status; per recommendation, progress of its cited actions.

    Example: scrtool summary
    """
    settings = load_config()
    with store(db) as s:
        from .overview import summary as summary_of

        result = summary_of(s.conn, query.pick_report(s.conn, report), settings.rag, clock.today())
    console = out()
    if console.is_terminal:
        from .render import views

        console.show(views.summary_view(result))
    else:
        console.write(plain.summary(result))


@app.command()
@boundary
def reports(db: DbOption = None) -> None:
    """The reports in the store.

    Example: scrtool reports
    """
    with store(db) as s:
        from .overview import reports as reports_in

        infos = reports_in(s.conn)
    if infos:
        from .render import views

        out().show(views.reports_table(infos))
    else:
        err().line("the store holds no reports yet")


@app.command()
@boundary
def agencies(report: ReportOption = None, db: DbOption = None) -> None:
    """The agencies with action tables, and how many of their actions are open.

    Example: scrtool agencies --report infant-y
    """
    with store(db) as s:
        from .overview import agencies as agencies_in

        rows = agencies_in(s.conn, report)
    if rows:
        from .render import views

        out().show(views.agencies_table(rows))
    else:
        err().line("no agencies in the store")


@app.command()
@boundary
def update(
    agency: AgencyArgument,
    number: NumberArgument,
    status: Annotated[Status | None, typer.Option("--status", "-s", case_sensitive=False,
                                                  help="The new status.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="What was done.")] = None,
    evidence: Annotated[str | None, typer.Option("--evidence", metavar="TEXT-OR-PATH",
                                                 help="Evidence: text, or a file (kept as its path and hash).")] = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who records it.")] = None,
    on: Annotated[str | None, typer.Option("--date", metavar="DATE", help="When it happened (default today; not in "
                                           f"the future). {clock.DATE_HELP}.")] = None,
    due: Annotated[str | None, typer.Option("--due", metavar="DATE",
                                            help=f"A revised target date. {clock.DATE_HELP}.")] = None,
    reason: Annotated[str | None, typer.Option("--reason", help="Why the target date moves.")] = None,
    report: ReportOption = None,
    db: DbOption = None,
) -> None:
    """Record a status change, note, evidence or revised target date; nothing is overwritten.

    Example: scrtool update "Oxford Health" 10 --status completed --evidence audit-2024.pdf --by "J Smith"
    """
    from . import monitor

    settings = load_config()
    with store(db) as s:
        done = monitor.record_update(s, query.pick_report(s.conn, report), agency, number, status=status, note=note,
                                     evidence=evidence, by=by, on=on, due=due, reason=reason,
                                     require_evidence=settings.require_evidence)
    for warning in done.warnings:
        warn(warning)
    a = done.action
    out().line(f"{a.label}: {a.status.value}" + (f", due {a.due}" if a.due else "") + f" (updated {a.updated})")


@app.command()
@boundary
def history(
    agency: AgencyArgument,
    number: NumberArgument,
    report: ReportOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")] =
    Format.TABLE,
    db: DbOption = None,
) -> None:
    """An action's history: its import, then every update, oldest first.

    Example: scrtool history "Oxford Health" 10
    """
    from . import monitor

    with store(db) as s:
        action, entries = monitor.action_history(s.conn, query.pick_report(s.conn, report), agency, number)
    if fmt is Format.JSON:
        from .render import formats

        print(formats.history_json(action, entries))
    else:
        from .render import views

        out().show(views.history_view(action, entries))


@app.command()
@boundary
def search(
    words: Annotated[str, typer.Argument(metavar="WORDS", help="Words to find (all of them).")],
    agency: Annotated[str | None, typer.Option("--agency", "-a", metavar="NAME")] = None,
    status: Annotated[StatusFilter | None, typer.Option("--status", "-s", case_sensitive=False)] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=SQLITE_MAX_INT, help="At most this many hits.")] = 50,
    fmt: Annotated[Format, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")] =
    Format.TABLE,
    db: DbOption = None,
) -> None:
    """Find recommendations and actions across every report in the store, best match first.

    Example: scrtool search "mental health" --status open
    """
    from .search import ensure_index
    from .search import search as find

    with store(db) as s:
        ensure_index(s)
        key = query.agency_key(s.conn, agency, None) if agency else None
        hits = find(s.conn, words, key, status.statuses() if status else None, limit)
    if fmt is Format.JSON:
        from .render import formats

        print(formats.search_json(hits))
    elif hits:
        from .render import views

        out().show(views.search_table(hits))
    if not hits:
        err().line("nothing matches")


def _only(name: str) -> typer.Typer | None:
    """An app holding just the command named, so a run builds one command's options, not every command's."""
    if os.environ.get("_SCRTOOL_COMPLETE"):
        return None
    for info in app.registered_commands:
        callback = info.callback
        if info.name == name or (info.name is None and callback is not None and
                                 callback.__name__.replace("_", "-") == name):
            single = typer.Typer(**_SETTINGS)
            single.registered_callback = app.registered_callback
            single.registered_commands = [info]
            return single
    return None


def main() -> NoReturn:
    """The ``scrtool`` command. Output cut short by a closed pipe (``| head``) ends quietly.

    The objects of every module imported so far (typer, click, ours; rich when drawn) are frozen out of the cyclic
    garbage collector, and the command ends the process once its output is flushed (``_end``) rather than letting
    Python tear the interpreter down object by object: both cost every command time spent on nothing (about 13 and
    10 ms on a 2-core machine), longer than most queries take."""
    try:  # _end in each handler: while the exception lives, so do the frames it holds (and what they would free)
        gc.freeze()
        args = sys.argv[1:2]
        chosen = _only(args[0]) if args and not args[0].startswith("-") else None
        (chosen or app)(prog_name="scrtool")
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        _end(0)
    except SystemExit as done:
        _end(done.code)
    except KeyboardInterrupt:  # ^C outside a command's boundary (typer's own parsing ends 130 quietly)
        _end(fail("interrupted", ExitCode.INTERRUPTED).exit_code)
    _end(0)


def _end(code: object) -> NoReturn:
    """End the process with ``code`` (an int, None for 0, or a message for stderr and 1), its output flushed. Every
    file a command writes (the store, an export) is closed by then; nothing is left for the interpreter to finish
    but freeing memory the system takes back anyway."""
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with suppress(OSError, ValueError, KeyboardInterrupt):  # a pipe closed under us, a stream closed, ^C
            stream.flush()
    os._exit(code or 0)


def _register_board_commands() -> None:
    """``export`` and ``report`` live in board_cli.py (their heavy imports happen only when they run)."""
    from .board_cli import register

    register(app)


_register_board_commands()


def _register_repeats_commands() -> None:
    """``similar``, ``repeats``, ``same``, ``different`` and ``judgements`` live in repeats_cli.py."""
    from .repeats_cli import register

    register(app)


_register_repeats_commands()
