"""Each agency kept to its own actions on a PostgreSQL store (``scrtool db grant AGENCY ROLE``), by the server's
row-level security: optional, off until the first grant.

The first grant turns it on (``FORCE ROW LEVEL SECURITY``, so the tables' owner is held by policies too): the owner
role (and its members) keeps every row; any other role sees and changes an action only where ``agency_grants`` names
a role it is (``pg_has_role(current_user, role, 'MEMBER')``: the database role it connected as, never a setting a
session could change). Its history, responses, agency links and search rows follow the action. A granted role may
read every table (the report, its recommendations and the counts are the partnership's), update its agency's actions
and add history to them. It does not write the search index (the next search by a role that may, the owner's, makes
it again; until then the agency's searches find what was indexed). The counts kept at write time are counted again
by ``scrtool_recount``, a function that runs as the owner (``SECURITY DEFINER``), so an update by a role that sees
one agency's actions still counts every agency's: tallies.recount calls it where it exists.

A role that would see every row anyway (a superuser, one with BYPASSRLS, the owner or a member of it) is refused:
the grant would mean nothing.
"""

from __future__ import annotations

from ..errors import NotFound, UsageError
from ..names import fold
from . import tallies
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
)
"""(table, command, which rows) a granted role may read or write."""


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
        owner = _check_role(tx, role)
        _enable(tx, owner)
        tx.execute("INSERT INTO agency_grants VALUES (?, ?) ON CONFLICT DO NOTHING", (key, role))
        name = _quoted(tx, role)
        tx.execute(f"GRANT USAGE ON SCHEMA {_schema(tx)} TO {name}")
        tx.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {_schema(tx)} TO {name}")
        for table in ("removed_history", "return_issues", "return_rows", "return_answers"):  # every agency's rows,
            tx.execute(f"REVOKE SELECT ON {table} FROM {name}")  # which row-level security does not hold: the owner's
        tx.execute(f"GRANT UPDATE ON actions TO {name}")
        tx.execute(f"GRANT INSERT ON history TO {name}")
        tx.execute(f"GRANT DELETE ON search_indexed TO {name}")  # an update's note: its report indexed again
        tx.execute(f"GRANT EXECUTE ON FUNCTION scrtool_recount(text, text) TO {name}")
    return str(found[0]), int(found[1])


def _check_role(tx: Connection, role: str) -> str:
    """The tables' owner, once ``role`` is known to be a role that row-level security holds."""
    row = tx.execute("SELECT rolsuper, rolbypassrls FROM pg_roles WHERE rolname = ?", (role,)).fetchone()
    if row is None:
        raise NotFound(f"there is no database role {role!r}: create it first (CREATE ROLE {role} LOGIN)")
    owner = str(
        tx.execute(
            "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'actions'"
        ).fetchone()[0]
    )
    sees_all = row[0] or row[1] or tx.execute("SELECT pg_has_role(?, ?, 'MEMBER')", (role, owner)).fetchone()[0]
    if sees_all:
        raise UsageError(
            f"the role {role!r} sees every agency's rows whatever is granted (it is a superuser, has "
            f"BYPASSRLS, or is the store's owner {owner!r} or a member of it): grant to an ordinary "
            "role"
        )
    return owner


def _enable(tx: Connection, owner: str) -> None:
    """Row-level security on, the first time: the grants table, the policies and the counting function."""
    if has_table(tx, "agency_grants"):
        return
    tx.execute(
        "CREATE TABLE agency_grants (agency_key TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (agency_key, role))"
    )
    who = _quoted(tx, owner)
    for table in sorted({table for table, _, _ in _POLICIES}):
        tx.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        tx.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        tx.execute(f"CREATE POLICY scrtool_owner ON {table} TO {who} USING (TRUE) WITH CHECK (TRUE)")
    for number, (table, command, condition) in enumerate(_POLICIES):
        check = "WITH CHECK" if command == "INSERT" else "USING"
        both = f" WITH CHECK ({condition})" if command == "UPDATE" else ""
        tx.execute(
            f"CREATE POLICY scrtool_agency_{number} ON {table} FOR {command} TO PUBLIC {check} ({condition}){both}"
        )
    tx.execute(tallies.pg_recount_function(_schema(tx)))
    tx.execute("REVOKE ALL ON FUNCTION scrtool_recount(text, text) FROM PUBLIC")


def _schema(tx: Connection) -> str:
    return _quoted(tx, str(tx.execute("SELECT current_schema()").fetchone()[0]))


def _quoted(tx: Connection, name: str) -> str:
    return str(tx.execute("SELECT quote_ident(?)", (name,)).fetchone()[0])
