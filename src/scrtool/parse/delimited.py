"""Tab- and comma-separated records -> the same Table/Row blocks as pipe tables.

A ``.csv`` or ``.tsv`` file is read whole with the csv module (Excel's quoting: a quoted field may hold the
delimiter, doubled quotes and line breaks); a record keeps the line number it starts on, and a line break
inside a field becomes an in-cell line break (U+2028, which ``clean`` turns into a newline as it does ``<br>``).
A record the csv module cannot read (an unbalanced quote) is its own line split at each delimiter, quotes
kept, and reading goes on from the next line: nothing is lost to one stray quote.

In a text file, lines with the same number (two or more) of tabs form a tab-separated block; lines with at
least one tab right under them go on with it (ragged rows keep their cells; build.py warns of the count). A
cell quoted over several lines (Excel's copy of a cell with line breaks) keeps its record whole.

Records are grouped into tables by blank records (a blank line, or Excel's ``,,,,``); a group's leading
records holding only a first cell (a title, a heading) are text, like the lines around a pipe table.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from .tables import Block, Row, Table, Text


def read_delimited(lines: list[str], delimiter: str) -> list[Block]:
    """Every block of a whole ``.csv`` (``delimiter=","``) or ``.tsv`` (``"\\t"``) file."""
    with _field_limit(sum(map(len, lines)) + len(lines)):
        return group(_records(lines, delimiter))


@contextmanager
def _field_limit(size: int) -> Iterator[None]:
    """The csv module's limit on a field's length (131,072 characters unless raised) raised to ``size`` (the text
    being read, which the file's size limit bounds) while it is read: a quoted cell is never cut at the limit."""
    before = csv.field_size_limit()
    csv.field_size_limit(max(before, size))
    try:
        yield
    finally:
        csv.field_size_limit(before)


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
    """The tab-separated block starting on line ``start`` of a text file, and the index after it. A record may run
    over several lines inside a quoted cell, as Excel copies a cell holding line breaks (``"The SAB should:`` /
    ``- commission training"``)."""
    tabs = lines[start].count("\t")
    if tabs < 2 or start + 1 >= len(lines):
        return None
    after = _record_end(lines, start + 1)
    if "\n".join(lines[start + 1 : after]).count("\t") != tabs:
        return None
    records = [(start + 1, _split_line(lines[start], "\t"))]
    at = start + 1
    while at < len(lines) and "\t" in lines[at] and lines[at].strip():
        end = _record_end(lines, at)
        records.append((at + 1, [_in_cell_breaks(field) for field in _split_line("\n".join(lines[at:end]), "\t")]))
        at = end
    return group(records), at


_MAX_RECORD_LINES = 50


def _record_end(lines: list[str], start: int) -> int:
    """The index after the record starting on line ``start``: the next line, unless the line's last cell opens a
    quote it does not close (then the line that closes it, within ``_MAX_RECORD_LINES``)."""
    line = lines[start]
    if line.count('"') % 2 == 0 or not line.rsplit("\t", 1)[-1].startswith('"'):
        return start + 1
    quotes = line.count('"')
    for end in range(start + 1, min(len(lines), start + _MAX_RECORD_LINES)):
        quotes += lines[end].count('"')
        if quotes % 2 == 0:
            return end + 1
    return start + 1


def _split_line(line: str, delimiter: str) -> list[str]:
    """One line's fields: csv quoting when the line is well formed, else split as it is."""
    if '"' not in line:
        return line.split(delimiter)
    try:
        with _field_limit(len(line)):
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
