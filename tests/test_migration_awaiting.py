"""Migration 18 (store/migrations/m18_awaiting.py): a store imported before the rule that a completion the plan
qualifies as awaiting evidence, sign-off or audit is in progress (parse/status_words.AWAITING) reads it without a
re-import, on each engine: it becomes what a fresh import gives, and an update by hand to completed still counts."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

from conftest import pg_schema, run, write
from scrtool.store.schema import MIGRATIONS
from test_migrations import connect, dump, made_at

MINE = next(n for n, step in enumerate(MIGRATIONS, start=1) if step.__module__.endswith("_awaiting"))
"""This migration's number: a store made at the version before it is what it reads."""
MODULE = importlib.import_module(MIGRATIONS[MINE - 1].__module__)

PLANS = {
    "child-a": (
        "# Action plan: Child A\n\n| Agency | No | Action | Status |\n|---|---|---|---|\n"
        "| Police | 1 | Brief staff. | Complete - evidence awaited |\n"
        "| Police | 2 | Audit files. | Completed - March 2012 |\n"
        "| Police | 3 | Train staff. | Done - awaiting assurance |\n"
        "| Health | 1 | Review policy. | Completed (awaiting sign-off) |\n"
        "| Health | 2 | Share findings. | Complete subject to audit |\n"
    ),
    "child-b": (
        "# Action plan: Child B\n\n| Agency | No | Action | RAG | Status |\n|---|---|---|---|---|\n"
        "| Police | 1 | Brief staff. | Blue | Complete - awaiting sign-off |\n"
        "| Police | 2 | Audit files. | Blue - awaiting sign-off | |\n"
        "| Police | 3 | Train staff. | Blue | Complete |\n"
    ),
    "child-c": (
        "# Action plan: Child C\n\n| Agency | No | Action | Date completed |\n|---|---|---|---|\n"
        "| Health | 1 | Train. | 31/03/2024 - evidence awaited |\n"
        "| Health | 2 | Review. | 31/03/2024 |\n"
    ),
}
UPDATES = [
    ["Police", "3", "-s", "completed", "--date", "01/02/2025", "--evidence", "audit report", "-r", "child-a"],
    ["Health", "1", "--due", "31/05/2025", "--reason", "slipped", "--date", "01/01/2025", "-r", "child-a"],
]


def made(db: str, tmp_path: Path) -> None:
    """The plans imported (child-c twice: its import entries written), then updates by hand."""
    for report, text in PLANS.items():
        plan = write(tmp_path, f"{report}.md", text)
        assert run("import", "-q", plan, "--report", report, "--db", db).exit_code == 0
    again = write(tmp_path, "child-c.md", PLANS["child-c"].replace("Review.", "Review it."))
    assert run("import", "-q", again, "--report", "child-c", "--db", db).exit_code == 0
    for update in UPDATES:
        assert run("update", *update, "--by", "J Smith", "--db", db).exit_code == 0, update
    conn = connect(db)  # the clock's part of the rows: the same in both stores
    try:
        conn.execute("UPDATE history SET recorded_at = '2025-01-10T09:00:00Z'")
        conn.execute("UPDATE reports SET imported_at = '2025-01-10T09:00:00Z'")
    finally:
        conn.close()


def before_the_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    """scrtool as it read plans before the rule (commits 6ccc703 and 18d79d7 only added these calls)."""
    from scrtool.parse import finish, ratings, vocab

    for module in (finish, ratings, vocab):
        monkeypatch.setattr(module, "awaits_evidence", lambda rest: False)


def store(engine: str, tmp_path: Path, request: pytest.FixtureRequest, name: str) -> str:
    return pg_schema(request) if engine.startswith("postgresql") else str(tmp_path / f"{name}.db")


def rows(engine: str) -> dict[str, list[tuple[Any, ...]]]:
    conn = connect(engine)
    try:
        return {
            "actions": [
                tuple(r) for r in conn.execute("SELECT id, status, status_text, rag, updated FROM actions ORDER BY id")
            ],
            "history": [
                tuple(r)
                for r in conn.execute(
                    "SELECT action_id, source, from_status, to_status, status_text FROM history ORDER BY id"
                )
            ],
            "entries": [  # every column but from_status
                tuple(r)
                for r in conn.execute(
                    "SELECT id, action_id, report, on_date, recorded_at, source, by, to_status, status_text, note, "
                    "evidence, due, reason, rag, rag_reason, retracts FROM history ORDER BY id"
                )
            ],
        }
    finally:
        conn.close()


