"""Bad input gets one clear line and leaves the store as it was; a killed import loses nothing; imports at the
same time both land; a store held too long says it is busy."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES, run, write
from scrtool.errors import ExitCode
from scrtool.parse import decode

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = str(SAMPLES / "child-t.md")
TRACKER_HEADER = "| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"


def scrtool(*args: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scrtool", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **(env or {})},
    )


def tracker(rows: int, agency: str = "Police") -> str:
    return TRACKER_HEADER + "".join(
        f"| {n} | Recommendation number {n} about information sharing | {agency} {n % 7} "
        f"| {'Completed' if n % 3 else 'In progress'} |\n"
        for n in range(1, rows + 1)
    )


def report_ids(db: Path | str) -> list[str]:
    """The store's reports, read through scrtool on either engine (``$SCRTOOL_DB`` is this test's store)."""
    import os

    from scrtool.store.db import open_store

    store = open_store(os.environ["SCRTOOL_DB"] if isinstance(db, Path) else db)
    try:
        return [row[0] for row in store.conn.execute("SELECT id FROM reports ORDER BY id")]
    finally:
        store.close()


BAD_INPUTS = [
    ("empty.md", b"", "{path}: is empty"),
    ("blank.md", b"\n  \n", "{path}: is empty"),
    ("image.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "{path}: is a PNG image, not a text plan"),
    (
        "plan.zip",
        b"PK\x03\x04\x14\x00\x00\x00",
        "{path}: is a damaged or truncated zip file (a Word or Excel document?): open it and save it again",
    ),
    (
        "nul.md",
        b"| a | b |\n|--|--|\n| 1 \x00 | x |\n",
        "{path}:3: is a binary file, not a text plan (NUL byte at offset 22)",
    ),
    (
        "prose.md",
        b"Just a paragraph.\nAnd another.\n",
        "{path}: no recommendations found: no table of a plan, and no "
        "list of recommendations (a 'Recommendations' heading over "
        "them, or 'Recommendation 1' labels)",
    ),
    (
        "page.html",
        b"<html><body><table><tr><td>1</td><td>Audit</td></tr></table></body></html>\n",
        "{path}: no table of the plan found: 1 table is not part of the plan and not read (its header names no "
        "recommendation, action, agency or status): the table on line 1 (1 | Audit)",
    ),
    ("header-only.md", TRACKER_HEADER.encode(), "{path}:1: table has a header and no rows; nothing to import"),
    (
        "bad-bytes.md",
        b"| No | Recommendation |\n|--|--|\n| 1 | caf\x81\x8d |\n",
        "{path}:3: byte 41 (0x81, column 10) is not valid UTF-8 or Windows-1252 text",
    ),
]


@pytest.mark.sqlite_only("the store file's bytes, journal or lock")
@pytest.mark.parametrize(("name", "data", "message"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_is_one_line_and_the_store_is_untouched(
    tmp_path: Path, private_store: Path, name: str, data: bytes, message: str
) -> None:
    assert run("import", SAMPLE).exit_code == 0
    before = private_store.read_bytes()
    path = tmp_path / name
    path.write_bytes(data)
    result = run("import", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == f"scrtool: error: {message.format(path=path)}\n"
    assert result.stdout == ""
    assert report_ids(private_store) == ["child-t"]
    assert private_store.read_bytes() == before


def test_folder_missing_file_size_limit_and_long_line(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    assert run("import", str(folder)).stderr == f"scrtool: error: {folder}: is a folder, not a file\n"
    assert run("import", str(tmp_path / "no.md")).stderr == f"scrtool: error: {tmp_path / 'no.md'}: no such file\n"
    big = write(tmp_path, "big.md", tracker(50))
    result = run("import", big, "--max-size", "1000")
    size = os.path.getsize(big)
    assert result.stderr == f"scrtool: error: {big}: is {size:,} bytes, over the 1,000-byte limit (see --max-size)\n"
    long_line = write(tmp_path, "long.md", TRACKER_HEADER + "| 1 | " + "x" * 3_000_000 + " | P | Done |\n")
    assert run("import", long_line).stderr == (
        f"scrtool: error: {long_line}:3: line is 3,000,019 characters long; a plan line is at most 1,048,576\n"
    )


def test_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, "secret.md", tracker(2))
    os.chmod(path, 0)

    def denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    if os.geteuid() == 0:  # root reads anything: make the open fail as it would for a user
        monkeypatch.setattr(decode, "open", denied, raising=False)
    result = run("import", path)
    assert (result.exit_code, result.stderr) == (ExitCode.INPUT, f"scrtool: error: {path}: permission denied\n")


def test_other_files_of_the_command_are_still_imported(tmp_path: Path, private_store: Path) -> None:
    empty = write(tmp_path, "empty.md", "")
    result = run("import", empty, SAMPLE)
    assert result.exit_code == ExitCode.INPUT
    assert report_ids(private_store) == ["child-t"]


def test_encodings_and_line_endings_read_the_same(tmp_path: Path) -> None:
    text = TRACKER_HEADER + "| 1 | The \u2018caf\u00e9\u2019 \u2013 plan | Police | Done |\n"
    variants = {
        "utf8.md": text.encode(),
        "bom.md": b"\xef\xbb\xbf" + text.encode(),
        "utf16.md": text.replace("\n", "\r\n").encode("utf-16"),
        "cp1252.md": text.encode("cp1252"),
        "cr.md": text.replace("\n", "\r").encode(),
    }
    for name, data in variants.items():
        (tmp_path / name).write_bytes(data)
        result = run("import", str(tmp_path / name), "--dry-run")
        assert result.exit_code == 0, (name, result.stderr)
        listed = run("import", str(tmp_path / name), "--dry-run")
        assert "1 recommendation, 1 numbered action" in listed.stdout, name
    from scrtool.parse import read_plan

    texts = {read_plan(str(tmp_path / name)).actions[0].text for name in variants}
    assert texts == {"The \u2018caf\u00e9\u2019 \u2013 plan"}


def test_strict_turns_warnings_into_failure(private_store: Path) -> None:
    result = run("import", SAMPLE, "--strict")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines()[-1] == f"scrtool: error: {SAMPLE}: 1 warning(s) with --strict; nothing stored"
    assert not private_store.exists()


def test_dry_run_writes_nothing(private_store: Path) -> None:
    result = run("import", SAMPLE, "--dry-run")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        f"child-t: would import from {SAMPLE}: 3 recommendations, 1 reminder of "
        "practice, 11 numbered actions, 2 unnumbered responses (dry run, nothing "
        "stored)"
    )
    assert not private_store.exists()


KILLED = """
import os, signal, sys
from scrtool.store import db, tallies

