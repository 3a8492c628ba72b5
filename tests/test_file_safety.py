"""The files scrtool reads and writes (issue 11, items 7-12): outputs only where a file belongs, a store only in a
scrtool store, owner-only whatever the umask, nothing left behind by a failure or a signal, a read-only store
searchable, and a full disk said as such. Faults are injected (no timing): a signal sent from inside the writer, a
page limit that makes SQLite's database full, a read-only connection where root could write anything."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import openpyxl
import pytest
from openpyxl.worksheet import _writer

from conftest import SAMPLES, run, write
from scrtool.errors import ExitCode
from scrtool.store.marker import APPLICATION_ID
from scrtool.store.schema import UNMARKED_VERSIONS

pytestmark = [
    pytest.mark.usefixtures("engine"),
    pytest.mark.sqlite_only(
        "files themselves: the SQLite store's (its mark, modes, journal, a full disk, a read-only file) and what "
        "exports write beside it; a store on a server is no file (tests/test_pg_url.py: its own refusals)"
    ),
]

SAMPLE = str(SAMPLES / "child-t.md")
SAMPLE_WARNING = f"{SAMPLE}:9: warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan\n"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def mode(path: Path | str) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


@pytest.fixture
def imported() -> None:
    result = run("import", SAMPLE)
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def umask_000() -> Iterator[None]:
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


@pytest.fixture
def system_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The system's temporary folder, for this test alone: what a writer library leaves there shows."""
    folder = tmp_path / "system-temp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setenv("TMPDIR", str(folder))
    return folder


# -- 7. outputs go only to a regular file, a new path, or standard output --------------------------------------------

LINK_REFUSED = (
    "{link} is a symbolic link (to {to}); scrtool neither writes through a link nor replaces it: give the "
    "path of the file itself with -o"
)


@pytest.mark.parametrize("command", [["export"], ["board"]])
@pytest.mark.parametrize("points_at", ["real.out", "missing.out"])
def test_a_symbolic_link_is_refused_and_left_as_it_is(
    imported: None, tmp_path: Path, command: list[str], points_at: str
) -> None:
    (tmp_path / "real.out").write_bytes(b"kept\n")
    name = "board.html" if command == ["board"] else "board.csv"
    link = tmp_path / name
    link.symlink_to(points_at)
    result = run(*command, "-o", str(link))
    assert (result.exit_code, result.stdout, result.stderr) == (
        ExitCode.USAGE,
        "",
        "scrtool: error: " + LINK_REFUSED.format(link=link, to=points_at) + "\n",
    )
    assert os.readlink(link) == points_at
    assert (tmp_path / "real.out").read_bytes() == b"kept\n"
    assert listing(tmp_path) == [name, "real.out", "store"]


def test_a_named_pipe_is_refused_and_left_a_pipe(imported: None, tmp_path: Path) -> None:
    fifo = tmp_path / "board.csv"
    os.mkfifo(fifo, 0o600)
    result = run("export", "-o", str(fifo))
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: {fifo} is a named pipe (FIFO), not a regular file; give a file name with "
        "-o, or -o - for standard output\n",
    )
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(tmp_path) == ["board.csv", "store"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node (and only root could replace one)")
def test_a_device_is_refused_and_left_a_device(imported: None, tmp_path: Path) -> None:
    device = tmp_path / "null"  # a copy of /dev/null: the real one is not put at risk by a test
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.chmod(device, 0o666)
    result = run("board", "-o", str(device))
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: {device} is a device, not a regular file; give a file name with -o, or "
        "-o - for standard output\n",
    )
    assert stat.S_ISCHR(os.lstat(device).st_mode) and mode(device) == 0o666
    assert listing(tmp_path) == ["null", "store"]


def test_a_new_output_is_owner_only_whatever_the_umask(imported: None, tmp_path: Path, umask_000: None) -> None:
    for args in (["export", "-o", str(tmp_path / "board.xlsx")], ["board", "-o", str(tmp_path / "board.html")]):
        assert run(*args).exit_code == 0
    assert (mode(tmp_path / "board.xlsx"), mode(tmp_path / "board.html")) == (0o600, 0o600)


