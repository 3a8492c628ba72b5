"""A Word document (.docx, .docm) -> blocks: its body's paragraphs and tables as Word shows them.

The body (``word/document.xml``) is read straight from its XML with Python's own ``zipfile`` and ``xml.etree``:
parsed whole up to 16 MB (any real plan), element by element as it is unpacked above that, and handed on one
top-level paragraph or table at a time. What a library's table model gets wrong for a plan is read here from the
XML itself:

- a cell merged down over several rows (``w:vMerge`` without ``restart``) is text in its first row only; the rows
  under it have a blank cell there, as a markdown plan's continuation rows do (python-docx copies the text into
  every row: duplicate actions); a cell merged across columns (``w:gridSpan``) is its text and blank cells;
- tracked changes are read as if accepted (insertions in, deletions out), content controls (``w:sdt``) as their
  content, a table inside a cell as lines of its cell's text (a row's cells joined with `` | ``);
- list numbers and bullets are shown as Word shows them (``1.``, ``27.``, ``2.1``, ``•``), from the numbering
  definitions of the paragraph or its style;
- a table's top rows marked to repeat on each page (``w:tblHeader``) are its header; such a row again further
  down is not data; a cell's shading (``w:shd w:fill``) is its RAG word by its hue (``parse/colours.py``);
- paragraphs are ``Text`` blocks: ``Heading 1``-``6`` (``Title`` 1) at their level, a line all in bold 7;
- tables whose header names no recommendation, action, agency or status (a chronology, a glossary) are skipped,
  with one notice naming them (``skipping.py``). Headers, footers, footnotes, comments and text boxes are not read.

Places: ``table N row R`` for a table's row (every table of the body counted, 1-based), ``paragraph N`` for a
paragraph outside tables (paragraphs with text counted).
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from collections.abc import Iterator
from typing import cast
from xml.etree.ElementTree import Element, ParseError, XMLPullParser, fromstring

from ...errors import InputError
from ...model import Notice, Place
from ..colours import hex_rgb, hue_name, rag_word
from ..decode import DEFAULT_MAX_SIZE
from ..tables import Block, Places, Row, Table, Text, plain
from .document import Document, Options
from .docx_styles import Numbering, Styles, on
from .docx_text import Paragraphs, prepare
from .skipping import PlanTables, colours_notice

DOCUMENT, STYLES, NUMBERING = "word/document.xml", "word/styles.xml", "word/numbering.xml"
_CHUNK = 1 << 16
_WHOLE = 16 * 1024 * 1024
"""A body (``word/document.xml``) of up to this many bytes is parsed whole; a larger one as it is unpacked."""
_ROOT = re.compile(rb"<[A-Za-z_]")
CELL_BYTES = 100
"""A document may hold one table cell per this many bytes of the size limit (524,288 at the default 50 MB; a larger
``--max-size`` raises it in step, a smaller one does not lower it). Word
writes 150 bytes of XML or more for a cell, so a real plan under the limit has fewer; a body of tiny cells (44
bytes each) would otherwise take 860 MB to read at 52 MB, since a table is held whole until it ends. Counted as
the body is parsed, so such a file is refused before its tables are held."""


def read(path: str, options: Options) -> Document:
    archive = _open(path, options.max_size)
    try:
        styles = _small_part(path, archive, STYLES)
        numbering = _small_part(path, archive, NUMBERING)
    except BaseException:
        archive.close()
        raise
    places = Places()
    notices: list[Notice] = []
    reader = _Body(Styles.read(styles, _ns(styles)), Numbering.read(numbering, _ns(numbering)), places, notices)
    return Document(reader.blocks(path, archive, options.max_size), _sha256(path), 0, places, notices=notices)


def _ns(element: Element | None) -> str:
    """``{namespace}`` of an element's tag (transitional or strict WordprocessingML)."""
    return element.tag.partition("}")[0] + "}" if element is not None and element.tag.startswith("{") else ""


