"""`scrtool export`: every action, closed ones too, in csv, xlsx, json and markdown that agree with `summary`;
formulas never live, cells that are cut reported, and a failed export leaves the earlier file as it was."""

from __future__ import annotations

import csv
import gc
import io
import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import SAMPLES, run, write
from scrtool.cli.app import app
from scrtool.errors import ExitCode
from scrtool.render.rows import COLUMNS
from scrtool.render.xlsx import XLSX_CELL_LIMIT, sheet_names

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = str(SAMPLES / "child-t.md")
AGENCIES = ["Northshire Police", "Riverside Health", "Children's Services"]
LONG = "L" * 40_000
FORMULAS = ["=1+2", "+SUM(1,2)", "-1+2", "@SUM(1,2)", '=HYPERLINK("http://evil.example","click")']
NASTY = (
    "| Rec No. | Recommendation | IMR Agency | IMR Action No. |\n|---|---|---|---|\n"
    "| 1 | =1+2 is the recommendation | Police | Actions 1-4 |\n\n"
    "| Police | Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
    f"| Police | 1 | {FORMULAS[0]} | {FORMULAS[1]} | Completed |\n"
    f"| Police | 2 | {FORMULAS[2]} | {FORMULAS[3]} | In progress |\n"
    f"| Police | 3 | {FORMULAS[4]} | plain | In progress |\n"
    f"| Police | 4 | {LONG} | long | In progress |\n"
)


@pytest.fixture
def imported() -> None:
    result = run("import", SAMPLE)
    assert result.exit_code == 0, result.stderr


@pytest.fixture
def nasty(tmp_path: Path) -> None:
    result = run("import", write(tmp_path, "nasty.md", NASTY))
    assert result.exit_code == 0, result.stderr
    assert run("update", "Police", "2", "--note", "\t=1+2", "--by", "\r=2+3").exit_code == 0
    assert run("update", "Police", "3", "--note", "first\x0bsecond\x01third").exit_code == 0


def sheet_rows(path: Path, name: str) -> list[dict[str, object]]:
    sheet = openpyxl.load_workbook(path)[name]
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


def cells(path: Path, name: str, heading: str) -> list[openpyxl.cell.Cell]:
    sheet = openpyxl.load_workbook(path)[name]
    col = [c.value for c in sheet[1]].index(heading)
    return [row[col] for row in sheet.iter_rows(min_row=2)]


# -- xlsx ------------------------------------------------------------------------------------------------------


def test_xlsx_summary_sheet_agrees_with_summary(imported: None, tmp_path: Path) -> None:
    out = tmp_path / "board.xlsx"
    result = run("export", "--format", "xlsx", "-o", str(out))
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"wrote 13 actions of child-t to {out} (xlsx)\n", "")
    terminal = [
        [c.strip() for c in line.split("│")[1:-1]]
        for line in run("summary").stdout.splitlines()
        if line.startswith("│") and not line.startswith("│     │")
    ]
    sheet = openpyxl.load_workbook(out)["Summary"]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [
        "Agency",
        "Actions",
        "Completed",
        "In progress",
        "Not started",
        "Overdue",
        "Not accepted",
        "Open",
        "Not recorded",
        "Completed %",
        "Red",
        "Amber",
        "Green",
        "Blue",
        "Responses",
    ]
    # numbered actions, as the plan numbers them; each agency's unnumbered response counted apart (last column)
    assert rows[1:4] == [
        ["Northshire Police", 2, 1, 1, 0, 0, 0, 0, 0, 50, 0, 0, 2, 0, 0],
        ["Riverside Health", 4, 3, 0, 0, 1, 0, 1, 0, 75, 1, 0, 3, 0, 1],
        ["Children's Services", 5, 3, 1, 1, 0, 0, 0, 0, 60, 0, 1, 4, 0, 1],
    ]
    for i in range(3):  # the same numbers as `scrtool summary`: statuses, percent, then red/amber/green
        by_status, by_rag = terminal[i], terminal[i + 3]
        assert by_status[:6] == [str(v) for v in rows[1 + i][:6]]
        assert by_status[6] == str(rows[1 + i][7])  # summary shows only the statuses present: open
        assert by_rag[1].endswith(f"{rows[1 + i][9]}%")
        assert [str(v) for v in rows[1 + i][10:13]] == by_rag[2:]
    assert rows[4] == [None] * 15
    assert rows[5][:5] == ["Rec", "Recommendation", "Cited actions", "Completed", "Completed %"]
    recs = [[r[0], r[2], r[3], r[4]] for r in rows[6:10]]
    assert recs == [["1", 5, 3, 60], ["2", 2, 0, 0], ["3", 0, 0, None], ["R1", 0, 0, None]]
    assert [[r[0], r[2], r[3]] for r in terminal[6:10]] == [[r[0], str(r[1]), str(r[2])] for r in recs]
    assert rows[11][:2] == ["Report", "child-t"]
    as_of = sheet.cell(row=14, column=2)
    assert (rows[13][0], as_of.value, as_of.number_format) == ("As of", datetime(2026, 1, 15), "DD/MM/YYYY")
    assert sheet.freeze_panes == "A2"


