"""Tab- and comma-separated records -> the same Table/Row blocks as pipe tables.

A ``.csv`` or ``.tsv`` file is read whole with the csv module (Excel's quoting: a quoted field may hold the
delimiter, doubled quotes and line breaks); a record keeps the line number it starts on, and a line break
inside a field becomes an in-cell line break (U+2028, which ``clean`` turns into a newline as it does ``<br>``).
A record the csv module cannot read (an unbalanced quote) is its own line split at each delimiter, quotes
kept, and reading goes on from the next line: nothing is lost to one stray quote.

In a text file, lines with the same number (two or more) of tabs form a tab-separated block; lines with at
least one tab right under them go on with it (ragged rows keep their cells; build.py warns of the count).

Records are grouped into tables by blank records (a blank line, or Excel's ``,,,,``); a group's leading
records holding only a first cell (a title, a heading) are text, like the lines around a pipe table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable

from .blocks import Block, Row, Table, Text


def read_delimited(lines: list[str], delimiter: str) -> list[Block]:
    """Every block of a whole ``.csv`` (``delimiter=","``) or ``.tsv`` (``"\\t"``) file."""
    return group(_records(lines, delimiter))


def _records(lines: list[str], delimiter: str) -> list[tuple[int, list[str]]]:
    records: list[tuple[int, list[str]]] = []
    position = 0
    count = len(lines)
    if count and lines[-1] == "":
        count -= 1  # the file's final newline
    while position < count:
        reader = csv.reader((line + "\n" for line in lines[position:count]), delimiter=delimiter, strict=True)
        consumed = 0
        try:
            for fields in reader:
                records.append((position + consumed + 1, [_in_cell_breaks(f) for f in fields]))
                consumed = reader.line_num
            break
        except csv.Error:
            bad = position + consumed  # the record that failed starts here: that line is split as it is
            records.append((bad + 1, lines[bad].split(delimiter)))
            position = bad + 1
    return records


def _in_cell_breaks(field: str) -> str:
    return field.replace("\n", "\u2028") if "\n" in field else field


def read_tab_block(lines: list[str], start: int) -> tuple[list[Block], int] | None:
    """The tab-separated block starting on line ``start`` of a text file, and the index after it."""
    tabs = lines[start].count("\t")
    if tabs < 2 or start + 1 >= len(lines) or lines[start + 1].count("\t") != tabs:
        return None
    end = start + 2
    while end < len(lines) and "\t" in lines[end] and lines[end].strip():
        end += 1
    return group((i + 1, _split_line(lines[i], "\t")) for i in range(start, end)), end


def _split_line(line: str, delimiter: str) -> list[str]:
    """One line's fields: csv quoting when the line is well formed, else split as it is."""
    if '"' not in line:
        return line.split(delimiter)
    try:
        return next(csv.reader([line], delimiter=delimiter, strict=True), [])
    except csv.Error:
        return line.split(delimiter)


def group(records: Iterable[tuple[int, list[str]]]) -> list[Block]:
    """Records -> tables split by blank records, with a group's leading title records as text."""
    blocks: list[Block] = []
    table: Table | None = None
    for line, fields in records:
        filled = [i for i, field in enumerate(fields) if field.strip()]
        if not filled:
            table = None
            continue
        if table is None and filled == [0]:
            blocks.append(Text(line, " ".join(fields[0].replace("\u2028", " ").split())))
            continue
        if table is None:
            table = Table()
            blocks.append(table)
        table.rows.append(Row(line, fields))
    return blocks
