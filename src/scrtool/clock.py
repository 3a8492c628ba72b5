"""Today's date, for due dates and RAG: the machine's, or ``$SCRTOOL_TODAY`` (ISO) to see the plan as of a day."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from .errors import UsageError

ENV_VAR = "SCRTOOL_TODAY"


def today() -> date:
    fixed = os.environ.get(ENV_VAR)
    if fixed:
        try:
            return date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"{ENV_VAR}={fixed!r} is not a date (YYYY-MM-DD)") from None
    return date.today()


def iso_date(text: str, option: str) -> str:
    """A date the user typed (YYYY-MM-DD), or a UsageError naming the option."""
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise UsageError(f"{option} {text!r} is not a date (YYYY-MM-DD)") from None


def now_utc() -> str:
    """The time now (ISO 8601, UTC); midnight of ``$SCRTOOL_TODAY`` when that is set."""
    if os.environ.get(ENV_VAR):
        return f"{today().isoformat()}T00:00:00Z"
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
