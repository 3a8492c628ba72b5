"""Board exports: every action of a report, closed ones included, as csv, xlsx, json or markdown.

Each file is written whole or not at all, owner-only, never through a link or into a device (outfile.py): an
export that fails half-way leaves an earlier file at that path as it was. Report text is data in every format: a
cell that starts like a formula is never evaluated by a spreadsheet (csv: a leading ``'``; xlsx: a typed string
cell with Excel's quote prefix), characters XML cannot hold are replaced in the xlsx, and a cell longer than an
Excel cell can hold is cut there and reported.

pandas and openpyxl are imported only by the xlsx writer: the query commands never pay for them.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import io
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from . import outfile, safe
from .choices import ExportFormat

if TYPE_CHECKING:
    from ..model import HistoryEntry, RecRef
    from ..questions.board import Board, BoardRow


SUFFIXES = {".csv": ExportFormat.CSV, ".xlsx": ExportFormat.XLSX, ".json": ExportFormat.JSON,
            ".md": ExportFormat.MARKDOWN, ".markdown": ExportFormat.MARKDOWN}


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    """The csv header (stable, machine-readable)."""
    heading: str
    """The xlsx header."""
    kind: str = "text"
    """text, date or int: how the xlsx types the cell."""


COLUMNS = (
    Column("report", "Report"), Column("agency", "Agency"), Column("lead", "Lead"), Column("number", "No."),
    Column("status", "Status"), Column("status_text", "Status in plan"), Column("rag", "RAG"),
    Column("target", "Target", "date"), Column("due", "Due", "date"), Column("text", "Action"),
    Column("outcome", "Outcome"), Column("cited_by", "Cited by"), Column("updated", "Last update", "date"),
    Column("update_source", "Update source"), Column("update_by", "Updated by"),
    Column("update_change", "Status change"), Column("update_note", "Update note"),
    Column("update_evidence", "Evidence"), Column("file", "File"), Column("line", "Line", "int"),
    Column("id", "Id"),
)
"""The columns of the csv and of each agency sheet of the xlsx (which leaves out ``report``: it is on the summary
sheet), followed by one column for each extra column of the plan (``plan: <header>``)."""

XLSX_CELL_LIMIT = 32767
"""Characters (UTF-16 code units) an Excel cell holds; Excel and both pandas engines cut longer text silently."""
CUT_MARK = " \u2026 [cut]"
SHEET_NAME_LIMIT = 31
MAX_WIDTH = 60
RAG_FILLS = {"red": ("FFC7CE", "9C0006"), "amber": ("FFEB9C", "9C5700"), "green": ("C6EFCE", "006100"),
             "blue": ("BDD7EE", "1F4E79")}
"""RAG -> (fill, font colour): Excel's own good/neutral/bad cell colours."""
HEADER_FILL = "D9E1F2"

_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
"""Characters an xlsx (XML 1.0) cannot hold: openpyxl's ILLEGAL_CHARACTERS_RE, non-characters and surrogates."""
_BREAKS = str.maketrans({"\r": "\n", "\x0b": "\n", "\x0c": "\n"})
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_RESERVED_SHEETS = ("summary", "history")


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
        outfile.write_binary(path, lambda handle: write_xlsx(handle, board, done.warnings), "xlsx")
    else:
        text = {ExportFormat.CSV: to_csv, ExportFormat.JSON: to_json, ExportFormat.MARKDOWN: to_markdown}[fmt](board)
        outfile.write_text(path, text, "utf-8-sig" if fmt is ExportFormat.CSV else "utf-8")
    return done


# -- the rows, shared by every format ---------------------------------------------------------------------------


def _label(ref: RecRef) -> str:
    return ref.label()


def _change(entry: HistoryEntry | None) -> str:
    if entry is None or entry.to_status is None:
        return ""
    return (f"{entry.from_status.value} -> " if entry.from_status else "") + entry.to_status.value


def extra_headers(board: Board) -> list[str]:
    """The plan's own extra column headers, in order of first appearance."""
    seen: dict[str, None] = {}
    for row in board.rows:
        for header, _ in row.action.extra:
            seen.setdefault(header, None)
    return list(seen)


def row_values(row: BoardRow, extras: Sequence[str]) -> list[str]:
    """The cells of one action in the order of COLUMNS then ``extras``, as text ("" for nothing)."""
    a, e = row.action, row.last_update
    values = [a.report, a.agency, a.lead, a.number or "", a.status.value, a.status_text,
              row.rag.value if row.rag else "",
              a.target or "", a.due or "", a.text, a.outcome, "; ".join(map(_label, row.cited_by)), a.updated or "",
              e.source if e else "", (e.by or "") if e else "", _change(e), (e.note or "") if e else "",
              (e.evidence or "") if e else "", a.source.file, a.source.at(), a.id]
    extra = dict(a.extra)
    return values + [extra.get(header, "") for header in extras]


