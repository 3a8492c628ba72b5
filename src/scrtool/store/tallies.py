"""Counts kept up to date as the store is written, so ``summary`` reads a few rows instead of every action.

``tally_status``: per report, how many actions share an agency, status, due date, last update and RAG judgement (the
RAG rating depends on nothing else, so a summary rates groups, not actions). ``cited`` and ``completed`` on each
recommendation's row: how many actions it cites and how many of those are completed (a cited number with no such
action counts as cited, not completed). A recommendation's own row (a tracker's or a list's: its lead's action with
its number and words, ``tracing.is_own``) is the recommendation itself, not an action it cites.

A first import counts from the plan in hand (``progress`` and ``count_statuses``); anything that changes actions
afterwards (a re-import, an update by hand) counts again from the stored actions in SQL (``recount``). Both give the
same rows: tests/test_tallies.py holds them equal.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

from ..model import Action, Link, RecKind, Recommendation, Status
from .engine import Connection, is_postgres

_STATUS_ROWS = (
    "INSERT INTO tally_status (report, agency_key, agency, first_seq, status, due, updated, rag, n, numbered) "
    "SELECT a.report, a.agency_key, f.agency, f.seq, a.status, a.due, a.updated, a.rag, COUNT(*), "
    "CASE WHEN a.number IS NULL THEN 0 ELSE 1 END "
    "FROM actions a JOIN (SELECT agency_key, agency, MIN(seq) AS seq FROM actions WHERE report = :report "
    "GROUP BY agency_key) f ON f.agency_key = a.agency_key WHERE a.report = :report {where} "
    "GROUP BY a.agency_key, a.status, a.due, a.updated, a.rag, CASE WHEN a.number IS NULL THEN 0 ELSE 1 END"
)
"""Each agency is named as its first action names it, and ordered by that action's place in the plan; ``numbered``
is 1 for numbered actions, 0 for unnumbered responses (counted apart: "Actions" counts numbered ones, as a plan
numbers them). SQLite: the bare column ``agency`` is the row of ``MIN(seq)``."""
_STATUS_ROWS_PG = (
    "INSERT INTO tally_status (report, agency_key, agency, first_seq, status, due, updated, rag, n, numbered) "
    "SELECT a.report, a.agency_key, f.agency, f.seq, a.status, a.due, a.updated, a.rag, COUNT(*), "
    "CASE WHEN a.number IS NULL THEN 0 ELSE 1 END "
    "FROM actions a JOIN (SELECT DISTINCT ON (agency_key) agency_key, agency, seq FROM actions "
    "WHERE report = :report ORDER BY agency_key, seq) f ON f.agency_key = a.agency_key "
    "WHERE a.report = :report {where} GROUP BY a.report, a.agency_key, f.agency, f.seq, a.status, a.due, "
    "a.updated, a.rag, CASE WHEN a.number IS NULL THEN 0 ELSE 1 END"
)
"""``_STATUS_ROWS`` on PostgreSQL, which has no bare columns."""
_PROGRESS = (
    "UPDATE recommendations SET (cited, completed) = (SELECT COUNT(*), "
    "COALESCE(SUM(CASE WHEN a.status = 'completed' THEN 1 ELSE 0 END), 0) "
    "FROM link_refs r LEFT JOIN actions a ON a.report = r.report AND a.agency_key = r.target_key "
    "AND a.number = r.number WHERE r.report = recommendations.report AND r.kind = recommendations.kind "
    "AND r.rec_number = recommendations.number AND NOT (a.text {same} recommendations.text "
    "AND a.number IN (recommendations.number, 'r' || recommendations.number))) WHERE report = :report {where}"
)
"""``{same}``: ``IS`` on SQLite, ``IS NOT DISTINCT FROM`` on PostgreSQL (null-safe equality)."""
_CITING = (
    "SELECT r.kind, r.rec_number FROM link_refs r JOIN actions a ON a.report = r.report AND "
    "a.agency_key = r.target_key AND a.number = r.number WHERE a.id = ?"
)
"""The recommendations citing an action, once a citation (without DISTINCT, which made SQLite find them by the
report alone, reading every citation of a 100k-action report once an action: 44 s for a 3,629-row return)."""


def progress(
    actions: Sequence[Action],
    agency_keys: Mapping[str, str],
    links: Sequence[Link],
    link_keys: Sequence[str],
    recommendations: Sequence[Recommendation] = (),
) -> dict[tuple[RecKind, str], tuple[int, int]]:
    """(kind, number) -> (cited, completed) for each recommendation of a plan that cites actions: ``agency_keys``
    folds each agency name, ``link_keys`` each link's target; a recommendation's own row (see the module) is not
    counted."""
    cited_refs = {(key, ref) for link, key in zip(links, link_keys, strict=True) for ref in link.refs}
    numbered: dict[tuple[str, str], list[Action]] = {}
    for a in actions:
        if (wanted := (agency_keys[a.agency], a.number)) in cited_refs:
            numbered.setdefault(wanted, []).append(a)
    texts = {(rec.kind, rec.number): rec.text for rec in recommendations}
    completed_status = Status.COMPLETED
    counts: dict[tuple[RecKind, str], tuple[int, int]] = {}
    for link, key in zip(links, link_keys, strict=True):
        rec = (link.rec.kind, link.rec.number)
        cited, completed = counts.get(rec, (0, 0))
        text = texts.get(rec)
        for ref in link.refs:
            found = numbered.get((key, ref))
            if not found:
                cited += 1
                continue
            if text is not None and ref in (rec[1], "r" + rec[1]):
                found = [a for a in found if a.text != text]
            cited += len(found)
            completed += sum(a.status is completed_status for a in found)
        counts[rec] = (cited, completed)
    return counts


def count_statuses(
    tx: Connection, report: str, actions: Sequence[Action], agency_keys: Mapping[str, str], updated: str
) -> None:
    """The status tally of a report just inserted, every action stored with its target as due date, ``updated`` as
    its last update and the plan's RAG judgement, numbered or not."""
    groups = Counter((agency_keys[a.agency], a.status, a.target, a.rag, a.number is not None) for a in actions)
    first: dict[str, tuple[str, int]] = {}
    for seq, a in enumerate(actions):
        if (key := agency_keys[a.agency]) not in first:
            first[key] = (a.agency, seq)
    tx.executemany(
        "INSERT INTO tally_status (report, agency_key, agency, first_seq, status, due, updated, rag, n, "
        "numbered) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            (report, key, *first[key], status.value, due, updated, rag, n, int(numbered))
            for (key, status, due, rag, numbered), n in groups.items()
        ),
    )


