"""A plan that states no status, through the command line: its actions are ``not-recorded`` and have no RAG in
every view; a list of publications is refused; a tracker's row is not counted as an action it cites."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run, write
from scrtool.errors import ExitCode

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

LABELLED = FIXTURES / "lists" / "labelled.md"


def lines(text: str) -> list[str]:
    """A view's lines as shown (rich pads a title line to the width with spaces)."""
    return [line.rstrip() for line in text.splitlines()]


@pytest.fixture
def listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    result = run("import", str(LABELLED))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"labelled: imported from {LABELLED}: 3 recommendations, 3 numbered actions"
    )


def test_list_shows_not_recorded_and_no_rag(listed: None) -> None:
    assert lines(run("list").stdout) == lines("""\
┏━━━━━━━━━━━━━━━┳━━━━━┳━━━━━━━━━━━━━━┳━━━━━┳━━━━━┳━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓
┃ Agency        ┃ No. ┃ Status       ┃ RAG ┃ Due ┃ Action            ┃ Outcome ┃
┡━━━━━━━━━━━━━━━╇━━━━━╇━━━━━━━━━━━━━━╇━━━━━╇━━━━━╇━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩
│ Unassigned    │ 1   │ not-recorded │ -   │ -   │ The Partnership   │         │
│               │     │              │     │     │ should seek       │         │
│               │     │              │     │     │ assurance that    │         │
│               │     │              │     │     │ agencies share    │         │
│               │     │              │     │     │ information about │         │
│               │     │              │     │     │ an unborn baby as │         │
│               │     │              │     │     │ soon as a risk is │         │
│               │     │              │     │     │ known.            │         │
│ Unassigned    │ 2   │ not-recorded │ -   │ -   │ The Partnership   │         │
│               │     │              │     │     │ should ask every  │         │
│               │     │              │     │     │ agency to: -      │         │
│               │     │              │     │     │ review its        │         │
│               │     │              │     │     │ supervision       │         │
│               │     │              │     │     │ policy so that    │         │
│               │     │              │     │     │ drift is          │         │
│               │     │              │     │     │ challenged; -     │         │
│               │     │              │     │     │ audit how often   │         │
│               │     │              │     │     │ supervision       │         │
│               │     │              │     │     │ records a         │         │
│               │     │              │     │     │ decision. The     │         │
│               │     │              │     │     │ results should be │         │
│               │     │              │     │     │ reported to the   │         │
│               │     │              │     │     │ Board within six  │         │
│               │     │              │     │     │ months.           │         │
│ Riverside ICB │ 3   │ not-recorded │ -   │ -   │ Riverside ICB     │         │
│               │     │              │     │     │ should remind GPs │         │
│               │     │              │     │     │ to record who the │         │
│               │     │              │     │     │ father is and who │         │
│               │     │              │     │     │ else lives in the │         │
│               │     │              │     │     │ household.        │         │
└───────────────┴─────┴──────────────┴─────┴─────┴───────────────────┴─────────┘
""")
    data = json.loads(run("list", "--format", "json").stdout)
    assert [(a["id"], a["status"], a["status_text"], a["rag"]) for a in data] == [
        ("labelled/Unassigned/1", "not-recorded", "", None),
        ("labelled/Unassigned/2", "not-recorded", "", None),
        ("labelled/Riverside ICB/3", "not-recorded", "", None),
    ]
    assert run("list", "--format", "csv").stdout.splitlines()[-1] == (
        "labelled,Riverside ICB,Riverside ICB,3,not-recorded,,,,,Riverside ICB should remind GPs to record who the "
        "father is and who else lives in the household.,,,labelled.md,27"
    )


def test_status_open_leaves_not_recorded_out(listed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    result = run("list", "--status", "open")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "no actions match\n")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert run("list", "--status", "not-recorded").stdout.splitlines() == [
        "agency\tnumber\tstatus\trag\tdue\ttext\toutcome",
        "Unassigned\t1\tnot-recorded\t-\t-\tThe Partnership should seek assurance that agencies share information "
        "about an unborn baby as soon as a risk is known.\t",
        "Unassigned\t2\tnot-recorded\t-\t-\tThe Partnership should ask every agency to: - review its supervision "
        "policy so that drift is challenged; - audit how often supervision records a decision. The results should "
        "be reported to the Board within six months.\t",
        "Riverside ICB\t3\tnot-recorded\t-\t-\tRiverside ICB should remind GPs to record who the father is and who "
        "else lives in the household.\t",
    ]


