"""The quarterly return cycle (issue 15): workbooks issued to agencies, filled with openpyxl as an agency would, and
applied back as history."""

from __future__ import annotations

import json
import os
import re
import stat
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import SAMPLES, run, table_rows

SAMPLE = SAMPLES / "child-t.md"
pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL
CS, RH, NP = "Children's Services", "Riverside Health", "Northshire Police"
HEADERS = (
    "Ref",
    "Recommendation",
    "Action",
    "Outcome",
    "Current status",
    "Current RAG",
    "Due",
    "Last update",
    "New status",
    "RAG",
    "Progress note",
    "Evidence",
    "Revised target date",
    "Reason for new date",
    "Updated by",
    "Updated on",
)


@pytest.fixture
def issued(tmp_path: Path) -> Path:
    assert run("import", str(SAMPLE)).exit_code == 0
    result = run("returns", "issue", "-o", str(tmp_path / "out"))
    assert (result.exit_code, result.stdout) == (
        0,
        f"wrote {tmp_path}/out/{CS}.xlsx: 2 action(s) of {CS}\n"
        f"wrote {tmp_path}/out/{NP}.xlsx: 1 action(s) of {NP}\n"
        f"wrote {tmp_path}/out/{RH}.xlsx: 1 action(s) of {RH}\n",
    )
    return tmp_path / "out"


def fill(
    book: Path, answers: dict[str, dict[str, object]], to: Path, strip: bool = False, reverse: bool = False
) -> str:
    """Fill a return as an agency would: the answers by Ref and header, saved to ``to``."""
    wb = openpyxl.load_workbook(book)
    ws = wb["Return"]
    header = [c.value for c in ws[7]]
    for row in ws.iter_rows(min_row=8):
        for heading, value in answers.get(str(row[0].value), {}).items():
            row[header.index(heading)].value = value
    if reverse:  # sorted the other way, as a person may: rows moved, columns found by header
        rows = [[c.value for c in r] for r in ws.iter_rows(min_row=8)]
        for r, values in zip(ws.iter_rows(min_row=8), reversed(rows), strict=True):
            for c, v in zip(r, values, strict=True):
                c.value = v
    if strip:
        del wb["scrtool"]
    wb.save(to)
    return os.fspath(to)


def history(agency: str, number: str) -> list[tuple[Any, ...]]:
    result = run("history", agency, number, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [
        (
            e["on"],
            e["source"],
            e["by"],
            e["from"],
            e["to"],
            e["due"],
            e["reason"],
            e["note"],
            e["evidence"],
            e["rag"],
            e["rag_reason"],
        )
        for e in json.loads(result.stdout)["history"]
    ]


def test_issue_writes_one_protected_workbook_per_agency(issued: Path) -> None:
    assert stat.S_IMODE(os.stat(issued).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(issued / f"{RH}.xlsx").st_mode) == 0o600
    wb = openpyxl.load_workbook(issued / f"{RH}.xlsx")
    assert wb.sheetnames == ["Return", "scrtool"]
    assert wb["scrtool"].sheet_state == "veryHidden"
    ws = wb["Return"]
    assert ws["A1"].value == f"Quarterly return: {RH}"
    assert (ws["A2"].value, ws["B2"].value) == ("Issued on", datetime(2026, 1, 15))
    assert ws["A3"].value.startswith("Fill the columns headed New status")
    assert tuple(c.value for c in ws[7]) == HEADERS
    row = [c.value for c in ws[8]]
    assert row[:8] == [
        "child-t/Riverside Health/4",
        "1. All agencies must make sure that when a parent has a "
        "diagnosed mental illness, the safety of the children in the household is assessed and "
        "shared with the GP and health visitor",
        "Audit the maternal mental health pathway and report to the Board by December 2025.",
        "Early identification of maternal mental health needs.",
        "open",
        "red",
        datetime(2025, 12, 31),
        datetime(2026, 1, 15),
    ]
    assert ws.protection.sheet and not ws.protection.password
    assert ws["A8"].protection.locked and ws["G8"].protection.locked and ws["G8"].fill.fgColor.rgb == "00EDEDED"
    assert all(ws.column_dimensions[letter].fill.fgColor.rgb == "00EDEDED" for letter in "ABCDEFGH")
    answers = [ws.column_dimensions[letter] for letter in "IJKLMNOP"]  # whole columns: a cell typed in takes it
    assert all(not column.protection.locked for column in answers)
    assert (answers[4].number_format, answers[7].number_format) == ("DD/MM/YYYY", "DD/MM/YYYY")
    rules = {str(v.sqref): (v.type, v.formula1) for v in ws.data_validations.dataValidation}
    assert rules["I8"] == ("list", '"completed,in-progress,not-started,overdue,not-accepted,open"')
    assert rules["J8"] == ("list", '"red,amber,green,blue"')
    assert rules["M8"][0] == rules["P8"][0] == "date"
    record = list(wb["scrtool"].iter_rows(values_only=True))
    assert record[0][0] == "scrtool return v1" and record[0][2] == RH
    assert record[2][:5] == ("child-t/Riverside Health/4", "child-t", "open", "2025-12-31", "2026-01-15")


def test_the_current_rag_issued_is_the_one_shown_a_judgement_if_there_is_one(tmp_path: Path) -> None:
    """`list` shows an action's RAG judgement (DECISIONS: the latest judgement, else the rule); the return's Current
    RAG cell showed the rule's (green where the board had judged amber)."""
    assert run("import", str(SAMPLE)).exit_code == 0
    judged = run("update", CS, "2.2", "--rag", "red", "--rag-reason", "no staff for the audit")
    assert judged.exit_code == 0, judged.stderr
    assert run("returns", "issue", "-o", str(tmp_path / "out"), "--agency", CS).exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "out" / f"{CS}.xlsx")["Return"]
    rows = {row[0]: row[5] for row in ws.iter_rows(min_row=8, values_only=True)}
    listed = json.loads(run("list", "--agency", CS, "--format", "json").stdout)
    assert rows == {a["id"]: a["rag"] for a in listed if a["status"] != "completed"}
    assert rows[f"child-t/{CS}/2.2"] == "red"