def _open(path: str, max_size: int) -> zipfile.ZipFile:
    """The document's zip, once the parts read are known to unpack to at most ``max_size`` bytes (a zip bomb
    is judged by what it unpacks to, not by its own size)."""
    try:
        archive = zipfile.ZipFile(path)
        sizes = {info.filename: info.file_size for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError):
        raise _damaged(path) from None
    total = sum(sizes.get(name, 0) for name in (DOCUMENT, STYLES, NUMBERING))
    if total > max_size:
        archive.close()
        raise InputError(path, f"unpacks to {total:,} bytes of text, over the {max_size:,}-byte limit (see --max-size)")
    return archive


def _damaged(path: str) -> InputError:
    return InputError(path, "is a damaged or truncated Word document: open it in Word and save it again")


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _no_dtd(path: str, name: str, head: bytes) -> None:
    """Word's XML never declares a DTD: one that does is refused before it is parsed (no entity tricks)."""
    root = _ROOT.search(head)
    if b"<!DOCTYPE" in (head[: root.start()] if root else head) or b"<!ENTITY" in head[:4096]:
        raise InputError(path, f"is not a Word document as Word writes one ({name} declares a DTD)")


def _small_part(path: str, archive: zipfile.ZipFile, name: str) -> Element | None:
    """A small part of the document (styles, numbering) parsed whole; None when the document has none."""
    try:
        data = archive.read(name)
    except KeyError:
        return None
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, EOFError):
        raise _damaged(path) from None
    _no_dtd(path, name, data[:_CHUNK])
    try:
        return fromstring(data)
    except ParseError as exc:
        raise InputError(path, f"is a damaged Word document ({name}: {exc})") from None


