"""Report text is data: make it safe to show on a terminal, in JSON, CSV and markdown."""

from __future__ import annotations

import re

PLACEHOLDER = "\ufffd"
"""Shown in place of a control character or bidirectional override from a report."""

_UNSAFE = [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0D, 0x20), 0x7F, *range(0x80, 0xA0),
           0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C]
_TERMINAL = str.maketrans({code: PLACEHOLDER for code in _UNSAFE})
UNSAFE_RE = re.compile("[\x00-\x08\x0a-\x0c\x0d-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Finds a character ``terminal`` would replace, or a line break (``_UNSAFE`` as ranges: tests/test_render.py
holds the two equal)."""
_JSON_ESCAPES = str.maketrans({code: f"\\u{code:04x}" for code in _UNSAFE if code >= 0x7F})
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def terminal(text: str) -> str:
    """Text with every control character and bidi override shown as a visible placeholder (newline, tab kept)."""
    return text.translate(_TERMINAL)


def json_text(encoded: str) -> str:
    """JSON text with C1 controls and bidi overrides escaped (json.dumps leaves them raw); still the same data."""
    return encoded.translate(_JSON_ESCAPES)


def spreadsheet(text: str) -> str:
    """A cell no spreadsheet evaluates as a formula: a leading ``'`` before ``= + - @``, tab or CR."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_cell(text: str) -> str:
    """Text for a markdown table cell: markup characters escaped, HTML made inert, line breaks kept visible."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|#~":
        escaped = escaped.replace(char, "\\" + char)
    return terminal(escaped).replace("\n", " / ")