def test_xlsx_one_sheet_per_agency_with_every_action_closed_ones_too(imported: None, tmp_path: Path) -> None:
    out = tmp_path / "board.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0  # the format from the extension
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Summary", "All actions", "History", *AGENCIES]
    riverside = sheet_rows(out, "Riverside Health")
    assert [(r["No."], r["Status"], r["RAG"]) for r in riverside] == [
        ("1", "completed", "green"),
        ("2", "completed", "green"),
        ("3", "completed", "green"),
        ("4", "open", "red"),
        (None, "completed", "green"),
    ]
    four = riverside[3]
    due, updated = four["Due"], four["Last update"]
    assert isinstance(due, datetime) and isinstance(updated, datetime)
    assert (
        due.date().isoformat(),
        four["Cited by"],
        updated.date().isoformat(),
        four["Update source"],
        four["Id"],
        four["Line"],
    ) == ("2025-12-31", "Recommendation 1", "2026-01-15", "import", "child-t/Riverside Health/4", 29)
    assert riverside[4]["Cited by"] == "Recommendation 1"  # the unnumbered response, by what it answers
    for name in book.sheetnames[1:]:
        sheet = book[name]
        assert sheet.auto_filter.ref == sheet.dimensions
        assert sheet.freeze_panes == "A2"
        assert all(c.font.b for c in sheet[1])
        widths = [d.width for d in sheet.column_dimensions.values()]
        assert widths and max(widths) <= 62 and min(widths) >= 8
    action = cells(out, "Riverside Health", "Action")[3]
    assert action.alignment.wrap_text
    assert book["Riverside Health"].column_dimensions[action.column_letter].width == 62  # capped, wraps
    fills = {c.value: (c.fill.fgColor.rgb, c.font.color.rgb) for c in cells(out, "Children's Services", "RAG")}
    assert fills == {"green": ("00C6EFCE", "00006100"), "amber": ("00FFEB9C", "009C5700")}
    assert cells(out, "Riverside Health", "RAG")[3].fill.fgColor.rgb == "00FFC7CE"


def test_xlsx_all_actions_and_history_sheets_with_the_plans_status_and_uk_dates(imported: None, tmp_path: Path) -> None:
    assert (
        run(
            "update",
            "Riverside Health",
            "1",
            "--status",
            "not-started",
            "--note",
            "=1+2",
            "--by",
            "@me",
            "--date",
            "2026-01-10",
        ).exit_code
        == 0
    )
    out = tmp_path / "board.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    every = book["All actions"]
    assert [c.value for c in every[1]][:8] == [
        "Report",
        "Agency",
        "Lead",
        "No.",
        "Status",
        "Status in plan",
        "RAG",
        "Target",
    ]
    rows = sheet_rows(out, "All actions")
    assert len(rows) == 13 and [r["Agency"] for r in rows].count("Riverside Health") == 5
    one = next(r for r in rows if r["Id"] == "child-t/Riverside Health/1")
    assert (one["Status"], one["Status in plan"], one["Update note"], one["Updated by"]) == (
        "not-started",
        "Completed",
        "=1+2",
        "@me",
    )  # the plan's status, not the one typed by hand
    due = every.cell(row=4, column=9)
    assert (due.value, due.number_format) == (datetime(2024, 10, 31), "DD/MM/YYYY")
    note = every.cell(row=4, column=17)
    assert (note.value, note.data_type, note.quotePrefix) == ("=1+2", "s", True)
    assert sheet_rows(out, "Riverside Health")[0]["Status in plan"] == "Completed"
    history = book["History"]
    assert [c.value for c in history[1]] == [
        "Entry",
        "Action id",
        "Agency",
        "No.",
        "Date",
        "Recorded (UTC)",
        "Source",
        "By",
        "From",
        "To",
        "Status as written",
        "Note",
        "Evidence",
        "Target set",
        "Reason",
        "Forced over",
    ]
    entries = [r for r in sheet_rows(out, "History") if r["Action id"] == "child-t/Riverside Health/1"]
    assert [r["Entry"] for r in entries] == ["h1", "h2"]  # as `scrtool history` numbers them
    assert [
        (r["Date"], r["Source"], r["By"], r["From"], r["To"], r["Status as written"], r["Note"], r["Target set"])
        for r in entries
    ] == [
        (
            datetime(2026, 1, 15),
            "import",
            None,
            None,
            "completed",
            "Completed",
            "imported from child-t.md",
            datetime(2024, 10, 31),
        ),
        (datetime(2026, 1, 10), "manual", "@me", "completed", "not-started", "not-started", "=1+2", None),
    ]
    assert history.max_row == 1 + 14  # every entry of every action, not only the last
    assert history.cell(row=2, column=5).number_format == "DD/MM/YYYY"
    assert history.cell(row=2, column=6).number_format == "DD/MM/YYYY HH:MM"


