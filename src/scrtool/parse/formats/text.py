"""Text files (markdown, plain text, CSV, TSV, ``pdftotext -layout`` output) -> blocks, line by line."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ...errors import InputError
from ..aligned_rows import Unplaced
from ..blocks import iter_blocks
from ..decode import read_file
from ..tables import Block
from .document import Document, Options


def read(path: str, options: Options) -> Document:
    decoded = read_file(path, options.max_size)
    blocks = _placed(path, iter_blocks(decoded.lines, os.path.basename(path)))
    return Document(blocks, decoded.sha256, len(decoded.lines), notices=list(decoded.notices), text_lines=decoded.lines)


def _placed(path: str, blocks: Iterator[Block]) -> Iterator[Block]:
    """The blocks, with lines that cannot be put in a table's cells refused as the file's error."""
    try:
        yield from blocks
    except Unplaced as exc:
        raise InputError(path, exc.message, exc.line) from None
