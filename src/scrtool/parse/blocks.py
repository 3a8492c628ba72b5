"""Lines of a plan -> its blocks: tables (rows of raw cells with line numbers) and lines of text between them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .cells import split_pipe_row

_DELIMITER_CELL = re.compile(r"^\s*:?[-\u2010-\u2015\u2212]+:?\s*$")
_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+|\s+#+\s*$")


@dataclass(slots=True)
class Row:
    """One table line: its 1-based line number and its raw cells."""

    line: int
    cells: list[str]
    header: bool = False
    """True when a delimiter row (``|---|``) follows this row."""


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
    if "-" not in line and not any("\u2010" <= ch <= "\u2015" or ch == "\u2212" for ch in line):
        return False
    if "|" not in line:
        return False
    cells = split_pipe_row(line)
    return bool(cells) and all(_DELIMITER_CELL.match(cell) for cell in cells)


def _is_pipe_line(line: str) -> bool:
    return "|" in line and line.replace("\\|", "").count("|") > 0


def find_blocks(lines: list[str]) -> list[Block]:
    blocks: list[Block] = []
    table: Table | None = None
    fence: str | None = None
    count = len(lines)
    for index, line in enumerate(lines):
        number = index + 1
        stripped = line.strip()
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        if table is not None:
            if stripped and _is_pipe_line(stripped):
                if is_delimiter_row(stripped):
                    if table.rows:
                        table.rows[-1].header = True
                    continue
                table.rows.append(Row(number, split_pipe_row(stripped)))
                continue
            table = None
        if not stripped:
            continue
        fence_match = _FENCE.match(line)
        if fence_match:
            fence = fence_match.group(1)[:3]
            continue
        if _is_pipe_line(stripped):
            next_line = lines[index + 1].strip() if index + 1 < count else ""
            if is_delimiter_row(next_line) or (stripped.startswith("|") and stripped.endswith("|")
                                               and len(stripped) > 1):
                table = Table([Row(number, split_pipe_row(stripped))])
                blocks.append(table)
                continue
        blocks.append(Text(number, _HEADING.sub("", stripped).strip()))
    return blocks
