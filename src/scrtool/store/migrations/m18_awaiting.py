"""Migration 18: a completion the plan qualifies as awaiting evidence, sign-off, audit or embedding (``Complete -
evidence awaited``, ``Blue - awaiting sign-off``, a Blue rating beside ``Complete - awaiting sign-off``, a completion
date ``31/03/2024 - evidence awaited``) is in progress, not completed. A store imported before that rule holds such
actions as completed; this reads their stored plan text again, so a re-import is not needed.

Only what the plan said is read again, and only completed -> in-progress changes: each import entry in history
that set ``completed`` and whose status text the rule now reads as in progress has its ``to_status`` corrected (its
words, date, RAG and every other entry are kept; updates by hand and returns are never touched), and so has each
action no entry has changed since its first import (its import entry is its row: store/history.py). Then the actions
of those entries are recomputed from their history (an update by hand to completed after the import still counts)
and their reports' counts made again.

The rule is parse/status_words.py's ``AWAITING`` and how parse/vocab.py, parse/ratings.py and parse/finish.py read
a status cell with it, as they were when this migration shipped, copied here with the built-in words (a user's
configured words are not known to a store). The words, header roles, colours and the other status cells of a row
are those migration 11 copied (m11_ratings.py, m11_headers.py: unchanged since), the state from history is
m11_replay.py's rule and the counts m13_recount.py's (both unchanged since). A completed entry whose words the
built-in words do not know was read as a completion date (the only reading that gives completed there), so its date
is not read again.

Frozen: never edit a shipped migration (a change is a new one)."""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import groupby
from typing import Any

from ...errors import StoreError
from ..engine import Connection

_AWAITED = (
    "evidence|sign off|signed off|signing off|audit|audited|assurance|verification|verified|approval|approved"
    "|ratification|ratified|embedding|embedded|confirmation|confirmed|testing|tested"
)
AWAITING = re.compile(
    r"\b(?:awaiting|awaited|await|pending|subject to|yet to|not yet|but not|to follow|tbc"
    rf"|to be (?:{_AWAITED}|signed|evidenced|agreed|submitted|provided|received)"
    rf"|(?:{_AWAITED}) (?:is |still |now )?(?:required|needed|outstanding|requested|due|missing|not (?:yet )?\w+))\b"
)
"""parse/status_words.py's ``AWAITING``: what, after a word of completion (folded), says the completion is not yet
evidenced, signed off, audited or embedded."""
_TARGET = re.compile(r"by (?:the )?(?:end of |w/?c )?(?:\d|q\d|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)")


def sqlite(conn: sqlite3.Connection) -> None:
    """Statuses read again by the rule. Safe to run again (it changes only what the rule still reads otherwise)."""
    rederive(conn)


def postgresql(conn: Connection) -> None:
    """As on SQLite: no schema changes, the same reading and the same statements."""
    rederive(conn)


def rederive(conn: Connection) -> None:
    """Import entries and untouched actions the rule reads as in progress corrected, then their actions' state and
    their reports' counts."""
    from .m11_ratings import status_cells
    from .m13_recount import recount

    extras = {ident: extra for ident, extra in conn.execute("SELECT id, extra FROM actions").fetchall()}

    def others(ident: str) -> list[str]:
        extra = extras.get(ident, "{}")
        return status_cells(_extra(extra, f"action {ident!r}")) if extra != "{}" else []

    entries, touched = [], set()
    for row_id, action_id, report, text in conn.execute(
        "SELECT id, action_id, report, status_text FROM history WHERE source = 'import' AND to_status = 'completed' "
        "AND status_text IS NOT NULL ORDER BY id"
    ).fetchall():
        if reading(text, others(action_id)) == "in-progress":
            entries.append((row_id,))
            touched.add((report, action_id))
    conn.executemany("UPDATE history SET to_status = 'in-progress' WHERE id = ?", entries)
    untouched, reports = [], {report for report, _ in touched}
    for ident, report, text in conn.execute(
        "SELECT a.id, a.report, a.status_text FROM actions a WHERE a.status = 'completed' AND a.status_text IS NOT "
        "NULL AND NOT EXISTS (SELECT 1 FROM history h WHERE h.action_id = a.id) ORDER BY a.report, a.seq"
    ).fetchall():
        if reading(text, others(ident)) == "in-progress":
            untouched.append((ident,))
            reports.add(report)
    conn.executemany("UPDATE actions SET status = 'in-progress' WHERE id = ?", untouched)
    for report, pairs in groupby(sorted(touched), key=lambda pair: pair[0]):
        ids = [ident for _, ident in pairs]
        for start in range(0, len(ids), 500):
            recompute(conn, report, ids[start : start + 500])
    for report in sorted(reports):
        recount(conn, report)


