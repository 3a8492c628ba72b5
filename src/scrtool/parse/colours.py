"""A cell's fill colour -> the RAG word it means: the one home of that rule, for every reader that sees fills.

Office files give a colour three ways: as ``rgb`` (``FF00B050``), as an ``indexed`` colour of a 64-colour palette
(the workbook may replace the palette), or as a ``theme`` colour (a slot of the file's own theme, ``accent6``,
lightened or darkened by a ``tint``): the same theme slot is orange in one workbook and green in the next, so theme
colours are resolved from the file's theme part (``xl/theme/theme1.xml``, ``word/theme/theme1.xml``). Each is turned
into an RGB triple, and the triple into a word:

- a colour key in the file (a "Key" or "Legend": cells filled in a colour whose text says what it means) names it
  (``ColourKey``): the exact colour, else the key's colour of the same hue, else the key's nearest colour;
- else its hue does (``rag_word``): ``Red``, ``Amber`` (orange and yellow too), ``Green``, ``Blue``; greys, white,
  black and other hues (purple, pink) mean nothing.

A status taken from a fill is written with the fill's word and ``(fill)``: ``Green (fill)`` (``fill_text``), so
``show`` says where it came from and the stored text can be read again (``filled``). What each word makes the
status is decided where statuses are read (``parse/finish.py``, after ../shared/DECISIONS.md "Status and RAG").
"""

from __future__ import annotations

import colorsys
import re
from collections.abc import Sequence
from dataclasses import dataclass

RGB = tuple[int, int, int]

INDEXED = tuple(
    bytes.fromhex(code)
    for code in (
        "000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF 00FFFF 000000 FFFFFF FF0000 00FF00 0000FF FFFF00 FF00FF "
        "00FFFF 800000 008000 000080 808000 800080 008080 C0C0C0 808080 9999FF 993366 FFFFCC CCFFFF 660066 FF8080 "
        "0066CC CCCCFF 000080 FF00FF FFFF00 00FFFF 800080 800000 008080 0000FF 00CCFF CCFFFF CCFFCC FFFF99 99CCFF "
        "FF99CC CC99FF FFCC99 3366FF 33CCCC 99CC00 FFCC00 FF9900 FF6600 666699 969696 003366 339966 003300 333300 "
        "993300 993366 333399 333333"
    ).split()
)
"""Excel's default palette of indexed colours 0-63 (64 and 65 are the system's text and window colours)."""

THEME_SLOTS = (
    "lt1",
    "dk1",
    "lt2",
    "dk2",
    "accent1",
    "accent2",
    "accent3",
    "accent4",
    "accent5",
    "accent6",
    "hlink",
    "folHlink",
)
"""Excel's theme index -> the theme's colour slot (0 is Background 1, ``lt1``; 1 is Text 1, ``dk1``: the theme
part lists them dark first)."""

RAG_WORDS = ("Red", "Amber", "Green", "Blue")

MEANINGS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue",
    "on track": "Green",
    "at risk": "Amber",
    "off track": "Red",
}
"""Words that name a RAG colour or the meaning ../shared/DECISIONS.md gives one when no key does (Green on track,
Amber at risk, Red off track; Blue complete, which status words read as completed anyway)."""

FILL_MARK = " (fill)"


def fill_text(word: str) -> str:
    """The status text of a row whose status is given only by a fill: ``Green (fill)``."""
    return word + FILL_MARK


def filled(status_text: str) -> str | None:
    """The fill's word when ``status_text`` was given only by a fill (``Green (fill)`` -> ``Green``), else None."""
    return status_text[: -len(FILL_MARK)] if status_text.endswith(FILL_MARK) else None


def rag_of(word: str) -> str | None:
    """The RAG colour a fill's word names (``Green``, or a key's ``On track``), else None (``Complete``)."""
    return MEANINGS.get(" ".join(word.casefold().split()))


def hex_rgb(code: str | None) -> RGB | None:
    """``FF00B050`` (ARGB, alpha ignored as Office does), ``00B050`` or ``#00B050`` -> (0, 176, 80); else None."""
    if not code:
        return None
    code = code.strip().lstrip("#")
    if len(code) == 8:
        code = code[2:]
    if len(code) != 6:
        return None
    try:
        raw = bytes.fromhex(code)
    except ValueError:
        return None
    return raw[0], raw[1], raw[2]


