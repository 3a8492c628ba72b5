"""A web page -> blocks. Not read yet: refused in one line."""

from __future__ import annotations

from ...errors import InputError
from . import Document, Options


def read(path: str, options: Options) -> Document:
    raise InputError(path, "is a web page, which scrtool cannot read yet: save the plan as text or markdown first")