class _Body:
    """Reads the body's paragraphs and tables in order into blocks."""

    def __init__(self, styles: Styles, numbering: Numbering, places: Places, notices: list[Notice]) -> None:
        self.w = ""
        self.styles = styles
        self.numbering = numbering
        self.places = places
        self.notices = notices
        self.paragraphs = 0
        self.tables = 0
        self.headed = False
        self.plan = PlanTables()
        self.unread: dict[str, int] = {}
        self.unread_line = 0
        self.tags: dict[str, str] = {}
        self.cell_props = ""

    def blocks(self, path: str, archive: zipfile.ZipFile, max_size: int) -> Iterator[Block]:
        with archive:
            simple: list[bool] = []
            elements = _top_level(path, archive, simple, max(max_size, DEFAULT_MAX_SIZE) // CELL_BYTES)
            root = next(elements, None)
            if root is None or not root.tag.endswith("}document"):
                raise InputError(path, f"is not a Word document ({DOCUMENT} holds no document body)")
            self.w = w = _ns(root)
            self.tags = {name: f"{w}{name}" for name in ("p", "tbl", "tr", "tc", "sdt", "sdtContent", "customXml")}
            self.paragraphs_ = Paragraphs(w, self.styles, self.numbering, bool(simple))
            self.cell_props = f"{w}tcPr"
            for element in elements:
                yield from self._block(element)
        notice = self.plan.notice()
        if notice is not None:
            self.notices.append(notice)
        if self.unread:
            self.notices.append(colours_notice(self.unread_line, self.unread))

    def _block(self, element: Element) -> Iterator[Block]:
        tag = element.tag
        if tag == self.tags["p"]:
            yield from self._paragraph(element)
        elif tag == self.tags["tbl"]:
            self.tables += 1
            table = self._table(element)
            if table is not None:
                yield table
        elif tag in (self.tags["sdt"], self.tags["sdtContent"], self.tags["customXml"]):
            for child in element:
                yield from self._block(child)

    # paragraphs ---------------------------------------------------------------------------------------------
    def _paragraph(self, p: Element) -> Iterator[Text]:
        text, heading = self.paragraphs_.read(p)
        if not text:
            return
        self.paragraphs += 1
        self.headed = self.headed or heading > 0
        for line in text.split("\n"):
            yield Text(self.places.add(Place(row=self.paragraphs)), line, heading)

    # tables -------------------------------------------------------------------------------------------------
    def _table(self, tbl: Element) -> Table | None:
        """A top-level table as rows of clean cells, or None when it is not the plan's."""
        number = self.tables
        grid: list[tuple[list[str], list[str | None], bool]] = []
        for tr in self._children(tbl, "tr"):
            read = self._row(tr)
            if read is not None:
                grid.append(read)
        cells = [row for row, _, _ in grid]
        headed, self.headed = self.headed, False
        if not grid or not self.plan.keep(cells, headed):
            self.plan.skip(cells, f"table {number}", self.places.add(Place(table=number, row=1)))
            return None
        marks = [header for _, _, header in grid]
        if len(marks) > 1 and all(marks):  # every row marked to repeat (Word repeats none): the first is the header
            marks = [True] + [False] * (len(marks) - 1)
        top = next((i for i, mark in enumerate(marks) if not mark), len(marks))  # the header: the rows marked on top
        headers = [texts for texts, _, _ in grid[:top]]
        rows: list[Row] = []
        for index, ((texts, fills, _), mark) in enumerate(zip(grid, marks, strict=True), 1):
            if index > top and (mark or texts in headers):
                continue  # a header row repeated further down the table: not data
            line = self.places.add(Place(table=number, row=index))
            row = Row(line, texts, header=index <= top)
            if index > top:
                row.fills = self._fills(fills, line)
            rows.append(row)
        return Table(rows, clean=True) if rows else None

    def _fills(self, fills: list[str | None], line: int) -> list[str | None] | None:
        """Each cell's RAG word by its fill's hue (``parse/colours.py``); None when no cell has one. A fill of
        another hue (a purple) is counted for one notice."""
        if fills.count(None) == len(fills):
            return None
        words: list[str | None] = []
        for fill in fills:
            rgb = hex_rgb(fill)
            word = rag_word(rgb) if rgb is not None else None
            words.append(word)
            if rgb is not None and word is None and hue_name(rgb) is not None and fill is not None:
                code = fill.upper()
                self.unread[code] = self.unread.get(code, 0) + 1
                self.unread_line = self.unread_line or line
        return words if any(words) else None

    def _children(self, element: Element, name: str) -> Iterator[Element]:
        """``element``'s children of one kind (rows, cells), also those inside content controls and custom XML."""
        want, wrappers = self.tags[name], (self.tags["sdt"], self.tags["sdtContent"], self.tags["customXml"])
        for child in element:
            if child.tag == want:
                yield child
            elif child.tag in wrappers:
                yield from self._children(child, name)

    def _row(self, tr: Element) -> tuple[list[str], list[str | None], bool] | None:
        """A row's cells (blank where a merge goes on), their fills, and whether it is marked as a header; None
        for a row deleted in a tracked change."""
        w = self.w
        props = tr.find(f"{w}trPr")
        if props is not None and props.find(f"{w}del") is not None:
            return None
        texts: list[str] = [""] * _grid_count(props, w, "gridBefore")
        fills: list[str | None] = [None] * len(texts)
        tc_tag, tc_pr, wrappers = self.tags["tc"], f"{w}tcPr", (self.tags["sdt"], self.tags["customXml"])
        for child in tr:
            tag = child.tag
            if tag == tc_tag:
                self._cell(child, tc_pr, texts, fills)
            elif tag in wrappers:
                for tc in self._children(child, "tc"):
                    self._cell(tc, tc_pr, texts, fills)
        texts += [""] * _grid_count(props, w, "gridAfter")
        fills += [None] * (len(texts) - len(fills))
        return texts, fills, props is not None and on(props.find(f"{w}tblHeader"), f"{w}val")

    def _cell(self, tc: Element, tc_pr: str, texts: list[str], fills: list[str | None]) -> None:
        """A cell's text (blank where a merge goes on from above) and fill, and blanks for the columns it spans."""
        cell_props = tc.find(tc_pr)
        span, merged, fill = _cell_props(cell_props, self.w) if cell_props is not None else (1, False, None)
        texts.append("" if merged else self.cell_text(tc))
        fills.append(None if merged else fill)
        if span > 1:
            texts += [""] * (span - 1)
            fills += [None] * (span - 1)

    def cell_text(self, container: Element) -> str:
        """A cell's paragraphs as lines (their list numbers first); a table inside it as a line a row."""
        p_tag = self.tags["p"]
        if len(container) == 2 and container[1].tag == p_tag and container[0].tag == self.cell_props:
            return self.paragraphs_.text(container[1])  # the common cell: its properties and one paragraph
        children = [child for child in container if child.tag != self.cell_props]
        if len(children) == 1 and children[0].tag == p_tag:
            return self.paragraphs_.text(children[0])
        lines: list[str] = []
        for child in children:
            tag = child.tag
            if tag == p_tag:
                lines.append(self.paragraphs_.text(child))
            elif tag == self.tags["tbl"]:
                for tr in self._children(child, "tr"):
                    read = self._row(tr)
                    if read is not None:
                        lines.append(" | ".join(text.replace("\n", " ") for text in read[0] if text))
            elif tag in (self.tags["sdt"], self.tags["sdtContent"], self.tags["customXml"]):
                lines.append(self.cell_text(child))
        return plain("\n".join(lines))


def _cell_props(props: Element, w: str) -> tuple[int, bool, str | None]:
    """A cell's column span, whether it goes on with the cell above (a vertical merge), and its fill colour."""
    span, merged, fill = 1, False, None
    for child in props:
        tag = child.tag
        if tag == f"{w}gridSpan":
            value = child.get(f"{w}val", "1")
            span = int(value) if value.isdecimal() and 0 < int(value) <= 64 else 1
        elif tag == f"{w}vMerge":
            merged = child.get(f"{w}val", "continue") != "restart"
        elif tag == f"{w}shd":
            fill = child.get(f"{w}fill")
    return span, merged, fill


def _grid_count(props: Element | None, w: str, name: str) -> int:
    """``w:gridBefore`` / ``w:gridAfter``: grid columns a row leaves out before its first or after its last cell."""
    found = props.find(f"{w}{name}") if props is not None else None
    value = found.get(f"{w}val", "0") if found is not None else "0"
    return min(int(value), 64) if value.isdecimal() else 0


def _too_many_cells(path: str, cells: int) -> InputError:
    return InputError(
        path,
        f"has more table cells than the {cells:,} scrtool reads from a Word document (one per "
        f"{CELL_BYTES} bytes of the size limit; see --max-size)",
    )


def _top_level(path: str, archive: zipfile.ZipFile, simple: list[bool], cells: int) -> Iterator[Element]:
    """The document's root element, then the body's children, each let go once the caller is done with it. A
    body of up to ``_WHOLE`` bytes is parsed at once (fastest); a larger one as it is unpacked, element by element
    (its memory bounded by its largest table). ``simple`` gets True when the body holds none of what makes
    reading a paragraph's text more than joining its text (``Paragraphs``: tracked deletions, fields, drawings).
    More than ``cells`` table cells is an InputError."""
    try:
        if archive.getinfo(DOCUMENT).file_size <= _WHOLE:
            data = archive.read(DOCUMENT)
            _no_dtd(path, DOCUMENT, data[:_CHUNK])
            root = fromstring(data)
            del data
            if sum(1 for _ in root.iter(f"{_ns(root)}tc")) > cells:
                raise _too_many_cells(path, cells)
            if prepare(root):
                simple.append(True)
            yield root
            body = next((child for child in root if child.tag.endswith("}body")), None)
            children = list(body) if body is not None else []
            if body is not None:
                body.clear()
            for index, child in enumerate(children):
                children[index] = root  # let it go once read
                yield child
            return
        yield from _streamed(path, archive, cells)
    except ParseError as exc:
        raise InputError(path, f"is a damaged Word document ({DOCUMENT}: {exc})") from None
    except (zipfile.BadZipFile, zlib.error, OSError, RuntimeError, EOFError):
        raise _damaged(path) from None


def _streamed(path: str, archive: zipfile.ZipFile, cells: int) -> Iterator[Element]:
    parser: XMLPullParser[Element] = XMLPullParser(events=("start", "end"))
    depth = 0
    left = cells
    body: Element | None = None
    with archive.open(DOCUMENT) as part:
        first = True
        while chunk := part.read(_CHUNK):
            if first:
                _no_dtd(path, DOCUMENT, chunk)
                first = False
            parser.feed(chunk)
            for event, element in cast(Iterator[tuple[str, Element]], parser.read_events()):  # start, end
                if event == "start":
                    depth += 1
                    if element.tag.endswith("}tc"):
                        left -= 1
                        if left < 0:
                            raise _too_many_cells(path, cells)
                    if depth == 1:
                        yield element
                    elif depth == 2:
                        body = element
                    continue
                depth -= 1
                if depth == 2 and body is not None:
                    yield element
                    body.remove(element)
    parser.close()