def test_issue_choices_due_within_all_and_agency(tmp_path: Path) -> None:
    assert run("import", str(SAMPLE)).exit_code == 0
    soon = run("returns", "issue", "--due-within", "30", "-o", str(tmp_path / "soon"))
    assert soon.stdout == (
        f"wrote {tmp_path}/soon/{CS}.xlsx: 1 action(s) of {CS}\n"  # 2.2 due 31 January; not 3 (June)
        f"wrote {tmp_path}/soon/{RH}.xlsx: 1 action(s) of {RH}\n"
    )  # overdue
    every = run("returns", "issue", "--all", "--agency", "Northshire", "-o", str(tmp_path / "all"))
    assert every.stdout == f"wrote {tmp_path}/all/{NP}.xlsx: 2 action(s) of {NP}\n"


def test_apply_records_one_history_entry_per_action_as_update_would(issued: Path, tmp_path: Path) -> None:
    book = fill(
        issued / f"{CS}.xlsx",
        {
            "child-t/Children's Services/2.2": {
                "New status": "Completed",
                "Progress note": "Views collated",
                "Evidence": "audit.pdf",
                "Updated by": "A Person",
                "Updated on": date(2026, 1, 10),
            },
            "child-t/Children's Services/3": {
                "RAG": "amber",
                "Revised target date": "30/09/2026",
                "Reason for new date": "staff shortage",
            },
        },
        tmp_path / "cs.xlsx",
    )
    result = run("returns", "apply", book)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "cs.xlsx: recorded 2 update(s)\n",
        "",
    ) or result.stdout.endswith("cs.xlsx: recorded 2 update(s)\n")
    assert history(CS, "2.2")[-1] == (
        "2026-01-10",
        "return",
        "A Person",
        "not-started",
        "completed",
        None,
        None,
        "Views collated",
        "audit.pdf",
        None,
        None,
    )
    assert history(CS, "3")[-1] == (
        "2026-01-15",
        "return",
        CS,
        None,
        None,
        "2026-09-30",
        "staff shortage",
        None,
        None,
        "amber",
        "the agency's own judgement, in its return",
    )
    again = run("returns", "apply", book)
    assert (again.exit_code, again.stdout) == (0, f"{book}: nothing new: its 2 answer(s) were applied before\n")
    assert len(history(CS, "3")) == 2
    status = run("returns", "status", "--format", "json")
    assert json.loads(status.stdout) == [
        {
            "agency": CS,
            "issued_on": "2026-01-15",
            "returned_on": "2026-01-15",
            "rows": 2,
            "answered": 2,
            "outstanding": 0,
            "conflicts": 0,
        },
        {
            "agency": NP,
            "issued_on": "2026-01-15",
            "returned_on": None,
            "rows": 1,
            "answered": 0,
            "outstanding": 1,
            "conflicts": 0,
        },
        {
            "agency": RH,
            "issued_on": "2026-01-15",
            "returned_on": None,
            "rows": 1,
            "answered": 0,
            "outstanding": 1,
            "conflicts": 0,
        },
    ]
    table = run("returns", "status", "--format", "table")
    cells = [re.split(r"\s{2,}", line.strip()) for line in table.stdout.splitlines()]
    assert cells[0] == ["Agency", "Issued", "Returned", "Rows", "Answered", "Outstanding", "Conflicts"]
    assert cells[2] == [CS, "2026-01-15", "2026-01-15", "2", "2", "0", "0"]


