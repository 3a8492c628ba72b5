"""One table line -> its cells; a raw cell -> clean text (markup removed, whitespace folded)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_BREAKS = re.compile(r"<br\s*/?>|\x0b|\u2028|\u2029", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f]+")
_MARKUP_CHARS = frozenset("<*_`[~&\\")
FORMAT_TAGS = frozenset({"u", "b", "i", "em", "strong", "span", "font", "sup", "sub", "s", "strike", "del",
                         "ins", "mark", "small", "big", "p", "div", "a", "o:p"})
"""HTML tags Word and converters leave in cells, dropped as formatting; any other tag is kept as text."""
_TAG = re.compile(r"</?\s*([a-zA-Z][\w:-]*)")


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


def clean(raw: str) -> str:
    """Cell text as a reader sees it: markup removed, in-cell line breaks kept as newlines, spaces folded."""
    if not raw:
        return ""
    if _MARKUP_CHARS.isdisjoint(raw) and "\x0b" not in raw and "\u2028" not in raw and "\u2029" not in raw:
        return _SPACES.sub(" ", raw).strip()
    parts = [_fold(_plain(part)) for part in _BREAKS.split(raw)]
    return "\n".join(part for part in parts if part)


def _fold(text: str) -> str:
    return _SPACES.sub(" ", text.replace("\n", " ")).strip()


def _plain(text: str) -> str:
    if _MARKUP_CHARS.isdisjoint(text):
        return text
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
