"""`scrtool summary`: one report as before, an overview across every report when there are several and no
--report, --format table|tsv|json (others refused), and a table that fits 80 columns without cutting a number."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from conftest import SAMPLES, run
from scrtool.errors import ExitCode
from scrtool.render.choices import Format, TraceFormat

SAMPLE = SAMPLES / "child-t.md"
pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL


@pytest.fixture
def two_reports(tmp_path: Path) -> None:
    assert run("import", str(SAMPLE)).exit_code == 0
    other = tmp_path / "child-u.md"
    shutil.copy(SAMPLE, other)
    assert run("import", str(other), "--report", "child-u").exit_code == 0
    assert run("update", "Riverside Health", "1", "--status", "not-started", "--report", "child-u").exit_code == 0


def test_summary_json_of_one_report() -> None:
    assert run("import", str(SAMPLE)).exit_code == 0
    data = json.loads(run("summary", "--format", "json").stdout)
    assert data["report"]["id"] == "child-t"
    assert data["agencies"][1] == {
        "agency": "Riverside Health",
        "actions": 4,
        "completed": 3,
        "open": 1,
        "overdue": 1,
        "responses": 1,
        "not_recorded": 0,
        "percent_completed": 75,
        "statuses": {"completed": 3, "open": 1},
        "rag": {"red": 1, "green": 3},
    }  # numbered actions; the unnumbered response counted apart
    assert [a["agency"] for a in data["agencies"]] == ["Northshire Police", "Riverside Health", "Children's Services"]
    assert data["recommendations"][0] == {
        "kind": "recommendation",
        "number": "1",
        "label": "1",
        "text": data["recommendations"][0]["text"],
        "cited": 5,
        "completed": 3,
        "percent_completed": 60,
        "own": None,
    }
    assert [r["label"] for r in data["recommendations"]] == ["1", "2", "3", "R1"]


def test_summary_overview_across_reports(two_reports: None) -> None:
    data = json.loads(run("summary", "--format", "json").stdout)
    figures = {
        "actions": 11,
        "completed": 7,
        "open": 4,
        "overdue": 1,
        "responses": 2,
        "not_recorded": 0,
        "percent_completed": 64,
    }
    assert data["reports"][0] == {"report": "child-t", "title": data["reports"][0]["title"], **figures}
    assert data["reports"][1] == {
        "report": "child-u",
        "title": data["reports"][0]["title"],
        **figures,
        "completed": 6,
        "open": 5,
        "overdue": 2,
        "percent_completed": 55,
    }
    assert data["agencies"][1] == {
        "agency": "Riverside Health",
        "reports": ["child-t", "child-u"],
        "actions": 8,
        "completed": 5,
        "open": 3,
        "overdue": 3,
        "responses": 2,
        "not_recorded": 0,
        "percent_completed": 62,
    }
    lines = run("summary", "--format", "tsv").stdout.splitlines()
    assert lines[0] == "report\ttitle\tactions\tcompleted\topen\toverdue\tresponses\tnot recorded\tpercent completed"
    assert lines[2].startswith("child-u\t") and lines[2].endswith("\t11\t6\t5\t2\t2\t0\t55%")
    assert lines[4:6] == [
        "agency\treports\tactions\tcompleted\topen\toverdue\tresponses\tnot recorded\tpercent completed",
        "Northshire Police\tchild-t,child-u\t4\t2\t2\t0\t0\t0\t50%",
    ]
    markdown = run("summary", "--format", "markdown").stdout.splitlines()
    assert markdown[7:11] == [
        "Agencies across reports",
        "",
        "| Agency | Actions | Done | Open | Overdue | Completed |",
        "|---|---|---|---|---|---|",
    ]
    assert markdown[12] == "| Riverside Health  (child-t, child-u) | 8 | 5 | 3 | 3 | ██████░░░░  62% |"
    one = json.loads(run("summary", "--report", "child-u", "--format", "json").stdout)
    assert one["report"]["id"] == "child-u"


def test_summary_overview_table_fits_80_columns(two_reports: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("summary").stdout.splitlines()
    assert max(map(len, lines)) <= 80
    assert lines[0].startswith("Reports")
    assert "…" not in "\n".join(lines)
    assert [line.split("│")[2:7] for line in lines if line.startswith("│ child-u")] == [
        ["      11 ", "    6 ", "    5 ", "       2 ", " █████░░░░░  55% "]
    ]
    assert "│ Riverside Health         │       8 │    5 │    3 │       3 │ ██████░░░░  62% │" in lines


def test_summary_of_one_report_fits_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("import", str(SAMPLE)).exit_code == 0
    monkeypatch.setenv("COLUMNS", "80")
    lines = run("summary").stdout.splitlines()
    assert max(map(len, lines)) <= 80
    table = "\n".join(lines[2:])
    assert "…" not in table
    assert [line for line in lines if line.startswith("│ Riverside Health")][2] == (
        "│ Riverside Health                     │ ████████░░  75% │   1 │     0 │     3 │"
    )
    assert "┃ Agency           ┃ Actions ┃ Completed ┃ In progress ┃ Not started ┃ Overdue ┃" in lines
    assert "│ Riverside Health                                            │       4 │    1 │" in lines  # Open


@pytest.mark.parametrize("fmt", list(Format))
def test_summary_format_honoured_or_refused(fmt: Format, monkeypatch: pytest.MonkeyPatch) -> None:
    """summary is a text with several tables: TraceFormat's formats (no csv), each what it says into a pipe."""
    assert run("import", str(SAMPLE)).exit_code == 0
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    result = run("summary", "--format", fmt.value)
    if fmt.value not in {f.value for f in TraceFormat}:
        assert (result.exit_code, result.stdout) == (ExitCode.USAGE, "")
        assert f"Invalid value for '--format' / '-f': '{fmt.value}' is not one of" in result.stderr
        return
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    if fmt is Format.JSON:
        assert json.loads(result.stdout)["report"]["id"] == "child-t"
    elif fmt is Format.TSV:
        assert (
            lines[2] == "agency\tactions\tresponses\tcompleted\tin-progress\tnot-started\toverdue\topen\tred\t"
            "amber\tgreen\tpercent completed"
        )
        assert run("summary").stdout == result.stdout  # the default into a pipe
    elif fmt is Format.MARKDOWN:
        assert lines[2:7] == [
            "Actions by agency",
            "",
            "| Agency | Actions | Completed | In progress | Not started | Overdue | Open |",
            "|---|---|---|---|---|---|---|",
            "| Northshire Police | 2 | 1 | 1 | 0 | 0 | 0 |",
        ]
    else:  # a table asked for is drawn into a pipe too
        assert lines[2].rstrip() == "Actions by agency"
        assert lines[4] == (
            "┃ Agency" + " " * 24 + "┃ Actions ┃ Completed ┃ In progress ┃ Not started ┃ Overdue ┃ Open ┃"
        )


