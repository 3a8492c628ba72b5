"""The pieces of a ruled table on consecutive pages -> one table of whole rows.

- A table goes on over a page break when its piece is the last thing on one page and the next page starts
  with a piece whose columns have the same edges; the header rows the next page repeats are dropped (and
  marked as the table's header).
- A row split over the page break: the next page's first row is the rest of the last row when the last piece
  reached the bottom of its page and every cell the next row fills goes on from the cell above: that cell was
  filled down to the bottom of the page, and its first word would not have fitted on the line above it (an
  agency name that wrapped goes on too, not only the text); a number in the same column of both rows makes it
  a new row.
- A cell's lines are one text: a line that wrapped is joined with a space (a word hyphenated at the line end
  keeps its hyphen), a line whose next word would have fitted on it ends a paragraph (a new line in the cell),
  and a word a narrow column broke without a hyphen is mended (``Recommendati`` / ``on``: the line holds only
  that piece and is full, and ``words.one_word`` says the pieces are one word).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass, field

from ....model import Place
from ...colours import hue_name, rag_word
from ...lines import join_wrapped
from ...tables import Places, Row, Table, plain
from ...words import bare, broken_date, one_word
from .page import BULLETS, EDGE, Cell, Line, Piece

_NUMBER = re.compile(r"\d{1,4}(?:\.\d{1,3})*[a-z]?[.)]?", re.IGNORECASE)


@dataclass(slots=True)
class Part:
    """One cell's box and lines on one page (a row split over a page break has two parts in a cell)."""

    x0: float
    x1: float
    lines: list[Line]
    fill: tuple[int, int, int] | None = None


@dataclass(slots=True)
class Joined:
    """A table whose pieces are being joined: rows of cells (a list of parts each; None: spanned over)."""

    edges: tuple[float, ...]
    rows: list[list[list[Part] | None]] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    """The page each row starts on."""
    headers: set[int] = field(default_factory=set)
    """Rows a later page repeats at its top: a header."""
    starts: list[int] = field(default_factory=list)
    """The rows each piece started with (a header repeated on the next page repeats one of these)."""
    last: Piece | None = None
    pad: float | None = None
    """The space between a cell's rules and its text (the least seen: text set on the left)."""

    def add(self, piece: Piece, reached: bool) -> None:
        """Add the next page's piece (``reached``: the last piece reached the bottom of its page)."""
        rows = list(range(len(piece.rows)))
        self.pad = min(_padding(piece), self.pad if self.pad is not None else 1e9)
        start, repeated = _repeated(self, piece)
        if repeated:
            self.headers.update(range(start, start + repeated))
            rows = rows[repeated:]
        if rows and self.last is not None and self.rows and reached and _is_tail(self.last, piece, rows[0], self.pad):
            for k, cell in enumerate(piece.rows[rows[0]]):
                target = self.rows[-1][k]
                if cell is not None and cell.lines:
                    if target is None:
                        self.rows[-1][k] = [_part(cell)]
                    else:
                        target.append(_part(cell))
            rows = rows[1:]
        if rows:
            self.starts.append(len(self.rows))
        for r in rows:
            self.rows.append([None if cell is None else [_part(cell)] for cell in piece.rows[r]])
            self.pages.append(piece.page)
        self.last = piece


def _part(cell: Cell) -> Part:
    return Part(cell.box[0], cell.box[2], cell.lines, cell.fill)


def same_edges(a: tuple[float, ...], b: tuple[float, ...]) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= EDGE for x, y in zip(a, b, strict=True))


def _texts(cells: list[Cell | None]) -> list[str]:
    return [" ".join(line.text for line in cell.lines) if cell is not None else "" for cell in cells]


def _repeated(table: Joined, piece: Piece) -> tuple[int, int]:
    """Where the rows the piece starts with were seen before (at the start of an earlier piece: a header
    repeated on each page), and how many of them (up to three, and not the piece's last row)."""
    for start in reversed(table.starts):
        count = 0
        for at, cells in enumerate(piece.rows[: min(3, len(piece.rows) - 1)]):
            if start + at >= len(table.rows):
                break
            mine = [
                " ".join(line.text for part in cell for line in part.lines) if cell else ""
                for cell in table.rows[start + at]
            ]
            if _texts(cells) != mine or not any(mine):
                break
            count = at + 1
        if count:
            return start, count
    return 0, 0


