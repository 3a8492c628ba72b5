"""``returns apply``: a returned workbook's answers recorded as history, one entry per action (source ``return``),
each as ``scrtool update`` records one (store/history.py ``record``).

A file is checked whole before anything of it is written: a bad cell is one line naming it (``FILE: Return!F7:
...``) and nothing of that file is applied. A row whose action was changed by another hand since the return was
issued (an update by hand, a re-import that changed it) is a conflict, held back unless ``force``. An answer
applied before is not applied again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import clock
from ..errors import InputError
from ..parse import returnbook
from ..render.safe import file_name
from ..store import history, read
from ..store import returns as stored
from ..store.db import Store
from . import answers

RAG_REASON = "the agency's own judgement, in its return"
"""A return's RAG is the agency's judgement, recorded as such (the board's is an entry of its own)."""
MAX_SIZE = 256 << 20
"""The most a return may unpack to by default: a 50,000-row return unpacks to some 57 MB, one of the most rows read
(parse/returnbook.py MAX_ROWS, 200,000) to some 230 MB; it is read streamed, so memory stays bounded whatever its
size (the limit bounds the time a zip bomb could take)."""
MAX_PROBLEMS = 20
"""Problems shown for one file; the rest are counted in one line."""


@dataclass(slots=True)
class Applied:
    """What applying one file did (or would do, in a dry run)."""

    file: str
    problems: list[str] = field(default_factory=list)
    """Lines naming bad cells (at most MAX_PROBLEMS and a count): nothing of the file was applied."""
    recorded: list[str] = field(default_factory=list)
    """A line per entry recorded (or that would be)."""
    already: int = 0
    conflicts: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    agency: str | None = None


@dataclass(frozen=True, slots=True)
class Options:
    dry_run: bool = False
    force: bool = False
    require_evidence: bool = False
    max_size: int = MAX_SIZE


def apply(store: Store, path: str, options: Options) -> Applied:
    done = Applied(path)
    try:
        returned = returnbook.read(path, options.max_size)
    except InputError as exc:
        done.problems.append(exc.message)
        return done
    shown = file_name(path)
    ids = sorted({row.ref.value for row in returned.rows if isinstance(row.ref.value, str) and row.ref.value})
    actions = read.actions_by_id(store.conn, ids)
    if len(ids) > 1 and not actions:  # one unknown Ref is named at its cell
        done.problems.append(
            f"{shown}: none of its {len(ids):,} Ref(s) is an action in this store ({ids[0]!r} is not): a return is "
            "applied to the store it was issued from (--db); nothing from this file was applied"
        )
        return done
    checked = answers.check(returned, actions, options.require_evidence)
    if checked.problems:
        cut = checked.problems[:MAX_PROBLEMS]
        done.problems = [f"{shown}: {returned.where}{at}: {message}" for at, message in cut]
        more = len(checked.problems) - len(cut)
        done.problems.append(
            f"{shown}: {len(checked.problems):,} problem(s)"
            + (f" ({more:,} more not shown)" if more else "")
            + "; nothing from this file was applied"
        )
        return done
    done.warnings = [f"{shown}: {returned.where}{at}: {message}" for at, message in checked.warnings]
    done.agency = returned.record.agency if returned.record else None
    found = stored.applied_answers(store.conn, [(a.action.id, a.digest) for a in checked.answers])
    fresh = [a for a in checked.answers if (a.action.id, a.digest) not in found]
    done.already = len(checked.answers) - len(fresh)
    tokens, changes = _changes(store, returned, fresh)
    today = clock.today().isoformat()
    plan: list[tuple[answers.Answer, str, str | None]] = []
    for a in fresh:
        change = changes.get(a.action.id)
        where = f"{shown}: {returned.where}{a.at}: "
        if change is not None:
            line = where + _conflict(a, change, options.force)
            done.conflicts.append(line)
            if not options.force:
                plan.append((a, "conflict", None))
                continue
        done.recorded.append(where + ("would record " if options.dry_run else "recorded ") + a.describe())
        plan.append((a, "applied", None) if change is None else (a, "forced", changed_by(change)))
    if not options.dry_run and plan:
        _record(store, plan, tokens, today)
    return done


def _changes(
    store: Store, returned: returnbook.Returned, fresh: list[answers.Answer]
) -> tuple[dict[str, str], dict[str, stored.Change]]:
    """(action id -> the token of the return it answers, action id -> its change by another hand since)."""
    ids = [a.action.id for a in fresh]
    record = returned.record
    mark = stored.issue_mark(store.conn, record.token) if record is not None else None
    if record is not None and mark is not None:
        issued = {i: mark for i in ids if i in record.rows}
        return {i: record.token for i in issued}, stored.changed_since_mark(store.conn, issued)
    latest = stored.latest_tokens(store.conn, ids)
    tokens = {i: token for i, (token, _) in latest.items()}
    days = {a.action.id: a.last_update for a in fresh if a.last_update}
    by_mark = {i: m for i, (_, m) in latest.items() if i not in days}
    return tokens, {**stored.changed_since_mark(store.conn, by_mark), **stored.changed_after_day(store.conn, days)}


def _conflict(a: answers.Answer, change: stored.Change, force: bool) -> str:
    now = a.action
    said = f"{now.status.value}" + (f", due {now.due}" if now.due else "")
    end = "applied anyway (--force)" if force else "not applied (--force applies it)"
    return (
        f"conflict: {now.label} was changed after the return was issued ({changed_by(change)}): the store "
        f"says {said}; the return says {a.describe()}; {end}"
    )


def changed_by(change: stored.Change) -> str:
    """The change by another hand a conflicting answer met: ``an update by hand on 2026-01-15 by J Smith``."""
    hand = "an update by hand" if change.source == "manual" else f"a {change.source}"
    return f"{hand} on {change.on}" + (f" by {change.by}" if change.by else "")


def _record(
    store: Store, plan: list[tuple[answers.Answer, str, str | None]], tokens: dict[str, str], today: str
) -> None:
    recorded_at = clock.now_utc()
    applied = [(a, over) for a, outcome, over in plan if outcome != "conflict"]
    with store.write() as tx:
        current = read.actions_by_id(tx, [a.action.id for a, _ in applied])
        history.record_many(
            tx,
            [
                (
                    current.get(a.action.id, a.action),
                    history.Update(
                        on=a.on or today,
                        recorded_at=recorded_at,
                        by=a.by,
                        status=a.status,
                        status_text=a.status.value if a.status else None,
                        note=a.note,
                        evidence=a.evidence,
                        due=a.due,
                        reason=a.reason,
                        rag=a.rag,
                        rag_reason=RAG_REASON if a.rag else None,
                        source="return",
                        forced=over,
                    ),
                )
                for a, over in applied
            ],
        )
        stored.record_answers(
            tx, [(a.action.id, a.digest, tokens.get(a.action.id), outcome) for a, outcome, _ in plan], today
        )
