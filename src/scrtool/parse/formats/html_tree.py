"""A web page's HTML -> a light tree of elements and text, each with its source line (Python's ``html.parser``).

Browsers close many elements by themselves (a ``<td>`` at the next ``<td>``, a ``<p>`` at the next block, an
``<li>`` at the next item); this builder closes them the same way for the elements a plan's page uses, so a page
written loosely gives the same tree as one written strictly. Entities and ``&nbsp;`` are decoded by the parser.
The ``<title>``'s text is kept apart. Only ``html.py`` uses this module.
"""

from __future__ import annotations

from html.parser import HTMLParser
from typing import NamedTuple

VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    }
)
BLOCKS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "td",
        "th",
        "tr",
        "ul",
        "html",
    }
)
"""Elements that start a line of their own."""
_CELL_SCOPE = frozenset({"table", "td", "th"})
_TABLE_PARTS = {
    "td": ("td", "th"),
    "th": ("td", "th"),
    "tr": ("td", "th", "tr"),
    "thead": ("td", "th", "tr", "thead", "tbody", "tfoot"),
    "tbody": ("td", "th", "tr", "thead", "tbody", "tfoot"),
    "tfoot": ("td", "th", "tr", "thead", "tbody", "tfoot"),
}
"""A table part's start tag closes these when they are open in its table."""
_P_SCOPE = frozenset(
    {
        "td",
        "th",
        "li",
        "div",
        "table",
        "body",
        "section",
        "article",
        "main",
        "blockquote",
        "html",
        "dd",
        "header",
        "footer",
        "nav",
        "aside",
        "form",
    }
)


class Piece(NamedTuple):
    """Text between tags, entities decoded, and the source line it starts on."""

    line: int
    text: str


class Node:
    """An element: its tag, attributes, source line and children (elements and text)."""

    __slots__ = ("attrs", "children", "line", "tag")

    def __init__(self, tag: str, attrs: dict[str, str], line: int) -> None:
        self.tag = tag
        self.attrs = attrs
        self.line = line
        self.children: list[Node | Piece] = []

    def elements(self) -> list[Node]:
        return [child for child in self.children if isinstance(child, Node)]

    def has(self, tag: str) -> bool:
        """An element of ``tag`` is somewhere under this one."""
        return any(child.tag == tag or child.has(tag) for child in self.children if isinstance(child, Node))


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root", {}, 1)
        self.stack = [self.root]
        self.title: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag == "title":
            self.in_title = True
        self._close_implied(tag)
        node = Node(tag, {name: value or "" for name, value in attrs}, line)
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in VOID:
            return
        bound = () if tag == "table" else ("table",) if tag in _TABLE_PARTS else _CELL_SCOPE
        at = self._open(tag, bound)
        if at is not None:
            del self.stack[at:]

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title.append(data)
        self.stack[-1].children.append(Piece(self.getpos()[0], data))

    def _open(self, tag: str | tuple[str, ...], bound: frozenset[str] | tuple[str, ...]) -> int | None:
        """Where the nearest open element of ``tag`` is in the stack, not looking past one of ``bound``."""
        tags = (tag,) if isinstance(tag, str) else tag
        for at in range(len(self.stack) - 1, 0, -1):
            name = self.stack[at].tag
            if name in tags:
                return at
            if name in bound:
                return None
        return None

    def _outermost(self, tags: tuple[str, ...]) -> int | None:
        """Where the open element of ``tags`` nearest its table is (a new row closes the row, not just its cell)."""
        found = None
        for at in range(len(self.stack) - 1, 0, -1):
            name = self.stack[at].tag
            if name == "table":
                break
            if name in tags:
                found = at
        return found

    def _close_implied(self, tag: str) -> None:
        """Close what the start of ``tag`` closes in a browser: open cells and rows at a new cell, row or part of
        the table; an open item at a new item of the list; an open paragraph at a new block."""
        closes = _TABLE_PARTS.get(tag)
        if closes is not None:
            at = self._outermost(closes)
        elif tag == "li":
            at = self._open("li", ("ul", "ol", "table"))
        elif tag in ("dt", "dd"):
            at = self._open(("dt", "dd"), ("dl", "table"))
        elif tag in BLOCKS:
            at = self._open("p", _P_SCOPE)
        else:
            return
        if at is not None:
            del self.stack[at:]


def parse(text: str) -> tuple[Node, str]:
    """The page's tree and its ``<title>``'s text."""
    builder = _Builder()
    builder.feed(text)
    builder.close()
    return builder.root, " ".join("".join(builder.title).split())
