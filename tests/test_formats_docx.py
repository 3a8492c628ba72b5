"""The Word reader, quirk by quirk: each test writes the WordprocessingML a real document holds and asserts the exact
blocks, places and notices read from it."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from conftest import run
from scrtool.errors import ExitCode, InputError
from scrtool.model import Place
from scrtool.parse import read_plan
from scrtool.parse.formats import Document, Options, open_document
from scrtool.parse.tables import Row, Table, Text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NUMBERING = f"""<w:numbering xmlns:w="{W}">
<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
<w:lvlText w:val="%1."/></w:lvl><w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>
<w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/>
<w:lvlText w:val="%1)"/><w:pStyle w:val="Lettered"/></w:lvl></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="27"/></w:lvlOverride>
</w:num>
<w:num w:numId="4"><w:abstractNumId w:val="3"/></w:num>
</w:numbering>"""
STYLES = f"""<w:styles xmlns:w="{W}">
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="berschrift2"><w:name w:val="heading 2"/></w:style>
<w:style w:type="paragraph" w:styleId="AgencyHeading"><w:name w:val="Agency heading"/>
<w:basedOn w:val="berschrift2"/></w:style>
<w:style w:type="paragraph" w:styleId="Lettered"><w:name w:val="Lettered"/><w:pPr><w:numPr><w:numId w:val="4"/>
</w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
</w:styles>"""


def docx(tmp_path: Path, body: str, name: str = "plan.docx", numbering: bool = True) -> Path:
    """A Word document whose body is ``body`` (WordprocessingML), with the styles and numbering above."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<w:document xmlns:w="{W}"><w:body>{body}<w:sectPr/></w:body>'
            "</w:document>",
        )
        archive.writestr("word/styles.xml", STYLES)
        if numbering:
            archive.writestr("word/numbering.xml", NUMBERING)
        archive.writestr("word/header1.xml", f'<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>OFFICIAL</w:t></w:r></w:p></w:hdr>')
    return path


def p(text: str, style: str = "", props: str = "") -> str:
    styled = f'<w:pStyle w:val="{style}"/>' if style else ""
    return f'<w:p><w:pPr>{styled}{props}</w:pPr><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def tc(content: str, props: str = "") -> str:
    inner = content if content.startswith("<") else p(content)
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{inner}</w:tc>"


def tr(*cells: str, props: str = "") -> str:
    return f"<w:tr><w:trPr>{props}</w:trPr>{''.join(c if c.startswith('<') else tc(c) for c in cells)}</w:tr>"


def tbl(*rows: str) -> str:
    return f"<w:tbl><w:tblPr/>{''.join(rows)}</w:tbl>"


HEADER = tr("No.", "Action", "Status", props="<w:tblHeader/>")


def read(path: Path) -> tuple[list[Table | Text], Document]:
    document = open_document(str(path), Options())
    blocks = list(document.blocks)
    return blocks, document


def cells(blocks: list[Table | Text]) -> list[list[str]]:
    return [row.cells for block in blocks if isinstance(block, Table) for row in block.rows]


def test_a_cell_merged_down_is_blank_below_and_one_merged_across_pads(tmp_path: Path) -> None:
    merged = tbl(
        tr("Rec No", "Recommendation", "Agency", "Action No", props="<w:tblHeader/>"),
        tr(
            tc("1", '<w:vMerge w:val="restart"/>'),
            tc("Share information", '<w:vMerge w:val="restart"/>'),
            "Police",
            "Action 1",
        ),
        tr(tc("", "<w:vMerge/>"), tc("", '<w:vMerge w:val="continue"/>'), "Health", "Action 2"),
        tr(tc("All agencies", '<w:gridSpan w:val="3"/>'), "Action 3"),
        tr("2", tc("Audit", '<w:gridSpan w:val="2"/>'), "Action 4", props='<w:gridBefore w:val="0"/>'),
        tr("3", "Short", props='<w:gridAfter w:val="2"/>'),
    )
    blocks, _ = read(docx(tmp_path, merged))
    assert cells(blocks) == [
        ["Rec No", "Recommendation", "Agency", "Action No"],
        ["1", "Share information", "Police", "Action 1"],
        ["", "", "Health", "Action 2"],
        ["All agencies", "", "", "Action 3"],
        ["2", "Audit", "", "Action 4"],
        ["3", "Short", "", ""],
    ]


