"""Lines of a plan -> its blocks: tables (rows of raw cells with line numbers) and lines of text between them.

One reader for every shape of table: each shape has a finder that turns its lines into the same ``Table`` of
``Row``s, so ``build.py`` reads a plan the same whatever shape its tables have:

- pipe tables (GFM, with or without outer pipes): here;
- grid tables (``+----+----+`` borders): ``grid.py``;
- whitespace-aligned columns (``pdftotext -layout``): ``aligned.py``;
- tab- and comma-separated rows (``.tsv``/``.csv`` files, tab-separated blocks in a text file): ``delimited.py``.

A line that belongs to no table is a ``Text`` block: nothing is dropped. The pipe path is a cheap per-line check
(``"|" in line`` first); the other finders are tried only on lines that could start their shape.
"""

from __future__ import annotations

import re
from collections.abc import Generator, Iterator

from .cells import clean_pipe_rows, split_pipe_row
from .lines import DASHES, GRID_STARTS, is_delimiter_row, text_block
from .tables import Block, Row, Table, Text

_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_DELIMITER_START = re.compile(f"\\|\\s*(?:[|:+{DASHES}]|$)")
"""A line starting ``|`` can be a delimiter row only when the first character after its pipe and spaces is a
pipe, colon, plus or dash."""


def _has_pipe(line: str) -> bool:
    """The line holds a cell separator: a pipe that is not escaped as ``\\|``."""
    return "\\|" not in line or line.replace("\\|", "").count("|") > 0


def find_blocks(lines: list[str], name: str = "") -> list[Block]:
    """The tables and text lines of a plan, in order.

    ``name`` is the file's name: a ``.csv`` or ``.tsv`` file is read as comma- or tab-separated records.
    """
    return list(iter_blocks(lines, name))


def iter_blocks(lines: list[str], name: str = "") -> Iterator[Block]:
    """``find_blocks`` one block at a time: a table comes when its last row has been read, so a reader can be
    done with it (and let its raw cells go) before the next one is read."""
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in ("csv", "tsv"):
        from .delimited import read_delimited

        yield from read_delimited(lines, "\t" if suffix == "tsv" else ",")
        return
    yield from _find_blocks(lines)


def _find_blocks(lines: list[str]) -> Iterator[Block]:
    if any(line.startswith("\f") for line in lines):  # pages of ``pdftotext -layout``: blank their furniture
        from .pages import strip_furniture

        lines = strip_furniture(lines)
    fences: _Fences | None = None
    carry = None  # layout of the last whitespace-aligned table, for a headerless one under it
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        stripped = line.strip()
        if not stripped:
            index += 1
            continue
        first = stripped[0]
        if first in "`~" and _FENCE.match(line):
            fences = fences or _Fences(lines)
            end = fences.closing(index)
            if end is not None:  # a fenced code block: its lines are text, whatever they hold
                yield from (Text(i + 1, lines[i].strip()) for i in range(index, end + 1) if lines[i].strip())
                index = end + 1
                continue
        if "|" in stripped and _has_pipe(stripped):
            following = lines[index + 1].strip() if index + 1 < count else ""
            if is_delimiter_row(stripped):
                if "|" in following and _has_pipe(following):  # a delimiter row with no header row above it
                    index = yield from _pipe_table(lines, index, delimiter=stripped)
                    continue
            elif is_delimiter_row(following) or (first == "|" and stripped[-1] == "|" and len(stripped) > 1):
                index = yield from _pipe_table(lines, index, first=stripped)
                continue
        if first in GRID_STARTS:
            from .grid import read_grid

            found = read_grid(lines, index)
            if found is not None:
                yield found[0]
                index = found[1]
                continue
        if "\t" in line and line.count("\t") >= 2:
            from .delimited import read_tab_block

            tabbed = read_tab_block(lines, index)
            if tabbed is not None:
                yield from tabbed[0]
                index = tabbed[1]
                continue
        if "  " in stripped or "\t" in stripped:
            from .aligned import read_aligned

            aligned = read_aligned(lines, index, carry)
            if aligned is not None:
                found_blocks, index, carry = aligned
                yield from found_blocks
                continue
        yield text_block(index + 1, stripped)
        index += 1


