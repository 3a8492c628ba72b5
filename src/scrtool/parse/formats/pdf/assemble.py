"""The pages read from a PDF -> the document's blocks in reading order: tables joined over page breaks, text
between them as paragraphs and headings, pages without ruling lines through the aligned-table reader; each
block's line an ordinal whose Place is its page."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ...tables import Block, Places
from ...words import bare
from .join import Joined, Shades, same_edges, to_table
from .page import Line, PageData, Piece
from .text import ZONE, Styles, furniture, paragraphs, unruled

REACHED = 2.5
"""A table's piece reached the bottom of its page when it ends within this many text sizes of the lowest text
of pages of its size: a row split there has its rest on the next page."""


def blocks_of(pages: Sequence[PageData], places: Places, shades: Shades) -> tuple[list[Block], list[int]]:
    """The blocks, and the pages whose text stands in columns without ruling lines (not read as tables); cells
    shaded in a hue that names no RAG word counted in ``shades``."""
    drop = furniture(pages)
    styles = Styles(pages)
    seen = _words(pages)
    bottoms = _bottoms(pages, drop)
    out: list[Block] = []
    columns: list[int] = []
    table: Joined | None = None
    run: list[tuple[int, list[Line]]] = []  # pages without ruling lines, read together
    for page in pages:
        items = [item for item in page.items if not (isinstance(item, Line) and id(item) in drop)]
        if not any(isinstance(item, Piece) for item in items):
            if table is not None:
                out.append(to_table(table, places, seen, shades))
                table = None
            run.append((page.number, [item for item in items if isinstance(item, Line)]))
            continue
        if run:
            _unruled(out, columns, run, styles, places)
            run = []
        right = max((item.x1 for item in items if isinstance(item, Line)), default=page.width)
        lines: list[Line] = []
        for at, item in enumerate(items):
            if isinstance(item, Line):
                if table is not None:
                    out.append(to_table(table, places, seen, shades))
                    table = None
                lines.append(item)
                continue
            if lines:
                out.extend(paragraphs(lines, page.number, right, styles, places))
                lines = []
            if table is not None and table.last is not None and at == 0 and same_edges(table.edges, item.edges):
                geometry = bottoms.get((round(page.width), round(page.height)), 0.0)
                table.add(item, geometry - table.last.bottoms[-1] <= REACHED * styles.body)
                continue
            if table is not None:
                out.append(to_table(table, places, seen, shades))
            table = Joined(item.edges)
            table.add(item, False)
        if lines:
            out.extend(paragraphs(lines, page.number, right, styles, places))
    if table is not None:
        out.append(to_table(table, places, seen, shades))
    if run:
        _unruled(out, columns, run, styles, places)
    return out, columns


def _unruled(
    out: list[Block], columns: list[int], run: list[tuple[int, list[Line]]], styles: Styles, places: Places
) -> None:
    blocks, found = unruled(run, styles, places)
    out.extend(blocks)
    columns.extend(found)


def _words(pages: Sequence[PageData]) -> set[str]:
    """The words the document spells out whole (a name such as ``Oxfordshire`` that no word list has)."""
    return {
        word
        for line in _lines(pages)
        for token in line.text.split(" ")
        if len(word := bare(token)) > 2 and word.isalpha()
    }


def _lines(pages: Sequence[PageData]) -> Iterator[Line]:
    for page in pages:
        for item in page.items:
            if isinstance(item, Line):
                yield item
            else:
                for row in item.rows:
                    for cell in row:
                        if cell is not None:
                            yield from cell.lines


def _bottoms(pages: Sequence[PageData], drop: set[int]) -> dict[tuple[int, int], float]:
    """The lowest text or rule of the pages of each size (portrait and landscape pages apart)."""
    bottoms: dict[tuple[int, int], float] = {}
    for page in pages:
        key = (round(page.width), round(page.height))
        for item in page.items:
            if isinstance(item, Line) and id(item) in drop:
                continue
            low = item.box[3] if isinstance(item, Piece) else item.bottom
            bottoms[key] = max(bottoms.get(key, 0.0), low)
    return bottoms


def _body(page: PageData) -> list[Line | Piece]:
    """The page's items without the lines where running headers and footers are."""
    return [
        item
        for item in page.items
        if isinstance(item, Piece) or page.height * ZONE <= item.top <= page.height * (1 - ZONE)
    ]


def ends_in_table(page: PageData) -> bool:
    body = _body(page)
    return bool(body) and isinstance(body[-1], Piece)


def starts_with_table(page: PageData, before: PageData) -> bool:
    """The page starts with a table of as many columns as the table ending the page before (the same table
    going on, or the plan's next table)."""
    body, previous = _body(page), _body(before)
    return (
        bool(body)
        and isinstance(body[0], Piece)
        and bool(previous)
        and isinstance(previous[-1], Piece)
        and len(body[0].edges) == len(previous[-1].edges)
    )