def reading(text: str, others: Iterable[str]) -> str | None:
    """The status the rule gives a status cell stored as completed, with the row's other status cells: parse/
    finish.py's reading (a fill's word, status words, a completion date) then parse/ratings.py's ``rating`` (a
    RAG colour, which says the status when the cell states one)."""
    from .m11_headers import fold_header
    from .m11_ratings import RAG_STATUS, colour

    rag, rest = colour(text)
    if rag is not None:
        cells = list(others)
        if RAG_STATUS[rag] == "completed":  # ``Blue - awaiting sign-off``, or beside ``Complete - evidence awaited``
            waiting = awaits_evidence(rest) or any(awaits_evidence(fold_header(cell)) for cell in cells)
            return "in-progress" if waiting else "completed"
        said = _said(rest)
        for cell in cells:
            said = said or _said(cell)
        return said or RAG_STATUS[rag]
    found = status(text[: -len(" (fill)")] if text.endswith(" (fill)") else text)
    if found is None:  # stored completed, unknown words: read as a completion date (see the module)
        return "in-progress" if awaits_evidence(fold_header(text)) else "completed"
    return found


def awaits_evidence(rest: str) -> bool:
    """Whether what a cell says after a word of completion (folded) qualifies it as awaiting evidence."""
    return AWAITING.search(rest) is not None


def status(text: str) -> str | None:
    """parse/vocab.py's ``Vocabulary.status`` with the built-in words: open when blank, None for words it does not
    know."""
    from .m11_headers import fold_header
    from .m11_ratings import STATUS_WORDS

    word = fold_header(text)
    if not word:
        return "open"
    found = STATUS_WORDS.get(word)
    if found is not None:
        return found
    for phrase in _phrases():
        if word.startswith(phrase + " "):
            return _qualified(STATUS_WORDS[phrase], word[len(phrase) + 1 :])
    first, slash, _ = word.partition("/")
    if slash and first.strip():
        return status(first)
    return None


@cache
def _phrases() -> tuple[str, ...]:
    """The status words a cell may start with (not those read only as the whole cell), longest first."""
    from .m11_ratings import STATUS_WORDS, WHOLE_CELL_ONLY

    return tuple(sorted((p for p in STATUS_WORDS if p not in WHOLE_CELL_ONLY), key=len, reverse=True))


def _qualified(found: str, rest: str) -> str | None:
    """A status word and what the cell says after it (folded): parse/vocab.py's ``_qualified`` with the rule."""
    if rest in ("now complete", "now completed"):
        return "completed"
    if found != "completed":
        return found
    if awaits_evidence(rest):
        return "in-progress"
    words = rest.split()
    if _TARGET.match(rest) or "not" in words:
        return None
    if "partially" in words or "partly" in words or "in part" in rest:
        return "in-progress"
    return found


def _said(text: str) -> str | None:
    """What status words say beyond open; None for a colour (parse/ratings.py's ``_said``)."""
    from .m11_ratings import colour

    if not text or colour(text)[0] is not None:
        return None
    found = status(text)
    return None if found in (None, "open") else found


def recompute(tx: Connection, report: str, ids: Sequence[str]) -> None:
    """store/current.py's ``recompute_ids``: some actions' current status, due date, original target, last update
    and RAG judgement set from their history (m11_replay.py's rule)."""
    rows = tx.execute(
        "SELECT action_id, id, on_date, source, to_status, status_text, due, rag, rag_reason, retracts "
        f"FROM history WHERE report = ? AND action_id IN ({', '.join('?' * len(ids))}) ORDER BY action_id, id",
        (report, *ids),
    )
    states = [(*_state(group), key) for key, group in groupby(rows, key=lambda row: row[0])]
    tx.executemany(
        "UPDATE actions SET status = COALESCE(?, status), status_text = COALESCE(?, status_text), due = ?, "
        "target = ?, updated = ?, rag = ?, rag_reason = ? WHERE id = ?",
        states,
    )


def _state(rows: Iterable[tuple[Any, ...]]) -> tuple[str | None, ...]:
    from .m11_replay import Row, replay

    group = list(rows)
    if len(group) == 1 and group[0][3] == "import":  # its import alone: the state is that entry
        _, _, on, _, to_status, status_text, due, rag, rag_reason, _ = group[0]
        return to_status, status_text, due, due, on, rag, rag_reason
    s = replay([Row(*row[1:]) for row in group])
    return s.status, s.status_text, s.due, s.target, s.updated, s.rag, s.rag_reason


def _extra(text: object, what: str) -> tuple[tuple[str, str], ...]:
    """An action's extra cells as stored, a JSON object of text (store/decode.py's ``extra``)."""
    try:
        cells = json.loads(str(text))
    except ValueError:
        cells = None
    if not isinstance(cells, dict) or not all(isinstance(v, str) for v in cells.values()):
        raise StoreError(f"damaged store: {what}: extra cells {str(text)[:60]!r} are not a JSON object of text")
    return tuple(cells.items())