def recount(tx: Connection, report: str, action_id: str | None = None) -> None:
    """Count a report's tallies again from its stored actions; with ``action_id``, only those that action's
    agency and the recommendations citing it take part in."""
    pg = is_postgres(tx)
    if pg and _owner_counts(tx):
        tx.execute("SELECT scrtool_recount(?, ?)", (report, action_id))  # as the owner: see grants.py
        return
    rows, same = (_STATUS_ROWS_PG, "IS NOT DISTINCT FROM") if pg else (_STATUS_ROWS, "IS")
    if action_id is None:
        tx.execute("DELETE FROM tally_status WHERE report = ?", (report,))
        tx.execute(rows.format(where=""), {"report": report})
        tx.execute(_PROGRESS.format(where="", same=same), {"report": report})
        return
    (key,) = tx.execute("SELECT agency_key FROM actions WHERE id = ?", (action_id,)).fetchone()
    tx.execute("DELETE FROM tally_status WHERE report = ? AND agency_key = ?", (report, key))
    tx.execute(rows.format(where="AND a.agency_key = :key"), {"report": report, "key": key})
    for kind, number in sorted(set(tx.execute(_CITING, (action_id,)).fetchall())):
        tx.execute(
            _PROGRESS.format(where="AND kind = :kind AND number = :number", same=same),
            {"report": report, "kind": kind, "number": number},
        )


