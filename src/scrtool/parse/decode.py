"""Bytes of a plan file -> its lines of text, or an InputError saying why not."""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from typing import NamedTuple

from ..errors import InputError
from ..model import Notice
from .budget import check_budget

DEFAULT_MAX_SIZE = 50 * 1024 * 1024
MAX_LINE = 1024 * 1024
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES = {
    b"%PDF": "a PDF file (convert it to text first, e.g. with pdftotext -layout)",
    b"PK\x03\x04": "a zip archive or Word/Excel document (save it as text or markdown first)",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\xd0\xcf\x11\xe0": "an old Word/Excel document (save it as text or markdown first)",
    b"SQLite format 3": "an SQLite database",
}


class Decoded(NamedTuple):
    """A plan file's text, split into lines on CR, LF and CRLF only."""

    lines: list[str]
    encoding: str
    sha256: str
    """Hash of the file's bytes (the bytes themselves are not kept)."""
    notices: tuple[Notice, ...] = ()
    """Lines holding bytes that are not UTF-8 in a UTF-8 file (read as Windows-1252), or bytes that are UTF-8 in a
    file read as Windows-1252: one notice a line."""


def read_file(path: str, max_size: int = DEFAULT_MAX_SIZE) -> Decoded:
    data = _read_bytes(path, max_size)
    sha256 = hashlib.sha256(data).hexdigest()
    text, encoding = decode(path, data)
    del data  # the bytes, the text and its lines are never all alive at once
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_budget(path, text, max(max_size, DEFAULT_MAX_SIZE))
    lines = text.split("\n")
    del text
    if max(map(len, lines)) > MAX_LINE:
        for number, line in enumerate(lines, 1):
            if len(line) > MAX_LINE:
                raise InputError(
                    path, f"line is {len(line):,} characters long; a plan line is at most {MAX_LINE:,}", number
                )
    notices: list[Notice] = []
    if encoding == _MENDED:
        encoding, notices = "utf-8", mend(lines)
    elif encoding == _CP1252_OVER_UTF8:
        encoding, notices = "cp1252", utf8_read_as_cp1252(lines)
    return Decoded(lines, encoding, sha256, tuple(notices))


