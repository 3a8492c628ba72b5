"""Tables of raw cells -> recommendations, links and actions, with a notice for every row not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Action, Link, Notice, RecKind, Recommendation, RecRef, Source
from ..names import fold, slug
from .blocks import Row, Table
from .cells import clean
from .columns import Columns, read_header
from .match import RecommendationIndex
from .refs import parse_refs
from .vocab import Role, is_response_marker, normalise_status

_NUMBER = re.compile(r"^(?:action\s*|rec(?:ommendation)?\s*)?(\d{1,4}(?:\.\d{1,3})*[a-z]?)[.)]?$", re.IGNORECASE)


def action_number(cell: str) -> str | None:
    match = _NUMBER.match(cell)
    return match.group(1).lower() if match else None


@dataclass(slots=True)
class _RecDraft:
    kind: RecKind
    number: str
    text: str
    line: int


@dataclass(slots=True)
class _LinkDraft:
    rec: _RecDraft
    agency: str
    cell: str
    line: int


@dataclass(slots=True)
class _ActionDraft:
    agency: str
    lead: str
    number: str | None
    text: str
    outcome: str
    status_text: str
    line: int
    extra: dict[str, str] = field(default_factory=dict)
    response: bool = False
    maybe_response_of: _ActionDraft | None = None
    """Set on a blank-first-cell row: a response if its text matches a recommendation, else it continues this."""


@dataclass(slots=True)
class Builder:
    """Reads rows in document order, carrying the header and agency of the table above into headerless ones."""

    file: str
    """File name recorded in each record's source."""
    report: str
    path: str = ""
    """The path as given, for error messages."""
    recs: list[_RecDraft] = field(default_factory=list)
    links: list[_LinkDraft] = field(default_factory=list)
    actions: list[_ActionDraft] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    columns: Columns | None = None
    agency: str | None = None
    tables: int = 0

    def add_table(self, table: Table) -> None:
        self.tables += 1
        rows = table.rows
        first = [clean(cell) for cell in rows[0].cells]
        header = read_header(first, rows[0].line)
        if header is not None:
            self._set_header(header)
            rows = rows[1:]
            if not rows:
                self.notices.append(Notice(header.line, "table has a header and no rows"))
        elif not any(first):
            rows = rows[1:]
        for row in rows:
            self.add_row(row)

    def _set_header(self, header: Columns) -> None:
        self.columns = header
        if header.owner:
            self.agency = header.owner
        self._last_rec = None
        self._last_action = None

    def add_row(self, row: Row) -> None:
        cells = [clean(cell) for cell in row.cells]
        filled = [i for i, cell in enumerate(cells) if cell]
        if not filled:
            return
        columns = self.columns
        if columns is None:
            if filled == [0]:
                return  # a title row above the first header
            self.notices.append(Notice(row.line, "row before any header row; not read"))
            return
        number_at = columns.index(Role.NUMBER)
        if number_at is None or number_at >= len(cells) or not action_number(cells[number_at]):
            header = read_header(cells, row.line)
            if header is not None:
                self._set_header(header)
                return
            if filled == [0] and len(columns.roles) > 1:
                return  # a section title spanning the row
        if len(cells) != len(columns.roles):
            self.notices.append(Notice(row.line, f"row has {len(cells)} cells, its header {len(columns.roles)}"))
        if columns.overview:
            self._overview_row(columns, cells, row.line)
        else:
            self._action_row(columns, cells, row.line)

    # overview tables -------------------------------------------------------------------------------
    _last_rec: _RecDraft | None = None

    def _overview_row(self, columns: Columns, cells: list[str], line: int) -> None:
        number = _cell(columns, cells, Role.NUMBER)
        text = _cell(columns, cells, Role.TEXT)
        agency = _cell(columns, cells, Role.AGENCY)
        xref = _cell(columns, cells, Role.XREF)
        if number:
            parsed = action_number(number) or number
            rec = _RecDraft(columns.kind, parsed, text, line)
            self.recs.append(rec)
            self._last_rec = rec
        elif text:
            if self._last_rec is None:
                self.notices.append(Notice(line, "recommendation text with no number and none above it; not read"))
                return
            self._last_rec.text = _join(self._last_rec.text, text)
        if agency or xref:
            if self._last_rec is None:
                self.notices.append(Notice(line, "agency row with no recommendation above it; not read"))
                return
            self.links.append(_LinkDraft(self._last_rec, agency, xref, line))

    # agency action tables --------------------------------------------------------------------------
    _last_action: _ActionDraft | None = None

    def _action_row(self, columns: Columns, cells: list[str], line: int) -> None:
        lead = _cell(columns, cells, Role.LEAD) or _cell(columns, cells, Role.AGENCY)
        agency = columns.owner or self.agency
        if agency is None or (columns.owner is None and Role.AGENCY in columns.roles):
            agency = _cell(columns, cells, Role.AGENCY) or agency or "Unnamed agency"
        raw_number = _cell(columns, cells, Role.NUMBER)
        draft = _ActionDraft(
            agency=agency,
            lead=lead,
            number=action_number(raw_number) if raw_number else None,
            text=_cell(columns, cells, Role.TEXT),
            outcome=_cell(columns, cells, Role.OUTCOME),
            status_text=_cell(columns, cells, Role.STATUS),
            line=line,
            extra={columns.headers[i] or f"column {i + 1}": cell
                   for i, cell in enumerate(cells)
                   if cell and (i >= len(columns.roles) or columns.roles[i] is Role.EXTRA)},
        )
        previous = self._last_action
        if draft.number is not None:
            if not lead and previous is not None and previous.agency == agency and not previous.response:
                draft.lead = previous.lead
            draft.lead = draft.lead or agency
        elif raw_number:
            self.notices.append(Notice(line, f"action number {raw_number!r} is not a number; kept unnumbered"))
            draft.lead = draft.lead or agency
        elif is_response_marker(lead) or (not lead and previous is not None and previous.response):
            draft.response, draft.lead = True, agency
        elif not lead and not draft.text:
            if previous is None:
                self.notices.append(Notice(line, "row with no number or text and no row above it; not read"))
                return
            _continue(previous, draft)
            return
        elif not lead:
            if previous is None:
                draft.response, draft.lead = True, agency
            else:
                draft.maybe_response_of, draft.lead = previous, agency
        else:
            draft.maybe_response_of = None
            draft.response = True  # a lead but no number: kept unnumbered, matched to a recommendation if it can be
        self.actions.append(draft)
        self._last_action = draft

    # finishing -------------------------------------------------------------------------------------
    def finish(self) -> tuple[list[Recommendation], list[Link], list[Action]]:
        recs = self._recommendations()
        index = RecommendationIndex(recs)
        actions = self._actions(index)
        links = self._links(actions)
        return recs, links, actions

    def _recommendations(self) -> list[Recommendation]:
        seen: dict[tuple[RecKind, str], int] = {}
        recs = []
        for draft in self.recs:
            key = (draft.kind, draft.number)
            if key in seen:
                raise InputError(self.path or self.file, f"{RecRef(*key).label()} appears twice (lines {seen[key]} and "
                                 f"{draft.line})", draft.line)
            seen[key] = draft.line
            recs.append(Recommendation(self.report, draft.kind, draft.number, draft.text,
                                       Source(self.file, draft.line)))
        return recs

    def _actions(self, index: RecommendationIndex) -> list[Action]:
        kept: list[_ActionDraft] = []
        answers: dict[int, RecRef] = {}
        for draft in self.actions:
            if draft.maybe_response_of is not None:
                ref = index.best(draft.text)
                if ref is None:
                    _continue(draft.maybe_response_of, draft)
                    continue
                draft.response = True
                answers[id(draft)] = ref
            kept.append(draft)
        seen: dict[tuple[str, str], int] = {}
        responses: dict[str, int] = {}
        actions = []
        for draft in kept:
            key_agency = fold(draft.agency)
            responds: tuple[RecRef, ...] = ()
            if draft.number is None:
                responses[key_agency] = responses.get(key_agency, 0) + 1
                ident = f"{self.report}/{slug(draft.agency)}/response-{responses[key_agency]}"
                ref = answers.get(id(draft)) or index.best(draft.text)
                if ref is not None:
                    responds = (ref,)
                elif draft.response:
                    self.notices.append(Notice(draft.line, f"{draft.agency}: unnumbered row matches no overview "
                                                           "recommendation; kept as an unnumbered action"))
            else:
                key = (key_agency, draft.number)
                if key in seen:
                    raise InputError(self.path or self.file, f"{draft.agency} action {draft.number} appears "
                                     f"twice (lines {seen[key]} and {draft.line})", draft.line)
                seen[key] = draft.line
                ident = f"{self.report}/{slug(draft.agency)}/{draft.number}"
            actions.append(Action(
                id=ident, report=self.report, agency=draft.agency, lead=draft.lead, number=draft.number,
                text=draft.text, outcome=draft.outcome, status_text=draft.status_text,
                status=normalise_status(draft.status_text), source=Source(self.file, draft.line),
                responds_to=responds, extra=tuple(draft.extra.items()),
            ))
        return actions

    def _links(self, actions: list[Action]) -> list[Link]:
        numbers: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        for action in actions:
            key = fold(action.agency)
            names.setdefault(key, action.agency)
            if action.number:
                numbers.setdefault(key, set()).add(action.number)
        links = []
        for draft in self.links:
            refs = parse_refs(draft.cell) if draft.cell else ()
            note = None if refs is not None else draft.cell
            target = _resolve_agency(draft.agency, names)
            rec = RecRef(draft.rec.kind, draft.rec.number)
            if refs:
                if target is None:
                    self.notices.append(Notice(draft.line, f"{rec.label()} cites actions of {draft.agency!r}, "
                                                           "which has no action table"))
                else:
                    for ref in refs:
                        if ref not in numbers.get(fold(target), ()):
                            self.notices.append(Notice(draft.line, f"{rec.label()} cites {target} action {ref}, "
                                                                   "which is not in the plan"))
            links.append(Link(self.report, rec, draft.agency, target or draft.agency, tuple(refs or ()), note,
                              Source(self.file, draft.line)))
        return links


def _resolve_agency(agency: str, names: dict[str, str]) -> str | None:
    """The action table an overview row's agency points into: same name, else the one it names a part of."""
    key = fold(agency)
    if key in names:
        return names[key]
    candidates = [name for folded, name in names.items() if key in folded.split("/") or folded in key.split("/")]
    return candidates[0] if len(candidates) == 1 else None


def _cell(columns: Columns, cells: list[str], role: Role) -> str:
    index = columns.index(role)
    return cells[index] if index is not None and index < len(cells) else ""


def _join(first: str, second: str) -> str:
    return f"{first} {second}".strip() if second else first


def _continue(previous: _ActionDraft, row: _ActionDraft) -> None:
    """A row with a blank first cell that goes on with the row above (wrapped text)."""
    previous.text = _join(previous.text, row.text)
    previous.outcome = _join(previous.outcome, row.outcome)
    previous.status_text = _join(previous.status_text, row.status_text)
    for key, value in row.extra.items():
        previous.extra[key] = _join(previous.extra.get(key, ""), value)