def to_csv(board: Board) -> str:
    """Every action, one a row; a cell that starts like a formula gets a leading ``'``."""
    extras = extra_headers(board)
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([c.key for c in COLUMNS] + [f"plan: {h}" for h in extras])
    for row in board.rows:
        writer.writerow([safe.spreadsheet(cell) for cell in row_values(row, extras)])
    return out.getvalue()


def _ref_dict(ref: RecRef) -> dict[str, str]:
    return {"kind": ref.kind.value, "number": ref.number}


def _entry_dict(e: HistoryEntry | None) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"id": e.ident, "on": e.on, "recorded_at": e.recorded_at, "source": e.source, "by": e.by,
            "from": e.from_status.value if e.from_status else None, "to": e.to_status.value if e.to_status else None,
            "status_text": e.status_text, "note": e.note, "evidence": e.evidence, "due": e.due, "reason": e.reason,
            "rag": e.rag, "rag_reason": e.rag_reason}


def to_json(board: Board) -> str:
    """A list of action objects (the contract of ``list --format json``) with ``cited_by`` and ``last_update``."""
    from . import formats

    return formats.dumps([{**formats.action_dict(r.action, r.rating),
                           "cited_by": [_ref_dict(c) for c in r.cited_by],
                           "last_update": _entry_dict(r.last_update)} for r in board.rows]) + "\n"


def by_agency(board: Board) -> list[tuple[str, list[BoardRow]]]:
    """The rows grouped by agency, in the order (and with the names) of the summary."""
    from ..names import fold

    groups: dict[str, list[BoardRow]] = {fold(c.agency): [] for c in board.summary.agencies}
    names = {fold(c.agency): c.agency for c in board.summary.agencies}
    for row in board.rows:
        key = fold(row.action.agency)
        groups.setdefault(key, []).append(row)
        names.setdefault(key, row.action.agency)
    return [(names[key], rows) for key, rows in groups.items() if rows]


def line_breaks(text: str) -> str:
    """CR LF, CR, vertical tab and form feed (Word's line and page breaks) as newlines."""
    return text.replace("\r\n", "\n").translate(_BREAKS)


