"""The progress bar of a long import, on a terminal: files done, table rows read, rows a second.

Drawn on stderr by rich, and gone when the import ends (the summary lines stay). An import shows it only when it
is worth watching: several files, or one of at least ``LARGE`` bytes; never into a pipe or a dumb terminal, never
with ``--quiet``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .safe import terminal

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn, TaskID

    from .stream import Stream

LARGE = 1_000_000
"""Bytes: one file this large (about 2,500 actions) takes long enough to show a bar for."""


class Meter:
    """What an import tells of its progress; this one shows nothing (see ``Silent`` and ``Bar``). A plain class,
    not a ``typing.Protocol``: building a protocol class costs every start a millisecond or two."""

    def file(self, name: str, size: int) -> None:
        """Reading of the next file begins."""

    def rows(self, read: int, line: int, lines: int) -> None:
        """``read`` table rows of the current file read so far, up to ``line`` of its ``lines``."""

    def storing(self) -> None:
        """The current file is read; its records are being stored."""

    def done(self) -> None:
        """The current file is finished (stored, or failed)."""


class Silent(Meter):
    """No bar: into a pipe, with ``--quiet``, or for a small import."""


class Bar(Meter):
    """A rich progress bar over the bytes of every file; rows and rate counted across files."""

    def __init__(self, progress: Progress, files: int, total_bytes: int) -> None:
        self._progress = progress
        self._files = files
        self._task: TaskID = progress.add_task(
            "", total=max(total_bytes, 1), files=f"0/{files} files", rows="0 rows", rate=""
        )
        self._started = time.perf_counter()
        self._done_files = 0
        self._done_bytes = 0
        self._done_rows = 0
        self._name = ""
        self._size = 0
        self._read = 0

    def file(self, name: str, size: int) -> None:
        self._name, self._size, self._read = terminal(name), size, 0
        self._update("reading", 0.0)

    def rows(self, read: int, line: int, lines: int) -> None:
        self._read = read
        self._update("reading", line / lines if lines else 0.0)

    def storing(self) -> None:
        self._update("storing", 1.0)

    def done(self) -> None:
        self._done_files += 1
        self._done_bytes += self._size
        self._done_rows += self._read
        self._name, self._size, self._read = "", 0, 0
        self._update("", 0.0)

    def _update(self, doing: str, fraction: float) -> None:
        rows = self._done_rows + self._read
        elapsed = time.perf_counter() - self._started
        rate = f"{rows / elapsed:,.0f} rows/s" if elapsed > 0 and rows else ""
        self._progress.update(
            self._task,
            completed=self._done_bytes + fraction * self._size,
            description=f"{doing} {self._name}".strip(),
            files=f"{self._done_files}/{self._files} files",
            rows=f"{rows:,} rows",
            rate=rate,
        )


@contextmanager
def meter(err: Stream, sizes: Sequence[int], quiet: bool, stdout_is_terminal: bool) -> Iterator[Meter]:
    """A bar for an import of files of these sizes, when it is worth one and both streams are a terminal that can
    redraw a line (not ``TERM=dumb``)."""
    if (
        quiet
        or not (stdout_is_terminal and err.is_terminal)
        or (len(sizes) < 2 and sum(sizes) < LARGE)
        or not err.console.is_interactive
    ):
        yield Silent()
        return
    from rich.progress import Progress

    with Progress(*columns(), console=err.console, transient=True) as progress:
        yield Bar(progress, len(sizes), sum(sizes))


def columns() -> tuple[ProgressColumn, ...]:
    """What the bar shows: the file and what is done to it, the bar, percent of bytes, files, rows, rate, time."""
    from rich.progress import BarColumn, TaskProgressColumn, TextColumn, TimeElapsedColumn

    return (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        TaskProgressColumn(),
        *(TextColumn(f"{{task.fields[{name}]}}", markup=False) for name in ("files", "rows", "rate")),
        TimeElapsedColumn(),
    )
