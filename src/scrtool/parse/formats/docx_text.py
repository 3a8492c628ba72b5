"""A Word paragraph -> its text as Word shows it: list number first, tracked changes accepted, hidden text, field
codes and drawings left out, line breaks kept; with its heading level (7: a line all in bold).

Most paragraphs of a plan are plain runs of text: they are read in one pass over their elements. A paragraph
holding anything else (a tracked deletion or move, hidden text, a drawing or text box, a formatting change) is read
run by run, leaving those parts out. Only ``docx.py`` uses this module.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

from ..tables import plain
from .docx_styles import Numbering, Styles, on

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SPECIAL = ("del", "moveFrom", "vanish", "drawing", "pict", "object", "rPrChange", "pPrChange", "txbxContent", "ruby")
"""Elements that send a paragraph to the careful reading (``Paragraphs._runs``)."""
_LEFT_OUT = frozenset(
    {
        "del",
        "moveFrom",
        "pPr",
        "rPr",
        "AlternateContent",
        "drawing",
        "pict",
        "object",
        "instrText",
        "delText",
        "delInstrText",
        "commentReference",
        "footnoteReference",
        "endnoteReference",
        "fldData",
        "ruby",
    }
)
"""Elements whose text Word does not show as the paragraph's (deleted text, field codes, drawings, text boxes)."""


def prepare(root: Element) -> bool:
    """Whether the text of each paragraph of the body under ``root`` is the join of its text, made so: line breaks
    and tabs in runs get their character, tab stops (paragraph formatting) lose theirs. False (and the body left
    to the careful reading) when it holds tracked deletions or moves, hidden text, field codes or drawings."""
    w = root.tag.partition("}")[0] + "}"
    special = frozenset(
        {f"{w}{name}" for name in (*_SPECIAL, "delText", "delInstrText", "instrText", "fldData")}
        | {f"{_MC}AlternateContent"}
    )
    characters = {f"{w}br": "\n", f"{w}cr": "\n", f"{w}tab": "\t", f"{w}noBreakHyphen": "-"}
    for element in root.iter():
        tag = element.tag
        if tag in characters:
            element.text = characters[tag]
        elif tag in special:
            return False
    for stops in root.iter(f"{w}tabs"):
        stops.clear()
    return True


