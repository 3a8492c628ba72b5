"""Each agency kept to its own actions on a PostgreSQL store (``scrtool db grant AGENCY ROLE``), by the server's
row-level security: optional, off until the first grant.

The first grant turns it on (``FORCE ROW LEVEL SECURITY``, so the tables' owner is held by policies too): the owner
role (and its members) keeps every row; any other role sees and changes an action only where ``agency_grants`` names
a role it is (``pg_has_role(current_user, role, 'MEMBER')``: the database role it connected as, never a setting a
session could change). Its history, responses, agency links, search rows, archived entries and return rows follow
the action. Every table is in one of two sets: ``AGENCIES`` (each has policies) and ``PARTNERSHIP`` (read whole: the
report, its recommendations and the counts are the partnership's); a granted role reads both, is given nothing on
any other table, updates its agency's actions and adds history to them. It does not write the search index (the next
search by a role that may, the owner's, makes it again; until then the agency's searches find what was indexed).
The counts kept at write time are counted again by ``scrtool_recount``, a function that runs as the owner (``SECURITY
DEFINER``), so an update by a role that sees one agency's actions still counts every agency's: tallies.recount calls
it where it exists.

A role that would see every row anyway (a superuser, one with BYPASSRLS, the owner or a member of it) is refused:
the grant would mean nothing.
"""

from __future__ import annotations

from ..errors import NotFound, UsageError
from ..names import fold
from . import current, tallies
from .base import Store
from .catalog import has_table
from .engine import Connection, is_postgres

_SEES = (
    "EXISTS (SELECT 1 FROM agency_grants g WHERE g.agency_key = {table}.agency_key "
    "AND pg_has_role(current_user, g.role, 'MEMBER'))"
)
_FOLLOWS = "action_id IN (SELECT id FROM actions)"
"""A row of an action's: visible where the action is (the subquery is itself held by the policy on actions)."""
_POLICIES = (
    ("actions", "SELECT", _SEES.format(table="actions")),
    ("actions", "UPDATE", _SEES.format(table="actions")),
    ("tally_status", "SELECT", _SEES.format(table="tally_status")),
    ("history", "SELECT", _FOLLOWS),
    ("history", "INSERT", _FOLLOWS),
    ("action_agencies", "SELECT", _FOLLOWS),
    ("responses", "SELECT", _FOLLOWS),
    (
        "search",
        "SELECT",
        "ref LIKE 'rec:%' OR (ref LIKE 'action:%' AND substr(ref, 8) IN (SELECT id FROM actions)) "
        "OR (ref LIKE 'note:%' AND substr(ref, 6) IN (SELECT CAST(id AS TEXT) FROM history))",
    ),
    ("removed_history", "SELECT", _SEES.format(table="removed_history")),
    ("return_rows", "SELECT", _FOLLOWS),
    ("return_answers", "SELECT", _FOLLOWS),
    ("return_issues", "SELECT", "token IN (SELECT token FROM return_rows)"),
    ("agency_grants", "SELECT", "pg_has_role(current_user, role, 'MEMBER')"),
)
"""(table, command, which rows) a granted role may read or write: the tables that hold an agency's rows. An archived
entry follows the agency its action had (none where the action had left the plan: the owner's alone); a return
issued follows the rows it was issued with; a role reads the grants of the roles it is."""

AGENCIES = frozenset(table for table, _, _ in _POLICIES)
"""The tables whose rows are agencies': each row held by a policy above."""
PARTNERSHIP = frozenset(
    {
        "scrtool_schema",
        "reports",
        "recommendations",
        "links",
        "link_refs",
        "judgements",
        "search_indexed",
        "rec_vectors",
        "rec_terms",
        "rec_vocabulary",
        "removed_reports",
    }
)
"""The tables that are the partnership's: the plans' reports, recommendations and their links to agencies, the
judgements on pairs of recommendations and their terms, which reports were removed (with the counts kept when they
were), the schema's version and which reports are indexed. A granted role reads them whole. A table in neither set
(one a later migration adds and this module does not know yet) is read by no granted role: tests/test_pg_grants.py
fails until it is placed in one."""


def grant(store: Store, agency: str, role: str) -> tuple[str, int]:
    """Give ``role`` read and update access to ``agency``'s actions only; (the agency as written, its actions)."""
    conn = store.conn
    if not is_postgres(conn):
        raise UsageError(
            "db grant needs a store on PostgreSQL (--db postgresql://...): a SQLite file is one "
            "person's, read whole by whoever can read the file"
        )
    key = fold(agency)
    with store.write() as tx:
        found = tx.execute(
            "SELECT agency, COUNT(*) FROM actions WHERE agency_key = ? GROUP BY agency ORDER BY 2 DESC LIMIT 1", (key,)
        ).fetchone()
        if found is None:
            raise NotFound(f"no actions of {agency!r} in the store {store.path}")
        _check_role(tx, role)
        if not has_table(tx, "agency_grants"):
            tx.execute(
                "CREATE TABLE agency_grants (agency_key TEXT NOT NULL, role TEXT NOT NULL, "
                "PRIMARY KEY (agency_key, role))"
            )
        tx.execute("INSERT INTO agency_grants VALUES (?, ?) ON CONFLICT DO NOTHING", (key, role))
        secure(tx)
    return str(found[0]), int(found[1])


