"""Text of a review's action plan -> typed records: decode, find tables, map columns, build records."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import datetime

from ..clock import now_utc
from ..errors import InputError
from ..model import Plan, Report
from ..names import slug
from .blocks import Table, Text, find_blocks, iter_blocks
from .build import Builder
from .decode import DEFAULT_MAX_SIZE, read_file
from .vocab import DEFAULT, Vocabulary

__all__ = ["DEFAULT_MAX_SIZE", "find_blocks", "read_plan", "report_id_for"]


def report_id_for(path: str) -> str:
    stem = os.path.basename(path).rsplit(".", 1)[0] if "." in os.path.basename(path) else os.path.basename(path)
    return slug(stem)


def read_plan(path: str, report_id: str | None = None, max_size: int = DEFAULT_MAX_SIZE,
              now: datetime | None = None, vocabulary: Vocabulary = DEFAULT,
              progress: Callable[[int, int, int], None] | None = None) -> Plan:
    """Read one plan file into records; raise InputError when it holds nothing that reads as a plan.

    ``progress``, when given, is called after each table has been read with the number of table rows read so far
    in this file (every row the table hands on, its header row too; not its ``|---|`` line), the line its last row
    starts on, and the file's number of lines."""
    name = os.path.basename(path)
    ident = slug(report_id) if report_id else report_id_for(path)
    builder = Builder(name, ident, path, vocabulary)
    title, sha256 = _read_tables(builder, path, name, max_size, progress)
    if builder.tables == 0:
        raise InputError(path, _no_table(path, max_size))
    recs, links, actions = builder.finish()
    if not recs and not actions:
        if builder.notices:
            first = builder.notices[0]
            raise InputError(path, f"{first.message}; nothing to import", first.line)
        raise InputError(path, "its tables hold no rows that read as recommendations or actions")
    report = Report(
        id=ident,
        title=title or name,
        source_file=name,
        sha256=sha256,
        imported_at=now.strftime("%Y-%m-%dT%H:%M:%SZ") if now else now_utc(),
    )
    notices = sorted(builder.notices, key=lambda n: n.line)
    return Plan(report, tuple(recs), tuple(links), tuple(actions), tuple(notices))


def _no_table(path: str, max_size: int) -> str:
    """Why a file holds no table scrtool reads: an HTML page's tables are named as such."""
    text = "\n".join(read_file(path, max_size).lines).lower()
    if "<table" in text and "<td" in text:
        return ("no text table found: its tables are HTML (<table>); convert the file to markdown first, e.g. "
                "pandoc -t gfm FILE -o plan.md")
    return "no table found (scrtool reads plans laid out as tables)"


def _read_tables(builder: Builder, path: str, name: str, max_size: int,
                 progress: Callable[[int, int, int], None] | None) -> tuple[str, str]:
    """Every table of the file into the builder, one at a time: each is read into drafts and let go before the
    next is found, and the file's lines go when the last one has been read. Returns the title and the hash."""
    decoded = read_file(path, max_size)
    lines = len(decoded.lines)
    blocks = iter_blocks(decoded.lines, name)
    title_lines: list[str] = []
    above: list[Text] = []  # the lines of text since the table before
    rows = 0
    for block in blocks:
        if isinstance(block, Table):
            headings = builder.add_table(block, above)
            if builder.tables == 1:
                for heading in headings:  # the first table's agency or recommendation, not the report's title ...
                    if heading.text != title_lines[0]:  # ... unless it is the document's first line
                        title_lines.remove(heading.text)
            above = []
            if progress is not None:
                rows += len(block.rows)
                progress(rows, block.rows[-1].line if block.rows else 0, lines)
        elif isinstance(block, Text):
            above.append(block)
            if builder.tables == 0:
                title_lines.append(block.text)
    return " ".join(title_lines), decoded.sha256
