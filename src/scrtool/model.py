"""The typed records scrtool reads from a plan and keeps in its store. No I/O here.

Records are never changed once made (``dataclasses.replace`` makes a changed copy). The four a plan holds by the
thousand (``Source``, ``Recommendation``, ``Link``, ``Action``) are not declared ``frozen``: a frozen dataclass sets
each field through ``object.__setattr__``, which makes an ``Action`` cost 1.8 µs to build instead of 0.23 µs, a
fifth of the time it takes to read a 10,000-action plan. The small ones, and ``RecRef`` (a dictionary key), are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import NamedTuple

from .names import written


class Status(StrEnum):
    """An action's status, normalised from the words a plan uses."""

    COMPLETED = "completed"
    IN_PROGRESS = "in-progress"
    NOT_STARTED = "not-started"
    OVERDUE = "overdue"
    NOT_ACCEPTED = "not-accepted"
    """The agency did not accept the recommendation or action."""
    UNSPECIFIED = "open"
    """Stored and shown as ``open``: not completed and nothing more stated. The plan's status cell is blank, says
    only that it is not done (``Outstanding``, ``Red``), or holds a word scrtool does not know (kept as written).
    Not the filter ``--status open``, which means every action not completed (``questions.query.statuses``)."""
    NOT_RECORDED = "not-recorded"
    """The plan states no status at all for it (no status, RAG or progress column and no fills; a list of
    recommendations): not ``open``, which says a status cell was there but states no particular status."""

    @property
    def is_done(self) -> bool:
        return self is Status.COMPLETED


class RecKind(StrEnum):
    """What an overview row is: a recommendation, or a reminder of practice."""

    RECOMMENDATION = "recommendation"
    REMINDER = "reminder"


@dataclass(frozen=True, slots=True)
class Place:
    """Where in a file that is not text (Word, PDF, Excel) a record was read; keys that do not apply are None."""

    page: int | None = None
    """PDF: the 1-based page."""
    sheet: str | None = None
    """Excel: the sheet's name."""
    cell: str | None = None
    """Excel: the row's first cell, e.g. ``B7``."""
    table: int | None = None
    """Word: the 1-based table of the document (None for a paragraph outside any table)."""
    row: int | None = None
    """Word: the 1-based row of that table, or the paragraph's number outside any table."""

    def describe(self) -> str:
        """``page 3``, ``sheet 'Plan' cell B7``, ``table 2 row 5``, ``paragraph 14``."""
        if self.page is not None:
            return f"page {self.page}"
        if self.sheet is not None:
            return f"sheet {self.sheet!r} cell {self.cell}" if self.cell else f"sheet {self.sheet!r}"
        if self.table is not None:
            return f"table {self.table} row {self.row}"
        return f"paragraph {self.row}"

    def keys(self) -> dict[str, str | int]:
        """The keys of a record's JSON ``source`` besides ``file`` (../shared/DECISIONS.md)."""
        if self.page is not None:
            return {"page": self.page}
        if self.sheet is not None:
            return {"sheet": self.sheet, "cell": self.cell or ""}
        if self.table is not None:
            return {"table": self.table, "row": self.row or 0}
        return {"paragraph": self.row or 0}


@dataclass(slots=True)
class Source:
    """Where a record was read."""

    file: str
    """The plan's file name (without its folder)."""
    line: int
    """1-based line of the row in a text or HTML file; for Word, PDF and Excel, the row's order in the file."""
    place: Place | None = None
    """Page, sheet and cell, or table and row, for Word, PDF and Excel; None for text and HTML."""

    def where(self) -> str:
        """``line 12``, or the place in a file that is not text."""
        return self.place.describe() if self.place is not None else f"line {self.line}"

    def at(self) -> str:
        """A table's ``line`` cell: ``12``, or the place in a file that is not text."""
        return self.place.describe() if self.place is not None else str(self.line)

    def keys(self) -> dict[str, str | int]:
        """A record's JSON ``source``: ``file``, then ``line`` or the place's keys."""
        return {"file": self.file, **(self.place.keys() if self.place is not None else {"line": self.line})}


@dataclass(frozen=True, slots=True)
class RecRef:
    """A pointer to one overview recommendation or reminder of a report."""

    kind: RecKind
    number: str

    def label(self) -> str:
        return f"{'Reminder' if self.kind is RecKind.REMINDER else 'Recommendation'} {self.number}"

    @property
    def short(self) -> str:
        return short_label(self.kind, self.number)


def short_label(kind: RecKind, number: str) -> str:
    """How the commands take and show a recommendation: ``1``; a reminder of practice ``R1``."""
    return f"R{number}" if kind is RecKind.REMINDER else number