@pytest.mark.parametrize(
    ("command", "name", "said"),
    [
        (["export", "--format", "csv"], "board.csv", "wrote 13 actions of child-t to {to} (csv)"),
        (["export", "--format", "json"], "board.json", "wrote 13 actions of child-t to {to} (json)"),
        (
            ["board"],
            "board.html",
            "wrote the board report of child-t to {to}: 11 actions (and 2 unnumbered responses), "
            "4 not completed, 1 overdue",
        ),
    ],
)
def test_dash_writes_into_a_pipe_the_bytes_of_the_file(
    imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str], name: str, said: str
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")  # standard output is a pipe
    to_file = run(*command, "-o", str(tmp_path / name))
    assert to_file.stdout == said.format(to=tmp_path / name) + "\n"
    piped = run(*command, "-o", "-")
    assert (piped.exit_code, piped.stderr) == (0, said.format(to="standard output") + "\n")
    assert piped.stdout_bytes == (tmp_path / name).read_bytes()


def test_dash_shows_text_on_a_terminal_made_safe(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        "plan.md",
        "| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"
        "| 1 | Share \x1b[2Jinformation | Police | Completed |\n",
    )
    assert run("import", plan).exit_code == 0
    shown = run("export", "--format", "csv", "-o", "-")  # the tests' standard output counts as a terminal
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[1].startswith(
        "plan,Police,Police,1,completed,Completed,green,,,Share \ufffd[2Jinformation,"
    )
    assert "\r" not in shown.stdout and not shown.stdout.startswith("\ufeff")


def test_dash_sends_xlsx_into_a_pipe_but_never_onto_a_terminal(
    imported: None, tmp_path: Path, system_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    refused = run("export", "--format", "xlsx", "-o", "-")  # the tests' standard output counts as a terminal
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        ExitCode.USAGE,
        "",
        "scrtool: error: xlsx is binary: write it to a file (-o FILE) or send -o - into a pipe "
        "or a file, not onto the terminal\n",
    )
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    piped = run("export", "--format", "xlsx", "-o", "-")
    assert (piped.exit_code, piped.stderr) == (0, "wrote 13 actions of child-t to standard output (xlsx)\n")
    (tmp_path / "piped.xlsx").write_bytes(piped.stdout_bytes)
    assert openpyxl.load_workbook(tmp_path / "piped.xlsx").sheetnames[0] == "Summary"
    assert listing(system_temp) == []
    assert run("export", "-o", "-").stderr == (
        "scrtool: error: -o - writes to standard output: say which format with --format csv, xlsx, json or markdown\n"
    )


# -- 8. a file that is not a scrtool store is never written ------------------------------------------------------

NOT_A_STORE = (
    "scrtool: error: {path} is not a scrtool store ({why}); scrtool leaves it as it is: give --db another file"
)
ANOTHER = "it is another program's database"


def another_programs_database(path: Path, wal: bool = False, application_id: int = 0) -> None:
    conn = sqlite3.connect(path)
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(f"PRAGMA application_id = {application_id}")
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('a note of another program')")
    conn.commit()
    conn.close()


COMMANDS = [
    ["list"],
    ["summary"],
    ["reports"],
    ["agencies"],
    ["trace", "1"],
    ["search", "mental"],
    ["history", "Police", "1"],
    ["update", "Police", "1", "--note", "n"],
    ["export", "-o", "x.csv"],
    ["import", SAMPLE],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_another_programs_database_is_refused_and_left_byte_for_byte(
    tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    other = tmp_path / "other.db"
    another_programs_database(other)
    before = digest(other)
    result = run(*command, "--db", str(other))
    assert result.exit_code == ExitCode.STORE
    assert result.stderr.splitlines()[-1] == NOT_A_STORE.format(path=other, why=ANOTHER)
    assert digest(other) == before
    assert listing(tmp_path) == ["other.db"]


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: another_programs_database(p, wal=True), ANOTHER),
        (lambda p: another_programs_database(p, application_id=0x0F055112), ANOTHER),  # Fossil's mark
        (lambda p: p.write_text("name,notes\nAlice,board minutes\n"), "it is not an SQLite database"),
    ],
    ids=["wal", "marked-by-another-program", "text"],
)
def test_other_files_are_refused_with_nothing_made_beside_them(tmp_path: Path, make: Any, why: str) -> None:
    other = tmp_path / "other.db"
    make(other)
    before = digest(other)
    for command in (["list"], ["import", SAMPLE]):
        result = run(*command, "--db", str(other))
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (
            ExitCode.STORE,
            NOT_A_STORE.format(path=other, why=why),
        )
    assert digest(other) == before
    assert listing(tmp_path) == ["other.db"]  # no -wal, -shm or -journal beside it


