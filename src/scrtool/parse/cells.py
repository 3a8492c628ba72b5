"""One table line -> its cells; a raw cell -> clean text (markup removed, whitespace folded)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

SYMBOL_BULLETS = {
    "\uf0b7": "\u2022",
    "\uf0a7": "\u25aa",
    "\uf076": "\u2756",
    "\uf0d8": "\u27a2",
    "\uf0fc": "\u2713",
    "\uf0a8": "\u25a1",
    "\uf0e8": "\u2794",
}
"""Word's bullets in the Symbol and Wingdings fonts, as a PDF (and ``pdftotext`` text of it) gives them, in
Unicode's private use area: the characters they show."""

_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_BREAKS = re.compile(r"<br\s*/?>|\x0b|\u2028|\u2029", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\f]+")


def _has_markdown(text: str) -> bool:
    """A cell holding none of ``<*_`[~\\`` needs no markdown parser (``&`` alone is an entity at most)."""
    return "<" in text or "*" in text or "_" in text or "`" in text or "[" in text or "~" in text or "\\" in text


def _has_special(text: str) -> bool:
    """A cell holding no markdown character, ``&`` or in-cell break is clean once its spaces are folded."""
    return _has_markdown(text) or "&" in text or "\x0b" in text or "\u2028" in text or "\u2029" in text


FORMAT_TAGS = frozenset(
    {
        "u",
        "b",
        "i",
        "em",
        "strong",
        "span",
        "font",
        "sup",
        "sub",
        "s",
        "strike",
        "del",
        "ins",
        "mark",
        "small",
        "big",
        "p",
        "div",
        "a",
        "o:p",
    }
)
"""HTML tags Word and converters leave in cells, dropped as formatting; any other tag is kept as text."""
_TAG = re.compile(r"</?\s*([a-zA-Z][\w:-]*)")
_ENTITY = re.compile(r"&[#A-Za-z0-9]")
"""What may start an entity: a cell holding one (or other markup) is read by markdown-it itself."""
_STRONG = re.compile(r"(?:^|(?<= ))\*\*([A-Za-z0-9](?:[^*]*[A-Za-z0-9])?)\*\*(?=$|[ .,;:!?)'\"/-])")
"""``**bold**`` after a space (or at the start) and before a space, a stop or the end: strong, whatever is around."""
_HTML_START = re.compile("<[A-Za-z/!?]")
"""``<`` that may start HTML (see ``_ANGLE``)."""
_ANGLE = re.compile(r"<(?:/?([A-Za-z][A-Za-z0-9-]*)>|[A-Za-z/!?])")
"""``<`` that may start HTML: a bare tag (``<u>``, ``</u>``, group 1) or anything else that may (no group)."""


def split_pipe_row(line: str) -> list[str]:
    """Split a pipe-table line into raw cells; outer pipes optional, ``\\|`` stays inside a cell."""
    body = line.strip()
    if "\\" in body and "\\|" in body:
        return _split_escaped(body)
    if body[-1:] == "|" and body[:1] == "|" and len(body) > 1:
        return body[1:-1].split("|")  # the common row, with both outer pipes
    lead = body.startswith("|")
    cells = body.split("|")
    if lead:
        del cells[0]
    if len(body) > lead and body.endswith("|"):
        cells.pop()
    return cells


def clean_pipe_rows(texts: list[str]) -> list[list[str]] | None:
    """``clean_cells(split_pipe_row(text))`` of each stripped pipe row, worked out for all rows at once when each
    has both outer pipes and none holds a markdown character, ``&`` or an in-cell break (the common table); None
    for any other table, whose rows are split and cleaned one by one."""
    joined = "\n".join(texts)
    if _has_special(joined):
        return None  # markup somewhere
    starts = joined.count("\n|") + joined.startswith("|")  # (no copy of the rows framed in newlines: a 50 MB
    ends = joined.count("|\n") + joined.endswith("|")  # table would have three copies of its text alive at once)
    if starts != len(texts) or ends != len(texts):
        return None  # a row without both outer pipes
    rows = [list(map(str.strip, text[1:-1].split("|"))) for text in texts]
    if "  " in joined or "\t" in joined or "\f" in joined:
        return [
            [_SPACES.sub(" ", cell) if "  " in cell or "\t" in cell or "\f" in cell else cell for cell in row]
            for row in rows
        ]
    return rows


def _split_escaped(body: str) -> list[str]:
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(body)]


def clean_cells(cells: list[str]) -> list[str]:
    """``clean`` of each cell; a row with no markup, entity or in-cell break anywhere (or none but ``&`` and
    ``<`` that ``clean`` keeps as they are) is only stripped, and its runs of spaces folded."""
    row = "\x00".join(cells)
    if _has_special(row) and not _keeps_specials(row, len(cells)):
        return [clean(cell) for cell in cells]
    stripped = list(map(str.strip, cells))
    joined = "\x00".join(stripped)
    if "  " in joined or "\t" in joined or "\f" in joined:
        return [_SPACES.sub(" ", cell) for cell in stripped]
    return stripped


def _keeps_specials(row: str, count: int) -> bool:
    """The ``count`` cells joined by NULs in ``row`` hold no markup ``clean`` changes: each ``&`` stands before a
    space (``Strengths & Needs``), each ``<`` starts no HTML (``<1 year old``), and nothing else is markup, a
    break, a line end, a tab or a form feed (a cell with those is read by markdown-it, which may see more), nor
    is any NUL a cell's own."""
    return not (
        "*" in row
        or "_" in row
        or "`" in row
        or "[" in row
        or "~" in row
        or "\\" in row
        or "\x0b" in row
        or "\u2028" in row
        or "\u2029" in row
        or "\t" in row
        or "\f" in row
        or "\n" in row
        or "\r" in row
        or _HTML_START.search(row)
        or row.count("\x00") != count - 1
        or row.count("&") != row.count("& ")
    )


def clean(raw: str) -> str:
    """Cell text as a reader sees it: markup removed, in-cell line breaks kept as newlines, spaces folded."""
    if not _has_special(raw):
        text = raw.strip()
        return text if "  " not in text and "\t" not in text and "\f" not in text else _SPACES.sub(" ", text)
    if "<b" not in raw and "<B" not in raw and "\x0b" not in raw and "\u2028" not in raw and "\u2029" not in raw:
        return _fold(_plain(raw))  # no in-cell break
    parts = [_fold(_plain(part)) for part in _BREAKS.split(raw)]
    return "\n".join(part for part in parts if part)


def _fold(text: str) -> str:
    text = text.replace("\n", " ")
    if "  " in text or "\t" in text or "\f" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _plain(text: str) -> str:
    if not _has_markdown(text):
        if text.count("&") == text.count("& "):
            return text  # no entity: each & stands before a space
        import html

        return html.unescape(text)
    simple = _simple(text)
    return simple if simple is not None else _markdown_plain(text)


def _simple(text: str) -> str | None:
    """What ``_markdown_plain`` gives, for the common cell it can be had without markdown-it: ``<`` that starts no
    HTML (``<1 year old``), bare tags (``<u>``), ``**bold**``. None for any other markup."""
    if (
        "_" in text
        or "`" in text
        or "[" in text
        or "~" in text
        or "\\" in text
        or "\n" in text
        or "\r" in text
        or "\t" in text
        or "\f" in text
        or "\x00" in text
        or ("&" in text and _ENTITY.search(text))
    ):
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
            kept.append(text[last : tag.start()])
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