def _is_tail(last: Piece, piece: Piece, first: int, pad: float) -> bool:
    """The piece's row ``first`` is the rest of the last piece's last row (see the module's doc)."""
    above = last.rows[-1]
    bottom = last.bottoms[-1]
    inset = min((c.lines[0].top - c.box[1] for c in above if c is not None and c.lines), default=0.0)
    for k, cell in enumerate(piece.rows[first]):
        if cell is None or not cell.lines:
            continue
        over = above[k]
        if over is None or not over.lines:
            return False
        low = over.lines[-1]
        if bottom - low.bottom > max(inset, 0.0) + 0.8 * low.size:
            return False  # that cell's text ended a line or more higher up: none of it went on to the next page
        if fits(low, cell.lines[0], over.box[2] - over.box[0] - 2 * pad):
            return False  # its first word would have fitted on the line above: the cell above was complete
        if _NUMBER.fullmatch(_texts([cell])[0]) and _NUMBER.fullmatch(_texts([over])[0]):
            return False
    return True


def fits(previous: Line, line: Line, width: float) -> bool:
    """The line's first word would have fitted at the end of the line before it (in a box ``width`` wide):
    the line before ended a paragraph, it did not wrap."""
    return width > 0 and line.first + 0.28 * line.size < width - (previous.x1 - previous.x0) - 0.5


@dataclass(slots=True)
class Shades:
    """Cells shaded in a hue that names no RAG word (a purple, a pink: ``RRGGBB`` -> how many), for the one notice
    a Word document gives too (``skipping.colours_notice``), and the line of the first; header rows not counted."""

    counts: dict[str, int] = field(default_factory=dict)
    line: int = 0

    def add(self, rgb: tuple[int, int, int], line: int) -> None:
        code = "".join(f"{part:02X}" for part in rgb)
        self.counts[code] = self.counts.get(code, 0) + 1
        self.line = self.line or line


def to_table(joined: Joined, places: Places, seen: Container[str], shades: Shades) -> Table:
    """The joined rows as a Table of clean cells, each row placed on the page it starts on."""
    pad = joined.pad or 0.0
    rows: list[Row] = []
    for at, cells in enumerate(joined.rows):
        texts = ["" if parts is None else cell_text(parts, pad, seen) for parts in cells]
        row = Row(places.add(Place(page=joined.pages[at])), texts, header=at in joined.headers)
        if at and not row.header:
            row.fills = _fills(cells, row.line, shades)
        rows.append(row)
    return Table(rows, clean=True)


def _fills(cells: list[list[Part] | None], line: int, shades: Shades) -> list[str | None] | None:
    """Each cell's RAG word by the hue of its shading (``parse/colours.py``, as a Word cell's); None when no
    cell's shading names one. A shading of another hue is counted in ``shades``; greys, white and black are no
    statement at all."""
    words: list[str | None] = []
    for parts in cells:
        fill = parts[0].fill if parts else None
        word = rag_word(fill) if fill is not None else None
        if fill is not None and word is None and hue_name(fill) is not None:
            shades.add(fill, line)
        words.append(word)
    return words if any(words) else None


def _padding(piece: Piece) -> float:
    """The least space between a cell's left rule and its first line."""
    gaps = [cell.lines[0].x0 - cell.box[0] for row in piece.rows for cell in row if cell is not None and cell.lines]
    return max(0.0, min(gaps)) if gaps else 0.0


def cell_text(parts: list[Part], pad: float, seen: Container[str]) -> str:
    """A cell's lines (over one page or two) as its text."""
    text = ""
    previous: Line | None = None
    right = 0.0
    for part in parts:
        right = part.x1 - pad
        for line in part.lines:
            # the room the line before had: from where it starts (a bullet's text is indented) to the right
            text = line.text if previous is None else _join(text, previous, line, max(0.0, right - previous.x0), seen)
            previous = line
    return plain(text)


def _join(text: str, previous: Line, line: Line, width: float, seen: Container[str]) -> str:
    slack = width - (previous.x1 - previous.x0)
    last = previous.text.rsplit(" ", 1)[-1]
    if broken_date(last, line.text):
        return text + line.text  # a date broken in its year (``31/03/20`` / ``26``): a narrow column's break
    if (
        slack <= line.size
        and (previous.words == 1 or bare(last).isalpha())
        and one_word(last, line.text.split(" ", 1)[0], seen)
    ):
        return text + line.text  # a word broken where the line ended (in a narrow column, or a long word)
    if fits(previous, line, width) or line.text[:1] in BULLETS:
        return f"{text}\n{line.text}"  # its first word would have fitted above: a new paragraph
    return join_wrapped(text, line.text)
