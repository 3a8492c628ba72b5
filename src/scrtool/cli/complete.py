"""Shell completion of report ids and agency names, read from the store (``scrtool --install-completion``).

A completion runs at every press of Tab: it only reads (never creates, migrates or locks a store; on PostgreSQL in
read-only transactions), and any failure (no store yet, a store of another version, a damaged one, a server that
does not answer) completes nothing rather than printing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from ..store.engine import Connection


def _from_store(ctx: typer.Context, incomplete: str, names: Callable[[Connection, str | None], list[str]]) -> list[str]:
    from ..store import paths
    from ..store.db import read_only

    try:
        conn = read_only(paths.resolve(ctx.params.get("db")))
        try:
            found = names(conn, ctx.params.get("report"))
        finally:
            conn.close()
    except Exception:  # noqa: BLE001 (a completion prints nothing, whatever went wrong)
        return []
    return [name for name in found if name.startswith(incomplete)]  # as typer filters them: case matters


def reports(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ids of the stored reports that start with what was typed."""
    from ..store import read

    return _from_store(ctx, incomplete, lambda conn, _: read.report_ids(conn))


def agencies(ctx: typer.Context, incomplete: str) -> list[str]:
    """The agencies (of the ``--report`` given before, if any) whose names start with what was typed."""
    from ..store import read

    return _from_store(
        ctx, incomplete, lambda conn, report: sorted(read.agency_names(conn, report).values(), key=str.casefold)
    )
