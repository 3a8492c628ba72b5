"""Text of a review's action plan -> typed records: decode, find tables, map columns, build records."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime

from ..clock import now_utc
from ..errors import InputError
from ..model import Plan, Report
from ..names import slug
from .blocks import Table, Text, find_blocks
from .build import Builder
from .decode import DEFAULT_MAX_SIZE, read_file
from .vocab import DEFAULT, Vocabulary

__all__ = ["DEFAULT_MAX_SIZE", "read_plan", "report_id_for"]


def report_id_for(path: str) -> str:
    stem = os.path.basename(path).rsplit(".", 1)[0] if "." in os.path.basename(path) else os.path.basename(path)
    return slug(stem)


def read_plan(path: str, report_id: str | None = None, max_size: int = DEFAULT_MAX_SIZE,
              now: datetime | None = None, vocabulary: Vocabulary = DEFAULT) -> Plan:
    """Read one plan file into records; raise InputError when it holds nothing that reads as a plan."""
    decoded = read_file(path, max_size)
    name = os.path.basename(path)
    ident = slug(report_id) if report_id else report_id_for(path)
    blocks = find_blocks(decoded.lines, name)
    builder = Builder(name, ident, path, vocabulary)
    title_lines: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            builder.add_table(block)
        elif isinstance(block, Text) and builder.tables == 0:
            title_lines.append(block.text)
    if builder.tables == 0:
        raise InputError(path, "no table found (scrtool reads plans laid out as tables)")
    recs, links, actions = builder.finish()
    if not recs and not actions:
        if builder.notices:
            first = builder.notices[0]
            raise InputError(path, f"{first.message}; nothing to import", first.line)
        raise InputError(path, "its tables hold no rows that read as recommendations or actions")
    report = Report(
        id=ident,
        title=" ".join(title_lines) or name,
        source_file=name,
        sha256=hashlib.sha256(decoded.data).hexdigest(),
        imported_at=now.strftime("%Y-%m-%dT%H:%M:%SZ") if now else now_utc(),
    )
    notices = sorted(builder.notices, key=lambda n: n.line)
    return Plan(report, tuple(recs), tuple(links), tuple(actions), tuple(notices))
