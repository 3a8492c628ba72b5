"""A table's header row -> its layout and the role of each column (by the header's words, not position)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from ..model import RecKind
from .headings import names_an_organisation
from .vocab import HEADER_TERMS, NUMBER_ROLES, REMINDER_WORDS, TEXT_ROLES, Role, Vocabulary, fold_header

CORE_ROLES = frozenset(
    {
        Role.NUMBER,
        Role.TEXT,
        Role.AGENCY,
        Role.LEAD,
        Role.XREF,
        Role.OUTCOME,
        Role.STATUS,
        Role.ACTION_NUMBER,
        Role.ACTION_TEXT,
    }
)
"""Roles that fill a record's own fields; a cell of any other column is kept as an extra field."""


class Layout(StrEnum):
    """What the rows under a header are."""

    OVERVIEW = "overview"
    """Recommendations, each citing agencies' actions (``IMR Action No.``)."""
    ACTIONS = "actions"
    """One agency's actions (the agency named by the header's first cell, or by an agency column)."""
    TRACKER = "tracker"
    """Recommendations, each with its lead agency and status: each row is also that agency's action."""
    COMBINED = "combined"
    """Recommendations with their actions in one table (recommendation and action columns side by side)."""


@dataclass(frozen=True, slots=True)
class Columns:
    """What a header row says about the rows under it."""

    roles: tuple[Role, ...]
    headers: tuple[str, ...]
    owner: str | None
    """The agency named by the header's first cell (``PCT | Action No | ...``), if any."""
    kind: RecKind
    layout: Layout
    line: int
    at: dict[Role, int] = field(default_factory=dict, compare=False, repr=False)
    """Role -> its column (the first column of each role)."""
    extras: tuple[tuple[int, str], ...] = field(init=False, compare=False, repr=False)
    """Columns of no core role, each with the key its cells are kept under in a record's ``extra``."""

    def __post_init__(self) -> None:
        for i, role in enumerate(self.roles):
            self.at.setdefault(role, i)
        if Role.STATUS not in self.at and Role.DONE in self.at:
            self.at[Role.STATUS] = self.at[Role.DONE]  # its cell is also kept as an extra field, under its header
        extras = tuple((i, extra_key(self.headers, i)) for i, role in enumerate(self.roles) if role not in CORE_ROLES)
        object.__setattr__(self, "extras", extras)  # frozen: set once, here

    @property
    def overview(self) -> bool:
        return self.layout is Layout.OVERVIEW

    @property
    def status_from_done(self) -> bool:
        """The table has no status column, and its completion-date column says how far each row is."""
        return Role.DONE in self.at and self.at[Role.STATUS] == self.at[Role.DONE]

    def index(self, role: Role) -> int | None:
        return self.at.get(role)


def extra_key(headers: tuple[str, ...], index: int) -> str:
    """The key a cell of column ``index`` is kept under in ``extra``: its header, else ``column N``."""
    return (headers[index] if index < len(headers) else "") or _column_name(index)


@lru_cache(maxsize=1024)
def _column_name(index: int) -> str:
    """``column N``: one string for every row's cell of that column (a plan of many rows keeps many of them)."""
    return f"column {index + 1}"


def read_header(cells: list[str], line: int, vocabulary: Vocabulary, marked: bool = False) -> Columns | None:
    """The columns a row names, or None when the row is not a header: fewer than two cells it knows, or none of them
    worded as the vocabulary has it (a row of data whose short cells happen to hold a header's word), unless the
    source ``marked`` it as the header (a ``|---|`` row under it). A first cell that is not a header word names the
    agency owning the table, also when it holds one (``Family Action``, ``UK Border Agency``)."""
    words: list[Role | None] = [vocabulary.header_role(cell, loose=False) if cell else None for cell in cells]
    if not any(words) and not marked:
        return None
    owns = bool(cells) and bool(cells[0]) and words[0] is None and _names_owner(cells[0])
    words = [
        word or (vocabulary.header_role(cell) if cell and not (owns and i == 0) else None)
        for i, (word, cell) in enumerate(zip(words, cells, strict=True))
    ]
    if sum(word is not None for word in words) < 2:
        return None
    _prefer(words, cells)
    owner = None
    if cells and cells[0] and words[0] is None:
        owner = cells[0]
        words[0] = Role.LEAD
    layout = _layout(cells, words, owner)
    roles = _roles(words, layout)
    text_at = next((i for i, role in enumerate(roles) if role is Role.TEXT), None)
    reminder = text_at is not None and any(w in fold_header(cells[text_at]) for w in REMINDER_WORDS)
    return Columns(
        tuple(roles), tuple(cells), owner, RecKind.REMINDER if reminder else RecKind.RECOMMENDATION, layout, line
    )


_DATE_HEADERS = frozenset(
    {
        "date",
        "dates",
        "date time",
        "date and time",
        "date of event",
        "date of contact",
        "date of incident",
        "event date",
    }
)
_EVENT_WORDS = frozenset(
    {"event", "events", "incident", "incidents", "contact", "contacts", "episode", "episodes", "happened"}
)
_PLAN_COLUMNS = frozenset(
    {
        Role.NUMBER,
        Role.REC_NUMBER,
        Role.ACTION_NUMBER,
        Role.TEXT,
        Role.REC_TEXT,
        Role.ACTION_TEXT,
        Role.XREF,
        Role.STATUS,
    }
)


