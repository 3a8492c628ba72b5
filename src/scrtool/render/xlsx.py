"""The board's xlsx export, streamed through openpyxl's write-only mode: a Summary sheet, All actions, History
(every entry of every action), then one sheet per agency.

Every column has a fixed position whatever the data (the plan's own extra columns come after them). Dates are
date cells shown dd/mm/yyyy; numbers are numbers; text is a string cell, never a formula: openpyxl makes a string
starting with ``=`` a formula (and ``#N/A`` an error) as it is assigned, so such a cell is typed a string again at
once, and one that starts like a formula also carries Excel's quote prefix (editing it in Excel keeps it text).
Characters XML cannot hold are replaced, and a cell longer than Excel holds is cut there and reported.

Speed (a board of 100,000 actions): each sheet's cells are made once as values (``Grid``), its column widths and
wrapped columns measured from them, then written row by row; each combination of styles a cell takes is
registered with the workbook once and copied onto its cells (styling a cell through openpyxl's attributes hashes
and looks up every style object again); a cell that needs no style is handed over as a plain value.

openpyxl is imported only here, when an xlsx is written.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Sequence
from copy import copy
from dataclasses import dataclass
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
_XML_CHANGES = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""What ``xml_text`` changes: a CR, a vertical tab or form feed, or a character XML cannot hold."""
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEETS = (SUMMARY.casefold(), ALL_ACTIONS.casefold(), HISTORY.casefold())


def xml_text(text: str) -> str:
    """Text an xlsx can hold: a vertical tab or form feed (Word's line and page breaks) becomes a newline, any
    other character XML forbids the replacement character; a CR (alone or before LF) becomes a newline here, as
    XML would make it on reading."""
    if _XML_CHANGES.search(text) is None:  # nearly every cell: one scan instead of three
        return text
    return _XML_ILLEGAL.sub(safe.PLACEHOLDER, line_breaks(text))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut(text: str, limit: int) -> str:
    """The longest start of ``text`` of at most ``limit`` UTF-16 code units, never half a surrogate pair."""
    return text.encode("utf-16-le", "surrogatepass")[: 2 * limit].decode("utf-16-le", "ignore")


def cell_text(text: str, where: str, warnings: list[str]) -> str:
    """``text`` made fit for an xlsx cell; a cut is reported in ``warnings`` naming ``where``."""
    clean = xml_text(text)
    if len(clean) <= XLSX_CELL_LIMIT // 2:  # fits whatever it holds (a character is at most two code units)
        return clean
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
    if kind == "text":
        return value
    with contextlib.suppress(ValueError):
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "datetime":
            return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None, microsecond=0)
        if kind == "int":
            return int(value)
    return value


@dataclass(slots=True)
class Grid:
    """A sheet's cells as the values written (None: no cell), its first row first."""

    rows: list[list[object]]
    headers: tuple[int, ...] = (0,)
    """The rows (from 0) styled as headings: bold on a blue-grey fill, wrapped."""
    rag_column: int | None = None
    """The column (from 0) whose RAG words below the heading take the rating's fill and font colour."""
    rag_headings: bool = False
    """The first row's headings naming a rating (``Red``) take its fill (the Summary's)."""
    filter: bool = True
    """An autofilter over the cells."""


def write_xlsx(handle: IO[bytes], board: Board, warnings: list[str]) -> None:
    """The workbook of ``board``: Summary, All actions, History, then a sheet per agency."""
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    book = Workbook(write_only=True)
    try:
        _write_book(book, board, warnings)
        book.save(handle)
    except BaseException:
        _discard(book)
        raise
    warnings[:] = dict.fromkeys(warnings)  # a cell cut is on All actions and its agency's sheet: said once


def _discard(book: Any) -> None:
    """A workbook given up half-way: each sheet's writer closed and its temporary file removed (write-only mode
    keeps a sheet in one until the book is saved); left open, a writer prints an "Exception ignored" traceback
    when Python collects it."""
    for sheet in book.worksheets:
        writer = sheet._writer
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            sheet.close()
        with contextlib.suppress(OSError, ValueError):
            writer.cleanup()