def test_xlsx_columns_keep_their_places_whatever_the_data(nasty: None, tmp_path: Path) -> None:
    out = tmp_path / "nasty.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0
    book = openpyxl.load_workbook(out)
    headings = [c.value for c in book["Summary"][1]]
    assert headings == [
        "Agency",
        "Actions",
        "Completed",
        "In progress",
        "Not started",
        "Overdue",
        "Not accepted",
        "Open",
        "Not recorded",
        "Completed %",
        "Red",
        "Amber",
        "Green",
        "Blue",
        "Responses",
    ]
    assert [c.value for c in book["All actions"][1]] == [c.heading for c in COLUMNS]
    assert [c.value for c in book["Police"][1]] == [c.heading for c in COLUMNS if c.key != "report"]


def test_xlsx_formula_text_reloads_as_strings(nasty: None, tmp_path: Path) -> None:
    out = tmp_path / "nasty.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0
    texts = cells(out, "Police", "Action") + cells(out, "Police", "Outcome")
    formula_cells = [c for c in texts if c.value in FORMULAS]
    assert sorted(c.value for c in formula_cells) == sorted(FORMULAS)
    for c in formula_cells:
        assert c.data_type == "s" and c.quotePrefix, c.value
    note = cells(out, "Police", "Update note")[1]
    assert (note.value, note.data_type, note.quotePrefix) == ("\t=1+2", "s", True)
    by = cells(out, "Police", "Updated by")[1]
    assert (by.value, by.data_type) == ("\n=2+3", "s")  # a CR is a newline in an xlsx (XML makes it one anyway)
    summary = openpyxl.load_workbook(out)["Summary"]
    assert (summary["B5"].value, summary["B5"].data_type) == ("=1+2 is the recommendation", "s")
    formulas = [
        c.coordinate for ws in openpyxl.load_workbook(out) for row in ws.iter_rows() for c in row if c.data_type == "f"
    ]
    assert formulas == []


def test_xlsx_vertical_tab_is_a_newline_and_control_characters_replaced(nasty: None, tmp_path: Path) -> None:
    out = tmp_path / "nasty.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0
    assert cells(out, "Police", "Update note")[2].value == "first\nsecond\ufffdthird"


def test_xlsx_long_cell_is_cut_and_reported(nasty: None, tmp_path: Path) -> None:
    out = tmp_path / "nasty.xlsx"
    result = run("export", "-o", str(out))
    assert result.exit_code == 0
    assert result.stderr == (
        "scrtool: warning: Police 4: Action cut to 32,767 characters in the xlsx (it has "
        "40,000); the csv and json exports keep it whole\n"
    )
    cut = cells(out, "Police", "Action")[3].value
    assert isinstance(cut, str) and len(cut) == XLSX_CELL_LIMIT == 32_767
    assert cut == "L" * (32_767 - len(" \u2026 [cut]")) + " \u2026 [cut]"
    csv_out = tmp_path / "nasty.csv"
    assert run("export", "-o", str(csv_out)).stderr == ""
    rows = list(csv.DictReader(io.StringIO(csv_out.read_text(encoding="utf-8-sig"))))
    assert rows[3]["text"] == LONG


