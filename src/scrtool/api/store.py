"""``scrtool.Store(path)``: a store asked the questions the commands ask, the answers as typed records."""

from __future__ import annotations

from dataclasses import dataclass
from types import TracebackType
from typing import Any

from .. import clock
from ..config import Config
from ..config import load as load_config
from ..model import Action, HistoryEntry, Status
from ..questions import query
from ..questions.overview import AgencyCount, ReportInfo, Summary
from ..questions.tracing import Trace
from ..store import paths
from ..store.db import open_store
from .frames import Records


@dataclass(frozen=True, slots=True)
class RatedAction:
    """An action as ``list`` shows it: with its RAG rating today (None when it has none)."""

    action: Action
    rag: str | None
    """As shown: the latest judgement, else the rule's; red when overdue."""
    rag_computed: str | None = None
    """The rule's rating (None: no basis)."""


class Store:
    """An existing store, open until ``close()`` (or the end of a ``with`` block). ``path``: the store file, as
    ``--db`` takes it (default: ``SCRTOOL_DB``, else the user data folder's store); ``config``: as ``--config``."""

    def __init__(self, path: str | None = None, *, config: str | None = None) -> None:
        self._store = open_store(paths.resolve(path))
        self.warnings = tuple(self._store.warnings)
        self._config: Config = load_config(config)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def reports(self) -> Records[ReportInfo]:
        from ..questions.overview import reports

        return Records(tuple(reports(self._store.conn)), _report_row)

    def actions(
        self,
        *,
        report: str | None = None,
        agency: str | None = None,
        status: str | None = None,
        rec: str | int | None = None,
        overdue: bool = False,
        due_before: str | None = None,
    ) -> Records[RatedAction]:
        """The actions ``scrtool list`` gives for the same filters (``status``: a ``--status`` value such as
        ``open``; ``rec``: ``1`` or ``R1``; ``due_before``: a date as the command line takes it)."""
        today = clock.today()
        wanted = query.ActionFilter(
            report=report,
            agency=agency,
            status=Status(status) if status is not None else None,
            rec=query.parse_rec(str(rec)) if rec is not None else None,
            overdue_on=today.isoformat() if overdue else None,
            due_before=clock.iso_date(due_before, "due_before") if due_before else None,
        )
        found = query.list_actions(self._store.conn, wanted, self._config.aliases)
        rate = self._config.rag.ratings(today)
        rated = tuple(
            RatedAction(a, r.text, r.computed.value if r.computed else None) for a, r in ((a, rate(a)) for a in found)
        )
        return Records(rated, _rated_row)

    def trace(self, number: str | int, *, report: str | None = None) -> Trace:
        """Recommendation ``number`` (``1``, ``R1``), the actions that implement it, and its progress."""
        from ..questions.tracing import trace

        conn = self._store.conn
        return trace(conn, query.pick_report(conn, report), query.parse_rec(str(number)))

    def summary(self, *, report: str | None = None) -> Summary:
        from ..questions.overview import summary

        conn = self._store.conn
        return summary(conn, query.pick_report(conn, report), self._config.rag, clock.today())

    def agencies(self, *, report: str | None = None) -> Records[tuple[str, AgencyCount]]:
        from ..questions.overview import agencies

        return Records(tuple(agencies(self._store.conn, report)), _agency_row)

    def history(self, agency: str, number: str | int, *, report: str | None = None) -> Records[HistoryEntry]:
        """An action's history, its import first, as ``scrtool history`` gives it."""
        from ..questions.monitor import action_history

        conn = self._store.conn
        _, entries = action_history(conn, query.pick_report(conn, report), agency, str(number))
        return Records(tuple(entries), _history_row)


def _rated_row(rated: RatedAction) -> dict[str, Any]:
    from ..rag import Rag, Rating
    from ..render.formats import action_dict

    return action_dict(
        rated.action,
        Rating(Rag(rated.rag) if rated.rag else None, Rag(rated.rag_computed) if rated.rag_computed else None),
    )


def _report_row(info: ReportInfo) -> dict[str, Any]:
    r = info.report
    return {
        "id": r.id,
        "title": r.title,
        "file": r.source_file,
        "year": r.year,
        "kind": r.kind,
        "imported_at": r.imported_at,
        "recommendations": info.recommendations,
        "actions": info.actions,
        "open": info.open,
    }


def _agency_row(row: tuple[str, AgencyCount]) -> dict[str, Any]:
    report, count = row
    return {
        "report": report,
        "agency": count.agency,
        "actions": count.total,
        "responses": count.responded,
        **{status.value: n for status, n in sorted(count.counts.items())},
    }


def _history_row(entry: HistoryEntry) -> dict[str, Any]:
    return {
        "id": entry.ident,
        "action": entry.action_id,
        "on": entry.on,
        "recorded_at": entry.recorded_at,
        "source": entry.source,
        "by": entry.by,
        "from_status": entry.from_status.value if entry.from_status else None,
        "to_status": entry.to_status.value if entry.to_status else None,
        "status_text": entry.status_text,
        "note": entry.note,
        "evidence": entry.evidence,
        "due": entry.due,
        "reason": entry.reason,
        "rag": entry.rag,
        "rag_reason": entry.rag_reason,
        "retracts": entry.retracts,
        "retracted_by": entry.retracted_by,
        "forced": entry.forced,
    }
