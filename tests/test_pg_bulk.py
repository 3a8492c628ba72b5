"""Rows put in many at a time on PostgreSQL go by ``COPY ... FROM STDIN`` (store/pg.py ``copy_in``; issue 16's import
speed): the same rows land as by INSERT, whatever their text holds; where row-level security applies, by INSERT."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SAMPLES, run
from scrtool.errors import ExitCode, StoreError
from scrtool.store import pg
from scrtool.store.location import redact


@pytest.mark.parametrize(
    ("sql", "bulk"),
    [
        ("INSERT INTO links VALUES (?, ?, ?)", ("links", "")),
        ("INSERT INTO rec_terms (doc, term, weight) VALUES (?, ?, ?)", ("rec_terms", "(doc, term, weight)")),
        ("  INSERT INTO t (a) VALUES (?)\n", ("t", "(a)")),
        ("INSERT INTO rec_vectors (id, norm) VALUES (?, 0)", None),
        ("INSERT INTO search_indexed VALUES (?) ON CONFLICT DO NOTHING", None),
        ("INSERT INTO history (a) VALUES (?) RETURNING id", None),
        ("INSERT INTO t (a) SELECT ?", None),
        ("UPDATE rec_vectors SET norm = ? WHERE id = ?", None),
        ("INSERT INTO t (a) VALUES (:a)", None),
    ],
)
def test_only_an_insert_of_parameters_alone_goes_by_copy(sql: str, bulk: tuple[str, str] | None) -> None:
    assert pg.bulk_insert(sql) == bulk


AWKWARD = [
    (1, "tab\there", 0.1, "2026-03-31", None),
    (2, "line\nbreak\r\nand \\N and \\ and \\t", 1e-300, None, '{"a": "\\u00e9"}'),
    (3, "", -2.5, "2026-12-03", "null"),
    (4, "Ünïcödé — “quotes” 'single' %s %(x)s ?", 1 / 3, "1999-01-01", "[]"),
    (5, "\\.", 12345678901234.5, None, ""),
]


@pytest.mark.parametrize("engine", ["postgresql"], indirect=["engine"])
def test_copied_rows_are_the_rows_given_to_the_last_character(engine: str) -> None:
    conn = pg.connect(engine)
    try:
        conn.execute("CREATE TABLE awkward (n integer PRIMARY KEY, t text, x double precision, d date, j text)")
        conn.executemany("INSERT INTO awkward VALUES (?, ?, ?, ?, ?)", iter(AWKWARD))
        conn.executemany("INSERT INTO awkward (n, t) VALUES (?, ?)", [(6, None)])
        stored = conn.execute("SELECT n, t, x, d, j FROM awkward ORDER BY n").fetchall()
    finally:
        conn.close()
    assert stored == [*AWKWARD, (6, None, None, None, None)]


@pytest.mark.parametrize("engine", ["postgresql"], indirect=["engine"])
def test_a_copy_that_breaks_a_rule_is_the_stores_one_line_and_lands_nothing(engine: str) -> None:
    conn = pg.connect(engine)
    try:
        conn.execute("CREATE TABLE once (n integer PRIMARY KEY)")
        with pytest.raises(StoreError) as caught:
            conn.executemany("INSERT INTO once VALUES (?)", [(1,), (2,), (1,)])
        assert conn.execute("SELECT COUNT(*) FROM once").fetchone() == (0,)
    finally:
        conn.close()
    assert str(caught.value).startswith(f"store {conn.shown}: duplicate key value violates unique constraint")


def test_the_owner_imports_into_a_store_held_by_row_level_security(
    store_as: Callable[[str], str], tmp_path: Path
) -> None:
    """After ``db grant`` every agency table forces row-level security on its owner too, which PostgreSQL refuses
    COPY into: the owner's next import goes by INSERT, and the granted role sees its agency's new actions."""
    owner, police = store_as("owner"), store_as("police")
    assert run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0]).exit_code == 0
    other = tmp_path / "child-v.md"
    other.write_text((SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("Child T", "Child V"), "utf-8")
    imported = run("import", str(other), "--new", "--db", owner)
    assert (imported.exit_code, imported.stderr) == (
        0,
        f"{other}:9: warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan\n",
    )
    seen = json.loads(run("list", "--format", "json", "--db", police).stdout)
    assert sorted((a["report"], a["agency"], a["number"]) for a in seen) == [
        ("child-t", "Northshire Police", "1"),
        ("child-t", "Northshire Police", "2"),
        ("child-v", "Northshire Police", "1"),
        ("child-v", "Northshire Police", "2"),
    ]
    assert len(json.loads(run("list", "--format", "json", "--db", owner).stdout)) == 26


@pytest.mark.parametrize("engine", ["postgresql"], indirect=["engine"])
def test_a_connection_dropped_mid_copy_is_one_line_exit_5_and_the_store_as_it_was(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server ends the importing backend (pg_terminate_backend) while a COPY streams its rows: one line, exit
    5, the earlier version whole (psycopg's own complaint about the broken COPY is not printed)."""
    import psycopg

    assert run("import", str(SAMPLES / "child-t.md")).exit_code == 0
    before = run("export", "--format", "json", "-o", "-").stdout
    streamed = pg.PgConnection.copy_in

    def dropped(self: pg.PgConnection, cursor: object, table: str, columns: str, rows: Any) -> bool:
        def killing() -> Any:
            for number, row in enumerate(rows):
                if number == 1 and table == "recommendations":
                    with psycopg.connect(engine, autocommit=True) as admin:
                        pid = self.raw.info.backend_pid
                        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
                        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
                            time.sleep(0.01)
                yield row

        return streamed(self, cursor, table, columns, killing())  # type: ignore[arg-type]

    monkeypatch.setattr(pg.PgConnection, "copy_in", dropped)
    new = tmp_path / "child-t.md"
    new.write_text(
        (SAMPLES / "child-t.md")
        .read_text(encoding="utf-8")
        .replace("| Ongoing |", "| Completed |")
        .replace("audit how", "audit " + "how " * 50_000),
        "utf-8",
    )
    result = run("import", str(new), "--report", "child-t")
    assert result.exit_code == 5
    warned, failed = result.stderr.splitlines()  # the plan's warning, then the one line
    assert warned.endswith("warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan")
    # the server's words depend on whether it said why before the socket closed (sending copy data failed: ...)
    assert failed.startswith(f"scrtool: error: lost the connection to the store {redact(engine)}: ")
    monkeypatch.setattr(pg.PgConnection, "copy_in", streamed)
    assert run("export", "--format", "json", "-o", "-").stdout == before


