"""Every format is bounded, so that any file under the size limit is read in bounded time and memory or refused in
one line (exit 3, the store as it was): the text reader's line and cell caps (test_import_speed_safety.py), an
Excel workbook's 1,000,000 cells (test_format_xlsx.py, test_format_sheets.py), a PDF's 300 pages at once
(test_format_pdf.py), and here a Word document's and a web page's table cells, one per 100 bytes of the limit.
The caps are made small here so that the files stay small; bench figures are in the README."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import run
from scrtool.parse.formats import docx as word
from scrtool.parse.formats import html
from test_formats_docx import HEADER, docx, tbl, tr


def refused(path: Path) -> str:
    result = run("import", str(path))
    assert result.exit_code == 3, result.stdout
    assert run("list").exit_code == 4  # nothing stored: no store yet
    return result.stderr.strip()


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
@pytest.mark.parametrize("streamed", [False, True], ids=["parsed whole", "streamed"])
def test_a_word_document_of_more_cells_than_the_limit_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, streamed: bool
) -> None:
    monkeypatch.setattr(word, "CELL_BYTES", 52_428_800 // 30)  # 30 cells at the default limit
    if streamed:
        monkeypatch.setattr(word, "_WHOLE", 0)
    fits = docx(tmp_path, tbl(HEADER, *[tr(str(n), "Brief officers", "Done") for n in range(1, 10)]), "fits.docx")
    assert run("import", str(fits), "--dry-run").exit_code == 0
    path = docx(tmp_path, tbl(HEADER, *[tr(str(n), "Brief officers", "Done") for n in range(1, 11)]))
    assert refused(path) == (
        f"scrtool: error: {path}: has more table cells than the 30 scrtool reads from a Word "
        "document (one per 1747626 bytes of the size limit; see --max-size)"
    )


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_a_web_page_of_more_cells_than_the_limit_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(html, "CELL_BYTES", 52_428_800 // 30)
    rows = "\n".join(f"<tr><td>{n}</td><td>Brief officers</td><td>Done</td></tr>" for n in range(1, 11))
    path = tmp_path / "plan.html"
    path.write_text(
        f"<html><body><table>\n<tr><th>No.</th><th>Action</th><th>Status</th></tr>\n{rows}\n</table></body></html>",
        encoding="utf-8",
    )
    assert refused(path) == (
        f"scrtool: error: {path}: has 33 table cells, over the 30 scrtool reads from a web page "
        "(one per 1747626 bytes of the size limit; see --max-size)"
    )
    markdown = tmp_path / "plan.md"  # a text file holding the same table is read as a web page, and bounded so
    markdown.write_text(path.read_text(encoding="utf-8").replace("<html><body>", "# Plan\n"), encoding="utf-8")
    assert refused(markdown).endswith(
        "has 33 table cells, over the 30 scrtool reads from a web page (one per "
        "1747626 bytes of the size limit; see --max-size)"
    )
