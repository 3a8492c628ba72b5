"""A return workbook (returns/layout.py): one sheet of an agency's actions, the columns it fills unlocked, the rest
protected without a password (against accidents, not attacks), and a veryHidden sheet recording what was issued.

Written with openpyxl's write-only mode, each styled cell made once per column and given each row's value (a
cell styled anew costs some 40 microseconds; a 2,000-row return has 32,000 cells). Report text is data: a cell
that starts like a formula is a string with Excel's quote prefix, never a formula.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from ..returns import layout
from . import safe, xlsx

WIDTHS = {
    "Ref": 30,
    "Recommendation": 40,
    "Action": 50,
    "Outcome": 40,
    layout.NOTE: 50,
    layout.EVIDENCE: 30,
    layout.REASON: 30,
}
CONTEXT_FILL = "EDEDED"
"""The context columns' grey."""
DATE_FORMAT = "DD/MM/YYYY"
LINE_HEIGHT, MAX_HEIGHT = 15, 409
"""A wrapped line's height in points (11-point text), and the most a row may be (Excel's limit)."""
_PER_LINE = tuple(int(WIDTHS.get(heading, 14) * 1.25) for heading in layout.CONTEXT)
"""About how many characters of a context column fit on a line (its width counts widest digits)."""


@dataclass(frozen=True, slots=True)
class BookRow:
    """One action of a return: its context cells (in the order of ``layout.CONTEXT``) and its state at issue."""

    action_id: str
    report: str
    context: tuple[object, ...]
    status: str
    due: str | None
    updated: str | None


@dataclass(frozen=True, slots=True)
class Book:
    """A return to write."""

    agency: str
    token: str
    issued_on: date
    issued_at: str
    mark: int
    """The store's newest history entry id when it was issued."""
    rows: tuple[BookRow, ...]


def write(handle: IO[bytes], book: Book, warnings: list[str]) -> None:
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]

    wb = Workbook(write_only=True)
    sheet = wb.create_sheet(layout.SHEET)
    _columns(sheet)
    _printed(sheet)
    sheet.freeze_panes = f"B{layout.HEADER_ROW + 1}"
    _top(sheet, book)
    cells = _Cells(sheet)
    sheet.append([cells.header(h) for h in layout.CONTEXT + layout.ANSWERS])
    digests = []
    for number, row in enumerate(book.rows, start=layout.HEADER_ROW + 1):
        appended, values = cells.row(row, book.agency, warnings)
        digests.append(layout.digest(values[1:]))
        lines = _lines(values)
        if lines > 1:
            sheet.row_dimensions[number].height = min(LINE_HEIGHT * lines, MAX_HEIGHT)
        sheet.append(appended)
    last = layout.HEADER_ROW + max(len(book.rows), 1)
    _validations(sheet, last)
    sheet.protection.sheet = True
    sheet.protection.sort = False
    sheet.protection.autoFilter = False
    sheet.protection.formatColumns = False
    sheet.auto_filter.ref = f"A{layout.HEADER_ROW}:{_letter(len(layout.CONTEXT) + len(layout.ANSWERS))}{last}"
    _record(wb, book, digests)
    wb.save(handle)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    return str(get_column_letter(column))


def _columns(sheet: Any) -> None:
    """Widths and styles as whole columns (a cell written with no style of its own, or typed in, takes its
    column's): the context columns grey and locked, the answer columns unlocked (and dates formatted); the answer
    cells are not written, and the context text cells carry no style (a styled cell costs openpyxl several times a
    plain one)."""
    from openpyxl.styles import Alignment, Protection  # type: ignore[import-untyped, unused-ignore]

    for n, heading in enumerate(layout.CONTEXT + layout.ANSWERS, start=1):
        column = sheet.column_dimensions[_letter(n)]
        column.width = WIDTHS.get(heading, 14)
        column.alignment = Alignment(wrap_text=True, vertical="top")
        if heading in layout.ANSWERS:
            column.protection = Protection(locked=False)
            if heading in layout.DATE_COLUMNS:
                column.number_format = DATE_FORMAT
        else:
            column.fill = _grey()


def _printed(sheet: Any) -> None:
    """Printed as a person reads it: landscape, every column on one page's width, the header on every page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = "9"  # A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{layout.HEADER_ROW}:{layout.HEADER_ROW}"


def _top(sheet: Any, book: Book) -> None:
    """The title, the issue date and the instructions: cells of their own style (no grey, no wrapping), so each
    line reads across the empty cells to its right rather than folded into the Ref column's width."""
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.styles import Alignment, Font  # type: ignore[import-untyped, unused-ignore]

    def plain(value: object, font: Any = None) -> Any:
        cell = WriteOnlyCell(sheet, value=value)
        cell.alignment = Alignment(wrap_text=False, vertical="top")
        if font is not None:
            cell.font = font
        return cell

    issued = plain(book.issued_on, Font(bold=True))
    issued.number_format = DATE_FORMAT
    sheet.append([plain(_text(f"Quarterly return: {book.agency}"), Font(bold=True, size=14))])
    sheet.append([plain("Issued on"), issued])
    for line in layout.INSTRUCTIONS:
        sheet.append([plain(line)])
    for _ in range(layout.HEADER_ROW - 3 - len(layout.INSTRUCTIONS)):
        sheet.append([])


