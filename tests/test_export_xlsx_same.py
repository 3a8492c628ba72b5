"""The xlsx export's whole content, pinned: every cell's value and type, the styles a reader sees (fills, fonts,
number formats, alignment, quote prefix), column widths, frozen panes, filters and sheet names. The golden files
were written by the cell-by-cell writer before it became a streaming one, so the two are proved to write the same
workbook (on both engines)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from conftest import SAMPLES, matches_golden, run, write
from test_export import NASTY

pytestmark = pytest.mark.usefixtures("engine")

GOLDEN = Path(__file__).parent / "golden" / "export-xlsx"
MASKED = "<when it ran>"
"""In place of a time the test run itself stamps (``Recorded (UTC)``, ``Imported``)."""


def _value(value: object, paths: tuple[str, ...]) -> object:
    if isinstance(value, datetime | date):
        return f"{type(value).__name__}:{value.isoformat()}"
    if isinstance(value, str):
        for path, name in zip(paths, ("<samples>", "<tmp>"), strict=True):
            value = value.replace(path, name)
    return value


def _masked(sheet: Any) -> set[tuple[int, int]]:
    """The cells holding a time stamped as the test ran: History's ``Recorded (UTC)`` column, Summary's
    ``Imported``."""
    out = set()
    for row in sheet.iter_rows():
        for c in row:
            if c.value == "Recorded (UTC)" and c.row == 1:
                out |= {(n, c.column) for n in range(2, sheet.max_row + 1)}
            if c.value == "Imported" and sheet.title == "Summary":
                out.add((c.row, c.column + 1))
    return out


def _colour(colour: Any) -> object:
    """A colour as its kind and value (``rgb``, ``theme`` or ``indexed``), None when there is none."""
    return None if colour is None else [colour.type, getattr(colour, colour.type)]


def _style(c: Any) -> dict[str, object]:
    return {
        "type": c.data_type,
        "format": c.number_format,
        "font": [c.font.b, _colour(c.font.color), c.font.name, c.font.sz],
        "fill": [c.fill.fill_type, _colour(c.fill.fgColor), _colour(c.fill.bgColor)],
        "align": [c.alignment.wrap_text, c.alignment.vertical, c.alignment.horizontal],
        "quote": c.quotePrefix,
    }


def dump(path: Path, *paths: str) -> dict[str, object]:
    """What a reader of the workbook at ``path`` sees, sheet by sheet, each cell as ``A1 style N: value`` (N: its
    place in ``styles``); ``paths``: machine-dependent folders, shown as ``<samples>`` and ``<tmp>``."""
    sheets: list[object] = []
    styles: list[dict[str, object]] = []
    for sheet in openpyxl.load_workbook(path):
        masked = _masked(sheet)
        cells = []
        for row in sheet.iter_rows():
            for c in row:
                if c.value is None and not c.has_style:
                    continue
                value = MASKED if (c.row, c.column) in masked and c.value is not None else _value(c.value, paths)
                style = _style(c)
                if style not in styles:
                    styles.append(style)
                cells.append(f"{c.coordinate} style {styles.index(style)}: {value!r}")
        sheets.append(
            {
                "name": sheet.title,
                "freeze": sheet.freeze_panes,
                "filter": sheet.auto_filter.ref,
                "widths": [f"{d.min}-{d.max}: {d.width}" for d in sheet.column_dimensions.values()],
                "cells": cells,
            }
        )
    return {"styles": styles, "sheets": sheets}


def test_xlsx_of_the_sample_with_updates_is_the_workbook_pinned(tmp_path: Path) -> None:
    assert run("import", str(SAMPLES / "child-t.md")).exit_code == 0
    assert run("update", "Riverside Health", "4", "--note", "line one\nline two", "--by", "Ann").exit_code == 0
    assert run("update", "Northshire Police", "1", "--status", "in-progress", "--note", "x" * 70).exit_code == 0
    out = tmp_path / "board.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0
    assert matches_golden(dump(out, str(SAMPLES), str(tmp_path)), GOLDEN / "child-t.json")


def test_xlsx_of_formulas_control_characters_and_a_cut_cell_is_the_workbook_pinned(tmp_path: Path) -> None:
    assert run("import", write(tmp_path, "nasty.md", NASTY)).exit_code == 0
    assert run("update", "Police", "2", "--note", "\t=1+2", "--by", "\r=2+3").exit_code == 0
    assert run("update", "Police", "3", "--note", "first\x0bsecond\x01third").exit_code == 0
    out = tmp_path / "nasty.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0
    assert matches_golden(dump(out, str(SAMPLES), str(tmp_path)), GOLDEN / "nasty.json")


def test_xlsx_of_infant_y_with_the_plans_own_columns_is_the_workbook_pinned(infant_y: Path, tmp_path: Path) -> None:
    assert run("import", str(infant_y)).exit_code == 0
    out = tmp_path / "infant-y.xlsx"
    assert run("export", "-o", str(out)).exit_code == 0
    assert matches_golden(dump(out, str(infant_y.parent), str(tmp_path)), GOLDEN / "infant-y.json")