def test_a_store_made_before_the_rule_migrates_to_what_a_fresh_import_gives(
    engine: str, tmp_path: Path, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRTOOL_TODAY", "2025-03-01")
    fresh, old = store(engine, tmp_path, request, "fresh"), store(engine, tmp_path, request, "old")
    made(fresh, tmp_path)
    with monkeypatch.context() as patch:
        before_the_rule(patch)
        made(old, tmp_path)
    assert [r[:2] for r in rows(old)["actions"] if r[1] == "completed"] == [
        ("child-a/Health/1", "completed"),
        ("child-a/Health/2", "completed"),
        ("child-a/Police/1", "completed"),
        ("child-a/Police/2", "completed"),
        ("child-a/Police/3", "completed"),
        ("child-b/Police/1", "completed"),
        ("child-b/Police/2", "completed"),
        ("child-b/Police/3", "completed"),
        ("child-c/Health/1", "completed"),
        ("child-c/Health/2", "completed"),
    ]
    made_at(MINE - 1, engine, old)
    assert run("list", "-r", "child-a", "--format", "tsv", "--db", engine).exit_code == 0  # opening it migrates it
    migrated = rows(engine)
    assert migrated["actions"] == [
        ("child-a/Health/1", "in-progress", "Completed (awaiting sign-off)", None, "2025-03-01"),
        ("child-a/Health/2", "in-progress", "Complete subject to audit", None, "2025-03-01"),
        ("child-a/Police/1", "in-progress", "Complete - evidence awaited", None, "2025-03-01"),
        ("child-a/Police/2", "completed", "Completed - March 2012", None, "2025-03-01"),
        ("child-a/Police/3", "completed", "completed", None, "2025-03-01"),
        ("child-b/Police/1", "in-progress", "Blue", "blue", "2025-03-01"),
        ("child-b/Police/2", "in-progress", "Blue - awaiting sign-off", "blue", "2025-03-01"),
        ("child-b/Police/3", "completed", "Blue", "blue", "2025-03-01"),
        ("child-c/Health/1", "in-progress", "31/03/2024 - evidence awaited", None, "2025-03-01"),
        ("child-c/Health/2", "completed", "31/03/2024", None, "2025-03-01"),
    ]
    # the import entries corrected; the update by hand to completed kept as recorded (from completed, as the store
    # read the action then: nothing else in history changes)
    assert migrated["history"] == [
        ("child-c/Health/1", "import", None, "in-progress", "31/03/2024 - evidence awaited"),
        ("child-c/Health/2", "import", None, "completed", "31/03/2024"),
        ("child-a/Police/3", "import", None, "in-progress", "Done - awaiting assurance"),
        ("child-a/Police/3", "manual", "completed", "completed", "completed"),
        ("child-a/Health/1", "import", None, "in-progress", "Completed (awaiting sign-off)"),
        ("child-a/Health/1", "manual", None, None, None),
    ]
    assert rows(fresh)["history"] == [
        *migrated["history"][:3],
        ("child-a/Police/3", "manual", "in-progress", "completed", "completed"),
        *migrated["history"][4:],
    ]
    assert migrated["entries"] == rows(fresh)["entries"]
    got, want = dump(engine)["rows"], dump(fresh)["rows"]
    assert got.keys() == want.keys()
    for table in got.keys() - {"history", "store_marker", "scrtool_schema"}:
        assert got[table] == want[table], table


def test_migrating_again_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    monkeypatch.setenv("SCRTOOL_TODAY", "2025-03-01")
    old = str(tmp_path / "old.db")
    with monkeypatch.context() as patch:
        before_the_rule(patch)
        made(old, tmp_path)
    made_at(MINE - 1, str(tmp_path / "store.db"), old)
    assert run("list", "-r", "child-a", "--format", "tsv", "--db", str(tmp_path / "store.db")).exit_code == 0
    once = dump(str(tmp_path / "store.db"))
    conn = sqlite3.connect(tmp_path / "store.db")
    MODULE.sqlite(conn)
    conn.commit()
    conn.close()
    assert dump(str(tmp_path / "store.db")) == once


@pytest.mark.parametrize(
    ("cell", "others", "status"),
    [
        ("Complete - evidence awaited", [], "in-progress"),
        ("Completed (awaiting sign-off)", [], "in-progress"),
        ("Complete subject to audit", [], "in-progress"),
        ("Completed but not yet embedded", [], "in-progress"),
        ("Closed pending audit", [], "in-progress"),
        ("Completed - evidence not yet received", [], "in-progress"),
        ("Completed - March 2012", [], "completed"),
        ("Completed - signed off by the board", [], "completed"),
        ("Completed - evidence submitted", [], "completed"),
        ("Complete", [], "completed"),
        ("Blue - awaiting sign-off", [], "in-progress"),
        ("Blue (fill)", ["Complete - awaiting sign-off"], "in-progress"),
        ("Blue", ["Complete"], "completed"),
        ("Green - complete pending audit", [], "in-progress"),
        ("31/03/2024 - evidence awaited", [], "in-progress"),
        ("31/03/2024", [], "completed"),
    ],
)
def test_the_migration_reads_a_stored_completion_by_the_rule_of_its_day(
    cell: str, others: list[str], status: str
) -> None:
    assert MODULE.reading(cell, others) == status