def pg_recount_function(schema: str) -> str:
    """``recount`` as a PostgreSQL function that runs as its owner (``SECURITY DEFINER``), so it counts every
    agency's actions whoever calls it (a role row-level security keeps to one agency: store/grants.py)."""

    def body(sql: str, where: str) -> str:
        return (
            sql.format(where=where, same="IS NOT DISTINCT FROM")
            .replace(":report", "p_report")
            .replace(":key", "k")
            .replace(":kind", "c.kind")
            .replace(":number", "c.rec_number")
        )

    return (
        f"CREATE OR REPLACE FUNCTION scrtool_recount(p_report text, p_action text) RETURNS void "
        f"LANGUAGE plpgsql SECURITY DEFINER SET search_path = {schema}, pg_temp AS $body$ "
        "DECLARE k text; c record; BEGIN "
        "IF p_action IS NULL THEN DELETE FROM tally_status WHERE report = p_report; "
        f"{body(_STATUS_ROWS_PG, '')}; {body(_PROGRESS, '')}; RETURN; END IF; "
        "SELECT agency_key INTO k FROM actions WHERE id = p_action; "
        "DELETE FROM tally_status WHERE report = p_report AND agency_key = k; "
        f"{body(_STATUS_ROWS_PG, 'AND a.agency_key = :key')}; "
        f"FOR c IN {_CITING.replace('?', 'p_action')} LOOP "
        f"{body(_PROGRESS, 'AND kind = :kind AND number = :number')}; END LOOP; END $body$"
    )


def status_counts(conn: Connection, report: str) -> list[tuple[str, str, int, int]]:
    """(agency, status, numbered, count), the agencies in plan order; ``numbered`` 1 counts numbered actions, 0
    unnumbered responses."""
    return conn.execute(
        "SELECT agency, status, numbered, SUM(n) FROM tally_status WHERE report = ? "
        "GROUP BY first_seq, agency, status, numbered ORDER BY first_seq, numbered DESC, status",
        (report,),
    ).fetchall()


def rated_counts(
    conn: Connection, report: str, rating: tuple[str, Sequence[str]]
) -> list[tuple[str, str, str, int, int]]:
    """(agency, status, rating, numbered, count), the agencies in plan order, rating each group with an SQL
    expression over status, due, updated and rag (the judgement): both a summary's counts in one pass
    (``numbered`` as in ``status_counts``)."""
    expression, params = rating
    return conn.execute(
        f"SELECT agency, status, {expression} AS rated, numbered, SUM(n) FROM tally_status WHERE "
        "report = ? GROUP BY first_seq, agency, status, rated, numbered ORDER BY first_seq, status",
        (*params, report),
    ).fetchall()


def overdue_counts(conn: Connection, report: str, today: str) -> dict[str, int]:
    """agency -> how many of its numbered actions are overdue on ``today`` (rag.is_overdue)."""
    from ..rag import overdue_sql

    return dict(
        conn.execute(
            f"SELECT agency, SUM(n) FROM tally_status WHERE report = ? AND numbered = 1 AND "
            f"{overdue_sql()} GROUP BY first_seq, agency",
            (report, today),
        ).fetchall()
    )


def own_statuses(conn: Connection, report: str) -> dict[tuple[str, str], str]:
    """(kind, number) -> the status of the recommendation's own row, for those that cite no other action."""
    rows = conn.execute(
        "SELECT x.kind, x.number, a.status FROM recommendations x JOIN link_refs r ON r.report = "
        "x.report AND r.kind = x.kind AND r.rec_number = x.number JOIN actions a ON a.report = "
        "r.report AND a.agency_key = r.target_key AND a.number = r.number WHERE x.report = ? "
        "AND x.cited = 0 AND a.text = x.text AND a.number IN (x.number, 'r' || x.number)",
        (report,),
    ).fetchall()
    return {(kind, number): status for kind, number, status in rows}


