"""The ``scrtool`` command: the typer app, its command groups, and the process around a run."""

import gc
import os
import sys
from contextlib import suppress
from typing import Annotated, Any, NoReturn

import typer

from .. import __version__
from ..errors import ExitCode
from . import archiving, board, database, importing, monitoring, reading, repeats, returns
from .common import fail

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


def _version(value: bool) -> None:
    if value:
        print(f"scrtool {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Read the action plans of child-safeguarding case reviews and answer the board's questions.

    Example: scrtool import plan.txt && scrtool trace 1
    """


for _group in (importing, reading, monitoring, board, repeats, returns, archiving, database):
    _group.register(app)


def _only(name: str) -> typer.Typer | None:
    """An app holding just the command named, so a run builds one command's options, not every command's."""
    if os.environ.get("_SCRTOOL_COMPLETE"):
        return None
    for info in app.registered_commands:
        callback = info.callback
        if info.name == name or (
            info.name is None and callback is not None and callback.__name__.replace("_", "-") == name
        ):
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