def test_a_named_pipe_as_the_store_or_a_copys_target_is_refused_at_once(imported: None, tmp_path: Path) -> None:
    """--db or db copy --to naming a named pipe: scrtool opened it to read its header and waited for a writer for
    ever. In a process of its own, so a wait fails the test instead of hanging it."""
    fifo = tmp_path / "store.db"
    os.mkfifo(fifo, 0o600)
    why = NOT_A_STORE.format(path=fifo, why="it is a named pipe (FIFO), not a file")
    for command in (
        ["list", "--db", str(fifo)],
        ["import", SAMPLE, "--db", str(fifo)],
        ["db", "copy", "--to", str(fifo)],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "scrtool", *command], capture_output=True, text=True, timeout=30, env=os.environ
        )
        assert (done.returncode, done.stderr.splitlines()[-1]) == (ExitCode.STORE, why)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(tmp_path) == ["store", "store.db"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node (and only root could replace one)")
def test_a_device_as_the_store_is_refused_and_nothing_made_beside_it(imported: None, tmp_path: Path) -> None:
    """A copy of /dev/null as --db read as an empty file: import then made a journal beside it, as /dev/null-journal
    (mode 0666, as the device) beside the real one."""
    device = tmp_path / "null"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    for command in (["import", SAMPLE, "--db", str(device)], ["db", "copy", "--to", str(device)]):
        result = run(*command)
        assert (result.exit_code, result.stderr.splitlines()[-1]) == (
            ExitCode.STORE,
            NOT_A_STORE.format(path=device, why="it is a device, not a file"),
        )
    assert listing(tmp_path) == ["null", "store"]


@pytest.mark.parametrize("empty", ["zero-bytes", "sqlite-without-tables"])
def test_an_empty_file_is_no_store_yet_until_import_makes_one(tmp_path: Path, empty: str) -> None:
    path = tmp_path / "s.db"
    if empty == "zero-bytes":
        path.touch()
    else:
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE t (x)")  # an SQLite database that holds nothing (any more)
        conn.execute("DROP TABLE t")
        conn.close()
    before = digest(path)
    result = run("list", "--db", str(path))
    assert (result.exit_code, result.stderr) == (
        ExitCode.NOT_FOUND,
        f"scrtool: error: no store at {path} yet (the file there is empty); import a plan "
        "first (scrtool import FILE)\n",
    )
    assert digest(path) == before
    assert run("import", SAMPLE, "--db", str(path)).exit_code == 0
    assert "Riverside Health" in run("list", "--db", str(path), "--format", "tsv").stdout


def test_a_store_carries_scrtools_mark(imported: None, private_store: Path) -> None:
    assert private_store.read_bytes()[68:72] == b"SCRT" == APPLICATION_ID.to_bytes(4, "big")


def test_a_store_made_before_the_mark_still_opens_and_gets_it(imported: None, private_store: Path) -> None:
    conn = sqlite3.connect(private_store)
    conn.execute("PRAGMA application_id = 0")
    conn.execute(f"PRAGMA user_version = {UNMARKED_VERSIONS}")
    conn.commit()
    conn.close()
    listed = run("list", "--format", "tsv")
    assert (listed.exit_code, len(listed.stdout.splitlines())) == (0, 14)
    assert private_store.read_bytes()[68:72] == b"SCRT"


KILLED_WRITER = """
import os, sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA cache_size = 1")  # pages go to the file before the commit: a journal is needed to undo them
conn.execute("BEGIN IMMEDIATE")
conn.execute(sys.argv[2])
os._exit(9)  # killed part-way: the journal stays beside the file, hot
"""


def killed_while_writing(path: Path, sql: str) -> None:
    subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path), sql], check=False)
    assert Path(f"{path}-journal").exists()


