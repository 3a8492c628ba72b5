"""Text files (markdown, plain text, CSV, TSV, ``pdftotext -layout`` output) -> blocks, line by line."""

from __future__ import annotations

import os

from ..blocks import iter_blocks
from ..decode import read_file
from . import Document, Options


def read(path: str, options: Options) -> Document:
    decoded = read_file(path, options.max_size)
    blocks = iter_blocks(decoded.lines, os.path.basename(path))
    return Document(blocks, decoded.sha256, len(decoded.lines), notices=list(decoded.notices), text_lines=decoded.lines)
