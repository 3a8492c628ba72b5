"""The counts kept at write time (store/tallies.py) always equal counting the stored actions again."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from conftest import CORPUS, FIXTURES, SAMPLES, run, write
from scrtool.parse import read_plan
from scrtool.store import tallies
from scrtool.store.db import open_store
from scrtool.store.engine import Connection
from scrtool.store.write import save_plan

PLANS = sorted(
    [
        *SAMPLES.glob("*.md"),
        *(FIXTURES / "shapes").glob("child-t*"),
        *(FIXTURES / "layouts").glob("*.md"),
        *CORPUS.glob("*.txt"),
        *(path for path in (FIXTURES / "lists").iterdir() if path.name not in ("publications.md", "cases.md")),
    ]
)


def tallied(conn: Connection, report: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    status = conn.execute(
        "SELECT report, agency_key, agency, first_seq, status, due, updated, rag, n, numbered "
        "FROM tally_status WHERE report = ? ORDER BY agency_key, status, due, updated, rag, numbered",
        (report,),
    ).fetchall()
    progress = conn.execute(
        "SELECT kind, number, cited, completed FROM recommendations WHERE report = ? ORDER BY kind, number", (report,)
    ).fetchall()
    return status, progress


def counted_again(conn: Connection, report: str) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    conn.execute("BEGIN")
    tallies.recount(conn, report)
    again = tallied(conn, report)
    conn.execute("ROLLBACK")
    return again


@pytest.mark.parametrize("plan", PLANS, ids=lambda p: p.name)
def test_first_import_counts_as_a_recount_does(plan: Path, engine: str) -> None:
    store = open_store(engine, create=True)
    read_in = read_plan(str(plan))
    save_plan(store, read_in)
    status, progress = tallied(store.conn, read_in.report.id)
    assert sum(int(str(row[8])) for row in status) == len(read_in.actions)
    assert sum(int(str(row[8])) for row in status if row[9] == 0) == sum(a.number is None for a in read_in.actions)
    assert (status, progress) == counted_again(store.conn, read_in.report.id)


def test_child_t_tallies_exactly(engine: str) -> None:
    store = open_store(engine, create=True)
    save_plan(store, read_plan(str(SAMPLES / "child-t.md")))
    assert tallies.status_counts(store.conn, "child-t") == [
        ("Northshire Police", "completed", 1, 1),
        ("Northshire Police", "in-progress", 1, 1),
        ("Riverside Health", "completed", 1, 3),
        ("Riverside Health", "open", 1, 1),
        ("Riverside Health", "completed", 0, 1),
        ("Children's Services", "completed", 1, 3),
        ("Children's Services", "in-progress", 1, 1),
        ("Children's Services", "not-started", 1, 1),
        ("Children's Services", "completed", 0, 1),
    ]
    # recommendation 2 cites Riverside Health 9, which the plan does not have: cited, not completed
    assert [
        (kind, number, done, cited) for kind, number, _, done, cited in tallies.recommendations(store.conn, "child-t")
    ] == [
        ("recommendation", "1", 3, 5),
        ("recommendation", "2", 0, 2),
        ("recommendation", "3", 0, 0),
        ("reminder", "1", 0, 0),
    ]


def test_updates_and_reimports_keep_the_tallies_true(engine: str, tmp_path: Path) -> None:
    plan = SAMPLES / "child-t.md"
    run("import", str(plan))
    before = tallied(open_store(engine).conn, "child-t")
    assert run("update", "Northshire Police", "2", "--status", "completed", "--evidence", "audit").exit_code == 0
    assert run("update", "Riverside Health", "4", "--due", "2026-03-01", "--reason", "staff").exit_code == 0
    conn = open_store(engine).conn
    after = tallied(conn, "child-t")
    assert after != before
    assert after == counted_again(conn, "child-t")
    # Northshire Police 2 is one of the five actions recommendation 1 cites
    assert ("recommendation", "1", 5, 3) in before[1] and ("recommendation", "1", 5, 4) in after[1]
    changed = plan.read_text(encoding="utf-8").replace("| Not started |", "| Completed |")
    assert run("import", write(tmp_path, "child-t.md", changed)).exit_code == 0
    conn = open_store(engine).conn
    assert tallied(conn, "child-t") == counted_again(conn, "child-t")
    assert [row for row in tallied(conn, "child-t")[0] if row[4] == "not-started"] == []


def test_a_store_from_before_the_tallies_gets_them_and_its_new_indexes(private_store: Path) -> None:
    run("import", str(SAMPLES / "child-t.md"))
    conn = sqlite3.connect(private_store)
    expected = tallied(conn, "child-t")
    conn.execute("DROP TABLE tally_status")
    conn.execute("DROP INDEX recommendations_order")
    conn.execute("ALTER TABLE recommendations DROP COLUMN cited")
    conn.execute("ALTER TABLE recommendations DROP COLUMN completed")
    conn.execute("DROP INDEX actions_key")
    conn.execute("CREATE INDEX actions_due ON actions (due)")
    conn.execute("CREATE INDEX actions_agency ON actions (agency_key, status)")
    conn.execute("CREATE INDEX actions_number ON actions (report, agency_key, number)")
    for table in ("recommendations", "links", "actions"):  # migration 6
        conn.execute(f"ALTER TABLE {table} DROP COLUMN place")
    conn.execute("PRAGMA user_version = 4")
    conn.commit()
    conn.close()
    store = open_store(str(private_store))
    assert tallied(store.conn, "child-t") == expected
    assert [
        row[0]
        for row in store.conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'actions' ORDER BY name"
        )
    ] == ["actions_key", "actions_report", "sqlite_autoindex_actions_1"]
