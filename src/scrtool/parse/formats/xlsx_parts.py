"""What the Excel reader checks in a workbook's zip before anything is unpacked: its unpacked size (a zip bomb is
refused on the sizes its directory declares; Python's zip reader stops at a member's declared size, so a member
cannot unpack to more), and the hash of its bytes."""

from __future__ import annotations

import hashlib
import zipfile
import zlib
from xml.etree import ElementTree

from ...errors import InputError

DAMAGED = (
    KeyError,
    ValueError,
    TypeError,
    AttributeError,
    IndexError,
    EOFError,
    zipfile.BadZipFile,
    zlib.error,
    ElementTree.ParseError,
)
"""What openpyxl raises on a damaged workbook (a part missing or malformed): one line, never a traceback."""


def check_zip(path: str, max_size: int) -> str:
    """The SHA-256 of the workbook at ``path``, once its unpacked size is known to be within ``max_size``."""
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise InputError(
            path, "is a damaged or truncated zip file (a Word or Excel document?): open it and save it again"
        ) from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    if unpacked > max_size:
        raise InputError(path, f"unpacks to {unpacked:,} bytes, over the {max_size:,}-byte limit (see --max-size)")
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
