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
from dataclasses import dataclass, field

from .cells import split_pipe_row

_DASHES = "\\-\u2010-\u2015\u2212\u2500\u2501\ufe58\ufe63\uff0d"
"""Hyphen-minus and the dashes Word and converters put in a ``---`` row (en, em, figure, minus, box line)."""
_DELIMITER_CHARS = re.compile(f"[\\s|:+{_DASHES}]+")
_DELIMITER_CELL = re.compile(f"\\s*:?[{_DASHES}]+:?\\s*")
_FENCE = re.compile(r"\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")


@dataclass(slots=True)
class Row:
    """One table row: the 1-based line number of its first source line and its raw cells."""

    line: int
    cells: list[str]
    header: bool = False
    """True when the source marks this row as the header (a ``|---|`` row or a ``+===+`` border follows it)."""


@dataclass(slots=True)
class Table:
    rows: list[Row] = field(default_factory=list)

    @property
    def line(self) -> int:
        return self.rows[0].line if self.rows else 0


@dataclass(frozen=True, slots=True)
class Text:
    """A non-blank line outside any table (a title, a heading, a paragraph)."""

    line: int
    text: str


Block = Table | Text


def is_delimiter_row(line: str) -> bool:
    """``|---|:--:|``, also with NBSPs, Word's en/em dashes, no outer pipes, or org-mode's ``|---+---|``."""
    if "|" not in line or not _DELIMITER_CHARS.fullmatch(line):
        return False
    cells = split_pipe_row(line)
    return all(_DELIMITER_CELL.fullmatch(part) for cell in cells for part in cell.split("+"))


def _has_pipe(line: str) -> bool:
    """The line holds a cell separator: a pipe that is not escaped as ``\\|``."""
    return "\\|" not in line or line.replace("\\|", "").count("|") > 0


def join_wrapped(first: str, second: str) -> str:
    """Two lines of a wrapped cell as one text: joined with a space, or with none after a word broken at its
    hyphen (``non-`` + ``housing`` -> ``non-housing``)."""
    if not first:
        return second
    if not second:
        return first
    if first[-1] == "-" and len(first) > 1 and first[-2].isalpha() and second[0].islower():
        return first + second
    return f"{first} {second}"


def text_block(number: int, line: str) -> Text:
    return Text(number, _HEADING.sub("", line.strip()).strip())


def find_blocks(lines: list[str], name: str = "") -> list[Block]:
    """The tables and text lines of a plan, in order.

    ``name`` is the file's name: a ``.csv`` or ``.tsv`` file is read as comma- or tab-separated records.
    """
    suffix = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if suffix in ("csv", "tsv"):
        from .delimited import read_delimited

        return read_delimited(lines, "\t" if suffix == "tsv" else ",")
    return _find_blocks(lines)


def _find_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    table: Table | None = None
    table_start = 0
    fences: _Fences | None = None
    carry = None  # layout of the last whitespace-aligned table, for a headerless one under it
    count = len(lines)
    index = 0
    while index < count:
        line = lines[index]
        if table is not None:
            if "|" in line and _has_pipe(line):
                stripped = line.strip()
                if is_delimiter_row(stripped):
                    if table.rows:
                        table.rows[-1].header = True
                else:
                    table.rows.append(Row(index + 1, split_pipe_row(stripped)))
                index += 1
                continue
            _close(blocks, table, lines, table_start, index)
            table = None
        stripped = line.strip()
        if not stripped:
            index += 1
            continue
        first = stripped[0]
        if first in "`~" and _FENCE.match(line):
            fences = fences or _Fences(lines)
            end = fences.closing(index)
            if end is not None:  # a fenced code block: its lines are text, whatever they hold
                blocks.extend(Text(i + 1, lines[i].strip()) for i in range(index, end + 1) if lines[i].strip())
                index = end + 1
                continue
        if "|" in stripped and _has_pipe(stripped):
            following = lines[index + 1].strip() if index + 1 < count else ""
            if is_delimiter_row(stripped):
                if "|" in following and _has_pipe(following):  # a delimiter row with no header row above it
                    table, table_start = Table(), index
                    blocks.append(table)
                    index += 1
                    continue
            elif is_delimiter_row(following) or (first == "|" and stripped[-1] == "|" and len(stripped) > 1):
                table, table_start = Table([Row(index + 1, split_pipe_row(stripped))]), index
                blocks.append(table)
                index += 1
                continue
        if first in GRID_STARTS:
            from .grid import read_grid

            found = read_grid(lines, index)
            if found is not None:
                blocks.append(found[0])
                index = found[1]
                continue
        if "\t" in line and line.count("\t") >= 2:
            from .delimited import read_tab_block

            tabbed = read_tab_block(lines, index)
            if tabbed is not None:
                blocks.extend(tabbed[0])
                index = tabbed[1]
                continue
        if "  " in stripped or "\t" in stripped:
            from .aligned import read_aligned

            aligned = read_aligned(lines, index, carry)
            if aligned is not None:
                found_blocks, index, carry = aligned
                blocks.extend(found_blocks)
                continue
        blocks.append(text_block(index + 1, stripped))
        index += 1
    if table is not None:
        _close(blocks, table, lines, table_start, count)
    return blocks


GRID_STARTS = frozenset("+\u250c\u2552\u2553\u2554\u250f\u251c\u255e\u255f\u2560\u2523")
"""First characters of a grid table's top border: ``+`` or a box-drawing corner."""


def _close(blocks: list[Block], table: Table, lines: list[str], start: int, end: int) -> None:
    """A pipe table ends; one that got no row (only ``|---|`` lines) is text after all."""
    if table.rows:
        return
    blocks.remove(table)
    blocks.extend(Text(i + 1, lines[i].strip()) for i in range(start, end) if lines[i].strip())


class _Fences:
    """Where each fenced code block closes, found in one pass the first time a fence opens."""

    def __init__(self, lines: list[str]) -> None:
        self._marks: list[tuple[int, str, int, bool]] = []
        for index, line in enumerate(lines):
            if "``" in line or "~~" in line:
                match = _FENCE.match(line)
                if match:
                    mark = match.group(1)
                    self._marks.append((index, mark[0], len(mark), not line[match.end():].strip()))

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