def test_a_store_made_before_the_mark_and_left_part_way_through_a_write_opens(
    imported: None, private_store: Path
) -> None:
    before = run("list", "--format", "tsv").stdout
    conn = sqlite3.connect(private_store)
    conn.execute("PRAGMA application_id = 0")
    conn.execute(f"PRAGMA user_version = {UNMARKED_VERSIONS}")
    conn.commit()
    conn.close()
    killed_while_writing(private_store, "UPDATE actions SET text = text || randomblob(20000)")
    listed = run("list", "--format", "tsv")
    assert (listed.exit_code, listed.stdout) == (0, before)  # the killed write undone, the store as it was
    assert private_store.read_bytes()[68:72] == b"SCRT"
    assert not Path(f"{private_store}-journal").exists()


def test_another_programs_database_left_part_way_through_a_write_is_left_as_it_is(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    another_programs_database(other)
    killed_while_writing(other, "INSERT INTO notes (body) SELECT randomblob(20000) FROM (SELECT 1 UNION SELECT 2)")
    before = (digest(other), digest(Path(f"{other}-journal")))
    result = run("list", "--db", str(other))
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        NOT_A_STORE.format(path=other, why="it is another program's database, left part-way through a write") + "\n",
    )
    assert (digest(other), digest(Path(f"{other}-journal"))) == before


# -- 9. everything scrtool makes is owner-only, whatever the umask --------------------------------------------------


def test_folders_made_for_the_store_are_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000: None
) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("import", SAMPLE, "--db", "a/b/c/s.db").exit_code == 0
    assert [mode(p) for p in ("a", "a/b", "a/b/c", "a/b/c/s.db")] == [0o700, 0o700, 0o700, 0o600]


def test_the_default_stores_folders_are_owner_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, umask_000: None
) -> None:
    home = tmp_path / "home"
    home.mkdir(mode=0o755)
    os.chmod(home, 0o755)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("SCRTOOL_DB")
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert run("import", SAMPLE).exit_code == 0
    made = [home / ".local", home / ".local/share", home / ".local/share/scrtool"]
    assert [mode(p) for p in made] == [0o700, 0o700, 0o700]
    assert (mode(home), mode(home / ".local/share/scrtool/scrtool.db")) == (0o755, 0o600)


def test_a_store_made_through_a_dangling_link_is_owner_only(tmp_path: Path, umask_000: None) -> None:
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "real" / "store.db")
    assert run("import", SAMPLE, "--db", str(link)).exit_code == 0
    assert os.path.islink(link)
    assert (mode(tmp_path / "real"), mode(tmp_path / "real" / "store.db")) == (0o700, 0o600)


def test_the_stores_journal_is_owner_only(private_store: Path, umask_000: None) -> None:
    from scrtool.store.db import open_store

    store = open_store(str(private_store), create=True)
    with store.write() as tx:
        tx.execute("INSERT INTO search_indexed VALUES ('x')")
        assert mode(f"{private_store}-journal") == 0o600
    store.close()


# -- 10. no temporary file is left, by a failure or a signal; they are made beside the target, owner-only -------