def _write_book(book: Any, board: Board, warnings: list[str]) -> None:
    styles = _Styles()
    styles.write(book.create_sheet(SUMMARY), _summary_grid(board, warnings))
    extras = extra_headers(board)
    columns = list(COLUMNS) + [Column(f"plan: {h}", f"plan: {h}") for h in extras]
    cells = [_typed(_where(r), row_values(r, extras), columns, warnings) for r in board.rows]
    rag = [c.key for c in COLUMNS].index("rag")
    styles.write(book.create_sheet(ALL_ACTIONS), _table(columns, cells, rag))
    history = [_typed(f"{HISTORY} {v[1]} {v[0]}", v, HISTORY_COLUMNS, warnings) for v in history_values(board)]
    styles.write(book.create_sheet(HISTORY), _table(HISTORY_COLUMNS, history, None))
    skip = [c.key for c in COLUMNS].index("report")  # an agency sheet: All actions' cells but the report's
    agency_columns = columns[:skip] + columns[skip + 1 :]
    place = {id(r): n for n, r in enumerate(board.rows)}
    groups = by_agency(board)
    for (_, rows), name in zip(groups, sheet_names([agency for agency, _ in groups]), strict=True):
        mine = [cells[place[id(r)]] for r in rows]
        styles.write(book.create_sheet(name), _table(agency_columns, [c[:skip] + c[skip + 1 :] for c in mine], rag - 1))


def _where(r: Any) -> str:
    a = r.action
    return f"{a.agency} {a.number or '(response, ' + a.source.where() + ')'}"


def _typed(where: str, values: Sequence[str], columns: Sequence[Column], warnings: list[str]) -> list[object]:
    """One row's cells: each value made fit for a cell (``cell_text``: a cut reported naming ``where`` and the
    column) and typed by its column."""
    out: list[object] = []
    for value, column in zip(values, columns, strict=True):
        if not value:
            out.append(None)
            continue
        text = xml_text(value)
        if len(text) > XLSX_CELL_LIMIT // 2:
            text = cell_text(value, f"{where}: {column.heading}", warnings)
        out.append(typed(text, column.kind))
    return out


def _table(columns: Sequence[Column], rows: list[list[object]], rag: int | None) -> Grid:
    return Grid([[c.heading for c in columns], *rows], rag_column=rag)


