"""What every command shares: the --db, --report and argument options, the output streams, the store opened for
a command, and the one error boundary that turns the library's errors into one line and an exit code."""

import functools
import os
import sqlite3
from collections.abc import Callable, Iterator, Sized
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Any, ParamSpec, TypeVar

import typer

from ..config import Config
from ..config import load as load_config_file
from ..errors import ExitCode, ScrError
from ..render.choices import Format, TraceFormat, help_text, resolve
from ..render.stream import Stream
from ..store import paths
from ..store.db import Store, open_store
from . import complete

if TYPE_CHECKING:
    from rich.console import RenderableType

P = ParamSpec("P")
R = TypeVar("R")

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar=paths.ENV_VAR,
        show_envvar=True,
        metavar="PATH|URL",
        help="The store: a file, or a postgresql:// URL (default: a file in the user data folder).",
    ),
]
AgencyArgument = Annotated[
    str, typer.Argument(help="The agency whose table holds the action.", autocompletion=complete.agencies)
]
NumberArgument = Annotated[str, typer.Argument(help="The action's number, e.g. 4, 1.2 or P1.")]
ReportOption = Annotated[
    str | None,
    typer.Option(
        "--report",
        "-r",
        metavar="ID",
        autocompletion=complete.reports,
        help="Report id (needed when the store holds several).",
    ),
]


def format_option(choice: type[Format] | type[TraceFormat]) -> Any:
    """A command's ``--format``: the formats of ``choice`` (any other is a usage error, exit 2), none by default
    (``choices.resolve``: a table on a terminal, tsv into a pipe)."""
    return typer.Option("--format", "-f", case_sensitive=False, show_default=False, help=help_text(choice))


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
    when SCRTOOL_DEBUG=1 (exit 1 too). A URL in either has its password shown as ``***``."""

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
            from ..store.location import scrub  # a store's URL in the message: its password never shown

            if os.environ.get("SCRTOOL_DEBUG"):
                import sys
                import traceback

                sys.stderr.write(scrub("".join(traceback.format_exception(exc))))
                raise typer.Exit(ExitCode.INTERNAL) from None
            raise fail(
                f"internal error ({type(exc).__name__}: {scrub(str(exc))}); run again with SCRTOOL_DEBUG=1 for "
                "the traceback and please report it",
                ExitCode.INTERNAL,
            ) from None

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


def show_found(
    fmt: Format | TraceFormat | None,
    found: Sized,
    view: Callable[[], "RenderableType"],
    as_json: Callable[[], str],
    none: str,
) -> None:
    """A listing's answer in its format (nothing found: an empty JSON list when JSON is asked for), and ``none`` on
    stderr when nothing was found."""
    from ..render import convert

    console = out()
    chosen = resolve(fmt, console.is_terminal)
    if found or chosen is Format.JSON:
        convert.write(console, chosen, view, as_json)
    if not found:
        err().line(none)
