"""What a Word document's styles and numbering definitions say about a paragraph: its heading level, whether its
text is bold, and the number or bullet Word shows before it (``1.``, ``27.``, ``2.1``, ``a)``, ``•``).

Only ``docx.py`` uses this module; it reads ``word/styles.xml`` and ``word/numbering.xml`` (parsed by the caller,
with Python's own ``xml.etree``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

BULLET = "\u2022"
"""How every bullet is shown, whatever symbol font the document draws it in."""
_OFF = frozenset({"0", "false", "off", "none"})
_HEADING = re.compile(r"heading\s*([1-9])$")


def on(element: Element | None, val: str) -> bool:
    """A toggle property (``<w:b/>``, ``<w:b w:val="0"/>``) is there and not turned off."""
    return element is not None and element.get(val, "true").lower() not in _OFF


@dataclass(slots=True)
class _Style:
    name: str
    based_on: str | None
    bold: bool | None
    outline: int | None
    num: tuple[str, int | None] | None


@dataclass(slots=True)
class Styles:
    """Paragraph and character styles by id, read through their ``basedOn`` chains."""

    w: str
    """The WordprocessingML namespace in braces (``{http://...}``): transitional or strict."""
    styles: dict[str, _Style] = field(default_factory=dict)
    default: str | None = None
    """The id of the default paragraph style (``Normal``)."""

    @classmethod
    def read(cls, root: Element | None, w: str) -> Styles:
        found = cls(w)
        if root is None:
            return found
        for style in root.iter(f"{w}style"):
            ident = style.get(f"{w}styleId")
            if ident is None:
                continue
            name, based = style.find(f"{w}name"), style.find(f"{w}basedOn")
            bold = style.find(f"{w}rPr/{w}b")
            outline = style.find(f"{w}pPr/{w}outlineLvl")
            num_id, ilvl = style.find(f"{w}pPr/{w}numPr/{w}numId"), style.find(f"{w}pPr/{w}numPr/{w}ilvl")
            found.styles[ident] = _Style(
                (name.get(f"{w}val", "") if name is not None else "").strip().lower(),
                based.get(f"{w}val") if based is not None else None,
                on(bold, f"{w}val") if bold is not None else None,
                _int(outline.get(f"{w}val")) if outline is not None else None,
                (num_id.get(f"{w}val", "0"), _int(ilvl.get(f"{w}val")) if ilvl is not None else None)
                if num_id is not None
                else None,
            )
            if style.get(f"{w}type") == "paragraph" and on(style, f"{w}default") and style.get(f"{w}default"):
                found.default = ident
        return found

    def _chain(self, ident: str | None) -> list[_Style]:
        chain: list[_Style] = []
        while ident is not None and ident in self.styles and len(chain) < 20:
            chain.append(self.styles[ident])
            ident = self.styles[ident].based_on
        return chain

    def heading(self, ident: str | None) -> int:
        """The heading level a paragraph style gives (``Heading 1``-``6``; ``Title`` 1; an outline level 1-6), or
        0. Word keeps the English names of its built-in styles in every language."""
        chain = self._chain(ident or self.default)
        for style in chain:
            if style.name == "title":
                return 1
            match = _HEADING.match(style.name)
            if match:
                return int(match.group(1)) if int(match.group(1)) <= 6 else 0
        outline = next((style.outline for style in chain if style.outline is not None), None)
        return outline + 1 if outline is not None and outline < 6 else 0

    def bold(self, ident: str | None) -> bool:
        """The style (a paragraph's or a run's) makes its text bold."""
        return next((style.bold for style in self._chain(ident) if style.bold is not None), False)

    def numbering(self, ident: str | None) -> tuple[str, int | None] | None:
        """The list (``numId``, level) a paragraph style numbers its paragraphs in, if any."""
        return next((style.num for style in self._chain(ident or self.default) if style.num is not None), None)


@dataclass(slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass(slots=True)
class Numbering:
    """The lists of ``numbering.xml``, counted as Word counts them while the document is read in order: lists
    (``w:num``) of one definition (``w:abstractNum``) go on from each other unless one restarts a level."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)
    """Each definition's levels."""
    lists: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    """Each list's definition and the levels it starts again (with their first number)."""
    style_levels: dict[str, tuple[str, int]] = field(default_factory=dict)
    """A paragraph style's list level, where a definition's level names the style (``w:pStyle``)."""
    counts: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    @classmethod
    def read(cls, root: Element | None, w: str) -> Numbering:
        found = cls()
        if root is None:
            return found
        val = f"{w}val"
        for abstract in root.iter(f"{w}abstractNum"):
            ident = abstract.get(f"{w}abstractNumId", "")
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(f"{w}lvl"):
                level = _int(lvl.get(f"{w}ilvl")) or 0
                fmt, text, start = lvl.find(f"{w}numFmt"), lvl.find(f"{w}lvlText"), lvl.find(f"{w}start")
                levels[level] = _Level(
                    fmt.get(val, "decimal") if fmt is not None else "decimal",
                    text.get(val, "") if text is not None else "",
                    _int(start.get(val)) or 0 if start is not None else 0,
                )
                style = lvl.find(f"{w}pStyle")
                if style is not None:
                    found.style_levels[style.get(val, "")] = (ident, level)
            found.levels[ident] = levels
        for num in root.iter(f"{w}num"):
            abstract_id = num.find(f"{w}abstractNumId")
            restarts = {}
            for override in num.iter(f"{w}lvlOverride"):
                start = override.find(f"{w}startOverride")
                if start is not None:
                    restarts[_int(override.get(f"{w}ilvl")) or 0] = _int(start.get(val)) or 0
            found.lists[num.get(f"{w}numId", "")] = (
                abstract_id.get(val, "") if abstract_id is not None else "",
                restarts,
            )
        return found

    def label(self, num_id: str, level: int | None, style: str | None) -> str:
        """The number or bullet Word shows before the next paragraph of list ``num_id`` at ``level`` (``1.``,
        ``2.1``, ``•``), counting it; "" for no list (``numId`` 0) or a level that shows nothing."""
        if num_id == "0" or num_id not in self.lists:
            return ""
        abstract, restarts = self.lists[num_id]
        levels = self.levels.get(abstract, {})
        if level is None:
            level = self.style_levels.get(style or "", (abstract, 0))[1]
        if level not in levels:
            return ""
        counts = self.counts.setdefault(abstract, [levels[i].start - 1 if i in levels else 0 for i in range(9)])
        if num_id not in self.started:
            self.started.add(num_id)
            for at, start in restarts.items():
                if 0 <= at < 9:
                    counts[at] = start - 1
        counts[level] += 1
        for deeper in range(level + 1, 9):
            counts[deeper] = levels[deeper].start - 1 if deeper in levels else 0
        shown = levels[level]
        if shown.fmt == "bullet":
            return BULLET
        if shown.fmt == "none":
            return ""
        return re.sub(r"%([1-9])", lambda m: _format(levels, counts, int(m.group(1)) - 1), shown.text).strip()


def _format(levels: dict[int, _Level], counts: list[int], level: int) -> str:
    value = max(counts[level], levels[level].start if level in levels else 1)
    fmt = levels[level].fmt if level in levels else "decimal"
    if fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while value >= number:
            out, value = out + letters, value - number
    return out


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None