def test_xlsx_cut_never_splits_a_surrogate_pair() -> None:
    from scrtool.render.xlsx import cut, utf16_len

    text = "a" + "\U0001f600" * 20_000
    kept = cut(text, 32_767)
    assert utf16_len(kept) == 32_767 and kept == "a" + "\U0001f600" * 16_383


def test_sheet_names_are_valid_and_unique() -> None:
    assert sheet_names(
        [
            "Riverside Health/Community Trust",
            "A [b]: c*?\\",
            "x" * 40,
            "X" * 40,
            "Summary",
            "history",
            "'quoted'",
            "[]",
            "Police\x01",
            "ALL ACTIONS",
        ]
    ) == [
        "Riverside Health-Community Trus",
        "A -b-- c---",
        "x" * 31,
        "X" * 27 + " (2)",
        "Summary (2)",
        "history (2)",
        "quoted",
        "--",
        "Police",
        "ALL ACTIONS (2)",
    ]
    assert sheet_names(["", "  "]) == ["Agency", "Agency (2)"]


# -- a failed export leaves the earlier file ---------------------------------------------------------------------


def test_failed_xlsx_export_leaves_the_earlier_file(
    imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrtool.render import xlsx

    out = tmp_path / "out" / "board.xlsx"
    out.parent.mkdir()
    assert run("export", "-o", str(out)).exit_code == 0
    before = out.read_bytes()
    assert run("update", "Riverside Health", "4", "--status", "completed", "--evidence", "minutes").exit_code == 0
    calls = []
    table = xlsx._table

    def half_way(*args: Any) -> xlsx.Grid:
        calls.append(args)
        if len(calls) == 4:  # All actions, History and the first agency sheet are written, the second one fails
            raise RuntimeError("disk on fire")
        return table(*args)

    monkeypatch.setattr(xlsx, "_table", half_way)
    ignored: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", ignored.append)
    result = run("export", "-o", str(out))
    assert result.exit_code == ExitCode.INTERNAL
    assert result.stderr.startswith("scrtool: error: internal error (RuntimeError: disk on fire)")
    assert len(calls) == 4
    assert out.read_bytes() == before
    assert os.listdir(out.parent) == ["board.xlsx"]
    del result  # (it holds the exception, and so the workbook)
    gc.collect()
    assert ignored == []  # the half-written sheets were closed: no "Exception ignored" traceback when collected


@pytest.mark.sqlite_only("the store file itself")
def test_failed_rename_leaves_the_earlier_file(imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "board.csv"
    out.write_bytes(b"earlier\n")
    os.chmod(out, 0o640)

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    result = run("export", "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: {out}: cannot write: Permission denied\n",
    )
    assert out.read_bytes() == b"earlier\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.csv", "store"]


def test_replaced_file_keeps_its_permissions_and_new_one_is_private(imported: None, tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text("[]")
    os.chmod(old, 0o644)
    assert run("export", "-o", str(old)).exit_code == 0
    assert os.stat(old).st_mode & 0o777 == 0o644
    new = tmp_path / "new.json"
    assert run("export", "-o", str(new)).exit_code == 0
    assert os.stat(new).st_mode & 0o777 == 0o600


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["-o", "board.txt"],
            "which format for board.txt? give --format csv, xlsx, json or markdown (or name the file "
            ".csv, .xlsx, .json or .md)",
        ),
        (["-o", "no/such/folder/board.csv"], "no/such/folder/board.csv: no such folder"),
    ],
)
def test_export_usage_errors(imported: None, args: list[str], message: str) -> None:
    result = run("export", *args)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"scrtool: error: {message}")


@pytest.mark.sqlite_only("the store file itself")
def test_export_refuses_to_overwrite_the_store(imported: None, private_store: Path) -> None:
    result = run("export", "--format", "csv", "-o", str(private_store))
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: {private_store} is the store itself; write the export to another file\n",
    )


# -- csv, json, markdown -----------------------------------------------------------------------------------------


def test_csv_every_action_and_formulas_prefixed(nasty: None, tmp_path: Path) -> None:
    out = tmp_path / "nasty.csv"
    assert run("export", "-o", str(out)).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(
        b"\xef\xbb\xbfreport,agency,lead,number,status,status_text,rag,target,due,text,outcome,"
        b"cited_by,updated,update_source,update_by,update_change,update_note,update_evidence,file,"
        b"line,id\n"
    )
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert [(r["number"], r["status"], r["text"][:45], r["outcome"]) for r in rows] == [
        ("1", "completed", "'=1+2", "'+SUM(1,2)"),
        ("2", "in-progress", "'-1+2", "'@SUM(1,2)"),
        ("3", "in-progress", "'" + FORMULAS[4], "plain"),
        ("4", "in-progress", "L" * 45, "long"),
    ]
    assert (rows[1]["update_note"], rows[1]["update_by"]) == ("'\t=1+2", "\n=2+3")  # a CR as the xlsx has it
    assert rows[2]["update_note"] == "first\x0bsecond\x01third"  # csv keeps the text as it is


