"""The lines of a PDF outside its ruled tables -> Text blocks, and pages with no ruling lines -> text lines laid
out by position for the aligned-table reader.

- Page furniture: a line in the top or bottom eighth of a page that the pages read repeat (digits aside:
  ``Page 3 of 41``), or a page number alone there, is not part of the plan and is left out.
- Headings: a line in a larger type than the document's body text is a heading, level 1 for the largest size
  used; a line all in bold at the body size is a bold line (level 7), as ``**Oxford Health**`` in markdown.
- Paragraphs: lines that wrapped (the next line's first word would not have fitted on the line) in the same
  type and spacing are one Text; a line that starts with a list marker starts a new one.
- Pages without ruling lines: their words are set out in columns of characters as ``pdftotext -layout`` does,
  a gap wider than a space as two spaces or more, and handed to the table finders of text files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence

from ....model import Place
from ...headings import opens_a_section
from ...tables import Block, Places, Table, Text, plain
from .page import Line, PageData

UNIT = 0.3
"""The width of a character column when a page's words are set out as text, as a share of the body text's size:
narrower than almost any text's characters are on average, so no line runs into the next column."""
ZONE = 1 / 8
"""The share of a page's height at its top and at its bottom where running headers and footers are."""
_PAGE_NUMBER = re.compile(r"(?:page\s*)?[-\u2013(]?\s*\d{1,4}\s*[-\u2013)]?(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)
_MARKER = re.compile(
    r"(?:[\u2022\u25aa\u25cf\u2023\u2043\u25e6\u2013\u2014*-]|\d{1,3}[.)]|[a-z][.)]|"
    r"\(?[ivx]{1,4}\)|recommendation\s+\d)\s",
    re.IGNORECASE,
)


def furniture(pages: Sequence[PageData]) -> set[int]:
    """The ids of the lines that are running headers, footers and page numbers."""
    found: set[int] = set()
    seen: Counter[str] = Counter()
    candidates: list[tuple[Line, str]] = []
    for page in pages:
        keys: set[str] = set()
        for item in page.items:
            if isinstance(item, Line) and (item.bottom < page.height * ZONE or item.top > page.height * (1 - ZONE)):
                key = re.sub(r"\d+", "#", item.text.lower())
                candidates.append((item, key))
                keys.add(key)
        seen.update(keys)
    for line, key in candidates:
        if seen[key] > 1 or _PAGE_NUMBER.fullmatch(line.text.strip()):
            found.add(id(line))
    return found


def body_size(pages: Sequence[PageData]) -> float:
    """The size of most of the document's characters."""
    sizes: Counter[float] = Counter()
    for page in pages:
        for item in page.items:
            if isinstance(item, Line):
                sizes[item.size] += len(item.text)
            else:
                for row in item.rows:
                    for cell in row:
                        for line in cell.lines if cell is not None else ():
                            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


class Styles:
    """The heading level of a line, from the sizes the document uses."""

    def __init__(self, pages: Sequence[PageData]) -> None:
        self.body = body_size(pages)
        larger = {
            round(item.size)
            for page in pages
            for item in page.items
            if isinstance(item, Line) and item.size >= self.body * 1.15
        }
        self.levels = {size: min(6, at + 1) for at, size in enumerate(sorted(larger, reverse=True))}

    def level(self, line: Line) -> int:
        if line.size >= self.body * 1.15:
            return self.levels.get(round(line.size), 6)
        return 7 if line.bold else 0


def paragraphs(lines: Sequence[Line], page: int, right: float, styles: Styles, places: Places) -> list[Text]:
    """Lines of one page outside tables as Text blocks: wrapped lines of a paragraph joined."""
    texts: list[Text] = []
    previous: Line | None = None
    for row in _rows(lines):
        line = row[0] if len(row) == 1 else _merged(row)
        level = styles.level(line)
        if previous is not None and _goes_on(previous, line, right) and styles.level(previous) == level:
            last = texts[-1]
            texts[-1] = Text(last.line, _join(last.text, line.text), level)
        else:
            texts.append(Text(places.add(Place(page=page)), plain(line.text), level))
        previous = line
    return texts


def _merged(row: list[Line]) -> Line:
    """Pieces of text at one height as one line (a gap in a line of prose, or text in two places)."""
    last = row[-1]
    return row[0]._replace(
        text=" ".join(line.text for line in row),
        x1=last.x1,
        bottom=max(r.bottom for r in row),
        bold=all(line.bold for line in row),
        words=sum(line.words for line in row),
    )


def _goes_on(previous: Line, line: Line, right: float) -> bool:
    if line.top - previous.bottom > 0.6 * line.size or abs(line.size - previous.size) > 0.5:
        return False
    if _MARKER.match(line.text) or (previous.text.rstrip()[-1:] in ".!?" and opens_a_section(line.text)):
        return False  # a list's item, or the next section's heading right under a sentence that ended
    return right - previous.x1 < line.first + 0.3 * line.size + 0.5


def _join(text: str, more: str) -> str:
    from ...lines import join_wrapped

    return join_wrapped(text, plain(more))


def layout(lines: Sequence[Line], body: float) -> list[tuple[str, Line | None]]:
    """Lines set out in character columns (``UNIT`` of the body size wide) as ``pdftotext -layout`` sets them: each
    word at its column, one space after the word before it at least, two when the gap is wider than a
    space; a blank line where the gap between lines is wider than a line. Each with the first Line on it."""
    column = body * UNIT
    out: list[tuple[str, Line | None]] = []
    previous: Line | None = None
    for row in _rows(lines):
        if previous is not None and row[0].top - previous.bottom > 0.8 * previous.size:
            out.append(("", None))
        text = ""
        end = 0.0
        for piece in row:
            at = round(piece.x0 / column)
            if text:
                wide = piece.x0 - end > 0.8 * piece.size
                at = max(at, len(text) + 2) if wide else len(text) + 1
            text = text.ljust(at) + piece.text
            end = piece.x1
        out.append((text, row[0]))
        previous = row[-1]
    return out


def _rows(lines: Iterable[Line]) -> list[list[Line]]:
    """Lines at the same height (the cells of one row of a table without rules) as one row, left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda item: item.top):
        if rows and abs(line.top - rows[-1][0].top) <= line.size / 3:
            rows[-1].append(line)
        else:
            rows.append([line])
    return [sorted(row, key=lambda item: item.x0) for row in rows]


def unruled(pages: Sequence[tuple[int, list[Line]]], styles: Styles, places: Places) -> tuple[list[Block], list[int]]:
    """The lines of pages without ruling lines, read as a text file is, and the pages where text stands in
    columns (an aligned table: not read, since its rows cannot be told apart for certain). Pipe and grid tables
    set in a fixed-width type are read; lines that wrapped are joined into paragraphs."""
    from ...blocks import iter_blocks
    from ...lines import GRID_STARTS

    texts: list[str] = []
    owners: list[tuple[int, Line | None]] = []
    base = len(places)
    for number, lines in pages:
        for text, owner in layout(lines, styles.body):
            texts.append(text)
            owners.append((number, owner))
            places.add(Place(page=number))
    rights = {number: max((line.x1 for line in lines), default=0.0) for number, lines in pages}
    blocks: list[Block] = []
    columns: list[int] = []
    last: tuple[int, Line | None] = (0, None)
    for block in iter_blocks(texts):
        if isinstance(block, Table):
            first = texts[block.rows[0].line - 1].lstrip()
            if "|" in first or first[:1] in GRID_STARTS:
                for row in block.rows:
                    row.line += base
                blocks.append(block)
            elif owners[block.rows[0].line - 1][0] not in columns:
                columns.append(owners[block.rows[0].line - 1][0])
            last = (0, None)
            continue
        number, owner = owners[block.line - 1]
        level = styles.level(owner) if owner is not None else block.heading
        previous = blocks[-1] if blocks else None
        if (
            isinstance(previous, Text)
            and owner is not None
            and last[1] is not None
            and last[0] == number
            and previous.heading == level
            and _goes_on(last[1], owner, rights[number])
        ):
            blocks[-1] = Text(previous.line, _join(previous.text, block.text), level)
        else:
            blocks.append(Text(block.line + base, block.text, level))
        last = (number, owner)
    return blocks, columns
