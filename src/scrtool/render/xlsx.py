"""The board's xlsx export, written cell by cell with openpyxl's types: a Summary sheet, All actions, History
(every entry of every action), then one sheet per agency.

Every column has a fixed position whatever the data (the plan's own extra columns come after them). Dates are
date cells shown dd/mm/yyyy; numbers are numbers; text is a string cell, never a formula: openpyxl makes a string
starting with ``=`` a formula as it is assigned, so each text cell is typed a string again at once, and one that
starts like a formula also carries Excel's quote prefix (editing it in Excel keeps it text). Characters XML cannot
hold are replaced, and a cell longer than Excel holds is cut there and reported.

openpyxl is imported only here, when an xlsx is written.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Sequence
from datetime import date, datetime
from typing import IO, TYPE_CHECKING, Any

from . import rows as built
from . import safe
from .rows import COLUMNS, HISTORY_COLUMNS, Column, by_agency, extra_headers, history_values, row_values
from .textual import line_breaks

if TYPE_CHECKING:
    from ..questions.board import Board

XLSX_CELL_LIMIT = 32767
"""Characters (UTF-16 code units) an Excel cell holds; Excel cuts longer text silently."""
CUT_MARK = " \u2026 [cut]"
SHEET_NAME_LIMIT = 31
MAX_WIDTH = 60
DATE_FORMAT = "DD/MM/YYYY"
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"
RAG_FILLS = {
    "red": ("FFC7CE", "9C0006"),
    "amber": ("FFEB9C", "9C5700"),
    "green": ("C6EFCE", "006100"),
    "blue": ("BDD7EE", "1F4E79"),
}
"""RAG -> (fill, font colour): Excel's own good/neutral/bad cell colours (and a blue for completed)."""
HEADER_FILL = "D9E1F2"
SUMMARY, ALL_ACTIONS, HISTORY = "Summary", "All actions", "History"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters an xlsx (XML 1.0) cannot hold: openpyxl's ILLEGAL_CHARACTERS_RE, non-characters and surrogates."""
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEETS = (SUMMARY.casefold(), ALL_ACTIONS.casefold(), HISTORY.casefold())


def xml_text(text: str) -> str:
    """Text an xlsx can hold: a vertical tab or form feed (Word's line and page breaks) becomes a newline, any
    other character XML forbids the replacement character; a CR (alone or before LF) becomes a newline here, as
    XML would make it on reading."""
    return _XML_ILLEGAL.sub(safe.PLACEHOLDER, line_breaks(text))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut(text: str, limit: int) -> str:
    """The longest start of ``text`` of at most ``limit`` UTF-16 code units, never half a surrogate pair."""
    return text.encode("utf-16-le", "surrogatepass")[: 2 * limit].decode("utf-16-le", "ignore")


def cell_text(text: str, where: str, warnings: list[str]) -> str:
    """``text`` made fit for an xlsx cell; a cut is reported in ``warnings`` naming ``where``."""
    clean = xml_text(text)
    size = utf16_len(clean)
    if size <= XLSX_CELL_LIMIT:
        return clean
    warnings.append(
        f"{where} cut to {XLSX_CELL_LIMIT:,} characters in the xlsx (it has {size:,}); the csv and "
        "json exports keep it whole"
    )
    return cut(clean, XLSX_CELL_LIMIT - len(CUT_MARK)) + CUT_MARK


def sheet_names(agencies: Sequence[str]) -> list[str]:
    """A valid, unique sheet name for each agency: at most 31 characters, none of ``[]:*?/\\``, not starting or
    ending with ``'``, unique ignoring case, and never ``Summary``, ``All actions`` or ``History``."""
    taken = set(_RESERVED_SHEETS)
    names = []
    for agency in agencies:
        base = " ".join(_SHEET_FORBIDDEN.sub("-", _XML_ILLEGAL.sub("", agency)).split()).strip(" '") or "Agency"
        name = cut(base, SHEET_NAME_LIMIT).strip(" '")
        n = 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = cut(base, SHEET_NAME_LIMIT - len(suffix)).strip(" '") + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def typed(value: str, kind: str) -> object:
    """A cell's value as its column types it: a date, a datetime (UTC, shown without a zone), an int, or the
    text itself when it is not one (never guessed)."""
    if not value:
        return None
    with contextlib.suppress(ValueError):
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "datetime":
            return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None, microsecond=0)
        if kind == "int":
            return int(value)
    return value


