"""A report's counts made again from its stored actions, for migrations 11 and 13 (m11_judgements.py,
m13_numbered_tallies.py): store/tallies.py's ``recount`` of a whole report, on SQLite and PostgreSQL, and its
counting function for a store under row-level security, as they were when migration 13 shipped, copied.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

from ..engine import Connection, is_postgres

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
NUMBERED = "ALTER TABLE tally_status ADD COLUMN numbered INTEGER NOT NULL DEFAULT 1"
"""The column migrations 11 and 13 add (store/schema.py)."""
BY_AGENCY = "CREATE INDEX IF NOT EXISTS tally_status_agency ON tally_status (agency_key, report, agency)"
"""Migration 13's index: the agencies of the store and the reports each has a table in, read without a sort
(``--agency`` looks a name up among them: questions/agency_names.py)."""
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
    "SELECT DISTINCT r.kind, r.rec_number FROM link_refs r JOIN actions a ON a.report = r.report AND "
    "a.agency_key = r.target_key AND a.number = r.number WHERE a.id = ?"
)


def recount(tx: Connection, report: str) -> None:
    """Count a report's tallies again from its stored actions."""
    pg = is_postgres(tx)
    if pg and _owner_counts(tx):
        tx.execute("SELECT scrtool_recount(?, ?)", (report, None))  # as the owner (store/grants.py)
        return
    rows, same = (_STATUS_ROWS_PG, "IS NOT DISTINCT FROM") if pg else (_STATUS_ROWS, "IS")
    tx.execute("DELETE FROM tally_status WHERE report = ?", (report,))
    tx.execute(rows.format(where=""), {"report": report})
    tx.execute(_PROGRESS.format(where="", same=same), {"report": report})


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


def _owner_counts(tx: Connection) -> bool:
    """Whether the store's counting function is there (row-level security on: store/grants.py)."""
    return bool(
        tx.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = current_schema() AND p.proname = 'scrtool_recount')"
        ).fetchone()[0]
    )
