"""Report text is data: make it safe to show on a terminal, in JSON, CSV and markdown, and file names in messages.

``terminal`` is the one sanitiser of text shown on a terminal or written to standard output and standard error;
render/stream.py applies it to everything it writes, so a view cannot forget it.
"""

from __future__ import annotations

import re

PLACEHOLDER = "\ufffd"
"""Shown in place of a control character or bidirectional override from a report."""

_UNSAFE = [
    *range(0x00, 0x09),
    0x0B,
    0x0C,
    *range(0x0D, 0x20),
    0x7F,
    *range(0x80, 0xA0),
    0x200E,
    0x200F,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
    0x061C,
]
_TERMINAL = str.maketrans({code: PLACEHOLDER for code in _UNSAFE})
_UNSAFE_CHAR = re.compile("[" + "".join(f"\\u{code:04x}" for code in _UNSAFE) + "]")
UNSAFE_RE = re.compile("[\x00-\x08\x0a-\x0c\x0d-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Finds a character ``terminal`` would replace, or a line break (``_UNSAFE`` as ranges: tests/test_render.py
holds the two equal)."""
_JSON_ESCAPES = str.maketrans({code: f"\\u{code:04x}" for code in _UNSAFE if code >= 0x7F})
_JSON_UNSAFE = re.compile("[" + "".join(f"\\u{code:04x}" for code in _UNSAFE if code >= 0x7F) + "]")
_MARKDOWN_CHANGES = re.compile(r"[&<>\\`*_\[\]|#~\n]")
"""What ``markdown_cell`` escapes or replaces (besides ``terminal``'s characters)."""
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_LINE_BREAKS = str.maketrans({"\n": " ", "\r": " ", "\u2028": " ", "\u2029": " "})


def terminal(text: str) -> str:
    """Text with every control character and bidi override shown as a visible placeholder (newline, tab kept).

    ASCII text goes through ``str.translate``'s quick path for ASCII; other text through a regular expression
    (``translate`` of a non-ASCII string looks up every character in the table, twenty times slower)."""
    if _UNSAFE_CHAR.search(text) is None:  # nearly all text: one scan, no copy (translate sets up a table a call)
        return text
    if text.isascii():
        return text.translate(_TERMINAL)
    return _UNSAFE_CHAR.sub(PLACEHOLDER, text)


def one_line(text: str) -> str:
    """``terminal`` text on one line: its line breaks become spaces (a message can never forge a second line)."""
    return terminal(text).translate(_LINE_BREAKS)


def file_name(name: str) -> str:
    """A file name as every message shows it: as it is when each of its characters is printable, else quoted with
    Python's escapes (``'a\\nb.md'``, ``'plan\\x1b[2J.md'``), so a name can neither break a message's line nor hide
    a control sequence, a bidi override or an undecodable byte."""
    return name if name.isprintable() else repr(name)


def json_text(encoded: str) -> str:
    """JSON text with C1 controls and bidi overrides escaped (json.dumps leaves them raw); still the same data."""
    if encoded.isascii():
        return encoded.translate(_JSON_ESCAPES)
    return _JSON_UNSAFE.sub(lambda found: f"\\u{ord(found.group()):04x}", encoded)


def spreadsheet(text: str) -> str:
    """A cell no spreadsheet evaluates as a formula: a leading ``'`` before ``= + - @``, tab or CR."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def markdown_cell(text: str) -> str:
    """Text for a markdown table cell: markup characters escaped, HTML made inert, line breaks kept visible."""
    if _MARKDOWN_CHANGES.search(text) is None:  # most cells: nothing to escape
        return terminal(text)
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    for char in "\\`*_[]|#~":
        escaped = escaped.replace(char, "\\" + char)
    return terminal(escaped).replace("\n", " / ")
