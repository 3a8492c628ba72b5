"""The README's tour is real output: each ```console block is run and compared, so the docs cannot drift.

Run with SCRTOOL_UPDATE_README=1 to rewrite the blocks from the current output after a deliberate change.
"""

from __future__ import annotations

import os
import re
import shlex

import pytest

from conftest import CORPUS, INFANT_Y, ROOT, run

README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n\$ scrtool (?P<cmd>[^\n]*)\n(?P<out>.*?)```", re.S)


def _run(cmd: str) -> str:
    result = run(*shlex.split(cmd))
    lines = [line.rstrip() for line in result.output.rstrip("\n").splitlines()]
    return "\n".join(lines) + "\n" if lines else ""


def test_readme_tour_matches_real_output(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = README.read_text(encoding="utf-8")
    blocks = list(BLOCK.finditer(text))
    assert len(blocks) >= 8
    if os.environ.get("SCRTOOL_UPDATE_README"):
        updated = BLOCK.sub(lambda m: f"```console\n$ scrtool {m['cmd']}\n{_run(m['cmd'])}```", text)
        README.write_text(updated, encoding="utf-8")
        return
    for block in blocks:
        assert _run(block["cmd"]) == block["out"], block["cmd"]


def test_readme_gives_the_two_setup_commands_and_ci_runs_the_test_one() -> None:
    text = README.read_text(encoding="utf-8")
    assert "\nmake demo\n" in text and "\nmake check\n" in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "\nmake check\n" in ci


def test_the_copy_of_the_real_plan_is_the_shared_one() -> None:
    shared = CORPUS / "infant-y.txt"
    if not shared.exists():
        pytest.skip(f"the shared corpus is not beside this checkout ({shared})")
    assert INFANT_Y.read_bytes() == shared.read_bytes()
