"""Reading records back out of the store, as model objects; filters are SQL, never a full load.

A value scrtool never writes (a status or kind it does not know, extra cells that are not a JSON object of text)
means the store was changed by another hand or damaged: ``StoreError`` "damaged store: ..." (exit 5), never a crash.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from ..model import Action, Link, Recommendation, RecRef, Report, Source, Status
from ..names import fold
from ..rag import overdue_sql
from . import action_columns
from .decode import extra, kind, place, status
from .engine import Connection, is_postgres

_REC_COLUMNS = "report, kind, number, text, file, line, extra, place"
_ACTION_COLUMNS = action_columns.SELECTED


def reports(conn: Connection) -> list[Report]:
    rows = conn.execute("SELECT id, title, source_file, sha256, imported_at FROM reports ORDER BY id")
    return [Report(*row) for row in rows]


def report_ids(conn: Connection) -> list[str]:
    return [row[0] for row in conn.execute("SELECT id FROM reports ORDER BY id")]


@dataclass(frozen=True, slots=True)
class Selection:
    """Which actions to read, as the store names them (``query.ActionFilter`` once resolved); a field left None
    (or False) does not narrow the actions."""

    report: str | None = None
    agency_keys: tuple[str, ...] | None = None
    """The folded agencies (one agency's names in several reports): their own tables' actions and those they lead
    jointly (``action_agencies``)."""
    statuses: tuple[Status, ...] | None = None
    rec: RecRef | None = None
    """The actions this recommendation cites."""
    due_before: str | None = None
    """An ISO date: due before it."""
    overdue_on: str | None = None
    """An ISO date: overdue on it (rag.is_overdue: marked overdue, or due before it and not completed)."""


def actions(conn: Connection, report: str | None = None) -> list[Action]:
    """A report's actions (every report's with None) in plan order."""
    return list(iter_actions(conn, Selection(report)))


def iter_actions(conn: Connection, chosen: Selection) -> Iterator[Action]:
    """The actions ``chosen`` picks in plan order, filtered in SQL and read from the cursor ``_FEW`` rows at a time
    as they are asked for: a long list is written as it is read, never held whole. The store stays open (and read)
    until the last is taken."""
    picked, params = _picked(chosen, conn)
    rows = conn.execute(f"SELECT {_ACTION_COLUMNS}{picked} ORDER BY a.report, a.seq", params)
    while chunk := rows.fetchmany(_FEW):
        yield from _with_responses(conn, chunk)


def reports_among(conn: Connection, chosen: Selection) -> int:
    """How many reports the actions ``chosen`` picks come from: 0, 1, or 2 for two or more."""
    picked, params = _picked(chosen, conn)
    return len(conn.execute(f"SELECT DISTINCT a.report{picked} LIMIT 2", params).fetchall())


def action_lines(
    conn: Connection, rating: tuple[str, Sequence[str]], one_report: bool, chosen: Selection
) -> Iterator[tuple[str, ...]]:
    """The same actions as ``iter_actions``, as (agency, number, status, rag, due, text, outcome) tuples rated in
    SQL, for writing a long list without building records, read from the cursor as they are asked for; led by the
    report's id unless ``one_report`` (the caller knows they all come from one report). In plan order: a report's
    actions are stored in plan order, so within a report it is rowid order, which the lookup gives without a
    sort; across reports, the (report, seq) index's order (``report, rowid`` would sort each report's rows in
    memory); on PostgreSQL, (report, seq) order always."""
    picked, params = _picked(chosen, conn)
    expression, rag_params = rating
    sql = (
        f"SELECT {'' if one_report else 'a.report, '}a.agency, COALESCE(a.number, '-'), a.status, "
        f"COALESCE({expression}, '-'), COALESCE(CAST(a.due AS TEXT), '-'), a.text, a.outcome{picked} "
        f"ORDER BY {'a.rowid' if one_report and _row(conn) == 'rowid' else 'a.report, a.seq'}"
    )
    at = 2 if one_report else 3
    for row in conn.execute(sql, [*rag_params, *params]):
        if row[at] not in _KNOWN:
            status(row[at], f"action {row[at - 1]} of {row[at - 2]!r}")
        yield row


def _row(conn: Connection) -> str:
    """The column that names an action's row: SQLite's rowid, or its id on PostgreSQL (which has no rowid)."""
    return "id" if is_postgres(conn) else "rowid"


def _picked(chosen: Selection, conn: Connection) -> tuple[str, list[object]]:
    """`` FROM ... a WHERE ...``: the actions ``chosen`` picks, as ``a``; and the query's parameters."""
    row = _row(conn)
    report, agency_keys, statuses, rec = chosen.report, chosen.agency_keys, chosen.statuses, chosen.rec
    source = "actions"
    where: list[str] = []
    params: list[object] = []
    if rec is not None:
        where.append(
            f"a.{row} IN (SELECT b.{row} FROM link_refs r JOIN actions b ON b.report = r.report AND "
            "b.agency_key = r.target_key AND b.number = r.number WHERE r.kind = ? AND r.rec_number = ?"
            + (" AND r.report = ?" if report else "")
            + ")"
        )
        params += [rec.kind.value, rec.number] + ([report] if report else [])
    if report:
        where.append("a.report = ?")
        params.append(report)
    if agency_keys and is_postgres(conn):
        source, params = _pg_agency_actions(agency_keys)
    elif agency_keys:
        marks = ", ".join("?" * len(agency_keys))
        where.append(
            f"a.{row} IN (SELECT {row} FROM actions WHERE agency_key IN ({marks}) UNION SELECT b.{row} "
            f"FROM action_agencies x JOIN actions b ON b.id = x.action_id WHERE x.key IN ({marks}))"
        )
        params += [*agency_keys, *agency_keys]
    if statuses:
        where.append(f"a.status IN ({', '.join('?' * len(statuses))})")
        params += [s.value for s in statuses]
    if chosen.due_before:
        where.append("a.due IS NOT NULL AND a.due < ?")
        params.append(chosen.due_before)
    if chosen.overdue_on:
        where.append(overdue_sql("a."))
        params.append(chosen.overdue_on)
    return f" FROM {source} a" + (" WHERE " + " AND ".join(where) if where else ""), params


