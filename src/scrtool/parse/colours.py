"""A cell's fill colour -> the RAG word it means, by its hue: the one home of this rule for every format reader.

A plan that gives its status only as a cell's shading (Word, Excel) is read by the colour's hue, as a person reads
it: red (and pink) ``Red``; orange and yellow ``Amber``; green ``Green``; cyan and blue ``Blue``. White, greys and
black (no hue to speak of) mean nothing; purples and browns mean no RAG word either, and a reader that meets them
says so once (``unread``) rather than guess. A colour key in the file, when a reader finds one, wins over this rule.
"""

from __future__ import annotations

import colorsys

RAG_WORDS = ("Red", "Amber", "Green", "Blue")

_HUES = ((15, "Red"), (70, "Amber"), (170, "Green"), (255, "Blue"), (330, None), (360, "Red"))
"""Upper bounds (degrees, exclusive) of each word's band of hue: 0-15 red, 15-70 amber (orange ``FFC000``, yellow
``FFFF00``), 70-170 green (``92D050``, ``00B050``, Excel's ``C6EFCE``), 170-255 blue (``00B0F0``, ``0070C0``),
255-330 purple (no word), 330-360 red (pink ``FFC7CE``)."""


def _hls(rgb: str | None) -> tuple[float, float, float] | None:
    """Hue (degrees), lightness and saturation of ``RRGGBB`` (``#`` or an alpha byte, ``AARRGGBB``, in front are
    allowed); None for no colour (``None``, ``auto``, not hexadecimal)."""
    if not rgb:
        return None
    code = rgb.strip().lstrip("#")
    if len(code) == 8:
        code = code[2:]
    if len(code) != 6:
        return None
    try:
        red, green, blue = (int(code[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    hue, lightness, saturation = colorsys.rgb_to_hls(red, green, blue)
    return hue * 360, lightness, saturation


def _plain(hls: tuple[float, float, float]) -> bool:
    """White, a near-white tint, a grey or black: a colour with no hue to speak of."""
    _, lightness, saturation = hls
    return saturation < 0.25 or lightness > 0.96 or lightness < 0.12


def rag_of(rgb: str | None) -> str | None:
    """The RAG word of a fill given as ``RRGGBB``; None for no fill, white, greys, black, browns and purples."""
    hls = _hls(rgb)
    if hls is None or _plain(hls):
        return None
    degrees, lightness, _ = hls
    if 15 <= degrees < 70 and lightness < 0.35:
        return None  # browns and dark olives
    return next(word for bound, word in _HUES if degrees < bound)


def unread(rgb: str | None) -> bool:
    """A colour with a hue that names no RAG word (a purple, a brown): a reader says so, once, rather than guess."""
    hls = _hls(rgb)
    return hls is not None and not _plain(hls) and rag_of(rgb) is None
