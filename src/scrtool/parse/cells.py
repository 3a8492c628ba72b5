"""One table line -> its cells; a raw cell -> clean text (markup removed, whitespace folded)."""

from __future__ import annotations

import html
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_BREAKS = re.compile(r"<br\s*/?>|\x0b|\u2028|\u2029", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f]+")
_MARKDOWN_CHARS = frozenset("<*_`[~\\")
"""A cell holding none of these needs no markdown parser (``&`` alone is an entity at most)."""
_MARKDOWN_RE = re.compile("[" + re.escape("".join(sorted(_MARKDOWN_CHARS))) + "]")
_SPECIAL = _MARKDOWN_CHARS | frozenset("&\x0b\u2028\u2029")
"""A cell holding none of these is clean once its spaces are folded."""
_SPECIAL_RE = re.compile("[" + re.escape("".join(sorted(_SPECIAL))) + "]")
FORMAT_TAGS = frozenset({"u", "b", "i", "em", "strong", "span", "font", "sup", "sub", "s", "strike", "del",
                         "ins", "mark", "small", "big", "p", "div", "a", "o:p"})
"""HTML tags Word and converters leave in cells, dropped as formatting; any other tag is kept as text."""
_TAG = re.compile(r"</?\s*([a-zA-Z][\w:-]*)")
_NOT_SIMPLE = re.compile(r"[_`\[~\\\n\r\t\f\x00]|&[#A-Za-z0-9]")
"""Markup, an entity or a character markdown-it rewrites: such a cell is read by markdown-it itself."""
_STRONG = re.compile(r"(?:^|(?<= ))\*\*([A-Za-z0-9](?:[^*]*[A-Za-z0-9])?)\*\*(?=$|[ .,;:!?)'\"/-])")
"""``**bold**`` after a space (or at the start) and before a space, a stop or the end: strong, whatever is around."""
_ANGLE = re.compile(r"<(?:/?([A-Za-z][A-Za-z0-9-]*)>|[A-Za-z/!?])")
"""``<`` that may start HTML: a bare tag (``<u>``, ``</u>``, group 1) or anything else that may (no group)."""


def split_pipe_row(line: str) -> list[str]:
    """Split a pipe-table line into raw cells; outer pipes optional, ``\\|`` stays inside a cell."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    if "\\|" not in body:
        return body.split("|")
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(body)]


def clean_cells(cells: list[str]) -> list[str]:
    """``clean`` of each cell; a row with no markup, entity or in-cell break anywhere is only stripped."""
    joined = "\x00".join(cells)
    if _SPECIAL_RE.search(joined) or "  " in joined or "\t" in joined or "\f" in joined:
        return [clean(cell) for cell in cells]
    return [cell.strip() for cell in cells]


def clean(raw: str) -> str:
    """Cell text as a reader sees it: markup removed, in-cell line breaks kept as newlines, spaces folded."""
    if not _SPECIAL_RE.search(raw):
        text = raw.strip()
        return text if "  " not in text and "\t" not in text and "\f" not in text else _SPACES.sub(" ", text)
    parts = [_fold(_plain(part)) for part in _BREAKS.split(raw)]
    return "\n".join(part for part in parts if part)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def _plain(text: str) -> str:
    if not _MARKDOWN_RE.search(text):
        return html.unescape(text) if "&" in text else text
    simple = _simple(text)
    return simple if simple is not None else _markdown_plain(text)


def _simple(text: str) -> str | None:
    """What ``_markdown_plain`` gives, for the common cell it can be had without markdown-it: ``<`` that starts no
    HTML (``<1 year old``), bare tags (``<u>``), ``**bold**``. None for any other markup."""
    if _NOT_SIMPLE.search(text):
        return None
    stars = text.count("*")
    if stars:
        text, pairs = _STRONG.subn(r"\1", text)
        if 4 * pairs != stars:
            return None
    if "<" not in text:
        return text
    kept: list[str] = []
    last = 0
    for tag in _ANGLE.finditer(text):
        name = tag.group(1)
        if name is None:
            return None
        if name.casefold() in FORMAT_TAGS:
            kept.append(text[last:tag.start()])
            last = tag.end()
    return "".join(kept) + text[last:] if last else text


def _markdown_plain(text: str) -> str:
    tokens = _markdown().parseInline(text)
    out: list[str] = []
    for token in tokens[0].children or () if tokens else ():
        if token.type in ("text", "code_inline"):
            out.append(token.content)
        elif token.type in ("softbreak", "hardbreak"):
            out.append(" ")
        elif token.type == "image":
            out.append(token.content)
        elif token.type == "html_inline":
            match = _TAG.match(token.content)
            if not (match and match.group(1).casefold() in FORMAT_TAGS):
                out.append(token.content)
    return "".join(out)


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).disable(["link", "autolink"], ignoreInvalid=True)