def _pg_agency_actions(agency_keys: Sequence[str]) -> tuple[str, list[object]]:
    """The agencies' own actions and those they lead jointly, as one table, on PostgreSQL: each part is found by its
    index and the other filters apply within each, where SQLite's ``rowid IN (... UNION ...)`` made PostgreSQL's
    planner read every action of the store (``list --agency`` on 100k actions: 75 ms against 27 ms)."""
    marks = ", ".join("?" * len(agency_keys))
    return (
        f"(SELECT * FROM actions WHERE agency_key IN ({marks}) UNION ALL SELECT * FROM actions WHERE id IN "
        f"(SELECT action_id FROM action_agencies WHERE key IN ({marks})) AND agency_key NOT IN ({marks}))",
        [*agency_keys, *agency_keys, *agency_keys],
    )


def actions_by_id(conn: Connection, ids: Sequence[str]) -> dict[str, Action]:
    """id -> action, for those of ``ids`` the store holds."""
    found: dict[str, Action] = {}
    for start in range(0, len(ids), _FEW):
        chunk = list(ids[start : start + _FEW])
        rows = conn.execute(
            f"SELECT {_ACTION_COLUMNS} FROM actions a WHERE a.id IN ({', '.join('?' * len(chunk))})", chunk
        ).fetchall()
        found.update((a.id, a) for a in _with_responses(conn, rows))
    return found


def action(conn: Connection, report: str, agency_key: str, number: str) -> Action | None:
    rows = conn.execute(
        f"SELECT {_ACTION_COLUMNS} FROM actions a WHERE a.report = ? AND a.agency_key = ? AND a.number = ?",
        (report, agency_key, number),
    ).fetchall()
    found = _with_responses(conn, rows)
    return found[0] if found else None