def unreadable(path: str, exc: OSError) -> InputError:
    """Why a plan file could not be opened or read, in the user's words."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file")
    if isinstance(exc, PermissionError):
        return InputError(path, "permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(path, "is a folder, not a file")
    return InputError(path, exc.strerror or "cannot be read")


def _read_bytes(path: str, max_size: int) -> bytes:
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise InputError(path, "is a folder, not a file")
        if size > max_size:
            raise InputError(path, f"is {size:,} bytes, over the {max_size:,}-byte limit (see --max-size)")
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except OSError as exc:
        raise unreadable(path, exc) from None
    if len(data) > max_size:
        raise InputError(path, f"is over the {max_size:,}-byte limit (see --max-size)")
    if not data or data.isspace():  # data.strip() would copy the whole file to say the same
        raise InputError(path, "is empty")
    return data


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Decode by BOM, else UTF-8, else Windows-1252; refuse binary files.

    A file that is UTF-8 but for some bytes (no more of them than it has valid multi-byte UTF-8 characters) is
    UTF-8: it comes back with each bad byte as a surrogate escape, and the encoding ``_MENDED`` (``mend`` reads
    and reports those bytes once the text is split into lines). A file with more bad bytes than that, or with no
    valid multi-byte character at all, is Windows-1252 (``_CP1252_OVER_UTF8`` when it has some valid ones, which
    ``utf8_read_as_cp1252`` reports)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as exc:
                if encoding == "utf-8":  # declared UTF-8: never read as another encoding
                    return data[len(bom) :].decode(encoding, "surrogateescape"), _MENDED
                raise _undecodable(path, data, exc.start + len(bom), encoding) from None
    for signature, what in _SIGNATURES.items():
        if data.startswith(signature):
            raise InputError(path, f"is {what}, not a text plan")
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise _binary(path, data, nul)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    escaped = data.decode("utf-8", "surrogateescape")
    valid, bad = _tally(escaped)
    if valid >= bad:
        return escaped, _MENDED
    del escaped
    try:
        return data.decode("cp1252"), _CP1252_OVER_UTF8 if valid else "cp1252"
    except UnicodeDecodeError:
        raise _undecodable(path, data, first_bad, "UTF-8 or Windows-1252") from None


_MENDED = "utf-8 (mended)"
_CP1252_OVER_UTF8 = "cp1252 (over utf-8)"
_NON_ASCII = re.compile("[^\x00-\x7f]+")
_ESCAPES = re.compile("[\udc80-\udcff]+")
"""Bytes that are not UTF-8, as ``surrogateescape`` decodes them."""
_UTF8_CHARS = re.compile("[^\x00-\x7f\udc80-\udcff]+")


def _tally(escaped: str) -> tuple[int, int]:
    """Valid multi-byte UTF-8 characters and bytes that are not UTF-8, in a text decoded with surrogate escapes."""
    valid = bad = 0
    for run in _NON_ASCII.findall(escaped):
        escapes = sum("\udc80" <= char <= "\udcff" for char in run)
        bad += escapes
        valid += len(run) - escapes
    return valid, bad


def mend(lines: list[str]) -> list[Notice]:
    """Each byte that is not UTF-8 (a surrogate escape) read as its Windows-1252 character (U+FFFD for the five
    bytes that have none), in place; a notice for each line that had one, naming its first."""
    notices = []
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        first = _ESCAPES.search(line)
        if first is None:
            continue
        lines[index] = _ESCAPES.sub(_as_cp1252, line)
        byte = ord(first.group()[0]) - 0xDC00
        column = len(_ESCAPES.sub(_as_cp1252, line[: first.start()])) + 1
        char = _as_cp1252(first)[0]
        read = f"Windows-1252 {char!r}" if char != "\ufffd" else "'\ufffd', as it is no Windows-1252 character either"
        count = sum(len(run) for run in _ESCAPES.findall(line))
        more = f" (and {count - 1} more on this line)" if count > 1 else ""
        notices.append(Notice(index + 1, f"byte 0x{byte:02x} at column {column} is not UTF-8{more}; read as {read}"))
    return notices


def _as_cp1252(escapes: re.Match[str]) -> str:
    return bytes(ord(char) - 0xDC00 for char in escapes.group()).decode("cp1252", "replace")


def utf8_read_as_cp1252(lines: list[str]) -> list[Notice]:
    """A notice for each line of a file read as Windows-1252 that holds bytes which are valid UTF-8: they may be a
    UTF-8 character (``’``) read as two or three others (``â€™``)."""
    notices = []
    for index, line in enumerate(lines):
        if line.isascii():
            continue
        escaped = line.encode("cp1252").decode("utf-8", "surrogateescape")
        match = _UTF8_CHARS.search(escaped)
        if match is None:
            continue
        as_utf8 = match.group()
        as_read = as_utf8.encode("utf-8").decode("cp1252", "replace")
        notices.append(
            Notice(
                index + 1,
                f"{as_read!r} is read as Windows-1252 (most of the file's other non-ASCII "
                f"bytes are not UTF-8); as UTF-8 it would be {as_utf8!r}",
            )
        )
    return notices


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _undecodable(path: str, data: bytes, offset: int, encoding: str) -> InputError:
    line, column = _position(data, offset)
    return InputError(path, f"byte {offset} (0x{data[offset]:02x}, column {column}) is not valid {encoding} text", line)


def _binary(path: str, data: bytes, offset: int) -> InputError:
    line, _ = _position(data, offset)
    return InputError(path, f"is a binary file, not a text plan (NUL byte at offset {offset})", line)
