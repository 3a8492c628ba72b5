"""Whitespace-aligned columns (``pdftotext -layout``, text pasted from a PDF) -> the same Table/Row blocks.

    Rec No.   Recommendation                      IMR Agency           IMR Action No.
    1         All agencies must make sure that    Riverside Health     Actions: 2, 4
              when a parent has a mental illness
                                                  Children's Services  Action 1

A block starts on a line of three or more pieces separated by runs of two or more spaces. Its column gaps are
the runs of positions that are blank in every line of the block (the "rivers"): they start as the first
line's gaps and only narrow as lines are added, and a line may open a new column inside a wide gap (a column
the first line left empty). A line that fills a gap from side to side crosses a column boundary: it is not
part of the table (a heading, a paragraph), and the block ends before it. A gap seen by only one line (a
double space inside a cell of the first line) is dropped rather than ending the block. Blank lines (up to
two) and page breaks (form feeds) may sit inside a block; after a blank line only a line of two or more
pieces goes on with it, and not one whose pieces start off the block's columns when a table starts there
(the next table of a plan, set on its own grid: its header, or its rows continuing the table above). A block
is a table when it has at least three columns and at least two lines with text in two or more of them, one
piece to a column (no wide gap left inside a cell); otherwise its first line is text and the search goes on
from the next line.

Rows: a line starts a new row when its first column or its number column (found from the header words) is
filled, or when it fills a column that already has text in the row but was blank on the line above (a new
row of the table under a cell that wrapped longer); otherwise it continues the row above, each piece joined
onto the cell of its column. Under a header row, a line continues the header only while it holds no
row number (in a cell of its own, or starting the first cell: ``1. The CSP should``) and leaves the first
column blank (``Action`` / ``No`` wrapped).

Limits: cells merged vertically in the PDF (an agency row printed beside a wrapped recommendation, on the
same line) read as one row with both texts joined; vertically centred cells are read as rows of their own
(build.py folds blank-numbered rows into the row above); a column that is blank in every line of a block
without a header line is not seen (the row has one cell fewer; build.py warns) unless the table above has it
(the block's columns are then put on that table's, when each starts within ``SHIFT`` positions of one); page
headers and footers inside a table are read as table text; a word hyphenated at a line end keeps its hyphen
(``assess-ment``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .drafts import numbered_text
from .lines import GRID_STARTS, is_delimiter_row, join_wrapped, text_block
from .tables import Block, Row, Table, Text
from .vocab import HEADER_WORDS, NUMBER_ROLES, RESPONSE_MARKERS, fold_header

FIT = 0.8
"""A wrapped cell's line is full: the next line's first word would not have fitted on it (with this share of
the column's width as margin, since PDF fonts are not monospaced)."""
SHIFT = 4
"""A headerless table's columns may start this many positions off the columns of the table above it (pdftotext
sets each page on its own grid) and still be read on its columns."""
MAX_BLANKS = 2
"""Blank lines that may sit inside a block (pdftotext puts them between rows and at page breaks)."""

_PIECE = re.compile(r"\S+(?: \S+)*")
_NOT_SPACE = re.compile(r"[^ ]")
_FREE = re.compile(r"0+")
_ROW_NUMBER = re.compile(r"\d+(?:\.\d{1,3})*[a-z]?[.)]?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Layout:
    """What a table tells the headerless table right under it."""

    columns: int
    number: int | None
    starts: tuple[int, ...] = ()
    """Where its columns start."""


def _prepare(line: str) -> str:
    if "\f" in line:  # pdftotext starts a page's first line with one; anywhere else it parts two words
        line = line.lstrip("\f").replace("\f", " ")
    if "\t" in line:
        line = line.expandtabs(8)
    if "\xa0" in line:
        line = line.replace("\xa0", " ")
    return line.rstrip()


def _mask(line: str) -> int:
    """Bit ``p`` set when position ``p`` of the line holds a character."""
    return int(_NOT_SPACE.sub("1", line).replace(" ", "0")[::-1] or "0", 2)


def _runs(mask: int, low: int, high: int) -> list[tuple[int, int]]:
    """Runs ``[a, b)`` of blank positions of ``mask`` between ``low`` and ``high``."""
    bits = format(mask, "b")[::-1].ljust(high, "0")
    return [(m.start(), m.end()) for m in _FREE.finditer(bits, low, high)]


def _span(a: int, b: int) -> int:
    return ((1 << (b - a)) - 1) << a


class _Block:
    """The lines of an aligned block as they are added, with the column gaps they share."""

    def __init__(self, mask: int) -> None:
        self.masks = [mask]
        self.union = mask
        low, high = _extent(mask)
        self.gaps = [(a, b) for a, b in _runs(mask, low, high) if b - a >= 2]

    def add(self, mask: int) -> bool:
        """Add a line, or refuse it (False) when it crosses a gap that more than one line has kept."""
        crossed = [gap for gap in self.gaps if mask & _span(*gap) == _span(*gap)]
        if crossed:
            if any(self._confirmations(gap) > 1 for gap in crossed) or len(self.gaps) - len(crossed) < 2:
                return False
            self.gaps = [gap for gap in self.gaps if gap not in crossed]
        union = self.union | mask
        low, high = _extent(union)
        runs = _runs(union, low, high)
        kept = {run for run in runs if run[1] - run[0] >= 2}
        for ga, gb in self.gaps:  # a gap the line narrowed below two spaces is kept, at its widest
            inside = [run for run in runs if ga <= run[0] and run[1] <= gb]
            if inside and not any(run in kept for run in inside):
                kept.add(max(inside, key=lambda run: run[1] - run[0]))
        self.gaps = sorted(kept)
        self.union = union
        self.masks.append(mask)
        return True

    def _confirmations(self, gap: tuple[int, int]) -> int:
        """Lines with text in both columns beside the gap."""
        at = self.gaps.index(gap)
        left = _span(self.gaps[at - 1][1] if at else 0, gap[0])
        right_end = self.gaps[at + 1][0] if at + 1 < len(self.gaps) else max(self.union.bit_length(), gap[1] + 1)
        right = _span(gap[1], right_end)
        return sum(1 for m in self.masks if m & left and m & right)

    def columns(self) -> list[tuple[int, int | None]]:
        starts = [0] + [b for _, b in self.gaps]
        ends: list[int | None] = [a for a, _ in self.gaps] + [None]
        return list(zip(starts, ends, strict=True))


def _extent(mask: int) -> tuple[int, int]:
    if not mask:
        return 0, 0
    return (mask & -mask).bit_length() - 1, mask.bit_length()


def read_aligned(lines: list[str], start: int, carry: Layout | None) -> tuple[list[Block], int, Layout | None] | None:
    """The aligned table starting on line ``start`` (plus any text it ends with) and the index after it."""
    first = _prepare(lines[start])
    if len(_PIECE.findall(first)) < 3:
        return None
    block = _Block(_mask(first))
    taken = [start]
    index = start + 1
    blanks = 0
    count = len(lines)
    while index < count:
        if "\f" in lines[index]:
            break  # a new page: pdftotext lays out each page on its own grid
        line = _prepare(lines[index])
        if not line.strip():
            blanks += 1
            if blanks > MAX_BLANKS:
                break
            index += 1
            continue
        if _other_shape(line, lines[index + 1] if index + 1 < count else "") or \
                (blanks and len(_PIECE.findall(line)) < 2):
            break
        if blanks and not _on_grid(line, block) and read_aligned(lines, index, None) is not None:
            break  # a table of its own under this one, on another grid
        if not block.add(_mask(line)):
            break
        taken.append(index)
        blanks = 0
        index += 1
    columns = block.columns()
    if len(columns) < 3:
        return None
    cut = {i: _cut(_prepare(lines[i]), columns) for i in taken}
    if sum(1 for cells in cut.values() if sum(1 for c in cells if c) >= 2 and not any("  " in c for c in cells)) < 2:
        return None  # fewer than two lines whose pieces sit one to a column
    starts = tuple(a for a, _ in columns)
    if carry is not None and carry.columns > len(columns):
        spread = _onto(starts, carry.starts)
        if spread is not None:  # a column blank in every line of this block: the one above has it
            cut = {i: [cells[spread.index(k)] if k in spread else "" for k in range(carry.columns)]
                   for i, cells in cut.items()}
            starts = carry.starts
    found = _rows(taken, cut, lines, carry if carry is not None and carry.columns == len(starts) else None)
    return found[0], found[1], Layout(found[2].columns, found[2].number, starts)


def _onto(starts: tuple[int, ...], wider: tuple[int, ...]) -> list[int] | None:
    """The column of ``wider`` each of ``starts`` is (the nearest start, at most ``SHIFT`` away, in order); None
    when they do not fit so."""
    found: list[int] = []
    for start in starts:
        near = min(range(len(wider)), key=lambda k: abs(wider[k] - start))
        if abs(wider[near] - start) > SHIFT or (found and near <= found[-1]):
            return None
        found.append(near)
    return found


def _on_grid(line: str, block: _Block) -> bool:
    """Every piece of the line starts where a column of the block starts (one position either way)."""
    starts = [a for a, _ in block.columns()]
    return all(any(abs(piece.start() - start) <= 1 for start in starts) for piece in _PIECE.finditer(line))


def _other_shape(line: str, following: str) -> bool:
    """A line another finder reads: a pipe-table row or header, a grid border, a tab-separated row."""
    body = line.strip()
    if body[:1] in GRID_STARTS or body.startswith("|") or line.count("\t") >= 2:
        return True
    return "|" in body and (is_delimiter_row(body) or is_delimiter_row(following.strip()))


def _cut(line: str, columns: list[tuple[int, int | None]]) -> list[str]:
    return [line[a:b].strip() for a, b in columns]


def _rows(taken: list[int], cut: dict[int, list[str]], lines: list[str],
          carry: Layout | None) -> tuple[list[Block], int, Layout]:
    rows: list[Row] = []
    widths = [max(len(cells[k]) for cells in cut.values()) for k in range(len(cut[taken[0]]))]
    number = carry.number if carry else None
    header = False
    words = 0
    current: Row | None = None
    filled: set[int] = set()
    previous: list[str] | None = None
    row_lines: dict[int, int] = {}
    for index in range(taken[0], taken[-1] + 1):
        cells = cut.get(index)
        if cells is None:
            previous = None  # a blank line
            continue
        if current is None or _starts_row(cells, previous, filled, number, header, widths):
            if current is not None and header:
                number = _number_column(current.cells)
            current = Row(index + 1, list(cells))
            rows.append(current)
            row_lines[id(current)] = 1
            filled = {k for k, cell in enumerate(cells) if cell}
            words = _header_words(cells)
            header = words >= 2
        else:
            for k, cell in enumerate(cells):
                if cell:
                    current.cells[k] = join_wrapped(current.cells[k], cell)
                    filled.add(k)
            row_lines[id(current)] += 1
            if words and not header:  # a header whose words wrapped onto this line
                header = _header_words(current.cells) >= 2
        previous = cells
    if current is not None and header:
        number = _number_column(current.cells)
    blocks: list[Block] = []
    last = rows[-1]
    trailing: Text | None = None
    indented = lines[last.line - 1][:1].isspace()
    if len(rows) > 1 and row_lines[id(last)] == 1 and not any(last.cells[1:]) and not indented:
        rows.pop()  # a short line right under the table, in its first column only, not indented: a paragraph
        trailing = text_block(last.line, lines[last.line - 1])
    blocks.append(Table(rows))
    if trailing is not None:
        blocks.append(trailing)
    return blocks, taken[-1] + 1, Layout(len(rows[0].cells), number)


def _starts_row(cells: list[str], previous: list[str] | None, filled: set[int], number: int | None,
                header: bool, widths: list[int]) -> bool:
    if header:
        if any(_ROW_NUMBER.fullmatch(cell) for cell in cells if cell):
            return True  # the first row under a header
        if cells[0] and numbered_text(cells[0]) is not None:
            return True  # a first cell that starts with its number (``1. The CSP should``): the first row
    elif number is not None and number < len(cells) and cells[number]:
        return True
    if previous is None:
        return True
    for k, cell in enumerate(cells):
        if cell and not previous[k] and (k == 0 or k in filled):
            return True
        if cell and previous[k] and len(previous[k]) + 1 + len(cell.split(" ", 1)[0]) <= FIT * widths[k]:
            return True  # the word would have fitted on the line above: not a wrapped cell
    return bool(cells[0]) and fold_header(cells[0]).startswith(RESPONSE_MARKERS)


def _header_words(cells: list[str]) -> int:
    return sum(1 for cell in cells if cell and len(cell) <= 40 and fold_header(cell) in HEADER_WORDS)


def _number_column(cells: list[str]) -> int | None:
    for k, cell in enumerate(cells):
        if cell and HEADER_WORDS.get(fold_header(cell)) in NUMBER_ROLES:
            return k
    return None
