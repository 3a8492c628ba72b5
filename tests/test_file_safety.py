"""The files scrtool reads and writes (issue 11, items 7-12): outputs only where a file belongs, a store only in a
scrtool store, owner-only whatever the umask, nothing left behind by a failure or a signal, a read-only store
searchable, and a full disk said as such. Faults are injected (no timing): a signal sent from inside the writer, a
page limit that makes SQLite's database full, a read-only connection where root could write anything."""

from __future__ import annotations

import gc
import hashlib
import os
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.worksheet import _writer

from conftest import SAMPLES, run, write
from scrtool.errors import ExitCode

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

LINK_REFUSED = ("{link} is a symbolic link (to {to}); scrtool neither writes through a link nor replaces it: give the "
                "path of the file itself with -o")


@pytest.mark.parametrize("command", [["export"], ["report"]])
@pytest.mark.parametrize("points_at", ["real.out", "missing.out"])
def test_a_symbolic_link_is_refused_and_left_as_it_is(imported: None, tmp_path: Path, command: list[str],
                                                      points_at: str) -> None:
    (tmp_path / "real.out").write_bytes(b"kept\n")
    link = tmp_path / "board.csv"
    link.symlink_to(points_at)
    result = run(*command, "-o", str(link))
    assert (result.exit_code, result.stdout, result.stderr) == (
        ExitCode.USAGE, "", "scrtool: error: " + LINK_REFUSED.format(link=link, to=points_at) + "\n")
    assert os.readlink(link) == points_at
    assert (tmp_path / "real.out").read_bytes() == b"kept\n"
    assert listing(tmp_path) == ["board.csv", "real.out", "store"]


def test_a_named_pipe_is_refused_and_left_a_pipe(imported: None, tmp_path: Path) -> None:
    fifo = tmp_path / "board.csv"
    os.mkfifo(fifo, 0o600)
    result = run("export", "-o", str(fifo))
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE, f"scrtool: error: {fifo} is a named pipe (FIFO), not a regular file; give a file name with "
                        "-o, or -o - for standard output\n")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert listing(tmp_path) == ["board.csv", "store"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can make a device node (and only root could replace one)")
def test_a_device_is_refused_and_left_a_device(imported: None, tmp_path: Path) -> None:
    device = tmp_path / "null"  # a copy of /dev/null: the real one is not put at risk by a test
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    os.chmod(device, 0o666)
    result = run("report", "-o", str(device))
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE, f"scrtool: error: {device} is a device, not a regular file; give a file name with -o, or "
                        "-o - for standard output\n")
    assert stat.S_ISCHR(os.lstat(device).st_mode) and mode(device) == 0o666
    assert listing(tmp_path) == ["null", "store"]


def test_a_new_output_is_owner_only_whatever_the_umask(imported: None, tmp_path: Path, umask_000: None) -> None:
    for args in (["export", "-o", str(tmp_path / "board.xlsx")], ["report", "-o", str(tmp_path / "board.html")]):
        assert run(*args).exit_code == 0
    assert (mode(tmp_path / "board.xlsx"), mode(tmp_path / "board.html")) == (0o600, 0o600)


@pytest.mark.parametrize(("command", "name", "said"), [
    (["export", "--format", "csv"], "board.csv", "wrote 13 actions of child-t to {to} (csv)"),
    (["export", "--format", "json"], "board.json", "wrote 13 actions of child-t to {to} (json)"),
    (["report"], "board.html", "wrote the board report of child-t to {to}: 13 actions, 4 not completed, 1 overdue"),
])
def test_dash_writes_into_a_pipe_the_bytes_of_the_file(imported: None, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch, command: list[str],
                                                       name: str, said: str) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")  # standard output is a pipe
    to_file = run(*command, "-o", str(tmp_path / name))
    assert to_file.stdout == said.format(to=tmp_path / name) + "\n"
    piped = run(*command, "-o", "-")
    assert (piped.exit_code, piped.stderr) == (0, said.format(to="standard output") + "\n")
    assert piped.stdout_bytes == (tmp_path / name).read_bytes()


