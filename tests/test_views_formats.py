"""Every command that prints a table: its own set of --format choices, each honoured (into a pipe too) or refused
with exit 2, table on a terminal and tsv into a pipe by default; and every table fits 80 and 200 columns with its
ids and numbers whole (issue 13 items 12 and 14)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path

import pytest
import typer.main
from rich.cells import cell_len

from conftest import ENGINES, FIXTURES, INFANT_Y, SAMPLES, TODAY, pg_schema, run, table_rows
from scrtool.render.choices import ExportFormat, Format, TraceFormat

COMMANDS: dict[str, tuple[list[str], type[StrEnum]]] = {
    "list": (["list"], Format),
    "trace": (["trace", "1", "-r", "infant-y"], TraceFormat),
    "history": (["history", "Thames Valley Police", "1", "-r", "infant-y"], Format),
    "search": (["search", "mental health"], Format),
    "reports": (["reports"], Format),
    "agencies": (["agencies"], Format),
    "similar": (["similar", "2", "-r", "child-a"], Format),
    "repeats": (["repeats"], TraceFormat),
    "judgements": (["judgements"], Format),
    "archive": (["archive", "child-g"], Format),
}
"""Each command that prints a table, how it is run here, and its formats (``summary``'s come with its overview)."""

NOTE = "Agreed with the force's public protection unit; the audit tool is being piloted in two LPAs"
REASON = "restructure of the force's safeguarding hub delayed the audit by a quarter"


@pytest.fixture(scope="module", params=ENGINES)
def store(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Iterator[str]:
    """Five reports (Infant Y, the sample, three tiny plans), a long update, a judgement and a sixth report removed
    (its history in the archive); read, never changed. Made once on each engine: every test here runs on both."""
    db = str(tmp_path_factory.mktemp("views") / "scrtool.db") if request.param == "sqlite" else pg_schema(request)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SCRTOOL_DB", db)
        patch.setenv("SCRTOOL_TODAY", TODAY)
        for plan in (
            INFANT_Y,
            SAMPLES / "child-t.md",
            *(FIXTURES / "repeats" / f"{n}.md" for n in ("child-a", "child-b", "adult-c")),
        ):
            assert run("import", "-q", str(plan)).exit_code == 0
        assert (
            run(
                "update",
                "Thames Valley Police",
                "1",
                "-r",
                "infant-y",
                "--status",
                "in-progress",
                "--note",
                NOTE,
                "--evidence",
                "minutes of the board meeting 12 March",
                "--due",
                "2026-03-31",
                "--reason",
                REASON,
                "--by",
                "J Smith",
            ).exit_code
            == 0
        )
        assert run("same", "child-a:2", "child-b:2", "--by", "J Smith").exit_code == 0
        gone = tmp_path_factory.mktemp("gone") / "child-g.md"  # a report removed: its history in the archive
        gone.write_text(
            (SAMPLES / "child-t.md").read_text(encoding="utf-8").replace("Child T", "Child G"), encoding="utf-8"
        )
        assert run("import", "-q", "--new", str(gone)).exit_code == 0
        assert run("update", "Riverside Health", "4", "-r", "child-g", "--note", NOTE).exit_code == 0
        assert run("remove", "child-g", "--yes").exit_code == 0
        assert run("search", "health").exit_code == 0  # the index made once
    yield db


@pytest.fixture
def shared(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRTOOL_DB", store)
    monkeypatch.setenv("TTY_COMPATIBLE", "0")  # into a pipe: whatever is asked for is what comes out


def test_every_command_that_prints_a_table_offers_its_own_formats() -> None:
    from scrtool.cli.app import app

    offered = {
        name: list(getattr(param.type, "choices", []))
        for name, command in typer.main.get_command(app).commands.items()  # type: ignore[attr-defined]
        for param in command.params
        if "--format" in getattr(param, "opts", [])
    }
    offered.pop("summary", None)  # its formats come with the overview across reports (branch board), tested there
    assert offered == {
        **{name: [f.value for f in choice] for name, (_, choice) in COMMANDS.items()},
        "export": [f.value for f in ExportFormat],
    }
    assert [f.value for f in TraceFormat] == [f.value for f in Format if f is not Format.CSV]


def _checked(output: str, fmt: str) -> list[list[str]]:
    """The output parsed as the format says (each its own way), as rows of cells; fails if it is another."""
    box = any(char in output for char in "┏┃│")
    if fmt == "table":
        assert box
        return table_rows(output, key=0)
    assert not box
    if fmt == "json":
        data = json.loads(output)
        return [[json.dumps(item)] for item in (data if isinstance(data, list) else data.values())]
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(output)))
        assert len({len(row) for row in rows}) == 1 and len(rows[0]) > 1
        return rows
    if fmt == "markdown":
        lines = output.splitlines()
        assert any(line.startswith("|---|") for line in lines)
        return [line.split(" | ") for line in lines if line.startswith("| ")]
    assert fmt == "tsv"
    rows = [line.split("\t") for line in output.splitlines()]
    assert any(len(row) > 2 for row in rows)
    return rows


CASES = [(name, fmt.value) for name, (_, choice) in COMMANDS.items() for fmt in choice]


@pytest.mark.parametrize(("name", "fmt"), CASES, ids=[f"{name}-{fmt}" for name, fmt in CASES])
def test_each_format_of_each_command_is_what_comes_out(shared: None, name: str, fmt: str) -> None:
    result = run(*COMMANDS[name][0], "--format", fmt)
    assert (result.exit_code, result.stderr) == (0, "")
    assert _checked(result.stdout, fmt)


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_format_a_command_does_not_offer_is_refused_with_exit_2(shared: None, name: str) -> None:
    args, choice = COMMANDS[name]
    for fmt in ("xlsx", *(f.value for f in Format if f.value not in {c.value for c in choice})):
        result = run(*args, "--format", fmt)
        assert (result.exit_code, result.stdout) == (2, ""), (name, fmt)
        assert f"Invalid value for '--format' / '-f': '{fmt}' is not one of" in result.stderr


@pytest.mark.parametrize("name", list(COMMANDS))
def test_default_is_table_on_a_terminal_and_tsv_into_a_pipe(
    shared: None, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    args = COMMANDS[name][0]
    assert run(*args).stdout == run(*args, "--format", "tsv").stdout
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert run(*args).stdout == run(*args, "--format", "table").stdout


def test_history_csv_and_search_markdown_are_what_they_say(shared: None) -> None:
    rows = list(csv.reader(io.StringIO(run(*COMMANDS["history"][0], "--format", "csv").stdout)))
    assert rows == [
        ["Id", "Date", "Recorded", "Source", "By", "Change", "Note"],
        ["h1", "2026-01-15", "2026-01-15", "import", "", "completed", "imported from infant-y.txt"],
        [
            "h2",
            "2026-01-15",
            "2026-01-15",
            "manual",
            "J Smith",
            f"completed -> in-progress; due 2026-03-31 ({REASON})",
            f"{NOTE}; evidence: minutes of the board meeting 12 March",
        ],
    ]
    lines = run("search", "maternal mental health pathway", "--format", "markdown").stdout.splitlines()
    assert lines[:2] == ["| Report | What | Agency | No. | Status | Text |", "|---|---|---|---|---|---|"]
    assert (
        lines[2:4].count(  # first of the two actions that say all four words (bm25 on SQLite; ts_rank_cd may
            # put Infant Y's first on PostgreSQL: docs/postgresql.md)
            "| child-t | action | Riverside Health | 4 | open | Audit the maternal mental health pathway "
            "and report to the Board by December 2025. Early identification of maternal mental health "
            "needs. |"
        )
        == 1
    )


def test_reports_and_agencies_json(shared: None) -> None:
    reports = json.loads(run("reports", "--format", "json").stdout)
    assert [r["id"] for r in reports] == ["adult-c", "child-a", "child-b", "child-t", "infant-y"]
    assert reports[3] == {
        "id": "child-t",
        "title": "Serious Case Review: Child T — multi-agency action plan (sample "
        "written for scrtool; all names invented)",
        "file": "child-t.md",
        "imported_at": "2026-01-15T00:00:00Z",
        "recommendations": 4,
        "actions": 13,
        "open": 4,
    }
    agencies = json.loads(run("agencies", "--report", "child-t", "--format", "json").stdout)
    assert agencies == [  # numbered actions, and unnumbered responses apart (issue 13 item 11)
        {
            "report": "child-t",
            "agency": "Northshire Police",
            "actions": 2,
            "completed": 1,
            "open": 1,
            "not_recorded": 0,
            "responses": 0,
        },
        {
            "report": "child-t",
            "agency": "Riverside Health",
            "actions": 4,
            "completed": 3,
            "open": 1,
            "not_recorded": 0,
            "responses": 1,
        },
        {
            "report": "child-t",
            "agency": "Children's Services",
            "actions": 5,
            "completed": 3,
            "open": 2,
            "not_recorded": 0,
            "responses": 1,
        },
    ]
    archived = json.loads(run("archive", "child-g", "--format", "json").stdout)
    assert [
        (e["agency"], e["number"], e["entry"]["source"], e["entry"]["note"]) for e in archived if e["number"] == "4"
    ] == [("Riverside Health", "4", "import", "imported from child-g.md"), ("Riverside Health", "4", "manual", NOTE)]


def test_an_empty_store_gives_json_an_empty_list(tmp_path: Path) -> None:
    assert run("import", "-q", str(SAMPLES / "child-t.md"), "--db", str(tmp_path / "s.db")).exit_code == 0
    assert run("search", "zebra", "--format", "json", "--db", str(tmp_path / "s.db")).stdout == "[]\n"


TABLES = [*COMMANDS, "list-police", "show"]


def _table_args(name: str) -> list[str]:
    if name == "list-police":
        return ["list", "--agency", "Thames Valley Police"]
    if name == "show":
        return ["show", "Thames Valley Police", "1", "-r", "infant-y"]
    return [*COMMANDS[name][0], "--format", "table"]


@pytest.mark.parametrize("width", [80, 200])
@pytest.mark.parametrize("name", TABLES)
def test_every_table_fits_the_width_and_cuts_nothing(
    shared: None, name: str, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    out = run(*_table_args(name)).stdout
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "…" not in out


@pytest.mark.parametrize("width", [80, 200])
def test_ids_numbers_and_names_are_whole_at_80_and_200(
    shared: None, width: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    assert [row[0] for row in table_rows(run("reports").stdout, key=0)] == [
        "adult-c",
        "child-a",
        "child-b",
        "child-t",
        "infant-y",
    ]
    police = table_rows(run("list", "--agency", "Thames Valley Police").stdout)
    assert [(row[0], row[1], row[2]) for row in police] == [
        ("Thames Valley Police", "1", "in-progress"),
        ("Thames Valley Police", "2", "completed"),
        ("Thames Valley Police", "3", "completed"),
        ("Thames Valley Police", "4", "completed"),
    ]
    history = table_rows(run(*COMMANDS["history"][0]).stdout, key=0)
    assert history[-1][:5] == ["h2", "2026-01-15", "2026-01-15", "manual", "J Smith"]
    assert history[-1][5].startswith("completed -> in-progress; due 2026-03-31 (")
    assert history[-1][6] == f"{NOTE}; evidence: minutes of the board meeting 12 March" or width == 80  # folds


def test_exact_lines_of_trace_markdown_agencies_tsv_and_reports_csv(monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("import", "-q", str(SAMPLES / "child-t.md")).exit_code == 0
    assert run("trace", "2", "--format", "markdown").stdout == (
        "Recommendation 2  (child-t, child-t.md line 8)\n\n"
        "The Board should audit how agencies escalate disagreements about thresholds during child protection "
        "enquiries.\n\n"
        "| Agency | No. | Status | Action |\n|---|---|---|---|\n"
        "| Children's Services | 3 | in-progress | Remind managers of the escalation protocol. |\n"
        "| Riverside Health | 9 | missing | not in the agency's action table |\n\n"
        "Progress: 0 of 2 cited actions completed  ░░░░░░░░░░   0%\n"
    )
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert run("agencies").stdout == (
        "Report\tAgency\tActions\tCompleted\tOpen\tResponses\n"
        "child-t\tNorthshire Police\t2\t1\t1\t0\n"
        "child-t\tRiverside Health\t4\t3\t1\t1\n"
        "child-t\tChildren's Services\t5\t3\t2\t1\n"
    )
    assert run("reports", "--format", "csv").stdout == (
        "Report,Title,File,Recs,Actions,Open,Imported\n"
        "child-t,Serious Case Review: Child T — multi-agency action plan (sample written for scrtool; all names "
        "invented),child-t.md,4,13,4,2026-01-15\n"
    )
