"""Recommendations written as lists, not tables: the lines of text every format reader yields -> recommendations,
and the actions of the agencies named under them.

Where: the section under a heading that names the recommendations (``Recommendations``, ``Summary of
recommendations``, ``6. Recommendations``: ``list_lines.Kind.SECTION``), to the next heading of its level or above
that is neither a recommendation's label nor an agency's name; a document with no such heading is read for
labelled recommendations (``Recommendation 1``) alone, so the numbered paragraphs of a long report's findings are
never taken. When two sections hold the same numbers (a summary and the full text), the one with more
recommendations is read (the later of two as long), and the import says so.

What, inside it: a label starts a recommendation (``Recommendation 1``, ``Recommendation number 2``, ``Rec 3:``;
its text after it or on the lines below), and so does a bare ``Recommendation`` (numbered in order, said so) or,
in a section not written with labels, a numbered paragraph (``1.``, ``5.1``, ``27.``: its number kept) whose number
is the first or follows the one before; any other numbered line, a bullet, a dash item and the paragraphs after
them are part of the recommendation. Under an agency's heading, each bullet (or paragraph) is an action of that
agency, unnumbered, answering the recommendation it sits under. A "Read more" link and the text it repeats,
page numbers, and the next section's heading are not part of any recommendation. ``Lead agency: ...``,
``Status: ...`` or ``Target date: ...`` lines are the recommendation's fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ...model import Notice
from ..tables import Text
from ..vocab import Role, Vocabulary
from .list_lines import PLAIN_HEADING, Kind, Line, classify, follows, same_text


@dataclass(slots=True)
class Entry:
    """A recommendation or an action being read: its lines of text so far."""

    line: int
    parts: list[str] = field(default_factory=list)
    repeat: bool = False
    """A "Read more" came after it: text it already holds is the widget's repeat, not more of it."""

    @property
    def text(self) -> str:
        return "\n".join(self.parts)

    def add(self, text: str, wrapped: bool = False) -> None:
        """A paragraph (or item) more, or (``wrapped``) the next line of the last one; after a "Read more", a text
        it holds already is dropped, and one that starts with all it holds (a teaser's full text) replaces it."""
        if self.repeat and self.parts:
            have, new = same_text(" ".join(self.parts)), same_text(text)
            if new in have:
                return
            if new.startswith(have):
                self.parts = [text]
                return
        if wrapped and self.parts:
            self.parts[-1] = _joined(self.parts[-1], text)
        else:
            self.parts.append(text)


@dataclass(slots=True)
class ListedAction(Entry):
    agency: str = ""
    answers: ListedRec | None = None


@dataclass(slots=True)
class ListedRec(Entry):
    number: str | None = None
    """None for a bare ``Recommendation`` label: numbered in order when the list is added to the plan."""
    fields: dict[str, str] = field(default_factory=dict)
    """``Lead agency``, ``Status``, ``Target date`` ... as written, by their label."""
    roles: dict[str, Role] = field(default_factory=dict)
    """Each field's role (by its label)."""
    actions: list[ListedAction] = field(default_factory=list)

    def get(self, role: Role) -> str:
        """The first field of ``role``, or ""."""
        return next((self.fields[label] for label, found in self.roles.items() if found is role), "")


@dataclass(slots=True)
class Listed:
    """What the lists of a document hold."""

    recs: list[ListedRec] = field(default_factory=list)
    actions: list[ListedAction] = field(default_factory=list)
    """Every agency action, those answering a recommendation too, in document order."""
    notices: list[Notice] = field(default_factory=list)
    start: int = 0
    """The line of the first section read (its heading), or of the first label when no heading names one."""

    def __bool__(self) -> bool:
        return bool(self.recs or self.actions)


def read_lists(blocks: Sequence[Text | None], wrapped: bool, vocabulary: Vocabulary) -> Listed:
    """The recommendations and agency actions written as lists in ``blocks``: the lines of text outside the plan's
    tables, in order, None where a table was. ``wrapped``: the lines are a text file's, where a line right under
    another goes on with its paragraph (else each block is a paragraph of its own)."""
    lines = _classified(blocks, wrapped, vocabulary)
    sections = [i for i, line in enumerate(lines) if line is not None and line.kind is Kind.SECTION]
    if not sections:
        return _Reader(lines, 0, len(lines), False, wrapped).read()
    found = []
    for start in sections:
        listed = _Reader(lines, start + 1, _section_end(lines, start), True, wrapped).read()
        head = lines[start]
        listed.start = head.line if head is not None else 0
        if listed:
            found.append(listed)
    return _chosen(found)


