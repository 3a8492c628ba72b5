"""Bytes of a plan file -> its lines of text, or an InputError saying why not."""

from __future__ import annotations

import codecs
import hashlib
import os
from typing import NamedTuple

from ..errors import InputError

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


def read_file(path: str, max_size: int = DEFAULT_MAX_SIZE) -> Decoded:
    data = _read_bytes(path, max_size)
    sha256 = hashlib.sha256(data).hexdigest()
    text, encoding = decode(path, data)
    del data  # the bytes, the text and its lines are never all alive at once
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    del text
    if max(map(len, lines)) > MAX_LINE:
        for number, line in enumerate(lines, 1):
            if len(line) > MAX_LINE:
                raise InputError(path, f"line is {len(line):,} characters long; a plan line is at most "
                                 f"{MAX_LINE:,}", number)
    return Decoded(lines, encoding, sha256)


def _read_bytes(path: str, max_size: int) -> bytes:
    try:
        size = os.stat(path).st_size
        if os.path.isdir(path):
            raise InputError(path, "is a folder, not a file")
        if size > max_size:
            raise InputError(path, f"is {size:,} bytes, over the {max_size:,}-byte limit (see --max-size)")
        with open(path, "rb") as handle:
            data = handle.read(max_size + 1)
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    if len(data) > max_size:
        raise InputError(path, f"is over the {max_size:,}-byte limit (see --max-size)")
    if not data or data.isspace():  # data.strip() would copy the whole file to say the same
        raise InputError(path, "is empty")
    return data


def decode(path: str, data: bytes) -> tuple[str, str]:
    """Decode by BOM, else UTF-8, else Windows-1252; refuse binary files."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as exc:
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
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        raise _undecodable(path, data, first_bad, "UTF-8 or Windows-1252") from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    start = data.rfind(b"\n", 0, offset) + 1
    return line, offset - start + 1


def _undecodable(path: str, data: bytes, offset: int, encoding: str) -> InputError:
    line, column = _position(data, offset)
    return InputError(path, f"byte {offset} (0x{data[offset]:02x}, column {column}) is not valid {encoding} text",
                      line)


def _binary(path: str, data: bytes, offset: int) -> InputError:
    line, _ = _position(data, offset)
    return InputError(path, f"is a binary file, not a text plan (NUL byte at offset {offset})", line)
