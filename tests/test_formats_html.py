"""The web-page reader: tables on the browser's grid, site chrome left out, text as a person reads the page, and the
page's real line numbers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import run, write
from scrtool.parse.formats import Document, Options, open_document
from scrtool.parse.tables import Row, Table, Text

PAGE = "<!DOCTYPE html>\n<html><head><title>{title}</title></head>\n<body>\n{body}\n</body></html>\n"


def page(tmp_path: Path, body: str, title: str = "Site") -> tuple[list[Table | Text], Document]:
    path = write(tmp_path, "page.html", PAGE.format(title=title, body=body))
    document = open_document(path, Options())
    return list(document.blocks), document


def cells(blocks: list[Table | Text]) -> list[list[str]]:
    return [row.cells for block in blocks if isinstance(block, Table) for row in block.rows]


def test_rowspan_and_colspan_are_text_in_their_first_place_only(tmp_path: Path) -> None:
    blocks, _ = page(
        tmp_path,
        """<table>
<tr><th>Rec No</th><th>Recommendation</th><th>Agency</th><th>Action No</th></tr>
<tr><td rowspan="3">1</td><td rowspan=2>Share information</td><td>Police</td><td>Action 1</td></tr>
<tr><td>Health</td><td>Action 2</td></tr>
<tr><td colspan="2">Council and partners</td><td>Action 3</td></tr>
<tr><td>2</td><td colspan=3>Audit</td></tr>
</table>""",
    )
    assert cells(blocks) == [
        ["Rec No", "Recommendation", "Agency", "Action No"],
        ["1", "Share information", "Police", "Action 1"],
        ["", "", "Health", "Action 2"],
        ["", "Council and partners", "", "Action 3"],
        ["2", "Audit", "", ""],
    ]


def test_rows_keep_their_source_line_and_th_rows_are_headers(tmp_path: Path) -> None:
    blocks, document = page(
        tmp_path,
        "<table>\n<thead><tr><td>No.</td><td>Action</td></tr></thead>\n<tbody>\n"
        "<tr>\n<td>1</td><td>Brief staff</td></tr>\n</tbody></table>",
    )
    assert blocks == [Table([Row(5, ["No.", "Action"], header=True), Row(8, ["1", "Brief staff"])], clean=True)]
    assert document.places is None


def test_line_breaks_blocks_and_lists_inside_a_cell(tmp_path: Path) -> None:
    blocks, _ = page(
        tmp_path,
        "<table><tr><th>No.</th><th>Action</th></tr><tr><td>1</td><td>Train staff<br>"
        "by March<p>Then audit</p><ol><li>files</li><li>notes</li></ol><ul><li>report</li>"
        "</ul><div>  spaced \n out  </div></td></tr></table>",
    )
    assert cells(blocks)[1] == ["1", "Train staff\nby March\nThen audit\n1. files\n2. notes\n\u2022 report\nspaced out"]


def test_entities_and_nbsp_are_decoded(tmp_path: Path) -> None:
    blocks, _ = page(
        tmp_path, "<p>Children&#39;s Social Care &amp; Thames&nbsp;Valley&nbsp;Police &ndash; &rsquo;24 &lt;b&gt;</p>"
    )
    assert blocks == [Text(4, "Children's Social Care & Thames Valley Police \u2013 \u201924 <b>", 0)]


def test_site_chrome_is_not_read(tmp_path: Path) -> None:
    blocks, document = page(
        tmp_path,
        """<header><div class="logo">Board</div><nav><ul><li>Home</li></ul></nav></header>
<div id="cookie-consent"><p>We use cookies</p><button>OK</button></div>
<div class="breadcrumbs">Home &gt; Reviews</div>
<div role="navigation"><a>Skip</a></div>
<script>var t = "<table><tr><td>1</td></tr></table>";</script><style>p { color: red }</style>
<main><article><header><h1>Child Q</h1></header><p>The plan.</p></article>
<p style="display: none">Hidden</p><p hidden>Also hidden</p>
<form><label>Search</label><input name=q></form></main>
<aside><h2>Related</h2></aside>
<footer><p>Copyright</p></footer>""",
    )
    assert blocks == [Text(9, "Child Q", 1), Text(9, "The plan.", 0)]
    assert document.title == "Child Q"


def test_a_wrapper_named_like_chrome_around_the_plan_is_read(tmp_path: Path) -> None:
    blocks, _ = page(
        tmp_path,
        '<div class="layout has-sidebar"><div class="sidebar">Links</div><table>'
        "<tr><th>No.</th><th>Action</th></tr><tr><td>1</td><td>Brief staff</td></tr>"
        "</table></div>",
    )
    assert blocks == [Table([Row(4, ["No.", "Action"], header=True), Row(4, ["1", "Brief staff"])], clean=True)]


def test_title_is_the_first_h1_else_the_title(tmp_path: Path) -> None:
    _, with_h1 = page(tmp_path, "<h2>Before</h2><h1>Child Q: action plan</h1><h1>Second</h1>", title="Site | Q")
    assert with_h1.title == "Child Q: action plan"
    _, without = page(tmp_path, "<p>Text</p>", title=" Child R &amp; the plan ")
    assert without.title == "Child R & the plan"


def test_headings_paragraphs_bold_lines_and_numbered_items(tmp_path: Path) -> None:
    blocks, _ = page(
        tmp_path,
        """<h2>Recommendations</h2>