def test_every_status_at_80_columns_goes_on_in_a_second_table_never_cut() -> None:
    from io import StringIO

    from rich.console import Console

    from scrtool.model import Report, Status
    from scrtool.questions.overview import AgencyCount, Summary
    from scrtool.render.views import summary_view

    report = Report("big", "A title", "big.md", "0" * 64, "2026-01-01T00:00:00Z", None, None)
    counts = {st: 1234 for st in Status}
    s = Summary(report, (AgencyCount("Oxford University Hospitals NHS Foundation Trust", counts),), (), {})
    out = StringIO()
    Console(file=out, width=80, color_system=None).print(summary_view(s, 80))
    lines = out.getvalue().splitlines()
    assert max(map(len, lines)) <= 80 and "…" not in out.getvalue()
    assert lines[1:4] == [
        "Actions by agency" + " " * 63,
        "┏━━━━━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┳━━━━━━━━━━━┳━━━━━━━━━━━━━┳━━━━━━━━━━━━━┓",
        "┃ Agency                     ┃ Actions ┃ Completed ┃ In progress ┃ Not started ┃",
    ]
    assert lines[5] == "│ Oxford University          │    8638 │      1234 │        1234 │        1234 │"
    at = lines.index("Actions by agency (continued)" + " " * 51)
    assert lines[at + 2] == "┃ Agency                        ┃ Actions ┃ Not accepted ┃ Open ┃ Not recorded ┃"
    assert lines[at + 4] == "│ Oxford University Hospitals   │    8638 │         1234 │ 1234 │         1234 │"
