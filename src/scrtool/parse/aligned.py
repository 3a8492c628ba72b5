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
two) may sit inside a block; after a blank line only a line of two or more pieces goes on with it, and not one
whose pieces start off the block's columns when a table starts there (the next table of a plan, set on its own
grid: its header, or its rows continuing the table above). A block is a table when it has at least three
columns and at least two lines with text in two or more of them, one piece to a column (no wide gap left inside
a cell); otherwise its first line is text and the search goes on from the next line.

Pages (``pdftotext -layout`` starts each with a form feed and sets it on its own grid; its running header,
footer and page number were blanked by ``pages.py``): a block that runs to the end of its page goes on with the
next page's first block, cut on that page's own columns, when that block has as many columns or fewer (each
within ``SHIFT`` positions of one of the table's) and does not start with a heading (one piece in the first
column) or another table's header. When its first line is indented (it goes on with a row of the page before), its
columns are put on the table's also when the page set them all some positions over (its first columns blank
there: the one shift that fits them best), words that start near the number column are the column after it
(numbers do not wrap), and a tail in one column of its own goes on with the one cell the page break cut (the only
cell the row's last line filled), wherever the page set it; a tail set apart from the page's rows by up to
``TAIL_BLANKS`` more blank lines is still the block's. When its columns still cannot be put on the table's, the
import is refused naming the line (``Unplaced``): a guess could put text in the wrong cell.

Rows: see ``aligned_rows.py`` (which line starts a row, repeated header rows, rows split by a page break,
words broken without a hyphen).

Limits: cells merged vertically in the PDF (an agency row printed beside a wrapped recommendation, on the
same line) read as one row with both texts joined; vertically centred cells are read as rows of their own
(build.py folds blank-numbered rows into the row above); a column that is blank in every line of a block
without a header line is not seen (the row has one cell fewer; build.py warns) unless the table above has it
(the block's columns are then put on that table's, when each starts within ``SHIFT`` positions of one); a page
header or footer that is not on most pages is read as text; a word hyphenated at a line end keeps its hyphen
(``assess-ment``).
"""

from __future__ import annotations

import re

from .aligned_rows import Layout, RowReader, Unplaced, header_words, is_row_number, iter_cut
from .lines import GRID_STARTS, is_delimiter_row
from .tables import Block

SHIFT = 4
"""A headerless table's columns may start this many positions off the columns of the table above it (pdftotext
sets each page on its own grid) and still be read on its columns; or an eighth of the position, when more
(pdftotext's grid is scaled per page: a wide page's last column moves furthest)."""
MAX_BLANKS = 2
"""Blank lines that may sit inside a block (pdftotext puts them between rows and at page breaks)."""

TAIL_BLANKS = 2
"""Blank lines more that may part the tail of a row split over a page break (the page's first lines, on no grid
yet) from the page's next rows: the row's cell padding and rule, and the next row's, stand between them."""

_PIECE = re.compile(r"\S+(?: \S+)*")
_NOT_SPACE = re.compile(r"[^ ]")
_FREE = re.compile(r"0+")


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
    """The aligned table starting on line ``start`` (plus any text it ends with) and the index after it. A table
    that reaches the end of a page goes on with the next page's block when that block is its continuation (see
    ``_continues``)."""
    found = _page_block(lines, start, carry, None)
    if found is None:
        return None
    reader, end, following = found
    while following is not None:
        more = _page_block(lines, following, None, reader)
        if more is None:
            break
        reader, end, following = more
    blocks, layout = reader.finish()
    return blocks, end, layout


