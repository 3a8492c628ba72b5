"""Excel workbooks: the Infant Y plan kept as a partnership keeps it in Excel reads as its text does, and each quirk
of a workbook (merged cells, hidden sheets and rows, fills, keys, formulas, several tables) reads as a person sees
it."""

from __future__ import annotations

import importlib.util
import json
import re
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule
from openpyxl.styles import Color, PatternFill

from conftest import FIXTURES, run
from scrtool.parse import read_plan


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_xlsx", FIXTURES / "formats" / "make_xlsx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _answers(
    monkeypatch: pytest.MonkeyPatch, store: Path, path: Path
) -> tuple[str, list[dict[str, object]], dict[str, object]]:
    """Import ``path`` into its own store; the import's stderr, ``list --format json`` and ``trace 1 --format json``
    without their ``source`` keys."""
    monkeypatch.setenv("SCRTOOL_DB", str(store))
    imported = run("import", str(path))
    assert imported.exit_code == 0, imported.stderr
    listed = json.loads(run("list", "--format", "json").stdout)
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    for action in listed:
        del action["source"]
    del traced["recommendation"]["source"]
    for link in traced["links"]:
        for action in link["actions"]:
            del action["source"]
    for action in traced["responses"]:
        del action["source"]
    return imported.stderr, listed, traced


