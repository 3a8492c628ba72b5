"""One PDF page (as pdfplumber parses it) -> its lines of text and the pieces of ruled tables on it.

A table's cells are found from its ruling lines (pdfplumber's table finder); each character goes to the cell
that holds its centre, so a line of the row below that touches a cell's edge stays in its own row (cropping a
cell's box takes every character that overlaps it). The characters of a cell, and those outside every table,
are set in lines by their height on the page and in words by the gaps between them.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ...cells import SYMBOL_BULLETS

Box = tuple[float, float, float, float]
"""x0, top, x1, bottom, in points from the page's top left."""

SPACE = 0.15
"""A gap wider than this share of the font size between two characters is a space (when the PDF draws none)."""
GAP = 0.8
"""A gap wider than this share of the font size parts two pieces of text on one line (columns without rules):
a space is a quarter of it, the least gap between two ruled cells' texts (their padding) more than it."""
EDGE = 2.0
"""Column edges this close (points) are the same edge."""
BULLETS = frozenset(SYMBOL_BULLETS) | frozenset(SYMBOL_BULLETS.values()) | frozenset("\u2022\u25aa\u25cf\u25e6\u2013-")
_BOLD = ("bold", "black", "heavy", "semibold", "demi")


class Line(NamedTuple):
    """A line of text: in a cell, or on the page outside any table."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    bold: bool
    first: float
    """The width of its first word."""
    words: int


@dataclass(slots=True)
class Cell:
    box: Box
    lines: list[Line] = field(default_factory=list)
    fill: tuple[int, int, int] | None = None
    """The colour of the filled rectangle under the cell (its shading), as RGB; None when it has none."""


@dataclass(slots=True)
class Piece:
    """The part of a ruled table on one page: rows of cells on the table's column grid (None where a cell
    spans from the left, or from the row above)."""

    page: int
    box: Box
    edges: tuple[float, ...]
    """The x of each column's left edge, and the table's right edge."""
    rows: list[list[Cell | None]]
    bottoms: list[float]
    """Each row's bottom edge."""
    tops: list[float]


@dataclass(slots=True)
class PageData:
    number: int
    width: float
    height: float
    items: list[Line | Piece]
    """Lines outside tables and table pieces, top to bottom."""
    chars: int = 0


def read_page(page: Any, number: int) -> PageData:
    """The lines and ruled table pieces of a pdfplumber ``page`` (page ``number``, 1-based)."""
    chars = [c for c in page.chars if c["text"]]
    pieces = [_grid(boxes, number) for table in page.find_tables() for boxes in _split(table.cells) if _is_table(boxes)]
    loose: list[dict[str, Any]] = []
    cells: list[list[tuple[Cell, list[dict[str, Any]]]]] = [[(cell, []) for cell in _cells(piece)] for piece in pieces]
    finders = [_Finder(piece) for piece in pieces]
    for char in chars:
        x = (char["x0"] + char["x1"]) / 2
        y = (char["top"] + char["bottom"]) / 2
        for at, finder in enumerate(finders):
            slot = finder.find(x, y)
            if slot is not None:
                cells[at][slot][1].append(char)
                break
        else:
            loose.append(char)
    fills = _fills(page.rects) if pieces else []
    for piece_cells in cells:
        for cell, owned in piece_cells:
            cell.lines = lines_of(owned)
            cell.fill = _fill_under(cell.box, fills)
    items: list[Line | Piece] = [*lines_of(loose), *pieces]
    items.sort(key=lambda item: item.box[1] if isinstance(item, Piece) else item.top)
    return PageData(number, float(page.width), float(page.height), items, len(chars))


def _fills(rects: Sequence[dict[str, Any]]) -> list[tuple[Box, tuple[int, int, int]]]:
    """The page's filled rectangles (a cell's shading is one drawn under it) and their colours, smallest first."""
    found: list[tuple[Box, tuple[int, int, int]]] = []
    for rect in rects:
        rgb = _rgb(rect.get("non_stroking_color")) if rect.get("fill") else None
        if rgb is not None:
            found.append(((float(rect["x0"]), float(rect["top"]), float(rect["x1"]), float(rect["bottom"])), rgb))
    found.sort(key=lambda item: (item[0][2] - item[0][0]) * (item[0][3] - item[0][1]))
    return found