def test_dash_shows_text_on_a_terminal_made_safe(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.md", "| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"
                                      "| 1 | Share \x1b[2Jinformation | Police | Completed |\n")
    assert run("import", plan).exit_code == 0
    shown = run("export", "--format", "csv", "-o", "-")  # the tests' standard output counts as a terminal
    assert shown.exit_code == 0
    assert shown.stdout.splitlines()[1].startswith("plan,Police,Police,1,completed,Completed,green,,,Share "
                                                   "\ufffd[2Jinformation,")
    assert "\r" not in shown.stdout and not shown.stdout.startswith("\ufeff")


def test_dash_sends_xlsx_into_a_pipe_but_never_onto_a_terminal(imported: None, tmp_path: Path, system_temp: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    refused = run("export", "--format", "xlsx", "-o", "-")  # the tests' standard output counts as a terminal
    assert (refused.exit_code, refused.stdout, refused.stderr) == (
        ExitCode.USAGE, "", "scrtool: error: xlsx is binary: write it to a file (-o FILE) or send -o - into a pipe "
                            "or a file, not onto the terminal\n")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    piped = run("export", "--format", "xlsx", "-o", "-")
    assert (piped.exit_code, piped.stderr) == (0, "wrote 13 actions of child-t to standard output (xlsx)\n")
    (tmp_path / "piped.xlsx").write_bytes(piped.stdout_bytes)
    assert openpyxl.load_workbook(tmp_path / "piped.xlsx").sheetnames[0] == "Summary"
    assert listing(system_temp) == []
    assert run("export", "-o", "-").stderr == ("scrtool: error: -o - writes to standard output: say which format "
                                               "with --format csv, xlsx, json or markdown\n")


# -- 10. no temporary file is left, by a failure or a signal; they are made beside the target, owner-only -------


def test_xlsx_temporary_files_are_made_beside_the_target_owner_only(imported: None, tmp_path: Path, umask_000: None,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    from scrtool import export

    seen: list[tuple[str, int, int]] = []
    original = export.write_xlsx

    def spy(handle: Any, *args: Any) -> None:
        folder = Path(tempfile.gettempdir())
        seen.append((str(folder.parent), mode(folder), stat.S_IMODE(os.fstat(handle.fileno()).st_mode)))
        original(handle, *args)

    monkeypatch.setattr(export, "write_xlsx", spy)
    assert run("export", "-o", str(tmp_path / "board.xlsx")).exit_code == 0
    assert seen == [(str(tmp_path), 0o700, 0o600)]
    assert listing(tmp_path) == ["board.xlsx", "store"]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # openpyxl's zip, left open by the fault
def test_a_failed_xlsx_export_leaves_no_temporary_file_anywhere(imported: None, tmp_path: Path, system_temp: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "board.xlsx"
    out.write_bytes(b"an earlier export")

    def fail(self: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(_writer.WorksheetWriter, "write_rows", fail)  # after openpyxl made its temporary file
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

original = _writer.WorksheetWriter.write_rows
signum = int(sys.argv[1])

def write_rows(self):
    os.kill(os.getpid(), signum)  # the signal arrives while the xlsx is being written
    return original(self)

_writer.WorksheetWriter.write_rows = write_rows
sys.argv = ["scrtool", *sys.argv[2:]]
from scrtool.cli import main
main()
"""


def signalled_export(signum: int, out: Path, system_temp: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", DRIVER, str(int(signum)), "export", "-o", str(out)],
                          capture_output=True, text=True, env={**os.environ, "TMPDIR": str(system_temp)},
                          check=False)


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 143), (signal.SIGHUP, 129)])
def test_sigterm_and_sighup_during_an_export_clean_up_and_exit(imported: None, tmp_path: Path, system_temp: Path,
                                                               signum: signal.Signals, code: int) -> None:
    out = tmp_path / "board.xlsx"
    out.write_bytes(b"an earlier export")
    done = signalled_export(signum, out, system_temp)
    assert (done.returncode, done.stdout, done.stderr) == (
        code, "", f"scrtool: error: stopped by {signum.name}: nothing was written to {out}\n")
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
