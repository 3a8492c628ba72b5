"""Tables that fit the terminal: ids, numbers and dates kept whole, long text wrapped at its words.

rich shrinks every wrappable column alike when a table is too wide, so a status or a file name is cut mid-word
while a long note keeps its room. ``Fitted`` gives each wrapped column at least its longest word (up to
``LONGEST_WORD``: a URL or a hash folds) and shares the rest of the width in proportion to how much text each
holds; the kept columns (``no_wrap``) keep their whole width. It never draws wider than the width it is given,
unless the kept columns alone are wider (then rich's own reduction decides). When the words do not fit either, the
longest words give way first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Column, Table
from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

LONGEST_WORD = 20
"""A wrapped column is never narrower than its longest word, up to this many cells."""
SHORT = 24
"""A wrapped column whose longest text is at most this wide (a name, a status change) is kept on one line when the
long text beside it can still wrap at its words."""


class Fitted(Table):
    """A rich table whose wrapped columns share the width as the module says, laid out again at every draw."""

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = shares(self, options.max_width)
        for column, width in zip(self.columns, widths, strict=True):
            if not column.no_wrap:
                column.width = width
        yield from super().__rich_console__(console, options)


def _plain(cell: object) -> str:
    return cell.plain if isinstance(cell, Text) else str(cell)


def _sizes(column: Column) -> tuple[int, int]:
    """The column's widest line and its longest word (capped, but never under the column's ``min_width``: a date
    at the start of a wrapped cell), header included."""
    texts = [_plain(column.header), *(_plain(c) for c in column.cells)]
    widest = max((cell_len(line) for text in texts for line in text.split("\n")), default=1)
    longest = max((cell_len(word) for text in texts for word in text.split()), default=1)
    return max(widest, column.min_width or 1), max(min(longest, LONGEST_WORD), column.min_width or 1)


def shares(table: Table, width: int) -> list[int | None]:
    """Each wrapped column's width in ``width`` cells (None for the kept ones; for all, when there is not a cell
    for each wrapped column: then rich's own layout decides). With room to spare, an expanding table gives it to
    its text columns."""
    columns = table.columns
    left, right = table.padding[3], table.padding[1]
    room = width - table._extra_width - (left + right) * len(columns)  # noqa: SLF001 (rich's own border sum)
    sizes = [_sizes(c) for c in columns]
    wrapped = [i for i, c in enumerate(columns) if not c.no_wrap]
    room -= sum(sizes[i][0] for i, c in enumerate(columns) if c.no_wrap)
    natural = [sizes[i][0] for i in wrapped]
    least = [sizes[i][1] for i in wrapped]
    out: list[int | None] = [None] * len(columns)
    if len(wrapped) > room or (sum(natural) <= room and not table.expand):
        return out
    if sum(natural) <= room:  # room to spare: the text columns take it, not the numbers
        spare = room - sum(natural)
        total = sum(natural) or 1
        for i, n in zip(wrapped, natural, strict=True):
            out[i] = n + spare * n // total
        return out
    hard = [columns[i].min_width or 1 for i in wrapped]
    given = _water(least, natural, hard, room)
    if sum(given) > room:  # the minimums alone do not fit: rich's own reduction decides
        return out
    for i, share in zip(wrapped, given, strict=True):
        out[i] = share
    return out


def _water(least: list[int], natural: list[int], hard: list[int], room: int) -> list[int]:
    """``room`` shared out: a short text (an agency's name: ``SHORT``) stays on one line if the others can still
    have their least width; a column whose whole text fits in a fair share gets it; the others get their least
    width (``_squeeze``d to fit) and the rest in proportion to what each still lacks, the cells left by rounding
    down going to the widest."""
    given = list(natural)
    left = list(range(len(natural)))
    short = [i for i in left if natural[i] <= SHORT]
    spare = room
    if sum(natural[i] for i in short) + sum(least[i] for i in left if i not in short) <= room:
        spare -= sum(natural[i] for i in short)
        left = [i for i in left if i not in short]
    while left and (small := [i for i in left if natural[i] <= spare // len(left)]):
        spare -= sum(natural[i] for i in small)
        left = [i for i in left if i not in small]
    if not left:
        return given
    floor = _squeeze([least[i] for i in left], [natural[i] for i in left], [hard[i] for i in left], spare)
    lacking = [natural[i] - f for i, f in zip(left, floor, strict=True)]
    extra, total = spare - sum(floor), sum(lacking) or 1
    for i, f, lack in zip(left, floor, lacking, strict=True):
        given[i] = f + extra * lack // total
    for i in sorted(left, key=lambda k: -natural[k])[: spare - sum(given[i] for i in left)]:
        given[i] += 1
    return given


def _squeeze(least: list[int], natural: list[int], hard: list[int], room: int) -> list[int]:
    """The least widths, the largest (then the one with the most text) a cell narrower at a time until they fit
    in ``room``, none under its ``hard`` minimum: a short column (a status) keeps its word while a long note's
    words fold."""
    least = list(least)
    while sum(least) > room and (narrower := [k for k in range(len(least)) if least[k] > hard[k]]):
        i = max(narrower, key=lambda k: (least[k], natural[k]))
        least[i] -= 1
    return least