def _page_block(
    lines: list[str], start: int, carry: Layout | None, reader: RowReader | None
) -> tuple[RowReader, int, int | None] | None:
    """The lines of one page's block from line ``start`` fed to ``reader`` (a new one when None), the index after
    the block, and the first line of the next page when the block runs to the end of its page."""
    first = _prepare(lines[start])
    pieces = len(_PIECE.findall(first))
    if pieces < (1 if reader is not None else 3):
        return None
    block = _Block(_mask(first))
    taken, index, following = _gather(lines, start, block, reader is not None)
    columns = block.columns()
    cut = {i: _cut(_prepare(lines[i]), columns) for i in taken}
    starts = (_extent(block.union)[0],) + tuple(a for a, _ in columns[1:])  # where the first column has text
    if reader is not None:
        placed = _continues(lines, start, taken, cut, starts, reader)
        if placed is None:
            return None
        cut, starts = placed
    else:
        if len(columns) < 3:
            return None
        if (
            sum(1 for cells in cut.values() if sum(1 for c in cells if c) >= 2 and not any("  " in c for c in cells))
            < 2
        ):
            return None  # fewer than two lines whose pieces sit one to a column
        if carry is not None and carry.columns > len(columns):
            spread = _onto(starts, carry.starts)
            if spread is not None:  # a column blank in every line of this block: the one above has it
                cut = {i: _spread(cells, spread, carry.columns) for i, cells in cut.items()}
                starts = carry.starts
        same = carry is not None and carry.columns == len(starts)
        reader = RowReader(lines, len(starts), carry.number if same and carry is not None else None)
    widths = [max(len(cells[k]) for cells in cut.values()) for k in range(reader.columns)]
    reader.page(widths, starts)
    for at, cells in iter_cut(taken, cut):
        if cells is None:
            reader.blank()
        else:
            reader.add(at, cells)
    return reader, index, following


def _gather(lines: list[str], start: int, block: _Block, tail: bool) -> tuple[list[int], int, int | None]:
    """The lines of the block opened by line ``start`` (added to ``block``), the index after it, and the next
    page's first line when the block runs to the end of its page. ``tail``: the block goes on with a table of the
    page before, so lines under a first few that set no grid yet (the tail of a split row) are its rows."""
    taken = [start]
    index = start + 1
    blanks = 0
    count = len(lines)
    while index < count:
        raw = lines[index]
        line = _prepare(raw)
        if raw.startswith("\f") or (not line and not blanks):
            following = _page_gap(lines, index)
            if following is not None:
                return taken, index, following
        if not line.strip():
            blanks += 1
            if blanks > MAX_BLANKS + (TAIL_BLANKS if tail and len(block.columns()) < 3 else 0):
                break  # (a split row's tail at a page's top may stand further above the page's rows)
            index += 1
            continue
        if _other_shape(line, lines[index + 1] if index + 1 < count else "") or (
            blanks and len(_PIECE.findall(line)) < 2 and not (tail and line[:1] == " ")
        ):
            break  # (a page's first lines may be one indented piece after a repeated header: a split row's tail)
        if (
            blanks
            and not (tail and len(block.columns()) < 3)
            and not _on_grid(line, block)
            and read_aligned(lines, index, None) is not None
        ):
            break  # a table of its own under this one, on another grid
        if not block.add(_mask(line)):
            break
        taken.append(index)
        blanks = 0
        index += 1
    return taken, taken[-1] + 1, None


def _page_gap(lines: list[str], index: int) -> int | None:
    """From a blank line or a page's first line: the next line with text when a page starts before it (lines of
    page furniture were blanked by ``pages.strip_furniture``), else None."""
    crossed = False
    for at in range(index, len(lines)):
        raw = lines[at]
        crossed = crossed or raw.startswith("\f")
        if raw.strip(" \f\t\xa0"):
            return at if crossed else None
    return None


