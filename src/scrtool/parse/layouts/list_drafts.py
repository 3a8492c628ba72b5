"""A recommendation list's entries (lists.py) to the builder's drafts: each recommendation numbered (a free number
where the list gives none), each agency's action under it, and what the list says it answers."""

from __future__ import annotations

from ...model import Notice, RecKind, RecRef
from ..build import UNASSIGNED, Builder
from ..drafts import ActionDraft, LinkDraft, RecDraft
from ..vocab import Role
from .list_lines import same_text
from .lists import Listed, ListedRec


def add_lists(builder: Builder, listed: Listed) -> None:
    """The recommendations and actions of ``listed`` into the plan ``builder`` has read from the tables: a number
    a table cites (an action plan in an appendix) is the list's recommendation of that number; a number a table
    words too keeps the table's words (said so when they differ). In a plan with no table of actions, a
    recommendation with no agency's actions under it is an action itself, of the agency its ``Lead agency:`` line
    names (else unassigned), as a tracker's row is. Every action a list gives states no status, unless a
    ``Status:`` line does."""
    kind = RecKind.RECOMMENDATION
    _numbered_by_list(builder, listed)
    own = not builder.actions
    used = {number for found, number in builder.numbered if found is kind}
    used.update(rec.number for rec in listed.recs if rec.number is not None)  # a bare label takes a number left free
    refs: dict[int, RecRef] = {}
    actions: list[ActionDraft] = []
    for rec in listed.recs:
        number = rec.number or _next_free(used)
        used.add(number)
        refs[id(rec)] = RecRef(kind, number)
        draft = _recommendation(builder, rec, number)
        if own and not rec.actions:
            agency = rec.get(Role.AGENCY) or UNASSIGNED
            extra = {
                label: value
                for label, value in rec.fields.items()
                if rec.roles.get(label) not in (Role.AGENCY, Role.STATUS, Role.OUTCOME)
            }
            actions.append(
                ActionDraft(
                    agency,
                    agency,
                    number,
                    draft.text,
                    rec.get(Role.OUTCOME),
                    rec.get(Role.STATUS),
                    rec.line,
                    extra,
                    unstated=True,
                )
            )
            builder.links.append(LinkDraft(draft, agency, "", rec.line, [number]))
    for action in listed.actions:
        answers = (refs[id(action.answers)],) if action.answers is not None else ()
        actions.append(
            ActionDraft(
                action.agency,
                action.agency,
                None,
                action.text,
                "",
                "",
                action.line,
                response=True,
                unstated=True,
                answers=answers,
            )
        )
    builder.actions += sorted(actions, key=lambda draft: draft.line)  # in the order of the document
    builder.notices.extend(listed.notices)


def _numbered_by_list(builder: Builder, listed: Listed) -> None:
    """A table's recommendations it gave no number (numbered in the order of the plan) take the number of the
    list's recommendation worded the same (a council's action plan quotes the recommendations it answers, not all
    of them, or not in the list's order), and their actions' numbers follow; one that matches none keeps its own,
    or the next free number when a matched one took it."""
    ordered = [draft for draft in builder.recs if draft.ordered and draft.kind is RecKind.RECOMMENDATION]
    by_text = {same_text(rec.text): rec.number for rec in listed.recs if rec.number is not None}
    moved = {id(draft): by_text[same_text(draft.text)] for draft in ordered if same_text(draft.text) in by_text}
    if not any(draft.number != moved.get(id(draft), draft.number) for draft in ordered):
        return
    taken = set(moved.values()) | {rec.number for rec in listed.recs if rec.number is not None}
    renames: dict[int, tuple[str, str]] = {}  # id(draft) -> (old number, new number)
    for draft in ordered:
        new = moved.get(id(draft)) or (_next_free(taken) if draft.number in taken else draft.number)
        taken.add(new)
        renames[id(draft)] = (draft.number, new)
    actions = {(action.agency, action.number): action for action in builder.actions if action.number is not None}
    changes: list[tuple[ActionDraft | None, LinkDraft, int, str]] = []
    for link in builder.links:
        if id(link.rec) in renames and link.refs is not None:
            old, new = renames[id(link.rec)]
            for i, ref in enumerate(link.refs):
                renamed = new + ref[len(old) :] if ref == old or ref.startswith(old + ".") else ref
                changes.append((actions.get((link.agency, ref)), link, i, renamed))
    for action, link, i, renamed in changes:  # every action found before any is renamed (1 -> 2 and 2 -> 3)
        if action is not None:
            action.number = renamed
        assert link.refs is not None
        link.refs[i] = renamed
    for draft in ordered:
        draft.number = renames[id(draft)][1]
    builder.numbered = {(draft.kind, draft.number): draft for draft in builder.recs}
    builder.notices.append(
        Notice(
            ordered[0].line,
            "the table's recommendations, which it does not number, take the numbers of the list's recommendations "
            "worded the same",
        )
    )


def _recommendation(builder: Builder, rec: ListedRec, number: str) -> RecDraft:
    kind = RecKind.RECOMMENDATION
    text = rec.text
    draft = builder.numbered.get((kind, number))
    if draft is None:
        draft = RecDraft(kind, number, text, rec.line, dict(rec.fields))
        builder.recs.append(draft)
        builder.numbered[(kind, number)] = draft
    elif not draft.text:
        draft.text, draft.line = text, rec.line
        draft.extra.update(rec.fields)
    elif text and same_text(draft.text) != same_text(text):  # a bare label (``Rec 1``) words nothing
        builder.notices.append(
            Notice(
                rec.line,
                f"Recommendation {number} is worded otherwise in the table at line "
                f"{draft.line}; the table's wording is kept",
            )
        )
    return draft


def _next_free(used: set[str]) -> str:
    """The first number from 1 up that no recommendation has."""
    number = 1
    while str(number) in used:
        number += 1
    return str(number)
