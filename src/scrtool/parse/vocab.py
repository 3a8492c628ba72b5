"""The words plans use: column headers by role, status words, response markers. Data, extendable by config."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from types import MappingProxyType

from ..model import Status
from ..names import fold
from .status_words import MARKS, STATUS_WORDS, WHOLE_CELL_ONLY, awaits_evidence


class Role(StrEnum):
    """What a table column holds."""

    NUMBER = "number"
    """Numbers the rows (a recommendation's or an action's number, by the table's layout)."""
    REC_NUMBER = "rec-number"
    ACTION_NUMBER = "action-number"
    TEXT = "text"
    """The recommendation's or action's text, by the table's layout."""
    REC_TEXT = "recommendation"
    ACTION_TEXT = "action"
    AGENCY = "agency"
    XREF = "xref"
    """Cites the agencies' action numbers (``Actions: 4,9,10``)."""
    OUTCOME = "outcome"
    STATUS = "status"
    TARGET = "target-date"
    DONE = "completion-date"
    EVIDENCE = "evidence"
    LEAD = "lead"
    """The first column of an agency's own table (its header cell names the agency)."""
    EXTRA = "extra"


CONFIG_ROLES = frozenset(Role) - {Role.NUMBER, Role.TEXT, Role.LEAD, Role.EXTRA}
"""Roles a user may give a header word in the config file."""

HEADER_WORDS: dict[str, Role] = {
    "no": Role.NUMBER,
    "#": Role.NUMBER,
    "ref": Role.NUMBER,
    "number": Role.NUMBER,
    "ref no": Role.NUMBER,
    "reference": Role.NUMBER,
    "item": Role.NUMBER,
    "mps numbering": Role.NUMBER,
    "numbering": Role.NUMBER,
    "rec no": Role.REC_NUMBER,
    "rec": Role.REC_NUMBER,
    "rec number": Role.REC_NUMBER,
    "rec ref": Role.REC_NUMBER,
    "recommendation no": Role.REC_NUMBER,
    "recommendation number": Role.REC_NUMBER,
    "recommendation ref": Role.REC_NUMBER,
    "action no": Role.ACTION_NUMBER,
    "action number": Role.ACTION_NUMBER,
    "action ref": Role.ACTION_NUMBER,
    "recommendation": Role.REC_TEXT,
    "recommendations": Role.REC_TEXT,
    "reminder of practice": Role.REC_TEXT,
    "finding": Role.REC_TEXT,
    "learning": Role.REC_TEXT,
    "action": Role.ACTION_TEXT,
    "actions": Role.ACTION_TEXT,
    "action to take": Role.ACTION_TEXT,
    "action to be taken": Role.ACTION_TEXT,
    "actions to be taken": Role.ACTION_TEXT,
    "action required": Role.ACTION_TEXT,
    "agreed action": Role.ACTION_TEXT,
    "agreed actions": Role.ACTION_TEXT,
    "agency": Role.AGENCY,
    "imr agency": Role.AGENCY,
    "lead agency": Role.AGENCY,
    "lead organisation": Role.AGENCY,
    "lead organization": Role.AGENCY,
    "addressed to": Role.AGENCY,
    "owner": Role.AGENCY,
    "responsible": Role.AGENCY,
    "organisation": Role.AGENCY,
    "responsible agency": Role.AGENCY,
    "lead": Role.AGENCY,
    "by whom": Role.AGENCY,
    "who": Role.AGENCY,
    "partner": Role.AGENCY,
    "partners": Role.AGENCY,
    "partner agency": Role.AGENCY,
    "lead partner": Role.AGENCY,
    "led by": Role.AGENCY,
    "service": Role.AGENCY,
    "agency responsible": Role.AGENCY,
    "what": Role.ACTION_TEXT,
    "what we will do": Role.ACTION_TEXT,
    "what will we do": Role.ACTION_TEXT,
    "what we are going to do": Role.ACTION_TEXT,
    "what we will do about it": Role.ACTION_TEXT,
    "what we have done": Role.EVIDENCE,
    "when": Role.TARGET,
    "action taken": Role.EVIDENCE,
    "actions taken": Role.EVIDENCE,
    "action taken to date": Role.EVIDENCE,
    "actions taken to date": Role.EVIDENCE,
    "imr action no": Role.XREF,
    "imr action": Role.XREF,
    "imr action number": Role.XREF,
    "agency action no": Role.XREF,
    "imr action nos": Role.XREF,
    "agency actions": Role.XREF,
    "related actions": Role.XREF,
    "imr actions": Role.XREF,
    "agency action nos": Role.XREF,
    "projected outcome": Role.OUTCOME,
    "outcome": Role.OUTCOME,
    "expected outcome": Role.OUTCOME,
    "key milestones": Role.OUTCOME,
    "intended outcome": Role.OUTCOME,
    "desired outcome": Role.OUTCOME,
    "outcome required": Role.OUTCOME,
    "key milestones achieved": Role.OUTCOME,
    "key milestones achieved in enacting recommendation": Role.OUTCOME,
    "success criteria": Role.OUTCOME,
    "measure of success": Role.OUTCOME,
    "status": Role.STATUS,
    "rag": Role.STATUS,
    "rag status": Role.STATUS,
    "progress": Role.STATUS,
    "current position": Role.STATUS,
    "progress status": Role.STATUS,
    "progress update": Role.STATUS,
    "progress updates": Role.STATUS,
    "progress to date": Role.STATUS,
    "update on progress": Role.STATUS,
    "brag": Role.STATUS,
    "rag rating": Role.STATUS,
    "brag rating": Role.STATUS,
    "current status": Role.STATUS,
    "target date": Role.TARGET,
    "timescale": Role.TARGET,
    "timescales": Role.TARGET,
    "deadline": Role.TARGET,
    "by when": Role.TARGET,
    "target": Role.TARGET,
    "due date": Role.TARGET,
    "target completion date": Role.TARGET,
    "due": Role.TARGET,
    "due by": Role.TARGET,
    "date due": Role.TARGET,
    "timeframe": Role.TARGET,
    "time frame": Role.TARGET,
    "time scale": Role.TARGET,
    "target completion": Role.TARGET,
    "date of completion": Role.DONE,
    "date completed": Role.DONE,
    "completion date": Role.DONE,
    "completed date": Role.DONE,
    "date achieved": Role.DONE,
    "date of completion and outcome": Role.DONE,
    "completion date and outcome": Role.DONE,
    "date completed and outcome": Role.DONE,
    "evidence": Role.EVIDENCE,
    "evidence of completion": Role.EVIDENCE,
    "evidence of impact": Role.EVIDENCE,
}
"""Header cell (folded, see ``fold_header``) -> the role of its column."""

NUMBER_ROLES = frozenset({Role.NUMBER, Role.REC_NUMBER, Role.ACTION_NUMBER})
TEXT_ROLES = frozenset({Role.TEXT, Role.REC_TEXT, Role.ACTION_TEXT})

REMINDER_WORDS = ("reminder",)
"""A text header containing one of these starts a section of reminders of practice."""

RESPONSE_MARKERS = (
    "overview recommendation",
    "overview report",
    "overview",
    "scr recommendation",
    "overview rec",
    "csppr recommendation",
    "review recommendation",
)
"""A first cell starting with one of these marks a row answering an overview recommendation."""

_PUNCT = re.compile(r"[^\w#/&' ]+")
_SPACE = re.compile(r"\s+")


_ASIDE = re.compile(
    r"\([^)]*\)|\b(?:as (?:at|of)|updated)\b.*$|\b(?:at|on|for|in)\s+(?:\d|(?:the\s+)?(?:end|q[1-4])\b|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d).*$",
    re.IGNORECASE,
)
"""``(RAG)``, ``(s)``, ``(revised)``, ``as at 01/03/2024``, ``at 31 March 2024``: what a header adds to its words."""
_NUMBER_WORDS = frozenset({"no", "nos", "number", "numbers", "ref", "refs", "reference", "references"})
_TARGET_WORDS = frozenset({"target", "timescale", "timescales", "deadline", "due", "timeframe", "timeframes"})
_KEYWORDS: tuple[tuple[Role, frozenset[str]], ...] = (
    (Role.STATUS, frozenset({"status", "rag", "brag"})),
    (Role.TARGET, _TARGET_WORDS),
    (Role.EVIDENCE, frozenset({"evidence"})),
    (
        Role.AGENCY,
        frozenset(
            {
                "agency",
                "agencies",
                "organisation",
                "organisations",
                "organization",
                "lead",
                "leads",
                "responsible",
                "owner",
                "owners",
            }
        ),
    ),
    (Role.ACTION_TEXT, frozenset({"action", "actions"})),
    (Role.OUTCOME, frozenset({"outcome", "outcomes", "milestone", "milestones"})),
    (Role.REC_TEXT, frozenset({"recommendation", "recommendations"})),
)
"""A short header's words -> its role, the first that one of them names (a status column ``Status (RAG)``, a
date ``Target date for completion``, an agency ``Responsible lead``, an action ``Actions required``)."""
_PLANNED = frozenset({"expected", "planned", "anticipated", "proposed", "estimated", "for", "projected", "revised"})
_DONE_WORDS = frozenset({"completed", "completion", "achieved", "closed", "done"})
PERSON_WORDS = frozenset(
    {"officer", "officers", "person", "persons", "named", "name", "names", "individual", "nurse", "manager", "managers"}
)
"""A header holding one of these (``Responsible officer``, ``Lead person``, ``Named nurse``) heads a column of
people: never the agency (a heading or title row names it), kept as an extra field."""
HEADER_TERMS = frozenset(
    {word for key in HEADER_WORDS for word in key.split()}.union(
        *(keywords for _, keywords in _KEYWORDS), _NUMBER_WORDS, PERSON_WORDS, {"s", "ies", "es"}
    )
)
"""Every word the header vocabulary uses: a first header cell made of these alone is a header word worded
otherwise (``Lead Agency/Person``), not the name of the agency owning the table."""
_NOT_AN_AGENCY_COLUMN = frozenset(
    {"date", "comment", "comments", "note", "notes", "update", "response", "sign", "single", "multi"}
)  # ``Single/Multi-agency``: a DHR's series of each recommendation (``parse.series``), not its agency


def loose_role(text: str, headers: Mapping[str, Role]) -> Role | None:
    """The role of a header of at most four words worded otherwise than ``headers`` has it: without what it adds
    (``Status as at 01/03/2024``, ``Action(s)``), as each part of ``Lead Agency/Person``, in the singular, or by the
    words it holds. None for a longer header, which stays an extra column."""
    folded = fold_header(_ASIDE.sub(" ", text))
    parts = [part.strip() for part in folded.split("/")]
    for part in parts:
        found = headers.get(part) or headers.get(_singular(part))
        if found is not None:
            return found
    words = [word for part in parts for word in part.split()]
    if not words or len(words) > 4:
        return None
    if words[0] in ("action", "actions", "recommendation", "rec") and _NUMBER_WORDS.intersection(words):
        return Role.ACTION_NUMBER if words[0].startswith("action") else Role.REC_NUMBER
    if ("imr" in words or "agency" in words) and _NUMBER_WORDS.intersection(words):
        return Role.XREF
    if "date" in words or "dated" in words:  # ``Date action completed``: a date, never the action
        if _TARGET_WORDS.intersection(words) or _PLANNED.intersection(words):
            return Role.TARGET  # ``Target date``, ``Expected completion date``, ``Date for completion``
        return Role.DONE if _DONE_WORDS.intersection(words) else None
    # ``Completed``, ``Complete?``, ``Completed (Y/N)``: a completion column, but not a header word on its own (a
    # row of data's ``Completed`` status beside ``Overview recommendation`` would read as a header)
    if words in (["completed"], ["complete"]):
        return Role.DONE
    not_agency = _NOT_AN_AGENCY_COLUMN.union(PERSON_WORDS)
    for role, keywords in _KEYWORDS:
        if keywords.intersection(words) and not (role is Role.AGENCY and not_agency.intersection(words)):
            return role
    return None


def _singular(words: str) -> str:
    """``lead agencies`` -> ``lead agency``, ``target dates`` -> ``target date``."""
    head, _, last = words.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}".strip()


