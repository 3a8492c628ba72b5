"""A cell's fill colour -> the RAG word it means: the one home of that rule, for every reader that sees fills.

A colour is turned into an RGB triple (``hex_rgb``), and the triple into a word by its hue (``rag_word``): ``Red``,
``Amber`` (orange and yellow too), ``Green``, ``Blue``; greys, white and black mean nothing, and other hues
(purple, pink: ``hue_name`` says ``Purple``) mean no RAG word, which a reader reports rather than guess.

(The Excel reader, written at the same time, grows this module with indexed and theme colours and colour keys;
these functions are the same there.)
"""

from __future__ import annotations

import colorsys

RGB = tuple[int, int, int]

RAG_WORDS = ("Red", "Amber", "Green", "Blue")


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