def put(sheet: Any, row: int, col: int, value: object) -> Any:
    """Write one cell with its type: a date or datetime shown dd/mm/yyyy, a number, or a string (never a
    formula)."""
    c = sheet.cell(row=row, column=col, value=value)
    if isinstance(value, str):
        c.data_type = "s"
        if safe.spreadsheet(value) != value:
            c.quotePrefix = True
    elif isinstance(value, datetime):
        c.number_format = DATETIME_FORMAT
    elif isinstance(value, date):
        c.number_format = DATE_FORMAT
    return c


def put_row(sheet: Any, row: int, values: Sequence[object], col: int = 1) -> None:
    """The cells of one row; an empty one (None) is not made at all."""
    for offset, value in enumerate(values):
        if value is not None:
            put(sheet, row, col + offset, value)


def write_xlsx(handle: IO[bytes], board: Board, warnings: list[str]) -> None:
    """The workbook of ``board``: Summary, All actions, History, then a sheet per agency."""
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    book = Workbook()
    _summary_sheet(book.active, board, warnings)
    extras = extra_headers(board)
    columns = list(COLUMNS) + [Column(f"plan: {h}", f"plan: {h}") for h in extras]
    _actions_sheet(
        book.create_sheet(ALL_ACTIONS), columns, [(_where(r), row_values(r, extras)) for r in board.rows], warnings
    )
    _table_sheet(
        book.create_sheet(HISTORY),
        HISTORY_COLUMNS,
        [(f"{HISTORY} {v[1]} {v[0]}", v) for v in history_values(board)],
        warnings,
    )
    skip = [c.key for c in COLUMNS].index("report")
    agency_columns = columns[:skip] + columns[skip + 1 :]
    groups = by_agency(board)
    for (_, rows), name in zip(groups, sheet_names([agency for agency, _ in groups]), strict=True):
        data = []
        for r in rows:
            values = row_values(r, extras)
            del values[skip]
            data.append((_where(r), values))
        _actions_sheet(book.create_sheet(name), agency_columns, data, warnings)
    warnings[:] = dict.fromkeys(warnings)  # a cell cut is on All actions and its agency's sheet: said once
    book.save(handle)


def _where(r: Any) -> str:
    a = r.action
    return f"{a.agency} {a.number or '(response, ' + a.source.where() + ')'}"


def _table_sheet(
    sheet: Any, columns: Sequence[Column], rows: Sequence[tuple[str, Sequence[str]]], warnings: list[str]
) -> None:
    """A header row, then a row each, typed by its column; header frozen and bold, filter on, widths fitted."""
    headings = [c.heading for c in columns]
    data = [
        [typed(cell_text(v, f"{where}: {c.heading}", warnings), c.kind) for v, c in zip(values, columns, strict=True)]
        for where, values in rows
    ]
    put_row(sheet, 1, headings)
    for n, values in enumerate(data, start=2):
        put_row(sheet, n, values)
    sheet.freeze_panes = "A2"
    _header(sheet, 1, len(columns))
    _fit_columns(sheet, headings, data)
    sheet.auto_filter.ref = sheet.dimensions


def _actions_sheet(
    sheet: Any, columns: Sequence[Column], rows: Sequence[tuple[str, Sequence[str]]], warnings: list[str]
) -> None:
    _table_sheet(sheet, columns, rows, warnings)
    rag_col = [c.key for c in columns].index("rag") + 1
    for (c,) in sheet.iter_rows(min_row=2, min_col=rag_col, max_col=rag_col):
        if c.value in RAG_FILLS:
            _rag_fill(c, str(c.value))


