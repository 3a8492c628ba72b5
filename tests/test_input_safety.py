"""Issue 11, items 4-6: a stray byte does not turn a UTF-8 plan into Windows-1252, a long quoted CSV cell is kept
whole, numbers have no size limit, repeated warnings are counted, and what a file may hold is bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, run
from scrtool.errors import ExitCode
from scrtool.parse import read_plan
from scrtool.parse.drafts import action_number
from scrtool.parse.refs import parse_refs

SAMPLE = SAMPLES / "child-t.md"
"""The sample with the agency written as Word writes it (U+2019): a plan with multi-byte UTF-8 characters."""


@pytest.mark.parametrize(("cell", "number"), [("9999", "9999"), ("10000", "10000"), ("123456", "123456"),
                                              ("Action 1000000", "1000000"), ("R12345", "12345"),
                                              ("(123456789012345678901234567890)", "123456789012345678901234567890"),
                                              ("10000.2", "10000.2"), ("12.03.2024", None), ("1.5 FTE", None)])
def test_action_numbers_have_no_size_limit(cell: str, number: str | None) -> None:
    assert action_number(cell) == number


def test_cross_references_to_big_numbers() -> None:
    assert parse_refs("Actions: 10000, 123456") == ("10000", "123456")
    assert parse_refs("Actions 99999-100001 and 1234567") == ("99999", "100000", "100001", "1234567")
    assert parse_refs(f"Actions {'9' * 5000}-{'9' * 4999}8") == ("9" * 5000, "9" * 4999 + "8")  # past int()


def test_a_plan_numbered_past_9999_keeps_its_numbers(tmp_path: Path) -> None:
    rows = "".join(f"| {n} | Task {n} | Done |\n" for n in (9998, 9999, 10000, 10001, 123456))
    path = tmp_path / "plan.md"
    path.write_text("Plan\n\n| Rec No. | Recommendation | Agency | IMR Action No. |\n|---|---|---|---|\n"
                    "| 1 | Audit the work | | |\n| | | Northshire Police | Actions: 10000, 123456 |\n\n"
                    "## Northshire Police\n\n| No. | Action | Status |\n|---|---|---|\n" + rows, encoding="utf-8")
    result = run("import", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"plan: imported from {path}: 1 recommendation, 5 numbered actions"
    trace = json.loads(run("trace", "1", "--format", "json").stdout)
    assert [(a["number"], a["text"]) for a in trace["links"][0]["actions"]] == [("10000", "Task 10000"),
                                                                                ("123456", "Task 123456")]