def is_chronology(cells: list[str], vocabulary: Vocabulary) -> bool:
    """A chronology's header (``Date | Agency | Event | Action taken``, ``Date | Agency | Event | Comment``): a date
    column and an event column, and no column of a recommendation's or action's number or text, or of a status. A
    report's chronology is not its plan, though it names agencies and the actions they took."""
    folded = [fold_header(cell) for cell in cells if cell]
    if not any(words in _DATE_HEADERS for words in folded):
        return False
    if not any(_EVENT_WORDS.intersection(words.split()) for words in folded):
        return False
    return not any(vocabulary.header_role(cell) in _PLAN_COLUMNS for cell in cells if cell)


def is_counts(cells: list[str], vocabulary: Vocabulary) -> bool:
    """The header of a table of counts by status (``Agency | Total actions | Complete | In progress``, a tracker's
    dashboard): two or more of its cells are status words. Its rows count actions; they are none."""
    return sum(bool(cell) and vocabulary.statuses.get(fold_header(cell)) is not None for cell in cells) >= 2


def _rank(role: Role, header: str) -> int:
    """How well a column headed ``header`` holds ``role`` when another column takes it too (lower is better): a
    RAG column over a status column over prose (``Progress``, ``Status update``); a column naming the agency
    (``Agency``, ``Lead agency``, ``Organisation``) over a bare ``Lead`` or ``Responsible`` (often a person's name)
    over a person (``Responsible officer``, ``Lead person``, ``Named lead``)."""
    words = set(fold_header(header).replace("/", " ").split())
    if role is Role.STATUS:
        return 0 if words & {"rag", "brag"} else 1 if "status" in words and "update" not in words else 2
    if words & {"officer", "person", "named", "name", "individual", "who"}:
        return 2
    return 0 if words & _ORGANISATION_HEADERS else 1


_ORGANISATION_HEADERS = frozenset(
    {
        "agency",
        "agencies",
        "organisation",
        "organisations",
        "organization",
        "organizations",
        "partner",
        "partners",
        "service",
        "services",
        "body",
        "bodies",
    }
)


def _prefer(words: list[Role | None], cells: list[str]) -> None:
    """Where two columns take the status or the agency role, the better one (``_rank``; else the first) keeps it;
    the other is an extra column."""
    for role in (Role.STATUS, Role.AGENCY):
        at = [i for i, word in enumerate(words) if word is role]
        if len(at) > 1:
            keep = min(at, key=lambda i: _rank(role, cells[i]))
            for i in at:
                if i != keep:
                    words[i] = Role.EXTRA


def _names_owner(cell: str) -> bool:
    """A header's first cell is an organisation's name with words of its own, not a header word worded otherwise
    (``Lead Agency/Person``)."""
    return names_an_organisation(cell) and any(word not in HEADER_TERMS for word in fold_header(cell).split())


def _layout(cells: list[str], words: list[Role | None], owner: str | None) -> Layout:
    if owner is not None:
        return Layout.ACTIONS
    has = set(words)
    if Role.AGENCY in has and Role.ACTION_TEXT not in has:
        numbers = [i for i, word in enumerate(words) if word in NUMBER_ROLES]
        for index in numbers[1:]:
            if words[index] is Role.ACTION_NUMBER:  # ``Action No``, ``Action Nos`` beside the recommendation's
                words[index] = Role.XREF
        has = set(words)
    if Role.XREF in has or (Role.REC_TEXT in has and has - {None} <= _WORDING):
        return Layout.OVERVIEW  # or a list of recommendations only (``No. | Recommendation``), cited elsewhere
    if Role.ACTION_TEXT in has and (Role.REC_TEXT in has or (Role.REC_NUMBER in has and Role.AGENCY in has)):
        return Layout.COMBINED  # with an agency column or not (a heading may name the agency)
    if Role.AGENCY not in has:
        if Role.REC_NUMBER in has and Role.STATUS in has and not has & {Role.ACTION_TEXT, Role.ACTION_NUMBER}:
            return Layout.TRACKER  # ``Rec No | Recommendation | RAG``: recommendations tracked with no lead named
        return Layout.ACTIONS
    if Role.ACTION_TEXT in has or Role.ACTION_NUMBER in has:
        return Layout.ACTIONS
    return Layout.TRACKER


_WORDING = frozenset({Role.NUMBER, Role.REC_NUMBER, Role.REC_TEXT})
"""Columns of a table that only words recommendations."""


def _roles(words: list[Role | None], layout: Layout) -> list[Role]:
    """Each column's role under this layout; a second column of a role already taken is kept as extra. An agency's
    table with both a recommendation-number and an action-number column (``Rec No | Action No | Action``) is
    numbered by the second and cites recommendations by the first."""
    roles: list[Role] = []
    cites = layout is Layout.ACTIONS and Role.REC_NUMBER in words and Role.ACTION_NUMBER in words
    for word in words:
        role = word
        if cites and word is Role.REC_NUMBER:
            pass
        elif layout is Layout.COMBINED:
            if word in (Role.NUMBER, Role.REC_NUMBER):
                role = Role.NUMBER
            elif word is Role.REC_TEXT:
                role = Role.TEXT
        elif word in NUMBER_ROLES:
            role = Role.NUMBER
        elif word in TEXT_ROLES:
            role = Role.TEXT
        roles.append(Role.EXTRA if role is None or role in roles else role)
    return roles
