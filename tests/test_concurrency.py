"""Many officers at once (issue 16): imports and updates are transactions that land whole or not at all; 12
processes updating 12 actions at the same moment all land; updates racing a re-import end as recorded or "no such
action" (exit 4), never an internal or store error. Real processes, on each engine: the server's locking on
PostgreSQL, SQLite's on a file."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run, write
from scrtool.errors import ExitCode

pytestmark = pytest.mark.usefixtures("engine")

N = 12


def plan(statuses: dict[int, str] | None = None, numbers: range = range(1, N + 1)) -> str:
    """A plan of one recommendation citing ``numbers`` actions of the Police, each with a status."""
    statuses = statuses or {}
    rows = "\n".join(
        f"| Police | {n} | Action number {n} of the police. | Outcome {n}. | {statuses.get(n, 'Not started')} |"
        for n in numbers
    )
    return (
        "Case review: many officers\n\n| Rec No. | Recommendation | Agency | Action No. |\n|--|--|--|--|\n"
        f"| 1 | Agencies should act. | Police | Actions: 1-{N} |\n\n"
        "| Agency | Action No | Recommendation | Projected Outcome | Status |\n|--|--|--|--|--|\n" + rows + "\n"
    )


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "scrtool", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "SCRTOOL_BUSY_TIMEOUT": "60"},
    )


def finish(processes: list[subprocess.Popen[str]]) -> list[tuple[int, str]]:
    done = []
    for process in processes:
        _, err = process.communicate(timeout=120)
        done.append((process.returncode, err))
    return done


def test_twelve_processes_updating_twelve_actions_at_once_all_land(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("import", write(tmp_path, "many.md", plan())).exit_code == 0
    processes = [
        start("update", "Police", str(n), "--status", "completed", "--evidence", f"log {n}", "--by", f"officer {n}")
        for n in range(1, N + 1)
    ]
    assert finish(processes) == [(0, "")] * N
    listed = json.loads(run("list", "--format", "json").stdout)
    assert [(a["number"], a["status"]) for a in listed] == [(str(n), "completed") for n in range(1, N + 1)]
    for n in (1, N):
        entries = json.loads(run("history", "Police", str(n), "--format", "json").stdout)["history"]
        assert [(e["source"], e["to"], e["by"], e["evidence"]) for e in entries] == [
            ("import", "not-started", None, None),
            ("manual", "completed", f"officer {n}", f"log {n}"),
        ]
    monkeypatch.setenv("TTY_COMPATIBLE", "0")  # plain lines, as into a pipe
    summary = run("summary").stdout.splitlines()
    assert "Police\t12\t12\t0\t0\t12\t100%" in summary
    assert "1\t12\t12\t100%\tAgencies should act." in summary


def test_updates_racing_a_reimport_end_as_recorded_or_not_found(tmp_path: Path) -> None:
    """The re-import drops the even-numbered actions; each update lands on its action or, where the re-import
    came first and dropped it, says there is no such action."""
    assert run("import", write(tmp_path, "many.md", plan())).exit_code == 0
    kept = range(1, N + 1, 2)
    (tmp_path / "v2").mkdir()
    smaller = write(tmp_path / "v2", "many.md", plan({n: "In progress" for n in kept}, numbers=kept))
    processes = [
        start("update", "Police", str(n), "--status", "completed", "--evidence", "done") for n in range(1, N + 1)
    ]
    processes.insert(N // 2, start("import", smaller))
    results = finish(processes)
    reimport = results.pop(N // 2)
    assert reimport[0] == 0, reimport[1]
    landed = set()
    for n, (code, err) in zip(range(1, N + 1), results, strict=True):
        assert code in (0, ExitCode.NOT_FOUND), err
        if code == ExitCode.NOT_FOUND:
            assert n % 2 == 0 and err == f"scrtool: error: no action {n} of 'Police' in report 'many'\n"
        elif n % 2:
            landed.add(n)
    listed = {a["number"]: a["status"] for a in json.loads(run("list", "--format", "json").stdout)}
    assert set(listed) == {str(n) for n in kept}
    for n in kept:  # an update that came after the re-import is the latest; one before it is kept as history
        entries = json.loads(run("history", "Police", str(n), "--format", "json").stdout)["history"]
        assert ("manual", "completed") in [(e["source"], e["to"]) for e in entries]
        assert listed[str(n)] == entries[-1]["to"] or entries[-1]["to"] is None
