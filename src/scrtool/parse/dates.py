"""Dates as plans write them: target-date cells (``March 2024``, ``31/03/2024``, ``2024-03-31``, ``By 31.03.24``,
``w/c 12/02/2024``, Excel's ``31-Mar-26`` and ``Mar-26`` (March 2026), ``March 2024 (revised June 2024)``) and
targets in the text (``by October 2011``). A month without a day means its last day. ``within 3 working days`` and
``Q1 2025`` are not dates."""

from __future__ import annotations

import calendar
import re
from datetime import date
from functools import lru_cache

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"


@lru_cache(maxsize=1)
def _patterns() -> list[re.Pattern[str]]:
    """The shapes of a date cell (compiled on the first target-date column, not by every import)."""
    return [
        re.compile(r"^(?P<year>\d{4})-(?P<month>\d\d)-(?P<day>\d\d)$"),
        re.compile(r"^(?P<day>[0-3]?\d)[/.-](?P<month>[01]?\d)[/.-](?P<year>\d{4}|\d\d)$"),
        re.compile(rf"^{_DAY}\s+{_MONTH},?\s+{_YEAR}$", re.I),
        re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.I),
        re.compile(rf"^(?:end(?: of)?\s+)?{_MONTH},?\s+{_YEAR}$", re.I),
        re.compile(r"^(?P<month>[01]?\d)[/.](?P<year>\d{4})$"),
        re.compile(rf"^{_DAY}[-\s]{_MONTH}[-\s](?P<year>\d{{4}}|\d\d)$", re.I),  # Excel's 31-Mar-26
        re.compile(rf"^{_MONTH}-(?P<year>\d{{4}}|\d\d)$", re.I),  # Excel's mmm-yy: Mar-26 is March 2026
    ]


_AFTER_BY = re.compile(rf"\s+(?:the\s+end\s+of\s+)?(?:{_DAY}\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)


_LEADS = ("by ", "w/c ")
"""Words before a target date that do not change it: ``By 31.03.24``, ``w/c 12/02/2024`` (week commencing)."""


def parse_date(text: str) -> date | None:
    """A date cell as written, or None when it is not a date (``Ongoing``, ``Q2``, ``within 3 days``). A leading
    ``by`` or ``w/c`` is read past; so is a note in brackets after the date: ``March 2024 (revised June 2024)`` is the
    original target, March 2024."""
    return _read_date(_bare_date(_fold(text)))


def starts_with_date(text: str) -> bool:
    """The cell starts with a date cell's text (``12/06/2023``, ``June 2023: 140 staff trained``), without a ``by``
    (``By March 2024`` in a completion column is a promise, not a completion)."""
    words = text.split(maxsplit=4)[:4]
    return any(
        _read_date(_fold(" ".join(words[:count]).rstrip(":;,-\u2013\u2014"))) for count in range(len(words), 0, -1)
    )


def _fold(text: str) -> str:
    """The cell with its spaces folded to one and without the full stops and spaces around it."""
    return " ".join(text.split()).strip(" .")


def _bare_date(cell: str) -> str:
    """A folded cell without a note in brackets at its end and a ``by`` or ``w/c`` at its start."""
    if cell.endswith(")") and "(" in cell:
        cell = cell[: cell.index("(")].rstrip(" .")
    head = cell[:4].lower()
    for lead in _LEADS:
        if head.startswith(lead):
            return cell[len(lead) :]
    return cell


def _read_date(cell: str) -> date | None:
    """A folded cell that is a date and nothing else (``31/03/2024``, ``End of March 2024``), or None."""
    for pattern in _patterns():
        match = pattern.match(cell)
        if match:
            return _build(match)
    return None


def target_in_text(text: str) -> str | None:
    """The first ``by <month> <year>`` (or ``by <day> <month> <year>``) in an action's text, as an ISO date."""
    lower = text.lower()
    at = lower.find("by")
    while at >= 0:
        if at == 0 or not lower[at - 1].isalnum():
            match = _AFTER_BY.match(text, at + 2)
            if match:
                return _iso_date(*match.group("year", "month", "day"))
        at = lower.find("by", at + 2)
    return None


def _build(match: re.Match[str]) -> date | None:
    parts = match.groupdict()
    return _date(parts["year"], parts["month"], parts.get("day"))


@lru_cache(maxsize=4096)
def _iso_date(year_text: str, month_text: str, day_text: str | None) -> str | None:
    """``_date`` as ISO text (the same few dates recur in a plan's texts)."""
    found = _date(year_text, month_text, day_text)
    return found.isoformat() if found else None


@lru_cache(maxsize=4096)
def _date(year_text: str, month_text: str, day_text: str | None) -> date | None:
    month_text = month_text.lower()
    month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text.rstrip("."), 0)  # re.I matches "ſep"
    year = int(year_text)
    if year < 100:
        year += 2000
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    day = int(day_text) if day_text else last
    if not 1 <= day <= last:
        return None
    return date(year, month, day)
