"""A returned workbook (or the CSV saved from one) -> its rows as cells found by their headers, and the hidden
record of what was issued when it is still there.

Columns are found by their headers and rows by ``Ref``, never by position: a workbook sorted, filtered, re-saved by
Excel or LibreOffice (cell types changed, validation dropped) reads the same. Read as the plan reader reads a
workbook, bounded: the zip's unpacked size is checked before anything is unpacked, an encrypted file is one line,
the sheet is streamed (openpyxl's read-only mode) and at most ``MAX_ROWS`` rows are read. Cells are read as typed,
formulas as their text (``=HYPERLINK(...)`` is an answer's text, kept inert), never evaluated.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..errors import InputError
from ..returns import layout
from .formats import read_head
from .formats.xlsx_parts import DAMAGED

MAX_ROWS = 200_000
"""The most rows read from a return (a return is one agency's actions: thousands at most)."""
HEADER_SEARCH = 50
"""The header row is looked for in this many rows at the top of a sheet."""


@dataclass(frozen=True, slots=True)
class Cell:
    value: object
    at: str
    """Its A1 reference, e.g. ``I9``."""


@dataclass(frozen=True, slots=True)
class Row:
    """One action's row of a return."""

    ref: Cell
    answers: dict[str, Cell]
    """The answer columns filled in this row (``layout.ANSWERS`` headings)."""
    context: dict[str, Cell]
    """The context columns after ``Ref`` the file has."""


@dataclass(frozen=True, slots=True)
class Issued:
    """The hidden record: what the return was issued from."""

    token: str
    agency: str
    mark: int
    rows: dict[str, tuple[str, str]]
    """action id -> (status at issue, digest of its context cells)."""


@dataclass(slots=True)
class Returned:
    path: str
    where: str
    """What a cell's reference is prefixed with in a message: ``Return!`` (a workbook) or ``""`` (a CSV)."""
    rows: list[Row] = field(default_factory=list)
    record: Issued | None = None


def read(path: str, max_size: int) -> Returned:
    head = read_head(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        if "EncryptionInfo".encode("utf-16-le") in _start(path):
            raise InputError(
                path,
                "is a password-protected workbook: open it, remove the password (File > Info > "
                "Protect Workbook), save it, and apply that",
            )
        raise InputError(path, "is an old Excel workbook (.xls), not a return: save it as .xlsx and apply that")
    if head.startswith(b"PK\x03\x04"):
        return _workbook(path, max_size)
    if b"\x00" in head:
        raise InputError(path, "is not a return: neither an Excel workbook (.xlsx) nor a CSV saved from one")
    return _csv(path)


def _start(path: str) -> bytes:
    with open(path, "rb") as handle:
        return handle.read(1 << 20)


def _workbook(path: str, max_size: int) -> Returned:
    _check_zip(path, max_size)
    import openpyxl  # type: ignore[import-untyped, unused-ignore]

    try:
        with open(path, "rb") as handle, warnings.catch_warnings():
            warnings.simplefilter("ignore")
            # a handle, not the path: openpyxl judges a path by its extension, and a return saved by a mail client
            # as ``return`` or ``return.xlsx.bin`` is still a workbook (its content says so)
            book = openpyxl.load_workbook(handle, read_only=True, data_only=False, keep_links=False)
            try:
                return _sheets(path, book)
            finally:
                book.close()
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    except DAMAGED as exc:
        raise InputError(
            path, f"is a damaged Excel workbook ({type(exc).__name__}): open it in Excel and save it again"
        ) from None


def _check_zip(path: str, max_size: int) -> None:
    """An Excel workbook whose unpacked size (as its zip directory declares it: Python's zip reader never unpacks a
    member past that) is within ``max_size``; a zip bomb is refused before anything is unpacked."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise InputError(path, "is a damaged or truncated zip file: open it in Excel and save it again") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise InputError(path, "is a zip file but not an Excel workbook, so not a return")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > max_size:
        raise InputError(path, f"unpacks to {unpacked:,} bytes, over the {max_size:,}-byte limit (see --max-size)")


def _sheets(path: str, book: Any) -> Returned:
    record = _record(book)
    sheets = sorted(
        (ws for ws in book.worksheets if ws.title != layout.RECORD_SHEET), key=lambda ws: ws.title != layout.SHEET
    )
    for ws in sheets:
        rows = ws.iter_rows(values_only=True)
        found = _rows(path, rows, f"{_quoted(ws.title)}!")
        if found is not None:
            found.record = record
            return found
    raise _not_a_return(path)


def _quoted(title: str) -> str:
    """A sheet's name as a reference writes it: quoted when it holds anything but letters, digits and ``_``."""
    return title if title.replace("_", "").isalnum() else "'" + title.replace("'", "''") + "'"


def _not_a_return(path: str) -> InputError:
    return InputError(
        path,
        f"is not a return: no sheet has a header row with {layout.REF} and "
        f"{layout.NEW_STATUS} (make returns with scrtool returns issue)",
    )


def _rows(path: str, rows: Iterator[Sequence[object]], where: str) -> Returned | None:
    """The return read from a sheet's rows (None: no header row near the top)."""
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    columns: dict[int, str] = {}
    header_at = 0
    for number, values in enumerate(rows, start=1):
        if not columns:
            if number > HEADER_SEARCH:
                return None
            columns = _header(values)
            header_at = number
            if columns:
                returned = Returned(path, where)
                letters = {i: get_column_letter(i + 1) for i in columns}
                ref_at = next(i for i, h in columns.items() if h == layout.REF)
            continue
        if number - header_at > MAX_ROWS:
            raise InputError(
                path, f"holds more than {MAX_ROWS:,} rows under its header; a return is one agency's actions"
            )
        ref = values[ref_at] if ref_at < len(values) else None
        filled = {
            columns[i]: Cell(v, f"{letters[i]}{number}")
            for i, v in enumerate(values)
            if i in columns and v is not None and v != ""
        }
        if ref is None or str(ref).strip() == "":
            if any(h in layout.ANSWERS for h in filled):
                returned.rows.append(Row(Cell("", f"{letters[ref_at]}{number}"), _answers(filled), {}))
            continue
        returned.rows.append(
            Row(
                Cell(str(ref).strip(), f"{letters[ref_at]}{number}"),
                _answers(filled),
                {h: c for h, c in filled.items() if h in layout.CONTEXT and h != layout.REF}
                | {
                    h: Cell(None, f"{letters[i]}{number}")
                    for i, h in columns.items()
                    if h in layout.CONTEXT and h not in filled and h != layout.REF
                },
            )
        )
    return returned if columns else None


def _answers(filled: dict[str, Cell]) -> dict[str, Cell]:
    return {h: c for h, c in filled.items() if h in layout.ANSWERS}


def _header(values: Sequence[object]) -> dict[int, str]:
    """Column index -> heading, when ``values`` is the header row (it holds Ref and New status)."""
    known = {layout.header_key(h): h for h in layout.CONTEXT + layout.ANSWERS}
    found = {i: known[layout.header_key(v)] for i, v in enumerate(values) if layout.header_key(v) in known}
    names = set(found.values())
    return found if layout.REF in names and layout.NEW_STATUS in names else {}


def _record(book: Any) -> Issued | None:
    """The hidden record, when the workbook still has it (None: stripped, or a record scrtool cannot read)."""
    if layout.RECORD_SHEET not in book.sheetnames:
        return None
    rows = book[layout.RECORD_SHEET].iter_rows(values_only=True)
    first: Sequence[object] = next(rows, ())
    if len(first) < 6 or first[0] != layout.RECORD_MARK:
        return None
    next(rows, None)
    kept = {}
    for values in rows:
        if len(values) >= 6 and values[0]:
            kept[str(values[0])] = (str(values[2] or ""), str(values[5] or ""))
    try:
        mark = int(str(first[5]))
    except ValueError:
        return None
    return Issued(str(first[1]), str(first[2]), mark, kept)


def _csv(path: str) -> Returned:
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except UnicodeDecodeError:
        with open(path, encoding="cp1252", errors="replace", newline="") as handle:
            text = handle.read()
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    first = text.split("\n", HEADER_SEARCH)
    delimiter = (
        ";"
        if sum(line.count(";") for line in first[:HEADER_SEARCH])
        > sum(line.count(",") for line in first[:HEADER_SEARCH])
        else ","
    )
    found = _rows(path, iter(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)), "")
    if found is None:
        raise _not_a_return(path)
    return found
