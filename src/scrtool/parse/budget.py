"""What a plan file may hold, so that reading it takes bounded memory.

Every row and cell read becomes records (Python objects of a few hundred bytes each), so an import's memory grows
with a file's rows and cells, not its bytes: a 50 MB file of tiny rows would be millions of records. A file may
therefore hold one line per ``LINE_BYTES`` of the size limit and one table cell per ``CELL_BYTES``, counted on its
text before any table is read (cells from above: every place one may start). ``build.py`` bounds the numbers its
cross-references cite (``MAX_CITED``), which a range multiplies.
"""

from __future__ import annotations

import re

from ..errors import InputError

LINE_BYTES = 250
"""A file may hold one line per this many bytes of the size limit (209,715 lines at the default 50 MB) ..."""
CELL_BYTES = 40
"""... and one table cell per this many (1,310,720 at 50 MB): with both, reading any file under the default limit
stays within the memory the benchmark allows a 100,000-action import (400 MB). A larger ``--max-size`` raises
them in step; a smaller one does not lower them."""
_CELL_MARKS = ("|", "\t", "\u2502", "\u2503", "\u2551")
"""What may start a table cell: a pipe, a tab, a box-drawing bar (grid tables; none in an ASCII text); and a gap
of two or more spaces (aligned columns), counted by ``_GAP``."""
_GAP = re.compile("  (?! )")
"""The end of a run of two or more spaces: one match a run."""


def check_budget(path: str, text: str, scale: int) -> None:
    """Refuse a text with more lines, or more places a table cell may start, than a file under the size limit
    ``scale`` may hold."""
    lines = text.count("\n") + (not text.endswith("\n"))
    if lines > scale // LINE_BYTES:
        raise InputError(
            path,
            f"has {lines:,} lines, over the {scale // LINE_BYTES:,} scrtool reads in one file "
            f"(one per {LINE_BYTES} bytes of the {scale:,}-byte limit; see --max-size)",
        )
    csv = path.lower().endswith(".csv")
    marks = _CELL_MARKS[:2] if text.isascii() else _CELL_MARKS
    cells = lines + sum(map(text.count, marks)) + (text.count(",") if csv else 0)
    if cells + text.count("  ") <= scale // CELL_BYTES:
        return  # (a run of spaces holds at least one pair: the runs need counting only when the pairs are many)
    cells += sum(1 for _ in _GAP.finditer(text))
    if cells > scale // CELL_BYTES:
        raise InputError(
            path,
            f"has up to {cells:,} table cells (its lines, and the pipes, tabs{', commas' * csv} "
            f"and runs of spaces that may start one), over the {scale // CELL_BYTES:,} "
            f"scrtool reads in one file (one per {CELL_BYTES} bytes of the {scale:,}-byte limit; "
            "see --max-size)",
        )
