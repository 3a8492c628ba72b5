"""Search across every report in the store (its full-text index: store/fulltext.py): has this been recommended
before, and what became of it?"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import UsageError
from ..model import Status
from ..store import decode, fulltext
from ..store.db import Store
from ..store.engine import Connection

_WORD = re.compile(r"\w+")
_MARK = re.compile(f"{fulltext.START}(.*?){fulltext.END}", re.S)


@dataclass(frozen=True, slots=True)
class Hit:
    report: str
    kind: str
    """``recommendation``, ``reminder``, ``action``, or ``update`` (the note of an update of the action)."""
    agency: str | None
    number: str | None
    status: Status | None
    text: str
    spans: tuple[tuple[int, int], ...]
    """Where the query's words matched in ``text`` (start, end)."""


def ensure_index(store: Store) -> int:
    """Index the reports imported since the last search (store/fulltext.py); how many were indexed."""
    return fulltext.ensure_index(store)


def search(
    conn: Connection,
    query: str,
    agency_keys: Sequence[str] | None = None,
    status: list[Status] | None = None,
    limit: int = 50,
    overdue_on: str | None = None,
) -> list[Hit]:
    """The best ``limit`` hits; ``overdue_on``: only actions overdue on that day (rag.is_overdue)."""
    words = _WORD.findall(query)
    if not words:
        raise UsageError(f"search {query!r} has no words to look for")
    return [_hit(*row) for row in fulltext.matches(conn, words, agency_keys, status, limit, overdue_on)]


def _hit(ref: str, report: str, marked: str, agency: str | None, number: str | None, status: str | None) -> Hit:
    text, spans = _spans(marked)
    if ref.startswith("rec:"):
        _, kind, rec_number = ref.split(":", 2)
        return Hit(
            report,
            decode.kind(kind, f"recommendation {rec_number} of report {report!r}").value,
            None,
            rec_number,
            None,
            text,
            spans,
        )
    what = f"action {number} of {agency!r} in report {report!r}"
    kind = "update" if ref.startswith("note:") else "action"
    return Hit(report, kind, agency, number, decode.status(status, what) if status else None, text, spans)


def _spans(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    out: list[str] = []
    spans: list[tuple[int, int]] = []
    position = 0
    length = 0
    for match in _MARK.finditer(marked):
        before = marked[position : match.start()]
        out.append(before)
        length += len(before)
        out.append(match.group(1))
        spans.append((length, length + len(match.group(1))))
        length += len(match.group(1))
        position = match.end()
    out.append(marked[position:])
    return "".join(out), tuple(spans)