def test_csv_of_the_sample_keeps_completed_actions(imported: None, tmp_path: Path) -> None:
    out = tmp_path / "board.csv"
    assert run("export", "--format", "CSV", "-o", str(out)).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert len(rows) == 13
    assert sum(r["status"] == "completed" for r in rows) == 9
    four = next(r for r in rows if r["id"] == "child-t/Riverside Health/4")
    assert {k: four[k] for k in ("status", "rag", "target", "due", "cited_by", "updated", "update_change")} == {
        "status": "open",
        "rag": "red",
        "target": "2025-12-31",
        "due": "2025-12-31",
        "cited_by": "Recommendation 1",
        "updated": "2026-01-15",
        "update_change": "open",
    }


def test_json_is_the_action_contract_with_citations_and_last_update(imported: None, tmp_path: Path) -> None:
    out = tmp_path / "board.json"
    assert run("export", "-o", str(out)).exit_code == 0
    assert (
        run(
            "update", "Riverside Health", "4", "--status", "completed", "--evidence", "minutes", "--by", "J Smith"
        ).exit_code
        == 0
    )
    assert run("export", "-o", str(out)).exit_code == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert len(data) == 13 and sum(a["status"] == "completed" for a in data) == 10
    listed = json.loads(run("list", "--format", "json").stdout)
    assert [{k: v for k, v in a.items() if k not in ("last_update", "status_in_plan")} for a in data] == listed
    four = next(a for a in data if a["id"] == "child-t/Riverside Health/4")
    assert four["cited_by"] == [{"kind": "recommendation", "number": "1"}]
    assert (four["status_text"], four["status_in_plan"]) == ("completed", "")  # typed by hand; the plan's cell
    assert (
        four["rag"],
        four["last_update"]["by"],
        four["last_update"]["from"],
        four["last_update"]["to"],
        four["last_update"]["evidence"],
        four["last_update"]["source"],
    ) == ("green", "J Smith", "open", "completed", "minutes", "manual")
    response = next(a for a in data if a["id"] == "child-t/Children's Services/response to R1 #1")
    assert response["cited_by"] == [{"kind": "reminder", "number": "1"}]


def test_markdown_a_table_per_agency_text_escaped(nasty: None, tmp_path: Path) -> None:
    out = tmp_path / "nasty.md"
    assert run("export", "-o", str(out)).exit_code == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[:8] == [
        "# nasty: nasty.md",
        "",
        "Every action as of 2026-01-15, completed ones included.",
        "",
        "## Police",
        "",
        "1 of 4 actions completed.",
        "",
    ]
    assert lines[8] == "| No. | Status | RAG | Due | Action | Outcome | Cited by | Last update |"
    assert lines[10] == (
        "| 1 | completed | green | - | =1+2 | +SUM(1,2) | Recommendation 1 | 2026-01-15 completed "
        "imported from nasty.md |"
    )
    assert lines[12].startswith(
        '| 3 | in-progress | green | - | =HYPERLINK("http://evil.example","click") | '
        "plain | Recommendation 1 | 2026-01-15 first / second\ufffdthird |"
    )


def test_markdown_of_the_sample_has_every_agency(imported: None, tmp_path: Path) -> None:
    out = tmp_path / "board.md"
    assert run("export", "--format", "markdown", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert [line[3:] for line in text.splitlines() if line.startswith("## ")] == AGENCIES
    assert text.count("| completed |") == 9


# -- the command line ----------------------------------------------------------------------------------------------


def test_help_has_an_example() -> None:
    for command in ("export", "report"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example: scrtool " in result.stdout, command


def test_loading_the_cli_imports_no_spreadsheet_or_template_module() -> None:
    probe = (
        "import sys; import scrtool.cli.app; print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'pandas', 'openpyxl', 'jinja2', 'numpy'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"
    names = {c.name or c.callback.__name__ for c in app.registered_commands if c.callback}
    assert {"export", "board", "report"} <= names
