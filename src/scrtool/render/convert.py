"""A view in the format a command was asked for: a rich view drawn as a table, or turned into TSV lines, CSV or
markdown; JSON from the command's own contract (render/formats.py). One place handles every ``Format``."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, assert_never

from . import safe
from .choices import Format

if TYPE_CHECKING:
    from rich.console import RenderableType

    from .stream import Stream


def write(console: Stream, fmt: Format, view: Callable[[], RenderableType], as_json: Callable[[], str]) -> None:
    """``view`` (made only when a table, TSV, CSV or markdown is asked for) or ``as_json`` written in ``fmt``
    (without importing rich: JSON does not need it)."""
    match fmt:
        case Format.TABLE:
            console.draw(view())
        case Format.TSV:
            from .views import lines

            console.lines(lines(view()))
        case Format.CSV:
            console.write(csv_text(view()))
        case Format.MARKDOWN:
            console.write(markdown(view()))
        case Format.JSON:
            console.write(as_json() + "\n")
        case _:
            assert_never(fmt)


def _parts(view: object) -> Iterator[object]:
    """The texts and tables of a view, in order (a Group's parts, flattened)."""
    from rich.console import Group

    if isinstance(view, Group):
        for part in view.renderables:
            yield from _parts(part)
    else:
        yield view


def _plain(item: object) -> str:
    from rich.text import Text

    return item.plain if isinstance(item, Text) else str(item)


def _rows(table: object) -> Iterator[list[str]]:
    """A rich table's header (when shown) and rows as plain cells."""
    from rich.table import Table

    assert isinstance(table, Table)
    if table.show_header:
        yield [_plain(c.header) for c in table.columns]
    for cells in zip(*(c.cells for c in table.columns), strict=True):
        yield [_plain(c) for c in cells]


def csv_text(view: RenderableType) -> str:
    """The view's table as CSV (its text lines, a heading or a title, left out: a CSV is one table) through
    textual.py's one CSV writer; a cell the table shows as ``-`` (none) is empty, as in ``list``'s CSV."""
    from rich.table import Table

    from .textual import write_csv

    buffer = io.StringIO()
    for part in _parts(view):
        if isinstance(part, Table):
            write_csv(buffer, None, (["" if cell == "-" else cell for cell in row] for row in _rows(part)))
    return buffer.getvalue()


def markdown(view: RenderableType) -> str:
    """The view as markdown: each text line a paragraph, each table a markdown table under its title (textual.py's
    one markdown table writer)."""
    from rich.table import Table

    from .textual import markdown_header, markdown_row

    blocks: list[str] = []
    for part in _parts(view):
        if not isinstance(part, Table):
            blocks.append(safe.markdown_cell(_plain(part)))
            continue
        if part.title:
            blocks.append(safe.markdown_cell(_plain(part.title)))
        rows = list(_rows(part))
        if not part.show_header:
            rows.insert(0, [""] * len(part.columns))
        blocks.append((markdown_header(rows[0]) + "".join(map(markdown_row, rows[1:]))).rstrip("\n"))
    return "\n\n".join(blocks) + "\n"
