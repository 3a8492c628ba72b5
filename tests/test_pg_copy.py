"""`scrtool db copy --to URL-OR-FILE` (issue 16): a whole store, history and judgements included, from a SQLite file
into PostgreSQL and back, every row as it was; only into an empty target; the counts right for a role that sees one
agency."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from conftest import SAMPLES, pg_schema, run, write
from scrtool.errors import ExitCode
from scrtool.store.copy import REBUILT, TABLES
from scrtool.store.location import redact

ANSWERS = (
    ["list", "--format", "json"],
    ["trace", "1", "-r", "child-t"],
    ["summary", "-r", "child-t"],
    ["agencies"],
    ["reports"],
    ["history", "Northshire Police", "2", "-r", "child-t", "--format", "json"],
    ["judgements", "--format", "json"],
    ["search", "training"],
    ["similar", "1", "-r", "child-t"],
)


def made(path: Path, tmp_path: Path) -> None:
    """A store with history (updates by hand, a re-import) and a judgement between two reports."""
    db = str(path)
    assert run("import", str(SAMPLES / "child-t.md"), "--db", db).exit_code == 0
    assert (
        run(
            "update",
            "Northshire Police",
            "2",
            "--status",
            "completed",
            "--evidence",
            "form",
            "--by",
            "A Lee",
            "--date",
            "2026-01-10",
            "--db",
            db,
        ).exit_code
        == 0
    )
    assert run("update", "Riverside Health", "4", "--due", "2026-06-30", "--reason", "staff", "--db", db).exit_code == 0
    changed = (SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("| Not started |", "| In progress |")
    assert run("import", write(tmp_path, "child-t.md", changed), "--db", db).exit_code == 0
    other = (SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("Child T", "Child V")
    assert run("import", write(tmp_path, "child-v.md", other), "--new", "--db", db).exit_code == 0
    assert run("same", "child-t:1", "child-v:1", "--by", "B Khan", "--db", db).exit_code == 0


def rows(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    try:
        return {table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2, 3").fetchall() for table in TABLES}
    finally:
        conn.close()


def answers(db: str) -> list[str]:
    results = [run(*args, "--db", db) for args in ANSWERS]
    assert [(r.exit_code, r.stderr) for r in results] == [(0, "")] * len(ANSWERS)
    return [r.stdout for r in results]


def test_a_store_goes_to_postgresql_and_back_row_for_row(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    first, back = tmp_path / "first.db", tmp_path / "back.db"
    made(first, tmp_path)
    url = pg_schema(request)
    there = run("db", "copy", "--to", url, "--db", str(first))
    assert (there.exit_code, there.stderr) == (0, "")
    history = len(rows(first)["history"])
    assert there.stdout == (
        f"copied to {redact(url)}: 2 reports, 26 actions, {history} history entries, 1 judgements\n"
    )
    again = run("db", "copy", "--to", str(back), "--db", url)
    assert (again.exit_code, again.stderr) == (0, "")
    assert rows(back) == rows(first)
    assert back.stat().st_mode & 0o777 == 0o600
    assert answers(url) == answers(str(first)) == answers(str(back))
    assert (
        json.loads(run("history", "Northshire Police", "2", "-r", "child-t", "--format", "json", "--db", url).stdout)[
            "history"
        ][1]["by"]
        == "A Lee"
    )
    # new entries after the copy get ids after the copied ones
    noted = run("update", "Northshire Police", "1", "-r", "child-t", "--note", "checked", "--db", url)
    assert (noted.exit_code, noted.stderr) == (0, "")


def test_only_into_an_empty_store(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    first = tmp_path / "first.db"
    made(first, tmp_path)
    url = pg_schema(request)
    assert run("import", str(SAMPLES / "child-t.md"), "--db", url).exit_code == 0
    before = run("list", "--format", "json", "--db", url).stdout
    result = run("db", "copy", "--to", url, "--db", str(first))
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: {redact(url)} holds a store already: db copy writes only into an empty "
        "one (a new file, or a database with no scrtool tables)\n",
    )
    assert run("list", "--format", "json", "--db", url).stdout == before
    into_file = run("db", "copy", "--to", str(first), "--db", url)
    assert into_file.exit_code == ExitCode.STORE


def test_counts_copied_stay_right_for_a_role_that_sees_one_agency(roles: Callable[[str], str], tmp_path: Path) -> None:
    first = tmp_path / "first.db"
    made(first, tmp_path)
    owner, police = roles("owner"), roles("police")
    assert run("db", "copy", "--to", owner, "--db", str(first)).exit_code == 0
    assert run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0]).exit_code == 0
    assert run("agencies", "--report", "child-t", "--db", police).stdout.splitlines() == [
        "Report\tAgency\tActions\tCompleted\tOpen",
        "child-t\tNorthshire Police\t2\t2\t0",
    ]
    summary = run("summary", "--report", "child-t", "--db", police).stdout.splitlines()
    assert [line.split("\t")[:3] for line in summary if line.startswith(("1\t", "2\t"))] == [
        ["1", "5", "4"],
        ["2", "2", "0"],
    ]
    refused = run("db", "copy", "--to", str(tmp_path / "mine.db"), "--db", police)
    assert (refused.exit_code, refused.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: db copy of {redact(police)} needs its owner's role: this role sees only "
        "the actions of the agencies granted to it, and a copy would hold those alone\n",
    )
    assert not (tmp_path / "mine.db").exists()


def test_the_archive_of_removed_reports_goes_too(request: pytest.FixtureRequest, tmp_path: Path) -> None:
    first = tmp_path / "first.db"
    made(first, tmp_path)
    assert run("remove", "child-v", "--yes", "--db", str(first)).exit_code == 0
    url = pg_schema(request)
    assert run("db", "copy", "--to", url, "--db", str(first)).exit_code == 0
    for args in (["archive", "--format", "json"], ["archive", "child-v", "--format", "json"]):
        here, there = run(*args, "--db", str(first)), run(*args, "--db", url)
        assert (there.exit_code, there.stderr, there.stdout) == (0, "", here.stdout)
        assert here.stdout.count("child-v") >= 1


def test_the_return_cycle_goes_too_and_every_table_is_copied_or_made_again(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    from test_returns import fill

    first = tmp_path / "first.db"
    made(first, tmp_path)
    assert run("returns", "issue", "-o", str(tmp_path / "out"), "-r", "child-t", "--db", str(first)).exit_code == 0
    book = fill(
        tmp_path / "out" / "Riverside Health.xlsx",
        {"child-t/Riverside Health/4": {"Progress note": "audited", "Updated on": date(2026, 1, 12)}},
        tmp_path / "np.xlsx",
    )
    assert run("returns", "apply", book, "--db", str(first)).exit_code == 0
    url = pg_schema(request)
    assert run("db", "copy", "--to", url, "--db", str(first)).exit_code == 0
    for args in (["returns", "status", "--format", "json"], ["history", "Riverside Health", "4", "-r", "child-t"]):
        here, there = run(*args, "--db", str(first)), run(*args, "--db", url)
        assert (there.exit_code, there.stderr, there.stdout) == (0, "", here.stdout)
    again = run("returns", "apply", book, "--db", url)  # the copy knows it was applied: nothing recorded twice
    assert (again.exit_code, again.stdout) == (0, run("returns", "apply", book, "--db", str(first)).stdout)
    conn = sqlite3.connect(first)
    try:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    finally:
        conn.close()
    own = {name for name in tables if name.startswith("search_") and name != "search_indexed"}  # FTS5's
    assert tables - own - {"sqlite_sequence"} - set(TABLES) - REBUILT == set()
