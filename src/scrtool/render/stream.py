"""Standard output and standard error: drawn by rich on a terminal, plain lines into a pipe or a file.

Everything written through a ``Stream`` goes through the one sanitiser (``safe.terminal``): lines, text, and every
piece of text of a rich view (its segments, not rich's own styling codes), so no control character or bidi
override from a plan, a file name or the store reaches the terminal, whichever view or message forgets.

Whether a stream is a terminal is decided by rich's own rules (``TTY_COMPATIBLE``, ``FORCE_COLOR``, ``isatty``)
without importing rich: a command whose output goes into a pipe never imports it (rich's import alone is about a
third of a query's start-up). The rich console is made only when something is drawn on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TextIO

from .safe import one_line, terminal

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment


def is_terminal(stream: object) -> bool:
    """What ``rich.console.Console(file=stream).is_terminal`` says (tests/test_render.py holds them equal)."""
    compatible = os.environ.get("TTY_COMPATIBLE", "")
    if compatible in ("0", "1"):
        return compatible == "1"
    force = os.environ.get("FORCE_COLOR")
    if force is not None:
        return force != ""
    isatty = getattr(stream, "isatty", None)
    try:
        return False if isatty is None else bool(isatty())
    except ValueError:  # a closed file
        return False


class Stream:
    """``sys.stdout`` or ``sys.stderr`` as it is when written to (a test runner may swap them)."""

    def __init__(self, name: Literal["stdout", "stderr"]) -> None:
        self.name = name

    @property
    def file(self) -> TextIO:
        file: TextIO = getattr(sys, self.name)
        return file

    @cached_property
    def is_terminal(self) -> bool:
        return is_terminal(self.file)

    @cached_property
    def console(self) -> Console:
        """The rich console for drawing; messages on stderr are never wrapped."""
        from rich.console import Console

        return Console(
            stderr=self.name == "stderr", highlight=False, markup=False, emoji=False, soft_wrap=self.name == "stderr"
        )

    @property
    def width(self) -> int:
        """The terminal's width in columns (rich's reading of it)."""
        return self.console.width

    def line(self, text: str, style: str = "", lead: str = "", lead_style: str = "") -> None:
        """One line of text, made safe and kept on one line (``safe.one_line``): styled on a terminal, as it is
        into a pipe or file."""
        if not self.is_terminal:
            self.file.write(one_line(lead + text) + "\n")
            return
        from rich.text import Text

        shown = Text(one_line(lead), style=lead_style) + Text(one_line(text), style=style)
        self.console.print(shown, soft_wrap=True)

    def lines(self, lines: Iterable[str]) -> None:
        """Lines (render/plain.py keeps each on one line), made safe and written at once."""
        self.file.write(terminal("".join(line + "\n" for line in lines)))

    def write(self, text: str) -> None:
        """Text made safe, its line breaks and tabs as they are (a chunk of TSV, CSV or JSON lines)."""
        self.file.write(terminal(text))

    def draw(self, view: RenderableType) -> None:
        """A rich view drawn as it is on a terminal, wherever the output goes (``--format table`` into a pipe:
        rich's width is then $COLUMNS or 80, and it writes no colour)."""
        self.console.print(Sanitised(view))

    def show(self, view: RenderableType) -> None:
        """A rich view: drawn on a terminal; into a pipe or a file, its text and each table as plain lines."""
        if self.is_terminal:
            self.draw(view)
        else:
            from .views import lines

            self.lines(lines(view))


class Sanitised:
    """A rich view whose text is made safe as it is drawn: every segment of text rich renders goes through
    ``safe.terminal`` (rich's control segments, which move the cursor, are its own). The views make their text
    safe before layout (``views.t``), so columns are measured right; this is the net under them."""

    def __init__(self, view: RenderableType) -> None:
        self.view = view

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Segment]:
        from rich.segment import Segment

        for segment in console.render(self.view, options):
            if segment.control or (segment.text.isascii() and segment.text.isprintable()):
                yield segment
            else:
                yield Segment(terminal(segment.text), segment.style)