def _check_role(tx: Connection, role: str) -> None:
    """NotFound or UsageError unless ``role`` is a role that row-level security holds."""
    row = tx.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?", (role,)).fetchone()
    if row is None:
        raise NotFound(f"there is no database role {role!r}: create it first (CREATE ROLE {role} LOGIN)")
    owner = _owner(tx)
    sees_all = row[0] or row[1] or tx.execute("SELECT pg_has_role(?, ?, 'MEMBER')", (role, owner)).fetchone()[0]
    if sees_all:
        raise UsageError(
            f"the role {role!r} sees every agency's rows whatever is granted (it is a superuser, has "
            f"BYPASSRLS, or is the store's owner {owner!r} or a member of it): grant to an ordinary "
            "role"
        )


def secure(tx: Connection) -> None:
    """Row-level security on every table of ``AGENCIES`` with its policies, the counting function, and each granted
    role's rights: made again whole each time (by ``db grant``, and by a migration step on a store that has grants),
    so a table a migration added since row-level security was turned on is held as the others are."""
    owner = _owner(tx)
    who = _quoted(tx, owner)
    for table in sorted(AGENCIES):
        if not has_table(tx, table):
            continue
        tx.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        tx.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        for (name,) in tx.execute(
            "SELECT policyname FROM pg_policies WHERE schemaname = current_schema() AND tablename = ? "
            "AND policyname LIKE 'scrtool%' ORDER BY 1",
            (table,),
        ).fetchall():
            tx.execute(f"DROP POLICY {_quoted(tx, str(name))} ON {table}")
        tx.execute(f"CREATE POLICY scrtool_owner ON {table} TO {who} USING (TRUE) WITH CHECK (TRUE)")
    for table, command, condition in _POLICIES:
        if has_table(tx, table):
            check = "WITH CHECK" if command == "INSERT" else "USING"
            both = f" WITH CHECK ({condition})" if command == "UPDATE" else ""
            tx.execute(
                f"CREATE POLICY scrtool_agency_{command.lower()} ON {table} FOR {command} TO PUBLIC "
                f"{check} ({condition}){both}"
            )
    tx.execute(tallies.pg_recount_function(_schema(tx)))
    tx.execute("REVOKE ALL ON FUNCTION scrtool_recount(text, text) FROM PUBLIC")
    for (role,) in tx.execute("SELECT DISTINCT role FROM agency_grants ORDER BY role").fetchall():
        _rights(tx, _quoted(tx, str(role)))


def _rights(tx: Connection, name: str) -> None:
    """A granted role reads the tables of both sets (the agencies' ones filtered by their policies), updates its
    agency's actions (the columns an update sets, current.STATE_COLUMNS: never their words, number, report or id)
    and adds history to them; it is given nothing on any other table."""
    tx.execute(f"GRANT USAGE ON SCHEMA {_schema(tx)} TO {name}")
    tables = [
        str(row[0])
        for row in tx.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        ).fetchall()
    ]
    for table in tables:
        known = table in AGENCIES or table in PARTNERSHIP
        tx.execute(f"{'GRANT SELECT ON' if known else 'REVOKE ALL ON'} {table} {'TO' if known else 'FROM'} {name}")
    tx.execute(f"REVOKE UPDATE ON actions FROM {name}")  # every column, as granted before: the plan's words too
    tx.execute(f"GRANT UPDATE ({', '.join(current.STATE_COLUMNS)}) ON actions TO {name}")
    tx.execute(f"GRANT INSERT ON history TO {name}")
    tx.execute(f"GRANT DELETE ON search_indexed TO {name}")  # an update's note: its report indexed again
    tx.execute(f"GRANT EXECUTE ON FUNCTION scrtool_recount(text, text) TO {name}")


def sees_every_row(conn: Connection) -> bool:
    """The role ``conn`` connects as reads every agency's rows: a superuser, a BYPASSRLS role, the tables' owner or a
    member of it (each held by no policy, or by the owner's, which keeps every row)."""
    return bool(
        conn.execute(
            "SELECT r.rolsuper OR r.rolbypassrls OR pg_has_role(current_user, t.tableowner, 'MEMBER') FROM pg_roles r, "
            "pg_tables t WHERE r.rolname = current_user AND t.schemaname = current_schema() AND t.tablename = 'actions'"
        ).fetchone()[0]
    )


def readable_agencies(conn: Connection) -> frozenset[str] | None:
    """The agencies (folded keys) whose actions the role ``conn`` connects as may read, where ``db grant`` keeps it to
    some; None where it reads every agency's (a SQLite store, a store with no grant, the owner's role)."""
    if not is_postgres(conn) or not has_table(conn, "agency_grants") or sees_every_row(conn):
        return None
    return frozenset(str(row[0]) for row in conn.execute("SELECT agency_key FROM agency_grants").fetchall())


def _owner(tx: Connection) -> str:
    return str(
        tx.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'actions'"
        ).fetchone()[0]
    )


def _schema(tx: Connection) -> str:
    return _quoted(tx, str(tx.execute("SELECT current_schema()").fetchone()[0]))


def _quoted(tx: Connection, name: str) -> str:
    return str(tx.execute("SELECT quote_ident(?)", (name,)).fetchone()[0])