def test_tracked_changes_are_read_as_accepted(tmp_path: Path) -> None:
    changed = (
        '<w:tc><w:p><w:r><w:t xml:space="preserve">Train </w:t></w:r><w:del w:id="1" w:author="A"><w:r>'
        '<w:delText>all</w:delText></w:r></w:del><w:ins w:id="2" w:author="A"><w:r><w:t>every</w:t></w:r>'
        '</w:ins><w:r><w:t xml:space="preserve"> officer</w:t></w:r></w:p></w:tc>'
    )
    body = tbl(
        HEADER,
        tr("1", changed, "Open"),
        tr("2", "Deleted row", "Open", props='<w:del w:id="3" w:author="A"/>'),
        tr("3", "Inserted row", "Done", props='<w:ins w:id="4" w:author="A"/>'),
    )
    blocks, document = read(docx(tmp_path, body))
    assert cells(blocks) == [
        ["No.", "Action", "Status"],
        ["1", "Train every officer", "Open"],
        ["3", "Inserted row", "Done"],
    ]
    table = blocks[0]
    assert isinstance(table, Table) and document.places is not None
    assert document.places.get(table.rows[2].line) == Place(table=1, row=3)


def test_content_controls_hold_tables_rows_cells_and_runs(tmp_path: Path) -> None:
    def sdt(content: str) -> str:
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{content}</w:sdtContent></w:sdt>"

    run_in_control = "<w:p><w:sdt><w:sdtContent><w:r><w:t>Completed</w:t></w:r></w:sdtContent></w:sdt></w:p>"
    body = sdt(
        tbl(HEADER, sdt(tr("1", "Row in a control", "Open")), tr("2", sdt(tc("Cell in a control")), tc(run_in_control)))
    )
    blocks, _ = read(docx(tmp_path, body))
    assert cells(blocks) == [
        ["No.", "Action", "Status"],
        ["1", "Row in a control", "Open"],
        ["2", "Cell in a control", "Completed"],
    ]


def test_a_table_inside_a_cell_is_lines_of_its_cell(tmp_path: Path) -> None:
    inner = tbl(tr("1.1", "Brief staff"), tr("1.2", tc(""), "Audit"))
    body = tbl(HEADER, tr("1", tc(p("Sub-actions:") + inner + p("Then report")), "Open"))
    blocks, document = read(docx(tmp_path, body))
    assert cells(blocks)[1] == ["1", "Sub-actions:\n1.1 | Brief staff\n1.2 | Audit\nThen report", "Open"]
    assert document.places is not None and len(document.places) == 2  # the inner table is not a table of its own


def test_paragraphs_and_line_breaks_inside_a_cell(tmp_path: Path) -> None:
    broken = (
        "<w:p><w:r><w:t>Line one</w:t><w:br/><w:t>line two</w:t></w:r></w:p>"
        '<w:p/><w:p><w:r><w:t xml:space="preserve">  Second   paragraph </w:t><w:tab/><w:t>end</w:t>'
        "</w:r></w:p>"
    )
    blocks, _ = read(docx(tmp_path, tbl(HEADER, tr("1", tc(broken), "Open"))))
    assert cells(blocks)[1] == ["1", "Line one\nline two\nSecond paragraph end", "Open"]


def test_header_rows_repeat_and_are_not_data_further_down(tmp_path: Path) -> None:
    body = tbl(
        tr("Northshire Police", "", "", props="<w:tblHeader/>"),
        HEADER,
        tr("1", "Brief staff", "Open"),
        tr("No.", "Action", "Status"),
        HEADER,
        tr("2", "Audit", "Done"),
    )
    blocks, _ = read(docx(tmp_path, body))
    table = blocks[0]
    assert isinstance(table, Table)
    assert [(row.cells, row.header) for row in table.rows] == [
        (["Northshire Police", "", ""], True),
        (["No.", "Action", "Status"], True),
        (["1", "Brief staff", "Open"], False),
        (["2", "Audit", "Done"], False),
    ]


