"""A person's judgements on pairs of recommendations of different reports, as the ``judgements`` table keeps them:
history (who and when, never replaced), which a re-import leaves alone. The questions on them: similar/judgements.py."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..model import RecKind, RecRef
from .engine import Connection


class Verdict(StrEnum):
    SAME = "same"
    DIFFERENT = "different"


@dataclass(frozen=True, slots=True)
class Point:
    """One recommendation of one report: ``child-t:1`` (``child-t:R1`` for a reminder of practice)."""

    report: str
    ref: RecRef

    def label(self) -> str:
        return f"{self.report}:{self.ref.short}"


@dataclass(frozen=True, slots=True)
class Judgement:
    a: Point
    b: Point
    verdict: Verdict
    by: str | None
    recorded_at: str


def add(tx: Connection, judgement: Judgement) -> None:
    a, b = judgement.a, judgement.b
    tx.execute(
        "INSERT INTO judgements (a_report, a_kind, a_number, b_report, b_kind, b_number, verdict, by, "
        "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            *(a.report, a.ref.kind.value, a.ref.number),
            *(b.report, b.ref.kind.value, b.ref.number),
            *(judgement.verdict.value, judgement.by, judgement.recorded_at),
        ),
    )


def every(conn: Connection) -> list[Judgement]:
    """Every judgement, oldest first."""
    rows = conn.execute(
        "SELECT a_report, a_kind, a_number, b_report, b_kind, b_number, verdict, by, recorded_at "
        "FROM judgements ORDER BY id"
    )
    return [
        Judgement(
            Point(r[0], RecRef(RecKind(r[1]), r[2])),
            Point(r[3], RecRef(RecKind(r[4]), r[5])),
            Verdict(r[6]),
            r[7],
            r[8],
        )
        for r in rows
    ]