def indexed_rgb(index: int, palette: Sequence[str] | None = None) -> RGB | None:
    """An indexed colour from the workbook's own palette (ARGB codes) when it has one, else Excel's default."""
    if palette and 0 <= index < len(palette):
        return hex_rgb(palette[index])
    if 0 <= index < len(INDEXED):
        raw = INDEXED[index]
        return raw[0], raw[1], raw[2]
    return None


_SLOT = re.compile(rb"<(?:\w+:)?(dk1|lt1|dk2|lt2|accent[1-6]|hlink|folHlink)>\s*<(?:\w+:)?(srgbClr|sysClr)\b([^>]*)>")
_VALUE = re.compile(rb'\b(lastClr|val)="([0-9A-Fa-f]{6})"')


def theme_palette(theme_xml: bytes | None) -> dict[str, RGB]:
    """The colour slots of a theme part (``dk1``, ``lt1`` ... ``accent6``, ``hlink``): a system colour by the value
    it last had (``lastClr``)."""
    palette: dict[str, RGB] = {}
    for slot, _, attributes in _SLOT.findall(theme_xml or b""):
        values = dict(_VALUE.findall(attributes))
        rgb = hex_rgb((values.get(b"lastClr") or values.get(b"val") or b"").decode())
        if rgb is not None:
            palette.setdefault(slot.decode(), rgb)
    return palette


def tinted(rgb: RGB, tint: float) -> RGB:
    """``rgb`` lightened (tint > 0) or darkened (tint < 0) as Office does, on the lightness of its HLS form."""
    if not tint:
        return rgb
    hue, light, saturation = colorsys.rgb_to_hls(*(part / 255 for part in rgb))
    light = light * (1 + tint) if tint < 0 else light * (1 - tint) + tint
    red, green, blue = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def hue_name(rgb: RGB) -> str | None:
    """The colour's name by its hue: one of ``RAG_WORDS``, ``Purple`` (purple, magenta, pink), or None for greys,
    white and black (no statement of any kind)."""
    hue, light, saturation = colorsys.rgb_to_hls(*(part / 255 for part in rgb))
    if saturation < 0.2 or light < 0.1 or light > 0.96:
        return None
    degrees = hue * 360
    if degrees < 15 or degrees >= 335:
        return "Red"
    if degrees < 70:
        return "Amber"  # orange, amber and yellow: trackers use each for amber
    if degrees < 170:
        return "Green"
    if degrees < 260:
        return "Blue"
    return "Purple"


def rag_word(rgb: RGB) -> str | None:
    """The RAG word of a colour by its hue (see ``hue_name``), None when it is not red, amber, green or blue."""
    name = hue_name(rgb)
    return name if name in RAG_WORDS else None


def key_meaning(text: str) -> str:
    """What a key's cell says a colour means, without the colour's own name before it: ``Green - on track`` ->
    ``on track``; its first line only."""
    first = text.strip().split("\n", 1)[0].strip()
    match = _NAMED.match(first)
    return match.group(1).strip() if match else first


_NAMED = re.compile(
    r"^(?:blue|green|amber|red|yellow|orange|purple|grey|gray|[bgar])\s*[-\u2013\u2014:=]\s*(\S.*)$", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class ColourKey:
    """What a file's colour key says its colours mean: each colour with its meaning, in the key's order."""

    entries: tuple[tuple[RGB, str], ...] = ()

    def word(self, rgb: RGB) -> str | None:
        """The meaning of a fill: the key's entry of that colour, else the key's entry of the same hue (the nearest
        when several), else the key's nearest colour close enough to be meant (a shade off), else the hue's RAG
        word."""
        hue = hue_name(rgb)
        same: list[tuple[int, str]] = []
        close: list[tuple[int, str]] = []
        for colour, meaning in self.entries:
            if colour == rgb:
                return meaning
            distance = sum((a - b) ** 2 for a, b in zip(colour, rgb, strict=True))
            if hue is not None and hue_name(colour) == hue:
                same.append((distance, meaning))
            elif distance <= _SHADE:
                close.append((distance, meaning))
        if same or close:
            return min(same or close)[1]
        return hue if hue in RAG_WORDS else None


_SHADE = 3 * 40**2
"""The squared RGB distance within which a colour is a shade of a key's colour (40 a channel)."""
