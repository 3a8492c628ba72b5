"""The one CSV writer and the one markdown table writer of scrtool, and the board's csv, json and markdown exports
built on them (the rows come from rows.py).

CSV: RFC 4180 quoting, ``\\n`` line ends (standard output cannot carry a CR: the terminal sanitiser shows it as a
placeholder), a CR or CR LF inside a cell written as ``\\n`` (as the xlsx does: so the cell is quoted and the row
holds), and a cell that starts like a formula gets a leading ``'`` (``safe.spreadsheet``).
Markdown: a pipe table whose cells are escaped so that report text shows as written (``safe.markdown_cell``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from . import safe
from .rows import COLUMNS, by_agency, change, extra_headers, row_values

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from ..questions.board import Board

_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n"})
_BREAK_CHARS = re.compile("[\r\x0b\x0c]")


def write_csv(out: SupportsWrite[str], header: Sequence[str] | None, rows: Iterable[Sequence[str]]) -> int:
    """A header line (if any), then each row, every cell spreadsheet-safe; how many rows."""
    writer = csv.writer(out, lineterminator="\n")
    if header is not None:
        writer.writerow(header)
    count = 0
    for row in rows:
        writer.writerow(
            [safe.spreadsheet(cell.replace("\r\n", "\n").replace("\r", "\n") if "\r" in cell else cell) for cell in row]
        )
        count += 1
    return count


def markdown_header(headings: Sequence[str]) -> str:
    """The heading line and the rule line of a markdown table, the headings escaped as cells are."""
    return markdown_row(headings) + "|" + "---|" * len(headings) + "\n"


def markdown_row(cells: Sequence[str]) -> str:
    """One line of a markdown table, each cell escaped (line breaks shown as `` / ``)."""
    return "| " + " | ".join(safe.markdown_cell(line_breaks(c)) for c in cells) + " |\n"


def line_breaks(text: str) -> str:
    """CR LF, CR, vertical tab and form feed (Word's line and page breaks) as newlines."""
    if _BREAK_CHARS.search(text) is None:  # most text: one scan (translate sets up a table on every call)
        return text
    return text.replace("\r\n", "\n").translate(_BREAKS)


# -- the board's exports -----------------------------------------------------------------------------------------


def to_csv(board: Board) -> str:
    """Every action, one a row, in COLUMNS then the plan's own columns (``plan: <header>``)."""
    extras = extra_headers(board)
    out = io.StringIO()
    write_csv(
        out, [c.key for c in COLUMNS] + [f"plan: {h}" for h in extras], (row_values(row, extras) for row in board.rows)
    )
    return out.getvalue()


MARKDOWN_HEADINGS = ("No.", "Status", "RAG", "Due", "Action", "Outcome", "Cited by", "Last update")


def to_markdown(board: Board) -> str:
    """A heading and a table per agency; report text escaped so that it shows as written."""
    return "".join(_markdown_lines(board)).rstrip("\n") + "\n"


def _markdown_lines(board: Board) -> Iterator[str]:
    def cell(text: str) -> str:
        return safe.markdown_cell(line_breaks(text))

    rep = board.summary.report
    yield (
        f"# {cell(rep.id)}: {cell(rep.title)}\n\nEvery action as of {board.today.isoformat()}, completed ones "
        "included.\n\n"
    )
    for agency, rows in by_agency(board):
        done = sum(r.action.status.is_done for r in rows)
        yield f"## {cell(agency)}\n\n{done} of {len(rows)} actions completed.\n\n" + markdown_header(MARKDOWN_HEADINGS)
        for r in rows:
            a, e = r.action, r.last_update
            update = "" if e is None else " ".join(filter(None, (e.on, e.by, change(e), e.note)))
            yield markdown_row(
                (
                    a.number or "-",
                    a.status.value,
                    r.rag.value if r.rag else "-",
                    a.due or "-",
                    a.text,
                    a.outcome,
                    "; ".join(c.label() for c in r.cited_by) or "-",
                    update or "-",
                )
            )
        yield "\n"