def _rgb(colour: Any) -> tuple[int, int, int] | None:
    """A PDF colour (grey, RGB or CMYK components from 0 to 1) as RGB; None for a pattern or anything else."""
    if not isinstance(colour, (tuple, list)) or not all(isinstance(part, (int, float)) for part in colour):
        return None
    parts = [min(max(float(part), 0.0), 1.0) for part in colour]
    if len(parts) == 1:
        parts = parts * 3
    elif len(parts) == 4:
        c, m, y, k = parts
        parts = [(1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)]
    if len(parts) != 3:
        return None
    return round(parts[0] * 255), round(parts[1] * 255), round(parts[2] * 255)


def _fill_under(box: Box, fills: Sequence[tuple[Box, tuple[int, int, int]]]) -> tuple[int, int, int] | None:
    """The colour of the smallest filled rectangle holding the cell's middle and most of its width (a row's or
    a cell's shading; not a rule drawn as a thin rectangle)."""
    x = (box[0] + box[2]) / 2
    y = (box[1] + box[3]) / 2
    for (x0, top, x1, bottom), rgb in fills:
        if x0 <= x <= x1 and top <= y <= bottom and min(x1, box[2]) - max(x0, box[0]) >= 0.8 * (box[2] - box[0]):
            return rgb
    return None


def _is_table(boxes: list[Box]) -> bool:
    """A ruled table has two columns or more: a box round a paragraph is not one."""
    return len({box[0] for box in boxes}) >= 2 and len(boxes) >= 2


def _split(cells: Sequence[Sequence[float]]) -> list[list[Box]]:
    """The cells of what pdfplumber found as one table, split into tables where the columns change: two tables
    drawn touching (no gap between) share a rule, and pdfplumber sees one. A row whose column edges are all among
    the rows' above (a row spanning columns, a cell merged down) or take all theirs in (the header under a title
    row) goes on the table, and so does a row beside a cell merged down into it from above (a header of two rows:
    ``Agency`` down both, ``Action`` over ``No`` and ``Action``); one with edges of its own and without some of
    theirs starts the next."""
    boxes: list[Box] = [tuple(map(float, cell)) for cell in cells]  # type: ignore[misc]
    groups: list[list[Box]] = []
    seen: list[float] = []
    for top in sorted({box[1] for box in boxes}):
        row = [box for box in boxes if box[1] == top]
        edges = sorted({box[0] for box in row} | {box[2] for box in row})
        spanned = bool(groups) and max(box[3] for box in groups[-1]) > top + EDGE  # a cell above reaches past it
        if groups and (spanned or _among(edges, seen) or _among(seen, edges)):
            groups[-1].extend(row)
            seen = sorted(set(seen) | set(edges))
        else:
            groups.append(row)
            seen = edges
    return groups


def _among(edges: Sequence[float], others: Sequence[float]) -> bool:
    """Every one of ``edges`` is one of ``others`` (within ``EDGE`` points)."""
    return all(any(abs(edge - other) <= EDGE for other in others) for edge in edges)


def _grid(boxes: list[Box], page: int) -> Piece:
    bbox = (
        min(box[0] for box in boxes),
        min(box[1] for box in boxes),
        max(box[2] for box in boxes),
        max(box[3] for box in boxes),
    )
    xs = sorted({box[0] for box in boxes})
    tops = sorted({box[1] for box in boxes})
    rows: list[list[Cell | None]] = [[None] * len(xs) for _ in tops]
    bottoms = [0.0] * len(tops)
    for box in boxes:
        r = tops.index(box[1])
        rows[r][xs.index(box[0])] = Cell(box)
        bottoms[r] = max(bottoms[r], box[3])
    for r in range(len(tops)):  # a row whose cells all span on from the row above ends where the next begins
        if not bottoms[r]:
            bottoms[r] = tops[r + 1] if r + 1 < len(tops) else bbox[3]
    return Piece(page, bbox, (*xs, bbox[2]), rows, bottoms, tops)


