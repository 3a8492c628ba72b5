"""A plan's RAG words and fills: the judgement they record and the status they give (../shared/DECISIONS.md,
"Status and RAG"): the one home of that rule, for reading a plan and for re-reading a store made before it.

RAG words are ratings, not completion. Blue, or a colour the plan's key calls complete, makes the status
``completed``; Green and Amber ``in-progress``; Red ``open`` (not completed, nothing more stated): unless status
words in the row say more (``Red - not started``, a ``Progress`` column saying ``Overdue``). The colour is recorded
as the plan's RAG judgement (``green``); with no key, Green is on track, Amber at risk, Red off track, Blue complete.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import Status
from .colours import filled, rag_of
from .status_words import awaits_evidence
from .vocab import Role, Vocabulary, fold_header

RAG_STATUS = {
    "Blue": Status.COMPLETED,
    "Green": Status.IN_PROGRESS,
    "Amber": Status.IN_PROGRESS,
    "Red": Status.UNSPECIFIED,
}
"""What a RAG colour makes an action's status when nothing else in its row says more."""

_LETTERS = {"b": "Blue", "g": "Green", "a": "Amber", "r": "Red"}
_COLOURS = {"red": "Red", "amber": "Amber", "green": "Green", "blue": "Blue"}


def colour(status_text: str) -> tuple[str | None, str]:
    """The RAG colour a status cell states (``Green``; a fill's word, a colour word or a RAG letter) and what the
    cell says after it (folded); (None, "") when it states none."""
    word = filled(status_text)
    if word is not None:
        return rag_of(word), ""
    folded = fold_header(status_text)
    if folded in _LETTERS:
        return _LETTERS[folded], ""
    first, _, rest = folded.replace("/", " / ").partition(" ")
    if first in _COLOURS:
        return _COLOURS[first], rest.strip(" /")
    return None, ""


def status_cells(extra: Iterable[tuple[str, str]], vocabulary: Vocabulary) -> list[str]:
    """The row's other cells that may state a status in words: those of its other status columns (a ``Progress``
    beside its ``RAG``), and any other cell (not a date's) that is a status word and nothing else (an ``Update``
    cell ``Not started``)."""
    cells = []
    for header, cell in extra:
        role = vocabulary.header_role(header)
        if role is Role.STATUS or (role not in (Role.TARGET, Role.DONE) and fold_header(cell) in vocabulary.statuses):
            cells.append(cell)
    return cells


def rating(status_text: str, others: Iterable[str], vocabulary: Vocabulary) -> tuple[str | None, Status | None]:
    """(the plan's RAG judgement as stored, e.g. ``green``; the status it gives) for a status cell and the row's
    other status cells; (None, None) when the cell states no RAG colour."""
    rag, rest = colour(status_text)
    if rag is None:
        return None, None
    others = list(others)
    if RAG_STATUS[rag] is Status.COMPLETED:  # ``Blue - awaiting sign-off``, or beside ``Complete - evidence awaited``
        waiting = awaits_evidence(rest) or any(awaits_evidence(fold_header(cell)) for cell in others)
        return rag.lower(), Status.IN_PROGRESS if waiting else Status.COMPLETED
    said = _said(rest, vocabulary)
    for cell in others:
        said = said or _said(cell, vocabulary)
    return rag.lower(), said or RAG_STATUS[rag]


def _said(text: str, vocabulary: Vocabulary) -> Status | None:
    """What status words say beyond open (``not started``, ``overdue``, ``complete``); None for a colour."""
    if not text or colour(text)[0] is not None:
        return None
    found = vocabulary.status(text)
    return None if found in (None, Status.UNSPECIFIED) else found
