"""The contract every format reader meets: content decides the format, and records keep their place."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from conftest import run, write
from scrtool.errors import ExitCode, InputError, UsageError
from scrtool.model import Place
from scrtool.parse import formats, read_plan
from scrtool.parse.formats import Document, Kind, Options, page_range, sniff
from scrtool.parse.tables import Places, Row, Table, Text

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

PLAN = "| No. | Recommendation | Police |\n|---|---|---|\n| 1 | Share information | Action 1 |\n"


def test_the_bytes_decide_the_format_not_the_name(tmp_path: Path) -> None:
    assert sniff("x.txt", b"%PDF-1.7\n%\xe2\xe3") is Kind.PDF
    assert sniff("x.pdf", PLAN.encode()) is Kind.TEXT
    assert sniff("x.md", b"\xef\xbb\xbf<!DOCTYPE html>\n<html><body>") is Kind.HTML
    docx = tmp_path / "plan.txt"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    assert sniff(str(docx), docx.read_bytes()[:8192]) is Kind.DOCX
    xlsx = tmp_path / "plan.docx"
    with zipfile.ZipFile(xlsx, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    assert sniff(str(xlsx), xlsx.read_bytes()[:8192]) is Kind.XLSX


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptionInfo".encode("utf-16-le"),
            "is a password-protected Office document: open it, remove the password (File > Info > Protect), save it, "
            "and import that",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "WordDocument".encode("utf-16-le"),
            "is an old Word document (.doc): save it as .docx first",
        ),
    ],
)
def test_old_and_encrypted_office_files_are_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "plan.doc"
    path.write_bytes(data)
    result = run("import", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == f"scrtool: error: {path}: {message}\n"


def test_pages_option() -> None:
    assert page_range("30-41") == (30, 41)
    assert page_range("7") == (7, 7)
    assert page_range("30\u201341") == (30, 41)
    with pytest.raises(UsageError, match="--pages takes a page or a range of pages such as 30-41, not 'a-b'"):
        page_range("a-b")
    with pytest.raises(UsageError, match="the first no later than the last"):
        page_range("9-3")
    result = run("import", "x.pdf", "--pages", "0-2")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "scrtool: error: --pages '0-2': pages are counted from 1, the first no later than the last\n"
    )


def _paged(path: str, options: Options) -> Document:
    """A reader of a made-up paged format: a heading on page 1, the table's rows on pages 2 and 3."""
    places = Places()
    title = Text(places.add(Place(page=1)), "Child Q: action plan", 1)
    rows = [
        Row(places.add(Place(page=2)), ["No.", "Recommendation", "Police"], header=True),
        Row(places.add(Place(page=2)), ["1", "Share information", "Action 1"]),
        Row(places.add(Place(page=3)), ["2", "", "Action 9"]),
    ]
    return Document([title, Table(rows, clean=True)], "0" * 64, 0, places)


def test_records_and_warnings_keep_their_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "sniff", lambda path, head: Kind.PDF)
    from scrtool.parse.formats import pdf

    monkeypatch.setattr(pdf, "read", _paged)
    path = write(tmp_path, "child-q.pdf", "%PDF-")
    plan = read_plan(path)
    assert plan.report.title == "Child Q: action plan"
    assert [(r.number, r.source.where()) for r in plan.recommendations] == [("1", "page 2"), ("2", "page 3")]
    assert [n.at() for n in plan.notices] == ["page 3"]
    result = run("import", path)
    assert result.exit_code == 0
    assert f"{path}:page 3: warning: " in result.stderr
    shown = json.loads(run("trace", "2", "--format", "json").stdout)
    assert shown["recommendation"]["source"] == {"file": "child-q.pdf", "page": 3}


def test_an_error_names_its_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def twice(path: str, options: Options) -> Document:
        places = Places()
        rows = [
            Row(places.add(Place(sheet="Plan", cell="A1")), ["No.", "Recommendation"], header=True),
            Row(places.add(Place(sheet="Plan", cell="A2")), ["1", "Share information"]),
            Row(places.add(Place(sheet="Plan", cell="A3")), ["1", "Train staff"]),
        ]
        return Document([Table(rows, clean=True)], "0" * 64, 0, places)

    monkeypatch.setattr(formats, "sniff", lambda path, head: Kind.XLSX)
    from scrtool.parse.formats import xlsx

    monkeypatch.setattr(xlsx, "read", twice)
    path = write(tmp_path, "plan.xlsx", "PK")
    with pytest.raises(InputError) as caught:
        read_plan(path)
    assert caught.value.message == (
        f"{path}:sheet 'Plan' cell A3: Recommendation 1 appears twice (sheet 'Plan' cell A2 and sheet 'Plan' cell A3)"
    )


def test_pages_and_sheet_with_a_file_of_another_format_are_a_usage_error(tmp_path: Path) -> None:
    import docx
    import openpyxl

    stored = write(tmp_path, "stored.md", PLAN)
    assert run("import", stored, "-q").exit_code == 0
    before = run("list", "--format", "json").stdout
    document = docx.Document()
    document.add_paragraph("Plan")
    document.save(str(tmp_path / "plan.docx"))
    openpyxl.Workbook().save(tmp_path / "plan.xlsx")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    files = {
        "plan.docx": "a Word document",
        "plan.xlsx": "an Excel workbook",
        "plan.html": "a web page",
        "plan.md": "a text file",
    }
    write(tmp_path, "plan.html", "<!DOCTYPE html><html><body><p>Plan</p></body></html>")
    write(tmp_path, "plan.md", PLAN.replace("Share", "Record"))
    for name, kind in files.items():
        result = run("import", str(pdf), str(tmp_path / name), "--pages", "30-41")
        assert (result.exit_code, result.stderr) == (
            ExitCode.USAGE,
            f"scrtool: error: --pages is for a PDF's pages; {tmp_path / name} is {kind}: import it without --pages\n",
        )
    for name, kind in [("plan.pdf", "a PDF"), ("plan.docx", "a Word document"), ("plan.md", "a text file")]:
        result = run("import", str(tmp_path / "plan.xlsx"), str(tmp_path / name), "--sheet", "Plan")
        assert (result.exit_code, result.stderr) == (
            ExitCode.USAGE,
            f"scrtool: error: --sheet is for a workbook's sheet; {tmp_path / name} is {kind}: import it without "
            "--sheet\n",
        )
    assert run("list", "--format", "json").stdout == before
