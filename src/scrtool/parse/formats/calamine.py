"""Old Excel workbooks (.xls) and OpenDocument spreadsheets (.ods) -> blocks, read with python-calamine (MIT; Rust's
calamine): the cells' values, sheet by sheet, turned into blocks as an .xlsx workbook's are (``sheet_blocks``).

calamine reads values only: no fills, fonts or merges. A merged range's text is in its top-left cell and the others
are blank, as the .xlsx reader makes them; fills are not read, so a status shown only by a cell's colour is not
recorded: the import says so once, and that saving the workbook as .xlsx reads them. A formula is read by the
value saved for it. Hidden sheets are not plan data (said), a ``Key`` sheet is not read as data. Bounded as the
.xlsx reader is: the size limit on the file (an .ods: on its unpacked size) and at most ``MAX_CELLS`` cells.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

from ...errors import InputError
from ...model import Notice
from .. import colours
from ..decode import _read_bytes
from .document import Document, Options
from .sheet_blocks import MAX_CELLS, SheetReader
from .xlsx_cells import KEY_SHEET, Cells, Sheet, cell_text
from .xlsx_parts import check_zip

NO_FILLS = (
    "cell colours are not read from an .xls or .ods workbook: a status shown only by a cell's colour is "
    "not read (the cell reads as blank); save the workbook as .xlsx to read colours"
)


def read(path: str, options: Options) -> Document:
    kind = "OpenDocument spreadsheet" if _zipped(path) else "Excel 97-2003 workbook"
    if kind.startswith("Open"):
        sha256 = check_zip(path, options.max_size)
    else:
        sha256 = hashlib.sha256(_read_bytes(path, options.max_size)).hexdigest()
    book = _load(path, kind)
    try:
        metadata = list(book.sheets_metadata)
        chosen = _chosen(path, metadata, options.sheet)
        hidden = [
            m.name for m in metadata if not _visible(m) and m.name not in chosen and not KEY_SHEET.match(m.name.strip())
        ]
        budget = [MAX_CELLS]
        sheets = [_sheet(path, kind, book, name, budget) for name in chosen]
    finally:
        book.close()
    reader = SheetReader(colours.ColourKey())
    if options.sheet is None:
        reader.say_hidden(hidden)
    reader.notices.append(Notice(0, NO_FILLS, "workbook"))
    places = sum(len(sheet.grid) for sheet in sheets) + len(sheets)
    document = Document([], sha256, places, reader.places, notices=reader.notices)
    document.blocks = reader.blocks(sheets, document, os.path.basename(path))
    return document


def _zipped(path: str) -> bool:
    with open(path, "rb") as handle:
        return handle.read(4) == b"PK\x03\x04"


def _load(path: str, kind: str) -> Any:
    from python_calamine import CalamineWorkbook, PasswordError

    try:
        return CalamineWorkbook.from_path(path)
    except PasswordError:
        raise InputError(
            path, f"is a password-protected {kind}: open it, remove the password, save it, and import that"
        ) from None
    except _errors() as exc:
        raise InputError(path, f"is a damaged {kind} ({type(exc).__name__}): open it and save it again") from None


def _visible(metadata: Any) -> bool:
    return str(metadata.visible).rsplit(".", 1)[-1].lower() == "visible"


def _chosen(path: str, metadata: list[Any], name: str | None) -> list[str]:
    """The sheets read as plan data: ``--sheet NAME``, or every visible worksheet but a colour key."""
    names = [m.name for m in metadata]
    if name is None:
        return [
            m.name
            for m in metadata
            if _visible(m)
            and not KEY_SHEET.match(m.name.strip())
            and str(m.typ).rsplit(".", 1)[-1].lower() == "worksheet"
        ]
    found = [n for n in names if n == name] or [n for n in names if n.casefold() == name.strip().casefold()]
    if len(found) != 1:
        raise InputError(
            path, f"has no sheet named {name!r} (--sheet); its sheets: {', '.join(repr(n) for n in names)}"
        )
    return found


def _sheet(path: str, kind: str, book: Any, name: str, budget: list[int]) -> Sheet:
    """One sheet's cells with text, by row and column (1-based, as Excel numbers them), read a row at a time."""
    broken = _errors()
    sheet = Sheet(name)
    try:
        found = book.get_sheet_by_name(name)
        first = found.start[1] if found.start else 0  # rows are counted from row 1, columns from the first used
        for number, values in enumerate(found.iter_rows(), 1):
            cells: Cells = {
                first + column: (text, None)
                for column, value in enumerate(values, 1)
                if value != "" and value is not None and (text := cell_text(value, ""))
            }
            if cells:
                budget[0] -= len(cells)
                if budget[0] < 0:
                    raise InputError(
                        path,
                        f"holds more than the {MAX_CELLS:,} cells scrtool reads from a workbook: "
                        "save the plan's sheets alone as a workbook or as CSV, and import that",
                    )
                sheet.grid[number] = cells
    except broken as exc:
        raise InputError(
            path, f"is a damaged {kind} ({type(exc).__name__}): open it and save it again", where=f"sheet {name!r}"
        ) from None
    return sheet


def _errors() -> tuple[type[BaseException], ...]:
    """What calamine raises on a damaged file, and the OS on one that cannot be read."""
    import python_calamine as calamine

    return (
        calamine.CalamineError,
        calamine.XmlError,
        calamine.ZipError,
        calamine.WorksheetNotFound,
        OSError,
        ValueError,
    )
