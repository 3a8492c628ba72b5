"""Dates on the command line are read as plans write them, in UK order; a date in the future is not history."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES, run

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL


@pytest.fixture(autouse=True)
def imported(engine: str) -> None:
    assert run("import", str(SAMPLES / "child-t.md")).exit_code == 0


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("31/03/2027", "2027-03-31"),
        ("31.3.27", "2027-03-31"),
        ("March 2027", "2027-03-31"),
        ("2027-03-31", "2027-03-31"),
        ("03/04/27", "2027-04-03"),
        ("1st June 2027", "2027-06-01"),
    ],
)
def test_due_dates_in_the_shapes_plans_use(typed: str, due: str) -> None:
    result = run("update", "Riverside Health", "4", "--due", typed, "--reason", "auditor on leave")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"Riverside Health 4: open, due {due} (updated 2026-01-15)\n"


def test_a_date_that_is_not_one_is_refused_with_examples() -> None:
    result = run("update", "Riverside Health", "4", "--due", "31/02/2027", "--reason", "x")
    assert result.exit_code == 2
    assert result.stderr == (
        "scrtool: error: --due '31/02/2027' is not a date (e.g. 31/03/2027, March 2027 or 2027-03-31)\n"
    )


def test_a_future_date_is_refused_and_nothing_is_recorded() -> None:
    result = run("update", "Riverside Health", "4", "--note", "audit booked", "--date", "16/01/2026")
    assert result.exit_code == 2
    assert result.stderr == (
        "scrtool: error: --date '16/01/2026' is in the future (today is 2026-01-15); record what has happened\n"
    )
    entries = json.loads(run("history", "Riverside Health", "4", "--format", "json").stdout)["history"]
    assert [e["source"] for e in entries] == ["import"]


def test_a_backdated_update_in_uk_order() -> None:
    result = run("update", "Riverside Health", "4", "--note", "audit booked", "--date", "01/09/2025")
    assert result.exit_code == 0, result.stderr
    entries = json.loads(run("history", "Riverside Health", "4", "--format", "json").stdout)["history"]
    assert entries[-1]["on"] == "2025-09-01"


def test_help_says_the_uk_reading() -> None:
    shown = " ".join(run("update", "--help").stdout.split())
    assert "UK order: 31/03/2027, 31.3.27, March 2027 (its last day) or 2027-03-31; 03/04/27 is 3 April" in shown
