"""``scrtool remove``: remove a report, its history kept in the archive; ``scrtool archive``: what it keeps."""

import sys
from typing import Annotated

import typer

from .. import clock
from ..errors import UsageError
from ..render.choices import Format
from .common import DbOption, boundary, err, format_option, out, show_found, store


@boundary
def remove(
    report: Annotated[str, typer.Argument(metavar="REPORT", help="The id of the report to remove.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask (needed without a terminal).")] = False,
    db: DbOption = None,
) -> None:
    """Remove a report from the store; its history (every update) is kept in the archive (scrtool archive).

    Example: scrtool remove infant-y-v2 --yes
    """
    from ..store import archive

    with store(db) as s:
        actions, _ = archive.counts(s.conn, report)
        if not yes:
            if not _interactive():
                raise UsageError(f"remove {report!r}: asks for confirmation; without a terminal, add --yes")
            if not typer.confirm(
                f"Remove report {report!r} and its {actions} action(s)? Its history is kept in the archive",
                default=False,
                err=True,
            ):
                err().line("nothing removed")
                return
        done = archive.remove(s, report, clock.now_utc())
    out().line(
        f"{done.report}: removed ({done.title}: {done.actions} action(s)); {done.entries} history entr"
        f"{'y' if done.entries == 1 else 'ies'} kept in the archive: scrtool archive {done.report}"
    )


@boundary
def archive(
    report: Annotated[str | None, typer.Argument(metavar="[REPORT]", help="A removed report: its history.")] = None,
    fmt: Annotated[Format | None, format_option(Format)] = None,
    db: DbOption = None,
) -> None:
    """The reports removed from the store, or the history a removed report had.

    Example: scrtool archive infant-y-v2
    """
    from ..render import archive as views
    from ..store import archive as kept

    with store(db) as s:
        removals = kept.removals(s.conn) if report is None else []
        entries = kept.entries(s.conn, report) if report is not None else []
    if report is not None:  # none where row-level security keeps this role to another agency's (db grant)
        show_found(
            fmt,
            entries,
            lambda: views.entries_table(entries),
            lambda: views.entries_json(entries),
            f"none of {report}'s archived entries is this role's to read: they are other agencies' actions",
        )
    else:
        show_found(
            fmt,
            removals,
            lambda: views.removals_table(removals),
            lambda: views.removals_json(removals),
            "no report has been removed",
        )


def _interactive() -> bool:
    """Whether someone at a terminal can be asked."""
    return sys.stdin.isatty()


def register(app: typer.Typer) -> None:
    for command in (remove, archive):
        app.command()(command)