def test_dry_run_prints_and_changes_nothing(issued: Path, tmp_path: Path) -> None:
    book = fill(
        issued / f"{RH}.xlsx", {"child-t/Riverside Health/4": {"New status": "in progress"}}, tmp_path / "rh.xlsx"
    )
    result = run("returns", "apply", book, "--dry-run")
    assert result.stdout == (
        f"{book}: Return!A8: would record {RH} 4: in-progress (by {RH} on the day applied)\n"
        f"{book}: would record 1 update(s)\n"
    )
    assert len(history(RH, "4")) == 1


def test_a_bad_cell_stops_its_file_and_not_the_others(issued: Path, tmp_path: Path) -> None:
    bad = fill(
        issued / f"{CS}.xlsx",
        {
            "child-t/Children's Services/2.2": {"New status": "done", "Updated on": "soon"},
            "child-t/Children's Services/3": {"Revised target date": date(2026, 9, 30), "Action": "edited"},
        },
        tmp_path / "cs.xlsx",
    )
    good = fill(
        issued / f"{RH}.xlsx", {"child-t/Riverside Health/4": {"New status": "in-progress"}}, tmp_path / "rh.xlsx"
    )
    result = run("returns", "apply", bad, good)
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"scrtool: error: {bad}: Return!I8: New status 'done' is not one of: completed, in-progress, not-started, "
        "overdue, not-accepted, open",
        f"scrtool: error: {bad}: Return!C9: the Action cell was changed; the grey columns are read-only (they say "
        "what was issued): put it back as it was, or write in the columns that are yours",
        f"scrtool: error: {bad}: 2 problem(s); nothing from this file was applied",
        "scrtool: error: 1 of 2 file(s) not applied (see above); the others were applied",
    ]
    assert result.stdout == f"{good}: recorded 1 update(s)\n"
    assert [h[1] for h in history(CS, "2.2")] == ["import"]
    assert history(RH, "4")[-1][1:5] == ("return", RH, "open", "in-progress")


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"Updated on": "soon", "Progress note": "x"}, "Return!P8: Updated on 'soon' is not a date (e.g. 31/03/2027)"),
        ({"Revised target date": date(2026, 9, 30)}, "Return!M8: a Revised target date needs a Reason for new date"),
        (
            {"Progress note": "x", "Updated on": date(2026, 2, 1)},
            "Return!P8: Updated on 2026-02-01 is in the future (today is 2026-01-15); record what has happened",
        ),
        (
            {"Ref": "child-t/Riverside Health/99", "Progress note": "x"},
            "Return!A8: Ref 'child-t/Riverside Health/99' is not an action in the store",
        ),
    ],
)
def test_each_bad_cell_is_named(issued: Path, tmp_path: Path, answers: dict[str, object], message: str) -> None:
    book = fill(issued / f"{RH}.xlsx", {"child-t/Riverside Health/4": answers}, tmp_path / "rh.xlsx")
    result = run("returns", "apply", book)
    assert (result.exit_code, result.stderr.splitlines()[0]) == (3, f"scrtool: error: {book}: {message}")
    assert len(history(RH, "4")) == 1