_CODED = re.compile(r"(?P<code>[A-Za-z]{1,4})\s?(?P<n>\d+(?:\.\d{1,3})*[A-Za-z]?)")
NOT_CODES = frozenset({"R", "Q", "NO", "REC"})
"""Letters before a number that are no agency's code: ``R1`` (a reminder's, read as today), ``Q3`` (a quarter),
``No 3`` and ``Rec 3`` (the number's own label)."""


def coded_number(cell: str) -> str | None:
    """An action number written with its agency's code, as an agency's table numbers its actions: ``P1``,
    ``H1.2``, ``CSC 3``, ``E2a`` -> ``P1``, ``H1.2``, ``CSC3``, ``E2a`` (the code in capitals, as written, then the
    number); anything else (``See above``, ``Q3 2025/26``, ``Year 2``) -> None."""
    match = _CODED.fullmatch(cell.strip())
    if match is None or not match["code"].isupper() or match["code"] in NOT_CODES:
        return None
    return match["code"] + match["n"].lower()


def number_key(text: str) -> str:
    """An action number as the user types it -> as it is stored: ``4.`` -> ``4``, ``1A`` -> ``1a``, ``p1`` and
    ``P 1`` -> ``P1`` (an agency's code, see ``coded_number``)."""
    number = text.strip().rstrip(".")
    match = _CODED.fullmatch(number)
    if match is not None and match["code"].upper() not in NOT_CODES:
        return match["code"].upper() + match["n"].lower()
    return number.lower()


@dataclass(frozen=True, slots=True)
class Report:
    """One imported plan."""

    id: str
    """Slug naming the report in the store, e.g. ``infant-y``."""
    title: str
    """Text before the first table, or the file name when there is none."""
    source_file: str
    """File name the plan was read from."""
    sha256: str
    """Hash of the file's bytes: the same bytes are recognised under any name."""
    imported_at: str
    """When it was imported (ISO 8601, UTC)."""
    year: int | None = None
    """The year of the review, as its plan or ``import --year`` says (None: not said)."""
    kind: str | None = None
    """The kind of review: ``SCR``, ``CSPR``, ``SAR``, ``DHR`` or ``other`` (reviews.ReviewKind); None: not said."""


@dataclass(slots=True)
class Recommendation:
    """An overview recommendation (or reminder of practice) of a report."""

    report: str
    kind: RecKind
    number: str
    text: str
    source: Source
    extra: tuple[tuple[str, str], ...] = ()
    """Cells of columns with no known role (a target date, a lead officer ...), as (header, text)."""

    @property
    def ref(self) -> RecRef:
        return RecRef(self.kind, self.number)


@dataclass(slots=True)
class Link:
    """One agency named against a recommendation, with the action numbers it cites or a prose note."""

    report: str
    rec: RecRef
    agency: str
    """The agency as the overview table names it."""
    target: str
    """The agency whose action table the refs point into (``agency`` itself when no table matches)."""
    refs: tuple[str, ...]
    """Action numbers cited (``4``, ``1.2``); ranges are expanded."""
    note: str | None
    """The cell's prose when it holds no action numbers."""
    source: Source