def _classified(blocks: Sequence[Text | None], wrapped: bool, vocabulary: Vocabulary) -> list[Line | None]:
    numbers = {block.line for block in blocks if block is not None} if wrapped else set()
    out: list[Line | None] = []
    above: Text | None = None
    for block in blocks:
        if block is None:
            out.append(None)
            above = None
            continue
        first = not wrapped or block.line - 1 not in numbers
        after_stop = above is not None and above.line == block.line - 1 and _ends_a_sentence(above.text)
        line = classify(block, first and block.line + 1 not in numbers, vocabulary, first, after_stop)
        if line is not None:
            out.append(line)
        above = block
    return out


def _ends_a_sentence(text: str) -> bool:
    return text.rstrip().rstrip("\"'\u2019\u201d)")[-1:] in (".", "!", "?")


def _section_end(lines: Sequence[Line | None], start: int) -> int:
    """The index of the line that ends the section headed at ``start``: the next section's heading, or a heading of
    its level or above (a plain line read as a heading ends only a section headed by one)."""
    head = lines[start]
    level = head.level if head is not None else PLAIN_HEADING
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line is not None and (line.kind is Kind.SECTION or (line.kind is Kind.HEADING and line.level <= level)):
            return index
    return len(lines)


def _chosen(found: list[Listed]) -> Listed:
    """The sections' lists as one: those whose numbers another's repeat give way to the one with more
    recommendations (the later of two as long), and the import says which was read."""
    kept: list[Listed] = []
    for listed in found:
        numbers = {rec.number for rec in listed.recs if rec.number is not None}
        rival = next((other for other in kept if numbers & {rec.number for rec in other.recs}), None)
        if rival is None:
            kept.append(listed)
            continue
        loser, winner = (rival, listed) if len(listed.recs) >= len(rival.recs) else (listed, rival)
        if loser is rival:
            kept[kept.index(rival)] = listed
        winner.notices.append(
            Notice(
                loser.start,
                f"the recommendations listed under line {loser.start} are listed "
                f"again under line {winner.start}; those are read",
            )
        )
    out = Listed(start=kept[0].start if kept else 0)
    for listed in kept:
        out.recs += listed.recs
        out.actions += listed.actions
        out.notices += listed.notices
    return out


