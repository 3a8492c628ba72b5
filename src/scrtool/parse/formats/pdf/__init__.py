"""PDF files -> blocks: ruled tables cell by cell (pdfplumber finds the cells from the rules), the text around
them as headings and paragraphs, and pages without ruling lines by the positions of their words.

Which pages: ``--pages`` when given (Options.pages); else a fast scan of every page's text (``scan``) finds the
pages with a plan's table header, and the pages from the first to the last of them are read, and any pages after
that its last table runs on to. A report's other pages are not read (a notice says which).

Refused in one line each: a PDF with no text (a scan: run OCR first), one that needs a password to open (an
owner password alone, which only restricts printing or copying, does not stop it being read), a damaged file,
and more than ``MAX_PAGES`` pages to read at once (give ``--pages``).
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from typing import Any

from ....errors import InputError, UsageError
from ....model import Notice
from ...decode import _read_bytes
from ...headings import first_line
from ...tables import Places, Table
from ..document import Document, NeedsPassword, Options
from ..skipping import colours_notice
from .assemble import blocks_of, ends_in_table, starts_with_table
from .join import Shades
from .page import PageData, read_page
from .scan import password_message, scan

MAX_PAGES = 300
"""Pages read in one import at most: reading a page's tables takes 0.02-0.1 s, so 300 pages take 30 s at most."""
UNRULED = (
    "the table has no ruling lines between its cells, so its rows cannot be told apart for certain "
    "(scrtool reads a PDF's tables by their rules): import the document the plan was made from (Word or "
    "Excel) instead, or its text as pdftotext -layout sets it out (scrtool reads that text by its columns)"
)
OCR = (
    "has no text to read: its pages are images (a scan?). Make its text readable with OCR first, e.g. "
    "ocrmypdf in.pdf out.pdf, and import that"
)


def read(path: str, options: Options) -> Document:
    data = _read_bytes(path, options.max_size)
    sha256 = hashlib.sha256(data).hexdigest()
    notices: list[Notice] = []
    title = None
    if options.pages is None:
        found = scan(data, path, options.password)
        if not found.chars:
            raise InputError(path, OCR)
        first, last, count = *_plan_pages(path, found.plan, found.pages), found.pages
        pages = _read(data, path, options.password, first, last, extend=True)
        if pages[0].number > 1 or pages[-1].number < count:
            notices.append(_skipped(pages, count))
        if pages[0].number > 1 and found.first:
            title = first_line(found.first)  # the report's, not its appendix's heading
    else:
        first, last = options.pages
        pages = _read(data, path, options.password, first, last, extend=False)
        if not any(page.chars for page in pages):
            raise InputError(path, f"pages {first}-{last} {OCR[4:]}" if last > first else f"page {first} {OCR[4:]}")
    places = Places()
    shades = Shades()
    blocks, columns = blocks_of(pages, places, shades)
    if columns:
        at = spans(columns)
        if not any(isinstance(block, Table) for block in blocks):
            raise InputError(path, UNRULED, where=at)
        notices.append(
            Notice(1, f"text set in columns without ruling lines was not read as a table: {UNRULED}", where=at)
        )
    if notices:
        notices = [Notice(blocks[0].line if blocks else 1, notice.message, notice.where) for notice in notices]
    if shades.counts:
        notices.append(colours_notice(shades.line, shades.counts))
    return Document(blocks, sha256, len(places), title=title, places=places, notices=notices)


def _plan_pages(path: str, plan: list[int], count: int) -> tuple[int, int]:
    """The first and last page to read: those with a plan's header, or every page of a short file."""
    if plan:
        first, last = plan[0], plan[-1]
    else:
        first, last = 1, count
    if last - first + 1 > MAX_PAGES:
        where = f"pages {first}-{last} have a plan's table headers" if plan else "no page has a plan's table header"
        raise InputError(
            path,
            f"has {count:,} pages and {where}: say which pages to read with --pages FIRST-LAST "
            f"(at most {MAX_PAGES} at once)",
        )
    return first, last


def spans(pages: Sequence[int]) -> str:
    """``page 3``, ``pages 1-12``, ``pages 2-4 and 7``."""
    runs: list[list[int]] = []
    for number in pages:
        if runs and number == runs[-1][1] + 1:
            runs[-1][1] = number
        else:
            runs.append([number, number])
    parts = [f"{a}-{b}" if b > a else str(a) for a, b in runs]
    return ("pages " if len(pages) > 1 else "page ") + (
        ", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0]
    )


def _skipped(pages: Sequence[PageData], count: int) -> Notice:
    first, last = pages[0].number, pages[-1].number
    left = [n for n in range(1, count + 1) if not first <= n <= last]
    return Notice(
        1,
        f"read {spans(range(first, last + 1))}, where the plan's tables are; {spans(left)} not read "
        f"(no table header of a plan there): --pages 1-{count} reads every page",
    )


def _read(data: bytes, path: str, password: str | None, first: int, last: int, extend: bool) -> list[PageData]:
    """Pages ``first`` to ``last`` (and, with ``extend``, the pages after that a table runs on to)."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect

    broken = _damaged()
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password=password or "")
    except PDFPasswordIncorrect:
        raise NeedsPassword(path, password_message(password)) from None
    except broken as exc:
        raise InputError(path, f"is a damaged PDF file that cannot be read ({type(exc).__name__})") from None
    with pdf:
        count = _count(pdf, path, broken)
        if last > count:
            raise UsageError(f"--pages {first}-{last}: {path} has {count} page{'s' if count > 1 else ''}")
        if last - first + 1 > MAX_PAGES:
            raise UsageError(f"--pages {first}-{last}: at most {MAX_PAGES} pages are read at once")
        pages = [_page(pdf, number, path, broken) for number in range(first, last + 1)]
        while extend and pages[-1].number < count and len(pages) < MAX_PAGES and ends_in_table(pages[-1]):
            following = _page(pdf, pages[-1].number + 1, path, broken)
            if not starts_with_table(following, pages[-1]):
                break
            pages.append(following)
    return pages


def _count(pdf: Any, path: str, broken: tuple[type[BaseException], ...]) -> int:
    try:
        return len(pdf.pages)
    except broken as exc:
        raise InputError(path, f"is a damaged PDF file that cannot be read ({type(exc).__name__})") from None


def _page(pdf: Any, number: int, path: str, broken: tuple[type[BaseException], ...]) -> PageData:
    page = pdf.pages[number - 1]
    try:
        return read_page(page, number)
    except broken as exc:
        raise InputError(path, f"page {number} is damaged and cannot be read ({type(exc).__name__})") from None
    finally:
        page.close()


def _damaged() -> tuple[type[BaseException], ...]:
    """What pdfminer raises on a broken file: its own errors, and the plain ones its parser lets through."""
    import struct
    import zlib

    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.pdftypes import PDFException
    from pdfminer.psexceptions import PSException

    return (
        PDFSyntaxError,
        PDFException,
        PSException,
        ValueError,
        KeyError,
        TypeError,
        IndexError,
        AttributeError,
        AssertionError,
        struct.error,
        zlib.error,
        RecursionError,
    )
