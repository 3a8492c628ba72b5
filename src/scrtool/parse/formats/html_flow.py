"""An HTML page's flow of text: headings, paragraphs, list items with their numbers and bold runs, as lines, with
the page's chrome (navigation, banners, cookie notices, hidden text) left out."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from ..tables import Block, plain
from .html_tree import BLOCKS, Node, Piece

_CHROME = frozenset(
    {
        "nav",
        "aside",
        "form",
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "iframe",
        "button",
        "select",
        "textarea",
        "head",
        "dialog",
        "object",
        "canvas",
        "map",
        "menu",
        "input",
        "label",
    }
)
_CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "dialog", "alertdialog", "menu", "menubar"}
)
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|breadcrumbs?|skip-?link|navbar|menu|sidebar|"
    r"site-?(?:header|footer|nav))(?:$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}


def _chrome(node: Node, inside_main: bool) -> bool:
    """Site chrome, or hidden: not part of the page's content."""
    attrs = node.attrs
    if node.tag in _CHROME or (node.tag in ("header", "footer") and not inside_main):
        return True
    if not attrs:
        return False
    if concealed(attrs):
        return True
    if attrs.get("role", "").lower() in _CHROME_ROLES:
        return True
    named = _CHROME_NAMES.search(f"{attrs.get('id', '')} {attrs.get('class', '')}")
    return named is not None and not node.has("table")  # a wrapper ``has-sidebar`` around the plan is not chrome


def concealed(attrs: dict[str, str]) -> bool:
    """The element is hidden from a reader: ``hidden`` (see ``_hidden``), ``aria-hidden``, ``display: none``."""
    return _hidden(attrs) or attrs.get("aria-hidden") == "true" or _HIDDEN.search(attrs.get("style", "")) is not None


def _hidden(attrs: dict[str, str]) -> bool:
    """The ``hidden`` attribute, but for content a reader opens in place: ``hidden="until-found"`` (a collapsed
    accordion's section, GOV.UK's among them) and a tab's panel (``role="tabpanel"``)."""
    if "hidden" not in attrs:
        return False
    return (attrs["hidden"] or "").strip().lower() != "until-found" and attrs.get("role", "").lower() != "tabpanel"


class _Lines:
    """Text read in document order, cut into lines at blocks and ``<br>``: each line's text, the source line it
    starts on, and whether all of it is bold."""

    def __init__(self) -> None:
        self.pieces: list[tuple[int, str, bool]] = []
        self.prefix = ""

    def add(self, line: int, text: str, bold: bool) -> None:
        self.pieces.append((line, text, bold))

    def take(self) -> list[tuple[int, str, bool]]:
        """The lines read since the last take, each cleaned (blank ones dropped)."""
        if not self.pieces:
            self.prefix = ""
            return []
        lines: list[tuple[int, str, bool]] = []
        current: list[tuple[int, str, bool]] = []
        for piece in [*self.pieces, (0, "\n", False)]:
            if piece[1] != "\n":
                current.append(piece)
                continue
            text = plain("".join(text for _, text, _ in current))
            if text:
                filled = [(line, bold) for line, part, bold in current if part.strip()]
                lines.append((filled[0][0], text, all(bold for _, bold in filled)))
            current = []
        if lines and self.prefix:
            line, text, bold = lines[0]
            lines[0] = (line, f"{self.prefix} {text}", bold)
        self.pieces, self.prefix = [], ""
        return lines


class Flow:
    """Walks content in order: text into lines (``emit`` is given each block's lines and its heading level),
    tables to ``on_table``."""

    def __init__(
        self, emit: Callable[[list[tuple[int, str, bool]], int], None], on_table: Callable[[Node], Iterator[Block]]
    ) -> None:
        self.emit = emit
        self.on_table = on_table
        self.lines = _Lines()
        self.lists: list[list[int | str]] = []  # open lists: [next number, type] ("" type: bullets)
        self.hidden: list[int] = []  # the lines of hidden elements holding a table

    def flush(self, level: int = 0) -> None:
        taken = self.lines.take()
        if taken:
            self.emit(taken, level)

    def walk(self, node: Node, bold: bool = False, main: bool = False, pre: bool = False) -> Iterator[Block]:
        for child in node.children:
            if isinstance(child, Piece):
                text = child.text if pre else re.sub(r"[\r\n\t]+", " ", child.text)
                for i, part in enumerate(text.split("\n")):
                    if i:
                        self.lines.add(child.line, "\n", bold)
                    self.lines.add(child.line, part, bold)
                continue
            yield from self._element(child, bold, main, pre)

    def _element(self, node: Node, bold: bool, main: bool, pre: bool) -> Iterator[Block]:
        tag = node.tag
        if _chrome(node, main):
            if node.attrs and concealed(node.attrs) and (tag == "table" or node.has("table")):
                self.hidden.append(node.line)  # said: a hidden table may be a plan's
            return
        if tag == "br":
            self.lines.add(node.line, "\n", bold)
            return
        if tag == "table":
            self.flush()
            yield from self.on_table(node)
            return
        main = main or tag in ("main", "article")
        bold = bold or tag in ("b", "strong")
        if tag not in BLOCKS and tag not in ("ol", "ul"):
            yield from self.walk(node, bold, main, pre)
            return
        self.flush()
        if tag in ("ol", "ul"):
            self.lists.append(_list_state(node))
            yield from self.walk(node, bold, main, pre)
            self.flush()
            self.lists.pop()
            return
        if tag == "li":
            self.lines.prefix = self._item_label(node)
        yield from self.walk(node, bold, main, pre or tag == "pre")
        self.flush(_HEADINGS.get(tag, 0))

    def _item_label(self, item: Node) -> str:
        if not self.lists:
            return "\u2022"
        state = self.lists[-1]
        if not state[1]:
            return "\u2022"
        value = item.attrs.get("value", "")
        number = int(value) if value.lstrip("-").isdecimal() else int(state[0])
        state[0] = number + 1
        return f"{_numeral(number, str(state[1]))}."


def _list_state(node: Node) -> list[int | str]:
    start = node.attrs.get("start", "1")
    kind = (node.attrs.get("type") or "1") if node.tag == "ol" else ""
    return [int(start) if start.lstrip("-").isdecimal() else 1, kind]


def _numeral(number: int, kind: str) -> str:
    if kind in ("a", "A") and number > 0:
        letters = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letters.upper() if kind == "A" else letters
    if kind in ("i", "I") and 0 < number < 4000:
        roman = ""
        for value, letters in (
            (1000, "m"),
            (900, "cm"),
            (500, "d"),
            (400, "cd"),
            (100, "c"),
            (90, "xc"),
            (50, "l"),
            (40, "xl"),
            (10, "x"),
            (9, "ix"),
            (5, "v"),
            (4, "iv"),
            (1, "i"),
        ):
            while number >= value:
                roman, number = roman + letters, number - value
        return roman.upper() if kind == "I" else roman
    return str(number)