def _continues(
    lines: list[str],
    start: int,
    taken: list[int],
    cut: dict[int, list[str]],
    starts: tuple[int, ...],
    reader: RowReader,
) -> tuple[dict[int, list[str]], tuple[int, ...]] | None:
    """A page's block cut onto the columns of the table of the page before, when it is its continuation: its
    lines sit on as many columns (or fewer, each within ``SHIFT`` of one of the table's), and its first line is
    not a heading (one piece in the first column) or a header row of another table. None when it is not. An
    ``Unplaced`` error when its first line goes on with a row of the table (it starts right of the table's first
    column) but its columns do not line up with the table's, or land on a cell the row left blank or on its
    number: a guess could put text in the wrong cell."""
    opening = _prepare(lines[start])
    tail = len(opening) - len(opening.lstrip()) > reader.starts[0] + SHIFT  # the first line starts inside the table
    if len(starts) > reader.columns:
        return None
    if len(starts) < reader.columns:
        running = reader.running() if tail and len(starts) == 1 else None
        # one column of text: the one cell the page break cut goes on, wherever the page set it (the other cells
        # had ended above), else the column nearest
        spread = [running] if running is not None else _onto(starts, reader.starts, reader.number, _wordy(cut))
        if spread is None and tail:
            spread = _shifted(starts, reader.starts, reader.number, _wordy(cut))
        if spread is None:
            if tail:
                raise _unplaced(start)
            return None
        cut = {i: _spread(cells, spread, reader.columns) for i, cells in cut.items()}
        starts = tuple(reader.starts[k] if k not in spread else starts[spread.index(k)] for k in range(reader.columns))
    first = cut[taken[0]]
    filled = [cell for cell in first if cell]
    if len(filled) == 1 and first[0]:
        return None  # a heading over what follows
    if header_words(first) >= 2 and not reader.repeats(first):
        return None  # another table's header
    if tail and not reader.repeats(first) and not reader.may_go_on(first):
        raise _unplaced(start)
    return cut, starts


def _unplaced(start: int) -> Unplaced:
    return Unplaced(
        start + 1,
        "this line at the top of a page goes on with a row of the page before, but its "
        "columns do not line up with that table's: cannot tell which cells it continues (import the PDF "
        "itself, or the document it was made from)",
    )


def _spread(cells: list[str], spread: list[int], width: int) -> list[str]:
    return [cells[spread.index(k)] if k in spread else "" for k in range(width)]


def _onto(
    starts: tuple[int, ...], wider: tuple[int, ...], number: int | None = None, wordy: frozenset[int] = frozenset()
) -> list[int] | None:
    """The column of ``wider`` each of ``starts`` is (the nearest start, at most ``SHIFT`` or an eighth of its
    position away, in order); None when they do not fit so. ``wordy``: the columns of ``starts`` that hold words,
    which are not the table's ``number`` column (numbers do not wrap): starting near it on another page's grid,
    they are the column after it."""
    found: list[int] = []
    for at, start in enumerate(starts):
        order = sorted(range(len(wider)), key=lambda k: abs(wider[k] - start))
        near = order[1] if order[0] == number and at in wordy and len(order) > 1 else order[0]
        if abs(wider[near] - start) > max(SHIFT, wider[near] // 8) or (found and near <= found[-1]):
            return None
        found.append(near)
    return found


def _shifted(
    starts: tuple[int, ...], wider: tuple[int, ...], number: int | None, wordy: frozenset[int]
) -> list[int] | None:
    """The columns of ``wider`` that ``starts`` are when the page set the whole table some positions over (its
    leftmost columns blank on the page, pdftotext starts its grid elsewhere): the shift that puts every start
    nearest one of the table's, in order; None when no shift does."""
    if len(starts) < 2:
        return None  # one column fits any shift: no grid to go by
    fits: list[tuple[int, list[int]]] = []
    for shift in sorted({start - starts[0] for start in wider}):
        moved = tuple(start + shift for start in starts)
        found = _onto(moved, wider, number, wordy)
        if found is not None:
            fits.append((sum(abs(wider[k] - at) for k, at in zip(found, moved, strict=True)), found))
    fits.sort(key=lambda fit: fit[0])
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0] and fits[1][1] != fits[0][1]):
        return None  # no shift fits, or two fit as well: a guess
    return fits[0][1]


def _wordy(cut: dict[int, list[str]]) -> frozenset[int]:
    """The columns of a block's cut lines that hold a cell other than a row number."""
    return frozenset(k for cells in cut.values() for k, cell in enumerate(cells) if cell and not is_row_number(cell))


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
