"""What the Excel reader checks in a workbook's zip before openpyxl unpacks it: its unpacked size (a zip bomb is
refused before anything is unpacked), how many cells it holds (openpyxl keeps every one in memory), and which
formulas have no saved value (openpyxl reads those as blank: their value is not known).

Each sheet's XML is unpacked once, and looked at with byte searches, not parsed: a cell is a ``<c`` element, a
formula an ``<f>`` in it, its saved value the ``<v>`` after that (an empty ``<v>`` only for a formula whose text
result is empty, ``t="str"``).
"""

from __future__ import annotations

import hashlib
import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from xml.etree import ElementTree

from ...errors import InputError

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"

_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")
_CELL_START = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3}[0-9]{1,7})\"[^>]*?>")
_VALUE = re.compile(rb"<(?:\w+:)?v>\s*[^<\s]")
_TEXT_RESULT = re.compile(rb"\bt=\"str\"")


@dataclass(slots=True)
class Parts:
    sha256: str
    cells: int = 0
    """The cells of every sheet (``<c>`` elements: filled or styled)."""
    uncalculated: dict[str, list[str]] = field(default_factory=dict)
    """Sheet name -> its formula cells with no saved value (``E7``), in the file's order."""


def read_parts(path: str, max_size: int, max_cells: int) -> Parts:
    """Check the workbook at ``path`` (size unpacked, cells) and find its formulas with no saved value."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            unpacked = sum(info.file_size for info in infos)
            if unpacked > max_size:
                raise InputError(path, f"unpacks to {unpacked:,} bytes, over the {max_size:,}-byte limit (see "
                                 "--max-size)")
            parts = Parts(_sha256(path))
            for name, part in _sheet_parts(archive).items():
                _scan(parts, name, archive.read(part))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, KeyError, EOFError, ElementTree.ParseError, ValueError) as exc:
        raise InputError(path, f"is a damaged Excel workbook ({type(exc).__name__}): open it in Excel and save it "
                         "again") from None
    except OSError as exc:
        raise InputError(path, exc.strerror or "cannot be read") from None
    if parts.cells > max_cells:
        raise InputError(path, f"holds {parts.cells:,} cells, more than the {max_cells:,} scrtool reads from a "
                         "workbook (each is kept in memory): save the plan's sheet alone as a workbook or as CSV, "
                         "and import that")
    return parts


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name -> the zip member holding its cells, from ``xl/workbook.xml`` and its relationships."""
    book = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    names = {sheet.get(f"{_REL}id", ""): sheet.get("name", "") for sheet in book.iter(f"{_MAIN}sheet")}
    members = set(archive.namelist())
    parts: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" not in members:
        return parts
    for rel in ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels")).iter(f"{_PKG_REL}Relationship"):
        target = rel.get("Target", "")
        member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        if rel.get("Id") in names and member in members and rel.get("Type", "").endswith("/worksheet"):
            parts[names[rel.get("Id", "")]] = member
    return parts


def _scan(parts: Parts, name: str, xml: bytes) -> None:
    """Count a sheet's cells, and note each formula cell with no saved value."""
    counted = xml.count(b"<c ") + xml.count(b"<c>")
    parts.cells += counted or len(_CELL.findall(xml))  # or each with a namespace prefix: ``<x:c r="A1">``
    if b"<f" not in xml and b":f" not in xml:
        return
    seen = -1
    for formula in _FORMULA.finditer(xml):
        start, prefixed = xml.rfind(b"<c ", 0, formula.start()), xml.rfind(b":c ", 0, formula.start())
        if prefixed > start:
            start = xml.rfind(b"<", 0, prefixed)
        if start <= seen:
            continue
        seen = start
        opening = _CELL_START.match(xml, start)
        end = xml.find(b"c>", formula.end())  # the end of ``</c>`` (or ``</x:c>``)
        if opening is None or end < 0:
            continue
        body = xml[opening.end():end]
        if not _VALUE.search(body) and not _TEXT_RESULT.search(opening.group(0)):
            parts.uncalculated.setdefault(name, []).append(opening.group(1).decode())