def _pipe_table(
    lines: list[str], start: int, first: str | None = None, delimiter: str | None = None
) -> Generator[Block, None, int]:
    """The pipe table opened on line ``start`` (``first``: that line, stripped, is its first row; ``delimiter``:
    that line is its delimiter row), read to its last line; returns the index of the line after it. One that got
    no row (only ``|---|`` lines) is text after all.

    The table's first delimiter row marks the row above it as the header; the same line again further down (a
    header repeated, tables run together) marks its row too. Any other row that only looks like one (``| - |``,
    ``| :-: | -- |``) is a row of cells holding dashes."""
    texts: list[str] = [] if first is None else [first]  # the rows, stripped, and the lines they are on
    numbers: list[int] = [] if first is None else [start + 1]
    headers: list[int] = []  # the rows a delimiter row marks as the header
    count = len(lines)
    index = start + 1
    while index < count:
        line = lines[index]
        if "|" not in line or ("\\" in line and not _has_pipe(line)):
            break
        stripped = line.strip()
        # once the table has its delimiter row, a plain comparison rules out (almost) every row first
        if (
            (delimiter is None or stripped == delimiter)
            and (stripped[0] != "|" or _DELIMITER_START.match(stripped))
            and is_delimiter_row(stripped)
        ):
            delimiter = stripped
            if texts:
                headers.append(len(texts) - 1)
            index += 1
            continue
        texts.append(stripped)
        numbers.append(index + 1)
        index += 1
    if texts:
        yield _table(texts, numbers, headers)
    else:
        yield from (Text(i + 1, lines[i].strip()) for i in range(start, index) if lines[i].strip())
    return index


def _table(texts: list[str], numbers: list[int], headers: list[int]) -> Table:
    """The pipe rows ``texts`` (stripped; on lines ``numbers``) as a table: split and cleaned all at once when
    every row has both outer pipes and none holds markup (a ``clean`` table), else each split on its own (and
    cleaned by the reader)."""
    cleaned = clean_pipe_rows(texts)
    if cleaned is None:
        table = Table([Row(number, split_pipe_row(text)) for number, text in zip(numbers, texts, strict=True)])
        _blank_outer_cells(table, texts)
    else:
        table = Table(list(map(Row, numbers, cleaned)), clean=True)
    for at in headers:
        table.rows[at].header = True
    return table


def _blank_outer_cells(table: Table, texts: list[str]) -> None:
    """In a table whose header has no outer pipe on a side, a row one cell short with a pipe on that side has a
    blank cell there, not an outer pipe (``|  | Thames Valley Police | Action 2``, ``... | Improved sharing |``)."""
    width = len(table.rows[0].cells)
    lead, trail = texts[0].startswith("|"), texts[0].endswith("|")
    if lead and trail:
        return
    for row, text in zip(table.rows, texts, strict=True):
        if len(row.cells) == width - 1:
            if not lead and text.startswith("|") and not text.endswith("|"):
                row.cells.insert(0, "")
            elif not trail and text.endswith("|") and not text.startswith("|"):
                row.cells.append("")


class _Fences:
    """Where each fenced code block closes, found in one pass the first time a fence opens."""

    def __init__(self, lines: list[str]) -> None:
        self._marks: list[tuple[int, str, int, bool]] = []
        for index, line in enumerate(lines):
            if "``" in line or "~~" in line:
                match = _FENCE.match(line)
                if match:
                    mark = match.group(1)
                    self._marks.append((index, mark[0], len(mark), not line[match.end() :].strip()))

    def closing(self, index: int) -> int | None:
        """The line closing the fence opened on line ``index``; None when it never closes (then no fence)."""
        opener = next((m for m in self._marks if m[0] == index), None)
        if opener is None:
            return None
        _, char, length, _ = opener
        for other, other_char, other_length, bare in self._marks:
            if other > index and other_char == char and other_length >= length and bare:
                return other
        return None
