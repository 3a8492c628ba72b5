"""Old Excel workbooks (.xls) and OpenDocument spreadsheets (.ods), read with python-calamine: the Infant Y workbook
saved by LibreOffice Calc in each reads as the markdown does, but for the one status it shows only by a cell's
colour (calamine reads no fills: the import says so), and the files it cannot read are refused in one line. The
fixtures and the script that made them are in tests/fixtures/formats/ (make_sheets.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, run, unsourced
from scrtool.parse.formats import Kind, read_head, sniff

FORMATS = FIXTURES / "formats"
WARNING = (
    "workbook: warning: cell colours are not read from an .xls or .ods workbook: a status shown only by a "
    "cell's colour is not read (the cell reads as blank); save the workbook as .xlsx to read colours"
)


def answers(plan: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, str]:
    monkeypatch.setenv("SCRTOOL_DB", str(store))
    result = run("import", str(plan), "--report", "infant-y")
    assert result.exit_code == 0, result.stderr
    listed = json.loads(run("list", "--format", "json").stdout)
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    return listed, unsourced(traced), result.stderr


@pytest.mark.parametrize("name", ["infant-y.xls", "infant-y.ods"])
def test_the_workbook_answers_as_the_markdown_but_for_a_status_given_by_colour(
    name: str, infant_y: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    listed, traced, _ = answers(infant_y, tmp_path / "md.db", monkeypatch)
    other_listed, other_traced, said = answers(FORMATS / name, tmp_path / "sheet.db", monkeypatch)
    assert said.splitlines() == [f"{FORMATS / name}:{WARNING}"]
    assert other_traced == traced
    cherwell = [a for a in other_listed if a["agency"] == "Cherwell District Council"]
    assert [(a["number"], a["status"], a["status_text"]) for a in cherwell] == [("1", "open", "")]
    assert unsourced([a for a in other_listed if a not in cherwell]) == unsourced(
        [a for a in listed if a["agency"] != "Cherwell District Council"]
    )
    assert other_listed[0]["source"] == {"file": name, "sheet": "PCT", "cell": "A4"}


def test_the_content_decides_not_the_name(tmp_path: Path) -> None:
    for name in ("infant-y.xls", "infant-y.ods"):
        renamed = tmp_path / f"{name}.txt"
        shutil.copyfile(FORMATS / name, renamed)
        assert sniff(str(renamed), read_head(str(renamed))) is Kind.SHEET


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_sheet_picks_one_sheet_and_a_missing_one_is_named(tmp_path: Path) -> None:
    result = run("import", str(FORMATS / "infant-y.ods"), "--sheet", "Oxford Health", "--dry-run")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == (
        f"infant-y: would import from {FORMATS / 'infant-y.ods'}: 0 "
        "recommendations, 10 numbered actions, 1 unnumbered response (dry run, "
        "nothing stored)"
    )
    missing = run("import", str(FORMATS / "infant-y.xls"), "--sheet", "Plan")
    assert (missing.exit_code, missing.stderr.strip()) == (
        3,
        (
            f"scrtool: error: {FORMATS / 'infant-y.xls'}: has no sheet named 'Plan' (--sheet); its sheets: 'Overview', "
            "'PCT', 'Thames Valley Police', 'Oxford Health', \"Children's Social Care\", "
            "'Oxford University Hospitals', 'Cherwell District Council', 'Key'"
        ),
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_damaged_workbook_is_refused_in_one_line(tmp_path: Path) -> None:
    xls, ods = tmp_path / "infant-y.xls", tmp_path / "infant-y.ods"
    data = bytearray((FORMATS / "infant-y.xls").read_bytes())
    data[600:1500] = bytes(900)  # the first sheet's records
    xls.write_bytes(bytes(data))
    ods.write_bytes((FORMATS / "infant-y.ods").read_bytes()[:9000])
    for path, message in [
        (xls, "is a damaged Excel 97-2003 workbook (CalamineError): open it and save it again"),
        (ods, "is a damaged or truncated zip file (a Word or Excel document?): open it and save it again"),
    ]:
        result = run("import", str(path))
        assert (result.exit_code, result.stderr.strip()) == (3, f"scrtool: error: {path}: {message}")
    assert run("list").exit_code == 4


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_workbook_over_the_cell_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrtool.parse.formats import calamine

    monkeypatch.setattr(calamine, "MAX_CELLS", 100)
    result = run("import", str(FORMATS / "infant-y.ods"))
    assert (result.exit_code, result.stderr.strip()) == (
        3,
        (
            f"scrtool: error: {FORMATS / 'infant-y.ods'}: holds more than the 100 cells scrtool reads from a workbook: "
            "save the plan's sheets alone as a workbook or as CSV, and import that"
        ),
    )
    assert run("list").exit_code == 4


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_an_opendocument_text_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "plan.odt"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    result = run("import", str(path))
    assert (result.exit_code, result.stderr.strip()) == (
        3,
        f"scrtool: error: {path}: is an OpenDocument file (.odt): save it as .docx first",
    )


def test_password_protected_workbooks_are_one_line_and_store_nothing(tmp_path: Path) -> None:
    import io

    import openpyxl
    from msoffcrypto.format.ooxml import OOXMLFile

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in (["Agency", "No", "Action", "Status"], ["Police", "1", "Brief staff", "Complete"]):
        sheet.append(row)
    plain, locked = io.BytesIO(), tmp_path / "locked.xlsx"
    book.save(plain)
    plain.seek(0)
    with locked.open("wb") as out:
        OOXMLFile(plain).encrypt("secret", out)  # as Excel's File > Info > Protect (agile encryption)
    late = tmp_path / "late.xlsx"  # its directory, naming the encryption, past the first MiB (as Office writes one)
    late.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(3 << 20) + "EncryptionInfo".encode("utf-16-le"))
    assert run("import", str(FORMATS / "infant-y.ods"), "-q").exit_code == 0
    before = run("list", "--format", "json").stdout
    office = "open it, remove the password (File > Info > Protect), save it, and import that"
    for path, message in [
        (
            FORMATS / "locked.xls",
            "is a password-protected Excel 97-2003 workbook: open it, remove the password, save it, and import that",
        ),
        (locked, f"is a password-protected Office document: {office}"),
        (late, f"is a password-protected Office document: {office}"),
    ]:
        result = run("import", str(path))
        assert (result.exit_code, result.stderr) == (3, f"scrtool: error: {path}: {message}\n")
    assert run("list", "--format", "json").stdout == before
