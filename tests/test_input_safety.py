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


def test_repeated_warnings_are_counted_not_printed_one_a_row(tmp_path: Path, private_store: Path) -> None:
    rows = "".join(f"| {n} | Task {n} | Done | extra {n} |\n" for n in range(1, 13))
    path = tmp_path / "plan.md"
    path.write_text("Plan\n\n## Northshire Police\n\n| No. | Action | Status |\n|---|---|---|\n" + rows,
                    encoding="utf-8")
    shown = [f"{path}:{line}: warning: row has 4 cells, its header 3; cells past the header are kept as extra fields"
             for line in range(7, 12)]
    result = run("import", str(path), "--strict")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines() == [
        *shown, f"{path}:12: warning: ... and 7 more like line 11's (row has 4 cells, its header 3; cells \u2026), on "
                "lines 12 to 18",
        f"scrtool: error: {path}: 12 warning(s) with --strict; nothing stored"]
    assert not private_store.exists()
    plan = read_plan(str(path))
    assert [(n.line, n.count) for n in plan.notices] == [(7, 1), (8, 1), (9, 1), (10, 1), (11, 1), (12, 7)]
    assert [a.extra for a in plan.actions][-1] == (("column 4", "extra 12"),)  # counted, and still read


def test_warnings_of_another_kind_are_shown_on_their_own(tmp_path: Path) -> None:
    rows = "".join(f"| {n} | Task | Done | x |\n| x{n} | Task | Done |\n" for n in range(1, 8))
    path = tmp_path / "plan.md"
    path.write_text("Plan\n\n## Northshire Police\n\n| No. | Action | Status |\n|---|---|---|\n" + rows,
                    encoding="utf-8")
    lines = read_plan(str(path)).notices
    assert [(n.line, n.message) for n in lines if n.count > 1] == [
        (17, "... and 2 more like line 15's (row has 4 cells, its header 3; cells \u2026), on lines 17 to 19"),
        (18, "... and 2 more like line 16's (action number 'x5' is not a number; \u2026), on lines 18 to 20"),
    ]
    assert sum(n.count for n in lines) == 14


