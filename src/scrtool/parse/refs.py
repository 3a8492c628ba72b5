"""A cross-reference cell (``Actions: 4,9,10``, ``Action 2``, ``1-3``, ``1.2``, ``See action 2``, ``TVP Action 4``,
``Action 1, Action 3``, ``Actions: 2, 5, and 7``) -> action numbers, or prose."""

from __future__ import annotations

import re
import string

from ..model import NOT_CODES, coded_number

_NUM = rf"(?:(?-i:(?!(?:{'|'.join(sorted(NOT_CODES))})\s?\d)[A-Z]{{1,4}})\s?)?\d+(?:\.\d{{1,3}})*[a-z]?"
"""A number, maybe after its agency's code in capitals (``P1``, ``CSC 3``: ``model.coded_number``)."""
_ITEM = rf"{_NUM}(?:\s*(?:-|to)\s*{_NUM})?"
_SEP = r"(?:\s*(?:[,;](?:\s*(?:and\b|&))?|&|/|\band\b)\s*|\s+)"  # , ; & / and (``, and``, ``, &``) or a space
_AGENCY = r"(?:(?-i:(?P<agency>[A-Z]{2,6}))\s+|imr\s+)?"  # ``TVP Action 4``: an agency's short name, in capitals
_TAIL = r"(?:\s+(?:nos?|numbers?))?(?:\.\s*[:.]|\s*[:.])?\s*"  # `` No. ``, ``: ``, each read one way only
_WORD = rf"(?P<word>action|rec(?:ommendation)?|item)s?{_TAIL}"
_AGAIN = rf"(?:(?:(?-i:(?P=agency))\s+)?(?P=word)s?{_TAIL})?"  # the same words again: ``Action 1, Action 3``
_LIST = re.compile(
    rf"^(?:(?:see(?:\s+also)?|refer\s+to)\s+)?(?:{_AGENCY}{_WORD})?"
    rf"(?P<items>{_ITEM}(?:{_SEP}{_AGAIN}{_ITEM})*)\s*\.?$",
    re.IGNORECASE,
)
_ITEM_RE = re.compile(rf"(?P<a>{_NUM})(?:\s*(?:-|to)\s*(?P<b>{_NUM}))?", re.IGNORECASE)
_DASHES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-", "\xa0": " "}
)
MAX_RANGE = 200
_RANGE_DIGITS = 4000
"""Numbers have no size limit, but int() takes at most 4,300 digits: a range with a longer end is cited as its two
ends."""


def parse_refs(cell: str) -> tuple[str, ...] | None:
    """The action numbers a cell cites, in order, or None when the cell is prose."""
    listed = _comma_list(cell)
    return listed if listed is not None else _read_refs(cell)


def _read_refs(cell: str) -> tuple[str, ...] | None:
    """``parse_refs`` in full: the numbers after ``See``/``Refer to``, an agency's short name and ``Action``/``Rec``/
    ``Item`` (and ``No.``), split by commas, ``;``, ``&``, ``/``, ``and`` or line breaks, each maybe after the same
    word again (``Action 1, Action 3``, one a line); ranges expanded."""
    text = (cell if cell.isascii() else cell.translate(_DASHES)).strip()  # every dash it reads is non-ASCII
    match = _LIST.match(text)
    if not match:
        return None
    refs: list[str] = []
    for first, last in _ITEM_RE.findall(match.group("items")):
        if last:
            refs.extend(_expand(first, last))
        else:
            refs.append(_number(first))
    return tuple(dict.fromkeys(refs))  # each number once, where it first appears


_PREFIXES = ("actions:", "action:", "actions ", "action ")


def _comma_list(cell: str) -> tuple[str, ...] | None:
    """``parse_refs`` of the common cell, without the regular expressions: ``Actions: 4, 9, 10``, ``Action 2``,
    ``4,9``: numbers (of ``_NUM``'s shape, no letter) split by commas, after ``Action``/``Actions`` and a colon or a
    space, or nothing. None for any other cell, which ``parse_refs`` reads in full."""
    text = cell.strip()
    if not text.isascii():
        return None
    head = text[:8].lower()
    for prefix in _PREFIXES:
        if head.startswith(prefix):
            text = text[len(prefix) :]
            break
    refs: list[str] = []
    for part in text.split(","):
        number = part.strip()
        first, *rest = number.split(".")
        if not (first.isdecimal() and all(piece.isdecimal() and len(piece) <= 3 for piece in rest)):
            return None
        refs.append(number)
    return tuple(dict.fromkeys(refs))


def _number(cited: str) -> str:
    """A cited number as actions are numbered: ``4A`` -> ``4a``, ``CSC 3`` -> ``CSC3``."""
    return coded_number(cited) or cited.lower()


def _expand(first: str, last: str) -> list[str]:
    """A range (``3-5``, ``1.2 to 1.4``, ``P1-P3``, ``P1-3``) -> its numbers; its two ends when it is not a range of
    one series."""
    first = _number(first)
    code = first[: len(first) - len(first.lstrip(string.ascii_uppercase))]
    last = _number(last if last[:1].isupper() else code + last)
    head_a, _, tail_a = first.removeprefix(code).rpartition(".")
    head_b, _, tail_b = last.removeprefix(code).rpartition(".")
    if (
        last.startswith(code)
        and head_a == head_b
        and tail_a.isdigit()
        and tail_b.isdigit()
        and max(len(tail_a), len(tail_b)) <= _RANGE_DIGITS
    ):
        low, high = int(tail_a), int(tail_b)
        if low <= high and high - low <= MAX_RANGE:
            prefix = f"{code}{head_a}." if head_a else code
            return [f"{prefix}{n}" for n in range(low, high + 1)]
    return [first, last]