def test_trace_of_a_listed_recommendation(listed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert lines(run("trace", "1").stdout) == lines("""\
Recommendation 1  (labelled, labelled.md line 13)
The Partnership should seek assurance that agencies share information about an
unborn baby as soon as a risk is known.
┏━━━━━━━━━━━━┳━━━━━┳━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Agency     ┃ No. ┃ Status       ┃ Action                                     ┃
┡━━━━━━━━━━━━╇━━━━━╇━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ Unassigned │ 1   │ not-recorded │ The Partnership should seek assurance that │
│            │     │              │ agencies share information about an unborn │
│            │     │              │ baby as soon as a risk is known.           │
└────────────┴─────┴──────────────┴────────────────────────────────────────────┘
Progress: no actions cited; its own status: not-recorded
""")
    data = json.loads(run("trace", "1", "--format", "json").stdout)
    assert data["progress"] == {"completed": 0, "total": 0, "own": ["labelled/Unassigned/1"]}
    assert data["links"][0]["actions"][0]["status"] == "not-recorded"
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert run("trace", "1").stdout.splitlines()[-1] == "Progress: no actions cited; its own status: not-recorded"


def test_summary_counts_not_recorded_apart(listed: None, monkeypatch: pytest.MonkeyPatch) -> None:
    assert lines(run("summary").stdout) == lines("""\
labelled  Child Safeguarding Practice Review: Child M
Actions by agency
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━━┓
┃ Agency                                  ┃ Actions ┃ Completed ┃ Not recorded ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━╇━━━━━━━━━━━╇━━━━━━━━━━━━━━┩
│ Unassigned                              │       2 │         0 │            2 │
│ Riverside ICB                           │       1 │         0 │            1 │
└─────────────────────────────────────────┴─────────┴───────────┴──────────────┘
Completed and RAG by agency (see README)
┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━┳━━━━━━━┳━━━━━━━┓
┃ Agency                               ┃ Completed       ┃ Red ┃ Amber ┃ Green ┃
┡━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━╇━━━━━━━╇━━━━━━━┩
│ Unassigned                           │ not recorded    │   0 │     0 │     0 │
│ Riverside ICB                        │ not recorded    │   0 │     0 │     0 │
└──────────────────────────────────────┴─────────────────┴─────┴───────┴───────┘
Recommendations: cited actions
┏━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━┳━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Rec ┃ Recommendation               ┃ Cited ┃ Done ┃ Progress                 ┃
┡━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━╇━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ 1   │ The Partnership should seek  │     0 │    0 │ own status: not-recorded │
│     │ assurance that agencies      │       │      │                          │
│     │ share information about an   │       │      │                          │
│     │ unborn baby as soon as a     │       │      │                          │
│     │ risk is known.               │       │      │                          │
│ 2   │ The Partnership should ask   │     0 │    0 │ own status: not-recorded │
│     │ every agency to: - review    │       │      │                          │
│     │ its supervision policy so    │       │      │                          │
│     │ that drift is challenged; -  │       │      │                          │
│     │ audit how often supervision  │       │      │                          │
│     │ records a decision. The      │       │      │                          │
│     │ results should be reported   │       │      │                          │
│     │ to the Board within six      │       │      │                          │
│     │ months.                      │       │      │                          │
│ 3   │ Riverside ICB should remind  │     0 │    0 │ own status: not-recorded │
│     │ GPs to record who the father │       │      │                          │
│     │ is and who else lives in the │       │      │                          │
│     │ household.                   │       │      │                          │
└─────┴──────────────────────────────┴───────┴──────┴──────────────────────────┘
""")
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert run("summary").stdout.splitlines()[2:5] == [
        "agency\tactions\tcompleted\tnot-recorded\tred\tamber\tgreen\tpercent completed",
        "Unassigned\t2\t0\t2\t0\t0\t0\t-",
        "Riverside ICB\t1\t0\t1\t0\t0\t0\t-",
    ]


def test_show_says_the_plan_states_no_status(listed: None) -> None:
    shown = [line.rstrip() for line in run("show", "Riverside ICB", "3").stdout.splitlines()]
    assert "Status       not-recorded (the plan states none)" in shown
    assert "RAG          -" in shown


def test_an_update_records_a_status_and_cannot_record_none(listed: None) -> None:
    refused = run("update", "Riverside ICB", "3", "--status", "not-recorded")
    assert (refused.exit_code, refused.stderr) == (
        ExitCode.USAGE,
        (
            "scrtool: error: not-recorded says a plan states no status; an update records one (completed, in-progress, "
            "not-started, overdue, not-accepted or open)\n"
        ),
    )
    assert run("update", "Riverside ICB", "3", "--status", "in-progress").exit_code == 0
    assert [(a["number"], a["status"], a["rag"]) for a in json.loads(run("list", "--format", "json").stdout)] == [
        ("1", "not-recorded", None),
        ("2", "not-recorded", None),
        ("3", "in-progress", "green"),
    ]


def test_not_recorded_cited_actions_are_counted_in_the_progress(tmp_path: Path) -> None:
    text = (
        "| Rec No. | Recommendation | IMR Agency | IMR Action No. |\n|---|---|---|---|\n"
        "| 1 | Share information | Northshire Police | Actions 1, 2 |\n\n## Northshire Police\n\n"
        "| No. | Action | Status |\n|---|---|---|\n| 1 | Review the policy | Completed |\n\n"
        "| No. | Action |\n|---|---|\n| 2 | Train staff |\n"
    )
    assert run("import", write(tmp_path, "o.md", text)).exit_code == 0
    assert run("trace", "1").stdout.splitlines()[-1] == (
        "Progress: 1 of 2 cited actions completed, 1 not recorded  █████░░░░░  50%"
    )
    assert json.loads(run("trace", "1", "--format", "json").stdout)["progress"] == {
        "completed": 1,
        "total": 2,
        "not_recorded": 1,
    }


def test_a_tracker_row_is_the_recommendation_not_an_action_it_cites(tmp_path: Path) -> None:
    text = (
        "| No. | Recommendation | Addressed to | Status |\n|---|---|---|---|\n"
        "| 1 | The Board should publish the review | Safeguarding Board | Completed |\n"
        "| 2 | Police should train staff | Northshire Police | |\n"
    )
    assert run("import", write(tmp_path, "t.md", text)).exit_code == 0
    assert run("trace", "1").stdout.splitlines()[-1] == "Progress: no actions cited; its own status: completed"
    assert json.loads(run("trace", "2", "--format", "json").stdout)["progress"] == {
        "completed": 0,
        "total": 0,
        "own": ["t/Northshire Police/2"],
    }
    assert run("summary").stdout.splitlines()[-3:-1] == [
        "│ 1   │ The Board should publish the review                 │     0 │    0 │ own status: completed │",
        "│ 2   │ Police should train staff                           │     0 │    0 │ own status: open      │",
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "publications.md",
            "{path}:5: no recommendations found: its tables have no column of recommendations or "
            "actions, and its text no list of recommendations",
        ),
        (
            "cases.md",
            "{path}: no recommendations found: no table of a plan, and no list of recommendations (a "
            "'Recommendations' heading over them, or 'Recommendation 1' labels)",
        ),
    ],
)
@pytest.mark.sqlite_only("the store file itself")
def test_a_list_of_publications_is_refused_and_nothing_stored(private_store: Path, name: str, message: str) -> None:
    assert run("import", str(LABELLED)).exit_code == 0
    before = private_store.read_bytes()
    path = FIXTURES / "lists" / name
    result = run("import", str(path))
    assert (result.exit_code, result.stdout) == (ExitCode.INPUT, "")
    assert result.stderr == f"scrtool: error: {message.format(path=path)}\n"
    assert private_store.read_bytes() == before


def test_exports_leave_the_rag_of_not_recorded_actions_blank(listed: None, tmp_path: Path) -> None:
    assert run("export", "--format", "json", "-o", str(tmp_path / "out.json")).exit_code == 0
    exported = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert [(a["status"], a["rag"]) for a in exported] == [("not-recorded", None)] * 3
    assert run("export", "--format", "csv", "-o", str(tmp_path / "out.csv")).exit_code == 0
    rows = (tmp_path / "out.csv").read_text(encoding="utf-8-sig").splitlines()
    assert rows[0].split(",")[4:7] == ["status", "status_text", "rag"]
    assert rows[-1].split(",")[4:7] == ["not-recorded", "", ""]
    assert run("export", "--format", "markdown", "-o", str(tmp_path / "out.md")).exit_code == 0
    assert "| 3 | not-recorded | - | - | Riverside ICB should remind GPs" in (tmp_path / "out.md").read_text()
