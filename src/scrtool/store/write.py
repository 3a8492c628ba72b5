"""Putting a read plan into the store: new, unchanged, or replacing the report's earlier version."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager, nullcontext
from enum import StrEnum
from itertools import count
from typing import NamedTuple

from ..clock import today
from ..model import Action, Plan, RecKind, renamed
from ..names import fold
from . import action_columns, tallies, vectors
from .action_columns import extra_json, place_json
from .db import Store
from .engine import Connection, is_postgres

_TABLES = (
    "recommendations",
    "links",
    "link_refs",
    "actions",
    "action_agencies",
    "responses",
    "search",
    "search_indexed",
    "tally_status",
    "rec_vectors",
)
"""Tables a re-import replaces (and ``rec_terms``, by the ids of ``rec_vectors``: ``vectors.delete``); ``history``
is kept across versions of a report."""
_INDEXED = (*_TABLES, "rec_terms")
"""Tables whose indexes a first import makes once its rows are in."""


class Outcome(StrEnum):
    NEW = "new"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    SAME_AS = "same-as"
    """The same bytes are already stored under another report id."""
    VERSION_OF = "version-of"
    """Not stored: the file looks like a new version of another stored report (``Saved.report``); the user is
    to say which it is (``--report`` or ``--new``)."""


class Claim(StrEnum):
    """What the user said the file is."""

    NAME = "name"
    """Nothing: its id comes from its file name, and the store decides whether it is a new version of that report,
    a report of its own, or a likely version of another report."""
    REPORT = "report"
    """``--report ID``: it is that report (new, or a new version of it)."""
    NEW = "new"
    """``--new``: a report of its own, never a version of a stored one."""


class Saved(NamedTuple):
    """What saving a plan did."""

    outcome: Outcome
    report: str
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    status_changes: tuple[str, ...] = ()
    disagreements: tuple[str, ...] = ()
    """Actions where the file and an update made by hand disagree."""
    taken: str | None = None
    """The id the file's name gives, when another review has it (the file was stored under ``report``)."""
    why: str | None = None
    """Why the file is (``VERSION_OF``) or is not (``taken``; None with ``--new``) a version of that report."""
    same_bytes: tuple[str, ...] = ()
    """Other reports holding the same bytes (a file stored with ``--report`` all the same)."""


def save_plan(store: Store, plan: Plan, on: str | None = None, claim: Claim = Claim.NAME) -> Saved:
    """Store a plan in one transaction; ``on`` is the date its history entries take effect (default today).
    ``claim``: what the user said the file is (README "Report ids")."""
    on = on or today().isoformat()
    with store.write() as tx:
        settled = _settle(tx, plan, claim)
        if isinstance(settled, Saved):
            return settled
        plan, saved = settled
        report = plan.report
        before = _statuses(tx, report.id)
        replaced = tx.execute("SELECT 1 FROM reports WHERE id = ?", (report.id,)).fetchone() is not None
        if replaced:
            from . import history

            plan = _keep_review_facts(tx, plan)
            history.materialize(tx, report.id)
            delete_records(tx, report.id)
        first = not replaced and tx.execute("SELECT 1 FROM actions LIMIT 1").fetchone() is None
        with _indexes_after(tx) if first and not is_postgres(tx) else nullcontext():
            _insert(tx, plan, on)
        if not replaced:
            return saved
        current = {k: v[1] for k, v in before.items()}
        disagreements = history.reimport(
            tx, report.id, report.source_file, plan.actions, current, on, report.imported_at
        )
        tallies.recount(tx, report.id)
        after = _statuses(tx, report.id)
    return _diff(report.id, before, after, tuple(disagreements))._replace(same_bytes=saved.same_bytes)


