"""Migration 8 (store/schema.py): action ids keyed on the agency as written and the number (``model.action_id``)
instead of a slug given out in plan order (``report/childrens-services-2/1``), in every table that holds them.

Each stored action's new id is made from its own row (agency, number, and for an unnumbered response the
recommendation it answers and its order there), so each keeps its own history. History of an action no longer in
the store (a re-import dropped it) moves too when its old id's agency part is the slug of exactly one agency named
in the report, so it comes back with the action; otherwise (a ``-2`` slug, a response) it keeps its old id.

Frozen: store/rekey.py, model.action_id and names.slug as they were when it shipped, copied here; never edit a
shipped migration (a change is a new one)."""

from __future__ import annotations

import re
import sqlite3


def sqlite(conn: sqlite3.Connection) -> None:
    """Action ids keyed on the agency as written and the number, not a slug given out in plan order: every table
    holding them moves together, so each action keeps its own history."""
    mapping: dict[str, str] = {}
    for (report,) in conn.execute("SELECT id FROM reports ORDER BY id").fetchall():
        mapping.update(_stored(conn, report))
        mapping.update(_detached(conn, report, set(mapping.values())))
    conn.execute("CREATE TEMP TABLE rekey (old TEXT PRIMARY KEY, new TEXT NOT NULL)")
    conn.executemany("INSERT INTO temp.rekey VALUES (?, ?)", ((old, new) for old, new in mapping.items() if old != new))
    new = "(SELECT new FROM temp.rekey WHERE old = {column})"
    moved = "{column} IN (SELECT old FROM temp.rekey)"
    # in two steps, so that no id is ever held by two rows at once (an old id may be another action's new one)
    conn.execute(f"UPDATE actions SET id = ' ' || id WHERE {moved.format(column='id')}")  # no id starts with a space
    conn.execute(f"UPDATE actions SET id = {new.format(column='substr(id, 2)')} WHERE id LIKE ' %'")
    for table in ("history", "action_agencies", "responses"):
        conn.execute(
            f"UPDATE {table} SET action_id = {new.format(column='action_id')} WHERE {moved.format(column='action_id')}"
        )
    conn.execute(
        f"UPDATE search SET ref = 'action:' || {new.format(column='substr(ref, 8)')} "
        f"WHERE ref LIKE 'action:%' AND {moved.format(column='substr(ref, 8)')}"
    )
    conn.execute("DROP TABLE temp.rekey")


def _stored(conn: sqlite3.Connection, report: str) -> dict[str, str]:
    """Old id -> new id of each action of the report, from its own row."""
    answers = {
        action: (kind, number)
        for action, kind, number in conn.execute(
            "SELECT action_id, kind, rec_number FROM responses WHERE report = ?", (report,)
        )
    }
    orders: dict[tuple[str, tuple[str, str] | None], int] = {}
    out: dict[str, str] = {}
    for old, agency, number in conn.execute(
        "SELECT id, agency, number FROM actions WHERE report = ? ORDER BY seq", (report,)
    ):
        if number is not None:
            out[old] = action_id(report, agency, number)
            continue
        ref = answers.get(old)
        order = orders[(written(agency), ref)] = orders.get((written(agency), ref), 0) + 1
        out[old] = response_id(report, agency, ref, order)
    return out


def _detached(conn: sqlite3.Connection, report: str, taken: set[str]) -> dict[str, str]:
    """Old id -> new id of history kept for actions no longer in the report, where its old id says whose it is."""
    names: dict[str, set[str]] = {}  # old slug -> the agencies (as written) of the report that slug to it
    for (name,) in conn.execute(
        "SELECT agency FROM actions WHERE report = ? UNION SELECT target FROM links WHERE report = ?", (report, report)
    ):
        names.setdefault(slug(name), set()).add(written(name))
    out: dict[str, str] = {}
    prefix = f"{report}/"
    for (old,) in conn.execute(
        "SELECT DISTINCT action_id FROM history WHERE report = ? AND action_id NOT IN (SELECT id FROM actions)",
        (report,),
    ):
        match = _OLD.fullmatch(old[len(prefix) :]) if old.startswith(prefix) else None
        owners = names.get(match.group(1), set()) if match else set()
        if match and len(owners) == 1:
            new = action_id(report, next(iter(owners)), match.group(2))
            if new not in taken:
                out[old] = new
    return out


_OLD = re.compile(r"([a-z0-9]+(?:-[a-z0-9]+)*)/(?!response-\d+$)([^/]+)")
"""The agency slug and number of an old numbered action's id (not ``response-K``)."""


def action_id(report: str, agency: str, number: str) -> str:
    """A numbered action's id: ``child-t/Riverside Health/4`` (model.action_id)."""
    return f"{report}/{written(agency)}/{number}"


def response_id(report: str, agency: str, answers: tuple[str, str] | None, order: int) -> str:
    """An unnumbered response's id (model.response_id): ``.../response to 1 #1``, ``... to R1 #1`` for a reminder
    of practice, ``.../response #1`` for one that answers none."""
    if answers is None:
        return f"{report}/{written(agency)}/response #{order}"
    kind, number = answers
    return f"{report}/{written(agency)}/response to {'R' + number if kind == 'reminder' else number} #{order}"


_SPACE = re.compile(r"\s+")
_SLUG = re.compile(r"[^a-z0-9]+")
_FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201b": "'",
        "\u2032": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        "\xa0": " ",
        "\u202f": " ",
    }
)
_QUOTES = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u201b": "'", "\u2032": "'", "`": "'", "\u201c": '"', "\u201d": '"'}
)


def slug(text: str) -> str:
    """``Children's Social Care`` -> ``childrens-social-care`` (names.slug)."""
    folded = _SPACE.sub(" ", text.translate(_FOLD)).strip().casefold()
    return _SLUG.sub("-", folded.replace("'", "")).strip("-") or "x"


def written(name: str) -> str:
    """A name as written, for keys (names.written): spacing folded and curly quotes made plain, nothing else."""
    return _SPACE.sub(" ", name.translate(_QUOTES)).strip()
