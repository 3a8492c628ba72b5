"""Board exports: every action of a report, closed ones included, as csv, xlsx, json or markdown.

Each file is written whole or not at all, owner-only, never through a link or into a device (outfile.py): an
export that fails half-way leaves an earlier file at that path as it was. The rows are built once (rows.py); the
csv, json and markdown writers are in textual.py, the xlsx writer in xlsx.py (openpyxl, imported only there).
Report text is data in every format: a cell that starts like a formula is never evaluated by a spreadsheet.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import outfile
from .choices import ExportFormat

if TYPE_CHECKING:
    from ..questions.board import Board


SUFFIXES = {
    ".csv": ExportFormat.CSV,
    ".xlsx": ExportFormat.XLSX,
    ".json": ExportFormat.JSON,
    ".md": ExportFormat.MARKDOWN,
    ".markdown": ExportFormat.MARKDOWN,
}


@dataclass(slots=True)
class Written:
    """What an export wrote."""

    path: str
    format: ExportFormat
    report: str
    actions: int
    warnings: list[str] = field(default_factory=list)
    """One line for each cell cut to fit a spreadsheet cell."""


def format_for(path: str) -> ExportFormat | None:
    """The format a file name's extension implies (``.csv``, ``.xlsx``, ``.json``, ``.md``), if any."""
    return SUFFIXES.get(os.path.splitext(path)[1].lower())


def export(board: Board, path: str, fmt: ExportFormat) -> Written:
    """Write every action of ``board`` to ``path`` (``-``: standard output) in ``fmt``; a file whole or not at all
    (outfile.py)."""
    done = Written(path, fmt, board.summary.report.id, len(board.rows))
    if fmt is ExportFormat.XLSX:
        from .xlsx import write_xlsx

        outfile.write_binary(path, lambda handle: write_xlsx(handle, board, done.warnings), "xlsx")
        return done
    from . import formats, textual

    writers = {
        ExportFormat.CSV: textual.to_csv,
        ExportFormat.JSON: formats.board_json,
        ExportFormat.MARKDOWN: textual.to_markdown,
    }
    outfile.write_text(path, writers[fmt](board), "utf-8-sig" if fmt is ExportFormat.CSV else "utf-8")
    return done
