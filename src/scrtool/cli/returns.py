"""``scrtool returns issue | apply | status``: the quarterly return cycle (issue 15). openpyxl is imported only by
the commands that write or read a workbook."""

from enum import StrEnum
from typing import Annotated

import typer

from ..errors import ExitCode
from ..render.safe import file_name
from .common import DbOption, ReportOption, boundary, err, fail, load_config, out, store, warn

MAX_SIZE_LIMIT = 1 << 30

group = typer.Typer(
    name="returns",
    no_args_is_help=True,
    rich_markup_mode=None,
    help="The quarterly return cycle: a workbook out to each agency, its answers back in as history.",
)


class StatusFormat(StrEnum):
    """Formats of ``returns status``."""

    TABLE = "table"
    JSON = "json"


@group.command("issue")
@boundary
def issue(
    output: Annotated[
        str,
        typer.Option("--output", "-o", metavar="FOLDER", help="The folder to write the workbooks into (made if new)."),
    ],
    report: ReportOption = None,
    agency: Annotated[str | None, typer.Option("--agency", "-a", metavar="NAME", help="One agency only.")] = None,
    due_within: Annotated[
        int | None,
        typer.Option(
            "--due-within", metavar="DAYS", min=0, max=36500, help="Only the overdue and those due within DAYS days."
        ),
    ] = None,
    every: Annotated[bool, typer.Option("--all", help="Completed actions too.")] = False,
    db: DbOption = None,
) -> None:
    """One workbook per agency of its actions not completed, for it to fill and send back.

    Example: scrtool returns issue --due-within 90 -o returns-2026-q1
    """
    from ..questions import query
    from ..returns.issue import Choice
    from ..returns.issue import issue as write_returns
    from ..store import read

    settings = load_config()
    with store(db) as s:
        chosen = query.pick_report(s.conn, report) if report else None
        if chosen is None and not read.report_ids(s.conn):
            query.pick_report(s.conn, None)  # no reports yet: says so
        keys = query.agency_keys(s.conn, agency, chosen, settings.aliases) if agency else None
        done = write_returns(s, Choice(chosen, keys, agency, due_within, every), output, settings.rag)
    for warning in done.warnings:
        warn(warning)
    if not done.files:
        err().line("no actions to issue")
        return
    for path, name, count in done.files:
        out().line(f"wrote {file_name(path)}: {count} action(s) of {name}")


@group.command("apply")
@boundary
def apply(
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Returned workbooks (.xlsx) or CSV.")],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would be recorded; change nothing.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Apply conflicting rows too.")] = False,
    max_size: Annotated[
        int | None,
        typer.Option(
            "--max-size",
            metavar="BYTES",
            min=1,
            max=MAX_SIZE_LIMIT,
            help="Refuse a workbook that unpacks to more than this (default 256 MiB).",
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Record the answers of returned workbooks as history (source return), one entry per action.

    Example: scrtool returns apply returns-2026-q1/*.xlsx --dry-run
    """
    from ..returns.apply import MAX_SIZE, Options
    from ..returns.apply import apply as apply_file

    options = Options(dry_run, force, load_config().require_evidence, max_size or MAX_SIZE)
    failed = 0
    with store(db) as s:
        for path in files:
            done = apply_file(s, path, options)
            failed += _said(done, dry_run)
    if failed and len(files) == 1:
        raise typer.Exit(int(ExitCode.INPUT))  # its one line said why
    if failed:
        others = "; the others were" + (" checked" if dry_run else " applied") if failed < len(files) else ""
        raise fail(f"{failed} of {len(files)} file(s) not applied (see above){others}", ExitCode.INPUT)


def _said(done: object, dry_run: bool) -> int:
    from ..returns.apply import Applied

    assert isinstance(done, Applied)
    shown = file_name(done.file)
    for line in done.problems:
        err().line(line, lead="scrtool: error: ", lead_style="bold red")
    if done.problems:
        return 1
    for line in done.warnings:
        warn(line)
    for line in done.recorded if dry_run else ():
        out().line(line)
    for line in done.conflicts:
        warn(line)
    verb = "would record" if dry_run else "recorded"
    count = len(done.recorded)
    again = f"; {done.already} answer(s) applied before, not again" if done.already else ""
    held = sum("not applied" in c for c in done.conflicts)
    conflicts = f"; {held} conflict(s) not applied (--force applies them)" if held else ""
    if not count and done.already and not held:
        out().line(f"{shown}: nothing new: its {done.already} answer(s) were applied before")
    else:
        out().line(f"{shown}: {verb} {count} update(s){again}{conflicts}")
    return 0


@group.command("status")
@boundary
def status(
    report: ReportOption = None,
    fmt: Annotated[
        StatusFormat, typer.Option("--format", "-f", case_sensitive=False, help="table or json.")
    ] = StatusFormat.TABLE,
    db: DbOption = None,
) -> None:
    """Per agency, its latest return: issued on, returned on, rows answered, outstanding, conflicts.

    Example: scrtool returns status
    """
    from ..questions import query
    from ..render import returns as view
    from ..store import returns as stored

    with store(db) as s:
        chosen = query.pick_report(s.conn, report) if report else None
        rows = stored.agencies(s.conn, chosen)
    if fmt is StatusFormat.JSON:
        print(view.status_json(rows))
    elif rows:
        out().show(view.status_table(rows))
    if not rows:
        err().line("no returns issued yet (scrtool returns issue -o FOLDER)")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="returns")
