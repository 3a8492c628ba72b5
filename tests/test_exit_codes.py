"""The README's exit codes hold where the red team found exit 1, "internal error", instead (issue 11, items 15 to
17): numbers out of range, dates out of range, a bad config or environment value, an unreadable evidence file, a
damaged store, and an interrupt."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES, run, write
from scrtool.errors import ExitCode
from scrtool.questions import monitor
from scrtool.store.db import open_store

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = str(SAMPLES / "child-t.md")


@pytest.fixture
def imported() -> None:
    assert run("import", "--quiet", SAMPLE).exit_code == 0


def usage_error(result_stderr: str) -> str:
    """The last line of click's usage error (after its Usage: and Try lines)."""
    return result_stderr.splitlines()[-1]


def test_search_limit_beyond_sqlite_integers_is_a_usage_error(imported: None) -> None:
    result = run("search", "audit", "--limit", "9223372036854775808")
    assert result.exit_code == ExitCode.USAGE
    assert usage_error(result.stderr) == (
        "Error: Invalid value for '--limit': 9223372036854775808 is not in the range 1<=x<=9223372036854775807."
    )


@pytest.mark.parametrize("size", ["99999999999999999999999", "1073741825", "0"])
def test_import_max_size_out_of_range_is_a_usage_error(size: str, private_store: Path) -> None:
    result = run("import", "--max-size", size, SAMPLE)
    assert result.exit_code == ExitCode.USAGE
    assert usage_error(result.stderr) == (
        f"Error: Invalid value for '--max-size': {size} is not in the range 1<=x<=1073741824."
    )
    assert not private_store.exists()


def test_import_max_size_at_its_largest_reads_the_file() -> None:
    result = run("import", "--quiet", "--max-size", "1073741824", SAMPLE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "child-t: imported from " + SAMPLE + ": 3 recommendations, 1 reminder of "
        "practice, 11 numbered actions, 2 unnumbered responses"
    ]


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "3000-01-01"])
@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["list", "--format", "json"],
        ["summary"],
        ["show", "Riverside Health", "4"],
        ["update", "Riverside Health", "4", "--note", "x"],
        ["export", "-o", "x.csv"],
    ],
)
def test_a_today_out_of_range_is_a_usage_error(
    imported: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, day: str, args: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRTOOL_TODAY", day)
    result = run(*args)
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: SCRTOOL_TODAY='{day}' is out of range: give a day from 1900-01-01 to 2999-12-31\n",
    )


@pytest.mark.parametrize("day", ["1900-01-01", "2999-12-31"])
def test_the_first_and_last_days_today_may_be(imported: None, monkeypatch: pytest.MonkeyPatch, day: str) -> None:
    monkeypatch.setenv("SCRTOOL_TODAY", day)
    result = run("list", "--agency", "police", "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    rags = [line.split("\t")[3] for line in result.stdout.splitlines()[1:]]
    assert rags == ["green", "green"] if day == "1900-01-01" else rags == ["green", "amber"]


@pytest.mark.parametrize(
    "key,value",
    [("due_soon_days", "99999999999"), ("stale_days", "36501"), ("due_soon_days", "-1"), ("stale_days", "1.5")],
)
def test_rag_days_out_of_range_in_the_config_file_are_a_usage_error(
    imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, key: str, value: str
) -> None:
    monkeypatch.setenv("SCRTOOL_CONFIG", write(tmp_path, "config.toml", f"[rag]\n{key} = {value}\n"))
    result = run("list")
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: {tmp_path}/config.toml: [rag] {key} must be a whole number of days from 0 to 36500\n",
    )


def test_rag_days_at_their_largest_are_taken(imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRTOOL_CONFIG", write(tmp_path, "config.toml", "[rag]\ndue_soon_days = 36500\n"))
    monkeypatch.setenv("SCRTOOL_TODAY", "2999-12-31")
    result = run("list", "--agency", "police", "--format", "tsv")
    assert result.exit_code == 0, result.stderr


def test_evidence_naming_an_unreadable_file_is_a_usage_error(
    imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "audit.pdf", "the audit")
    os.chmod(path, 0)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        monkeypatch.setattr(monitor, "open", denied, raising=False)
    before = run("history", "Riverside Health", "4", "--format", "json").stdout
    result = run("update", "Riverside Health", "4", "--status", "completed", "--evidence", path)
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: --evidence {path} cannot be read: Permission denied\n",
    )
    assert run("history", "Riverside Health", "4", "--format", "json").stdout == before