def _settle(tx: Connection, plan: Plan, claim: Claim) -> Saved | tuple[Plan, Saved]:
    """Which report the file is: a final answer (unchanged, or not stored), or the plan to store (under the id it
    is to have) with what storing it as new will have done."""
    ident, sha256 = plan.report.id, plan.report.sha256
    same = [row[0] for row in tx.execute("SELECT id FROM reports WHERE sha256 = ? ORDER BY id", (sha256,))]
    if ident in same:
        return Saved(Outcome.UNCHANGED, ident)
    if claim is Claim.REPORT:  # the bytes are judged against that report alone: the user said which it is
        return plan, Saved(Outcome.NEW, ident, same_bytes=tuple(same))
    if same:
        return Saved(Outcome.SAME_AS, same[0])
    exists = tx.execute("SELECT 1 FROM reports WHERE id = ?", (ident,)).fetchone() is not None
    if claim is Claim.NAME:
        from . import versions

        marks = versions.marks_of(plan)
        if exists and versions.why_version(tx, ident, marks) is not None:
            return plan, Saved(Outcome.NEW, ident)
        other = versions.version_of(tx, marks, ident)
        if other is not None:
            return Saved(Outcome.VERSION_OF, other[0], why=other[1])
    if not exists:
        return plan, Saved(Outcome.NEW, ident)
    free = next(
        f"{ident}-{n}"
        for n in count(2)
        if tx.execute("SELECT 1 FROM reports WHERE id = ?", (f"{ident}-{n}",)).fetchone() is None
    )
    why = None if claim is Claim.NEW else "its title and recommendations differ from this file's"
    return renamed(plan, free), Saved(Outcome.NEW, free, taken=ident, why=why)


def _keep_review_facts(tx: Connection, plan: Plan) -> Plan:
    """A new version that does not say its year or kind of review keeps those of the version it replaces."""
    r = plan.report
    if r.year is not None and r.kind is not None:
        return plan
    year, kind = tx.execute("SELECT year, kind FROM reports WHERE id = ?", (r.id,)).fetchone()
    from dataclasses import replace

    return replace(
        plan,
        report=replace(r, year=r.year if r.year is not None else year, kind=r.kind if r.kind is not None else kind),
    )


def delete_records(tx: Connection, report: str) -> None:
    """Delete a report's records, its recommendations' terms included (not its history: a re-import keeps it,
    ``archive.remove`` archives it first)."""
    vectors.delete(tx, report)
    for table in _TABLES:
        tx.execute(f"DELETE FROM {table} WHERE report = ?", (report,))
    tx.execute("DELETE FROM reports WHERE id = ?", (report,))


@contextmanager
def _indexes_after(tx: Connection) -> Iterator[None]:
    """The secondary indexes of the tables an import fills, dropped and made again once the rows are in, in the
    caller's transaction: SQLite sorts each index once instead of placing every row in it as it goes (a tenth of a
    first import's store time). For a store with no actions yet, where the indexes are empty."""
    found = tx.execute(
        "SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN "
        f"({', '.join('?' * len(_INDEXED))}) ORDER BY name",
        _INDEXED,
    ).fetchall()
    for name, _ in found:
        tx.execute(f'DROP INDEX "{name}"')
    yield
    for _, sql in found:
        tx.execute(sql)


def _insert(tx: Connection, plan: Plan, on: str) -> None:
    r = plan.report
    report = r.id
    tx.execute(
        "INSERT INTO reports (id, title, source_file, sha256, imported_at, year, kind) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (report, r.title, r.source_file, r.sha256, r.imported_at, r.year, r.kind),
    )
    keys = [fold(link.target) for link in plan.links]
    agency_keys: dict[str, str] = {}
    for action in plan.actions:
        if action.agency not in agency_keys:
            agency_keys[action.agency] = fold(action.agency)
    _insert_recommendations(tx, plan, agency_keys, keys)
    _insert_links(tx, plan, keys)
    _insert_actions(tx, plan, agency_keys, on)
    tallies.count_statuses(tx, report, plan.actions, agency_keys, on)
    known = set(agency_keys.values())
    joint = {lead for lead in {action.lead for action in plan.actions} if _joint(lead)}
    tx.executemany(
        "INSERT INTO action_agencies VALUES (?, ?, ?)",
        (
            (action.id, key, report)
            for action in plan.actions
            if action.lead != action.agency or action.lead in joint
            for key in lead_keys(action, known)
        ),
    )
    tx.executemany(
        "INSERT INTO responses VALUES (?, ?, ?, ?)",
        ((action.id, report, _KIND[ref.kind], ref.number) for action in plan.actions for ref in action.responds_to),
    )


def _insert_recommendations(tx: Connection, plan: Plan, agency_keys: dict[str, str], keys: list[str]) -> None:
    report = plan.report.id
    progress = tallies.progress(plan.actions, agency_keys, plan.links, keys, plan.recommendations)
    tx.executemany(
        "INSERT INTO recommendations (report, kind, number, text, file, line, extra, cited, completed, "
        "place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                report,
                _KIND[rec.kind],
                rec.number,
                rec.text,
                rec.source.file,
                rec.source.line,
                extra_json(rec.extra),
                *progress.get((rec.kind, rec.number), (0, 0)),
                place_json(rec.source.place),
            )
            for rec in plan.recommendations
        ),
    )
    vectors.add(tx, [(report, _KIND[rec.kind], rec.number, rec.source.line, rec.text) for rec in plan.recommendations])


