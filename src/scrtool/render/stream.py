"""Standard output and standard error: drawn by rich on a terminal, plain lines into a pipe or a file.

Whether a stream is a terminal is decided by rich's own rules (``TTY_COMPATIBLE``, ``FORCE_COLOR``, ``isatty``)
without importing rich: a command whose output goes into a pipe never imports it (rich's import alone is about a
third of a query's start-up). The rich console is made only when something is drawn on a terminal.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from functools import cached_property
from typing import TYPE_CHECKING, Literal, TextIO

from .safe import terminal

if TYPE_CHECKING:
    from rich.console import Console, RenderableType


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

        return Console(stderr=self.name == "stderr", highlight=False, markup=False, emoji=False,
                       soft_wrap=self.name == "stderr")

    @property
    def width(self) -> int:
        """The terminal's width in columns (rich's reading of it)."""
        return self.console.width

    def line(self, text: str, style: str = "", lead: str = "", lead_style: str = "") -> None:
        """One line of text (report text made safe): styled on a terminal, as it is into a pipe or file."""
        if not self.is_terminal:
            self.file.write(terminal(lead + text) + "\n")
            return
        from rich.text import Text

        shown = Text(terminal(lead), style=lead_style) + Text(terminal(text), style=style)
        self.console.print(shown, soft_wrap=True)

    def lines(self, lines: Iterable[str]) -> None:
        """Lines already made safe (render/plain.py), written at once."""
        self.file.write("".join(line + "\n" for line in lines))

    def write(self, text: str) -> None:
        """Text already made safe (render/plain.py), as it is."""
        self.file.write(text)

    def show(self, view: RenderableType) -> None:
        """A rich view: drawn on a terminal; into a pipe or a file, its text and each table as plain lines."""
        if self.is_terminal:
            self.console.print(view)
        else:
            from .views import lines

            self.lines(lines(view))