def test_a_busy_timeout_that_is_not_a_number_is_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "SCRTOOL_DB": str(tmp_path / "s.db"), "SCRTOOL_BUSY_TIMEOUT": "abc"}
    done = subprocess.run([sys.executable, "-m", "scrtool", "list"], env=env, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (
        ExitCode.USAGE,
        "scrtool: error: SCRTOOL_BUSY_TIMEOUT='abc' is not a number of seconds from 0 to 86400\n",
    )


@pytest.mark.parametrize("value", ["-1", "nan", "inf", "86401"])
def test_a_busy_timeout_out_of_range_is_a_usage_error(
    imported: None, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("SCRTOOL_BUSY_TIMEOUT", value)
    result = run("list")
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: SCRTOOL_BUSY_TIMEOUT='{value}' is not a number of seconds from 0 to 86400\n",
    )


def damage(store: str, sql: str) -> str:
    """Change the store (a file or a URL) as another program might, behind scrtool's back; the id of Riverside
    Health's action 4."""
    opened = open_store(store)
    try:
        with opened.write() as tx:
            tx.execute(sql)
            found = tx.execute("SELECT id FROM actions WHERE agency = 'Riverside Health' AND number = '4'").fetchone()
    finally:
        opened.close()
    assert isinstance(found[0], str)
    return str(found[0])


RIVERSIDE_4 = "agency = 'Riverside Health' AND number = '4'"


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--format", "json"],
        ["list", "--format", "csv"],
        ["list", "--format", "table"],
        ["show", "Riverside Health", "4"],
        ["trace", "1"],
        ["history", "Riverside Health", "4"],
    ],
)
def test_an_unknown_status_is_a_damaged_store(imported: None, engine: str, args: list[str]) -> None:
    ident = damage(engine, f"UPDATE actions SET status = 'bogus' WHERE {RIVERSIDE_4}")
    result = run(*args)
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: damaged store: action '{ident}': status 'bogus' is not one scrtool writes\n",
    )


def test_an_unknown_status_in_a_piped_list_is_a_damaged_store(
    imported: None, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    damage(engine, f"UPDATE actions SET status = 'bogus' WHERE {RIVERSIDE_4}")
    result = run("list")
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        "scrtool: error: damaged store: action 4 of 'Riverside Health': status 'bogus' is not one scrtool writes\n",
    )


def test_unknown_statuses_in_the_counts_and_the_history_are_a_damaged_store(imported: None, engine: str) -> None:
    assert run("update", "Riverside Health", "4", "--note", "chased").exit_code == 0
    ident = damage(engine, "UPDATE history SET to_status = 'bogus'")
    result = run("history", "Riverside Health", "4")
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: damaged store: a history entry of action '{ident}': status 'bogus' is not "
        "one scrtool writes\n",
    )
    damage(engine, "UPDATE tally_status SET status = 'bogus' WHERE agency = 'Riverside Health'")
    for args in (["summary"], ["agencies"]):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (
            ExitCode.STORE,
            "scrtool: error: damaged store: the counts of 'Riverside Health' in report 'child-t': "
            "status 'bogus' is not one scrtool writes\n",
        ), args


@pytest.mark.parametrize("extra", ["{broken", "[1, 2]", '{"Lead officer": 3}'])
def test_extra_cells_that_are_not_a_json_object_of_text_are_a_damaged_store(
    imported: None, engine: str, extra: str
) -> None:
    ident = damage(engine, f"UPDATE actions SET extra = '{extra}' WHERE {RIVERSIDE_4}")
    for args in (["list", "--format", "json"], ["show", "Riverside Health", "4"]):
        result = run(*args)
        assert (result.exit_code, result.stderr) == (
            ExitCode.STORE,
            f"scrtool: error: damaged store: action '{ident}': extra cells {extra!r} are not a JSON object of text\n",
        ), args


def test_an_unknown_recommendation_kind_is_a_damaged_store(imported: None, engine: str) -> None:
    damage(engine, "UPDATE recommendations SET kind = 'bogus' WHERE number = '3'")
    result = run("summary")
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        "scrtool: error: damaged store: recommendation 3 of report 'child-t': kind 'bogus' is not one scrtool writes\n",
    )


def test_an_interrupted_command_exits_130(imported: None, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrtool.questions import query

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(query, "list_actions", interrupted)
    result = run("list", "--format", "json")
    assert (result.exit_code, result.stderr) == (ExitCode.INTERRUPTED, "scrtool: error: interrupted\n")
    assert int(ExitCode.INTERRUPTED) == 130


def test_sigint_ends_a_command_with_130(tmp_path: Path) -> None:
    rows = "".join(f"| Police | {n} | Audit the pathway, part {n}. | Done |\n" for n in range(1, 3001))
    plan = write(tmp_path, "long.md", "| Police | Action No | Recommendation | Status |\n|---|---|---|---|\n" + rows)
    assert run("import", "--quiet", plan).exit_code == 0
    env = {**os.environ, "SCRTOOL_DB": os.environ["SCRTOOL_DB"]}
    listing = subprocess.Popen(
        [sys.executable, "-m", "scrtool", "list", "--format", "json"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert listing.stdout is not None
    assert listing.stdout.read(2) == b"[\n"  # running and writing; it fills the pipe and waits, as under a pager
    listing.send_signal(signal.SIGINT)
    _, err = listing.communicate(timeout=60)
    assert (listing.returncode, err) == (130, b"scrtool: error: interrupted\n")


def test_sigint_while_the_command_is_loading_exits_130() -> None:
    hook = (
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'scrtool.cli.app':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n"
        "from scrtool.launch import main\n"
        "main()\n"
    )
    done = subprocess.run([sys.executable, "-c", hook], capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (130, "scrtool: error: interrupted\n")