def test_infant_y_workbook_answers_as_its_text(infant_y: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    book = _generator().infant_y(infant_y.read_text(encoding="utf-8"), tmp_path / "infant-y.xlsx")
    _, text_list, text_trace = _answers(monkeypatch, tmp_path / "text.db", infant_y)
    warnings, book_list, book_trace = _answers(monkeypatch, tmp_path / "book.db", book)
    assert warnings == ""
    (cherwell,) = [action for action in book_list if action["agency"] == "Cherwell District Council"]
    assert (cherwell["status"], cherwell["status_text"]) == ("completed", "Completed (fill)")  # its fill, by the key
    cherwell["status_text"] = "Completed"
    assert book_list == text_list
    assert book_trace == text_trace
    shown = json.loads(run("trace", "1", "--format", "json").stdout)
    assert shown["recommendation"]["source"] == {"file": "infant-y.xlsx", "sheet": "Overview", "cell": "A5"}
    assert shown["links"][0]["actions"][0]["source"] == {
        "file": "infant-y.xlsx",
        "sheet": "Oxford Health",
        "cell": "A7",
    }
    assert read_plan(str(book)).report.title == (
        "Final recommendations from Infant Y Overview report Last updated: 01/03/2012"
    )  # the date cell read as the plan writes dates


# -- small workbooks, one quirk each ------------------------------------------------------------------------------

HEADER = ["No.", "Action", "Status"]


def _book(sheets: dict[str, Iterable[Sequence[object]]]) -> Workbook:
    """A workbook of one sheet per name, its rows from A1 (None: a blank cell)."""
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        ws = book.create_sheet(name)
        for row in rows:
            ws.append(row)
    return book


def _save(book: Workbook, tmp_path: Path, name: str = "plan.xlsx") -> str:
    path = tmp_path / name
    book.save(path)
    return str(path)


def _actions(path: str, *args: str) -> list[tuple[object, ...]]:
    """(agency, number, status, status_text) of each action of the report imported from ``path``."""
    result = run("import", path, *args)
    assert result.exit_code == 0, result.stderr
    report = args[args.index("--report") + 1] if "--report" in args else Path(path).stem
    return [
        (a["agency"], a["number"], a["status"], a["status_text"])
        for a in json.loads(run("list", "--report", report, "--format", "json").stdout)
    ]


def _fill(ws: Any, ref: str, colour: Color | str) -> None:
    ws[ref].fill = PatternFill("solid", fgColor=colour)


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_sheet_name_names_the_agency_and_header_need_not_be_on_row_1(tmp_path: Path) -> None:
    book = _book(
        {
            "Northshire Police": [["Northshire Police action plan"], [], HEADER, [1, "Brief officers", "Done"]],
            "Sheet2": [[], [None, "Riverside Health"], [None, *HEADER], [None, 1, "Audit", "Ongoing"]],
        }
    )
    path = _save(book, tmp_path)
    assert _actions(path) == [
        ("Northshire Police", "1", "completed", "Done"),
        ("Riverside Health", "1", "in-progress", "Ongoing"),
    ]
    listed = json.loads(run("list", "--format", "json").stdout)
    assert [a["source"] for a in listed] == [
        {"file": "plan.xlsx", "sheet": "Northshire Police", "cell": "A4"},
        {"file": "plan.xlsx", "sheet": "Sheet2", "cell": "B4"},
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_two_tables_on_a_sheet_with_a_title_row_above_each(tmp_path: Path) -> None:
    book = _book(
        {
            "Plan": [
                ["Northshire Police"],
                HEADER,
                [1, "Brief officers", "Done"],
                [2, "Audit", "Ongoing"],
                [],
                [],
                ["Riverside Health"],
                HEADER,
                [1, "Train midwives", "Not started"],
            ]
        }
    )
    assert _actions(_save(book, tmp_path)) == [
        ("Northshire Police", "1", "completed", "Done"),
        ("Northshire Police", "2", "in-progress", "Ongoing"),
        ("Riverside Health", "1", "not-started", "Not started"),
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_merged_cells_are_blank_continuations_not_copies(tmp_path: Path) -> None:
    book = _book(
        {
            "Plan": [
                ["Rec No.", "Recommendation", "Agency", "Action No."],
                [1, "Share information", "Northshire Police", "Action 1"],
                [None, None, "Riverside Health", "Action 2"],
                [2, "Audit escalation", "Riverside Health", "Action 1"],
                [],
                ["Northshire Police", "Action No", "Action", "Status"],
                ["Northshire Police", 1, "Brief officers", "Done"],
                [],
                ["Riverside Health", "Action No", "Action", "Status"],
                ["Riverside Health", 1, "Audit", "Done"],
                ["Riverside Health", 2, "Train", "Done"],
            ]
        }
    )
    ws = book["Plan"]
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:B3")
    ws.merge_cells("A10:A11")
    path = _save(book, tmp_path)
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    assert traced["recommendation"]["text"] == "Share information"  # once: the merged rows are not a copy of it
    assert [(link["agency"], link["refs"]) for link in traced["links"]] == [
        ("Northshire Police", ["1"]),
        ("Riverside Health", ["2"]),
    ]
    listed = json.loads(run("list", "--agency", "riverside", "--format", "json").stdout)
    assert [(a["lead"], a["number"]) for a in listed] == [("Riverside Health", "1"), ("Riverside Health", "2")]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_dates_are_read_as_a_plan_writes_them(tmp_path: Path) -> None:
    book = _book(
        {
            "Northshire Police": [
                [*HEADER, "Target date"],
                [1, "Brief officers", "Ongoing", datetime(2026, 3, 31)],
                [2, "Audit", "Ongoing", date(2025, 12, 1)],
            ]
        }
    )
    book["Northshire Police"]["D2"].number_format = "dd/mm/yyyy"
    path = _save(book, tmp_path)
    run("import", path)
    listed = json.loads(run("list", "--format", "json").stdout)
    assert [(a["target"], a["extra"]) for a in listed] == [
        ("2026-03-31", {"Target date": "31/03/2026"}),
        ("2025-12-01", {"Target date": "01/12/2025"}),
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_hidden_rows_are_data_and_hidden_sheets_are_not(tmp_path: Path) -> None:
    book = _book(
        {
            "Northshire Police": [HEADER, [1, "Brief officers", "Done"], [2, "Audit", "Ongoing"], [3, "Train", "Done"]],
            "Old plan": [HEADER, [9, "Old action", "Done"]],
            "Lists": [["Done"], ["Ongoing"]],
        }
    )
    book["Northshire Police"].row_dimensions[3].hidden = True
    book["Northshire Police"].row_dimensions[4].hidden = True
    book["Old plan"].sheet_state = "hidden"
    book["Lists"].sheet_state = "veryHidden"
    path = _save(book, tmp_path)
    result = run("import", path)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:workbook: warning: hidden sheets 'Old plan', 'Lists' not read as plan data (unhide a sheet, or name "
        "it with --sheet, to read it)\n"
        f"{path}:workbook: warning: hidden rows and columns are read as plan data: 'Northshire Police' rows 3-4\n"
    )
    assert [a["number"] for a in json.loads(run("list", "--format", "json").stdout)] == ["1", "2", "3"]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_sheet_option_reads_one_sheet_and_names_the_sheets_when_unknown(tmp_path: Path) -> None:
    book = _book(
        {
            "Northshire Police": [HEADER, [1, "Brief officers", "Done"]],
            "Riverside Health": [HEADER, [1, "Audit", "Ongoing"]],
        }
    )
    book["Riverside Health"].sheet_state = "hidden"
    path = _save(book, tmp_path)
    assert _actions(path, "--sheet", "riverside health") == [("Riverside Health", "1", "in-progress", "Ongoing")]
    result = run("import", path, "--sheet", "Plan", "--report", "other")
    assert result.exit_code == 3
    assert result.stderr == (
        f"scrtool: error: {path}: has no sheet named 'Plan' (--sheet); its sheets: 'Northshire "
        "Police', 'Riverside Health'\n"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_an_uncalculated_formula_is_refused_not_read_as_blank(tmp_path: Path) -> None:
    book = _book(
        {
            "Northshire Police": [
                HEADER,
                [1, "Brief officers", '=IF(1>0,"Done","Open")'],
                [2, "Audit", '=IF(1>0,"Done","Open")'],
            ]
        }
    )
    path = _save(book, tmp_path)  # openpyxl saves formulas without calculating them
    result = run("import", path)
    assert result.exit_code == 3
    assert result.stderr == (
        f"scrtool: error: {path}:sheet 'Northshire Police' cell C2: 2 formula cell(s) have no "
        "saved value (the file was written by a program that does not calculate them): open it "
        "in Excel or LibreOffice, save it, and import that\n"
    )
    assert run("reports").exit_code == 4  # no store yet: nothing was stored


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_formula_is_read_by_its_saved_value(tmp_path: Path) -> None:
    path = _save(_book({"Northshire Police": [HEADER, [1, "Brief officers", '=IF(1>0,"Done","Open")']]}), tmp_path)
    with zipfile.ZipFile(path) as archive:  # as Excel saves it: the formula and the value it had
        members = {name: archive.read(name) for name in archive.namelist()}
    sheet = "xl/worksheets/sheet1.xml"
    members[sheet] = re.sub(
        rb'<c r="C2"><f>IF\(1&gt;0,"Done","Open"\)</f>(?:<v ?/>|<v></v>)</c>',
        b'<c r="C2" t="str"><f>IF(1&gt;0,"Done","Open")</f><v>Done</v></c>',
        members[sheet],
    )
    # (openpyxl writes <v /> or, with lxml installed, <v></v>)
    assert b"<v>Done</v>" in members[sheet]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    assert _actions(path) == [("Northshire Police", "1", "completed", "Done")]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_conditional_formatting_is_reported_not_guessed(tmp_path: Path) -> None:
    book = _book({"Northshire Police": [HEADER, [1, "Brief officers", None]]})
    book["Northshire Police"].conditional_formatting.add(
        "C2:C40", CellIsRule(operator="equal", formula=['"Done"'], fill=PatternFill("solid", fgColor="00B050"))
    )
    path = _save(book, tmp_path)
    result = run("import", path)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:workbook: warning: colours of conditional formatting are not read (sheet "
        "'Northshire Police' C2:C40): a status shown only by such a colour is not recorded\n"
    )
    assert _actions(path) == [("Northshire Police", "1", "open", "")]


# -- fills --------------------------------------------------------------------------------------------------------


def _filled_plan(colours: list[Color | str | None], status: list[str | None] | None = None) -> Workbook:
    """Northshire Police's actions 1..N, each status cell blank (or ``status``) and filled in its colour."""
    texts = status or [None] * len(colours)
    book = _book(
        {"Northshire Police": [HEADER, *([n, f"Action {n}", texts[n - 1]] for n in range(1, len(colours) + 1))]}
    )
    for n, colour in enumerate(colours, 2):
        if colour is not None:
            _fill(book["Northshire Police"], f"C{n}", colour)
    return book


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_rgb_fills_by_hue_without_a_key(tmp_path: Path) -> None:
    book = _filled_plan(
        ["00B050", "FFC000", "FF0000", "0070C0", "C6EFCE", "FFFF00", None, "D9D9D9"],
        [None, None, None, None, None, None, None, "Not started"],
    )
    assert _actions(_save(book, tmp_path)) == [
        ("Northshire Police", "1", "in-progress", "Green (fill)"),
        ("Northshire Police", "2", "in-progress", "Amber (fill)"),
        ("Northshire Police", "3", "open", "Red (fill)"),
        ("Northshire Police", "4", "completed", "Blue (fill)"),
        ("Northshire Police", "5", "in-progress", "Green (fill)"),
        ("Northshire Police", "6", "in-progress", "Amber (fill)"),
        ("Northshire Police", "7", "open", ""),
        ("Northshire Police", "8", "not-started", "Not started"),
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_indexed_fills(tmp_path: Path) -> None:
    book = _filled_plan([Color(indexed=17), Color(indexed=52), Color(indexed=10), Color(indexed=64)])
    assert [row[3] for row in _actions(_save(book, tmp_path))] == ["Green (fill)", "Amber (fill)", "Red (fill)", ""]


THEME_2013 = {"accent2": "ED7D31", "accent6": "70AD47"}
"""Office 2013's theme: its accent 2 is orange and accent 6 green; openpyxl's (Office 2007's) are red and orange."""


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_theme_fills_are_read_from_the_workbooks_own_theme(tmp_path: Path) -> None:
    book = _filled_plan([Color(theme=5), Color(theme=9), Color(theme=5, tint=0.7999816888943144)])
    first = _actions(_save(book, tmp_path, "old.xlsx"))
    assert [row[3] for row in first] == ["Red (fill)", "Amber (fill)", "Red (fill)"]
    from openpyxl.writer.theme import theme_xml

    theme = theme_xml
    for slot, code in THEME_2013.items():
        theme = re.sub(rf"(<a:{slot}>\s*<a:srgbClr val=\")\w+", rf"\g<1>{code}", theme)
    book.loaded_theme = theme.encode()
    second = _actions(_save(book, tmp_path, "new.xlsx"), "--report", "new")
    assert [row[3] for row in second] == ["Amber (fill)", "Green (fill)", "Amber (fill)"]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_hidden_key_sheet_says_what_colours_mean(tmp_path: Path) -> None:
    book = _filled_plan(["92D050", "FFC000", "C00000", "00B050", "7030A0"])
    key = book.create_sheet("Colour key")
    key.sheet_state = "hidden"
    for row, (colour, meaning) in enumerate(
        [
            ("00B050", "Green - Complete"),
            ("92D050", "On track"),
            ("FFC000", "Slipping"),
            ("FF0000", "Not started"),
            ("7030A0", "Not agreed"),
        ],
        1,
    ):
        _fill(key, f"A{row}", colour)
        key.cell(row, 2, meaning)
    path = _save(book, tmp_path)
    result = run("import", path)
    assert result.exit_code == 0
    assert result.stderr == (
        f"{path}:sheet 'Northshire Police' cell A3: warning: status 'Slipping (fill)' is not a "
        "known status word; read as open (1 row, first at sheet 'Northshire Police' cell A3)\n"
    )
    assert _actions(path)[:5] == [
        ("Northshire Police", "1", "in-progress", "On track (fill)"),
        ("Northshire Police", "2", "open", "Slipping (fill)"),
        ("Northshire Police", "3", "not-started", "Not started (fill)"),  # dark red: the key's red
        ("Northshire Police", "4", "completed", "Complete (fill)"),  # the key's green means complete
        ("Northshire Police", "5", "not-accepted", "Not agreed (fill)"),
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_key_block_on_the_plan_sheet_is_read_and_left_out_of_the_table(tmp_path: Path) -> None:
    book = _filled_plan(["00B050", "FF0000"])
    ws = book["Northshire Police"]
    ws["F1"] = "Key"
    for row, (colour, meaning) in enumerate([("00B050", "Completed"), ("FF0000", "Overdue")], 2):
        _fill(ws, f"F{row}", colour)
        ws.cell(row, 6, meaning)
    path = _save(book, tmp_path)
    result = run("import", path)
    assert result.stderr == ""
    assert _actions(path) == [
        ("Northshire Police", "1", "completed", "Completed (fill)"),
        ("Northshire Police", "2", "overdue", "Overdue (fill)"),
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_key_title_over_a_grey_header_is_no_key(tmp_path: Path) -> None:
    book = _book({"Northshire Police": [["Key"], HEADER, [1, "Brief officers", "Done"]]})
    for column in "ABC":
        _fill(book["Northshire Police"], f"{column}2", "D9D9D9")
    assert _actions(_save(book, tmp_path)) == [("Northshire Police", "1", "completed", "Done")]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_whole_row_filled_states_the_status_of_a_table_with_no_status_column(tmp_path: Path) -> None:
    book = _book({"Northshire Police": [["No.", "Action"], [1, "Brief officers"], [2, "Audit"], [3, "Train"]]})
    ws = book["Northshire Police"]
    for ref, colour in (("A2", "00B050"), ("B2", "00B050"), ("A3", "FF0000"), ("B3", "FF0000"), ("A4", "00B050")):
        _fill(ws, ref, colour)
    assert [row[3] for row in _actions(_save(book, tmp_path))] == ["Green (fill)", "Red (fill)", ""]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
@pytest.mark.parametrize("colours", [["DDEBF7"] * 3, ["DDEBF7", None] * 2, ["DDEBF7", "FFFFFF"] * 2])
def test_a_colour_on_every_row_or_every_other_row_is_styling(tmp_path: Path, colours: list[str | None]) -> None:
    rows = [[n, f"Action {n}", None] for n in range(1, len(colours) + 1)]
    book = _book({"Northshire Police": [HEADER, *rows]})
    for row, colour in enumerate(colours, 2):
        for column in "ABC":
            if colour is not None:
                _fill(book["Northshire Police"], f"{column}{row}", colour)
    assert {row[3] for row in _actions(_save(book, tmp_path))} == {""}


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_status_words_in_the_row_say_more_than_a_fill(tmp_path: Path) -> None:
    book = _book(
        {
            "Northshire Police": [
                ["No.", "Action", "RAG", "Progress"],
                [1, "Brief officers", None, "Not started: no funding"],
                [2, "Audit", None, "Meeting held"],
            ]
        }
    )
    _fill(book["Northshire Police"], "C2", "FF0000")
    _fill(book["Northshire Police"], "C3", "FF0000")
    assert _actions(_save(book, tmp_path)) == [
        ("Northshire Police", "1", "not-started", "Red (fill)"),
        ("Northshire Police", "2", "open", "Red (fill)"),
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_colours_that_mean_nothing_here_are_reported(tmp_path: Path) -> None:
    book = _filled_plan(["7030A0", "FF66FF", "00B050"])
    path = _save(book, tmp_path)
    result = run("import", path)
    assert result.stderr == (
        f"{path}:workbook: warning: 2 blank cell(s) filled in a colour that is not red, amber, "
        "green or blue and not in a colour key (purple; first at sheet 'Northshire Police' cell "
        "C2): not read as a status\n"
    )


# -- bad workbooks: one line, exit 3, nothing stored --------------------------------------------------------------


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_truncated_workbook(tmp_path: Path) -> None:
    whole = Path(_save(_filled_plan(["00B050"]), tmp_path)).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(whole[: len(whole) // 2])
    result = run("import", str(path))
    assert result.exit_code == 3
    assert result.stderr == (
        f"scrtool: error: {path}: is a damaged or truncated zip file (a Word or Excel "
        "document?): open it and save it again\n"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_damaged_sheet(tmp_path: Path) -> None:
    path = _save(_filled_plan(["00B050"]), tmp_path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"][:300]
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = run("import", path)
    assert result.exit_code == 3
    assert result.stderr == (
        f"scrtool: error: {path}: is a damaged Excel workbook (ParseError): open it in Excel and save it again\n"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_zip_bomb_is_judged_by_its_unpacked_size(tmp_path: Path) -> None:
    path = _save(_filled_plan(["00B050"]), tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/padding.bin", b"\0" * 3_000_000)
    assert Path(path).stat().st_size < 1_000_000
    result = run("import", path, "--max-size", "1000000")
    assert result.exit_code == 3
    unpacked = sum(info.file_size for info in zipfile.ZipFile(path).infolist())
    assert result.stderr == (
        f"scrtool: error: {path}: unpacks to {unpacked:,} bytes, over the 1,000,000-byte limit (see --max-size)\n"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_workbook_too_big_to_hold_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrtool.parse.formats import xlsx

    monkeypatch.setattr(xlsx, "MAX_CELLS", 8)
    path = _save(_filled_plan(["00B050"] * 3), tmp_path)
    result = run("import", path)
    assert result.exit_code == 3
    assert result.stderr == (
        f"scrtool: error: {path}: holds more than the 8 cells scrtool reads from a workbook: "
        "save the plan's sheets alone as a workbook or as CSV, and import that\n"
    )


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SHEET_XML = (
    f'<worksheet xmlns="{MAIN}"><sheetData>'
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'
    '<row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>3</v></c><c r="C2" t="s"><v>4</v></c></row>'
    '<row><c><v>2</v></c><c t="inlineStr"><is><r><t xml:space="preserve">Audit </t></r><r><rPr><b/></rPr>'
    '<t>records</t></r></is></c><c t="b"><v>1</v></c></row>'
    '<row r="5"><c r="A5"><v>3</v></c><c r="B5" t="str"><f>"Train"</f><v>Train</v></c>'
    '<c r="C5" t="e"><v>#N/A</v></c></row></sheetData></worksheet>'
)
STRINGS_XML = (
    f'<sst xmlns="{MAIN}" count="5" uniqueCount="5"><si><t>No.</t></si><si><t>Action</t></si>'
    '<si><t>Status</t></si><si><t xml:space="preserve">Brief  officers </t></si>'
    '<si><r><t>Done</t></r><r><rPr><i/></rPr><t xml:space="preserve"> - March</t></r></si></sst>'
)


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_cells_as_excel_writes_them(tmp_path: Path) -> None:
    """Shared strings (rich text too), a row and cells with no reference, a boolean, a formula's saved text, an
    error value: as Excel and other programs write them (openpyxl writes inline strings only)."""
    path = _save(_book({"Northshire Police": [["x"]]}), tmp_path)
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = SHEET_XML.encode()
    members["xl/sharedStrings.xml"] = STRINGS_XML.encode()
    members["[Content_Types].xml"] = members["[Content_Types].xml"].replace(
        b"</Types>",
        (
            b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            b'spreadsheetml.sharedStrings+xml"/></Types>'
        ),
    )
    members["xl/_rels/workbook.xml.rels"] = members["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        (
            b'<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
            b'Target="sharedStrings.xml" Id="rId9"/></Relationships>'
        ),
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    listed = json.loads(run("list", "--format", "json").stdout)
    assert [(a["number"], a["text"], a["status_text"], a["source"]["cell"]) for a in listed] == [
        ("1", "Brief officers", "Done - March", "A2"),
        ("2", "Audit records", "TRUE", "A3"),
        ("3", "Train", "#N/A", "A5"),
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_binary_workbook_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")
    result = run("import", str(path))
    assert result.exit_code == 3
    assert result.stderr == f"scrtool: error: {path}: is a binary Excel workbook (.xlsb): save it as .xlsx first\n"
