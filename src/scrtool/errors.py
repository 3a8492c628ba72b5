"""The errors scrtool raises, each with the exit code the command line turns it into."""

from __future__ import annotations

import signal
from enum import IntEnum


class ExitCode(IntEnum):
    """Exit codes of the ``scrtool`` command (listed in the README)."""

    OK = 0
    INTERNAL = 1
    """A bug: please report it (run with SCRTOOL_DEBUG=1 for the traceback)."""
    USAGE = 2
    """The command line is wrong (unknown option, missing argument, ambiguous report)."""
    INPUT = 3
    """A file could not be read as a plan; nothing of it was stored."""
    NOT_FOUND = 4
    """The report, recommendation, agency or action asked for is not in the store."""
    STORE = 5
    """The store could not be opened or written (busy, damaged, not writable)."""
    HANGUP = 129
    """Stopped by SIGHUP while writing a file (128 + 1, as a shell reports it); the half-written file is gone."""
    INTERRUPTED = 130
    """Interrupted (^C, SIGINT): 128 + 2, as shells report it; a write transaction begun is rolled back."""
    TERMINATED = 143
    """Stopped by SIGTERM while writing a file (128 + 15); the half-written file is gone."""


class ScrError(Exception):
    """Base of every error meant for the user: one line of text and an exit code."""

    code: ExitCode = ExitCode.INTERNAL

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(ScrError):
    """A plan file cannot be read: missing, unreadable, not text, no table."""

    code = ExitCode.INPUT

    def __init__(self, file: str, message: str, line: int | None = None, where: str | None = None) -> None:
        """``line``: the 1-based line of a text file (or a block's order in a file that is not text); ``where``:
        the place a person finds it by (``page 3``, ``sheet 'Plan' cell B7``), said instead of the line. The file
        is named as every message names a file (``safe.file_name``)."""
        from .render.safe import file_name

        at = where if where is not None else line
        shown = file_name(file)
        super().__init__(f"{shown}:{at}: {message}" if at is not None else f"{shown}: {message}")
        self.file = file
        self.line = line
        self.detail = message


class NotFound(ScrError):
    """What was asked for is not in the store."""

    code = ExitCode.NOT_FOUND


class UsageError(ScrError):
    """The command needs more to go on (e.g. which report)."""

    code = ExitCode.USAGE


class StoreError(ScrError):
    """The store cannot be opened, read or written."""

    code = ExitCode.STORE


class Stopped(ScrError):
    """A signal (SIGTERM, SIGHUP) stopped the command while it wrote a file; what was half-written is removed."""

    def __init__(self, signum: int, message: str) -> None:
        super().__init__(message)
        self.code = ExitCode.HANGUP if signum == signal.SIGHUP else ExitCode.TERMINATED


def os_reason(exc: OSError) -> str:
    """Why the operating system refused, as a user should read it (a full disk said plainly)."""
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full"
    return exc.strerror or str(exc)
