"""An Excel workbook (.xlsx, .xlsm) -> blocks: each sheet's tables, the lines above them, and where each came from.

openpyxl reads the workbook (its sheets, styles, theme and shared strings, in read-only mode); each sheet's cells
are read from its XML by ``xlsx_sheet`` (openpyxl's reading of every cell into an object costs twice the time):

- Every visible sheet, in the workbook's order (``--sheet NAME``: that one only). A sheet's name comes first, as a
  heading over its tables (the layouts take it for the agency of a table that names none); a default name
  (``Sheet1``) is left out. Hidden sheets are not plan data (one notice names them), except a colour key.
- Rows with text are read; a blank row ends a table, so a sheet may hold several. The rows of one cell at the top of
  a table (a title, merged across or not), and ``Label: | value`` rows, are lines of text above it (headings: the
  sheet's name level 1, a title in bold or large type 2, any other 3). Hidden rows and columns are read (said once).
- A merged range's text is in its top-left cell only: the others are blank, as the continuation rows of a text
  table are. Dates are written ``dd/mm/yyyy`` (``dd/mm/yyyy hh:mm`` with a time), as a plan writes them.
- A formula is read by the value Excel saved for it. A formula with none (a file written by a program that does
  not calculate) is an error: its value is not known, and blank would be a guess.
- Fills: each cell's fill colour becomes a word (``parse/colours.py``), from the workbook's colour key when it has
  one (a sheet named ``Key`` or ``Legend``, hidden or not, or a ``Key`` label with filled cells under it). A colour
  that fills every row of a table alike, or every other row, is the table's styling, not a status. Colours of
  conditional formatting are not in the cells: they are not read, and the import says so.
- Bounded: the size limit is judged on the unpacked size (a zip bomb is refused before anything is unpacked), and
  the sheets read may hold at most ``MAX_CELLS`` cells (each cell with text or a fill is kept until it is read).
"""

from __future__ import annotations

import os
import warnings
import zipfile
from typing import TYPE_CHECKING, Any

from ...errors import InputError
from ..tables import plain
from .document import Document, Options
from .sheet_blocks import MAX_CELLS, SheetReader
from .xlsx_cells import KEY_SHEET, Sheet, Styles, colour_key
from .xlsx_parts import DAMAGED, check_zip
from .xlsx_sheet import TooManyCells, read_sheet

if TYPE_CHECKING:
    from openpyxl.workbook.workbook import Workbook  # type: ignore[import-untyped, unused-ignore]


def read(path: str, options: Options) -> Document:
    sha256 = check_zip(path, options.max_size)
    book = _load(path)
    try:
        worksheets = list(book.worksheets)
        chosen = _chosen(path, worksheets, options.sheet)
        keys = [ws for ws in worksheets if KEY_SHEET.match(ws.title.strip()) and ws not in chosen]
        hidden = [ws.title for ws in worksheets if ws.sheet_state != "visible" and ws not in chosen + keys]
        sheets = _read_sheets(path, book, chosen + keys)
        title = _property_title(book) or os.path.basename(path)
    finally:
        book.close()
    reader = SheetReader(colour_key(sheets[len(chosen) :], sheets[: len(chosen)]))
    if options.sheet is None:
        reader.say_hidden(hidden)
    places = sum(len(sheet.grid) for sheet in sheets[: len(chosen)]) + len(chosen)  # at most: a row or a name each
    document = Document([], sha256, places, reader.places, notices=reader.notices)
    document.blocks = reader.blocks(sheets[: len(chosen)], document, title)
    return document


def _load(path: str) -> Workbook:
    """The workbook's sheets, styles and strings (no cells: read-only mode); a damaged one is an InputError."""
    import openpyxl  # type: ignore[import-untyped, unused-ignore]

    try:
        with warnings.catch_warnings():  # "Data Validation extension is not supported" and the like: not the user's
            warnings.simplefilter("ignore")
            return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except DAMAGED as exc:
        raise _damaged(path, exc) from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None


def _damaged(path: str, exc: Exception) -> InputError:
    return InputError(path, f"is a damaged Excel workbook ({type(exc).__name__}): open it in Excel and save it again")


def _read_sheets(path: str, book: Workbook, worksheets: list[Any]) -> list[Sheet]:
    """The cells of each sheet; a formula with no saved value is an error naming the first and the count."""
    styles = Styles(book)
    budget = [MAX_CELLS]
    sheets = []
    try:
        with zipfile.ZipFile(path) as archive:
            for ws in worksheets:
                sheet = read_sheet(archive, ws._worksheet_path, ws.title, styles, budget)
                if sheet.uncalculated:
                    cells = sheet.uncalculated
                    raise InputError(
                        path,
                        f"{len(cells)} formula cell(s) have no saved value (the file was written "
                        "by a program that does not calculate them): open it in Excel or LibreOffice, "
                        "save it, and import that",
                        where=f"sheet {ws.title!r} cell {cells[0]}",
                    )
                sheets.append(sheet)
    except TooManyCells:
        raise InputError(
            path,
            f"holds more than the {MAX_CELLS:,} cells scrtool reads from a workbook: save the "
            "plan's sheets alone as a workbook or as CSV, and import that",
        ) from None
    except DAMAGED as exc:
        raise _damaged(path, exc) from None
    return sheets


def _chosen(path: str, sheets: list[Any], name: str | None) -> list[Any]:
    """The sheets read as plan data: ``--sheet NAME`` (its exact name, else the one of that name in any case), or
    every visible sheet but a colour key."""
    if name is None:
        return [ws for ws in sheets if ws.sheet_state == "visible" and not KEY_SHEET.match(ws.title.strip())]
    found = [ws for ws in sheets if ws.title == name] or [
        ws for ws in sheets if ws.title.casefold() == name.strip().casefold()
    ]
    if len(found) != 1:
        names = ", ".join(repr(ws.title) for ws in sheets)
        raise InputError(path, f"has no sheet named {name!r} (--sheet); its sheets: {names}")
    return found


def _property_title(book: Workbook) -> str | None:
    title = getattr(book.properties, "title", None)
    return plain(title) if isinstance(title, str) and title.strip() else None