def _insert_links(tx: Connection, plan: Plan, keys: list[str]) -> None:
    report = plan.report.id
    tx.executemany(
        "INSERT INTO links VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (
                report,
                _KIND[link.rec.kind],
                link.rec.number,
                seq,
                link.agency,
                link.target,
                key,
                ",".join(link.refs),
                link.note,
                link.source.file,
                link.source.line,
                place_json(link.source.place),
            )
            for seq, (link, key) in enumerate(zip(plan.links, keys, strict=True))
        ),
    )
    tx.executemany(
        "INSERT INTO link_refs VALUES (?, ?, ?, ?, ?, ?)",
        (
            (report, _KIND[link.rec.kind], link.rec.number, seq, key, ref)
            for seq, (link, key) in enumerate(zip(plan.links, keys, strict=True))
            for ref in link.refs
        ),
    )


def _insert_actions(tx: Connection, plan: Plan, agency_keys: dict[str, str], on: str) -> None:
    """Each action in its columns (``action_columns``), with the import's date as its latest entry's."""
    names = (*action_columns.NAMES, "seq", "agency_key")
    tx.executemany(
        f"INSERT INTO actions ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
        (_action_values(a, on, seq, agency_keys[a.agency]) for seq, a in enumerate(plan.actions)),
    )


def _action_values(action: Action, on: str, seq: int, agency_key: str) -> list[object]:
    values = action_columns.stored(action)
    values[_UPDATED] = on
    values += (seq, agency_key)
    return values


_UPDATED = action_columns.NAMES.index("updated")


_KIND = {kind: kind.value for kind in RecKind}


def lead_keys(action: Action, known: Collection[str] = ()) -> set[str]:
    """The other agencies an action belongs to, besides its table's: each named in its ``/``-joined lead, and each
    agency of the plan (``known``, folded) that its lead joins with ``and``, ``&``, ``;`` or a comma (``Police and
    Health``: a name like ``Children and Families Services`` names no agency of the plan in its parts)."""
    own = fold(action.agency)
    parts = {fold(p) for p in action.lead.split("/")} if action.lead != action.agency else set()
    if known and _joint(action.lead):
        parts.update(part for part in (fold(p) for p in _JOINED.split(action.lead)) if part in known)
    return {part for part in parts if part and part != own}


_JOINED = re.compile(r"\s+and\s+|\s*[&;,/]\s*", re.IGNORECASE)


def _joint(lead: str) -> bool:
    """A lead that may join agencies: not one body's name such as ``Health and Wellbeing Board`` or ``Police and
    Crime Commissioner`` (a word, ``and``, then words ending in an institution's)."""
    if not (" and " in lead or "&" in lead or "," in lead or ";" in lead):
        return False
    parts = _JOINED.split(lead)
    if len(parts) == 2 and len(parts[0].split()) == 1:
        words = parts[1].split()
        return not words or words[-1].casefold() not in _INSTITUTIONS
    return True


_INSTITUTIONS = frozenset(
    {
        "board",
        "trust",
        "council",
        "partnership",
        "service",
        "services",
        "team",
        "panel",
        "unit",
        "commissioner",
        "group",
        "hub",
        "centre",
        "center",
        "network",
        "forum",
        "committee",
        "authority",
    }
)


def _statuses(tx: Connection, report: str) -> dict[str, tuple[str, str]]:
    rows = tx.execute("SELECT id, agency, number, status FROM actions WHERE report = ?", (report,))
    return {row[0]: (_label(row[1], row[2]), row[3]) for row in rows}


def _label(agency: str, number: str | None) -> str:
    return f"{agency} {number}" if number else f"{agency} (response)"


def _diff(
    report: str, before: dict[str, tuple[str, str]], after: dict[str, tuple[str, str]], disagreements: tuple[str, ...]
) -> Saved:
    added = tuple(after[i][0] for i in after if i not in before)
    removed = tuple(before[i][0] for i in before if i not in after)
    changes = tuple(
        f"{after[i][0]}: {before[i][1]} -> {after[i][1]}" for i in after if i in before and before[i][1] != after[i][1]
    )
    return Saved(Outcome.REPLACED, report, added, removed, changes, disagreements)
