"""``scrtool import``: read plan files into the store."""

import sys
from typing import Annotated

import typer

from ..errors import ExitCode, UsageError
from . import complete
from .common import DbOption, boundary, err, out, store

MAX_SIZE_LIMIT = 1 << 30
"""The largest ``import --max-size``: a gibibyte (the file is read into memory at once)."""


_FilesArgument = Annotated[
    list[str],
    typer.Argument(
        metavar="FILE...", help="Plan files: Word (.docx), PDF, Excel (.xlsx), web pages, markdown or text."
    ),
]
_ReportOption = Annotated[
    str | None,
    typer.Option(
        "--report",
        "-r",
        metavar="ID",
        autocompletion=complete.reports,
        help="This file is report ID (new, or its new version).",
    ),
]
_NewOption = Annotated[bool, typer.Option("--new", help="A report of its own, never a new version of a stored one.")]
_MaxSizeOption = Annotated[
    int,
    typer.Option("--max-size", metavar="BYTES", min=1, max=MAX_SIZE_LIMIT, help="Refuse larger files (at most 1 GiB)."),
]
_ConfigOption = Annotated[
    str | None,
    typer.Option(
        "--config", metavar="PATH", envvar="SCRTOOL_CONFIG", help="Config file with more header and status words."
    ),
]
_PagesOption = Annotated[
    str | None,
    typer.Option(
        "--pages",
        metavar="FIRST-LAST",
        help="PDF only: read these pages, e.g. 30-41 (default: find the plan's pages).",
    ),
]
_SheetOption = Annotated[
    str | None,
    typer.Option(
        "--sheet",
        metavar="NAME",
        help="Workbooks only: read this sheet (default: every visible one).",
    ),
]
_YearOption = Annotated[
    int | None,
    typer.Option("--year", metavar="YYYY", help="The review's year (default: from the plan's title, when it says)."),
]
_KindOption = Annotated[
    str | None,
    typer.Option(
        "--kind",
        metavar="KIND",
        help="The kind of review: SCR, CSPR, SAR, DHR or other (default: from the plan's title).",
    ),
]


@boundary
def import_(
    files: _FilesArgument,
    report: _ReportOption = None,
    new: _NewOption = False,
    db: DbOption = None,
    max_size: _MaxSizeOption = 50 * 1024 * 1024,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as errors: store nothing.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Read and report, store nothing.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar; one line a file.")] = False,
    config: _ConfigOption = None,
    pages: _PagesOption = None,
    sheet: _SheetOption = None,
    year: _YearOption = None,
    kind: _KindOption = None,
) -> None:
    """Read plan files and store their recommendations and actions.

    Example: scrtool import infant-y.txt
    """
    from ..config import load
    from ..parse.formats import Options, check_options, page_range
    from ..parse.vocab import DEFAULT
    from ..reviews import given
    from .importer import Run, import_files

    if report is not None and len(files) > 1:
        raise UsageError("--report names one report; import one file at a time with it")
    if report is not None and new:
        raise UsageError("--report ID and --new contradict each other: the file is report ID, or a report of its own")
    vocabulary = load(config).vocabulary or DEFAULT
    options = Options(max_size=max_size, pages=page_range(pages) if pages is not None else None, sheet=sheet)
    check_options(files, options)
    run = Run(
        report,
        vocabulary,
        options,
        lambda: store(db, create=True),
        strict=strict,
        dry_run=dry_run,
        quiet=quiet,
        new=new,
        ask=_ask_password if sys.stdin.isatty() else None,
        review=given(year, kind),
    )
    failed = import_files(files, run, out(), err())
    if failed:
        raise typer.Exit(int(ExitCode.INPUT))


def _ask_password(shown: str) -> str:
    """The password of an encrypted file, typed at the terminal without being shown."""
    import getpass

    try:
        return getpass.getpass(f"{shown} is encrypted; its password (not shown): ", stream=sys.stderr)
    except EOFError:  # Ctrl-D: end the prompt's line; the importer says what happened
        sys.stderr.write("\n")
        raise


def register(app: typer.Typer) -> None:
    app.command("import")(import_)
