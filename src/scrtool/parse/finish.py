"""Drafts -> records: numbers checked for duplicates, responses matched, cross-references resolved."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import lru_cache

from ..errors import InputError
from ..model import Action, Link, Notice, RecKind, Recommendation, RecRef, Source, Status, action_prefix, response_id
from ..names import fold, short_forms, written
from .colours import filled, rag_of
from .dates import parse_date, starts_with_date, target_in_text
from .drafts import ActionDraft, LinkDraft, RecDraft, continue_action
from .match import RecommendationIndex
from .notices import Notices
from .ratings import RAG_STATUS, rating, status_cells
from .refs import parse_refs
from .status_words import YES_NO, awaits_evidence
from .tables import Places
from .vocab import Role, Vocabulary, fold_header


class Finisher:
    """Turns one file's drafts into records, adding a notice for everything it could not resolve."""

    def __init__(
        self, path: str, file: str, report: str, vocabulary: Vocabulary, notices: Notices, places: Places | None = None
    ) -> None:
        self.path, self.file, self.report = path, file, report
        self.vocabulary = vocabulary
        self.notices = notices
        self.places = places
        """Where each line is in a file that is not text (messages name the place, not the line)."""

    def _where(self, line: int) -> str:
        """``line 4``, or the place of a row of a file that is not text (``sheet 'Plan' cell A4``)."""
        place = self.places.get(line) if self.places is not None else None
        return place.describe() if place is not None else f"line {line}"

    def _both(self, first: int, second: int) -> str:
        """``lines 4 and 9``, or the places of two rows of a file that is not text."""
        if self.places is None:
            return f"lines {first} and {second}"
        return " and ".join(place.describe() if place else "?" for place in map(self.places.get, (first, second)))

    def recommendations(self, drafts: Sequence[RecDraft]) -> list[Recommendation]:
        seen: dict[tuple[RecKind, str], int] = {}
        recs = []
        for draft in drafts:
            key = (draft.kind, draft.number)
            if key in seen:
                raise InputError(
                    self.path, f"{RecRef(*key).label()} appears twice ({self._both(seen[key], draft.line)})", draft.line
                )
            seen[key] = draft.line
            if not draft.text:
                self.notices.append(
                    Notice(draft.line, f"{RecRef(*key).label()} has no wording in the plan, only its number")
                )
            recs.append(
                Recommendation(
                    self.report,
                    draft.kind,
                    draft.number,
                    draft.text,
                    Source(self.file, draft.line),
                    tuple(draft.extra.items()),
                )
            )
        return recs

    def actions(self, drafts: Sequence[ActionDraft], index: RecommendationIndex) -> list[Action]:
        kept, answers = self._settle_responses(drafts, index)
        statuses = _StatusReader(self.vocabulary)
        known = statuses.cache
        report, file = self.report, self.file
        agencies: dict[str, tuple[str, str]] = {}  # agency as written -> (its key, the start of its actions' ids)
        seen: dict[tuple[str, str], int] = {}
        responses: dict[tuple[str, RecRef | None], int] = {}  # (agency, the recommendation answered) -> how many
        rated: dict[tuple[str, tuple[str, ...]], tuple[str | None, Status | None]] = {}  # status cells -> rating
        actions = []
        for draft in kept:
            agency = draft.agency
            names = agencies.get(agency)
            if names is None:
                names = agencies[agency] = (fold(agency), action_prefix(report, agency))
            agency_key, prefix = names
            number = draft.number
            responds: tuple[RecRef, ...] = ()
            if number is None:
                ident, responds = self._response(draft, answers, index, responses)
            else:
                key = (agency_key, number)
                if key in seen:
                    raise self._twice(draft, seen[key])
                seen[key] = draft.line
                ident = prefix + number  # action_id(report, agency, number)
            if draft.extra:
                extra = tuple(draft.extra.items())
                target = self._column_target(extra) or _text_target(draft)
            else:
                extra, target = (), _text_target(draft)
            status = (
                Status.NOT_RECORDED
                if draft.unstated and not draft.status_text
                else known.get(draft.status_text) or statuses.read(draft.status_text, draft.line, draft.completion)
            )
            rag = None
            if draft.status_text and status is not Status.NOT_RECORDED:
                status, rag = self._rated(draft, extra, status, rated)
            actions.append(
                Action(
                    ident,
                    report,
                    agency,
                    draft.lead,
                    number,
                    draft.text,
                    draft.outcome,
                    draft.status_text,
                    status,
                    Source(file, draft.line),
                    responds,
                    extra,
                    target,
                    target,
                    rag=rag,
                )
            )
        self.notices.extend(statuses.notices(self._where))
        return actions

    def _twice(self, draft: ActionDraft, first: int) -> InputError:
        """The error for a numbered action that appears a second time in one agency's table."""
        return InputError(
            self.path,
            f"{draft.agency} action {draft.number} appears twice ({self._both(first, draft.line)})",
            draft.line,
        )

    def _response(
        self,
        draft: ActionDraft,
        answers: dict[int, RecRef],
        index: RecommendationIndex,
        responses: dict[tuple[str, RecRef | None], int],
    ) -> tuple[str, tuple[RecRef, ...]]:
        """An unnumbered response's id and the recommendations it answers: as its place in a list says, else the
        overview recommendation its text matches (none: kept as an unnumbered action, with a notice)."""
        agency = draft.agency
        responds: tuple[RecRef, ...] = ()
        if draft.answers is not None:  # bullets under an agency heading in a list of recommendations
            responds = draft.answers
            ref = draft.answers[0] if draft.answers else None
        else:
            ref = answers.get(id(draft)) or index.best(draft.text)
            if ref is not None:
                responds = (ref,)
            elif draft.response:
                self.notices.append(
                    Notice(
                        draft.line,
                        f"{agency}: unnumbered row matches no overview recommendation; kept as an unnumbered action",
                    )
                )
        order = responses[(written(agency), ref)] = responses.get((written(agency), ref), 0) + 1
        return response_id(self.report, agency, ref, order), responds

    def _rated(
        self,
        draft: ActionDraft,
        extra: tuple[tuple[str, str], ...],
        status: Status,
        rated: dict[tuple[str, tuple[str, ...]], tuple[str | None, Status | None]],
    ) -> tuple[Status, str | None]:
        """An action's status and the plan's RAG judgement from its status cells (``rated``: those read so far, a
        plan repeats a few cells thousands of times): a RAG word or fill rates it, and may say its status."""
        cells = (draft.status_text, tuple(status_cells(extra, self.vocabulary)) if extra else ())
        found = rated.get(cells)
        if found is None:
            found = rated[cells] = rating(cells[0], cells[1], self.vocabulary)
        rag, said = found
        if said is not None:
            return said, rag
        if status is not Status.COMPLETED and draft.extra and filled(draft.status_text) is not None:
            return self._stated(draft.extra) or status, rag
        return status, rag

    def _stated(self, extra: dict[str, str]) -> Status | None:
        """A status in words in another status column of a row whose status cell states one by a fill alone (a red
        ``RAG`` cell beside ``Progress: Not started``): what the words say, when they say more than open."""
        for header, cell in extra.items():
            if self.vocabulary.header_role(header) is Role.STATUS:
                status = self.vocabulary.status(cell)
                if status not in (None, Status.UNSPECIFIED):
                    return status
        return None

    def _column_target(self, extra: tuple[tuple[str, str], ...]) -> str | None:
        """The original target date in a target-date column, if the row has one that reads as a date."""
        for header, cell in extra:
            if self.vocabulary.header_role(header) is Role.TARGET:
                found = parse_date(cell)
                if found:
                    return found.isoformat()
        return None

    @staticmethod
    def _settle_responses(
        drafts: Sequence[ActionDraft], index: RecommendationIndex
    ) -> tuple[list[ActionDraft], dict[int, RecRef]]:
        """A blank-first-cell row is a response when its text restates a recommendation, else it continues
        the row above (the row that one went on with, when the row above went on with another itself)."""
        kept: list[ActionDraft] = []
        answers: dict[int, RecRef] = {}
        merged: dict[int, ActionDraft] = {}  # id of a row that went on with another -> that other
        for draft in drafts:
            above = draft.maybe_response_of
            if above is not None:
                ref = index.best(draft.text)
                if ref is None:
                    into = merged.get(id(above), above)
                    continue_action(into, draft)
                    merged[id(draft)] = into
                    continue
                draft.response = True
                answers[id(draft)] = ref
            kept.append(draft)
        return kept, answers

    def links(self, drafts: Sequence[LinkDraft], actions: Sequence[Action]) -> list[Link]:
        by_agency: defaultdict[str, set[str | None]] = defaultdict(set)  # agency as written -> its action numbers
        for action in actions:
            by_agency[action.agency].add(action.number)
        numbers: dict[str, set[str]] = {}
        names: dict[str, str] = {}
        for agency, found in by_agency.items():
            key = fold(agency)
            names.setdefault(key, agency)
            numbers.setdefault(key, set()).update(number for number in found if number)
        targets: dict[str, str | None] = {}
        rec_refs: dict[int, RecRef] = {}  # the links of one recommendation share its RecRef
        links = []
        for draft in drafts:
            refs = tuple(draft.refs) if draft.refs is not None else (parse_refs(draft.cell) if draft.cell else ())
            note = None if refs is not None else draft.cell
            if draft.agency in targets:
                target = targets[draft.agency]
            else:
                target = targets[draft.agency] = resolve_agency(draft.agency, names)
            rec = rec_refs.get(id(draft.rec))
            if rec is None:
                rec = rec_refs[id(draft.rec)] = RecRef(draft.rec.kind, draft.rec.number)
            if refs:
                self._check_refs(draft, rec, refs, target, numbers)
            links.append(
                Link(
                    self.report,
                    rec,
                    draft.agency,
                    target or draft.agency,
                    refs or (),
                    note,
                    Source(self.file, draft.line),
                )
            )
        return links

    def _check_refs(
        self, draft: LinkDraft, rec: RecRef, refs: tuple[str, ...], target: str | None, numbers: dict[str, set[str]]
    ) -> None:
        if target is None:
            self.notices.append(
                Notice(draft.line, f"{rec.label()} cites actions of {draft.agency!r}, which has no action table")
            )
            return
        have = numbers.get(fold(target), set())
        for ref in refs:
            if ref not in have:
                self.notices.append(
                    Notice(draft.line, f"{rec.label()} cites {target} action {ref}, which is not in the plan")
                )


