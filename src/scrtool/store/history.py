"""Every status, target and RAG judgement of an action, kept as history: imports from files, updates by hand, and
retractions withdrawing an update. Nothing is ever deleted.

An action's current state is read from its history by one rule (replay.py). Re-importing a plan adds an entry only
for what the file changed, so updates made by hand are never erased. Each entry has a short stable id: ``h`` and
its order among the action's entries as recorded (``h1`` is its import).

A first import writes no rows here: until something changes an action, its row in ``actions`` is exactly what the
file said, and its import entry is read from that row. The entry is written (``materialize``) just before the
first change: an update by hand, or a re-import of the report.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..errors import UsageError
from ..model import Action, HistoryEntry, Status
from . import current, decode, tallies
from .engine import Connection

_INSERT = (
    "INSERT INTO history (action_id, report, on_date, recorded_at, source, by, from_status, to_status, "
    "status_text, note, evidence, due, reason, rag, rag_reason, retracts, forced) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_COLUMNS = (
    "action_id, on_date, recorded_at, source, by, from_status, to_status, status_text, note, evidence, "
    "due, reason, rag, rag_reason, forced"
)


@dataclass(frozen=True, slots=True)
class Update:
    """An update recorded by hand (``scrtool update``), or an agency's answer in a return (``source`` return)."""

    on: str
    recorded_at: str
    by: str | None = None
    status: Status | None = None
    status_text: str | None = None
    note: str | None = None
    evidence: str | None = None
    due: str | None = None
    reason: str | None = None
    rag: str | None = None
    """A RAG judgement (``red``, ``amber``, ``green``, ``blue``)."""
    rag_reason: str | None = None
    source: str = "manual"
    """``manual``; another way of recording an update (an agency's return) names itself here."""
    forced: str | None = None
    """A return's answer applied with ``--force``: the change by another hand it was applied over."""


_UNTOUCHED = (
    "SELECT a.id, a.updated, r.imported_at, 'import', NULL, NULL, a.status, a.status_text, "
    "'imported from ' || r.source_file, NULL, a.target, NULL, a.rag, NULL, NULL "
    "FROM actions a JOIN reports r ON r.id = a.report "
    "WHERE {where} AND NOT EXISTS (SELECT 1 FROM history h WHERE h.action_id = a.id)"
)
"""The import entry of each action nothing has changed since its first import, read from its row."""


def materialize(tx: Connection, report: str, action_id: str | None = None) -> None:
    """Write the import entry of untouched actions (all of a report's, or one) before something changes them."""
    where = "a.report = ?" + (" AND a.id = ?" if action_id else "")
    params = (report, action_id) if action_id else (report,)
    tx.execute(
        f"INSERT INTO history (action_id, on_date, recorded_at, source, by, from_status, to_status, "
        f"status_text, note, evidence, due, reason, rag, rag_reason, forced, report) SELECT *, ? FROM "
        f"({_UNTOUCHED.format(where=where)} ORDER BY a.seq) AS u",
        (report, *params),
    )


def reimport(
    tx: Connection, report: str, file: str, actions: Sequence[Action], before: dict[str, str], on: str, recorded_at: str
) -> list[str]:
    """Add an entry for each status or target the file changed, recompute the current values, and return a
    line for each action where the file and an update made by hand disagree."""
    last_file = _last_import(tx, report)
    manual = _last_manual(tx, report)
    rows, messages = [], []
    for a in actions:
        previous = last_file.get(a.id)
        status_changed = previous is None or previous[0] != a.status.value
        due_changed = previous is None or (a.target is not None and previous[1] != a.target)
        rag_changed = a.rag is not None and (previous is None or previous[3] != a.rag)
        if status_changed or due_changed or rag_changed:
            rows.append(
                (
                    a.id,
                    report,
                    on,
                    recorded_at,
                    "import",
                    None,
                    before.get(a.id),
                    a.status.value if status_changed else None,
                    a.status_text if status_changed else None,
                    f"changed in {file}" if previous else f"imported from {file}",
                    None,
                    a.target if due_changed else None,
                    None,
                    a.rag if rag_changed else None,
                    None,
                    None,
                    None,
                )
            )
        by_hand = manual.get(a.id)
        if by_hand and previous and by_hand[0] > previous[2] and by_hand[1] != a.status.value:
            keep = "the file's (newer)" if status_changed else "the update"
            messages.append(
                f"{a.label}: the file says {a.status.value}, an update by hand on {by_hand[2]} says "
                f"{by_hand[1]}; keeping {keep}"
            )
    tx.executemany(_INSERT, rows)
    current.recompute(tx, report)
    return messages