def _summary_sheet(sheet: Any, board: Board, warnings: list[str]) -> None:
    """Per agency (as ``scrtool summary``), per recommendation, then what the report is."""
    sheet.title = SUMMARY
    agency_head, agency_rows, rec_head, rec_rows = built.summary_tables(board)
    put_row(sheet, 1, agency_head)
    for n, row in enumerate(agency_rows, start=2):
        put_row(sheet, n, [cell_text(str(row[0]), "Summary: agency name", warnings), *row[1:]])
    recs_at = len(agency_rows) + 3
    put_row(sheet, recs_at, rec_head)
    for n, row in enumerate(rec_rows, start=recs_at + 1):
        put_row(
            sheet,
            n,
            [
                cell_text(str(row[0]), "Summary: recommendation number", warnings),
                cell_text(str(row[1]), f"Summary: recommendation {row[0]}", warnings),
                *row[2:],
            ],
        )
    rep = board.summary.report
    about = [
        ("Report", rep.id),
        ("Title", rep.title),
        ("As of", board.today),
        ("Source file", rep.source_file),
        ("Imported", typed(rep.imported_at, "datetime")),
        (
            "RAG",
            "the latest judgement (the plan's RAG, or update --rag), else scrtool's rule (see its README); "
            "overdue is red",
        ),
    ]
    for n, (label, value) in enumerate(about, start=recs_at + len(rec_rows) + 2):
        put_row(sheet, n, [label, cell_text(value, f"Summary: {label}", warnings) if isinstance(value, str) else value])
    sheet.freeze_panes = "A2"
    _header(sheet, 1, len(agency_head))
    _header(sheet, recs_at, len(rec_head))
    for col, heading in enumerate(agency_head, start=1):
        if heading.lower() in RAG_FILLS:
            _rag_fill(sheet.cell(row=1, column=col), heading.lower())
    _fit(sheet)


def _header(sheet: Any, row: int, count: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    for col in range(1, count + 1):
        c = sheet.cell(row=row, column=col)
        c.font = Font(bold=True)
        c.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        c.alignment = Alignment(wrap_text=True, vertical="top")


@functools.cache
def _rag_style(rating: str, bold: bool) -> tuple[Any, Any]:
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    fill, font = RAG_FILLS[rating]
    return PatternFill(fill_type="solid", start_color=fill, end_color=fill), Font(color=font, bold=bold)


def _rag_fill(c: Any, rating: str) -> None:
    c.fill, c.font = _rag_style(rating, bool(c.font.b))


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return max(len(line) for line in str(value).split("\n"))


def _fit(sheet: Any) -> None:
    """``_fit_columns`` of what a sheet holds (the summary: a few rows)."""
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    _fit_columns(sheet, rows[0] if rows else [], rows[1:])


def _fit_columns(sheet: Any, headings: Sequence[object], rows: Sequence[Sequence[object]], minimum: int = 6) -> None:
    """Each column as wide as its longest line (header included), at most MAX_WIDTH; the text of a column with
    longer or several lines wraps (styling only those cells: openpyxl styles a cell in some 40 microseconds).
    Measured from the values written, not by walking the sheet's cells."""
    from openpyxl.styles import Alignment  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    widths = [max(minimum, _width(h)) for h in headings]
    wrap: set[int] = set()
    for row in rows:
        for col, value in enumerate(row):
            if col >= len(widths):
                widths.append(minimum)
            widths[col] = max(widths[col], _width(value))
            if isinstance(value, str) and "\n" in value:
                wrap.add(col)
    top = Alignment(wrap_text=True, vertical="top")
    for col, width in enumerate(widths):
        sheet.column_dimensions[get_column_letter(col + 1)].width = min(width, MAX_WIDTH) + 2
        if width > MAX_WIDTH:
            wrap.add(col)
    for col in sorted(wrap):
        for n, row in enumerate(rows, start=2):
            if col < len(row) and isinstance(row[col], str):
                sheet.cell(row=n, column=col + 1).alignment = top
