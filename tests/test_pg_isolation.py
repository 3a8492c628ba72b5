"""Row-level security holds every table that keeps an agency's rows (issue 16): the archive of removed reports, the
return cycle, history, search and the counts; every other table is listed as the partnership's (store/grants.py),
and a table in neither list fails here. Each read is an ordinary role's (a superuser or the owner would hide bugs)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import psycopg
import pytest

from conftest import SAMPLES, run
from scrtool.store import grants
from test_returns import fill

NP, RH, CS = "Northshire Police", "Riverside Health", "Children's Services"


def role_of(url: str) -> str:
    return url.split("://")[1].split(":")[0]


def granted(store_as: Callable[[str], str], tmp_path: Path) -> tuple[str, str]:
    """(owner, police): a store with every table filled as the owner would fill it (child-v imported and removed,
    returns issued and one applied for two agencies), Northshire Police granted to the police role."""
    owner, police = store_as("owner"), store_as("police")
    other = tmp_path / "child-v.md"
    other.write_text(
        (SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("Child T", "Child V"), encoding="utf-8"
    )
    assert run("import", str(other), "--new", "--db", owner).exit_code == 0
    assert run("update", NP, "1", "--report", "child-v", "--note", "briefed", "--db", owner).exit_code == 0
    assert run("update", RH, "2", "--report", "child-v", "--note", "secret of health", "--db", owner).exit_code == 0
    assert run("remove", "child-v", "--yes", "--db", owner).exit_code == 0
    assert run("returns", "issue", "-o", str(tmp_path / "out"), "--db", owner).exit_code == 0
    for agency, number in ((NP, "2"), (RH, "4")):
        book = fill(
            tmp_path / "out" / f"{agency}.xlsx",
            {f"child-t/{agency}/{number}": {"Progress note": f"return of {agency}", "Updated on": date(2026, 1, 10)}},
            tmp_path / f"{number}.xlsx",
        )
        applied = run("returns", "apply", book, "--db", owner)
        assert applied.exit_code == 0, applied.stderr
    assert run("similar", "1", "--db", owner).exit_code == 0
    assert run("search", "briefing", "--db", owner).exit_code == 0
    assert run("db", "grant", NP, role_of(police)).exit_code == 0
    return owner, police


def test_every_table_is_the_partnerships_or_held_by_policies(store_as: Callable[[str], str], tmp_path: Path) -> None:
    owner, police = granted(store_as, tmp_path)
    with psycopg.connect(owner, autocommit=True) as conn:
        tables = {
            row[0]
            for row in conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
            )
        }
        assert tables - grants.AGENCIES - grants.PARTNERSHIP == set()  # a new table: place it in store/grants.py
        assert set() == grants.AGENCIES & grants.PARTNERSHIP
        held = conn.execute(
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = "
            "current_schema() AND c.relkind = 'r' AND c.relrowsecurity AND c.relforcerowsecurity AND EXISTS "
            "(SELECT 1 FROM pg_policies p WHERE p.schemaname = n.nspname AND p.tablename = c.relname "
            "AND p.policyname LIKE 'scrtool_agency_%')"
        ).fetchall()
        assert {row[0] for row in held} == grants.AGENCIES
        conn.execute("CREATE TABLE added_later (agency_key TEXT)")  # as a later migration would, unlisted
        conn.execute("INSERT INTO added_later VALUES ('riverside health')")
    assert run("db", "grant", NP, role_of(police), "--db", owner).exit_code == 0  # again: nothing on it
    with psycopg.connect(police, autocommit=True) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute("SELECT * FROM added_later")


def test_a_role_reads_its_agencys_rows_of_the_archive_and_the_returns_only(
    store_as: Callable[[str], str], tmp_path: Path
) -> None:
    owner, police = granted(store_as, tmp_path)
    counted = (
        "SELECT (SELECT COUNT(DISTINCT agency_key) FROM removed_history), (SELECT COUNT(*) FROM removed_history), "
        "(SELECT COUNT(*) FROM return_issues), (SELECT COUNT(*) FROM return_rows), "
        "(SELECT COUNT(*) FROM return_answers), (SELECT COUNT(*) FROM agency_grants)"
    )
    with psycopg.connect(owner, autocommit=True) as conn:
        everyone = conn.execute(counted).fetchone()
    with psycopg.connect(police, autocommit=True) as conn:
        conn.execute("SET app.agency = 'riverside health'")
        assert conn.execute(counted).fetchone() == (1, 3, 1, 1, 1, 1)
        assert conn.execute("SELECT DISTINCT agency_key FROM removed_history").fetchall() == [("northshire police",)]
        assert conn.execute("SELECT action_id FROM return_answers").fetchall() == [(f"child-t/{NP}/2",)]
    assert everyone == (3, 15, 3, 4, 2, 1)


def test_the_commands_answer_for_the_roles_agency_only(store_as: Callable[[str], str], tmp_path: Path) -> None:
    owner, police = granted(store_as, tmp_path)
    for url in (owner, police):  # the counts kept when the report was removed are the partnership's
        assert run("archive", "--format", "tsv", "--db", url).stdout.splitlines()[1].endswith("\t13\t15")
    archived = json.loads(run("archive", "child-v", "--format", "json", "--db", police).stdout)
    assert [(e["agency"], e["number"], e["entry"]["note"]) for e in archived] == [
        (NP, "1", "imported from child-v.md"),
        (NP, "1", "briefed"),
        (NP, "2", "imported from child-v.md"),
    ]
    statuses = json.loads(run("returns", "status", "--format", "json", "--db", police).stdout)
    assert statuses == [
        {
            "agency": NP,
            "issued_on": "2026-01-15",
            "returned_on": "2026-01-15",
            "rows": 1,
            "answered": 1,
            "outstanding": 0,
            "conflicts": 0,
        }
    ]
    assert len(json.loads(run("returns", "status", "--format", "json", "--db", owner).stdout)) == 3
    other = run("history", RH, "4", "--db", police)
    assert (other.exit_code, other.stderr) == (4, f"scrtool: error: no action 4 of '{RH}' in report 'child-t'\n")
    own = json.loads(run("history", NP, "2", "--format", "json", "--db", police).stdout)["history"]
    assert [(e["source"], e["note"]) for e in own] == [
        ("import", "imported from child-t.md"),
        ("return", f"return of {NP}"),
    ]
    found = run("search", "health", "--format", "tsv", "--db", police).stdout.splitlines()
    assert [line.split("\t")[:4] for line in found] == [
        ["Report", "What", "Agency", "No."],
        ["child-t", "recommendation", "", "1"],
    ]  # the owner's finds five actions of Children's Services and Riverside Health, and a return's note
    summary = [line for line in run("summary", "--format", "tsv", "--db", police).stdout.splitlines() if line]
    assert summary[1:4] == [
        "agency\tactions\tcompleted\tin-progress\tred\tamber\tgreen\tpercent completed",
        "Northshire Police\t2\t1\t1\t0\t0\t2\t50%",
        "recommendation\tcited\tcompleted\tpercent completed\ttext",
    ]
    assert summary[4].startswith("1\t5\t3\t60%\t")  # the recommendation's counts are every agency's


def test_a_store_granted_before_the_archive_and_the_returns_holds_them_by_agency_once_migrated(
    store_as: Callable[[str], str], tmp_path: Path
) -> None:
    """Row-level security turned on at schema 13; migrations 14 to 16 add the archive and the return cycle, and
    step 16 puts them under the policies: the police role reads its agency's rows of them, none of the others'."""
    owner, police = store_as("owner"), store_as("police")
    assert run("db", "grant", NP, role_of(police)).exit_code == 0
    with psycopg.connect(owner, autocommit=True) as conn:  # as scrtool left it at schema 13
        conn.execute("DROP TABLE removed_reports, removed_history, return_issues, return_rows, return_answers")
        conn.execute("DROP POLICY scrtool_agency_select ON agency_grants")
        conn.execute("ALTER TABLE agency_grants NO FORCE ROW LEVEL SECURITY")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role_of(police)}")
        conn.execute("UPDATE scrtool_schema SET version = 13")
    assert run("list", "--db", owner).exit_code == 0  # the owner's first command migrates it
    other = tmp_path / "child-v.md"
    other.write_text(
        (SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("Child T", "Child V"), encoding="utf-8"
    )
    assert run("import", str(other), "--new", "--db", owner).exit_code == 0
    assert run("remove", "child-v", "--yes", "--db", owner).exit_code == 0
    assert run("returns", "issue", "-o", str(tmp_path / "out"), "--db", owner).exit_code == 0
    with psycopg.connect(police, autocommit=True) as conn:
        assert conn.execute("SELECT DISTINCT agency_key FROM removed_history").fetchall() == [("northshire police",)]
        assert conn.execute("SELECT action_id FROM return_rows").fetchall() == [(f"child-t/{NP}/2",)]
        assert conn.execute("SELECT agency FROM return_issues").fetchall() == [(NP,)]
        assert conn.execute("SELECT COUNT(*) FROM agency_grants").fetchone() == (1,)
    with psycopg.connect(owner, autocommit=True) as conn:
        assert conn.execute("SELECT COUNT(DISTINCT agency_key), COUNT(*) FROM removed_history").fetchone() == (3, 13)
        assert conn.execute("SELECT COUNT(*) FROM return_rows").fetchone() == (4,)


def test_archived_entries_made_before_migration_16_get_their_agencys_key(engine: str) -> None:
    """Both engines: step 16 keys the archive's entries by agency (the column row-level security reads)."""
    assert run("import", str(SAMPLES / "child-t.md")).exit_code == 0
    assert run("remove", "child-t", "--yes").exit_code == 0
    keyed = "SELECT DISTINCT agency, agency_key FROM removed_history ORDER BY 1"
    with raw(engine) as conn:
        made = conn.execute(keyed).fetchall()
        conn.execute("ALTER TABLE removed_history DROP COLUMN agency_key")
        conn.execute("UPDATE scrtool_schema SET version = 15" if "://" in engine else "PRAGMA user_version = 15")
    assert made == [(CS, "children's services"), (NP, "northshire police"), (RH, "riverside health")]
    assert run("archive", "child-t").exit_code == 0  # migrates
    with raw(engine) as conn:
        assert conn.execute(keyed).fetchall() == made