def test_a_conflict_is_held_back_with_both_values_and_forced(issued: Path, tmp_path: Path) -> None:
    assert run("update", RH, "4", "--status", "in-progress", "--by", "J Smith").exit_code == 0
    book = fill(
        issued / f"{RH}.xlsx",
        {"child-t/Riverside Health/4": {"New status": "completed", "Evidence": "audit"}},
        tmp_path / "rh.xlsx",
    )
    held = run("returns", "apply", book)
    line = (
        f"{book}: Return!A8: conflict: {RH} 4 was changed after the return was issued (an update by hand on "
        f"2026-01-15 by J Smith): the store says in-progress, due 2025-12-31; the return says {RH} 4: completed, "
        f"evidence 'audit' (by {RH} on the day applied); "
    )
    assert held.stderr == f"scrtool: warning: {line}not applied (--force applies it)\n"
    assert held.stdout == f"{book}: recorded 0 update(s); 1 conflict(s) not applied (--force applies them)\n"
    assert history(RH, "4")[-1][1] == "manual"
    assert json.loads(run("returns", "status", "--format", "json").stdout)[2]["conflicts"] == 1
    forced = run("returns", "apply", book, "--force")
    assert forced.stderr == f"scrtool: warning: {line}applied anyway (--force)\n"
    assert history(RH, "4")[-1][1:5] == ("return", RH, "in-progress", "completed")


def test_a_second_return_is_an_update_not_a_conflict(issued: Path, tmp_path: Path) -> None:
    ref = "child-t/Riverside Health/4"
    first = fill(issued / f"{RH}.xlsx", {ref: {"New status": "in-progress"}}, tmp_path / "a.xlsx")
    second = fill(issued / f"{RH}.xlsx", {ref: {"New status": "completed", "Evidence": "x"}}, tmp_path / "b.xlsx")
    assert run("returns", "apply", first).exit_code == 0
    result = run("returns", "apply", second)
    assert (result.stdout, result.stderr) == (f"{second}: recorded 1 update(s)\n", "")
    assert [h[4] for h in history(RH, "4")] == ["open", "in-progress", "completed"]


def test_a_resaved_workbook_without_its_record_applies_by_ref(issued: Path, tmp_path: Path) -> None:
    answers: dict[str, dict[str, object]] = {
        "child-t/Children's Services/2.2": {"Progress note": "on track"},
        "child-t/Children's Services/3": {"New status": "overdue"},
    }
    book = fill(issued / f"{CS}.xlsx", answers, tmp_path / "cs.xlsx", strip=True, reverse=True)
    assert run("update", CS, "3", "--note", "chased", "--date", "2026-01-16").exit_code == 2  # the future
    assert run("update", CS, "3", "--note", "chased").exit_code == 0  # same day as Last update: not after it
    result = run("returns", "apply", book)
    assert (result.stdout, result.stderr) == (f"{book}: recorded 2 update(s)\n", "")
    assert history(CS, "3")[-1][1:5] == ("return", CS, "in-progress", "overdue")
    assert history(CS, "2.2")[-1][7] == "on track"


