"""Text from a report is data in every view: never markup, never a terminal escape, never a formula."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from conftest import run, write
from scrtool.cli.app import app

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

NASTY = "[bold red]Loud[/] \x1b[31mred\x1b]0;pwned\x07 \u202eevil \x9b2J [link=file:///etc]x[/link]"
PLAN = (
    "| Rec No. | Recommendation | IMR Agency | IMR Action No. |\n|---|---|---|---|\n"
    f"| 1 | {NASTY} | [Police] | Action 1 |\n\n"
    "| [Police] | Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
    f"| [Police] | 1 | {NASTY} | =cmd\\|' /C calc'!A0 | Completed |\n"
)


@pytest.fixture
def nasty(tmp_path: Path) -> str:
    path = write(tmp_path, "report[final].md", PLAN)
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith(f"report-final: imported from {path}: ")
    return path


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["trace", "1"],
        ["show", "[Police]", "1"],
        ["summary"],
        ["agencies"],
        ["reports"],
        ["list", "--format", "markdown"],
    ],
)
def test_views_show_markup_literally_and_no_escapes(nasty: str, args: list[str]) -> None:
    result = run(*args, "--report", "report-final") if args[0] not in ("reports", "agencies") else run(*args)
    assert result.exit_code == 0, result.stderr
    for char in ("\x1b", "\x07", "\x9b", "\u202e"):
        assert char not in result.stdout, (args, char)


def test_trace_prints_markup_verbatim(nasty: str) -> None:
    out = run("trace", "1").stdout
    assert "[bold red]Loud[/]" in out and "[Police]" in out


def test_file_name_with_brackets_prints_verbatim(nasty: str) -> None:
    assert "report[final].md" in run("reports").stdout


def test_json_round_trips_the_exact_text(nasty: str) -> None:
    data = json.loads(run("list", "--format", "json").stdout)
    assert data[0]["text"] == NASTY
    assert data[0]["outcome"] == "=cmd|' /C calc'!A0"


def test_csv_outcome_is_not_a_formula(nasty: str) -> None:
    out = run("list", "--format", "csv").stdout
    assert ",'=cmd|' /C calc'!A0," in out


def test_no_locals_in_tracebacks() -> None:
    assert app.pretty_exceptions_show_locals is False


@pytest.mark.sqlite_only("the store file itself")
def test_store_files_owner_only_while_open(private_store: Path, nasty: str) -> None:
    from scrtool.store.db import open_store

    store = open_store(str(private_store))
    try:
        with pytest.raises(KeyboardInterrupt), store.write() as tx:  # a write transaction, rolled back
            tx.execute("DELETE FROM actions")
            for suffix in ("", "-journal"):
                side = Path(f"{private_store}{suffix}")
                assert side.exists(), suffix
                assert stat.S_IMODE(os.stat(side).st_mode) == 0o600, suffix
            raise KeyboardInterrupt
        assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone()[0] > 0
    finally:
        store.close()