@dataclass(slots=True)
class Action:
    """One row of an agency's action plan."""

    id: str
    """Stable id: ``report/agency as written/number`` (``action_id``); an unnumbered response's ends
    ``response to N #K`` (``response_id``)."""
    report: str
    agency: str
    """Owner of the table the row sits in (its header's first cell)."""
    lead: str
    """The row's own first cell as written (the table's agency when it is blank or a marker)."""
    number: str | None
    """``1``, ``1.1`` ...; None for an unnumbered response to an overview recommendation."""
    text: str
    outcome: str
    status_text: str
    """Status as written in the plan."""
    status: Status
    source: Source
    responds_to: tuple[RecRef, ...] = ()
    """Overview recommendations this row answers (unnumbered responses only)."""
    extra: tuple[tuple[str, str], ...] = field(default=())
    """Cells of columns with no known role, as (header, text)."""
    target: str | None = None
    """Original target date (ISO), from a target-date column or the text (``by October 2011``)."""
    due: str | None = None
    """Current target date: the original, or the latest revision (``update --due``)."""
    updated: str | None = None
    """Date (ISO) of the latest entry in the action's history (its import, or an update); a backdated update does
    not move it back."""
    rag: str | None = None
    """The latest RAG judgement standing (``red``, ``amber``, ``green``, ``blue``): the plan's RAG column or fill,
    or ``update --rag``; None when there is none (then the rule rates it, rag.py)."""
    rag_reason: str | None = None
    """Why, as ``update --rag-reason`` gave it (None for the plan's own judgement)."""

    @property
    def parent(self) -> str | None:
        """The number this sub-number belongs to (``1`` for ``1.2``)."""
        if self.number and "." in self.number:
            return self.number.rsplit(".", 1)[0]
        return None

    @property
    def label(self) -> str:
        return f"{self.agency} {self.number}" if self.number else f"{self.agency} (response)"


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One entry of an action's history: its import from a file, or an update recorded by hand."""

    action_id: str
    on: str
    """The date it took effect (ISO)."""
    recorded_at: str
    """When scrtool recorded it (ISO 8601, UTC)."""
    source: str
    """``import`` (read from a plan file), ``manual`` (``scrtool update``), ``retraction`` (``update --retract``,
    withdrawing an entry) or ``return`` (an agency's return, ``scrtool returns apply``)."""
    by: str | None
    from_status: Status | None
    to_status: Status | None
    status_text: str | None
    note: str | None
    evidence: str | None
    due: str | None
    """The target date this entry set (the file's target, or a revision)."""
    reason: str | None
    """Why the target date was revised."""
    rag: str | None = None
    """The RAG judgement this entry records (the plan's, or ``update --rag``)."""
    rag_reason: str | None = None
    ident: str = ""
    """Its short stable id, ``h`` and its order among the action's entries as recorded (``h1`` is its import)."""
    retracts: str | None = None
    """For a retraction: the id of the entry it withdraws (``reason`` says why)."""
    retracted_by: str | None = None
    """The id of the retraction withdrawing this entry, if one does (then it no longer counts)."""
    forced: str | None = None
    """A return's answer applied with ``returns apply --force``: the change by another hand it was applied over
    (``an update by hand on 2026-01-15 by J Smith``)."""


@dataclass(frozen=True, slots=True)
class Notice:
    """Something the reader noticed and could not read as a record, with its line."""

    line: int
    message: str
    where: str | None = None
    """Its place (``page 3``, ``sheet 'Plan' cell B7``) in a file that is not text; None: ``line`` says it."""
    count: int = 1
    """How many warnings it stands for: more than 1 for a notice counting warnings like one shown above it."""

    def at(self) -> str:
        """What follows the file's name in a warning: ``12`` (its line) or its place."""
        return self.where if self.where is not None else str(self.line)


@dataclass(frozen=True, slots=True)
class Plan:
    """Everything read from one file."""

    report: Report
    recommendations: tuple[Recommendation, ...]
    links: tuple[Link, ...]
    actions: tuple[Action, ...]
    notices: tuple[Notice, ...]


class Progress(NamedTuple):
    """Completed of total, e.g. of the actions a recommendation cites (a summary makes one for each of thousands of
    recommendations: a tuple is quick to make)."""

    completed: int
    total: int
    not_recorded: int = 0
    """Of ``total``, those whose status the plan does not record (neither completed nor known not to be)."""

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


def action_id(report: str, agency: str, number: str) -> str:
    """A numbered action's id: its report, its agency as written (spacing and quote styles folded, nothing else:
    ``Childrens Services`` and ``Children's Services`` stay two) and its number: ``child-t/Riverside Health/4``.
    Neither the table's place in the plan nor another agency's name changes it, so history stays with its action."""
    return action_prefix(report, agency) + number


def action_prefix(report: str, agency: str) -> str:
    """What the ids of an agency's actions start with: ``child-t/Riverside Health/``."""
    return f"{report}/{written(agency)}/"


def response_id(report: str, agency: str, answers: RecRef | None, order: int) -> str:
    """An unnumbered response's id: its agency, the recommendation it answers and its order among that agency's
    responses to it (``child-t/Riverside Health/response to 1 #1``, ``... to R1 #1`` for a reminder of practice,
    ``.../response #1`` for one that answers none)."""
    if answers is None:
        return f"{action_prefix(report, agency)}response #{order}"
    return f"{action_prefix(report, agency)}response to {answers.short} #{order}"


def renamed(plan: Plan, report: str) -> Plan:
    """The same plan under another report id (its records and their ids moved with it)."""
    old = plan.report.id
    cut = len(old)
    return Plan(
        replace(plan.report, id=report),
        tuple(replace(rec, report=report) for rec in plan.recommendations),
        tuple(replace(link, report=report) for link in plan.links),
        tuple(replace(a, id=report + a.id[cut:], report=report) for a in plan.actions),
        plan.notices,
    )