def test_shading_gives_the_rag_word_and_other_colours_are_reported_once(tmp_path: Path) -> None:
    def shaded(text: str, fill: str) -> str:
        return tc(text, f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')

    body = tbl(
        tr(shaded("No.", "D9D9D9"), shaded("Action", "DEEAF6"), "RAG", props="<w:tblHeader/>"),
        tr("1", "Brief staff", shaded("", "00B050")),
        tr("2", "Audit", shaded("", "FFC000")),
        tr("3", "Train", shaded("", "FF0000")),
        tr("4", "Publish", shaded("", "0070C0")),
        tr(shaded("5", "FFFFFF"), shaded("Review", "auto"), shaded("", "7030A0")),
        tr("6", "Report", shaded("", "7030A0")),
    )
    blocks, document = read(docx(tmp_path, body))
    table = blocks[0]
    assert isinstance(table, Table)
    assert [row.fills for row in table.rows] == [
        None,
        [None, None, "Green"],
        [None, None, "Amber"],
        [None, None, "Red"],
        [None, None, "Blue"],
        None,
        None,
    ]
    assert [(n.line, n.message) for n in document.notices] == [
        (
            table.rows[5].line,
            "cells shaded in colours that are not red, amber, green or blue were not read as a RAG status: 7030A0 (2)",
        )
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_tables_that_are_not_the_plan_are_skipped_with_one_notice(tmp_path: Path) -> None:
    body = (
        p("Chronology", "berschrift2")
        + tbl(tr("Date", "Event"), tr("1 May 2023", "Referral"))
        + p("Glossary", "berschrift2")
        + tbl(tr("Term", "Meaning"), tr("CSC", "Children's Social Care"))
        + p("Northshire Police", "AgencyHeading")
        + tbl(HEADER, tr("1", "Brief staff", "Open"))
        + tbl(tr("2", "Audit", "Done"))
        + p("Appendix", "berschrift2")
        + tbl(tr("x", "y", "z"))
    )
    path = docx(tmp_path, body)
    blocks, document = read(path)
    assert cells(blocks) == [["No.", "Action", "Status"], ["1", "Brief staff", "Open"], ["2", "Audit", "Done"]]
    message = (
        "3 tables are not part of the plan and not read (their headers name no recommendation, action, agency "
        "or status): table 1 (Date | Event), table 2 (Term | Meaning), table 5 (x | y | z)"
    )
    assert [n.message for n in document.notices] == [message]
    result = run("import", str(path))
    assert result.exit_code == 0
    assert result.stderr == f"{path}:table 1 row 1: warning: {message}\n"


def test_a_document_with_no_plan_table_says_which_tables_it_skipped(tmp_path: Path) -> None:
    path = docx(tmp_path, tbl(tr("Date", "Event"), tr("1 May 2023", "Referral")))
    with pytest.raises(InputError) as caught:
        read_plan(str(path))
    assert caught.value.message == (
        f"{path}: no table of the plan found: 1 table is not part of the plan and not "
        "read (its header names no recommendation, action, agency or status): table 1 "
        "(Date | Event)"
    )


def test_headings_bold_lines_and_list_numbers(tmp_path: Path) -> None:
    strong = '<w:p><w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>Thames Valley Police</w:t></w:r></w:p>'
    bold = (
        '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">Recommendation 1: </w:t></w:r><w:r><w:t>'
        "Share</w:t></w:r></w:p>"
    )
    numbered = '<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{list}"/></w:numPr>'
    body = (
        p("Child Q: action plan", "Title")
        + p("Riverside Health", "AgencyHeading")
        + strong
        + bold
        + p("First", props=numbered.format(level=0, list=1))
        + p("Sub", props=numbered.format(level=1, list=1))
        + p("Second", props=numbered.format(level=0, list=1))
        + p("Point", props=numbered.format(level=0, list=2))
        + p("Continued from 27", props=numbered.format(level=0, list=3))
        + p("By its style", "Lettered")
        + p("And again", "Lettered")
        + p("No list", props=numbered.format(level=0, list=0))
        + "<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>hidden</w:t></w:r></w:p>"
    )
    blocks, document = read(docx(tmp_path, body))
    assert blocks == [
        Text(1, "Child Q: action plan", 1),
        Text(2, "Riverside Health", 2),
        Text(3, "Thames Valley Police", 7),
        Text(4, "Recommendation 1: Share", 0),
        Text(5, "1. First", 0),
        Text(6, "1.1 Sub", 0),
        Text(7, "2. Second", 0),
        Text(8, "\u2022 Point", 0),
        Text(9, "27. Continued from 27", 0),
        Text(10, "a) By its style", 0),
        Text(11, "b) And again", 0),
        Text(12, "No list", 0),
    ]
    assert document.places is not None and document.places.get(12) == Place(row=12)


def test_soft_breaks_in_a_paragraph_are_lines_of_one_paragraph(tmp_path: Path) -> None:
    body = "<w:p><w:r><w:t>Northshire Police</w:t><w:br/><w:t>Action plan 2024</w:t></w:r></w:p>" + p("Next")
    blocks, document = read(docx(tmp_path, body))
    assert blocks == [Text(1, "Northshire Police", 0), Text(2, "Action plan 2024", 0), Text(3, "Next", 0)]
    assert document.places is not None
    assert [document.places.get(i) for i in (1, 2, 3)] == [Place(row=1), Place(row=1), Place(row=2)]


def test_page_headers_and_footers_are_not_read(tmp_path: Path) -> None:
    blocks, _ = read(docx(tmp_path, p("Body text")))
    assert blocks == [Text(1, "Body text", 0)]


def test_a_docm_and_a_renamed_file_are_read_by_their_content(tmp_path: Path) -> None:
    path = docx(tmp_path, tbl(HEADER, tr("1", "Brief staff", "Open")), name="plan.txt")
    blocks, _ = read(path)
    assert cells(blocks) == [["No.", "Action", "Status"], ["1", "Brief staff", "Open"]]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_truncated_document_is_one_line(tmp_path: Path) -> None:
    path = docx(tmp_path, tbl(HEADER, tr("1", "Brief staff", "Open")))
    path.write_bytes(path.read_bytes()[:600])
    result = run("import", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == (
        f"scrtool: error: {path}: is a damaged or truncated zip file (a Word or Excel "
        "document?): open it and save it again\n"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_document_with_broken_xml_is_one_line(tmp_path: Path) -> None:
    path = docx(tmp_path, tbl(HEADER, tr("1", "Brief staff", "Open")))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(b"</w:body>", b"</w:bod>")
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    result = run("import", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.startswith(
        f"scrtool: error: {path}: is a damaged Word document (word/document.xml: mismatched tag: line 2, column "
    )
    assert result.stderr.count("\n") == 1


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_zip_bomb_is_judged_by_what_it_unpacks_to(tmp_path: Path) -> None:
    filler = p("x" * 200_000)
    path = docx(tmp_path, filler + tbl(HEADER, tr("1", "Brief staff", "Open")))
    assert path.stat().st_size < 20_000
    result = run("import", str(path), "--max-size", "100000")
    assert result.exit_code == ExitCode.INPUT
    size = sum(
        info.file_size
        for info in zipfile.ZipFile(path).infolist()
        if info.filename in ("word/document.xml", "word/styles.xml", "word/numbering.xml")
    )
    assert result.stderr == (
        f"scrtool: error: {path}: unpacks to {size:,} bytes of text, over the 100,000-byte limit (see --max-size)\n"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_document_declaring_a_dtd_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            "word/document.xml",
            f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]>'
            f'<w:document xmlns:w="{W}"><w:body>{p("&a;")}</w:body></w:document>',
        )
    result = run("import", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == (
        f"scrtool: error: {path}: is not a Word document as Word writes one (word/document.xml declares a DTD)\n"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_rows_of_the_plan_keep_their_table_and_row(tmp_path: Path) -> None:
    path = docx(
        tmp_path,
        p("Northshire Police", "AgencyHeading") + tbl(HEADER, tr("1", "Brief staff", "Open"), tr("1", "Audit", "Done")),
    )
    result = run("import", str(path))
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr == (
        f"scrtool: error: {path}:table 1 row 3: Northshire Police action 1 appears twice "
        "(table 1 row 2 and table 1 row 3)\n"
    )


def test_rows_read_from_word_are_rows_of_clean_cells(tmp_path: Path) -> None:
    blocks, _ = read(docx(tmp_path, tbl(HEADER, tr("1", "Brief  staff\u00a0now", "Open"))))
    assert blocks == [
        Table([Row(1, ["No.", "Action", "Status"], header=True), Row(2, ["1", "Brief staff now", "Open"])], clean=True)
    ]


@pytest.mark.parametrize(
    "deleted",
    ['<w:del w:id="1" w:author="A"><w:r><w:delText>gone</w:delText></w:r></w:del>', ""],
    ids=["tracked", "plain"],
)
def test_a_large_body_is_read_as_it_is_unpacked_with_the_same_blocks(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, deleted: str
) -> None:
    from scrtool.parse.formats import docx as reader

    stops = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
    body = (
        p("Northshire Police", "AgencyHeading")
        + tbl(
            HEADER,
            tr(
                "1",
                tc(f"<w:p>{stops}<w:r><w:t>Train</w:t><w:tab/><w:t>staff</w:t><w:br/><w:t>again</w:t></w:r></w:p>"),
                "Open",
            ),
        )
        + f'<w:p><w:r><w:t xml:space="preserve">Kept </w:t></w:r>{deleted}</w:p>'
    )
    path = docx(tmp_path, body)
    whole, _ = read(path)
    monkeypatch.setattr(reader, "_WHOLE", 0)
    streamed, _ = read(path)
    assert streamed == whole
    assert cells(whole)[1] == ["1", "Train staff\nagain", "Open"]
    assert whole[-1] == Text(4, "Kept", 0)


def test_a_table_with_every_row_marked_to_repeat_has_only_its_first_as_header(tmp_path: Path) -> None:
    marked = "<w:tblHeader/>"
    blocks, _ = read(
        docx(
            tmp_path, tbl(HEADER, tr("1", "Brief staff", "Open", props=marked), tr("2", "Audit", "Done", props=marked))
        )
    )
    table = blocks[0]
    assert isinstance(table, Table)
    assert [(row.cells[0], row.header) for row in table.rows] == [("No.", True), ("1", False), ("2", False)]


def test_a_strict_open_xml_document_is_read_as_a_transitional_one(tmp_path: Path) -> None:
    strict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
    path = docx(tmp_path, p("Northshire Police", "AgencyHeading") + tbl(HEADER, tr("1", "Brief staff", "Open")))
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name).replace(W.encode(), strict.encode()) for name in archive.namelist()}
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    blocks, _ = read(path)
    assert blocks[0] == Text(1, "Northshire Police", 2)
    assert cells(blocks) == [["No.", "Action", "Status"], ["1", "Brief staff", "Open"]]


def test_a_person_column_is_not_the_agency_a_bold_line_heading_or_title_row_names(tmp_path: Path) -> None:
    header = tr("Ref", "Action", "Responsible officer", "RAG")
    bold = "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Agency: Thames Valley Police</w:t></w:r></w:p>"
    title = tr(tc("Children's Social Care", '<w:gridSpan w:val="4"/>'))
    body = (
        p("Infant Y SCR: single agency action plans", "Title")
        + bold
        + tbl(
            header,
            tr("1", "Circulate a bulletin.", "DI Smith", "Green"),
            tr("2", "Review training.", "Ch Insp Jones", "Amber"),
        )
        + p("Oxford Health", "AgencyHeading")
        + tbl(header, tr("1", "Share information.", "Named Nurse", "Red"))
        + tbl(title, header, tr("1", "Review guidance.", "Head of Service", ""))
    )
    plan = read_plan(str(docx(tmp_path, body)))
    assert [(a.agency, a.number, a.text, a.rag, a.extra) for a in plan.actions] == [
        ("Thames Valley Police", "1", "Circulate a bulletin.", "green", (("Responsible officer", "DI Smith"),)),
        ("Thames Valley Police", "2", "Review training.", "amber", (("Responsible officer", "Ch Insp Jones"),)),
        ("Oxford Health", "1", "Share information.", "red", (("Responsible officer", "Named Nurse"),)),
        ("Children's Social Care", "1", "Review guidance.", None, (("Responsible officer", "Head of Service"),)),
    ]


def test_a_chronology_naming_agencies_is_skipped_in_the_one_notice(tmp_path: Path) -> None:
    body = (
        p("Chronology", "berschrift2")
        + tbl(
            tr("Date", "Agency", "Event", "Action taken"),
            *[tr(f"0{n}/03/2009", "Oxford Health", "Seen in A&amp;E.", "Discharged home.") for n in range(1, 6)],
        )
        + tbl(tr("Date", "Agency", "Event", "Comment"), tr("05/03/2009", "CSC", "Section 47 enquiry.", "Held."))
        + p("Glossary", "berschrift2")
        + tbl(tr("Term", "Meaning"), tr("CSC", "Children's Social Care"))
        + p("Northshire Police", "AgencyHeading")
        + tbl(HEADER, tr("1", "Brief staff", "Done"))
    )
    path = docx(tmp_path, body)
    plan = read_plan(str(path))
    assert [(a.agency, a.number, a.text) for a in plan.actions] == [("Northshire Police", "1", "Brief staff")]
    message = (
        "3 tables are not part of the plan and not read (a chronology of events, or a header naming no "
        "recommendation, action, agency or status): table 1 (Date | Agency | Event | Action taken), table 2 "
        "(Date | Agency | Event | Comment), table 3 (Term | Meaning)"
    )
    assert [(n.where, n.message) for n in plan.notices] == [("table 1 row 1", message)]


def test_the_title_is_the_title_style_s_line_not_the_text_before_the_first_table(tmp_path: Path) -> None:
    prose = "This review considered the involvement of agencies with Infant Y and the family. " * 20
    body = (
        p("Overview Report", "")
        + p("Serious Case Review: Infant Y", "Title")
        + p(prose)
        + p("1. Introduction", "berschrift2")
        + p(prose)
        + tbl(HEADER, tr("1", "Brief staff", "Done"))
    )
    assert read_plan(str(docx(tmp_path, body))).report.title == "Serious Case Review: Infant Y"


def test_a_row_shaded_in_every_cell_but_its_agency_s_states_its_rag(tmp_path: Path) -> None:
    def shaded(text: str, fill: str) -> str:
        return tc(text, f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')

    body = tbl(
        tr("Agency", "No.", "Action"),
        tr("Northshire Police", shaded("1", "00B050"), shaded("Brief staff", "00B050")),
        tr("Northshire Police", "2", shaded("Audit", "FFC000")),
        tr(shaded("Riverside Health", "FF0000"), shaded("1", "FF0000"), "Train"),
        tr("Riverside Health", shaded("2", "FF0000"), shaded("Review", "00B050")),
    )
    plan = read_plan(str(docx(tmp_path, body)))
    assert [(a.agency, a.number, a.status_text, a.rag) for a in plan.actions] == [
        ("Northshire Police", "1", "Green (fill)", "green"),
        ("Northshire Police", "2", "Amber (fill)", "amber"),
        ("Riverside Health", "1", "", None),
        ("Riverside Health", "2", "", None),
    ]


def test_a_header_of_two_rows_with_merged_cells_names_every_column(tmp_path: Path) -> None:
    """As a partnership makes one: ``Agency``, ``Lead`` and ``Target date`` merged down both header rows, ``Action``
    over ``No`` and ``Action``, ``Progress`` over ``RAG`` (colours only) and ``Notes``; agency cells merged down; a
    ``Lead`` column of people, not agencies."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rows = [
        (
            "Northshire Police",
            "1",
            "Brief officers on the voice of the child.",
            "DI Jane Smith",
            "31/03/2026",
            "0070C0",
        ),
        ("Northshire Police", "2", "Audit 20 referrals.", "DS Tom Brown", "30/06/2026", "00B050"),
        ("Northshire ICB", "3", "GPs to record fathers.", "Dr Amina Khan", "31/03/2027", "FFC000"),
    ]
    document = docx.Document()
    grid = document.add_table(rows=2 + len(rows), cols=7)
    top, second = grid.rows[0].cells, grid.rows[1].cells
    for column, name in [(0, "Agency"), (3, "Lead"), (4, "Target date")]:
        top[column].merge(second[column]).text = name
    top[1].merge(top[2]).text = "Action"
    top[5].merge(top[6]).text = "Progress"
    for column, name in [(1, "No"), (2, "Action"), (5, "RAG"), (6, "Notes")]:
        second[column].text = name
    for r, (agency, number, action, lead, target, fill) in enumerate(rows, 2):
        cells = grid.rows[r].cells
        for column, text in [(0, agency), (1, number), (2, action), (3, lead), (4, target), (6, f"Note {number}")]:
            cells[column].text = text
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), fill)
        cells[5]._tc.get_or_add_tcPr().append(shading)
    grid.cell(2, 0).merge(grid.cell(3, 0)).text = "Northshire Police"
    document.save(str(tmp_path / "plan.docx"))
    plan = read_plan(str(tmp_path / "plan.docx"))
    assert [(a.agency, a.number, a.text, a.target, a.status.value, a.rag, dict(a.extra)) for a in plan.actions] == [
        (
            "Northshire Police",
            "1",
            rows[0][2],
            "2026-03-31",
            "completed",
            "blue",
            {"Lead": "DI Jane Smith", "Target date": "31/03/2026", "Notes": "Note 1"},
        ),
        (
            "Northshire Police",
            "2",
            rows[1][2],
            "2026-06-30",
            "in-progress",
            "green",
            {"Lead": "DS Tom Brown", "Target date": "30/06/2026", "Notes": "Note 2"},
        ),
        (
            "Northshire ICB",
            "3",
            rows[2][2],
            "2027-03-31",
            "in-progress",
            "amber",
            {"Lead": "Dr Amina Khan", "Target date": "31/03/2027", "Notes": "Note 3"},
        ),
    ]
    assert plan.notices == ()


def test_an_agency_column_is_the_agency_beside_a_lead_column_of_people(tmp_path: Path) -> None:
    """``No. | Action | Lead | Agency | By when | RAG``, as a partnership words it: the people in ``Lead`` are kept as
    a field, the agency is the ``Agency`` column's; ``Mar-26`` (Excel's month and year) is March 2026."""
    import docx

    document = docx.Document()
    grid = document.add_table(rows=3, cols=5)
    for r, row in enumerate(
        [
            ["No.", "Action", "Lead", "Agency", "By when"],
            ["1.1", "Train staff", "J. Smith (Named Nurse)", "Northshire Health", "Mar-26"],
            ["1.2", "Audit 10 cases", "P. Jones", "Northshire Police", "31-Mar-26"],
        ]
    ):
        for c, text in enumerate(row):
            grid.cell(r, c).text = text
    document.save(str(tmp_path / "plan.docx"))
    plan = read_plan(str(tmp_path / "plan.docx"))
    assert [(a.agency, a.number, a.target, dict(a.extra)) for a in plan.actions] == [
        ("Northshire Health", "1.1", "2026-03-31", {"Lead": "J. Smith (Named Nurse)", "By when": "Mar-26"}),
        ("Northshire Police", "1.2", "2026-03-31", {"Lead": "P. Jones", "By when": "31-Mar-26"}),
    ]
