"""``scrtool db``: the store itself, on a partnership's server: ``grant`` keeps an agency's role to its own actions
(store/grants.py), ``copy`` moves a whole store between a file and PostgreSQL (store/copy.py)."""

from typing import Annotated

import typer

from .common import DbOption, boundary, out, store

db = typer.Typer(
    name="db",
    help="The store on a partnership's server: grant an agency's role its actions, copy a store to or from PostgreSQL.",
    no_args_is_help=True,
    rich_markup_mode=None,
)


@db.command()
@boundary
def grant(
    agency: Annotated[str, typer.Argument(metavar="AGENCY", help="The agency, as its table names it.")],
    role: Annotated[
        str, typer.Argument(metavar="ROLE", help="The PostgreSQL role (an officer, or a group role of them).")
    ],
    db: DbOption = None,
) -> None:
    """Give a PostgreSQL role read and update access to one agency's actions only (row-level security).

    Example: scrtool db grant "Northshire Police" police_officers --db postgresql://manager@server/scr
    """
    from ..store.grants import grant as give

    with store(db) as s:
        name, count = give(s, agency, role)
    out().line(
        f"{role}: may read and update the {count} action{'s' if count != 1 else ''} of {name} (and no other agency's)"
    )


@db.command("copy")
@boundary
def copy_(
    to: Annotated[
        str,
        typer.Option(
            "--to", metavar="PATH|URL", help="The new store: a postgresql:// URL (an empty database) or a new file."
        ),
    ],
    db: DbOption = None,
) -> None:
    """Copy the whole store, history included, into an empty PostgreSQL database or a new file.

    Example: scrtool db copy --to postgresql://manager@server/scr
    """
    from ..store.copy import copy

    with store(db) as source, store(to, create=True) as target:
        counts = copy(source, target)
        shown = target.path
    out().line(
        f"copied to {shown}: {counts['reports']} report{'s' if counts['reports'] != 1 else ''}, "
        f"{counts['actions']} actions, {counts['history']} history entries, {counts['judgements']} "
        "judgements"
    )


def register(app: typer.Typer) -> None:
    app.add_typer(db, name="db")