class Paragraphs:
    """Reads paragraphs in document order (list numbers count as they are read)."""

    def __init__(self, w: str, styles: Styles, numbering: Numbering, simple: bool = False) -> None:
        self.w = w
        self.simple = simple
        """The body was ``prepare``d: a paragraph's text is the join of its text."""
        self.props, self.style_tag, self.num_tag = f"{w}pPr", f"{w}pStyle", f"{w}numPr"
        self.styles = styles
        self.numbering = numbering
        self.val = f"{w}val"
        self.special = frozenset({f"{w}{name}" for name in _SPECIAL} | {f"{_MC}AlternateContent"})
        self.tags = (f"{w}t", f"{w}r", f"{w}b", f"{w}pStyle", f"{w}numPr", f"{w}rStyle")
        self.breaks = {f"{w}br": "\n", f"{w}cr": "\n", f"{w}tab": "\t", f"{w}noBreakHyphen": "-"}
        self.bold_styles: dict[str | None, bool] = {}
        self.style_info: dict[str | None, tuple[int, tuple[str, int | None] | None]] = {}
        """Each paragraph style's heading level and list."""

    def _bold(self, style: str | None) -> bool:
        found = self.bold_styles.get(style)
        if found is None:
            found = self.bold_styles[style] = self.styles.bold(style)
        return found

    def text(self, p: Element) -> str:
        """The paragraph's text (its list number first) where its heading level does not matter (a cell)."""
        if not self.simple:
            return self.read(p)[0]
        props = p.find(self.props)  # one tag, not a path: found without ElementPath
        if props is None:
            return self._finish("".join(p.itertext()), False, None, None)[0]
        style_element = props.find(self.style_tag)
        style = style_element.get(self.val) if style_element is not None else None
        return self._finish("".join(p.itertext()), False, style, props.find(self.num_tag))[0]

    def read(self, p: Element) -> tuple[str, int]:
        """The paragraph's text (its list number first), cleaned, and its heading level (7: all in bold)."""
        t, r, b, p_style, num_pr, r_style = self.tags
        breaks, special = self.breaks, self.special
        pieces: list[str] = []
        style: str | None = None
        numbered: Element | None = None
        para_bold = run_bold = self._bold(None)
        all_bold = True
        for element in p.iter():
            tag = element.tag
            if tag == t:
                text = element.text
                if text:
                    pieces.append(text)
                    all_bold = all_bold and (run_bold or text.isspace())
            elif tag == r:
                run_bold = para_bold
            elif tag == b:
                run_bold = on(element, self.val)
            elif tag in breaks:
                pieces.append(breaks[tag])
            elif tag == p_style:
                style = element.get(self.val)
                para_bold = self._bold(style)
            elif tag == num_pr:
                numbered = element
            elif tag == r_style:
                run_bold = run_bold or self._bold(element.get(self.val))
            elif tag in special:
                return self._careful(p, style, numbered)
        return self._finish("".join(pieces), all_bold, style, numbered)

    def _finish(self, raw: str, all_bold: bool, style: str | None, numbered: Element | None) -> tuple[str, int]:
        text = raw.strip() if raw.isprintable() and "  " not in raw else plain(raw)  # printable: no breaks, NBSP
        if not text:
            return "", 0
        info = self.style_info.get(style)
        if info is None:
            info = self.style_info[style] = (self.styles.heading(style), self.styles.numbering(style))
        label = self._label(numbered, style, info[1]) if numbered is not None or info[1] is not None else ""
        return (f"{label} {text}" if label else text), info[0] or (7 if all_bold else 0)

    def _careful(self, p: Element, style: str | None, numbered: Element | None) -> tuple[str, int]:
        pieces: list[tuple[str, bool]] = []
        self._runs(p, self._bold(style), pieces)
        raw = "".join(piece for piece, _ in pieces)
        return self._finish(raw, all(bold for piece, bold in pieces if piece.strip()), style, numbered)

    def _label(self, numbered: Element | None, style: str | None, listed: tuple[str, int | None] | None) -> str:
        """The number or bullet Word shows before the paragraph: from its own list (``w:numPr``), else its
        style's (``listed``)."""
        w = self.w
        if numbered is not None:
            num_id, level = numbered.find(f"{w}numId"), numbered.find(f"{w}ilvl")
            at = level.get(self.val) if level is not None else None
            if num_id is not None:
                ident = num_id.get(self.val, "0")
                return self.numbering.label(ident, int(at) if at and at.isdecimal() else None, style)
            return (
                self.numbering.label(listed[0], int(at) if at and at.isdecimal() else listed[1], style)
                if listed is not None
                else ""
            )
        return self.numbering.label(listed[0], listed[1], style) if listed is not None else ""

    def _runs(self, element: Element, bold: bool, out: list[tuple[str, bool]]) -> None:
        """The text of the runs under ``element``, each with whether it is bold; tracked deletions, field codes
        and drawings left out, insertions kept."""
        for child in element:
            local = child.tag.rpartition("}")[2]
            if local in _LEFT_OUT:
                continue
            if local == "r":
                self._run(child, bold, out)
            elif local not in ("tbl", "p"):
                self._runs(child, bold, out)  # ins, moveTo, hyperlink, smartTag, sdt, fldSimple, customXml ...

    def _run(self, run: Element, bold: bool, out: list[tuple[str, bool]]) -> None:
        w = self.w
        props = run.find(f"{w}rPr")
        if props is not None:
            if on(props.find(f"{w}vanish"), self.val):
                return  # hidden text
            style = props.find(f"{w}rStyle")
            if style is not None and self._bold(style.get(self.val)):
                bold = True
            b = props.find(f"{w}b")
            if b is not None:
                bold = on(b, self.val)
        for child in run:
            if child.tag == f"{w}t":
                out.append((child.text or "", bold))
            elif child.tag in self.breaks:
                out.append((self.breaks[child.tag], bold))
