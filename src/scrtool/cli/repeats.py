"""The commands of issue 17: ``similar``, ``repeats``, ``same``, ``different`` and ``judgements``. cli/app.py calls
``register(app)``; the similarity code is imported only when one of these runs."""

from typing import Annotated

import typer

from ..errors import UsageError
from ..render.choices import Format, TraceFormat, resolve
from .common import DbOption, ReportOption, boundary, format_option, out, show_found, store

FormatOption = Annotated[Format | None, format_option(Format)]
PairArguments = Annotated[
    list[str], typer.Argument(metavar="REPORT:N REPORT:M", help="Two recommendations of different reports.")
]
ByOption = Annotated[str | None, typer.Option("--by", metavar="NAME", help="Who judges (default: your login name).")]


@boundary
def similar(
    number: Annotated[str, typer.Argument(metavar="N", help="Recommendation number (R1: reminder 1).")],
    report: ReportOption = None,
    limit: Annotated[int, typer.Option("--limit", "-k", min=1, help="At most this many.")] = 10,
    fmt: FormatOption = None,
    db: DbOption = None,
) -> None:
    """The recommendations of other reports most like recommendation N, best first, and how each ended.

    Example: scrtool similar 2 --report child-t
    """
    from ..questions import query
    from ..similar.judgements import Point
    from ..similar.queries import similar as ranked

    with store(db) as s:
        point = Point(query.pick_report(s.conn, report), query.parse_rec(number))
        matches = ranked(s.conn, point, limit)
    if matches and resolve(fmt, out().is_terminal) is Format.TSV:  # its lines without rich (the default in a pipe)
        from ..render.repeats import similar_lines

        out().lines(similar_lines(matches))
        return
    from ..render import repeats as views

    show_found(
        fmt,
        matches,
        lambda: views.similar_table(matches),
        lambda: views.similar_json(matches),
        "no recommendation of another report is like it",
    )


@boundary
def repeats(
    min_reports: Annotated[int, typer.Option("--min-reports", min=2, help="Made in at least this many reports.")] = 2,
    fmt: Annotated[TraceFormat | None, format_option(TraceFormat)] = None,
    db: DbOption = None,
) -> None:
    """Groups of the same recommendation made in several reports, largest first.

    Example: scrtool repeats --min-reports 3
    """
    from ..similar.queries import Corpus

    with store(db) as s:
        groups = Corpus(s.conn).repeats(min_reports)
    from ..render import repeats as views

    show_found(
        fmt,
        groups,
        lambda: views.repeats_view(groups),
        lambda: views.repeats_json(groups),
        "no recommendation was made in that many reports",
    )


def _judge(pair: list[str], verdict: str, by: str | None, db: str | None) -> None:
    import getpass

    from .. import clock
    from ..similar.judgements import Verdict, parse_point, record

    if len(pair) != 2:
        raise UsageError(f"give two recommendations, REPORT:N REPORT:M (got {len(pair)})")
    a, b = parse_point(pair[0]), parse_point(pair[1])
    with store(db) as s:
        done = record(s, a, b, Verdict(verdict), by or getpass.getuser(), clock.now_utc())
    out().line(f"recorded: {done.a.label()} and {done.b.label()} are {verdict} (by {done.by}, {done.recorded_at})")


@boundary
def same(pair: PairArguments, by: ByOption = None, db: DbOption = None) -> None:
    """Record that two recommendations of different reports are the same: they are always grouped.

    Example: scrtool same child-t:2 child-s:4 --by "J Smith"
    """
    _judge(pair, "same", by, db)


@boundary
def different(pair: PairArguments, by: ByOption = None, db: DbOption = None) -> None:
    """Record that two recommendations of different reports are not the same: they are never grouped.

    Example: scrtool different child-t:2 child-s:4 --by "J Smith"
    """
    _judge(pair, "different", by, db)


@boundary
def judgements(fmt: FormatOption = None, db: DbOption = None) -> None:
    """Every judgement recorded with same and different, oldest first (the latest on a pair counts).

    Example: scrtool judgements --format json > judgements.json
    """
    from ..similar.judgements import history

    with store(db) as s:
        found = history(s.conn)
    from ..render import repeats as views

    show_found(
        fmt,
        found,
        lambda: views.judgements_table(found),
        lambda: views.judgements_json(found),
        "no judgements recorded yet",
    )


def register(app: typer.Typer) -> None:
    app.command("similar")(similar)
    app.command("repeats")(repeats)
    app.command("same")(same)
    app.command("different")(different)
    app.command("judgements")(judgements)