class _Reader:
    """Reads the lines ``start`` to ``end`` (a section, or the whole document when ``numbered`` is False: then only
    labels start a recommendation)."""

    def __init__(self, lines: Sequence[Line | None], start: int, end: int, numbered: bool, wrapped: bool) -> None:
        self.lines, self.start, self.end, self.numbered = lines, start, end, numbered
        self.wrapped = wrapped
        """The lines are a text file's (a paragraph's lines are joined by their line numbers)."""
        self.out = Listed()
        self.rec: ListedRec | None = None
        """The recommendation whose text is being read (None after a heading or a table)."""
        self.under: ListedRec | None = None
        """The recommendation an agency's actions answer."""
        self.agency: str | None = None
        self.action: ListedAction | None = None
        self.style: Kind | None = None
        """How the list starts its recommendations: labels or numbered paragraphs."""
        self.last_number: str | None = None
        self.previous: Line | None = None
        self.said_bare = False
        self.in_item = False
        """The paragraph being read is a list item (a text file's next line may go on with it, or follow it)."""

    def read(self) -> Listed:
        for index in range(self.start, self.end):
            line = self.lines[index]
            if line is None:  # a table: what follows it is not the text of the recommendation above
                self.rec = self.action = self.previous = None
                self.agency = None
                continue
            self._line(line)
            if line.kind is not Kind.PAGE:
                self.previous = line
        if not self.out.start:
            self.out.start = self.out.recs[0].line if self.out.recs else 0
        return self.out

    def _line(self, line: Line) -> None:
        kind = line.kind
        if kind is Kind.PAGE:
            return
        if kind is Kind.MORE:
            target = self.action or self.rec
            if target is not None:
                target.repeat = True
        elif kind in (Kind.LABEL, Kind.BARE):
            self._label(line)
        elif kind is Kind.NUMBERED:
            self._numbered(line)
        elif kind is Kind.ITEM:  # a bullet as ``- ``; a lettered item keeps its letter
            self._item(
                f"{line.marker} {line.text}" if line.marker[-1:] == ")" or line.marker[-1:] == "." else line.text,
                line,
                keep=line.marker[-1:] in ").",
            )
        elif kind is Kind.FIELD and self.rec is not None and self.action is None:
            self.rec.fields[line.marker] = line.text
            if line.role is not None:
                self.rec.roles[line.marker] = line.role
        elif kind is Kind.AGENCY:
            if self.numbered or self.under is not None:
                self.agency, self.action, self.rec = line.text, None, None
        elif kind in (Kind.HEADING, Kind.SECTION):
            self.rec = self.action = self.under = None
            self.agency = None
        else:
            self._prose(line)

    def _label(self, line: Line) -> None:
        number = line.number
        known = next((rec for rec in self.out.recs if number is not None and rec.number == number), None)
        if known is not None:  # the same label again: a widget showing the text a second time
            known.repeat = True
            rec = known
        else:
            rec = ListedRec(line.line, number=number)
            self.out.recs.append(rec)
            self.style = self.style or Kind.LABEL
            if number is None and not self.said_bare:
                self.said_bare = True
                self.out.notices.append(
                    Notice(
                        line.line,
                        "the recommendations under 'Recommendation' labels have "
                        "no numbers; numbered in the order of the plan",
                    )
                )
        self.rec = self.under = rec
        self.agency, self.action = None, None
        if line.text:
            rec.add(line.text)

    def _numbered(self, line: Line) -> None:
        number = line.number or ""
        starts = (
            self.numbered
            and self.style in (None, Kind.NUMBERED)
            and (self.last_number is None or follows(self.last_number, number))
        )
        if starts:
            rec = ListedRec(line.line, number=number)
            rec.add(line.text)
            self.out.recs.append(rec)
            self.rec = self.under = rec
            self.agency, self.action, self.style, self.last_number = None, None, Kind.NUMBERED, number
        else:
            self._item(f"{line.marker} {line.text}", line, keep=True)

    def _item(self, text: str, line: Line, keep: bool = False) -> None:
        """A bullet (or an item numbered otherwise): an action of the agency named above, else part of the
        recommendation; one before any recommendation is reported."""
        self.in_item = True
        if self.agency is not None:
            self.action = ListedAction(line.line, agency=self.agency, answers=self.under)
            self.action.add(text)
            self.out.actions.append(self.action)
            if self.under is not None:
                self.under.actions.append(self.action)
        elif self.rec is not None:
            self.rec.add(text if keep else f"- {text}")
        elif self.numbered:
            self.out.notices.append(
                Notice(
                    line.line,
                    "a list item before any recommendation of the section is not "
                    "read (number the recommendations, or label them "
                    "'Recommendation 1')",
                )
            )

    def _prose(self, line: Line) -> None:
        previous = self.previous
        wrapped = (
            previous is not None
            and previous.line == line.line - 1
            and previous.kind in _GOES_ON
            and (previous.kind is not Kind.LABEL or bool(previous.text))
            and not (self.in_item and previous.text[-1:] in ".;!?" and line.text[:1].isupper())
        )
        if not self.wrapped and previous is not None and previous.kind in _GOES_ON:
            wrapped = previous.text[-1:] not in ".:;!?" and line.text[:1].islower()  # a PDF's line broken short
        self.in_item = self.in_item and wrapped  # a sentence under a list that ended one is the text after it
        target: Entry | None = self.action or self.rec
        if self.action is None and self.agency is not None:
            self._item(line.text, line, keep=True)
            target = self.action
        elif target is not None:
            target.add(line.text, wrapped)
        if line.more and target is not None:
            target.repeat = True


_GOES_ON = frozenset({Kind.PROSE, Kind.NUMBERED, Kind.ITEM, Kind.LABEL, Kind.BARE, Kind.FIELD})
"""Lines a text file's next line goes on with (a paragraph or item wrapped), when it is right under them."""


def _joined(first: str, second: str) -> str:
    if first.endswith("-") and len(first) > 1 and first[-2].isalpha() and second[:1].islower():
        return first + second
    return f"{first} {second}"
