"""The words plans use: column headers by role, status words, response markers. Data only."""

from __future__ import annotations

import re
from enum import StrEnum

from ..model import Status
from ..names import fold


class Role(StrEnum):
    """What a table column holds."""

    NUMBER = "number"
    TEXT = "text"
    AGENCY = "agency"
    XREF = "xref"
    OUTCOME = "outcome"
    STATUS = "status"
    LEAD = "lead"
    EXTRA = "extra"


HEADER_WORDS: dict[str, Role] = {
    # number
    "rec no": Role.NUMBER, "rec": Role.NUMBER, "no": Role.NUMBER, "#": Role.NUMBER, "ref": Role.NUMBER,
    "number": Role.NUMBER, "action no": Role.NUMBER, "action number": Role.NUMBER, "rec number": Role.NUMBER,
    "recommendation no": Role.NUMBER, "recommendation number": Role.NUMBER, "mps numbering": Role.NUMBER,
    "ref no": Role.NUMBER, "reference": Role.NUMBER, "item": Role.NUMBER,
    # text
    "recommendation": Role.TEXT, "recommendations": Role.TEXT, "action": Role.TEXT, "actions": Role.TEXT,
    "action to take": Role.TEXT, "reminder of practice": Role.TEXT, "action to be taken": Role.TEXT,
    "actions to be taken": Role.TEXT, "action required": Role.TEXT,
    # agency
    "agency": Role.AGENCY, "imr agency": Role.AGENCY, "lead agency": Role.AGENCY,
    "lead organisation": Role.AGENCY, "lead organization": Role.AGENCY, "addressed to": Role.AGENCY,
    "owner": Role.AGENCY, "responsible": Role.AGENCY, "organisation": Role.AGENCY,
    "responsible agency": Role.AGENCY, "lead": Role.AGENCY,
    # cross-reference into the agencies' tables
    "imr action no": Role.XREF, "imr action": Role.XREF, "imr action number": Role.XREF,
    "agency action no": Role.XREF,
    # outcome
    "projected outcome": Role.OUTCOME, "outcome": Role.OUTCOME, "expected outcome": Role.OUTCOME,
    "key milestones": Role.OUTCOME, "intended outcome": Role.OUTCOME, "desired outcome": Role.OUTCOME,
    # status
    "status": Role.STATUS, "rag": Role.STATUS, "rag status": Role.STATUS, "progress": Role.STATUS,
    "current position": Role.STATUS, "progress status": Role.STATUS,
}
"""Header cell (folded, see ``fold_header``) -> the role of its column."""

NUMBER_HEADERS_THAT_MAY_BE_XREF = frozenset({"action no", "action number"})
"""A second number column headed so, beside an agency column, cites actions rather than numbering rows."""

REMINDER_WORDS = ("reminder",)
"""A text header containing one of these starts a section of reminders of practice."""

RESPONSE_MARKERS = ("overview recommendation", "overview report", "overview", "scr recommendation",
                    "overview rec")
"""A first cell starting with one of these marks a row answering an overview recommendation."""

STATUS_WORDS: dict[str, Status] = {
    "completed": Status.COMPLETED, "complete": Status.COMPLETED, "done": Status.COMPLETED,
    "closed": Status.COMPLETED, "achieved": Status.COMPLETED, "implemented": Status.COMPLETED,
    "in progress": Status.IN_PROGRESS, "ongoing": Status.IN_PROGRESS, "on track": Status.IN_PROGRESS,
    "on target": Status.IN_PROGRESS, "partially": Status.IN_PROGRESS, "partially completed": Status.IN_PROGRESS,
    "not started": Status.NOT_STARTED, "not yet started": Status.NOT_STARTED,
}
"""Status cell (folded) -> normalised status; anything else is ``open``."""

_PHRASES_LONGEST_FIRST = sorted(STATUS_WORDS, key=len, reverse=True)
_PUNCT = re.compile(r"[^\w#/&' ]+")
_SPACE = re.compile(r"\s+")


def fold_header(text: str) -> str:
    """A header cell reduced to the words that name its role (``Rec No.`` -> ``rec no``)."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


def header_role(text: str) -> Role | None:
    return HEADER_WORDS.get(fold_header(text))


def normalise_status(text: str) -> Status:
    word = fold_header(text)
    if not word:
        return Status.OPEN
    found = STATUS_WORDS.get(word)
    if found is not None:
        return found
    for phrase in _PHRASES_LONGEST_FIRST:
        if word.startswith(phrase + " "):
            return STATUS_WORDS[phrase]
    return Status.OPEN


def is_response_marker(text: str) -> bool:
    folded = fold_header(text)
    return bool(folded) and folded.startswith(RESPONSE_MARKERS)
