"""A web page (.html, .htm, Word's "web page" export) -> blocks, with the page's real line numbers.

Read with Python's own ``html.parser`` (``html_tree.py``): it gives every tag's source line, decodes entities, and
takes pages as loosely written as browsers do; a plan's page needs nothing more.

- The page's site chrome is not read: ``<nav>``, ``<header>`` and ``<footer>`` (outside ``<main>`` or
  ``<article>``), ``<aside>``, forms, scripts and styles, hidden elements, and elements whose id or class names a
  cookie banner, a menu, breadcrumbs or a sidebar.
- Headings ``<h1>``-``<h6>`` are ``Text`` at their level, paragraphs and list items plain ``Text`` (an item keeps
  its number: the first item of ``<ol start="27">`` is ``27. ...``; a bullet is ``•``), a line all in bold 7.
- A table's cells are read on the grid a browser draws: a cell spanning rows or columns (``rowspan``,
  ``colspan``) is text in its first place only, blank in the others, as a markdown plan's continuation rows are
  (the Word reader's rule). ``<br>`` and blocks are line breaks inside a cell. A row of ``<th>`` cells, or in
  ``<thead>``, is a header. A layout table (one cell a row, one holding another table, ``role="presentation"``)
  is read as the page it holds, not as data. Tables that are not the plan are skipped with one notice
  (``skipping.py``).
- The title is the page's first ``<h1>``, else its ``<title>``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...errors import InputError
from ...model import Notice
from ..colours import hex_rgb, hue_name, rag_word
from ..decode import DEFAULT_MAX_SIZE, read_file
from ..tables import Block, Row, Table, Text
from .document import Document, Options
from .html_flow import Flow
from .html_tree import Node, parse
from .skipping import PlanTables, colours_notice

_SPAN_LIMIT = 1000
_COLOUR = re.compile(r"(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|[a-zA-Z]+)")
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*" + _COLOUR.pattern)
_NAMED_COLOURS = {
    "red": "FF0000",
    "green": "008000",
    "lime": "00FF00",
    "yellow": "FFFF00",
    "orange": "FFA500",
    "blue": "0000FF",
    "purple": "800080",
}
"""CSS colour names a page may shade a status cell with; other names (white, silver, gray ...) mean nothing."""


CELL_BYTES = 100
"""A page may hold one table cell (``<td>``, ``<th>``) per this many bytes of the size limit (524,288 at the default
50 MB): its tree and records take about 700 bytes a cell, so any page under the limit is read within the 400 MB an
import may take (a page of 600,000 tiny cells in 8.7 MB took 440 MB and 46 s)."""
_CELL = re.compile(r"<t[dh][\s>/]", re.IGNORECASE)


def read(path: str, options: Options) -> Document:
    decoded = read_file(path, options.max_size)
    check_cells(path, decoded.lines, options.max_size)
    return read_lines(decoded.lines, decoded.sha256)


def check_cells(path: str, lines: list[str], max_size: int) -> None:
    """Refuse a page with more table cells than a page under the size limit may hold (``CELL_BYTES``)."""
    limit = max(max_size, DEFAULT_MAX_SIZE) // CELL_BYTES
    cells = sum(len(_CELL.findall(line)) for line in lines if "<" in line)
    if cells > limit:
        raise InputError(
            path,
            f"has {cells:,} table cells, over the {limit:,} scrtool reads from a web page (one per "
            f"{CELL_BYTES} bytes of the size limit; see --max-size)",
        )


def read_lines(lines: list[str], sha256: str) -> Document:
    """The blocks of a page whose text is ``lines`` (also a text file found to hold HTML tables)."""
    root, title = parse("\n".join(lines))
    notices: list[Notice] = []
    page = _Page(notices)
    blocks = list(page.blocks(root))
    return Document(blocks, sha256, len(lines), title=page.h1 or title or None, notices=notices)


class _Page:
    """The page's blocks: its text as ``Text`` lines, its data tables as ``Table``s."""

    def __init__(self, notices: list[Notice]) -> None:
        self.notices = notices
        self.plan = PlanTables()
        self.h1: str | None = None
        self.headed = False
        self.out: list[Block] = []
        self.unread: dict[str, int] = {}
        self.unread_line = 0

    def blocks(self, root: Node) -> Iterator[Block]:
        flow = Flow(self._text, self._table)
        for block in flow.walk(root):
            self.out.append(block)
        flow.flush()
        yield from self.out
        if flow.hidden:
            count = len(flow.hidden)
            what = (
                "1 hidden part of the page holds a table and is"
                if count == 1
                else (f"{count} hidden parts of the page hold tables and are")
            )
            self.notices.append(
                Notice(flow.hidden[0], f"{what} not read (the hidden attribute, aria-hidden or display: none)")
            )
        notice = self.plan.notice()
        if notice is not None:
            self.notices.append(notice)
        if self.unread:
            self.notices.append(colours_notice(self.unread_line, self.unread))

    def _text(self, lines: list[tuple[int, str, bool]], level: int) -> None:
        if level == 1 and self.h1 is None:
            self.h1 = " ".join(text for _, text, _ in lines)
        self.headed = self.headed or level > 0
        for line, text, bold in lines:
            self.out.append(Text(line, text, level or (7 if bold else 0)))

    def _table(self, node: Node) -> Iterator[Block]:
        rows = _rows(node)
        if _layout(node, rows):
            flow = Flow(self._text, self._table)
            for row, _ in rows:
                for cell in _cells(row):
                    yield from flow.walk(cell)
                    flow.flush()
            return
        caption = next((child for child in node.elements() if child.tag == "caption"), None)
        if caption is not None:
            self._text(_cell_lines(caption), 0)
        grid = _grid(rows)
        cells = [texts for _, texts, _, _ in grid]
        headed, self.headed = self.headed, False
        if not grid or not self.plan.keep(cells, headed):
            self.plan.skip(cells, f"the table on line {node.line}", node.line)
            return
        yield Table(
            [
                Row(line, texts, header, None if header else self._fills(fills, line, len(texts)))
                for line, texts, header, fills in grid
            ],
            clean=True,
        )

    def _fills(self, fills: dict[int, str], line: int, width: int) -> list[str | None] | None:
        """Each cell's RAG word by its background's hue (``parse/colours.py``); None when no cell has one. A
        background of another hue (a purple) is counted for one notice."""
        if not fills:
            return None
        words: dict[int, str] = {}
        for column, code in fills.items():
            rgb = hex_rgb(code)
            word = rag_word(rgb) if rgb is not None else None
            if word is not None:
                words[column] = word
            elif rgb is not None and hue_name(rgb) is not None:
                self.unread[code] = self.unread.get(code, 0) + 1
                self.unread_line = self.unread_line or line
        return [words.get(column) for column in range(width)] if words else None


