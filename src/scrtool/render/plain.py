"""Plain output for pipes and files: one record a line, tab-separated, under a header line.

On a terminal scrtool draws rich tables cut to fit the width; when its output goes to a pipe or a file it writes
these lines instead, whole and quick to write (a list of 100,000 actions does not go through a table layout).
Report text is made safe the same way as on a terminal, and a tab or line break inside a cell becomes a space.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from ..model import Status
from ..query import Summary
from . import safe

_FLAT = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def t(text: str, style: str = "") -> Text:
    """Report text as a rich Text: never parsed as markup, control characters made visible."""
    return Text(safe.terminal(text), style=style)


def cell(text: str) -> str:
    return safe.terminal(text.translate(_FLAT))


def row(cells: Iterable[str]) -> str:
    """Cells joined by tabs; a cell's own tabs, line breaks and control characters are made safe."""
    parts = list(cells)
    line = "\t".join(parts)
    if line.count("\t") == len(parts) - 1 and not safe.UNSAFE_RE.search(line):
        return line
    return "\t".join(cell(c) for c in parts)


def action_lines(found: Sequence[tuple[str, ...]]) -> Iterator[str]:
    """Actions as (report, agency, number, status, rag, due, text, outcome); the report column only when the list
    spans several reports."""
    if not found:
        return
    many = len({line[0] for line in found}) > 1
    yield row((["report"] if many else []) + ["agency", "number", "status", "rag", "due", "text", "outcome"])
    for line in found:
        yield row(line if many else line[1:])


def summary(s: Summary) -> Iterator[str]:
    yield row([s.report.id, s.report.title])
    yield ""
    yield row(["agency", "actions", *(st.value for st in _statuses(s)), "red", "amber", "green", "percent completed"])
    for count in s.agencies:
        rags = {r.value: n for r, n in s.rag.get(count.agency, {}).items()}
        yield row([count.agency, str(count.total), *(str(count.counts.get(st, 0)) for st in _statuses(s)),
                   *(str(rags.get(r, 0)) for r in ("red", "amber", "green")), f"{count.progress.percent}%"])
    yield ""
    yield row(["recommendation", "cited", "completed", "percent completed", "text"])
    for rec, progress in s.recommendations:
        label = ("R" if rec.kind.value == "reminder" else "") + rec.number
        percent = f"{progress.percent}%" if progress.total else "-"
        yield row([label, str(progress.total), str(progress.completed), percent, rec.text])


def _statuses(s: Summary) -> list[Status]:
    return [st for st in Status if st is Status.COMPLETED or any(c.counts.get(st) for c in s.agencies)]


def renderable(item: object) -> Iterator[str]:
    """Any view: its text lines, and each table as a header line and one line a row."""
    if isinstance(item, Group):
        for part in item.renderables:
            yield from renderable(part)
    elif isinstance(item, Table):
        if item.title:
            yield cell(str(item.title))
        columns = item.columns
        if item.show_header:
            yield row(_text(c.header) for c in columns)
        for cells in zip(*(c.cells for c in columns), strict=True):
            yield row(_text(c) for c in cells)
    else:
        yield cell(_text(item))


def _text(item: object) -> str:
    return item.plain if isinstance(item, Text) else str(item)


def emit(console: Console, item: RenderableType) -> None:
    """Print a view: drawn as rich tables on a terminal, as plain lines into a pipe or a file."""
    if console.is_terminal:
        console.print(item)
    else:
        write(console, renderable(item))


def write(console: Console, lines: Iterable[str]) -> None:
    console.file.write("".join(line + "\n" for line in lines))
