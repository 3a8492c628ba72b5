"""`list`, `trace` and `summary` stay fast: they import neither pandas nor markdown-it-py nor numpy, and into a
pipe (where they write plain lines) not even rich."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES

HEAVY = (
    "pandas",
    "markdown_it",
    "numpy",
    "openpyxl",
    "pdfplumber",
    "pdfminer",
    "pypdfium2",
    "zipfile",
    "xml",
    "html",
    "docx",
    "python_calamine",
    "psycopg",
)
"""``zipfile``, ``xml`` and ``html`` (the standard library's modules the Word and web-page readers use) and the
format libraries: only an import of such a file loads them; ``psycopg``: only a store named by a URL."""
PIPED = (*HEAVY, "rich")
PROBE = """
import sys
from scrtool.cli.app import app
try:
    app(sys.argv[1:], prog_name="scrtool")
except SystemExit:
    pass
print("HEAVY:" + ",".join(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})), file=sys.stderr)
"""


def imported(tmp_path: Path, args: list[str], watched: tuple[str, ...], env: dict[str, str]) -> str:
    """Which of the watched packages a run of scrtool ARGS imports (after an import of the sample)."""
    env = {**env, "SCRTOOL_DB": str(tmp_path / "s.db")}
    subprocess.run(
        [sys.executable, "-m", "scrtool", "import", str(SAMPLES / "child-t.md")],
        env=env,
        check=True,
        capture_output=True,
    )
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=set(watched)), *args], env=env, capture_output=True, text=True
    )
    assert done.stdout.strip(), done.stderr
    return done.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--agency", "Riverside Health", "--status", "open"],
        ["trace", "1"],
        ["summary"],
        ["list", "--format", "json"],
        ["summary", "--format", "json"],
        ["list", "--format", "csv"],
    ],
)
def test_query_commands_import_no_heavy_module(tmp_path: Path, args: list[str]) -> None:
    assert imported(tmp_path, args, HEAVY, dict(os.environ)) == "HEAVY:"


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--agency", "Riverside Health", "--status", "open"],
        ["trace", "1"],
        ["summary"],
        ["import", str(SAMPLES / "child-t.md")],
        ["trace", "1", "--format", "json"],
        ["list", "--format", "csv"],
        ["summary", "--format", "tsv"],
        ["summary", "--format", "json"],
    ],
)
def test_into_a_pipe_no_rich_either(tmp_path: Path, args: list[str]) -> None:
    piped = {k: v for k, v in os.environ.items() if k not in ("TTY_COMPATIBLE", "FORCE_COLOR")}
    assert imported(tmp_path, args, PIPED, piped) == "HEAVY:"
