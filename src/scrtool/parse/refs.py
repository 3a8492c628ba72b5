"""A cross-reference cell (``Actions: 4,9,10``, ``Action 2``, ``1-3``, ``1.2``) -> action numbers, or prose."""

from __future__ import annotations

import re

_NUM = r"\d{1,4}(?:\.\d{1,3})*[a-z]?"
_ITEM = rf"{_NUM}(?:\s*(?:-|to)\s*{_NUM})?"
_SEP = r"\s*(?:,|;|&|/|\band\b|\s)\s*"
_LIST = re.compile(
    rf"^(?:(?:imr\s+)?(?:actions?|recs?|recommendations?|items?)(?:\s+(?:nos?|numbers?))?\.?\s*[:.]?\s*)?"
    rf"(?P<items>{_ITEM}(?:{_SEP}{_ITEM})*)\s*\.?$",
    re.IGNORECASE,
)
_ITEM_RE = re.compile(rf"(?P<a>{_NUM})(?:\s*(?:-|to)\s*(?P<b>{_NUM}))?", re.IGNORECASE)
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
                         "\u2212": "-", "\xa0": " "})
MAX_RANGE = 200


def parse_refs(cell: str) -> tuple[str, ...] | None:
    """The action numbers a cell cites, in order, or None when the cell is prose."""
    text = (cell if cell.isascii() else cell.translate(_DASHES)).strip()  # every dash it reads is non-ASCII
    match = _LIST.match(text)
    if not match:
        return None
    refs: list[str] = []
    for item in _ITEM_RE.finditer(match.group("items")):
        for ref in _expand(item.group("a"), item.group("b")):
            if ref not in refs:
                refs.append(ref)
    return tuple(refs)


def _expand(first: str, last: str | None) -> list[str]:
    if last is None:
        return [first.lower()]
    head_a, _, tail_a = first.rpartition(".")
    head_b, _, tail_b = last.rpartition(".")
    if head_a == head_b and tail_a.isdigit() and tail_b.isdigit():
        low, high = int(tail_a), int(tail_b)
        if low <= high and high - low <= MAX_RANGE:
            prefix = f"{head_a}." if head_a else ""
            return [f"{prefix}{n}" for n in range(low, high + 1)]
    return [first.lower(), last.lower()]