<ol start="27"><li>The Board should audit</li><li value="30">Agencies should share</li><li>Then</li></ol>
<p><strong>Northshire Police</strong></p>
<ol type="a"><li>first</li><li>second</li></ol>
<ul><li>A point</li></ul>
<div>Loose text<br>on two lines</div>""",
    )
    assert blocks == [
        Text(4, "Recommendations", 2),
        Text(5, "27. The Board should audit", 0),
        Text(5, "30. Agencies should share", 0),
        Text(5, "31. Then", 0),
        Text(6, "Northshire Police", 7),
        Text(7, "a. first", 0),
        Text(7, "b. second", 0),
        Text(8, "\u2022 A point", 0),
        Text(9, "Loose text", 0),
        Text(9, "on two lines", 0),
    ]


def test_a_layout_table_is_read_as_the_page_it_holds(tmp_path: Path) -> None:
    blocks, _ = page(
        tmp_path,
        """<table width="100%"><tr><td><h1>Child Q</h1></td></tr>
<tr><td><p>Northshire Police</p>
<table><tr><th>No.</th><th>Action</th><th>Status</th></tr><tr><td>1</td><td>Brief staff</td><td>Done</td></tr></table>
</td></tr></table>
<table role="presentation"><tr><td>Contact us</td><td>Privacy</td></tr></table>""",
    )
    assert blocks == [
        Text(4, "Child Q", 1),
        Text(5, "Northshire Police", 0),
        Table([Row(6, ["No.", "Action", "Status"], header=True), Row(6, ["1", "Brief staff", "Done"])], clean=True),
        Text(8, "Contact us", 0),
        Text(8, "Privacy", 0),
    ]


def test_a_page_written_loosely_reads_as_one_written_strictly(tmp_path: Path) -> None:
    strict, _ = page(
        tmp_path,
        "<table><tr><th>No.</th><th>Action</th></tr><tr><td>1</td><td><p>Brief</p><p>staff"
        "</p></td></tr><tr><td>2</td><td>Audit</td></tr></table><p>After</p>",
    )
    loose, _ = page(
        tmp_path, "<table><tr><th>No.<th>Action<tr><td>1<td><p>Brief<p>staff<tr><td>2<td>Audit</table><p>After"
    )
    assert loose == strict


def test_tables_that_are_not_the_plan_are_skipped_with_one_notice(tmp_path: Path) -> None:
    blocks, document = page(
        tmp_path,
        """<h2>Chronology</h2>
<table><tr><th>Date</th><th>Event</th></tr><tr><td>1 May</td><td>Referral</td></tr></table>
<h2>Northshire Police</h2>
<table><tr><th>No.</th><th>Action</th></tr><tr><td>1</td><td>Brief staff</td></tr></table>""",
    )
    assert cells(blocks) == [["No.", "Action"], ["1", "Brief staff"]]
    assert [(n.line, n.message) for n in document.notices] == [
        (
            5,
            "1 table is not part of the plan and not read (its header names no recommendation, action, agency or "
            "status): the table on line 5 (Date | Event)",
        )
    ]


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_markdown_file_holding_html_tables_is_read_as_a_page(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "child-q.md",
        "# Child Q\n\nThe plan:\n\n<table>\n<tr><th>No.</th><th>Recommendation</th>"
        "<th>Agency</th><th>Action No.</th></tr>\n<tr><td>1</td><td>Share &amp; "
        "record</td><td>Police</td><td>Action 1</td></tr>\n</table>\n\n"
        "<table><tr><th>Police</th><th>Action No</th><th>Action</th><th>Status</th>"
        "</tr><tr><td></td><td>1</td><td>Brief staff</td><td>Completed</td></tr>"
        "</table>\n",
    )
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"child-q: imported from {path}: 1 recommendation, 1 numbered action"
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    assert traced["recommendation"]["text"] == "Share & record"
    assert traced["recommendation"]["source"] == {"file": "child-q.md", "line": 7}
    assert [(link["agency"], [a["number"] for a in link["actions"]]) for link in traced["links"]] == [("Police", ["1"])]


def test_a_shaded_cell_gives_its_rag_word_as_word_s_web_page_writes_it(tmp_path: Path) -> None:
    blocks, document = page(
        tmp_path,
        """<table>
<tr><th style="background:#D9D9D9">No.</th><th>Action</th><th>RAG</th></tr>
<tr><td>1</td><td>Brief staff</td><td style='background:#00B050;mso-shading:white'><p>&nbsp;</p></td></tr>
<tr><td>2</td><td>Audit</td><td bgcolor="#fc0"></td></tr>
<tr><td>3</td><td>Train</td><td style="background-color: red"></td></tr>
<tr><td style="background: white">4</td><td>Publish</td><td style="background:#7030A0"></td></tr>
</table>""",
    )
    table = blocks[0]
    assert isinstance(table, Table)
    assert [row.fills for row in table.rows] == [
        None,
        [None, None, "Green"],
        [None, None, "Amber"],
        [None, None, "Red"],
        None,
    ]
    assert [(n.line, n.message) for n in document.notices] == [
        (9, "cells shaded in colours that are not red, amber, green or blue were not read as a RAG status: 7030A0 (1)")
    ]
