"""A review's action plan, in any format scrtool reads -> typed records: find blocks, map columns, build records."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from ..clock import now_utc
from ..errors import InputError
from ..model import Notice, Plan, Report
from ..names import slug
from .blocks import find_blocks
from .build import Builder
from .decode import DEFAULT_MAX_SIZE
from .formats import Document, Options, open_document
from .tables import Places, Table, Text
from .vocab import DEFAULT, Vocabulary

__all__ = ["DEFAULT_MAX_SIZE", "Options", "find_blocks", "read_plan", "report_id_for"]


def report_id_for(path: str) -> str:
    stem = os.path.basename(path).rsplit(".", 1)[0] if "." in os.path.basename(path) else os.path.basename(path)
    return slug(stem)


def read_plan(path: str, report_id: str | None = None, max_size: int = DEFAULT_MAX_SIZE,
              now: datetime | None = None, vocabulary: Vocabulary = DEFAULT,
              progress: Callable[[int, int, int], None] | None = None, options: Options | None = None) -> Plan:
    """Read one plan file into records; raise InputError when it holds nothing that reads as a plan.

    ``progress``, when given, is called after each table has been read with the number of table rows read so far
    in this file (every row the table hands on, its header row too; not its ``|---|`` line), the line its last row
    starts on, and the file's number of lines. ``options`` say how to read a Word, PDF or Excel file (its
    ``max_size`` is ``max_size``)."""
    name = os.path.basename(path)
    ident = slug(report_id) if report_id else report_id_for(path)
    options = replace(options, max_size=max_size) if options is not None else Options(max_size=max_size)
    document = open_document(path, options)
    builder = Builder(name, ident, path, vocabulary, document.places)
    try:
        title = _read_tables(builder, document, progress)
        if builder.tables == 0 and _holds_html_tables(document):  # markdown or text holding HTML tables
            from .formats.html import read_lines

            document = read_lines(document.text_lines or [], document.sha256)
            builder = Builder(name, ident, path, vocabulary, document.places)
            title = _read_tables(builder, document, progress)
        if builder.tables == 0:
            raise InputError(path, _no_table(document))
        recs, links, actions = builder.finish()
        if not recs and not actions:
            if builder.notices:
                first = builder.notices[0]
                raise InputError(path, f"{first.message}; nothing to import", first.line)
            raise InputError(path, "its tables hold no rows that read as recommendations or actions")
    except InputError as exc:
        raise _placed(exc, document.places) from None
    report = Report(
        id=ident,
        title=document.title or title or name,
        source_file=name,
        sha256=document.sha256,
        imported_at=now.strftime("%Y-%m-%dT%H:%M:%SZ") if now else now_utc(),
    )
    notices = sorted(document.notices + builder.notices, key=lambda n: n.line)
    if document.places is not None:
        places = document.places
        for source in [r.source for r in recs] + [link.source for link in links] + [a.source for a in actions]:
            source.place = places.get(source.line)
        notices = [_placed_notice(notice, places) for notice in notices]
    return Plan(report, tuple(recs), tuple(links), tuple(actions), tuple(notices))


def _placed(exc: InputError, places: Places | None) -> InputError:
    """The error said at its place (page, sheet and cell...) in a file that is not text."""
    place = places.get(exc.line) if places is not None and exc.line is not None else None
    if place is None:
        return exc
    return InputError(exc.file, exc.detail, exc.line, place.describe())


def _placed_notice(notice: Notice, places: Places) -> Notice:
    place = places.get(notice.line)
    return notice if place is None or notice.where is not None else replace(notice, where=place.describe())


def _holds_html_tables(document: Document) -> bool:
    """A text file (markdown, say) with no text table holds HTML ``<table>``s: it is read as a web page."""
    if document.text_lines is None:
        return False
    text = "\n".join(document.text_lines).lower()
    return "<table" in text and "<td" in text


def _no_table(document: Document) -> str:
    """Why a file holds no table scrtool reads: no table at all, or none that is a plan (the reader says why)."""
    if document.notices:
        return f"no table of the plan found: {document.notices[0].message}"
    return "no table found (scrtool reads plans laid out as tables)"


def _read_tables(builder: Builder, document: Document, progress: Callable[[int, int, int], None] | None) -> str:
    """Every table of the document into the builder, one at a time: each is read into drafts and let go before
    the next is found, and a text file's lines go when the last one has been read. Returns the title."""
    title_lines: list[str] = []
    above: list[Text] = []  # the lines of text since the table before
    rows = 0
    for block in document.blocks:
        if isinstance(block, Table):
            headings = builder.add_table(block, above)
            if builder.tables == 1:
                for heading in headings:  # the first table's agency or recommendation, not the report's title ...
                    if heading.text != title_lines[0]:  # ... unless it is the document's first line
                        title_lines.remove(heading.text)
            above = []
            if progress is not None:
                rows += len(block.rows)
                progress(rows, block.rows[-1].line if block.rows else 0, document.lines)
        else:
            above.append(block)
            if builder.tables == 0:
                title_lines.append(block.text)
    return " ".join(title_lines)
