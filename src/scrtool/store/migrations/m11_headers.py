"""What a header cell names, for migration 11 (m11_judgements.py): parse/vocab.py's built-in header words and its
reading of a header worded otherwise, as they were when migration 11 shipped, copied (names.fold with them).

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from enum import StrEnum


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
_NOT_AN_AGENCY_COLUMN = frozenset({"date", "comment", "comments", "note", "notes", "update", "response", "sign"})


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


def fold_header(text: str) -> str:
    """A header or status cell reduced to its words (``Rec No.`` -> ``rec no``)."""
    return _SPACE.sub(" ", _PUNCT.sub(" ", fold(text))).strip()


_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\xa0": " ",
        "\u202f": " ",
    }
)


def fold(text: str) -> str:
    """Curly quotes and dashes made plain, NBSP a space, case and spacing folded (names.fold)."""
    return _SPACE.sub(" ", text.translate(_FOLD)).strip().casefold()


def header_role(text: str) -> Role | None:
    """The role of a header cell, as parse/vocab.py's built-in vocabulary read it (``Vocabulary.header_role``)."""
    folded = fold_header(text)
    found = HEADER_WORDS.get(folded)
    if found is not None or not folded:
        return found
    return loose_role(text, HEADER_WORDS)