@lru_cache(maxsize=16384)
def fold_header(text: str) -> str:
    """A header or status cell reduced to its words (``Rec No.`` -> ``rec no``)."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The words a reading uses: the built-in ones, plus any the user's config file adds."""

    headers: Mapping[str, Role] = field(default_factory=lambda: MappingProxyType(HEADER_WORDS))
    statuses: Mapping[str, Status] = field(default_factory=lambda: MappingProxyType(STATUS_WORDS))
    response_markers: tuple[str, ...] = RESPONSE_MARKERS
    _phrases: tuple[str, ...] = field(init=False, repr=False, compare=False)
    _loose: dict[str, Role | None] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        phrases = (word for word in self.statuses if word not in WHOLE_CELL_ONLY)
        object.__setattr__(self, "_phrases", tuple(sorted(phrases, key=len, reverse=True)))
        object.__setattr__(self, "_loose", {})

    def extended(
        self, headers: Mapping[str, Role], statuses: Mapping[str, Status], markers: tuple[str, ...] = ()
    ) -> Vocabulary:
        return Vocabulary(
            MappingProxyType({**self.headers, **{fold_header(k): v for k, v in headers.items()}}),
            MappingProxyType({**self.statuses, **{fold_header(k): v for k, v in statuses.items()}}),
            self.response_markers + tuple(fold_header(m) for m in markers),
        )

    def header_role(self, text: str, loose: bool = True) -> Role | None:
        """The role of a header cell: its words as this vocabulary has them; else (``loose``) as ``loose_role``
        reads a short header worded otherwise (``Status (RAG)``, ``Lead Agency/Person``, ``Actions required``)."""
        folded = fold_header(text)
        found = self.headers.get(folded)
        if found is not None or not loose or not folded:
            return found
        if text not in self._loose:
            self._loose[text] = loose_role(text, self.headers)
        return self._loose[text]

    def status(self, text: str) -> Status | None:
        """The normalised status of a cell: UNSPECIFIED when blank, None for a word this vocabulary does not know."""
        word = fold_header(text)
        if not word:
            return MARKS.get(text.strip(), Status.UNSPECIFIED)
        found = self.statuses.get(word)
        if found is not None:
            return found
        for phrase in self._phrases:
            if word.startswith(phrase + " "):
                return _qualified(self.statuses[phrase], word[len(phrase) + 1 :])
        first, slash, _ = word.partition("/")
        if slash and first.strip():
            return self.status(first)
        return None

    def is_response_marker(self, text: str) -> bool:
        folded = fold_header(text)
        return bool(folded) and folded.startswith(self.response_markers)