_LOSE_THE_CONNECTION = """
import sys, time, psycopg
from scrtool.errors import ExitCode, StoreError
from scrtool.store import pg
from scrtool.store.location import redact
url = sys.argv[1]
def rows(conn):
    for number in range(3):
        if number == 1:
            with psycopg.connect(url, autocommit=True) as admin:
                pid = conn.raw.info.backend_pid
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
                while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
                    time.sleep(0.01)
        yield ("x" * 200_000,)
for attempt in range(6):
    conn = pg.connect(url)
    conn.execute(f"CREATE TABLE long_cells_{attempt} (a text)")
    try:
        conn.executemany(f"INSERT INTO long_cells_{attempt} VALUES (?)", rows(conn))
    except StoreError as exc:
        print(exc)
"""


@pytest.mark.parametrize("engine", ["postgresql"], indirect=["engine"])
def test_a_copy_whose_connection_is_lost_says_so_once(engine: str) -> None:
    """Rows still streaming when the server ends the backend: the one StoreError, and nothing on stderr (psycopg
    logged "error ignored terminating <psycopg.Copy [BAD] at 0x...>: the connection is lost", which Python's
    last-resort handler printed under scrtool's line). In a process of its own: pytest catches log records."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", _LOSE_THE_CONNECTION, engine], capture_output=True, text=True)
    # the server's words depend on how far it got before the socket closed (libpq has several): either way the
    # store's one line, once an attempt, and nothing else
    lost = f"lost the connection to the store {redact(engine)}: "
    assert [line[: len(lost)] for line in done.stdout.splitlines()] == [lost] * 6
    assert (len(done.stdout.splitlines()), done.stderr) == (6, "")


@pytest.mark.parametrize("engine", ["postgresql"], indirect=["engine"])
@pytest.mark.parametrize("command", ["import", "copy"])
def test_a_first_import_or_copy_the_server_refuses_leaves_the_schema_as_it_was(
    engine: str, command: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The tables are made before the import's own transaction; when the import (or ``db copy --to``) then fails,
    they are dropped again, as SQLite removes the file it made: no empty store is left to answer ``no actions
    match`` where there is no store yet."""
    import psycopg

    laptop = tmp_path / "laptop.db"
    assert run("import", str(SAMPLES / "child-t.md"), "--db", str(laptop)).exit_code == 0
    real = pg.PgConnection.copy_in

    def refused(self: pg.PgConnection, cursor: Any, table: str, columns: str, rows: Any) -> bool:
        if table == "actions":
            raise StoreError(f"store {self.shown}: the server refused the rows")
        return real(self, cursor, table, columns, rows)

    monkeypatch.setattr(pg.PgConnection, "copy_in", refused)
    args = ("import", str(SAMPLES / "child-t.md")) if command == "import" else ("db", "copy", "--to", engine)
    failed = run(*args, "--db", engine if command == "import" else str(laptop))
    assert (failed.exit_code, failed.stderr.splitlines()[-1]) == (
        ExitCode.STORE,
        f"scrtool: error: store {redact(engine)}: the server refused the rows",
    )
    with psycopg.connect(engine) as conn:
        assert conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").fetchall() == []
    monkeypatch.setattr(pg.PgConnection, "copy_in", real)
    nothing = run("list", "--db", engine)
    assert (nothing.exit_code, nothing.stderr) == (
        ExitCode.NOT_FOUND,
        f"scrtool: error: no store at {redact(engine)} yet; import a plan first (scrtool import FILE)\n",
    )
    assert run(*args, "--db", engine if command == "import" else str(laptop)).exit_code == 0
