"""A review's action plan, in any format scrtool reads -> typed records: find blocks, map columns, build records."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from ..clock import now_utc
from ..errors import InputError
from ..model import Notice, Plan, Report
from ..names import report_slug
from .blocks import find_blocks
from .build import Builder
from .decode import DEFAULT_MAX_SIZE
from .formats import Document, Options, open_document
from .formats.skipping import chronology, counts, named_table, skipped_notice
from .headings import first_line, report_title
from .layouts.list_drafts import add_lists
from .layouts.lists import read_lists
from .series import two_series
from .tables import Places, Table, Text
from .vocab import DEFAULT, Vocabulary

__all__ = ["DEFAULT_MAX_SIZE", "Options", "find_blocks", "read_plan", "report_id_for"]


def report_id_for(path: str) -> str:
    """The report id a file's name gives: its stem as a slug that keeps letters of any script (``Child Ö.md`` ->
    ``child-ö``)."""
    stem = os.path.basename(path).rsplit(".", 1)[0] if "." in os.path.basename(path) else os.path.basename(path)
    return report_slug(stem)


def read_plan(
    path: str,
    report_id: str | None = None,
    max_size: int = DEFAULT_MAX_SIZE,
    now: datetime | None = None,
    vocabulary: Vocabulary = DEFAULT,
    progress: Callable[[int, int, int], None] | None = None,
    options: Options | None = None,
) -> Plan:
    """Read one plan file into records; raise InputError when it holds nothing that reads as a plan.

    ``progress``, when given, is called after each table has been read with the number of table rows read so far
    in this file (every row the table hands on, its header row too; not its ``|---|`` line), the line its last row
    starts on, and the file's number of lines. ``options`` say how to read a Word, PDF or Excel file (its
    ``max_size`` is ``max_size``)."""
    name = os.path.basename(path)
    ident = report_slug(report_id) if report_id else report_id_for(path)
    options = replace(options, max_size=max_size) if options is not None else Options(max_size=max_size)
    document = open_document(path, options)
    builder = Builder(name, ident, path, vocabulary, document.places)
    try:
        title, texts, first_table = _read_tables(builder, document, progress)
        if builder.tables == 0 and _holds_html_tables(document):  # markdown or text holding HTML tables
            from .formats.html import check_cells, read_lines

            check_cells(path, document.text_lines or [], max_size)
            document = read_lines(document.text_lines or [], document.sha256)
            builder = Builder(name, ident, path, vocabulary, document.places)
            title, texts, first_table = _read_tables(builder, document, progress)
        if two_series(texts, builder.recs, builder.by_column):  # a DHR's single- and multi-agency series
            document = open_document(path, options)
            builder = Builder(name, ident, path, vocabulary, document.places, two_series=True)
            title, texts, first_table = _read_tables(builder, document, progress)
        listed = read_lists(texts, document.text_lines is not None, vocabulary)
        if listed:
            add_lists(builder, listed)
            title = next((first_line(text.text) for text in texts if text is not None), title)  # its first line
        elif builder.tables == 0:
            raise InputError(path, _no_table(document, builder))
        recs, links, actions = builder.finish()
        if not recs and not actions:
            raise _nothing_found(path, builder, first_table)
    except InputError as exc:
        raise _placed(exc, document.places) from None
    report = Report(
        id=ident,
        title=document.title or title or name,
        source_file=name,
        sha256=document.sha256,
        imported_at=now.strftime("%Y-%m-%dT%H:%M:%SZ") if now else now_utc(),
    )
    builder.notices.extend(document.notices)
    notices = builder.notices.shown(document.places)
    if document.places is not None:
        places = document.places
        for source in [r.source for r in recs] + [link.source for link in links] + [a.source for a in actions]:
            source.place = places.get(source.line)
        notices = tuple(_placed_notice(notice, places) for notice in notices)
    return Plan(report, tuple(recs), tuple(links), tuple(actions), notices)


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


def _no_table(document: Document, builder: Builder) -> str:
    """Why a file holds no table and no list scrtool reads: a document's tables that are not the plan, or none."""
    skipped = document.notices[0] if document.notices else builder.notices.first
    if skipped is not None:
        return f"no table of the plan found: {skipped.message}"
    return (
        "no recommendations found: no table of a plan, and no list of recommendations (a 'Recommendations' "
        "heading over them, or 'Recommendation 1' labels)"
    )


def _nothing_found(path: str, builder: Builder, first_table: int) -> InputError:
    """Why a file whose tables (and lists) gave no record is refused: what its first table lacked."""
    if builder.columns is None:  # no table had a header scrtool knows: a list of publications, of cases ...
        return InputError(
            path,
            "no recommendations found: its tables have no column of recommendations or actions, "
            "and its text no list of recommendations",
            first_table,
        )
    first = builder.notices.first
    if first is not None:
        return InputError(path, f"{first.message}; nothing to import", first.line)
    return InputError(path, "its tables hold no rows that read as recommendations or actions")


def _read_tables(
    builder: Builder, document: Document, progress: Callable[[int, int, int], None] | None
) -> tuple[str, list[Text | None], int]:
    """Every table of the document into the builder, one at a time: each is read into drafts and let go before
    the next is found, and a text file's lines go when the last one has been read. Returns the title, and the
    lines of text the tables did not take as their headings, None where each table was (for ``read_lists``), and
    the line of the first table."""
    title_lines: list[Text] = []
    above: list[Text] = []  # the lines of text since the table before
    texts: list[Text | None] = []
    rows = first_table = 0
    chronologies: list[Table] = []
    for block in document.blocks:
        if isinstance(block, Table) and (
            chronology([row.cells for row in block.rows[:3]]) or counts([row.cells for row in block.rows[:3]])
        ):
            chronologies.append(block)
            texts += above
            texts.append(None)
            above = []
        elif isinstance(block, Table):
            headings = builder.add_table(block, above)
            if builder.tables == 1:
                first_table = block.line
                for heading in headings:  # the first table's agency or recommendation, not the report's title ...
                    if heading != title_lines[0]:  # ... unless it is the document's first line
                        title_lines.remove(heading)
            texts += [line for line in above if line not in headings]
            texts.append(None)
            above = []
            if progress is not None:
                rows += len(block.rows)
                progress(rows, block.rows[-1].line if block.rows else 0, document.lines)
        else:
            above.append(block)
            if builder.tables == 0:
                title_lines.append(block)
    if chronologies:
        names = [
            named_table([row.cells for row in table.rows[:3]], _table_name(table, document.places))
            for table in chronologies
        ]
        tallies = sum(counts([row.cells for row in table.rows[:3]]) for table in chronologies)
        builder.notices.append(skipped_notice(chronologies[0].line, names, len(names) - tallies, tallies))
    return report_title(title_lines), texts + above, first_table


def _table_name(table: Table, places: Places | None) -> str:
    """``the table on page 3`` (or on line 40 of a text file)."""
    place = places.get(table.line) if places is not None else None
    return f"the table on {place.describe() if place is not None else f'line {table.line}'}"
