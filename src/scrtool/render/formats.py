"""Machine-readable output: the stable JSON contract, CSV (spreadsheet-safe) and markdown tables."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ..model import Action, HistoryEntry, Link, Plan, Recommendation, RecRef, Status
from ..questions.overview import AgencyCount, ReportInfo
from ..questions.search import Hit
from ..questions.tracing import Trace
from ..rag import Rating
from . import safe
from .plain import CHUNK

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from ..questions.board import Board

CSV_COLUMNS = (
    "report",
    "agency",
    "lead",
    "number",
    "status",
    "status_text",
    "rag",
    "target",
    "due",
    "text",
    "outcome",
    "responds_to",
    "file",
    "line",
)


def _ref(ref: RecRef) -> dict[str, str]:
    return {"kind": ref.kind.value, "number": ref.number}


def action_dict(a: Action, rating: Rating | None = None, cited_by: Sequence[RecRef] | None = None) -> dict[str, Any]:
    """The JSON of an action (a stable contract); with its ``rating`` (where the view rates it): ``rag`` (shown),
    ``rag_computed`` (the rule's; null with no basis), ``rag_reason`` (the standing judgement's reason, else null)
    and ``updated``; ``cited_by`` where the view reads it (the recommendations citing the action, or that it
    answers: ``[{"kind", "number"}]``)."""
    out = {
        "id": a.id,
        "report": a.report,
        "agency": a.agency,
        "lead": a.lead,
        "number": a.number,
        "text": a.text,
        "outcome": a.outcome,
        "status": a.status.value,
        "status_text": a.status_text,
        "responds_to": [_ref(r) for r in a.responds_to],
        "source": a.source.keys(),
        "extra": dict(a.extra),
        "target": a.target,
        "due": a.due,
    }
    if rating is not None:
        out["rag"] = rating.text
        out["rag_computed"] = rating.computed.value if rating.computed else None
        out["rag_reason"] = a.rag_reason if a.rag else None
        out["updated"] = a.updated
    if cited_by is not None:
        out["cited_by"] = [_ref(r) for r in cited_by]
    return out


def recommendation_dict(r: Recommendation) -> dict[str, Any]:
    return {
        "report": r.report,
        "kind": r.kind.value,
        "number": r.number,
        "text": r.text,
        "source": r.source.keys(),
        "extra": dict(r.extra),
    }


def dumps(value: object) -> str:
    return safe.json_text(json.dumps(value, ensure_ascii=False, indent=2))


class _Chunks:
    """Lines passed on to ``out`` ``CHUNK`` at a time, through ``finish`` (one pass of a sanitiser, and one write,
    a chunk: per line, ``str.translate`` costs more in setting up than in translating)."""

    def __init__(self, out: SupportsWrite[str], finish: Callable[[str], str] = str) -> None:
        self.out, self.finish, self.lines = out, finish, list[str]()

    def write(self, line: str) -> None:
        self.lines.append(line)
        if len(self.lines) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if self.lines:
            self.out.write(self.finish("".join(self.lines)))
            self.lines.clear()


def write_actions_json(
    out: SupportsWrite[str],
    rated: Iterable[tuple[Action, Rating]],
    cited_by: Callable[[Action], Sequence[RecRef]] | None = None,
) -> int:
    """A JSON list with one action (its RAG rating, and with ``cited_by`` the recommendations citing it) a line,
    written a chunk of lines at a time as the actions are read (json's C encoder: a list of 100,000 actions stays
    quick and is never held whole); how many were written."""
    encode = json.JSONEncoder(ensure_ascii=False).encode
    chunks = _Chunks(out, safe.json_text)
    count = 0
    for a, rating in rated:
        chunks.write(
            ("[\n" if count == 0 else ",\n") + encode(action_dict(a, rating, cited_by(a) if cited_by else None))
        )
        count += 1
    chunks.write("\n]\n" if count else "[]\n")
    chunks.flush()
    return count


def trace_json(t: Trace, rate: Callable[[Action], Rating] | None = None) -> str:
    return dumps(
        {
            "recommendation": recommendation_dict(t.recommendation),
            "links": [
                {
                    "agency": tl.link.agency,
                    "refs": list(tl.link.refs),
                    "note": tl.link.note,
                    "actions": [action_dict(a, rate(a) if rate else None) for a in tl.actions],
                    "missing": list(tl.missing),
                    **({"hidden": list(tl.hidden)} if tl.hidden else {}),
                }
                for tl in t.links
            ],
            "responses": [action_dict(a, rate(a) if rate else None) for a in t.responses],
            "progress": _progress_dict(t),
        }
    )


def _progress_dict(t: Trace) -> dict[str, Any]:
    """``completed`` of ``total`` cited actions; ``not_recorded`` (how many of them have no status in the plan) and
    ``own`` (the ids of the recommendation's own rows: ``Trace.own``) only when there are any."""
    out: dict[str, Any] = {"completed": t.progress.completed, "total": t.progress.total}
    if t.progress.not_recorded:
        out["not_recorded"] = t.progress.not_recorded
    if t.own:
        out["own"] = [a.id for a in t.own]
    return out


def history_json(action: Action, entries: Sequence[HistoryEntry], rating: Rating | None = None) -> str:
    """An action and its entries as recorded, each with its ``id``; a retraction names the entry it withdraws
    (``retracts``) and a withdrawn entry its retraction (``retracted_by``)."""
    return dumps(
        {
            "action": action_dict(action, rating),
            "history": [{**entry_dict(e), "retracts": e.retracts, "retracted_by": e.retracted_by} for e in entries],
        }
    )


def entry_dict(e: HistoryEntry) -> dict[str, Any]:
    """The JSON of a history entry (history's, and the export's ``last_update``)."""
    return {
        "id": e.ident,
        "on": e.on,
        "recorded_at": e.recorded_at,
        "source": e.source,
        "by": e.by,
        "from": e.from_status.value if e.from_status else None,
        "to": e.to_status.value if e.to_status else None,
        "status_text": e.status_text,
        "note": e.note,
        "evidence": e.evidence,
        "due": e.due,
        "reason": e.reason,
        "rag": e.rag,
        "rag_reason": e.rag_reason,
        "forced": e.forced,
    }


def board_json(board: Board) -> str:
    """The export's JSON: a list of action objects (the contract of ``list --format json``) with ``cited_by``,
    ``last_update`` and ``status_in_plan`` (what the plan's latest imported version says: the csv's
    ``status_text``)."""
    return (
        dumps(
            [
                {
                    **action_dict(r.action, r.rating),
                    "cited_by": [_ref(c) for c in r.cited_by],
                    "last_update": entry_dict(r.last_update) if r.last_update else None,
                    "status_in_plan": r.plan_status,
                }
                for r in board.rows
            ]
        )
        + "\n"
    )


def search_json(hits: Sequence[Hit]) -> str:
    return dumps(
        [
            {
                "report": h.report,
                "kind": h.kind,
                "agency": h.agency,
                "number": h.number,
                "status": h.status.value if h.status else None,
                "text": h.text,
                "matches": [list(span) for span in h.spans],
            }
            for h in hits
        ]
    )


def reports_json(infos: Sequence[ReportInfo]) -> str:
    """A list of objects, one a report, each with the ``id`` the other commands take as ``--report``."""
    return dumps(
        [
            {
                "id": i.report.id,
                "title": i.report.title,
                "file": i.report.source_file,
                "imported_at": i.report.imported_at,
                "recommendations": i.recommendations,
                "actions": i.actions,
                "open": i.open,
            }
            for i in infos
        ]
    )


def agencies_json(rows: Sequence[tuple[str, AgencyCount]]) -> str:
    """A list of objects, one an agency of a report (or, across reports, of the reports named): its numbered
    actions, completed, open (not completed, status recorded) and not recorded, and its unnumbered responses."""
    out = []
    for report, count in rows:
        done = count.counts.get(Status.COMPLETED, 0)
        missing = count.counts.get(Status.NOT_RECORDED, 0)
        out.append(
            {
                "report": report or None,
                "agency": count.agency,
                "actions": count.total,
                "completed": done,
                "open": count.total - done - missing,
                "not_recorded": missing,
                "responses": count.responded,
            }
        )
    return dumps(out)


def _responds(a: Action) -> str:
    return "; ".join(r.label() for r in a.responds_to)


def write_actions_csv(out: SupportsWrite[str], rated: Iterable[tuple[Action, Rating]]) -> int:
    """A header line and a row a line (textual.py's one CSV writer), written a chunk of rows at a time as the
    actions are read; how many rows."""
    from .textual import write_csv

    chunks = _Chunks(out)
    count = write_csv(
        chunks,
        CSV_COLUMNS,
        (
            (
                a.report,
                a.agency,
                a.lead,
                a.number or "",
                a.status.value,
                a.status_text,
                rating.text or "",
                a.target or "",
                a.due or "",
                a.text,
                a.outcome,
                _responds(a),
                a.source.file,
                a.source.at(),
            )
            for a, rating in rated
        ),
    )
    chunks.flush()
    return count


def write_actions_markdown(out: SupportsWrite[str], rated: Iterable[tuple[Action, Rating]]) -> int:
    """A markdown table (textual.py's one markdown writer), its header first and a row a line, written a chunk of
    rows at a time as the actions are read; how many rows."""
    from .textual import markdown_header, markdown_row

    chunks = _Chunks(out)
    chunks.write(markdown_header(("Report", "Agency", "No.", "Status", "RAG", "Due", "Action", "Outcome")))
    count = 0
    for a, rating in rated:
        count += 1
        chunks.write(
            markdown_row(
                (
                    a.report,
                    a.agency,
                    a.number or "-",
                    a.status.value,
                    rating.text or "-",
                    a.due or "-",
                    a.text,
                    a.outcome,
                )
            )
        )
    chunks.flush()
    return count


ActionWriter = Callable[["SupportsWrite[str]", Iterable[tuple[Action, Rating]]], int]
"""How ``list`` writes JSON, CSV and markdown: rated actions in, written as they are read; how many."""


def link_dict(link: Link) -> dict[str, Any]:
    return {
        "rec": _ref(link.rec),
        "agency": link.agency,
        "target": link.target,
        "refs": list(link.refs),
        "note": link.note,
        "source": link.source.keys(),
    }


def plan_dict(plan: Plan) -> dict[str, Any]:
    """Everything read from one file (the import's dry-run JSON and the golden files of the tests)."""
    r = plan.report
    return {
        "report": {"id": r.id, "title": r.title, "source_file": r.source_file, "sha256": r.sha256},
        "recommendations": [recommendation_dict(rec) for rec in plan.recommendations],
        "links": [link_dict(link) for link in plan.links],
        "actions": [action_dict(a) for a in plan.actions],
        "warnings": [
            {"line": n.line, "message": n.message} if n.where is None else {"where": n.where, "message": n.message}
            for n in plan.notices
        ],
    }
