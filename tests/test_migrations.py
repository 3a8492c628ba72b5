"""Migrations are frozen (issue 14 item 6): a store made by the first scrtool (tests/fixtures/store-v1.sql) migrated
to this version has exactly the schema of a fresh store and the counts a recount gives; a store made at each earlier
version (3 to 14 on SQLite, 9 to 14 on PostgreSQL: the schema its migrations made, a plan's rows and history as that
version held them) migrated to this one is the fresh store, schema and rows; and no migration runs the store's live
code (tests/test_migrations_frozen.py). PostgreSQL's schema (store/pg_schema.py) is SQLite's at the same version:
the same tables, columns and indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, SAMPLES, pg_database, pg_schema, run, write
from scrtool.store import pg, tallies
from scrtool.store import pg_schema as pg_steps
from scrtool.store.db import open_store
from scrtool.store.engine import Connection
from scrtool.store.schema import MIGRATIONS


def load_v1(path: Path) -> None:
    path.parent.mkdir(mode=0o700, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "store-v1.sql").read_text(encoding="utf-8"))
    conn.close()
    path.chmod(0o600)


def schema_of(path: Path) -> dict[str, Any]:
    """Everything the schema says, in a form two stores can be compared by."""
    conn = sqlite3.connect(path)
    try:
        tables = {
            name: (sql, conn.execute(f'PRAGMA table_xinfo("{name}")').fetchall())
            for name, sql in conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        indexes = {
            name: (table, conn.execute(f'PRAGMA index_xinfo("{name}")').fetchall())
            for name, table in conn.execute(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' ORDER BY name"
            )
        }
        marks = conn.execute("PRAGMA user_version").fetchone() + conn.execute("PRAGMA application_id").fetchone()
    finally:
        conn.close()
    return {"tables": tables, "indexes": indexes, "marks": marks}


def counts_of(path: Path) -> tuple[list[Any], list[Any]]:
    conn = sqlite3.connect(path)
    try:
        return (
            conn.execute(
                "SELECT report, agency_key, agency, first_seq, status, due, updated, rag, n "
                "FROM tally_status ORDER BY report, agency_key, status, due, updated, rag"
            ).fetchall(),
            conn.execute(
                "SELECT report, kind, number, cited, completed FROM recommendations ORDER BY 1, 2, 3"
            ).fetchall(),
        )
    finally:
        conn.close()


def test_a_store_migrated_from_v1_has_the_schema_of_a_fresh_one(private_store: Path, tmp_path: Path) -> None:
    load_v1(private_store)
    assert run("list", "--format", "tsv").exit_code == 0  # the first opening migrates it
    fresh = tmp_path / "fresh.db"
    assert run("import", str(SAMPLES / "child-t.md"), "--db", str(fresh)).exit_code == 0
    migrated, made = schema_of(private_store), schema_of(fresh)
    assert migrated["marks"] == made["marks"] == (len(MIGRATIONS), 0x53435254)
    assert migrated["tables"].keys() == made["tables"].keys()
    for name, (_sql, columns) in made["tables"].items():
        assert migrated["tables"][name][1] == columns, name
    assert migrated["indexes"] == made["indexes"]


def test_a_migrated_store_counts_as_a_recount_does(private_store: Path) -> None:
    load_v1(private_store)
    store = open_store(str(private_store))
    store.close()
    migrated = counts_of(private_store)
    assert migrated[0] and migrated[1]
    with sqlite3.connect(private_store) as conn:
        for (report,) in conn.execute("SELECT id FROM reports").fetchall():
            tallies.recount(conn, report)
    assert counts_of(private_store) == migrated
    assert [row[-1] for row in migrated[0]] and sum(row[-1] for row in migrated[0]) == 13


def test_no_migration_runs_the_live_counts(private_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def moved(*args: object) -> None:
        raise AssertionError("a migration called tallies.py")

    monkeypatch.setattr(tallies, "recount", moved)
    monkeypatch.setattr(tallies, "count_statuses", moved)
    load_v1(private_store)
    conn = sqlite3.connect(private_store)
    try:
        for step in MIGRATIONS[1:]:
            step(conn)
        assert conn.execute("SELECT SUM(n) FROM tally_status").fetchone() == (13,)
    finally:
        conn.close()


def test_every_migration_after_the_baseline_has_a_postgresql_step() -> None:
    assert len(MIGRATIONS) == pg_steps.LATEST
    assert sorted(pg_steps.STEPS) == list(range(pg_steps.BASELINE + 1, len(MIGRATIONS) + 1))


DATES = {
    ("actions", "target"),
    ("actions", "due"),
    ("actions", "updated"),
    ("history", "on_date"),
    ("history", "due"),
    ("tally_status", "due"),
    ("tally_status", "updated"),
}
"""The columns that hold dates: ``date`` on PostgreSQL, ISO text on SQLite."""


def test_postgresql_has_sqlites_schema_at_the_same_version(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    import psycopg

    url = pg_database(request)
    open_store(url, create=True).close()
    fresh = tmp_path / "fresh.db"
    open_store(str(fresh), create=True).close()
    sqlite = schema_of(fresh)
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, collation_name FROM "
            "information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, "
            "ordinal_position"
        ).fetchall()
        indexes: dict[str, str] = dict(
            conn.execute("SELECT indexname, tablename FROM pg_indexes WHERE schemaname = 'public'").fetchall()
        )
        version = conn.execute("SELECT version FROM scrtool_schema").fetchall()
    assert version == [(sqlite["marks"][0],)]
    pg_tables: dict[str, list[tuple[str, str, bool]]] = {}
    for table, column, kind, nullable, collation in rows:
        pg_tables.setdefault(table, []).append((column, kind, nullable == "YES"))
        assert collation == ("C" if kind == "text" else None), (table, column)  # sorted as SQLite sorts
    wanted = {name for name in sqlite["tables"] if not name.startswith(("search_", "sqlite_"))} | {"search_indexed"}
    assert set(pg_tables) == wanted | {"scrtool_schema"}
    for name in wanted - {"search"}:
        columns = [(c[1], _pg_type(name, c[1], c[2]), not c[3] and not c[5]) for c in sqlite["tables"][name][1]]
        assert pg_tables[name] == columns, name
    assert [c[0] for c in pg_tables["search"]] == ["ref", "report", "text", "words"]
    named = {name: table for name, (table, _) in sqlite["indexes"].items() if not name.startswith("sqlite_")}
    assert {n: t for n, t in indexes.items() if not n.endswith("_pkey")} == {
        **named,
        "search_words": "search",
        "search_report": "search",
    }


def _pg_type(table: str, column: str, kind: str) -> str:
    if (table, column) in DATES:
        return "date"
    if (table, column) in {("history", "id"), ("history", "retracts"), ("judgements", "id")}:
        return "bigint"
    return {"TEXT": "text", "INTEGER": "integer", "DOUBLE PRECISION": "double precision"}[kind]


# a store made at each earlier version, migrated, is the fresh store (schema and rows)

TRACKER = (
    "# Tracker: Child Z action plan\n\n"
    "| No. | Recommendation | Lead Agency | RAG | Progress | Target date |\n|---|---|---|---|---|---|\n"
    "| 1 | Audit the front door. | Police | Green | | 31/03/2025 |\n"
    "| 2 | Train staff. | Police | R | Not started | 30/06/2025 |\n"
    "| 3 | Review the policy. | Health | Blue | | |\n"
    "| 4 | Share the findings. | Health | Amber - overdue | | 31/12/2024 |\n"
    "| 5 | Check the records. | Health | Red / not started | | |\n"
    "| 6 | Write the guide. | Schools | Completed | | |\n"
)
"""A plan whose RAG words migration 11 reads again, with no year or kind of review in its title (migration 9's
columns: a store made before them holds none)."""


def made_fresh(db: str, tmp_path: Path, version: int) -> None:
    """A store made by this scrtool: the tracker and the sample (its title naming no kind of review, as the tracker's),
    and history (a backdated update, a revised date, a
    note); from version 11 on, the RAG judgements and retractions that version keeps too."""
    plan = write(tmp_path, "tracker.md", TRACKER)
    assert run("import", "-q", str(plan), "--report", "child-z", "--db", db).exit_code == 0
    sample = (SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("Serious Case Review: ", "", 1)
    assert run("import", "-q", write(tmp_path, "child-t.md", sample), "--db", db).exit_code == 0
    updates = [
        ["Police", "1", "-s", "completed", "--date", "01/02/2025", "--note", "audited", "--evidence", "audit"],
        ["Police", "2", "-s", "in-progress", "--date", "01/03/2025"],
        ["Police", "2", "-s", "not-started", "--date", "15/02/2025"],
        ["Health", "4", "--due", "31/05/2025", "--reason", "slipped", "--date", "01/01/2025"],
    ]
    if version >= 11:
        updates += [
            ["Health", "5", "--rag", "amber", "--rag-reason", "better"],
            ["Police", "2", "--rag", "green", "--rag-reason", "started"],
            ["Health", "5", "--retract", "h2", "--reason", "too soon"],
        ]
    for update in updates:
        assert run("update", *update, "-r", "child-z", "--by", "J Smith", "--db", db).exit_code == 0, update
    assert run("update", "Riverside Health", "2", "-s", "in-progress", "--db", db, "-r", "child-t").exit_code == 0


def connect(engine: str) -> sqlite3.Connection | pg.PgConnection:
    return pg.connect(engine) if engine.startswith("postgresql") else sqlite3.connect(engine, isolation_level=None)


def tables(conn: Connection) -> dict[str, list[str]]:
    """Each table the store keeps rows in -> its columns a row is written with (SQLite's full-text index's own
    tables and PostgreSQL's generated column are made by the database)."""
    if isinstance(conn, sqlite3.Connection):
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {
            name: [c[1] for c in conn.execute(f'PRAGMA table_xinfo("{name}")') if not c[6]]
            for name in names
            if not name.startswith(("sqlite_", "search_")) or name == "search_indexed"
        }
    found: dict[str, list[str]] = {}
    for table, column in conn.execute(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() "
        "AND is_generated = 'NEVER' ORDER BY table_name, ordinal_position"
    ):
        found.setdefault(table, []).append(column)
    return found


BY_CONTENT = {
    "rec_vectors": "SELECT report, kind, number, line, body, norm FROM rec_vectors",
    "rec_terms": "SELECT v.report, v.kind, v.number, t.term, t.weight FROM rec_terms t "
    "JOIN rec_vectors v ON v.id = t.doc",
}
"""Tables whose ids are the order a query read the recommendations in (PostgreSQL: no order a row keeps), compared
by what they hold."""


def dump(engine: str) -> dict[str, Any]:
    """The store's schema and every row of every table, in a form two stores are compared by."""
    conn = connect(engine)
    try:
        rows = {
            table: sorted(repr(tuple(row)) for row in conn.execute(BY_CONTENT.get(table, f"SELECT * FROM {table}")))
            for table in tables(conn)
        }
        if isinstance(conn, sqlite3.Connection):
            return {"schema": schema_of(Path(engine)), "rows": rows}
        columns = conn.execute(
            "SELECT table_name, column_name, data_type, is_nullable, collation_name, column_default, is_generated "
            "FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY 1, 2"
        ).fetchall()
        indexes = conn.execute(
            "SELECT indexname, replace(indexdef, current_schema() || '.', '') FROM pg_indexes "
            "WHERE schemaname = current_schema() ORDER BY 1"
        ).fetchall()
        return {"schema": (columns, indexes), "rows": rows}
    finally:
        conn.close()


def made_at(version: int, engine: str, fresh: str) -> None:
    """A store at ``version``, as the migrations up to it made it, holding the fresh store's rows as that version
    held them: each table it has, the columns it has."""
    if not engine.startswith("postgresql"):
        Path(engine).parent.mkdir(mode=0o700, exist_ok=True)
    conn = connect(engine)
    try:
        if isinstance(conn, sqlite3.Connection):
            for step in MIGRATIONS[:version]:
                step(conn)
            conn.execute(f"PRAGMA user_version = {version}")
        else:
            for statement in pg_steps.BASELINE_SQL.split(";\n"):
                conn.execute(statement)
            for number in range(pg_steps.BASELINE + 1, version + 1):
                pg_steps.STEPS[number](conn)
            conn.execute(f"UPDATE scrtool_schema SET version = {version}")
        source = connect(fresh)
        try:
            for table, columns in tables(conn).items():
                if table == "scrtool_schema":
                    continue
                rows = source.execute(f"SELECT {', '.join(columns)} FROM {table}").fetchall()
                conn.execute(f"DELETE FROM {table}")  # what a migration made of an empty store (a stamp)
                marks = ", ".join("?" * len(columns))
                conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
        finally:
            source.close()
    finally:
        conn.close()
    if not engine.startswith("postgresql"):
        Path(engine).chmod(0o600)


@pytest.mark.parametrize(
    ("version", "engine"),
    [(version, "sqlite") for version in range(3, len(MIGRATIONS))]
    + [(version, "postgresql") for version in range(pg_steps.BASELINE, len(MIGRATIONS))],  # none before schema 9
    indirect=["engine"],
)
def test_a_store_made_at_each_version_migrates_to_the_fresh_store(
    version: int, engine: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    fresh = pg_schema(request) if engine.startswith("postgresql") else str(tmp_path / "fresh.db")
    made_fresh(fresh, tmp_path, version)
    made_at(version, engine, fresh)
    assert run("list", "-r", "child-z", "--format", "tsv").exit_code == 0  # opening it migrates it
    migrated, made = dump(engine), dump(fresh)
    assert len(made["rows"]["history"]) >= 8
    assert migrated["rows"].keys() == made["rows"].keys()
    for table, rows in made["rows"].items():
        assert migrated["rows"][table] == rows, table
    assert migrated["schema"] == made["schema"]