def _lines(values: list[object]) -> int:
    """About how many lines the row's longest wrapped context cell takes (a row is made that tall: neither Excel
    nor LibreOffice sizes a row to its wrapped text when it opens a workbook)."""
    most = 1
    for value, per_line in zip(values, _PER_LINE, strict=True):
        if isinstance(value, str) and (len(value) > per_line or "\n" in value):
            most = max(most, sum(1 + len(part) // per_line for part in value.split("\n")))
    return most


class _Cells:
    """A data row's cells: each context column's styled cell (grey, locked, wrapped at the top; dates formatted)
    made once and given each row's value (Excel styles a written cell by its own style, never its column's; a
    styled cell made anew for each row costs openpyxl several times a plain one)."""

    def __init__(self, sheet: Any) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment, Font

        self.sheet = sheet
        self.bold = Font(bold=True)
        self.styled = []
        for heading in layout.CONTEXT:
            cell = WriteOnlyCell(sheet)
            cell.fill, cell.alignment = _grey(), Alignment(wrap_text=True, vertical="top")
            if heading in layout.DATE_COLUMNS:
                cell.number_format = DATE_FORMAT
            self.styled.append(cell)

    def header(self, heading: str) -> Any:
        from openpyxl.cell import WriteOnlyCell

        cell = WriteOnlyCell(self.sheet, value=heading)
        cell.font = self.bold
        return cell

    def row(self, row: BookRow, agency: str, warnings: list[str]) -> tuple[list[Any], list[object]]:
        """The cells to append, and the values they hold (for the record's digest)."""
        out: list[Any] = []
        values: list[object] = []
        for n, value in enumerate(row.context):
            cell = self.styled[n]
            if isinstance(value, str):
                value = xlsx.cell_text(value, f"{agency} return: {row.action_id}: {layout.CONTEXT[n]}", warnings)
                if safe.spreadsheet(value) != value:
                    cell = self._inert(value)
                else:
                    cell.value = value
                    cell.data_type = "s"  # text, never an error value (``#N/A``)
            else:
                cell.value = value
            out.append(cell)
            values.append(value)
        return out, values

    def _inert(self, value: str) -> Any:
        """A text cell that starts like a formula: a string with Excel's quote prefix (rare: made anew)."""
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Alignment

        cell = WriteOnlyCell(self.sheet, value=value)
        cell.data_type = "s"
        cell.fill, cell.quotePrefix = _grey(), True
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        return cell


def _grey() -> Any:
    from openpyxl.styles import PatternFill  # type: ignore[import-untyped, unused-ignore]

    return PatternFill(fill_type="solid", start_color=CONTEXT_FILL, end_color=CONTEXT_FILL)


def _text(value: str) -> str:
    """A short text cell of ours (an agency's name in a title): made fit for XML, and never a formula."""
    return safe.spreadsheet(xlsx.xml_text(value))


def _validations(sheet: Any, last: int) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation  # type: ignore[import-untyped, unused-ignore]

    first = layout.HEADER_ROW + 1
    for heading, choices in ((layout.NEW_STATUS, layout.STATUSES), (layout.RAG, layout.RAGS)):
        column = _letter(len(layout.CONTEXT) + layout.ANSWERS.index(heading) + 1)
        rule = DataValidation(
            type="list",
            formula1='"' + ",".join(choices) + '"',
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=heading,
            error=f"{heading}: pick one of {', '.join(choices)}",
        )
        rule.add(f"{column}{first}:{column}{last}")
        sheet.data_validations.append(rule)
    for heading in (layout.REVISED, layout.ON):
        column = _letter(len(layout.CONTEXT) + layout.ANSWERS.index(heading) + 1)
        rule = DataValidation(
            type="date",
            operator="greaterThan",
            formula1="1",
            allow_blank=True,
            showErrorMessage=True,
            errorTitle=heading,
            error=f"{heading}: a date, e.g. 31/03/2027",
        )
        rule.add(f"{column}{first}:{column}{last}")
        sheet.data_validations.append(rule)


def _record(wb: Any, book: Book, digests: list[str]) -> None:
    """The veryHidden sheet: what the return was issued from, a row per action (its id, report, state at issue and
    a digest of its context cells, to tell an edited one)."""
    record = wb.create_sheet(layout.RECORD_SHEET)
    record.sheet_state = "veryHidden"
    record.append(
        [layout.RECORD_MARK, book.token, _text(book.agency), book.issued_on.isoformat(), book.issued_at, book.mark]
    )
    record.append(["action", "report", "status", "due", "updated", "context"])
    for row, digest in zip(book.rows, digests, strict=True):
        record.append([_plain(row.action_id), _plain(row.report), row.status, row.due, row.updated, digest])


def _plain(value: str) -> str:
    """An id as the record keeps it (ids start with a report's slug: never like a formula)."""
    return xlsx.xml_text(value)


def context_values(
    action_id: str,
    recommendations: Sequence[str],
    text: str,
    outcome: str,
    status: str,
    rag: str | None,
    due: str | None,
    updated: str | None,
) -> tuple[object, ...]:
    """An action's context cells, in the order of ``layout.CONTEXT``."""
    return (
        action_id,
        "\n".join(recommendations),
        text,
        outcome,
        status,
        rag or "",
        date.fromisoformat(due) if due else None,
        date.fromisoformat(updated) if updated else None,
    )