@contextmanager
def raw(engine: str) -> Iterator[Any]:
    """A connection of the driver's own to the test's store (autocommit), on either engine."""
    if "://" in engine:
        with psycopg.connect(engine, autocommit=True) as conn:
            yield conn
    else:
        lite = sqlite3.connect(engine, isolation_level=None)
        try:
            yield lite
        finally:
            lite.close()


def test_a_removed_report_of_other_agencies_alone_says_so_to_a_role(
    store_as: Callable[[str], str], tmp_path: Path
) -> None:
    """`archive REPORT` where every archived entry is another agency's: one line saying so, where an empty table was
    drawn under an `archive` listing that counts the report's entries (the partnership's count)."""
    owner, police = store_as("owner"), store_as("police")
    other = tmp_path / "child-w.md"
    text = (SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("Child T", "Child W")
    other.write_text(text.replace(NP, "Westshire Police"), encoding="utf-8")
    assert run("import", str(other), "--new", "--db", owner).exit_code == 0
    assert run("remove", "child-w", "--yes", "--db", owner).exit_code == 0
    assert run("db", "grant", NP, role_of(police), "--db", owner).exit_code == 0
    shown = run("archive", "child-w", "--format", "table", "--db", police)
    assert (shown.exit_code, shown.stdout, shown.stderr) == (
        0,
        "",
        "none of child-w's archived entries is this role's to read: they are other agencies' actions\n",
    )
    assert run("archive", "child-w", "--format", "json", "--db", police).stdout == "[]\n"
    assert len(json.loads(run("archive", "child-w", "--format", "json", "--db", owner).stdout)) == 13