def record(tx: Connection, action: Action, update: Update | None, retract: Retraction | None = None) -> None:
    """Record an update, a retraction, or both (an amendment: the retraction first), and recompute the action."""
    materialize(tx, action.report, action.id)
    if retract is not None:
        tx.execute(
            _INSERT,
            (
                action.id,
                action.report,
                retract.on,
                retract.recorded_at,
                "retraction",
                retract.by,
                None,
                None,
                None,
                None,
                None,
                None,
                retract.reason,
                None,
                None,
                retract.entry,
                None,
            ),
        )
    if update is not None:
        tx.execute(_INSERT, _values(action, update))
    current.recompute(tx, action.report, action.id)
    tallies.recount(tx, action.report, action.id)
    tx.execute("DELETE FROM search_indexed WHERE report = ?", (action.report,))  # its note: indexed again


@dataclass(frozen=True, slots=True)
class Retraction:
    """An entry withdrawn (``update --retract``): nothing is deleted; the action is recomputed without it."""

    entry: int
    """The stored row withdrawn (``stored_entry`` finds it from its id)."""
    on: str
    recorded_at: str
    reason: str
    by: str | None = None


def record_many(tx: Connection, changes: Sequence[tuple[Action, Update]]) -> None:
    """``record`` for several updates (a return's rows): the same entries, with the import entries written out, the
    actions recomputed and each report's tallies recounted once for them all rather than once per action."""
    reports: dict[str, list[str]] = {}
    for action, _ in changes:
        reports.setdefault(action.report, []).append(action.id)
    for report, ids in reports.items():
        for chunk in (ids[start : start + 500] for start in range(0, len(ids), 500)):
            marks = ", ".join("?" * len(chunk))
            tx.execute(
                f"INSERT INTO history (action_id, on_date, recorded_at, source, by, from_status, to_status, "
                f"status_text, note, evidence, due, reason, rag, rag_reason, forced, report) SELECT *, ? FROM "
                f"({_UNTOUCHED.format(where=f'a.id IN ({marks})')} ORDER BY a.seq) AS u",
                (report, *chunk),  # by id alone (the ids are the report's): by report would walk all its actions
            )
    tx.executemany(_INSERT, [_values(action, update) for action, update in changes])
    for report, ids in reports.items():
        for chunk in (ids[start : start + 500] for start in range(0, len(ids), 500)):
            current.recompute_ids(tx, chunk)
        tallies.recount_many(tx, report, ids)
        tx.execute("DELETE FROM search_indexed WHERE report = ?", (report,))  # their notes: indexed again


def _values(action: Action, update: Update) -> tuple[object, ...]:
    """An update's history row, as ``_INSERT`` takes it (the action's status before it: ``from_status``)."""
    return (
        action.id,
        action.report,
        update.on,
        update.recorded_at,
        update.source,
        update.by,
        action.status.value if update.status else None,
        update.status.value if update.status else None,
        update.status_text,
        update.note,
        update.evidence,
        update.due,
        update.reason,
        update.rag,
        update.rag_reason,
        None,
        update.forced,
    )


