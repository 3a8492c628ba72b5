"""Issue 13 item 7: `scrtool remove REPORT` removes a report; its history is kept in the archive, never lost."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import SAMPLES, run

SAMPLE = str(SAMPLES / "child-t.md")
pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL


@pytest.fixture
def updated() -> None:
    assert run("import", SAMPLE).exit_code == 0
    assert (
        run(
            "update",
            "Riverside Health",
            "4",
            "--status",
            "completed",
            "--evidence",
            "Audit report",
            "--note",
            "audit done",
            "--date",
            "2026-01-12",
        ).exit_code
        == 0
    )


def dump(db: Path) -> list[str]:
    return list(sqlite3.connect(db).iterdump())


def table(stdout: str) -> list[list[str]]:
    return [
        [cell.strip() for cell in line[1:-1].split(line[0])] for line in stdout.splitlines() if line[:1] in ("┃", "│")
    ]


@pytest.mark.sqlite_only("reads the SQLite file itself")
def test_without_a_terminal_it_needs_yes(updated: None, private_store: Path) -> None:
    before = dump(private_store)
    result = run("remove", "child-t")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "scrtool: error: remove 'child-t': asks for confirmation; without a terminal, add --yes\n",
    )
    assert dump(private_store) == before


@pytest.mark.sqlite_only("reads the SQLite file itself")
def test_an_unknown_report_is_not_found(updated: None, private_store: Path) -> None:
    before = dump(private_store)
    result = run("remove", "child-x", "--yes")
    assert (result.exit_code, result.stderr) == (
        4,
        "scrtool: error: no report 'child-x' in the store; reports: child-t\n",
    )
    assert dump(private_store) == before


def test_removed_with_its_history_archived(updated: None, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("remove", "child-t", "--yes")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "child-t: removed (Serious Case Review: Child T — multi-agency action plan (sample written for scrtool; all "
        "names invented): 13 action(s)); 14 history entries kept in the archive: scrtool archive child-t\n",
        "",
    )
    assert run("reports").stderr == "the store holds no reports yet\n"
    assert table(run("archive").stdout)[1][0::2] == ["child-t", "2026-01-15T00:00:00Z", "14"]
    monkeypatch.delenv("TTY_COMPATIBLE")  # into a pipe: a line an entry, its cells tab-separated
    rows = [line.split("\t") for line in run("archive", "child-t").stdout.splitlines()]
    assert rows[0] == ["Action", "Date", "Change", "Note", "Evidence"]
    assert len(rows) == 15
    assert [row for row in rows if row[0] == "Riverside Health 4"] == [
        ["Riverside Health 4", "2026-01-15", "import: open", "imported from child-t.md", ""],
        ["Riverside Health 4", "2026-01-12", "manual: open -> completed", "audit done", "Audit report"],
    ]
    # the id is free again: a new import starts a history of its own
    assert run("import", SAMPLE).exit_code == 0
    history = json.loads(run("history", "Riverside Health", "4", "--format", "json").stdout)["history"]
    assert [(e["source"], e["to"]) for e in history] == [("import", "open")]


def test_asks_on_a_terminal(updated: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrtool.cli import archiving
    from scrtool.cli.app import app

    monkeypatch.setattr(archiving, "_interactive", lambda: True)
    runner = CliRunner()
    kept = runner.invoke(app, ["remove", "child-t"], input="n\n")
    assert kept.exit_code == 0 and "removed" not in kept.stdout  # (the runner echoes the answer typed)
    assert kept.stderr == (
        "Remove report 'child-t' and its 13 action(s)? Its history is kept in the archive [y/N]:nothing removed\n"
    )  # (the space after the prompt is echoed with the answer)
    assert run("reports").exit_code == 0 and "child-t" in run("reports").stdout
    gone = runner.invoke(app, ["remove", "child-t"], input="y\n")
    assert gone.exit_code == 0
    assert gone.stdout.splitlines()[-1].endswith(
        "13 action(s)); 14 history entries kept in the archive: scrtool archive child-t"
    )


def test_the_archive_of_an_unknown_report(updated: None) -> None:
    result = run("archive", "child-t")
    assert (result.exit_code, result.stderr) == (
        4,
        "scrtool: error: the archive holds no report 'child-t'; removed reports: none\n",
    )
    assert run("archive").stderr == "no report has been removed\n"
