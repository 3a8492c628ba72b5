"""Grid tables -> the same Table/Row blocks as pipe tables.

    +---------+----------------+
    | Rec No. | Recommendation |
    +=========+================+
    | 1       | Share the      |
    |         | assessment     |
    +---------+----------------+

Borders (``+---+``) separate rows; a ``+===+`` border under a row marks it as the header (a table without one
is headerless). A row is every content line between two borders: each column's pieces are joined with a space.
Columns are cut where the borders have their ``+``; a content line whose ``|`` do not sit there (a hand-edited
cell, wide characters) is split on its ``|`` instead when that gives one cell per column. A cell spanning
columns (no ``|`` at a boundary) goes to its first column, the others left empty. Box-drawing tables
(``┌─┬─┐``, ``╞═╪═╡``, ``│``) are read the same way. Row spans (``|   +---+`` lines) are not understood: such a
line's dashes are dropped and the spanning cell stays with the row it starts in.
"""

from __future__ import annotations

import re

from .lines import join_wrapped
from .tables import Row, Table

_BOX = str.maketrans(
    {
        **dict.fromkeys("\u2500\u2501\u2504\u2505\u2508\u2509\u254c\u254d", "-"),
        **dict.fromkeys("\u2550", "="),
        **dict.fromkeys("\u2502\u2503\u2506\u2507\u250a\u250b\u254e\u254f\u2551", "|"),
        **dict.fromkeys([chr(c) for c in range(0x250C, 0x254C)] + [chr(c) for c in range(0x2552, 0x256D)], "+"),
    }
)
_BORDER = re.compile(r"\+(?:[-=:]+\+)+")
_INNER_BORDER = re.compile(r"\|[-=:]+(?:\+[-=:]+)*\|")
"""``|----+----|``: psql's line under the header."""
_DASH_PIECE = re.compile(r"[-=:+]{3,}")
"""A piece of a row-span border (``|   +-----+``), not text."""
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


def _normalise(line: str) -> str:
    line = line.rstrip()
    if not line.isascii():
        line = line.translate(_BOX)
    return line


def read_grid(lines: list[str], start: int) -> tuple[Table, int] | None:
    """The grid table whose top border is line ``start``, and the index of the line after it; None if none."""
    top = _normalise(lines[start])
    if not _BORDER.fullmatch(top.strip()):
        return None
    bounds = {i for i, ch in enumerate(top) if ch == "+"}
    sections: list[list[tuple[int, str]]] = [[]]
    heads: list[bool] = []  # per closed section: closed by a ``=`` border
    index = start + 1
    count = len(lines)
    while index < count:
        line = _normalise(lines[index])
        body = line.strip()
        if _BORDER.fullmatch(body) or _INNER_BORDER.fullmatch(body):
            bounds.update(i for i, ch in enumerate(line) if ch == "+")
            heads.append("=" in body)
            sections.append([])
        elif body.startswith("|"):
            sections[-1].append((index + 1, line))
        else:
            break
        index += 1
    if not any(sections):
        return None
    columns = sorted(bounds)
    rows: list[Row] = []
    for number, section in enumerate(sections):
        if not section:
            continue
        row = Row(section[0][0], _join([_cells(line, columns) for _, line in section]))
        # ``=`` under a row marks the header, unless it closes the table (pandoc's table foot, box bottoms)
        row.header = number < len(heads) and heads[number] and any(sections[number + 1 :])
        rows.append(row)
    return Table(rows), index


def _cells(line: str, bounds: list[int]) -> list[str]:
    """One content line cut into one piece per column."""
    width = len(bounds) - 1
    inner = bounds[1:-1]
    if all(b < len(line) and line[b] in "|+" for b in inner) and line.endswith("|") and len(line) - 1 == bounds[-1]:
        return [line[bounds[k] + 1 : bounds[k + 1]] for k in range(width)]
    split = _UNESCAPED_PIPE.split(line.strip().strip("|"))
    if len(split) == width:
        return split
    pieces = [""] * width
    cuts = [(0, bounds[0])] + [(k, b) for k, b in enumerate(inner, 1) if b < len(line) and line[b] in "|+"]
    for at, (k, b) in enumerate(cuts):  # a boundary with no ``|`` on it is inside a cell spanning columns
        if at + 1 < len(cuts):
            pieces[k] = line[b + 1 : cuts[at + 1][1]]
        else:
            pieces[k] = line[b + 1 :].rstrip().removesuffix("|")
    return pieces


def _join(lines: list[list[str]]) -> list[str]:
    """A row's cells: each column's pieces, line by line, joined with a space (see ``join_wrapped``)."""
    width = max(len(cells) for cells in lines)
    joined = []
    for k in range(width):
        text = ""
        for cells in lines:
            piece = cells[k] if k < len(cells) else ""
            part = piece.strip()
            if part and not _DASH_PIECE.fullmatch(piece):  # a border piece runs from bound to bound, unpadded
                text = join_wrapped(text, part)
        joined.append(text)
    return joined
