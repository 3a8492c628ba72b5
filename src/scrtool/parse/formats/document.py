"""The contract every format reader keeps: what the user said about reading a file (``Options``), what a reader
returns (``Document``), and the one error a reader raises for a password it needs (``NeedsPassword``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ...errors import InputError, UsageError
from ...model import Notice
from ..decode import DEFAULT_MAX_SIZE
from ..tables import Block, Places


@dataclass(frozen=True, slots=True)
class Options:
    """What the user said about how to read a file."""

    max_size: int = DEFAULT_MAX_SIZE
    """The largest file (for zipped formats: the largest uncompressed content) scrtool reads, in bytes."""
    pages: tuple[int, int] | None = None
    """PDF: the first and last page to read (``--pages 30-41``), 1-based; None: find the plan's pages."""
    sheet: str | None = None
    """Excel: the one sheet to read (``--sheet NAME``); None: every visible sheet."""
    password: str | None = None
    """The password of an encrypted PDF or Office file."""


@dataclass(slots=True)
class Document:
    """What a reader found in a file: its blocks (yielded lazily where the format allows), and where they are."""

    blocks: Iterable[Block]
    sha256: str
    """Hash of the file's bytes."""
    lines: int
    """For progress: the text file's lines, or the number of places once ``blocks`` has been read."""
    places: Places | None = None
    """Where each ordinal ``line`` of a block is, for Word, PDF and Excel; None when lines are the file's lines."""
    title: str | None = None
    """The document's own title when it states one (a web page's ``<title>`` or ``<h1>``)."""
    notices: list[Notice] = field(default_factory=list)
    """What the reader noticed (tables skipped, hidden sheets, colours it could not read), filled as it reads."""
    text_lines: list[str] | None = None
    """A text file's lines (for saying why it holds no plan); None for other formats."""


def page_range(text: str) -> tuple[int, int]:
    """``--pages 30-41`` (or ``7``, or ``30–41``) as the first and last page; a UsageError when it is not one."""
    first, dash, last = text.strip().replace("\u2013", "-").partition("-")
    try:
        pages = (int(first), int(last) if dash else int(first))
    except ValueError:
        raise UsageError(f"--pages takes a page or a range of pages such as 30-41, not {text!r}") from None
    if not 1 <= pages[0] <= pages[1] <= 100_000:
        raise UsageError(f"--pages {text!r}: pages are counted from 1, the first no later than the last")
    return pages


class NeedsPassword(InputError):
    """The file is encrypted with a password the user must give."""
