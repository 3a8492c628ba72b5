"""A plan's RAG words and status words, for migration 11 (m11_judgements.py): parse/ratings.py, parse/vocab.py's
reading of a status cell, parse/status_words.py's words and parse/colours.py's fill words, as they were when migration
11 shipped, copied, with the statuses as the store holds them (``"open"``: a status cell left blank in the plan).

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from .m11_headers import Role, fold_header, header_role

STATUS_WORDS: dict[str, str] = {
    "completed": "completed",
    "complete": "completed",
    "done": "completed",
    "closed": "completed",
    "achieved": "completed",
    "implemented": "completed",
    "green": "in-progress",
    "blue": "completed",
    "fully implemented": "completed",
    "embedded": "completed",
    "business as usual": "completed",
    "bau": "completed",
    "action complete": "completed",
    "action completed": "completed",
    "met": "completed",
    "fully met": "completed",
    "g": "in-progress",
    "b": "completed",
    "a": "in-progress",
    "r": "open",
    "not met": "not-started",
    "in progress": "in-progress",
    "ongoing": "in-progress",
    "on track": "in-progress",
    "on target": "in-progress",
    "partially": "in-progress",
    "partially completed": "in-progress",
    "partially implemented": "in-progress",
    "partially complete": "in-progress",
    "amber": "in-progress",
    "in hand": "in-progress",
    "underway": "in-progress",
    "not started": "not-started",
    "not yet started": "not-started",
    "red": "open",
    "overdue": "overdue",
    "delayed": "overdue",
    "behind schedule": "overdue",
    "not accepted": "not-accepted",
    "not agreed": "not-accepted",
    "rejected": "not-accepted",
    "declined": "not-accepted",
    "not yet completed": "open",
    "not yet complete": "open",
    "not completed": "open",
    "not complete": "open",
    "incomplete": "open",
    "outstanding": "open",
    "open": "open",
}
"""Status cell (folded) -> status, the built-in words (parse/status_words.py)."""
WHOLE_CELL_ONLY = frozenset({"g", "a", "r", "b", "met"})
_PHRASES = tuple(sorted((word for word in STATUS_WORDS if word not in WHOLE_CELL_ONLY), key=len, reverse=True))
_TARGET = re.compile(r"by (?:the )?(?:end of |w/?c )?(?:\d|q\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")

RAG_STATUS = {"Blue": "completed", "Green": "in-progress", "Amber": "in-progress", "Red": "open"}
_LETTERS = {"b": "Blue", "g": "Green", "a": "Amber", "r": "Red"}
_COLOURS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue"}
MEANINGS = {
    "red": "Red",
    "amber": "Amber",
    "green": "Green",
    "blue": "Blue",
    "on track": "Green",
    "at risk": "Amber",
    "off track": "Red",
}
FILL_MARK = " (fill)"


def status(text: str) -> str | None:
    """The status of a cell: open when blank, None for a word the built-in words do not know."""
    word = fold_header(text)
    if not word:
        return "open"
    found = STATUS_WORDS.get(word)
    if found is not None:
        return found
    for phrase in _PHRASES:
        if word.startswith(phrase + " "):
            return _qualified(STATUS_WORDS[phrase], word[len(phrase) + 1 :])
    first, slash, _ = word.partition("/")
    if slash and first.strip():
        return status(first)
    return None


def _qualified(found: str, rest: str) -> str | None:
    """A status word and what the cell says after it (folded): see parse/vocab.py's ``_qualified`` of that day."""
    if rest in ("now complete", "now completed"):
        return "completed"
    if found != "completed":
        return found
    words = rest.split()
    if _TARGET.match(rest) or "not" in words:
        return None
    if "partially" in words or "partly" in words or "in part" in rest:
        return "in-progress"
    return found


def colour(status_text: str) -> tuple[str | None, str]:
    """The RAG colour a status cell states (``Green``; a fill's word, a colour word or a RAG letter) and what the
    cell says after it (folded); (None, "") when it states none."""
    if status_text.endswith(FILL_MARK):
        return MEANINGS.get(" ".join(status_text[: -len(FILL_MARK)].casefold().split())), ""
    folded = fold_header(status_text)
    if folded in _LETTERS:
        return _LETTERS[folded], ""
    first, _, rest = folded.replace("/", " / ").partition(" ")
    if first in _COLOURS:
        return _COLOURS[first], rest.strip(" /")
    return None, ""


def status_cells(extra: Iterable[tuple[str, str]]) -> list[str]:
    """The row's other cells that may state a status in words: those of its other status columns, and any other
    cell (not a date's) that is a status word and nothing else."""
    cells = []
    for header, cell in extra:
        role = header_role(header)
        if role is Role.STATUS or (role not in (Role.TARGET, Role.DONE) and fold_header(cell) in STATUS_WORDS):
            cells.append(cell)
    return cells


def rating(status_text: str, others: Iterable[str]) -> tuple[str | None, str | None]:
    """(the plan's RAG judgement as stored, e.g. ``green``; the status it gives) for a status cell and the row's
    other status cells; (None, None) when the cell states no RAG colour."""
    rag, rest = colour(status_text)
    if rag is None:
        return None, None
    if RAG_STATUS[rag] == "completed":
        return rag.lower(), "completed"
    said = _said(rest)
    for cell in others:
        said = said or _said(cell)
    return rag.lower(), said or RAG_STATUS[rag]


def _said(text: str) -> str | None:
    """What status words say beyond open (``not started``, ``overdue``, ``complete``); None for a colour."""
    if not text or colour(text)[0] is not None:
        return None
    found = status(text)
    return None if found in (None, "open") else found