def entries(conn: Connection, action_id: str) -> list[HistoryEntry]:
    """An action's entries in the order they were recorded, each with its id (and who withdrew it, if one did)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS}, id, retracts FROM history WHERE action_id = ? ORDER BY id", (action_id,)
    ).fetchall()
    if not rows:
        return [
            replace(_entry(row), ident="h1")
            for row in conn.execute(_UNTOUCHED.format(where="a.id = ?"), (action_id,)).fetchall()
        ]
    idents = {row[-2]: f"h{n}" for n, row in enumerate(rows, start=1)}
    withdrawn = {row[-1]: idents[row[-2]] for row in rows if row[-1] is not None}
    return [
        replace(
            _entry(row[:-2]),
            ident=idents[row[-2]],
            retracts=idents.get(row[-1]) if row[-1] else None,
            retracted_by=withdrawn.get(row[-2]),
        )
        for row in rows
    ]


def stored_entry(conn: Connection, action_id: str, ident: str) -> tuple[int, HistoryEntry]:
    """The stored row id and the entry of an action's history entry named by its id (``h3``); UsageError
    naming the ids there are, for an id it does not have."""
    shown = entries(conn, action_id)
    wanted = ident.strip().lower()
    found = next((e for e in shown if e.ident == wanted), None)
    if found is None:
        raise UsageError(
            f"no history entry {ident!r} for this action; its entries are "
            f"{', '.join(e.ident for e in shown)} (scrtool history)"
        )
    rows = [row[0] for row in conn.execute("SELECT id FROM history WHERE action_id = ? ORDER BY id", (action_id,))]
    number = int(wanted[1:]) - 1
    return (rows[number] if number < len(rows) else 0), found


_NUMBERED = (
    f"(SELECT {_COLUMNS}, id, ROW_NUMBER() OVER (PARTITION BY action_id ORDER BY id) AS ordinal, "
    "MAX(id) OVER (PARTITION BY action_id) AS newest FROM history WHERE report = ?) AS numbered"
)
"""A report's stored entries, each with its place among its action's entries (its id's number) and its action's
newest entry."""


def latest(conn: Connection, report: str) -> dict[str, HistoryEntry]:
    """action id -> its latest history entry as recorded, for every action of a report (each with its id)."""
    rows = conn.execute(
        f"SELECT {_COLUMNS}, ordinal FROM {_NUMBERED} WHERE id = newest "
        f"UNION ALL SELECT *, 1 FROM ({_UNTOUCHED.format(where='a.report = ?')}) AS u",
        (report, report),
    )
    return {entry.action_id: entry for entry in map(_numbered, rows)}


def since(conn: Connection, report: str, day: str) -> list[HistoryEntry]:
    """A report's entries that took effect on or after ``day``, in that order (each with its id)."""
    untouched = _UNTOUCHED.format(where="a.report = ? AND a.updated >= ?")
    rows = conn.execute(
        f"SELECT * FROM (SELECT {_COLUMNS}, ordinal, id AS n FROM {_NUMBERED} WHERE on_date >= ? "
        f"UNION ALL SELECT *, 1, 0 FROM ({untouched}) AS u) AS e ORDER BY 2, n",
        (report, day, report, day),
    )
    return [_numbered(row[:-1]) for row in rows]


def _numbered(row: tuple[object, ...]) -> HistoryEntry:
    """An entry from its columns followed by its place among its action's entries."""
    return _entry(row[:-1], f"h{row[-1]}")


def of_report(conn: Connection, report: str) -> list[HistoryEntry]:
    """Every history entry of a report's actions (imports included, each with its id), each action's in the order
    recorded; the actions in plan order."""
    rows = conn.execute(
        f"SELECT h.* FROM (SELECT {_COLUMNS}, ordinal, id AS n FROM {_NUMBERED} UNION ALL SELECT *, 1, 0 FROM "
        f"({_UNTOUCHED.format(where='a.report = ?')}) AS u) h JOIN actions a ON a.id = h.action_id ORDER BY a.seq, h.n",
        (report, report),
    )
    return [_numbered(row[:-1]) for row in rows]


def _entry(row: tuple[object, ...], ident: str = "") -> HistoryEntry:
    (
        action_id,
        on,
        recorded_at,
        source,
        by,
        from_status,
        to_status,
        status_text,
        note,
        evidence,
        due,
        reason,
        rag,
        rag_reason,
        forced,
    ) = row
    what = f"a history entry of action {action_id!r}"
    return HistoryEntry(
        str(action_id),
        str(on),
        str(recorded_at),
        str(source),
        _opt(by),
        decode.status(from_status, what) if from_status else None,
        decode.status(to_status, what) if to_status else None,
        _opt(status_text),
        _opt(note),
        _opt(evidence),
        _opt(due),
        _opt(reason),
        _opt(rag),
        _opt(rag_reason),
        ident,
        forced=_opt(forced),
    )


def _opt(value: object) -> str | None:
    return None if value is None else str(value)


def _last_import(tx: Connection, report: str) -> dict[str, tuple[str | None, str | None, int, str | None]]:
    """action id -> (status the files last gave, target they last gave, id of the last import entry, the RAG
    judgement they last gave)."""
    out: dict[str, tuple[str | None, str | None, int, str | None]] = {}
    for action_id, to_status, due, ident, rag in tx.execute(
        "SELECT action_id, to_status, due, id, rag FROM history WHERE report = ? AND source = 'import' ORDER BY id",
        (report,),
    ):
        status, target, _, judged = out.get(action_id, (None, None, 0, None))
        out[action_id] = (to_status or status, due or target, ident, rag or judged)
    return out


def _last_manual(tx: Connection, report: str) -> dict[str, tuple[int, str, str]]:
    """action id -> (entry id, status, date) of its latest status update made by hand and not withdrawn."""
    rows = tx.execute(
        "SELECT action_id, id, to_status, on_date FROM history h WHERE report = ? AND source NOT IN "
        "('import', 'retraction') AND to_status IS NOT NULL AND NOT EXISTS (SELECT 1 FROM history w "
        "WHERE w.action_id = h.action_id AND w.retracts = h.id) ORDER BY id",
        (report,),
    )
    return {action_id: (ident, status, on) for action_id, ident, status, on in rows}
