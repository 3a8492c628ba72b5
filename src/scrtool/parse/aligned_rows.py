"""The rows of a whitespace-aligned table (``aligned.py`` finds its lines and cuts them into cells), line by line
and over page breaks.

A line starts a new row when its first column or its number column (found from the header words) is filled, or
when it fills a column that already has text in the row but was blank on the line above (a new row of the table
under a cell that wrapped longer), or when its first word would have fitted on the line above; otherwise it
continues the row above, each piece joined onto the cell of its column. Under a header row, a line continues the
header only while it holds no row number and leaves the first column blank (``Action`` / ``No`` wrapped).

Over a page break (``pdftotext -layout`` sets each page on its own grid, so the page's lines are cut on their own
columns first): the page's first lines are dropped when they repeat the table's last header row line for line,
and the line above the break counts as the line above, so a row split by the break is one row again (its tail
fills only columns the row's last line filled). A word a narrow column broke without a hyphen
(``Recommendatio`` / ``n``, ``missed/misinform`` / ``ation``, also over a page break) is mended when the piece
above is a single word and ``words.one_word`` says the two make one, and so is a date broken in its year
(``02/02/202`` / ``6``, ``words.broken_date``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from .cells import SYMBOL_BULLETS
from .drafts import numbered_text
from .lines import join_wrapped, text_block
from .tables import Block, Row, Table, Text
from .vocab import HEADER_WORDS, NUMBER_ROLES, RESPONSE_MARKERS, fold_header
from .words import broken_date, one_word

FIT = 0.8
"""A wrapped cell's line is full: the next line's first word would not have fitted on it (with this share of
the column's width as margin, since PDF fonts are not monospaced)."""


@dataclass(frozen=True, slots=True)
class Layout:
    """What a table tells the headerless table right under it."""

    columns: int
    number: int | None
    starts: tuple[int, ...] = ()
    """Where its columns start (on the grid of its last page)."""


class Unplaced(Exception):
    """Lines at the top of a page go on with a row of the page before, but cannot be put in its cells."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


class _Seen:
    """The words the text spells whole, lower case: read from its lines the first time one is asked for."""

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._words: set[str] | None = None

    def __contains__(self, word: object) -> bool:
        if self._words is None:
            self._words = {token.lower() for line in self._lines for token in line.split() if token.isalpha()}
        return word in self._words


_ROW_NUMBER = re.compile(r"\d+(?:\.\d{1,3})*[a-z]?[.)]?", re.IGNORECASE)


def is_row_number(cell: str) -> bool:
    """``12``, ``3.1``, ``4a``, ``7.``: a row's number, as a number column holds it."""
    return _ROW_NUMBER.fullmatch(cell) is not None


@dataclass
class RowReader:
    """The rows of one table, fed the cut lines of its blocks (one block a page) in order."""

    lines: list[str]
    columns: int
    number: int | None = None
    widths: list[int] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    starts: tuple[int, ...] = ()
    _current: Row | None = None
    _current_lines: list[list[str]] = field(default_factory=list)
    _row_lines: dict[int, int] = field(default_factory=dict)
    _header_lines: list[list[list[str]]] = field(default_factory=list)
    """The lines of each header row of the table, cells folded."""
    _repeating: list[list[str]] = field(default_factory=list)
    """The header row whose lines the top of a page is repeating."""
    _filled: set[int] = field(default_factory=set)
    _previous: list[str] | None = None
    _pieces: list[str] = field(default_factory=list)
    """The piece each cell of the current row got last, or "" when the line above left the cell blank."""
    _header: bool = False
    _words: int = 0
    _paged: bool = False
    _repeat: int = 0
    _seen: _Seen | None = None

    def page(self, widths: list[int], starts: tuple[int, ...]) -> None:
        """A new page's block of the table starts, cut on its own columns."""
        self.widths = widths
        self.starts = starts
        if self.rows:
            self._paged = True
            if self._header:
                self._header_lines.append(list(self._current_lines))

    def may_go_on(self, cells: list[str]) -> bool:
        """A line can go on with the row being read: it fills only cells the row has text in, and not its number
        (numbers do not wrap)."""
        return self._current is not None and all(
            k in self._filled and k != self.number for k, cell in enumerate(cells) if cell
        )

    def running(self) -> int | None:
        """The one cell the row's last line filled (not its number): the cell a page break cut, when the row's last
        line was the page's last; None when that line filled none or several."""
        if self._current is None or self._previous is None:
            return None
        filled = [k for k, cell in enumerate(self._previous) if cell]
        return filled[0] if len(filled) == 1 and filled[0] != self.number else None

    def repeats(self, cells: list[str]) -> bool:
        """The cells are the first line of the table's last header row again."""
        folded = [" ".join(cell.split()) for cell in cells]
        return any(folded == header[0] for header in self._header_lines)

    def blank(self) -> None:
        if not self._paged and not self._repeat:
            self._previous = None

    def add(self, index: int, cells: list[str]) -> None:
        """Line ``index`` (0-based), cut into the table's cells."""
        if self._paged or self._repeat:
            if self._skips(cells):
                return
            self._paged = False
        if self._current is None or self._starts_row(cells):
            self._start(index, cells)
        else:
            self._continue(cells)
        self._previous = cells

    def _skips(self, cells: list[str]) -> bool:
        """The line repeats the next line of the table's last header row at the top of a page."""
        folded = [" ".join(cell.split()) for cell in cells]
        if not self._repeat:
            self._repeating = next((header for header in self._header_lines if header[0] == folded), [])
            if self._repeating:
                self._repeat = 1
                return True
            return False
        if self._repeat < len(self._repeating) and folded == self._repeating[self._repeat]:
            self._repeat += 1
            return True
        self._repeat = 0
        return False

    def _start(self, index: int, cells: list[str]) -> None:
        if self._current is not None and self._header:
            self.number = _number_column(self._current.cells)
            self._header_lines.append(list(self._current_lines))
        current = Row(index + 1, list(cells))
        self.rows.append(current)
        self._current = current
        self._current_lines = [[" ".join(cell.split()) for cell in cells]]
        self._row_lines[id(current)] = 1
        self._filled = {k for k, cell in enumerate(cells) if cell}
        self._pieces = list(cells)
        self._words = _header_words(cells)
        self._header = self._words >= 2

    def _continue(self, cells: list[str]) -> None:
        current = self._current
        assert current is not None
        for k, cell in enumerate(cells):
            if cell[:1] in SYMBOL_BULLETS:  # Word's symbol bullet: an item of its own line in the cell
                cell = SYMBOL_BULLETS[cell[0]] + cell[1:]
                current.cells[k] = f"{current.cells[k]}\n{cell}" if current.cells[k] else cell
                self._filled.add(k)
            elif cell:
                above = self._pieces[k]
                if above and (  # a date broken in its year (``02/02/202`` / ``6``), or a word without its hyphen
                    broken_date(above, cell)
                    or (" " not in above and one_word(above, cell.split(" ", 1)[0], self._document()))
                ):
                    current.cells[k] += cell
                else:
                    current.cells[k] = join_wrapped(current.cells[k], cell)
                self._filled.add(k)
            self._pieces[k] = cell
        self._current_lines.append([" ".join(cell.split()) for cell in cells])
        self._row_lines[id(current)] += 1
        if self._words and not self._header:  # a header whose words wrapped onto this line
            self._header = _header_words(current.cells) >= 2

    def _document(self) -> _Seen:
        if self._seen is None:
            self._seen = _Seen(self.lines)
        return self._seen

    def _starts_row(self, cells: list[str]) -> bool:
        previous, number = self._previous, self.number
        if self._header:
            if any(is_row_number(cell) for cell in cells if cell):
                return True  # the first row under a header
            if cells[0] and numbered_text(cells[0]) is not None:
                return True  # a first cell that starts with its number (``1. The CSP should``): the first row
        elif number is not None and number < len(cells) and cells[number]:
            return True
        if previous is None:
            return True
        for k, cell in enumerate(cells):
            if cell and not previous[k] and (k == 0 or k in self._filled):
                return True
        if self._fitted(cells, previous):
            return True
        return bool(cells[0]) and fold_header(cells[0]).startswith(RESPONSE_MARKERS)

    def _fitted(self, cells: list[str], previous: list[str]) -> bool:
        """A cell's first word would have fitted on the line above (``FIT``), so that line was not a wrapped
        cell, and no cell going on from the line above starts in lower case (a sentence wrapped: ``and
        undertake`` / ``CP procedures`` beside ``importance of`` / ``recording details``) or ends a word the line
        above broke."""
        fitted = False
        for k, cell in enumerate(cells):
            if cell and previous[k]:
                if cell[0] in SYMBOL_BULLETS:
                    return False  # the cell's next bullet: a line of its own, in the same cell
                word = cell.split(" ", 1)[0]
                if word[:1].islower() or (" " not in previous[k] and one_word(previous[k], word, self._document())):
                    return False
                fitted = fitted or len(previous[k]) + 1 + len(word) <= FIT * self.widths[k]
        return fitted

    def finish(self) -> tuple[list[Block], Layout]:
        """The table (and the paragraph right under it, when its last row is one), and what it tells the next."""
        if self._current is not None and self._header:
            self.number = _number_column(self._current.cells)
        rows = self.rows
        last = rows[-1]
        trailing: Text | None = None
        indented = self.lines[last.line - 1].lstrip("\f")[:1].isspace()
        if len(rows) > 1 and self._row_lines[id(last)] == 1 and not any(last.cells[1:]) and not indented:
            rows.pop()  # a short line right under the table, in its first column only, not indented: a paragraph
            trailing = text_block(last.line, self.lines[last.line - 1].replace("\f", ""))
        blocks: list[Block] = [Table(rows)]
        if trailing is not None:
            blocks.append(trailing)
        return blocks, Layout(len(rows[0].cells), self.number, self.starts)


def iter_cut(taken: list[int], cut: dict[int, list[str]]) -> Iterator[tuple[int, list[str] | None]]:
    """Each line of a block from its first to its last, with its cells (None for a blank line)."""
    for index in range(taken[0], taken[-1] + 1):
        yield index, cut.get(index)


def _header_words(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell and len(cell) <= 40 and fold_header(cell) in HEADER_WORDS)


def header_words(cells: list[str]) -> int:
    """How many of the cells are header words."""
    return _header_words(cells)


def _number_column(cells: list[str]) -> int | None:
    for k, cell in enumerate(cells):
        if cell and HEADER_WORDS.get(fold_header(cell)) in NUMBER_ROLES:
            return k
    return None
