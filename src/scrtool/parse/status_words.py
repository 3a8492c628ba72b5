"""The words plans use for an action's status, folded, and the status each means (the config file adds its own)."""

from __future__ import annotations

import re

from ..model import Status

STATUS_WORDS: dict[str, Status] = {
    "completed": Status.COMPLETED,
    "complete": Status.COMPLETED,
    "done": Status.COMPLETED,
    "closed": Status.COMPLETED,
    "achieved": Status.COMPLETED,
    "implemented": Status.COMPLETED,
    "green": Status.IN_PROGRESS,
    "blue": Status.COMPLETED,
    "fully implemented": Status.COMPLETED,
    "embedded": Status.COMPLETED,
    "business as usual": Status.COMPLETED,
    "bau": Status.COMPLETED,
    "action complete": Status.COMPLETED,
    "action completed": Status.COMPLETED,
    "met": Status.COMPLETED,
    "fully met": Status.COMPLETED,
    "g": Status.IN_PROGRESS,
    "b": Status.COMPLETED,
    "a": Status.IN_PROGRESS,
    "r": Status.UNSPECIFIED,
    "not met": Status.NOT_STARTED,
    "in progress": Status.IN_PROGRESS,
    "ongoing": Status.IN_PROGRESS,
    "on track": Status.IN_PROGRESS,
    "on target": Status.IN_PROGRESS,
    "partially": Status.IN_PROGRESS,
    "partially completed": Status.IN_PROGRESS,
    "partially implemented": Status.IN_PROGRESS,
    "partially complete": Status.IN_PROGRESS,
    "amber": Status.IN_PROGRESS,
    "in hand": Status.IN_PROGRESS,
    "underway": Status.IN_PROGRESS,
    "under way": Status.IN_PROGRESS,
    "started": Status.IN_PROGRESS,
    "commenced": Status.IN_PROGRESS,
    "at risk": Status.IN_PROGRESS,
    "yet to start": Status.NOT_STARTED,
    "not commenced": Status.NOT_STARTED,
    "not yet commenced": Status.NOT_STARTED,
    "off track": Status.UNSPECIFIED,
    "not started": Status.NOT_STARTED,
    "not yet started": Status.NOT_STARTED,
    "red": Status.UNSPECIFIED,
    "overdue": Status.OVERDUE,
    "delayed": Status.OVERDUE,
    "behind schedule": Status.OVERDUE,
    "not accepted": Status.NOT_ACCEPTED,
    "not agreed": Status.NOT_ACCEPTED,
    "rejected": Status.NOT_ACCEPTED,
    "declined": Status.NOT_ACCEPTED,
    "not yet completed": Status.UNSPECIFIED,
    "not yet complete": Status.UNSPECIFIED,
    "not completed": Status.UNSPECIFIED,
    "not complete": Status.UNSPECIFIED,
    "incomplete": Status.UNSPECIFIED,
    "outstanding": Status.UNSPECIFIED,
    "open": Status.UNSPECIFIED,
}
"""Status cell (folded) -> normalised status. RAG colours are ratings, not completion (parse/ratings.py): BRAG blue
completed, green and amber in progress, red open (also as their letters, ``G``, ``A``, ``R``, ``B``). A cell may go
on after the word (``Completed - March 2012``); a cell of two words joined by ``/`` (``Amber/Green``,
``Ongoing/BAU``) reads as its first."""

MARKS: dict[str, Status] = {
    "\u2713": Status.COMPLETED,
    "\u2714": Status.COMPLETED,
    "\u2611": Status.COMPLETED,
    "\u2705": Status.COMPLETED,
    "\u2717": Status.UNSPECIFIED,
    "\u2718": Status.UNSPECIFIED,
    "\u2612": Status.UNSPECIFIED,
    "\u274c": Status.UNSPECIFIED,
}
"""A status cell that is a tick (``✓``, ``✔``, ``☑``, ``✅``: completed) or a cross (``✗``, ``✘``, ``☒``, ``❌``: not
completed, nothing more stated), the whole cell; they fold to nothing, so were read as a blank cell."""

YES_NO: dict[str, Status] = {
    "yes": Status.COMPLETED,
    "y": Status.COMPLETED,
    "no": Status.UNSPECIFIED,
    "n": Status.UNSPECIFIED,
}
"""A completion column's cell (``Completed`` / ``Complete?`` ``Yes`` or ``No``), the whole cell: only there is it a
status."""

WHOLE_CELL_ONLY = frozenset({"g", "a", "r", "b", "met"})
"""Status words read only as the whole cell: ``A review is planned`` and ``Met with the school`` are not statuses."""

_AWAITED = (
    "evidence|sign off|signed off|signing off|audit|audited|assurance|verification|verified|approval|approved"
    "|ratification|ratified|embedding|embedded|confirmation|confirmed|testing|tested"
)
AWAITING = re.compile(
    r"\b(?:awaiting|awaited|await|pending|subject to|yet to|not yet|but not|to follow|tbc"
    rf"|to be (?:{_AWAITED}|signed|evidenced|agreed|submitted|provided|received)"
    rf"|(?:{_AWAITED}) (?:is |still |now )?(?:required|needed|outstanding|requested|due|missing|not (?:yet )?\w+))\b"
)
"""What, after a word of completion (folded), says the completion is not yet evidenced, signed off, audited or
embedded: ``Complete - evidence awaited``, ``Completed (awaiting sign-off)``, ``Complete subject to audit``,
``Completed but not yet embedded``. A board closes an action on evidence: such a cell is in progress, kept as
written. A date or a name after the word (``Completed - March 2012``, ``Completed - signed off by the board``) is
not a qualifier."""


def awaits_evidence(rest: str) -> bool:
    """Whether what a cell says after a word of completion (folded) qualifies it as awaiting evidence (``AWAITING``)."""
    return AWAITING.search(rest) is not None
