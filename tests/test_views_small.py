"""Issue 13 item 16: report refuses a file named for another format, evidence that looks like a missing file is
warned of, search looks in the notes of updates, and the shell completes report ids and agency names."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES, run, write

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL


@pytest.fixture
def imported() -> None:
    assert run("import", "-q", str(SAMPLES / "child-t.md")).exit_code == 0


@pytest.mark.parametrize("name", ["board.pdf", "board.docx", "board.PDF"])
def test_report_refuses_a_file_named_for_another_format(imported: None, tmp_path: Path, name: str) -> None:
    result = run("board", "-o", str(tmp_path / name))
    suffix = name.rsplit(".", 1)[1].lower()
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        f"scrtool: error: board writes an HTML page, not {suffix}: name the file .html (got "
        f"{tmp_path / name}; a browser prints the page to PDF)\n",
    )
    assert not (tmp_path / name).exists()


def test_the_board_page_under_its_old_name_is_made_and_the_new_name_said(tmp_path: Path) -> None:
    """``report`` names a review everywhere else (``--report``, ``reports``): the page's command is ``board``; a
    script that still says ``scrtool report`` gets the same page and one line naming the new command."""
    assert run("import", str(SAMPLES / "child-t.md"), "--quiet").exit_code == 0
    old, new = run("report", "-o", str(tmp_path / "old.html")), run("board", "-o", str(tmp_path / "new.html"))
    assert (old.exit_code, new.exit_code, new.stderr) == (0, 0, "")
    assert old.stderr == "scrtool: warning: 'scrtool report' is now 'scrtool board' (the old name still works)\n"
    assert old.stdout.replace("old.html", "X") == new.stdout.replace("new.html", "X")


def test_report_writes_html_named_html_htm_or_without_a_suffix(imported: None, tmp_path: Path) -> None:
    for name in ("board.html", "board.HTM", "board"):
        assert run("board", "-o", str(tmp_path / name)).exit_code == 0
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.parametrize(
    "evidence", ["audit-2024.pdf", "board/minutes", "~/audit.docx", "Board papers/audit 2024.XLSX"]
)
def test_evidence_that_looks_like_a_missing_file_is_kept_as_text_with_a_warning(imported: None, evidence: str) -> None:
    result = run("update", "Riverside Health", "4", "--note", "audit done", "--evidence", evidence)
    assert result.exit_code == 0
    assert result.stderr == (
        f"scrtool: warning: --evidence {evidence} looks like a path but names no file; kept as "
        "text (give the file's path to keep its hash)\n"
    )
    history = json.loads(run("history", "Riverside Health", "4", "--format", "json").stdout)["history"]
    assert history[-1]["evidence"] == evidence


@pytest.mark.parametrize("evidence", ["minutes of the board, 12 March", "https://example.org/audit.pdf", "12.03"])
def test_evidence_that_is_text_is_not_warned_of(imported: None, evidence: str) -> None:
    result = run("update", "Riverside Health", "4", "--note", "audit done", "--evidence", evidence)
    assert (result.exit_code, result.stderr) == (0, "")


def test_evidence_that_is_a_file_is_kept_by_its_hash_without_a_warning(imported: None, tmp_path: Path) -> None:
    path = write(tmp_path, "audit.pdf", "audit")
    result = run("update", "Riverside Health", "4", "--note", "audit done", "--evidence", path)
    assert (result.exit_code, result.stderr) == (0, "")


def test_search_finds_the_notes_of_updates_not_the_imports_own(imported: None) -> None:
    assert run("search", "imported").stderr == "nothing matches\n"
    assert run("search", "antenatal").exit_code == 0  # the index is made now, before the update
    assert (
        run("update", "Riverside Health", "4", "--note", "Audit reported to the perinatal steering group").exit_code
        == 0
    )
    hits = json.loads(run("search", "perinatal steering", "--format", "json").stdout)
    assert hits == [
        {
            "report": "child-t",
            "kind": "update",
            "agency": "Riverside Health",
            "number": "4",
            "status": "open",
            "text": "Audit reported to the perinatal steering group",
            "matches": [[22, 31], [32, 40]],
        }
    ]
    assert json.loads(run("search", "perinatal", "--agency", "Northshire Police", "--format", "json").stdout) == []
    assert [
        h["kind"] for h in json.loads(run("search", "perinatal", "--status", "open", "--format", "json").stdout)
    ] == ["update"]


def _complete(words: str, db: str) -> list[str]:
    env = {
        **os.environ,
        "SCRTOOL_DB": db,
        "_SCRTOOL_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split(" ")) - 1),
    }
    done = subprocess.run([sys.executable, "-m", "scrtool"], env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    return [line for line in done.stdout.splitlines() if line]


def test_the_shell_completes_report_ids_and_agency_names(imported: None, engine: str) -> None:
    db = engine  # a PostgreSQL URL too (in $SCRTOOL_DB, or --db)
    assert _complete(f"scrtool trace 1 --db {db} --report ch", str(SAMPLES)) == ["child-t"]
    assert _complete("scrtool trace 1 --report ch", db) == ["child-t"]
    assert _complete("scrtool list --agency Ri", db) == ["Riverside Health"]
    assert _complete("scrtool history -r child-t N", db) == ["Northshire Police"]
    assert _complete("scrtool list --agency ", db)[:2] == ["Children's Services", "Northshire Police"]


@pytest.mark.sqlite_only("files that are not stores; the server's case is the test below")
def test_completion_is_quiet_without_a_store_or_with_a_file_that_is_not_one(tmp_path: Path) -> None:
    assert _complete("scrtool trace 1 --report ", str(tmp_path / "none.db")) == []
    junk = write(tmp_path, "junk.db", "not a store")
    assert _complete("scrtool list --agency ", junk) == []
    assert Path(junk).read_text(encoding="utf-8") == "not a store"
    assert not (tmp_path / "none.db").exists()


@pytest.mark.sqlite_only("the PostgreSQL cases, once")
def test_completion_on_postgresql_is_quiet_without_a_store_and_makes_none(request: pytest.FixtureRequest) -> None:
    import psycopg

    from conftest import pg_schema

    empty = pg_schema(request)
    assert _complete("scrtool list --agency ", empty) == []
    assert _complete("scrtool trace 1 --report ", empty.replace("/scrtool_tests", "/no_such_database")) == []
    with psycopg.connect(empty) as conn:
        assert conn.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()").fetchone() == (0,)