db.CACHE_KIB = 64  # a small page cache: the import's transaction writes pages into the store file before it ends
count_statuses = tallies.count_statuses

def killed(tx, *args, **kwargs):
    count_statuses(tx, *args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)  # every row in, the transaction not committed

tallies.count_statuses = killed
sys.argv = ["scrtool", *sys.argv[1:]]
from scrtool.cli.app import main
main()
"""


@pytest.mark.sqlite_only("the store file's bytes, journal or lock")
def test_killed_import_leaves_the_store_as_it_was(tmp_path: Path, private_store: Path) -> None:
    """Fault injection, no timing: the import is killed (SIGKILL) once every row is in, before it commits."""
    assert run("import", SAMPLE).exit_code == 0
    before = private_store.stat().st_size
    big = write(tmp_path, "big.md", tracker(3_000))
    done = subprocess.run([sys.executable, "-c", KILLED, "import", big], capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (-signal.SIGKILL, "")
    assert Path(f"{private_store}-journal").exists()  # a hot journal: the next opening rolls the store back
    assert private_store.stat().st_size > before  # the transaction's pages were in the store file itself
    assert report_ids(private_store) == ["child-t"]
    result = run("list", "--status", "open", "--format", "json")
    assert result.exit_code == 0 and len(result.stdout) > 2
    assert private_store.stat().st_size == before
    assert run("import", SAMPLE).stdout == f"child-t: unchanged ({SAMPLE} is already in the store)\n"


def test_two_imports_at_once_both_land(tmp_path: Path, private_store: Path) -> None:
    first = write(tmp_path, "first.md", tracker(3000, "Health"))
    second = write(tmp_path, "second.md", tracker(3000, "Police"))
    procs = [scrtool("import", first, "--new"), scrtool("import", second, "--new")]
    results = [proc.communicate() + (proc.returncode,) for proc in procs]
    assert [code for _, _, code in results] == [0, 0], results
    assert report_ids(private_store) == ["first", "second"]


def test_same_file_twice_at_once_is_stored_once(tmp_path: Path, private_store: Path) -> None:
    plan = write(tmp_path, "plan.md", tracker(3000))
    procs = [scrtool("import", plan), scrtool("import", plan)]
    outputs = sorted(proc.communicate()[0].splitlines()[0] for proc in procs)
    assert [proc.returncode for proc in procs] == [0, 0]
    assert outputs[0].startswith("plan: imported from ")
    assert outputs[1] == f"plan: unchanged ({plan} is already in the store)"
    assert report_ids(private_store) == ["plan"]


@pytest.mark.sqlite_only("the store file's bytes, journal or lock")
def test_store_held_too_long_is_busy(private_store: Path) -> None:
    assert run("import", SAMPLE).exit_code == 0
    holder = sqlite3.connect(private_store, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        proc = scrtool("import", str(SAMPLES / "child-t.md"), "--report", "other", env={"SCRTOOL_BUSY_TIMEOUT": "0.3"})
        _, stderr = proc.communicate()
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert proc.returncode == ExitCode.STORE
    assert stderr.splitlines()[-1] == (
        f"scrtool: error: store busy: another scrtool is writing {private_store}; try again in a moment"
    )
