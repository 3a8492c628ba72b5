"""The actions table's columns that hold an ``Action``: one declaration that the writer (``write``), the reader
(``read``'s SELECTs) and the decoder (``action``) all use, so a new field of an action is one line here (and its
migration). ``responds_to`` is the ``responses`` table; ``seq`` and ``agency_key`` are the store's own."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from operator import attrgetter, itemgetter
from typing import Any

from ..model import Action, Place, RecRef, Source, Status
from .decode import damaged, extra, place, status


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    """The actions table's column."""
    field: str
    """The ``Action`` field it holds (``source.file``: a part of one)."""
    encode: Callable[[Any], object] | None = None
    """The field's value as stored, when that is not the value itself."""
    decode: Callable[[Any, str], object] | None = None
    """A stored value back (given the action's id, for the error of a value scrtool never writes)."""


def place_json(place: Place | None) -> str | None:
    """A record's place in a Word, PDF or Excel file as stored (``store.decode.place`` reads it back)."""
    if place is None:
        return None
    import json

    return json.dumps({name: getattr(place, name) for name in _PLACE_KEYS}, ensure_ascii=False, separators=(",", ":"))


_PLACE_KEYS = tuple(field.name for field in fields(Place))
"""``Place``'s fields in order: what ``dataclasses.asdict`` gives, without its deep copy (60 us a record)."""


def extra_json(cells: tuple[tuple[str, str], ...]) -> str:
    """Extra cells as stored: a JSON object of text (``store.decode.extra`` reads it back)."""
    if not cells:
        return "{}"
    import json

    return json.dumps(dict(cells), ensure_ascii=False)


def _status(value: Any, ident: str) -> Status:
    return _STATUSES.get(value) or status(value, f"action {ident!r}")


_STATUSES = {s.value: s for s in Status}


def _place(value: Any, ident: str) -> Place | None:
    return None if value is None else place(value, f"action {ident!r}")


def _extra(value: Any, ident: str) -> tuple[tuple[str, str], ...]:
    return () if value == "{}" else extra(value, f"action {ident!r}")


def _judgement(value: Any, ident: str) -> str | None:
    """A RAG judgement as stored."""
    if value is None or value in _RAGS:
        return None if value is None else str(value)
    raise damaged(f"action {ident!r}: RAG {value!r} is not one scrtool writes")


_RAGS = frozenset({"red", "amber", "green", "blue"})


COLUMNS = (
    Column("id", "id"),
    Column("report", "report"),
    Column("agency", "agency"),
    Column("lead", "lead"),
    Column("number", "number"),
    Column("text", "text"),
    Column("outcome", "outcome"),
    Column("status_text", "status_text"),
    Column("status", "status", {s: s.value for s in Status}.__getitem__, _status),
    Column("file", "source.file"),
    Column("line", "source.line"),
    Column("place", "source.place", place_json, _place),
    Column("extra", "extra", extra_json, _extra),
    Column("target", "target"),
    Column("due", "due"),
    Column("updated", "updated"),
    Column("rag", "rag", None, _judgement),
    Column("rag_reason", "rag_reason"),
)
NAMES = tuple(c.name for c in COLUMNS)
SELECTED = ", ".join(f"a.{name}" for name in NAMES)
"""What ``read`` selects from ``actions a`` for ``action`` to decode."""

_VALUES = attrgetter(*(c.field for c in COLUMNS))
_ENCODED = tuple((i, c.encode) for i, c in enumerate(COLUMNS) if c.encode)
_DECODED = tuple((i, c.decode) for i, c in enumerate(COLUMNS) if c.decode)
_SOURCE = itemgetter(*(i for i, c in enumerate(COLUMNS) if c.field.startswith("source.")))
_SOURCE_AT, _ANSWERS_AT = len(COLUMNS), len(COLUMNS) + 1
_ARGUMENTS = itemgetter(
    *(
        _SOURCE_AT if f.name == "source" else _ANSWERS_AT if f.name == "responds_to" else NAMES.index(f.name)
        for f in fields(Action)
    )
)
"""The values of a row (with its Source and answers after them) in the order of Action's fields."""


def stored(action: Action) -> list[object]:
    """An action's values as the columns hold them, in ``COLUMNS``' order."""
    values: list[object] = list(_VALUES(action))
    for i, encode in _ENCODED:
        values[i] = encode(values[i])
    return values


def action(row: Sequence[Any], answers: dict[str, list[RecRef]]) -> Action:
    """A stored row of ``SELECTED`` back to an Action; ``answers``: the recommendations each response answers."""
    values = list(row)
    ident = values[0]
    for i, decode in _DECODED:
        values[i] = decode(values[i], ident)
    values += (Source(*_SOURCE(values)), tuple(answers[ident]) if ident in answers else ())
    return Action(*_ARGUMENTS(values))