_TARGET = re.compile(r"by (?:the )?(?:end of |w/?c )?(?:\d|q\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")
"""``by March 2026``, ``by 31/03/2026``, ``by the end of June``: a target date after a status word."""


def _qualified(status: Status, rest: str) -> Status | None:
    """A status word and what the cell says after it (folded): ``now complete`` (all of it) is completed
    (``Delayed - now complete``). After a word of completion, ``in part`` or ``partially`` is in progress
    (``Completed in part``), as is a completion awaiting evidence, sign-off or audit (``Complete - evidence awaited``,
    ``Completed but not yet embedded``: status_words.AWAITING), and ``by`` a date (a target: ``Complete by March
    2026``) or ``not`` (``Closed - not implemented``) leave the status unknown."""
    if rest in ("now complete", "now completed"):
        return Status.COMPLETED
    if status is not Status.COMPLETED:
        return status
    if awaits_evidence(rest):
        return Status.IN_PROGRESS
    words = rest.split()
    if _TARGET.match(rest) or "not" in words:
        return None
    if "partially" in words or "partly" in words or "in part" in rest:
        return Status.IN_PROGRESS
    return status


DEFAULT = Vocabulary()


def normalise_status(text: str, vocabulary: Vocabulary = DEFAULT) -> Status:
    return vocabulary.status(text) or Status.UNSPECIFIED
