"""`list`, `trace` and `summary` stay fast: they import neither pandas nor markdown-it-py nor numpy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SAMPLES

HEAVY = ("pandas", "markdown_it", "numpy")
PROBE = """
import sys
from scrtool.cli import app
try:
    app(sys.argv[1:], prog_name="scrtool")
except SystemExit:
    pass
print("HEAVY:" + ",".join(sorted(m for m in sys.modules if m.split(".")[0] in {heavy})), file=sys.stderr)
"""


@pytest.mark.parametrize("args", [["list", "--agency", "Riverside Health", "--status", "open"], ["trace", "1"],
                                  ["summary"], ["list", "--format", "json"]])
def test_query_commands_import_no_heavy_module(tmp_path: Path, args: list[str]) -> None:
    env = {**os.environ, "SCRTOOL_DB": str(tmp_path / "s.db")}
    subprocess.run([sys.executable, "-m", "scrtool", "import", str(SAMPLES / "child-t.md")], env=env, check=True,
                   capture_output=True)
    done = subprocess.run([sys.executable, "-c", PROBE.format(heavy=set(HEAVY)), *args], env=env,
                          capture_output=True, text=True)
    assert done.stdout.strip(), done.stderr
    assert done.stderr.strip().splitlines()[-1] == "HEAVY:"
