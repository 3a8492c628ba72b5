"""Migrations are frozen (issue 14 item 6): a store made by the first scrtool (tests/fixtures/store-v1.sql) migrated
to this version has exactly the schema of a fresh store and the counts a recount gives, and no migration runs the
store's live code (editing tallies.py cannot change migration 5). PostgreSQL's schema (store/pg_schema.py) is
SQLite's at the same version: the same tables, columns and indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, SAMPLES, pg_database, run
from scrtool.store import pg_schema, tallies
from scrtool.store.db import open_store
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


def test_migration_5_runs_no_live_code(private_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def moved(*args: object) -> None:
        raise AssertionError("a migration called tallies.py")

    monkeypatch.setattr(tallies, "recount", moved)
    monkeypatch.setattr(tallies, "count_statuses", moved)
    load_v1(private_store)
    conn = sqlite3.connect(private_store)
    try:  # up to migration 10: migration 11 recounts with the live code on purpose (store/rederive.py)
        for step in MIGRATIONS[1:10]:
            step(conn)
        assert conn.execute("SELECT SUM(n) FROM tally_status").fetchone() == (13,)
    finally:
        conn.close()


def test_every_migration_after_the_baseline_has_a_postgresql_step() -> None:
    assert len(MIGRATIONS) == pg_schema.LATEST
    assert sorted(pg_schema.STEPS) == list(range(pg_schema.BASELINE + 1, len(MIGRATIONS) + 1))


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