def _text_target(draft: ActionDraft) -> str | None:
    """The original target date when no target-date column gives one: in the text (``by October 2011``), else
    in the outcome."""
    return target_in_text(draft.text) or _outcome_target(draft.outcome)


@lru_cache(maxsize=1024)
def _outcome_target(outcome: str) -> str | None:
    """A target date in an outcome (outcomes repeat from row to row, unlike action texts)."""
    return target_in_text(outcome)


def resolve_agency(agency: str, names: dict[str, str]) -> str | None:
    """The action table an overview row's agency points into: same name, else the one it names a part or the short
    form of (``TVP`` -> ``Thames Valley Police (TVP)``; ``Oxford Health`` -> ``OUH / Oxford Health``)."""
    key = fold(agency)
    if key in names:
        return names[key]
    candidates = [name for folded, name in names.items() if key in short_forms(folded) or folded in short_forms(key)]
    return candidates[0] if len(candidates) == 1 else None


_UNSETTLED = re.compile(r"\b(?:not|revised|target|expected|due|delayed|pending|planned|awaiting)\b", re.IGNORECASE)
"""Words after a date in a completion column that say it is not (yet) a completion: ``March 2025 - not yet
complete``, ``June 2025 (revised target)``."""


class _StatusReader:
    """Normalises status cells, remembering each word it does not know to report it once."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.cache: dict[str, Status | None] = {}
        self.unknown: dict[str, list[int]] = {}

    def read(self, text: str, line: int, completion: bool = False) -> Status:
        """``completion``: the cell is a completion date's (a status word there counts, else a date means
        completed)."""
        if text not in self.cache:
            word = filled(text)
            self.cache[text] = self.vocabulary.status(text) if word is None else self._fill(word)
        status = self.cache[text]
        if status is None and completion:
            if starts_with_date(text) and not _UNSETTLED.search(text):
                return Status.IN_PROGRESS if awaits_evidence(fold_header(text)) else Status.COMPLETED
            status = YES_NO.get(fold_header(text))
        if status is None:
            self.unknown.setdefault(text, []).append(line)
            return Status.UNSPECIFIED
        return status

    def _fill(self, word: str) -> Status | None:
        """The status a fill states alone, by its word (../shared/DECISIONS.md, "Status and RAG"): Blue, or what a
        key calls complete, is completed; Green and Amber (a key's on track, at risk) in progress; Red (off track)
        open; another word of a key as status words read it."""
        rag = rag_of(word)
        if rag is not None:
            return RAG_STATUS[rag]
        return self.vocabulary.status(word)

    def notices(self, where: Callable[[int], str]) -> list[Notice]:
        """One notice for each word not known, naming the place of its first row (``where``: ``line 4``)."""
        return [
            Notice(
                lines[0],
                f"status {word!r} is not a known status word; read as open "
                f"({len(lines)} row{'s' * (len(lines) != 1)}, first at {where(lines[0])})",
            )
            for word, lines in self.unknown.items()
        ]