def to_markdown(board: Board) -> str:
    """A heading and a table per agency; report text escaped so that it shows as written."""

    def cell(text: str) -> str:
        return safe.markdown_cell(line_breaks(text))

    rep = board.summary.report
    lines = [f"# {cell(rep.id)}: {cell(rep.title)}", "", f"Every action as of {board.today.isoformat()}, completed "
             "ones included.", ""]
    for agency, rows in by_agency(board):
        done = sum(r.action.status.is_done for r in rows)
        lines += [f"## {cell(agency)}", "", f"{done} of {len(rows)} actions completed.", "",
                  "| No. | Status | RAG | Due | Action | Outcome | Cited by | Last update |",
                  "|---|---|---|---|---|---|---|---|"]
        for r in rows:
            a, e = r.action, r.last_update
            update = "" if e is None else " ".join(filter(None, (e.on, e.by, _change(e), e.note)))
            cells = (a.number or "-", a.status.value, r.rag.value if r.rag else "-", a.due or "-", a.text, a.outcome,
                     "; ".join(map(_label, r.cited_by)) or "-", update or "-")
            lines.append("| " + " | ".join(cell(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)


# -- xlsx ------------------------------------------------------------------------------------------------------


def xml_text(text: str) -> str:
    """Text an xlsx can hold: a vertical tab or form feed (Word's line and page breaks) becomes a newline, any
    other character XML forbids the replacement character; a CR (alone or before LF) becomes a newline here, as
    XML would make it on reading."""
    return _XML_ILLEGAL.sub(safe.PLACEHOLDER, line_breaks(text))


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def cut(text: str, limit: int) -> str:
    """The longest start of ``text`` of at most ``limit`` UTF-16 code units, never half a surrogate pair."""
    return text.encode("utf-16-le", "surrogatepass")[:2 * limit].decode("utf-16-le", "ignore")


def cell_text(text: str, where: str, warnings: list[str]) -> str:
    """``text`` made fit for an xlsx cell; a cut is reported in ``warnings`` naming ``where``."""
    clean = xml_text(text)
    size = utf16_len(clean)
    if size <= XLSX_CELL_LIMIT:
        return clean
    warnings.append(f"{where} cut to {XLSX_CELL_LIMIT:,} characters in the xlsx (it has {size:,}); the csv and "
                    "json exports keep it whole")
    return cut(clean, XLSX_CELL_LIMIT - len(CUT_MARK)) + CUT_MARK


def sheet_names(agencies: Sequence[str]) -> list[str]:
    """A valid, unique sheet name for each agency: at most 31 characters, none of ``[]:*?/\\``, not starting or
    ending with ``'``, unique ignoring case, and never ``Summary`` or ``History``."""
    taken = set(_RESERVED_SHEETS)
    names = []
    for agency in agencies:
        base = " ".join(_SHEET_FORBIDDEN.sub("-", _XML_ILLEGAL.sub("", agency)).split()).strip(" '") or "Agency"
        name = cut(base, SHEET_NAME_LIMIT).strip(" '")
        n = 1
        while name.casefold() in taken:
            n += 1
            suffix = f" ({n})"
            name = cut(base, SHEET_NAME_LIMIT - len(suffix)).strip(" '") + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _typed(value: str, kind: str) -> object:
    if not value:
        return None
    with contextlib.suppress(ValueError):  # not what the store writes: then shown as the text it is
        if kind == "date":
            return date.fromisoformat(value)
        if kind == "int":
            return int(value)
    return value


def summary_tables(board: Board) -> tuple[list[str], list[list[object]], list[str], list[list[object]]]:
    """The summary sheet's two tables (headings, rows): per agency as ``scrtool summary`` shows it (actions, each
    status, completed %, red/amber/green), and per recommendation (cited actions, completed, %)."""
    from ..model import short_label

    s = board.summary
    ratings = s.ratings()
    shown = s.statuses()
    agency_head = (["Agency", "Actions"] + [st.value.replace("-", " ").capitalize() for st in shown] +
                   ["Completed %", *(r.value.capitalize() for r in ratings)])
    agency_rows: list[list[object]] = []
    for count in s.agencies:
        rags = s.rag.get(count.agency, {})
        agency_rows.append([count.agency, count.total, *(count.shown_count(st) for st in shown),
                            count.progress.percent, *(rags.get(r, 0) for r in ratings)])
    rec_head = ["Rec", "Recommendation", "Cited actions", "Completed", "Completed %"]
    rec_rows: list[list[object]] = [
        [short_label(rec.kind, rec.number), rec.text, p.total, p.completed,
         p.percent if p.total else None] for rec in s.recommendations for p in (rec.progress,)]
    return agency_head, agency_rows, rec_head, rec_rows


def write_xlsx(handle: IO[bytes], board: Board, warnings: list[str]) -> None:
    """A "Summary" sheet, then one sheet per agency with every action; RAG cells coloured, header frozen, column
    widths fitted; every string cell is a string, never a formula."""
    import pandas as pd  # type: ignore[import-untyped, unused-ignore]

    extras = extra_headers(board)
    columns = [c for c in COLUMNS if c.key != "report"] + [Column(f"plan: {h}", f"plan: {h}") for h in extras]
    skip = [c.key for c in COLUMNS].index("report")
    groups = by_agency(board)
    names = sheet_names([agency for agency, _ in groups])
    with pd.ExcelWriter(handle, engine="openpyxl", date_format="YYYY-MM-DD") as writer:
        agency_head, agency_rows, rec_head, rec_rows = summary_tables(board)
        text = _summary_cells(agency_rows, rec_rows, warnings)
        pd.DataFrame(text[0], columns=agency_head, dtype=object).to_excel(writer, sheet_name="Summary", index=False)
        recs_at = len(agency_rows) + 2
        pd.DataFrame(text[1], columns=rec_head, dtype=object).to_excel(writer, sheet_name="Summary", index=False,
                                                                       startrow=recs_at)
        rep = board.summary.report
        about = [["Report", rep.id], ["Title", rep.title], ["As of", board.today.isoformat()],
                 ["Source file", rep.source_file], ["Imported", rep.imported_at],
                 ["RAG", "the latest judgement (the plan's RAG, or update --rag), else scrtool's rule (see its "
                  "README); overdue is red"]]
        about = [[label, cell_text(value, f"Summary: {label}", warnings)] for label, value in about]
        pd.DataFrame(about, dtype=object).to_excel(writer, sheet_name="Summary", index=False, header=False,
                                                   startrow=recs_at + len(rec_rows) + 2)
        _style_summary(writer.sheets["Summary"], agency_head, recs_at)
        for (agency, rows), name in zip(groups, names, strict=True):
            data = []
            for r in rows:
                values = row_values(r, extras)
                del values[skip]
                where = f"{agency} {r.action.number or '(response, ' + r.action.source.where() + ')'}"
                data.append([_typed(cell_text(v, f"{where}: {c.heading}", warnings), c.kind)
                             for v, c in zip(values, columns, strict=True)])
            frame = pd.DataFrame(data, columns=[c.heading for c in columns], dtype=object)
            frame.to_excel(writer, sheet_name=name, index=False)
            _style_sheet(writer.sheets[name], columns)
        for sheet in writer.book.worksheets:
            _strings_stay_strings(sheet)


def _summary_cells(agency_rows: list[list[object]], rec_rows: list[list[object]], warnings: list[str]
                   ) -> tuple[list[list[object]], list[list[object]]]:
    agencies = [[cell_text(str(row[0]), "Summary: agency name", warnings), *row[1:]] for row in agency_rows]
    recs = [[cell_text(str(row[0]), "Summary: recommendation number", warnings),
             cell_text(str(row[1]), f"Summary: recommendation {row[0]}", warnings), *row[2:]] for row in rec_rows]
    return agencies, recs


def _strings_stay_strings(sheet: Any) -> None:
    """openpyxl (and so pandas) stores a string starting with ``=`` as a live formula: make every such cell a
    string again, and give any cell that starts like a formula Excel's quote prefix, so that editing it in Excel
    keeps it text."""
    for row in sheet.iter_rows():
        for c in row:
            if c.data_type == "f" or (isinstance(c.value, str) and safe.spreadsheet(c.value) != c.value):
                c.data_type = "s"
                c.quotePrefix = True


def _header(sheet: Any, row: int, count: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    for col in range(1, count + 1):
        c = sheet.cell(row=row, column=col)
        c.font = Font(bold=True)
        c.fill = PatternFill(fill_type="solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
        c.alignment = Alignment(wrap_text=True, vertical="top")


@functools.cache
def _rag_style(rating: str, bold: bool) -> tuple[Any, Any]:
    from openpyxl.styles import Font, PatternFill  # type: ignore[import-untyped, unused-ignore]

    fill, font = RAG_FILLS[rating]
    return PatternFill(fill_type="solid", start_color=fill, end_color=fill), Font(color=font, bold=bold)


def _rag_fill(c: Any, rating: str) -> None:
    c.fill, c.font = _rag_style(rating, bool(c.font.b))


def _width(value: object) -> int:
    if value is None:
        return 0
    if isinstance(value, date):
        return 10
    return max(len(line) for line in str(value).split("\n"))


def _fit(sheet: Any, minimum: int = 6) -> None:
    """Each column as wide as its longest line (header included), at most MAX_WIDTH; the text of a column with
    longer or several lines wraps (styling only those cells: openpyxl styles a cell in some 40 microseconds)."""
    from openpyxl.styles import Alignment  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.utils import get_column_letter  # type: ignore[import-untyped, unused-ignore]

    widths: dict[int, int] = {}
    wrap: set[int] = set()
    for row in sheet.iter_rows(min_row=2):
        for c in row:
            widths[c.column] = max(widths.get(c.column, minimum), _width(c.value))
            if isinstance(c.value, str) and "\n" in c.value:
                wrap.add(c.column)
    for c in sheet[1]:
        widths[c.column] = max(widths.get(c.column, minimum), _width(c.value))
    top = Alignment(wrap_text=True, vertical="top")
    for col, width in widths.items():
        sheet.column_dimensions[get_column_letter(col)].width = min(width, MAX_WIDTH) + 2
        if width > MAX_WIDTH:
            wrap.add(col)
    for col in sorted(wrap):
        for (c,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
            if isinstance(c.value, str):
                c.alignment = top


def _style_sheet(sheet: Any, columns: Sequence[Column]) -> None:
    sheet.freeze_panes = "A2"
    _header(sheet, 1, len(columns))
    _fit(sheet)
    rag_col = [c.key for c in columns].index("rag") + 1
    for row in sheet.iter_rows(min_row=2, min_col=rag_col, max_col=rag_col):
        for c in row:
            if c.value in RAG_FILLS:
                _rag_fill(c, str(c.value))
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions


def _style_summary(sheet: Any, agency_head: Sequence[str], recs_at: int) -> None:
    sheet.freeze_panes = "A2"
    _header(sheet, 1, len(agency_head))
    _header(sheet, recs_at + 1, 5)
    for col, heading in enumerate(agency_head, start=1):
        if heading.lower() in RAG_FILLS:
            _rag_fill(sheet.cell(row=1, column=col), heading.lower())
    _fit(sheet)
