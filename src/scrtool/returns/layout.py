"""The shape of a return workbook: its sheet, its columns (found by their headers, never by position), the
instructions above them and the hidden record of what was issued."""

from __future__ import annotations

import functools
import hashlib
from datetime import date, datetime

from ..model import Status

SHEET = "Return"
RECORD_SHEET = "scrtool"
"""The veryHidden sheet holding what the workbook was issued from (a person never sees it; Excel cannot unhide it
from its menus)."""
RECORD_MARK = "scrtool return v1"

REF = "Ref"
CONTEXT = (REF, "Recommendation", "Action", "Outcome", "Current status", "Current RAG", "Due", "Last update")
"""Read-only columns: the action as the store had it when the return was issued."""
NEW_STATUS, RAG, NOTE, EVIDENCE, REVISED, REASON, BY, ON = (
    "New status",
    "RAG",
    "Progress note",
    "Evidence",
    "Revised target date",
    "Reason for new date",
    "Updated by",
    "Updated on",
)
ANSWERS = (NEW_STATUS, RAG, NOTE, EVIDENCE, REVISED, REASON, BY, ON)
"""The columns the agency fills."""
DATE_COLUMNS = frozenset({"Due", "Last update", REVISED, ON})
HEADER_ROW = 7
"""The header's row in an issued workbook (the reader finds it by its cells, wherever it is)."""

STATUSES = tuple(s.value for s in Status if s is not Status.NOT_RECORDED)
"""What ``New status`` offers: every status an update may record."""
RAGS = ("red", "amber", "green", "blue")
"""What ``RAG`` offers: the agency's own judgement (blue: complete)."""

INSTRUCTIONS = (
    "Fill the columns headed New status to Updated on for each action you report on; leave a row blank to report "
    "nothing on it.",
    "New status and RAG: pick from the list. Dates: a date cell (or 31/03/2027). A Revised target date needs a "
    "Reason for new date. Updated on: the day the update took effect (blank: the day the return is applied).",
    "Do not change the grey columns or the Ref: they say which action a row answers. Sorting and filtering rows is "
    "fine. Save the workbook and send it back.",
)


def header_key(text: object) -> str:
    """A header cell as matched: spacing and case folded (a re-saved workbook may change neither, but a person
    may retype one)."""
    return " ".join(str(text).split()).casefold() if text is not None else ""


def normal(value: object) -> str:
    """A cell as compared with what was issued: a date (or date and time) as its ISO day, a whole number without
    ``.0``, text with its spacing folded, nothing as ``""`` (a re-saved workbook may change a cell's type, not
    what it says)."""
    if type(value) is str:
        return " ".join(value.split())
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def digest(values: list[object]) -> str:
    """What the hidden record keeps of a row's context cells (after Ref): 8 hex digits each, in order."""
    return "".join(_digest(normal(v)) for v in values)


@functools.lru_cache(maxsize=1 << 16)
def _digest(text: str) -> str:
    """One cell's 8 hex digits (remembered: a return's rows repeat their recommendation, outcome, status, RAG and
    dates, and issuing and applying a cycle's returns digest the same cells)."""
    return hashlib.blake2s(text.encode(), digest_size=4).hexdigest()
