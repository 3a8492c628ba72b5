"""The commands that record and show progress: ``update``, ``history``, and ``search`` across the store."""

from typing import Annotated

import typer

from .. import clock
from ..model import Status
from ..questions import query
from ..rag import Rag
from ..render.choices import Format, resolve
from . import complete
from .common import (
    AgencyArgument,
    DbOption,
    NumberArgument,
    ReportOption,
    boundary,
    format_option,
    load_config,
    out,
    show_found,
    store,
    warn,
)

SQLITE_MAX_INT = (1 << 63) - 1
"""The largest integer SQLite takes (``search --limit``)."""


_StatusOption = Annotated[Status | None, typer.Option("--status", "-s", case_sensitive=False, help="The new status.")]
_EvidenceOption = Annotated[
    str | None,
    typer.Option("--evidence", metavar="TEXT-OR-PATH", help="Evidence: text, or a file (kept as its path and hash)."),
]
_DateOption = Annotated[
    str | None,
    typer.Option(
        "--date", metavar="DATE", help=f"When it happened (default today; not in the future). {clock.DATE_HELP}."
    ),
]
_DueOption = Annotated[
    str | None, typer.Option("--due", metavar="DATE", help=f"A revised target date. {clock.DATE_HELP}.")
]
_ReasonOption = Annotated[
    str | None,
    typer.Option(
        "--reason",
        help="Why the target date moves (with --due); why an entry is withdrawn (with --retract or --amend).",
    ),
]
_RagOption = Annotated[
    Rag | None,
    typer.Option(
        "--rag",
        case_sensitive=False,
        help="A RAG judgement (red, amber, green or blue); it stands until a "
        "newer one or completion. Overdue is red whatever it says.",
    ),
]
_RagReasonOption = Annotated[str | None, typer.Option("--rag-reason", metavar="TEXT", help="Why (needed with --rag).")]
_RetractOption = Annotated[
    str | None,
    typer.Option(
        "--retract",
        metavar="ENTRY",
        help="Withdraw an update by its id in `history` (h3), with --reason; nothing is deleted.",
    ),
]
_AmendOption = Annotated[
    str | None,
    typer.Option(
        "--amend",
        metavar="ENTRY",
        help="Withdraw an update and record it again with the values given "
        "(the others, and its date, as it had them), with --reason.",
    ),
]


@boundary
def update(
    agency: AgencyArgument,
    number: NumberArgument,
    status: _StatusOption = None,
    note: Annotated[str | None, typer.Option("--note", help="What was done.")] = None,
    evidence: _EvidenceOption = None,
    by: Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who records it.")] = None,
    date: _DateOption = None,
    due: _DueOption = None,
    reason: _ReasonOption = None,
    rag: _RagOption = None,
    rag_reason: _RagReasonOption = None,
    retract: _RetractOption = None,
    amend: _AmendOption = None,
    report: ReportOption = None,
    db: DbOption = None,
) -> None:
    """Record a status change, note, evidence, revised target date or RAG judgement; or withdraw one. Nothing is
    overwritten or deleted.

    Example: scrtool update "Oxford Health" 10 --status completed --evidence audit-2024.pdf --by "J Smith"
    """
    from ..questions import monitor

    settings = load_config()
    with store(db) as s:
        done = monitor.record_update(
            s,
            query.pick_report(s.conn, report),
            agency,
            number,
            monitor.Request(status, note, evidence, by, date, due, reason, rag, rag_reason, retract, amend),
            require_evidence=settings.require_evidence,
            aliases=settings.aliases,
        )
    for warning in done.warnings:
        warn(warning)
    a = done.action
    judged = ""
    if a.rag:  # a judgement stands: say what is shown (overdue is red whatever it says)
        shown = settings.rag.rating(a, clock.today()).text
        judged = f", RAG {a.rag} (judgement)" if shown == a.rag else f", RAG {shown} (overdue; judged {a.rag})"
    withdrawn = f"{done.withdrawn} withdrawn; now " if done.withdrawn else ""
    out().line(
        f"{a.label}: {withdrawn}{a.status.value}"
        + (f", due {a.due}" if a.due else "")
        + judged
        + f" (updated {a.updated})"
    )


@boundary
def history(
    agency: AgencyArgument,
    number: NumberArgument,
    report: ReportOption = None,
    fmt: Annotated[Format | None, format_option(Format)] = None,
    db: DbOption = None,
) -> None:
    """An action's history as recorded: its import, then every update and retraction, each with its id (h1 ...).

    Example: scrtool history "Oxford Health" 10
    """
    from ..questions import monitor

    with store(db) as s:
        action, entries = monitor.action_history(
            s.conn, query.pick_report(s.conn, report), agency, number, load_config().aliases
        )
    from ..render import convert, formats, history_view

    console = out()
    rating = load_config().rag.rating(action, clock.today())
    convert.write(
        console,
        resolve(fmt, console.is_terminal),
        lambda: history_view.history_view(action, entries),
        lambda: formats.history_json(action, entries, rating),
    )


@boundary
def search(
    words: Annotated[str, typer.Argument(metavar="WORDS", help="Words to find (all of them).")],
    agency: Annotated[
        str | None, typer.Option("--agency", "-a", metavar="NAME", autocompletion=complete.agencies)
    ] = None,
    status: Annotated[
        Status | None, typer.Option("--status", "-s", case_sensitive=False, help="open = every action not completed.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, max=SQLITE_MAX_INT, help="At most this many hits.")] = 50,
    fmt: Annotated[Format | None, format_option(Format)] = None,
    db: DbOption = None,
) -> None:
    """Find recommendations and actions across every report in the store, best match first.

    Example: scrtool search "mental health" --status open
    """
    from ..questions.search import ensure_index
    from ..questions.search import search as find

    with store(db) as s:
        ensure_index(s)
        keys = query.agency_keys(s.conn, agency, None, load_config().aliases) if agency else None
        overdue = status is Status.OVERDUE  # one meaning with list: marked overdue, or past due and not completed
        hits = find(
            s.conn,
            words,
            keys,
            list(query.statuses(status)) if status and not overdue else None,
            limit,
            clock.today().isoformat() if overdue else None,
        )
    from ..render import formats, views

    show_found(fmt, hits, lambda: views.search_table(hits), lambda: formats.search_json(hits), "nothing matches")


def register(app: typer.Typer) -> None:
    for command in (update, history, search):
        app.command()(command)
