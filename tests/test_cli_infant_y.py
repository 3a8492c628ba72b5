"""Every fact of "Reading the Infant Y plan correctly" holds through the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL


@pytest.fixture
def imported(infant_y: Path) -> None:
    result = run("import", str(infant_y))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"infant-y: imported from {infant_y}: 3 recommendations, 1 reminder "
        "of practice, 37 numbered actions, 4 unnumbered responses"
    )
    assert result.stderr == ""


def listed(*args: str) -> list[dict[str, object]]:
    result = run("list", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: list[dict[str, object]] = json.loads(result.stdout)
    return data


def test_numbered_actions_per_agency(imported: None) -> None:
    numbers: dict[str, list[object]] = {}
    for action in listed():
        if action["number"] is not None:
            numbers.setdefault(str(action["agency"]), []).append(action["number"])
    assert {agency: len(found) for agency, found in numbers.items()} == {
        "PCT": 4,
        "Thames Valley Police": 4,
        "Oxford Health": 10,
        "Children's Social Care": 8,
        "Oxford University Hospitals": 10,
        "Cherwell District Council": 1,
    }
    assert numbers["Oxford University Hospitals"] == ["1", "1.1", "1.2", "1.3", "1.4", "1.5", "2", "3", "4", "5"]


def test_only_oxford_health_10_is_open(imported: None) -> None:
    assert [(a["agency"], a["number"], a["status"]) for a in listed("--status", "open")] == [
        ("Oxford Health", "10", "open")
    ]


def test_trace_1_cites_the_right_tables(imported: None) -> None:
    data = json.loads(run("trace", "1", "--format", "json").stdout)
    assert [(link["agency"], [a["number"] for a in link["actions"]], link["missing"]) for link in data["links"]] == [
        ("Oxford Health", ["4", "9", "10"], []),
        ("Children's Social Care", ["2"], []),
        ("Oxford University Hospitals", ["5"], []),
        ("Thames Valley Police", ["1", "3"], []),
    ]
    oxford_4 = data["links"][0]["actions"][0]
    assert oxford_4["text"].endswith("maternal mental health pathway")
    assert data["progress"] == {"completed": 6, "total": 7}
    assert [(r["agency"], r["responds_to"]) for r in data["responses"]] == [
        ("Oxford Health", [{"kind": "recommendation", "number": "1"}]),
        ("Children's Social Care", [{"kind": "recommendation", "number": "1"}]),
    ]


def test_reminder_and_prose_notes(imported: None) -> None:
    reminder = json.loads(run("trace", "R1", "--format", "json").stdout)
    assert reminder["recommendation"]["text"].startswith("Child and Family Services to be reminded")
    assert reminder["links"][0]["note"].startswith("This matter was dealt with at the time")
    assert [r["agency"] for r in reminder["responses"]] == ["Children's Social Care"]
    rec3 = json.loads(run("trace", "3", "--format", "json").stdout)
    assert rec3["links"][0]["agency"] == "OSCB" and rec3["links"][0]["refs"] == []


def test_oxford_health_agency_includes_the_pct_row_it_leads(imported: None) -> None:
    assert [(a["agency"], a["number"]) for a in listed("--agency", "oxford health")][:2] == [
        ("PCT", "1"),
        ("Oxford Health", "1"),
    ]