def cited_actions(conn: Connection, report: str, target_key: str, numbers: Iterable[str]) -> dict[str, Action]:
    wanted = list(numbers)
    if not wanted:
        return {}
    rows = conn.execute(
        f"SELECT {_ACTION_COLUMNS} FROM actions a WHERE a.report = ? AND a.agency_key = ? "
        f"AND a.number IN ({', '.join('?' * len(wanted))})",
        [report, target_key, *wanted],
    )
    return {a.number or "": a for a in _with_responses(conn, rows.fetchall())}


def responses(conn: Connection, report: str, rec: RecRef) -> list[Action]:
    rows = conn.execute(
        f"SELECT {_ACTION_COLUMNS} FROM responses r JOIN actions a ON a.id = r.action_id "
        "WHERE r.report = ? AND r.kind = ? AND r.rec_number = ? ORDER BY a.seq",
        (report, rec.kind.value, rec.number),
    ).fetchall()
    return _with_responses(conn, rows)


def recommendations(conn: Connection, report: str) -> list[Recommendation]:
    rows = conn.execute(f"SELECT {_REC_COLUMNS} FROM recommendations WHERE report = ? ORDER BY kind, line", (report,))
    return [_recommendation(r) for r in rows]


def recommendation(conn: Connection, report: str, rec: RecRef) -> Recommendation | None:
    row = conn.execute(
        f"SELECT {_REC_COLUMNS} FROM recommendations WHERE report = ? AND kind = ? AND number = ?",
        (report, rec.kind.value, rec.number),
    ).fetchone()
    return _recommendation(row) if row else None


def _recommendation(r: tuple[str, str, str, str, str, int, str, str | None]) -> Recommendation:
    what = f"recommendation {r[2]} of report {r[0]!r}"
    return Recommendation(r[0], kind(r[1], what), r[2], r[3], Source(r[4], r[5], place(r[7], what)), extra(r[6], what))


def links(conn: Connection, report: str, rec: RecRef | None = None) -> list[Link]:
    sql = "SELECT report, kind, rec_number, agency, target, refs, note, file, line, place FROM links WHERE report = ?"
    params: list[object] = [report]
    order = " ORDER BY seq"
    if rec is not None:
        sql += " AND kind = ? AND rec_number = ?"
        params += [rec.kind.value, rec.number]
        order = " ORDER BY +seq"  # SQLite would walk the whole report's links in key order to spare sorting a few
    rows = conn.execute(sql + order, params)
    return [
        Link(
            r[0],
            RecRef(kind(r[1], f"a link of report {r[0]!r}"), r[2]),
            r[3],
            r[4],
            tuple(r[5].split(",")) if r[5] else (),
            r[6],
            Source(r[7], r[8], place(r[9], "a link")),
        )
        for r in rows
    ]


def citing(conn: Connection, action: Action) -> list[RecRef]:
    """The recommendations whose agency rows cite this action."""
    if action.number is None:
        return []
    rows = conn.execute(
        "SELECT DISTINCT kind, rec_number FROM link_refs WHERE report = ? AND target_key = ? "
        "AND number = ? ORDER BY kind, rec_number",
        (action.report, fold(action.agency), action.number),
    )
    return [RecRef(kind(k, f"a citation of action {action.id!r}"), number) for k, number in rows]


def agency_exists(conn: Connection, key: str, report: str | None = None) -> bool:
    """Whether an agency (folded name) owns actions, leads one, or is named against a recommendation."""
    cond = " AND report = ?" if report else ""
    params = (key, report) if report else (key,)
    return any(
        conn.execute(f"SELECT 1 FROM {table} WHERE {column} = ?{cond} LIMIT 1", params).fetchone()
        for table, column in (("actions", "agency_key"), ("action_agencies", "key"), ("links", "target_key"))
    )


def owns_actions(conn: Connection, key: str, report: str | None = None) -> bool:
    """Whether an agency (folded name) has actions of its own (a table), in ``report`` or any."""
    cond = " AND report = ?" if report else ""
    return (
        conn.execute(
            f"SELECT 1 FROM actions WHERE agency_key = ?{cond} LIMIT 1", (key, report) if report else (key,)
        ).fetchone()
        is not None
    )