def test_a_resaved_workbook_is_judged_by_its_last_update_date(issued: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(issued / f"{RH}.xlsx")
    wb["Return"]["H8"].value = datetime(2026, 1, 1)  # as if issued on 1 January, before the update below
    wb["Return"]["I8"].value = "completed"
    del wb["scrtool"]
    wb.save(tmp_path / "rh.xlsx")
    assert run("update", RH, "4", "--note", "chased", "--date", "2026-01-05").exit_code == 0
    result = run("returns", "apply", os.fspath(tmp_path / "rh.xlsx"))
    assert "conflict" in result.stderr and "(an update by hand on 2026-01-05)" in result.stderr


def test_formula_text_is_stored_as_text_and_stays_inert(issued: Path, tmp_path: Path) -> None:
    formula = '=HYPERLINK("http://example.com","click")'
    book = fill(issued / f"{RH}.xlsx", {"child-t/Riverside Health/4": {"Progress note": formula}}, tmp_path / "rh.xlsx")
    assert run("returns", "apply", book).exit_code == 0
    assert history(RH, "4")[-1][7] == formula
    assert run("export", "-o", str(tmp_path / "e.csv")).exit_code == 0
    assert "'" + formula.replace('"', '""') in (tmp_path / "e.csv").read_text(encoding="utf-8-sig")
    assert run("export", "-o", str(tmp_path / "e.xlsx")).exit_code == 0
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx")[RH]
    cells = [c for row in ws.iter_rows() for c in row if c.value == formula]
    assert cells and all(c.data_type == "s" and c.quotePrefix for c in cells)
    heads = [c.value for c in ws[1]]
    row = next(
        r for r in ws.iter_rows(min_row=2, values_only=True) if r[heads.index("Id")] == "child-t/Riverside Health/4"
    )
    assert row[heads.index("Update source")] == "return"
    assert run("board", "-o", str(tmp_path / "r.html"), "--since", "2026-01-01").exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<td>return</td>" in page  # the changes since: this update came from a return
    assert "=HYPERLINK(&#34;http://example.com&#34;,&#34;click&#34;)" in page and "<a " not in page


def test_the_csv_saved_from_a_return_applies(issued: Path, tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(issued / f"{RH}.xlsx")
    rows = [
        ["" if v is None else v.strftime("%d/%m/%Y") if isinstance(v, datetime) else str(v) for v in row]
        for row in wb["Return"].iter_rows(values_only=True)
    ]
    rows[7][8] = "in-progress"
    import csv

    with open(tmp_path / "rh.csv", "w", newline="", encoding="utf-8-sig") as handle:
        csv.writer(handle).writerows(rows)
    result = run("returns", "apply", str(tmp_path / "rh.csv"))
    assert (result.exit_code, result.stdout) == (0, f"{tmp_path}/rh.csv: recorded 1 update(s)\n")


def test_not_a_return_and_a_password_protected_file_are_one_line(issued: Path, tmp_path: Path) -> None:
    plain = tmp_path / "plain.xlsx"
    wb = openpyxl.Workbook()
    wb.active.append(["Agency", "Status"])
    wb.save(plain)
    locked = tmp_path / "locked.xlsx"
    locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 500 + "EncryptionInfo".encode("utf-16-le"))
    result = run("returns", "apply", str(plain), str(locked))
    assert result.exit_code == 3
    assert result.stderr.splitlines() == [
        f"scrtool: error: {plain}: is not a return: no sheet has a header row with Ref and New status (make "
        "returns with scrtool returns issue)",
        f"scrtool: error: {locked}: is a password-protected workbook: open it, remove the password (File > Info "
        "> Protect Workbook), save it, and apply that",
        "scrtool: error: 2 of 2 file(s) not applied (see above)",
    ]


def test_a_50000_row_return_is_bounded(issued: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Return")
    ws.append(list(HEADERS))
    ws.append(["child-t/Riverside Health/4", "", "", "", "", "", None, None, "completed"])
    for n in range(49_999):
        ws.append([f"child-t/Nobody/{n}", "", "", "", "", "", None, None, "completed"])
    wb.save(tmp_path / "big.xlsx")
    result = run("returns", "apply", str(tmp_path / "big.xlsx"))  # streamed: read row by row, never held whole
    lines = result.stderr.splitlines()
    assert (result.exit_code, len(lines)) == (3, 21)
    assert (
        lines[0] == f"scrtool: error: {tmp_path}/big.xlsx: Return!A2: the Ref does not match its row: the row's "
        "Action is empty but 'child-t/Riverside Health/4' is 'Audit the maternal mental health pathway and report to "
        "th...'; put back the Ref the row was issued with"
    )
    assert (
        lines[1] == f"scrtool: error: {tmp_path}/big.xlsx: Return!A3: Ref 'child-t/Nobody/0' is not an action in "
        "the store"
    )
    assert (
        lines[-1] == f"scrtool: error: {tmp_path}/big.xlsx: 50,000 problem(s) (49,980 more not shown); nothing "
        "from this file was applied"
    )


def test_a_return_from_another_store_is_one_line(issued: Path, tmp_path: Path) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Return")
    ws.append(list(HEADERS))
    for n in range(1, 12):
        ws.append([f"iy/Oxford Health/{n}", "", "", "", "", "", None, None, "completed"])
    wb.save(tmp_path / "other.xlsx")
    result = run("returns", "apply", str(tmp_path / "other.xlsx"))
    assert (result.exit_code, result.stderr) == (
        3,
        f"scrtool: error: {tmp_path}/other.xlsx: none of its 11 Ref(s) is an action in this store ('iy/Oxford "
        "Health/1' is not): a return is applied to the store it was issued from (--db); nothing from this file "
        "was applied\n",
    )


def test_returns_with_an_empty_store_and_no_returns(tmp_path: Path) -> None:
    result = run("returns", "status")
    assert (result.exit_code, result.stderr) == (
        4,
        "scrtool: error: no store yet at " + os.environ["SCRTOOL_DB"] + "; import a plan first\n",
    ) or result.exit_code == 4
    assert run("import", str(SAMPLE)).exit_code == 0
    none = run("returns", "status")
    assert (none.exit_code, none.stdout, none.stderr) == (
        0,
        "",
        "no returns issued yet (scrtool returns issue -o FOLDER)\n",
    )


def test_a_zip_bomb_is_refused_before_anything_is_unpacked(tmp_path: Path) -> None:
    import zipfile

    assert run("import", str(SAMPLE)).exit_code == 0
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * 2_000_000)
    result = run("returns", "apply", str(bomb), "--max-size", "1000000")
    assert (result.exit_code, result.stderr) == (
        3,
        f"scrtool: error: {bomb}: unpacks to 2,000,011 bytes, over the 1,000,000-byte limit (see --max-size)\n",
    )


def test_a_forced_answer_says_so_in_the_actions_history_and_exports(issued: Path, tmp_path: Path) -> None:
    assert run("update", RH, "4", "--status", "in-progress", "--by", "J Smith").exit_code == 0
    book = fill(issued / f"{RH}.xlsx", {"child-t/Riverside Health/4": {"Progress note": "re-audited"}}, tmp_path / "rh")
    assert run("returns", "apply", book, "--force").exit_code == 0
    entries = json.loads(run("history", RH, "4", "--format", "json").stdout)["history"]
    over = "an update by hand on 2026-01-15 by J Smith"
    assert [(e["source"], e["forced"]) for e in entries] == [("import", None), ("manual", None), ("return", over)]
    shown = table_rows(run("history", RH, "4").stdout)
    assert shown[-1] == [
        "h3",
        "2026-01-15",
        "2026-01-15",
        "return (forced)",
        RH,
        "-",
        f"re-audited; applied with --force over {over}",
    ]
    assert run("export", "-o", str(tmp_path / "e.xlsx")).exit_code == 0
    wb = openpyxl.load_workbook(tmp_path / "e.xlsx")
    heads = [c.value for c in wb["History"][1]]
    rows = [dict(zip(heads, r, strict=True)) for r in wb["History"].iter_rows(min_row=2, values_only=True)]
    forced = [(r["Source"], r["Forced over"]) for r in rows if r["Action id"] == "child-t/Riverside Health/4"]
    assert forced == [("import", None), ("manual", None), ("return (forced)", over)]
    mine = next(r for r in wb[RH].iter_rows(values_only=True) if r[-1] == "child-t/Riverside Health/4")
    assert "return (forced)" in mine
    assert run("board", "-o", str(tmp_path / "r.html"), "--since", "2026-01-01").exit_code == 0
    assert "<td>return (forced)</td>" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_return_saved_without_its_xlsx_extension_still_applies(issued: Path, tmp_path: Path) -> None:
    """A mail client may save an attachment as ``return`` or ``return.xlsx.download``: judged by its content."""
    book = fill(issued / f"{RH}.xlsx", {"child-t/Riverside Health/4": {"New status": "in-progress"}}, tmp_path / "rh")
    result = run("returns", "apply", book)
    assert (result.exit_code, result.stdout, result.stderr) == (0, f"{book}: recorded 1 update(s)\n", "")


def test_a_ref_edited_to_another_known_action_is_caught(issued: Path, tmp_path: Path) -> None:
    cs2, cs3 = "child-t/Children's Services/2.2", "child-t/Children's Services/3"
    typed = fill(issued / f"{CS}.xlsx", {cs2: {"Ref": cs3, "New status": "completed", "Evidence": "x"}}, tmp_path / "a")
    result = run("returns", "apply", typed)  # a neighbour's id typed over the Ref: its row is 2.2's as issued
    assert result.stderr.splitlines()[0] == (
        f"scrtool: error: {typed}: Return!A8: the Ref was changed: this row was issued for {cs2!r}, not {cs3!r} "
        f"(its grey cells are {cs2!r}'s); put the Ref back as it was"
    )
    other = fill(
        issued / f"{RH}.xlsx", {"child-t/Riverside Health/4": {"Ref": cs3, "Progress note": "x"}}, tmp_path / "b"
    )
    result = run("returns", "apply", other)  # another agency's action: not in this return, judged by the store
    assert result.stderr.splitlines()[0] == (
        f"scrtool: error: {other}: Return!A8: the Ref does not match its row: the row's Action is 'Audit the "
        f"maternal mental health pathway and report to th...' but {cs3!r} is "
        f"{_text(cs3)!r}; put back the Ref the row was issued with"
    )
    assert result.exit_code == 3
    assert [len(history(CS, n)) for n in ("2.2", "3")] == [1, 1] and len(history(RH, "4")) == 1


def test_a_ref_edited_in_a_workbook_without_its_record_is_judged_by_the_store(issued: Path, tmp_path: Path) -> None:
    cs2, cs3 = "child-t/Children's Services/2.2", "child-t/Children's Services/3"
    book = fill(
        issued / f"{CS}.xlsx",
        {cs2: {"Ref": cs3, "Progress note": "x"}, cs3: {"Progress note": "y"}},
        tmp_path / "cs.xlsx",
        strip=True,
    )
    result = run("returns", "apply", book)
    assert result.exit_code == 3
    assert result.stderr.splitlines()[0] == (
        f"scrtool: error: {book}: Return!A8: the Ref does not match its row: the row's Action is "
        f"{_text(cs2)[:57] + '...'!r} but {cs3!r} is {_text(cs3)!r}; put back the Ref the row was issued with"
    )
    assert [len(history(CS, n)) for n in ("2.2", "3")] == [1, 1]


def _text(ref: str) -> str:
    shown = json.loads(run("list", "--format", "json").stdout)
    return str(next(a["text"] for a in shown if a["id"] == ref))


def test_one_agencys_return_holds_the_actions_it_shares(infant_y: Path, tmp_path: Path) -> None:
    """``--agency`` is one workbook: PCT/Oxford Health's action 1 goes into Oxford Health's, not a PCT file too."""
    assert run("import", str(infant_y)).exit_code == 0
    result = run("returns", "issue", "--all", "-a", "Oxford Health", "-o", str(tmp_path / "q"))
    assert (result.exit_code, result.stdout) == (
        0,
        f"wrote {tmp_path}/q/Oxford Health.xlsx: 12 action(s) of Oxford Health\n",
    )
    refs = [
        r[0]
        for r in openpyxl.load_workbook(tmp_path / "q" / "Oxford Health.xlsx")["Return"].iter_rows(
            min_row=8, values_only=True
        )
    ]
    assert refs[:2] == ["infant-y/Oxford Health/1", "infant-y/Oxford Health/2"] and "infant-y/PCT/1" in refs


def test_every_grey_cell_is_styled_rows_fit_their_text_and_the_sheet_prints_on_one_width(issued: Path) -> None:
    """Excel styles a written cell by its own style (not its column's): each context cell is grey, wrapped and
    locked itself; a row is as tall as its wrapped text; the instructions read across, unwrapped."""
    ws = openpyxl.load_workbook(issued / f"{RH}.xlsx")["Return"]
    for cell in ws[8][:8]:
        assert (cell.fill.fgColor.rgb, cell.alignment.wrap_text, cell.protection.locked) == ("00EDEDED", True, True)
    assert ws["B8"].data_type == "s" and ws.row_dimensions[8].height == 60  # the recommendation: 4 lines of 50
    top = [ws[f"A{n}"] for n in (1, 2, 3, 4, 5)]  # a style of their own: not the Ref column's grey and wrapping
    assert all(c.has_style and not c.alignment.wrap_text and c.fill.fill_type is None for c in top)
    setup = ws.page_setup
    assert (setup.orientation, setup.fitToWidth, setup.fitToHeight) == ("landscape", 1, 0)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.print_title_rows == "$7:$7"


def test_the_chase_list_keeps_agency_names_whole_at_80_columns() -> None:
    from io import StringIO

    from rich.console import Console

    from scrtool.render.returns import status_table
    from scrtool.store.returns import AgencyStatus

    console = Console(file=StringIO(), width=80, color_system=None)
    console.print(
        status_table(
            [
                AgencyStatus("Cherwell District Council", "2026-12-03", None, 1, 0, 0),
                AgencyStatus("Oxford University Hospitals", "2026-12-03", "2026-12-04", 10, 7, 1),
            ]
        )
    )
    assert [line.rstrip() for line in console.file.getvalue().splitlines()] == [  # type: ignore[attr-defined]
        "Agency            Issued      Returned    Rows  Answered  Outstanding  Conflicts",
        "─" * 80,
        "Cherwell          2026-12-03  -              1         0            1          0",
        "District Council",
        "Oxford            2026-12-03  2026-12-04    10         7            2          1",
        "University",
        "Hospitals",
    ]
