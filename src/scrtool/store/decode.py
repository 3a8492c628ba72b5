"""Values as the store holds them, back to records: a status, kind, place and extra cells (an action's row:
action_columns.action); anything scrtool never writes is a damaged store (one clear error), never a guess."""

from __future__ import annotations

from ..errors import StoreError
from ..model import Place, RecKind, Status


def place(text: str | None, what: str = "a record") -> Place | None:
    """A record's stored place in a Word, PDF or Excel file (``write.place_json``); None for text."""
    if text is None:
        return None
    import json

    try:
        return Place(**json.loads(text))
    except (ValueError, TypeError):
        raise damaged(f"{what}: place {text[:60]!r} is not one scrtool writes") from None


def damaged(what: str) -> StoreError:
    """The error for a value in the store that scrtool never writes."""
    return StoreError(f"damaged store: {what}")


_STATUS = {status.value: status for status in Status}
_KIND = {kind.value: kind for kind in RecKind}


def status(value: object, what: str) -> Status:
    """A status as stored, for ``what`` (e.g. "action 'r/police/1'")."""
    try:
        return _STATUS[value]  # type: ignore[index]
    except (KeyError, TypeError):
        raise damaged(f"{what}: status {value!r} is not one scrtool writes") from None


def kind(value: object, what: str) -> RecKind:
    """A recommendation's kind as stored (recommendation or reminder)."""
    try:
        return _KIND[value]  # type: ignore[index]
    except (KeyError, TypeError):
        raise damaged(f"{what}: kind {value!r} is not one scrtool writes") from None


def extra(text: object, what: str) -> tuple[tuple[str, str], ...]:
    """Extra cells as stored: a JSON object of text."""
    if text == "{}":
        return ()
    import json

    try:
        cells = json.loads(str(text))
    except ValueError:
        cells = None
    if not isinstance(cells, dict) or not all(isinstance(v, str) for v in cells.values()):
        raise damaged(f"{what}: extra cells {str(text)[:60]!r} are not a JSON object of text")
    return tuple(cells.items())