def _rows(table: Node) -> list[tuple[Node, bool]]:
    """The table's own rows (``<tr>`` directly under it or its ``<thead>``, ``<tbody>``, ``<tfoot>``), each with
    whether it is in ``<thead>``."""
    rows: list[tuple[Node, bool]] = []
    for child in table.elements():
        if child.tag == "tr":
            rows.append((child, False))
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows += [(row, child.tag == "thead") for row in child.elements() if row.tag == "tr"]
    return rows


def _cells(row: Node) -> list[Node]:
    return [cell for cell in row.elements() if cell.tag in ("td", "th")]


def _layout(table: Node, rows: list[tuple[Node, bool]]) -> bool:
    """A table that lays out a page: marked so, one cell a row, or holding another table."""
    if table.attrs.get("role", "").lower() in ("presentation", "none"):
        return True
    return max((len(_cells(row)) for row, _ in rows), default=0) <= 1 or table.has("table")


def _cell_lines(cell: Node) -> list[tuple[int, str, bool]]:
    """A cell's lines (``<br>`` and blocks break them; list items keep their number)."""
    lines: list[tuple[int, str, bool]] = []

    def emit(taken: list[tuple[int, str, bool]], level: int) -> None:
        lines.extend(taken)

    flow = Flow(emit, lambda node: iter(()))
    for _ in flow.walk(cell):
        pass
    flow.flush()
    return lines


def _span(cell: Node, name: str) -> int:
    value = cell.attrs.get(name, "1").strip()
    if name == "rowspan" and value == "0":
        return _SPAN_LIMIT
    return min(int(value), _SPAN_LIMIT) if value.isdecimal() and int(value) > 0 else 1


def _grid(rows: list[tuple[Node, bool]]) -> list[tuple[int, list[str], bool, dict[int, str]]]:
    """Each row's line, its cells on the table's grid (a spanned place blank), whether it is a header, and its
    cells' background colours (``RRGGBB`` by column); rows with no text left out."""
    below: dict[int, int] = {}  # column -> rows a cell above still spans
    grid: list[tuple[int, list[str], bool, dict[int, str]]] = []
    for row, in_head in rows:
        cells = _cells(row)
        texts: list[str] = []
        fills: dict[int, str] = {}
        for cell in cells:
            _spanned(texts, below)
            column = len(texts)
            background = _background(cell)
            if background:
                fills[column] = background
            texts.append("\n".join(text for _, text, _ in _cell_lines(cell)))
            width = _span(cell, "colspan") if len(texts) < _SPAN_LIMIT else 1
            texts += [""] * (width - 1)
            down = _span(cell, "rowspan")
            for at in range(column, column + width) if down > 1 else ():
                below[at] = down - 1
        while below and max(below) >= len(texts):
            texts.append("") if len(texts) not in below else _spanned(texts, below)
        header = bool(cells) and (in_head or all(cell.tag == "th" for cell in cells))
        grid.append((cells[0].line if cells else row.line, texts, header, fills))
    width = max((len(texts) for _, texts, _, _ in grid), default=0)
    for _, texts, _, _ in grid:
        texts += [""] * (width - len(texts))
    return [entry for entry in grid if any(entry[1])]


def _background(cell: Node) -> str | None:
    """A cell's background colour as ``RRGGBB`` (its ``bgcolor``, or a ``background`` in its style, as Word's web
    page writes a shaded cell), or None."""
    found = _BACKGROUND.search(cell.attrs.get("style", "")) or _COLOUR.fullmatch(cell.attrs.get("bgcolor", "").strip())
    if found is None:
        return None
    value = found.group(1).lower()
    if value.startswith("#") and len(value) == 4:
        value = "#" + "".join(digit * 2 for digit in value[1:])
    return value[1:].upper() if value.startswith("#") else _NAMED_COLOURS.get(value)


def _spanned(texts: list[str], below: dict[int, int]) -> None:
    """Blank cells where cells of the rows above still span, from the row's next place on."""
    while len(texts) in below:
        column = len(texts)
        texts.append("")
        below[column] -= 1
        if not below[column]:
            del below[column]
