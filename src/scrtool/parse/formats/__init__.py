"""A plan file of any format -> its ``Document``: the blocks the layouts read, and where each came from.

The file's bytes decide its format, not its name (a ``.pdf`` that is text is read as text): ``sniff`` looks at
the first bytes and, for a zip, at the names inside. Each format has a reader of its own in this package
(``text``, ``docx``, ``pdf``, ``xlsx``, ``html``); each imports its library only when a file of its format is
read, and no reader imports another.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from enum import StrEnum

from ...errors import InputError, UsageError
from ..decode import unreadable
from .document import Document, NeedsPassword, Options, page_range

DEFAULT_OPTIONS = Options()

__all__ = ["Document", "Kind", "NeedsPassword", "Options", "check_options", "open_document", "page_range", "sniff"]


class Kind(StrEnum):
    """The formats scrtool reads."""

    TEXT = "text"
    """Markdown, plain text, CSV and TSV, text made by ``pdftotext -layout``."""
    DOCX = "docx"
    PDF = "pdf"
    XLSX = "xlsx"
    HTML = "html"
    SHEET = "sheet"
    """An old Excel workbook (.xls) or an OpenDocument spreadsheet (.ods), read with python-calamine."""


def sniff(path: str, head: bytes) -> Kind:
    """The format of a file whose first bytes are ``head`` (at least 8 KiB of it, or all of a smaller file)."""
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return Kind.PDF
    if head.startswith(b"PK\x03\x04"):
        return _zipped(path)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _compound(path)
    lowered = head[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")) and b"<html" in head.lower():
        return Kind.HTML
    return Kind.TEXT


def _zipped(path: str) -> Kind:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError(
            path, "is a damaged or truncated zip file (a Word or Excel document?): open it and save it again"
        ) from None
    if "word/document.xml" in names:
        return Kind.DOCX
    if "xl/workbook.xml" in names:
        return Kind.XLSX
    if "xl/workbook.bin" in names:
        raise InputError(path, "is a binary Excel workbook (.xlsb): save it as .xlsx first")
    if "mimetype" in names and "content.xml" in names:
        if _mimetype(path).endswith("opendocument.spreadsheet"):
            return Kind.SHEET
        raise InputError(path, "is an OpenDocument file (.odt): save it as .docx first")
    raise InputError(path, "is a zip archive, not a plan")


def _mimetype(path: str) -> str:
    import zipfile

    try:
        with zipfile.ZipFile(path) as archive:
            return archive.read("mimetype")[:100].decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return ""


def _compound(path: str) -> Kind:
    """An OLE compound file: an old Excel workbook (read), or an old Word document or a new one encrypted with a
    password (an InputError saying what to do)."""
    try:  # the directory's names: near the start (msoffcrypto-tool, LibreOffice) or at the end (Office)
        with open(path, "rb") as handle:
            data = handle.read(1 << 20)
            if len(data) == 1 << 20:
                handle.seek(max(1 << 20, os.fstat(handle.fileno()).st_size - (1 << 20)))
                data += handle.read(1 << 20)
    except OSError:
        data = b""
    if "EncryptionInfo".encode("utf-16-le") in data:
        raise InputError(
            path,
            "is a password-protected Office document: open it, remove the password "
            "(File > Info > Protect), save it, and import that",
        )
    if "WordDocument".encode("utf-16-le") in data:
        raise InputError(path, "is an old Word document (.doc): save it as .docx first")
    if "Workbook".encode("utf-16-le") in data or "Book".encode("utf-16-le") in data:
        return Kind.SHEET
    raise InputError(path, "is an old Office document: save it as .docx or .xlsx first")


_NAMES = {
    Kind.TEXT: "a text file",
    Kind.DOCX: "a Word document",
    Kind.PDF: "a PDF",
    Kind.XLSX: "an Excel workbook",
    Kind.HTML: "a web page",
    Kind.SHEET: "a workbook (.xls or .ods)",
}


def check_options(paths: Sequence[str], options: Options) -> None:
    """``--pages`` reads a PDF's pages and ``--sheet`` a workbook's sheet: given with a file of another format (whose
    reader would ignore it), a UsageError naming the file, before any file is read. A file that cannot be read is
    left to its import to report."""
    if options.pages is None and options.sheet is None:
        return
    from ...render.safe import file_name

    for path in paths:
        try:
            kind = sniff(path, read_head(path))
        except InputError:
            continue
        if options.pages is not None and kind is not Kind.PDF:
            raise UsageError(
                f"--pages is for a PDF's pages; {file_name(path)} is {_NAMES[kind]}: import it without --pages"
            )
        if options.sheet is not None and kind not in (Kind.XLSX, Kind.SHEET):
            raise UsageError(
                f"--sheet is for a workbook's sheet; {file_name(path)} is {_NAMES[kind]}: import it without --sheet"
            )


def read_head(path: str) -> bytes:
    """The first 8 KiB of a file, or an InputError saying why it cannot be read."""
    try:
        if os.path.isdir(path):
            raise InputError(path, "is a folder, not a file")
        with open(path, "rb") as handle:
            return handle.read(8192)
    except OSError as exc:
        raise unreadable(path, exc) from None


def open_document(path: str, options: Options = DEFAULT_OPTIONS) -> Document:
    """The blocks of the plan file at ``path``, read by the reader its bytes call for."""
    kind = sniff(path, read_head(path))
    if kind is Kind.TEXT:
        from . import text

        return text.read(path, options)
    if kind is Kind.HTML:
        from . import html

        return html.read(path, options)
    if kind is Kind.DOCX:
        from . import docx

        return docx.read(path, options)
    if kind is Kind.XLSX:
        from . import xlsx

        return xlsx.read(path, options)
    if kind is Kind.SHEET:
        from . import calamine

        return calamine.read(path, options)
    from . import pdf

    return pdf.read(path, options)
