"""Today's date, for due dates and RAG: the machine's, or ``$SCRTOOL_TODAY`` (ISO) to see the plan as of a day."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime

from .errors import UsageError

ENV_VAR = "SCRTOOL_TODAY"
EARLIEST, LATEST = date(1900, 1, 1), date(2999, 12, 31)
"""The days ``$SCRTOOL_TODAY`` may name: a RAG threshold (config.MAX_DAYS at most) either side of them is a date."""


def today() -> date:
    fixed = os.environ.get(ENV_VAR)
    if fixed:
        try:
            day = date.fromisoformat(fixed)
        except ValueError:
            raise UsageError(f"{ENV_VAR}={fixed!r} is not a date (YYYY-MM-DD)") from None
        if not EARLIEST <= day <= LATEST:
            raise UsageError(f"{ENV_VAR}={fixed!r} is out of range: give a day from {EARLIEST} to {LATEST}")
        return day
    return date.today()


DATE_HELP = "UK order: 31/03/2027, 31.3.27, March 2027 (its last day) or 2027-03-31; 03/04/27 is 3 April"
"""What a date option takes, for its --help (the same dates the importer reads in plans)."""


def iso_date(text: str, option: str) -> str:
    """A date the user typed, as plans write them (``31/03/2027``, ``31.3.27``, ``March 2027``, ``2027-03-31``; day
    before month, as in the UK), or a UsageError naming the option."""
    try:
        return date.fromisoformat(text.strip()).isoformat()
    except ValueError:
        pass
    from .parse.dates import parse_date

    found = parse_date(text)
    if found is None:
        raise UsageError(f"{option} {text!r} is not a date (e.g. 31/03/2027, March 2027 or 2027-03-31)")
    return found.isoformat()


def now_utc() -> str:
    """The time now (ISO 8601, UTC); midnight of ``$SCRTOOL_TODAY`` when that is set."""
    if os.environ.get(ENV_VAR):
        return f"{today().isoformat()}T00:00:00Z"
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