def recommendations(conn: Connection, report: str) -> list[tuple[str, str, str, int, int]]:
    """(kind, number, text, completed, cited) of every recommendation, in plan order (recommendations first)."""
    return conn.execute(
        "SELECT kind, number, text, completed, cited FROM recommendations WHERE report = ? ORDER BY kind, line",
        (report,),
    ).fetchall()


def cited_completed(conn: Connection, report: str, kind: str, number: str) -> tuple[int, int]:
    """(cited, completed) of one recommendation, as kept for every agency's actions (what ``summary`` shows)."""
    row = conn.execute(
        "SELECT cited, completed FROM recommendations WHERE report = ? AND kind = ? AND number = ?",
        (report, kind, number),
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def report_sizes(conn: Connection) -> dict[str, tuple[int, int, int]]:
    """report id -> (recommendations, actions, actions open: neither completed nor with no status recorded)."""
    return {
        row[0]: (row[1], row[2], row[3])
        for row in conn.execute(
            "SELECT r.id, (SELECT COUNT(*) FROM recommendations WHERE report = r.id), "
            "(SELECT COUNT(*) FROM actions WHERE report = r.id), "
            "(SELECT COUNT(*) FROM actions WHERE report = r.id AND status NOT IN ('completed', 'not-recorded')) "
            "FROM reports r"
        )
    }


def agency_figures(conn: Connection, report: str, today: str) -> dict[str, tuple[int, int]]:
    """agency key -> (overdue, unnumbered responses) of a report: overdue as rag.is_overdue says (the status
    ``overdue``, or a due date before ``today`` on an action not completed)."""
    from ..rag import overdue_sql

    rows = conn.execute(
        f"SELECT agency_key, SUM(CASE WHEN {overdue_sql()} THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN number IS NULL THEN 1 ELSE 0 END) FROM actions WHERE report = ? "
        "GROUP BY agency_key",
        (today, report),
    )
    return {key: (int(overdue or 0), int(responses or 0)) for key, overdue, responses in rows}


def recount_many(tx: Connection, report: str, action_ids: Sequence[str]) -> None:
    """``recount`` for several actions of a report at once (a return's rows): each agency and each recommendation
    citing one of them counted once, not once per action."""
    pg = is_postgres(tx)
    if pg and _owner_counts(tx):  # as the owner (grants.py), one action at a time or the whole report
        for action_id in action_ids if len(action_ids) <= _ONE_BY_ONE else [None]:
            tx.execute("SELECT scrtool_recount(?, ?)", (report, action_id))
        return
    rows, same = (_STATUS_ROWS_PG, "IS NOT DISTINCT FROM") if pg else (_STATUS_ROWS, "IS")
    keys: set[str] = set()
    recs: set[tuple[str, str]] = set()
    for action_id in action_ids:
        (key,) = tx.execute("SELECT agency_key FROM actions WHERE id = ?", (action_id,)).fetchone()
        keys.add(key)
        recs.update(tx.execute(_CITING, (action_id,)).fetchall())
    for key in sorted(keys):
        tx.execute("DELETE FROM tally_status WHERE report = ? AND agency_key = ?", (report, key))
        tx.execute(rows.format(where="AND a.agency_key = :key"), {"report": report, "key": key})
    for kind, number in sorted(recs):
        tx.execute(
            _PROGRESS.format(where="AND kind = :kind AND number = :number", same=same),
            {"report": report, "kind": kind, "number": number},
        )


_ONE_BY_ONE = 50
"""The most actions counted again one at a time by the owner's function; for more, the whole report is counted once.
One action costs its agency's actions and the recommendations citing it (35 ms in a 100k-action report), the
whole report 1.8 s: about 50 actions' worth (a return of 3,629 rows one at a time would take two minutes)."""


def _owner_counts(tx: Connection) -> bool:
    """Whether the store's counting function is there (row-level security on: store/grants.py)."""
    return bool(
        tx.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname = 'scrtool_recount')"
        ).fetchone()[0]
    )