def owners(conn: Connection, keys: Sequence[str], report: str | None = None) -> dict[str, set[str]]:
    """Report -> which of ``keys`` (folded agency names) have actions of their own there."""
    found: dict[str, set[str]] = {}
    for key in keys:
        cond = " AND report = ?" if report else ""
        for (rid,) in conn.execute(
            f"SELECT DISTINCT report FROM tally_status WHERE agency_key = ?{cond}", (key, report) if report else (key,)
        ):
            found.setdefault(rid, set()).add(key)
    return found


def agency_names(conn: Connection, report: str | None = None, links: bool = True) -> dict[str, str]:
    """Folded name -> name as written, for every agency with a table (read from the counts kept at write time: a
    few rows an agency, not every action) and, with ``links``, every agency named against a recommendation."""
    params: list[object] = ([report, report] if links else [report]) if report else []
    cond = " WHERE report = ?" if report else ""
    if is_postgres(conn):  # no bare columns: each agency as its first row writes it
        sql = f"(SELECT DISTINCT ON (agency_key) agency_key, agency FROM tally_status{cond} ORDER BY 1, report, 2)"
        if links:
            sql += (
                f" UNION ALL (SELECT DISTINCT ON (target_key) target_key, target FROM links{cond} "
                "ORDER BY target_key, seq)"
            )
    else:
        sql = f"SELECT agency_key, agency FROM tally_status{cond} GROUP BY agency_key"
        if links:
            sql += f" UNION ALL SELECT target_key, target FROM links{cond} GROUP BY target_key"
    names: dict[str, str] = {}
    for key, name in conn.execute(sql, params):
        names.setdefault(key, name)
    return names


def lead_keys(conn: Connection, report: str | None = None) -> set[str]:
    cond = " WHERE report = ?" if report else ""
    return {
        row[0] for row in conn.execute(f"SELECT DISTINCT key FROM action_agencies{cond}", [report] if report else [])
    }


def citations(conn: Connection, report: str) -> dict[str, list[RecRef]]:
    """action id -> the recommendations citing it, for every cited action of a report."""
    out: dict[str, list[RecRef]] = {}
    joined = (
        "FROM link_refs r JOIN actions a ON a.report = r.report AND a.agency_key = r.target_key "
        "AND a.number = r.number WHERE r.report = ?"
    )
    if is_postgres(conn):  # DISTINCT cannot order by what it does not select there
        sql = (
            f"SELECT a.id, r.kind, r.rec_number {joined} GROUP BY a.id, r.kind, r.rec_number "
            "ORDER BY MIN(a.seq), r.kind, MIN(r.seq)"
        )
    else:
        sql = f"SELECT DISTINCT a.id, r.kind, r.rec_number {joined} ORDER BY a.seq, r.kind, r.seq"
    for action_id, k, number in conn.execute(sql, (report,)):
        out.setdefault(action_id, []).append(RecRef(kind(k, f"a citation of action {action_id!r}"), number))
    return out


def _with_responses(conn: Connection, rows: list[tuple[object, ...]]) -> list[Action]:
    if not rows:
        return []
    answers: dict[str, list[RecRef]] = {}
    if len(rows) <= _FEW:  # look up these actions' answers by id, not every answer of their reports
        keys, where = [str(row[0]) for row in rows], "action_id"
    else:
        keys, where = sorted({str(row[1]) for row in rows}), "report"
    for action_id, k, number in conn.execute(
        f"SELECT action_id, kind, rec_number FROM responses WHERE {where} IN ({', '.join('?' * len(keys))})", keys
    ):
        answers.setdefault(action_id, []).append(RecRef(kind(k, f"a response of action {action_id!r}"), number))
    return [action_columns.action(row, answers) for row in rows]


_FEW = 200
_KNOWN = frozenset(status.value for status in Status)