def _summary_grid(board: Board, warnings: list[str]) -> Grid:
    """Per agency (as ``scrtool summary``), per recommendation, then what the report is."""
    agency_head, agency_rows, rec_head, rec_rows = built.summary_tables(board)
    rows: list[list[object]] = [list(agency_head)]
    rows += [[cell_text(str(row[0]), "Summary: agency name", warnings), *row[1:]] for row in agency_rows]
    rows.append([])
    recs_at = len(rows)
    rows.append(list(rec_head))
    rows += [
        [
            cell_text(str(row[0]), "Summary: recommendation number", warnings),
            cell_text(str(row[1]), f"Summary: recommendation {row[0]}", warnings),
            *row[2:],
        ]
        for row in rec_rows
    ]
    rows.append([])
    rep = board.summary.report
    about: list[tuple[str, object]] = [
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
    rows += [
        [label, cell_text(value, f"Summary: {label}", warnings) if isinstance(value, str) else value]
        for label, value in about
    ]
    return Grid([[None if v == "" else v for v in row] for row in rows], (0, recs_at), rag_headings=True, filter=False)


class _Styles:
    """Each combination of styles a cell takes (heading, RAG fill, number format, quote prefix, wrapped), registered
    with the workbook once and copied onto each cell that takes it."""

    def __init__(self) -> None:
        from openpyxl.cell.cell import ERROR_CODES  # type: ignore[import-untyped, unused-ignore]

        self.made: dict[tuple[bool, str, str, bool, bool], Any] = {}
        self.errors = frozenset(ERROR_CODES)

    def write(self, sheet: Any, grid: Grid) -> None:
        """The sheet's widths, frozen heading and filter, then its rows."""
        from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

        widths, wrap = _fit(grid.rows)
        for col, width in enumerate(widths):
            sheet.column_dimensions[get_column_letter(col + 1)].width = min(width, MAX_WIDTH) + 2
        sheet.freeze_panes = "A2"
        if grid.filter:
            last = max((n for n, row in enumerate(grid.rows) if any(v is not None for v in row)), default=0)
            sheet.auto_filter.ref = f"A1:{get_column_letter(max(len(widths), 1))}{last + 1}"
        headers = set(grid.headers)
        for n, row in enumerate(grid.rows):
            rag = grid.rag_column if n > 0 and n not in headers else None
            sheet.append(
                self._row(sheet, row, n in headers, rag, wrap if n > 0 else frozenset(), grid.rag_headings and n == 0)
            )

    def _row(
        self, sheet: Any, row: list[object], header: bool, rag: int | None, wrap: frozenset[int], rag_heads: bool
    ) -> list[object]:
        """A row's cells: a plain value where no style is wanted, else a cell with its style and type."""
        out: list[object] = []
        for col, value in enumerate(row):
            if value is None or (
                not header
                and type(value) is str
                and col != rag
                and col not in wrap
                and value not in self.errors
                and safe.spreadsheet(value) is value
            ):
                out.append(value)  # the plain text of a data cell (nearly every cell): openpyxl's own cell
                continue
            text = isinstance(value, str)
            rating = ""
            if rag_heads and text and str(value).lower() in RAG_FILLS:
                rating = str(value).lower()
            elif col == rag and value in RAG_FILLS:
                rating = str(value)
            key = (
                header,
                rating,
                DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT if isinstance(value, date) else "",
                text and safe.spreadsheet(str(value)) != value,
                text and col in wrap,
            )
            out.append(self._cell(sheet, value, key) if any(key) or (text and value in self.errors) else value)
        return out

    def _cell(self, sheet: Any, value: object, key: tuple[bool, str, str, bool, bool]) -> Any:
        from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]

        style = self.made.get(key)
        if style is None:
            style = self.made[key] = _style(WriteOnlyCell(sheet), *key)
        cell = WriteOnlyCell(sheet)
        cell._style = copy(style)  # before the value: a date then keeps its format (openpyxl would set its own)
        cell.value = value
        if isinstance(value, str):
            cell.data_type = "s"  # never a formula or an error: text as written
        return cell


def _style(cell: Any, header: bool, rating: str, number_format: str, quote: bool, wrap: bool) -> Any:
    """The style array of ``cell`` given these styles (registered with the workbook as they are set)."""
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    top = Alignment(wrap_text=True, vertical="top")
    if header:
        cell.font = Font(bold=True)
        cell.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        cell.alignment = top
    if rating:
        fill, font = RAG_FILLS[rating]
        cell.fill = PatternFill(fill_type="solid", start_color=fill, end_color=fill)
        cell.font = Font(color=font, bold=header)
    if wrap:
        cell.alignment = top
    if number_format:
        cell.number_format = number_format
    if quote:
        cell.quotePrefix = True
    return cell._style


def _width(value: object) -> int:
    if isinstance(value, str):
        return len(value) if "\n" not in value else max(len(line) for line in value.split("\n"))
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(value))


def _fit(rows: Sequence[Sequence[object]], minimum: int = 6) -> tuple[list[int], frozenset[int]]:
    """Each column's width, as wide as its longest line (heading included, at least ``minimum``; the sheet caps
    it at MAX_WIDTH), and the columns whose text wraps: those with a line break below the heading, or wider."""
    widths: list[int] = []
    wrap: set[int] = set()
    for n, row in enumerate(rows):
        if len(row) > len(widths):
            widths += [minimum] * (len(row) - len(widths))
        for col, value in enumerate(row):
            width = _width(value)
            if width > widths[col]:
                widths[col] = width
            if n and isinstance(value, str) and "\n" in value:
                wrap.add(col)
    return widths, frozenset(wrap | {col for col, width in enumerate(widths) if width > MAX_WIDTH})