def test_xlsx_temporary_files_are_made_beside_the_target_owner_only(
    imported: None, tmp_path: Path, umask_000: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrtool.render import xlsx

    seen: list[tuple[str, int, int]] = []
    original = xlsx.write_xlsx

    def spy(handle: Any, *args: Any) -> None:
        folder = Path(tempfile.gettempdir())
        seen.append((str(folder.parent), mode(folder), stat.S_IMODE(os.fstat(handle.fileno()).st_mode)))
        original(handle, *args)

    monkeypatch.setattr(xlsx, "write_xlsx", spy)
    assert run("export", "-o", str(tmp_path / "board.xlsx")).exit_code == 0
    assert seen == [(str(tmp_path), 0o700, 0o600)]
    assert listing(tmp_path) == ["board.xlsx", "store"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's zip, left open by the fault
def test_a_failed_xlsx_export_leaves_no_temporary_file_anywhere(
    imported: None, tmp_path: Path, system_temp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "board.xlsx"
    out.write_bytes(b"an earlier export")

    def fail(self: Any, *row: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(_writer.WorksheetWriter, "write_row", fail)  # after openpyxl made its temporary file
    result = run("export", "-o", str(out))
    assert result.stderr.startswith("scrtool: error: internal error (RuntimeError: disk on fire)")
    assert out.read_bytes() == b"an earlier export"
    assert listing(system_temp) == []
    assert listing(tmp_path) == ["board.xlsx", "store", "system-temp"]
    del result  # its traceback holds openpyxl's zip file, whose complaint on closing belongs to this test
    gc.collect()


DRIVER = """
import os, sys
from openpyxl.worksheet import _writer

original = _writer.WorksheetWriter.write_row
signum = int(sys.argv[1])
sent = []

def write_row(self, *args):
    if not sent:
        sent.append(os.kill(os.getpid(), signum))  # the signal arrives while the xlsx is being written
    return original(self, *args)

_writer.WorksheetWriter.write_row = write_row
sys.argv = ["scrtool", *sys.argv[2:]]
from scrtool.cli.app import main
main()
"""


def signalled_export(signum: int, out: Path, system_temp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", DRIVER, str(int(signum)), "export", "-o", str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "TMPDIR": str(system_temp)},
        check=False,
    )


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_during_an_export_clean_up_and_exit(
    imported: None, tmp_path: Path, system_temp: Path, signum: signal.Signals, code: int
) -> None:
    out = tmp_path / "board.xlsx"
    out.write_bytes(b"an earlier export")
    done = signalled_export(signum, out, system_temp)
    assert (done.returncode, done.stdout, done.stderr) == (
        code,
        "",
        f"scrtool: error: stopped by {signum.name}: nothing was written to {out}\n",
    )
    assert out.read_bytes() == b"an earlier export"
    assert listing(tmp_path) == ["board.xlsx", "store", "system-temp"]
    assert listing(system_temp) == []


def test_what_kill_9_leaves_is_removed_by_the_next_export(imported: None, tmp_path: Path, system_temp: Path) -> None:
    out = tmp_path / "board.xlsx"
    done = signalled_export(signal.SIGKILL, out, system_temp)
    assert done.returncode == -signal.SIGKILL
    left = [name for name in listing(tmp_path) if name not in ("store", "system-temp")]
    assert len(left) == 1 and left[0].startswith(".board.xlsx.") and left[0].endswith(".part")
    assert mode(tmp_path / left[0]) == 0o700
    inside = listing(tmp_path / left[0])
    assert "board.xlsx" in inside and any(name.startswith("openpyxl.") for name in inside)
    assert listing(system_temp) == []  # openpyxl's temporary files were in the part folder, not in /tmp
    running = tmp_path / f".board.xlsx.{os.getpid()}.abcd1234.part"  # a process still writing: kept
    running.mkdir()
    assert run("export", "-o", str(out)).exit_code == 0
    assert listing(tmp_path) == [running.name, "board.xlsx", "store", "system-temp"]


# -- 11. search on a store this user can only read ------------------------------------------------------------------


def make_read_only(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    os.chmod(path, 0o400)
    if os.geteuid() != 0:
        return
    real = sqlite3.connect  # root writes any file: open the store as SQLite opens one its user cannot write

    def connect(database: Any, *args: Any, uri: bool = False, **kwargs: Any) -> sqlite3.Connection:
        if not uri:
            database, uri = f"file:{quote(os.path.abspath(database))}?mode=ro", True
        conn: sqlite3.Connection = real(database, *args, uri=uri, **kwargs)
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


def test_search_works_on_a_store_the_user_can_only_read(
    imported: None, private_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(private_store.read_bytes())
    expected = run("search", "mental health", "--format", "json", "--db", str(copy))
    assert expected.exit_code == 0 and len(json.loads(expected.stdout)) == 4
    before = digest(private_store)
    make_read_only(private_store, monkeypatch)
    found = run("search", "mental health", "--format", "json")
    assert (found.exit_code, found.stdout, found.stderr) == (0, expected.stdout, "")
    assert run("search", "mental health").stdout == run("search", "mental health", "--db", str(copy)).stdout
    update = run("update", "Police", "1", "--note", "n")
    assert (update.exit_code, update.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: the store {private_store} is read-only: this command needs to write to it\n",
    )
    assert digest(private_store) == before


def test_a_read_only_store_from_before_an_upgrade_says_what_it_needs(
    imported: None, private_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = sqlite3.connect(private_store)
    conn.execute("PRAGMA application_id = 0")
    conn.execute(f"PRAGMA user_version = {UNMARKED_VERSIONS}")
    conn.commit()
    conn.close()
    before = digest(private_store)
    make_read_only(private_store, monkeypatch)
    result = run("list")
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: the store {private_store} was made by an earlier scrtool and needs a "
        "one-time upgrade, but it is read-only: run any scrtool command on it once as a user who "
        "can write it\n",
    )
    assert digest(private_store) == before


# -- 12. a full disk ----------------------------------------------------------------------------------------------


def full_after(pages: int | None, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every connection of the store finds the disk full once the store has ``pages`` pages (None: as many as it
    has now): SQLite's page limit raises the very error of a full disk, SQLITE_FULL."""
    real = sqlite3.connect

    def connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        conn: sqlite3.Connection = real(*args, **kwargs)
        limit = pages if pages is not None else conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {max(limit, 1)}")
        return conn

    monkeypatch.setattr(sqlite3, "connect", connect)


class FullAtCommit(sqlite3.Connection):
    """A connection whose commit meets a full disk, as a real one does when the journal or the pages cannot be
    written: SQLite rolls the transaction back itself and reports SQLITE_FULL."""

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        if sql == "COMMIT" and self.in_transaction:
            super().execute("ROLLBACK")
            error = sqlite3.OperationalError("database or disk is full")
            error.sqlite_errorcode = sqlite3.SQLITE_FULL
            raise error
        return super().execute(sql, *args)


FULL = (
    "scrtool: error: the disk is full: nothing of this change was written to the store {path}; free some space "
    "and try again"
)


def test_a_first_import_onto_a_full_disk_leaves_no_store(private_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    full_after(1, monkeypatch)
    result = run("import", SAMPLE)
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        SAMPLE_WARNING + f"scrtool: error: the disk is full: no store was made at {private_store}; "
        "free some space and try again\n",
    )
    assert listing(private_store.parent) == []
    listed = run("list")
    assert (listed.exit_code, listed.stderr) == (
        ExitCode.NOT_FOUND,
        f"scrtool: error: no store at {private_store} yet; import a plan first (scrtool import FILE)\n",
    )


def test_import_onto_a_full_disk_says_so_and_leaves_the_store(
    imported: None, private_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = digest(private_store)
    big = write(
        tmp_path,
        "big.md",
        "| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"
        + "".join(
            f"| {n} | Recommendation {n}: {'share information with the named lead ' * 5} | Police | Completed |\n"
            for n in range(1, 400)
        ),
    )
    full_after(None, monkeypatch)
    result = run("import", big)
    assert (result.exit_code, result.stderr) == (ExitCode.STORE, FULL.format(path=private_store) + "\n")
    assert digest(private_store) == before
    assert listing(private_store.parent) == ["scrtool.db"]


def test_a_first_import_that_fails_at_its_commit_leaves_no_store(
    private_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, factory=FullAtCommit, **k))
    result = run("import", SAMPLE)
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        SAMPLE_WARNING + f"scrtool: error: the disk is full: no store was made at {private_store}; "
        "free some space and try again\n",
    )
    assert listing(private_store.parent) == []


def test_update_onto_a_full_disk_says_so_and_leaves_the_store(imported: None, private_store: Path) -> None:
    before = digest(private_store)
    real = sqlite3.connect
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(sqlite3, "connect", lambda *a, **k: real(*a, factory=FullAtCommit, **k))
        result = run("update", "Riverside Health", "4", "--status", "completed", "--evidence", "Audit report")
    assert (result.exit_code, result.stderr) == (ExitCode.STORE, FULL.format(path=private_store) + "\n")
    with pytest.MonkeyPatch.context() as patch:
        full_after(None, patch)  # and when the statement itself finds no room
        long_note = run("update", "Riverside Health", "4", "--note", "n" * 200_000)
    assert (long_note.exit_code, long_note.stderr) == (ExitCode.STORE, FULL.format(path=private_store) + "\n")
    assert digest(private_store) == before
    assert "Status       open (blank in plan)" in run("show", "Riverside Health", "4").stdout