def _cells(piece: Piece) -> list[Cell]:
    return [cell for row in piece.rows for cell in row if cell is not None]


class _Finder:
    """Which cell of a piece holds a point: a lookup in the grid of the cells' edges."""

    def __init__(self, piece: Piece) -> None:
        cells = _cells(piece)
        self.box = piece.box
        self.xs = sorted({c.box[0] for c in cells} | {c.box[2] for c in cells})
        self.ys = sorted({c.box[1] for c in cells} | {c.box[3] for c in cells})
        self.slots: dict[tuple[int, int], int] = {}
        for at, cell in enumerate(cells):
            x0, top, x1, bottom = cell.box
            for i in range(self.xs.index(x0), self.xs.index(x1)):
                for j in range(self.ys.index(top), self.ys.index(bottom)):
                    self.slots[(i, j)] = at

    def find(self, x: float, y: float) -> int | None:
        x0, top, x1, bottom = self.box
        if not (x0 <= x < x1 and top <= y < bottom):
            return None
        return self.slots.get((bisect_right(self.xs, x) - 1, bisect_right(self.ys, y) - 1))


def lines_of(chars: Sequence[dict[str, Any]]) -> list[Line]:
    """Characters as lines, top to bottom: a character joins a line when its top is within a third of its size
    of the line's first character's top (a superscript stays on its line)."""
    if not chars:
        return []
    ordered = sorted(chars, key=lambda c: (c["top"], c["x0"]))
    lines: list[Line] = []
    group: list[dict[str, Any]] = [ordered[0]]
    for char in ordered[1:]:
        if char["top"] - group[0]["top"] <= max(2.0, group[0]["size"] / 3):
            group.append(char)
        else:
            lines.extend(_line(group))
            group = [char]
    lines.extend(_line(group))
    return lines


def _line(chars: list[dict[str, Any]]) -> Iterable[Line]:
    """The characters of one line, left to right, as Lines: one for each run of words less than ``GAP`` apart
    (text beside text in columns without rules is not one line)."""
    chars.sort(key=lambda c: c["x0"])
    start = 0
    shown: list[dict[str, Any]] = []
    for at, char in enumerate(chars):
        if not char["text"].strip():
            continue
        if (
            shown
            and char["x0"] - shown[-1]["x1"] > GAP * char["size"]
            and not (len(shown) == 1 and shown[0]["text"] in BULLETS)
        ):  # a bullet and its indented text are one line
            yield _make(chars[start:at])
            start = at
        shown.append(char)
    if shown:
        yield _make(chars[start:])


def _make(chars: list[dict[str, Any]]) -> Line:
    parts: list[str] = []
    shown: list[dict[str, Any]] = []
    end = 0.0
    first_end: float | None = None
    spaced = False
    for char in chars:
        if not char["text"].strip():
            spaced = bool(shown)
            continue
        if shown:
            previous = shown[-1]
            if char["text"] == previous["text"] and abs(char["x0"] - previous["x0"]) < 1:
                continue  # the same character printed twice (a bold effect)
            if spaced or char["x0"] - end > SPACE * char["size"]:
                if first_end is None:
                    first_end = end
                parts.append(" ")
        spaced = False
        parts.append(SYMBOL_BULLETS.get(char["text"], char["text"]))
        shown.append(char)
        end = max(end, char["x1"]) if len(shown) > 1 else char["x1"]
    sizes = sorted(round(c["size"], 1) for c in shown)
    x0 = shown[0]["x0"]
    return Line(
        "".join(parts),
        x0,
        end,
        min(c["top"] for c in shown),
        max(c["bottom"] for c in shown),
        sizes[len(sizes) // 2],
        all(_is_bold(c["fontname"]) for c in shown),
        (first_end if first_end is not None else end) - x0,
        len(parts) - len(shown) + 1,
    )


def _is_bold(font: str) -> bool:
    name = font.rsplit("+", 1)[-1].lower()
    return any(word in name for word in _BOLD)
