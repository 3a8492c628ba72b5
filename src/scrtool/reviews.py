"""What a report is: its kind of review and its year, read from its title where it says so (``import --kind`` and
``--year`` say it otherwise)."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from .errors import UsageError
from .model import Plan


class ReviewKind(StrEnum):
    """The kinds of review a plan answers."""

    SCR = "SCR"
    """Serious case review (children, before 2019)."""
    CSPR = "CSPR"
    """Child safeguarding practice review, local or national."""
    SAR = "SAR"
    """Safeguarding adults review."""
    DHR = "DHR"
    """Domestic homicide review (domestic abuse related death review)."""
    OTHER = "other"


_KINDS = (
    (ReviewKind.CSPR, re.compile(r"\b(?:local )?child safeguarding practice review\b|\bl?cspr\b", re.I)),
    (ReviewKind.SCR, re.compile(r"\bserious case review\b|\bscr\b", re.I)),
    (ReviewKind.SAR, re.compile(r"\bsafeguarding adults? review\b|\bsar\b", re.I)),
    (ReviewKind.DHR, re.compile(r"\bdomestic (?:homicide|abuse related death) review\b|\bdhr\b|\bdardr\b", re.I)),
)
_YEAR = re.compile(r"(?<![\d/.-])((?:19|20)\d\d)(?![\d/.-])")


@dataclass(frozen=True, slots=True)
class Facts:
    """A report's year and kind of review, each None when nothing says it."""

    year: int | None = None
    kind: ReviewKind | None = None


def from_title(title: str) -> Facts:
    """The kind of review the title names (the first it names) and the year it gives (the last a title names, as in
    ``Child T (2014), published 2016``: its publication); None for each it does not say."""
    found = [(match.start(), kind) for kind, pattern in _KINDS if (match := pattern.search(title))]
    years = _YEAR.findall(title)
    return Facts(int(years[-1]) if years else None, min(found)[1] if found else None)


def given(year: int | None, kind: str | None) -> Facts:
    """What ``import --year --kind`` says; a year outside 1900-2100 or an unknown kind is a usage error."""
    if year is not None and not 1900 <= year <= 2100:
        raise UsageError(f"--year {year}: give the review's year, e.g. 2019")
    if kind is None:
        return Facts(year, None)
    for member in ReviewKind:
        if member.value.casefold() == kind.strip().casefold():
            return Facts(year, member)
    raise UsageError(f"--kind {kind!r}: give one of {', '.join(k.value for k in ReviewKind)}")


def apply(plan: Plan, said: Facts) -> Plan:
    """The plan with its report's year and kind: what the user said, else what its title says."""
    title = from_title(plan.report.title)
    year = said.year if said.year is not None else title.year
    kind = said.kind if said.kind is not None else title.kind
    return replace(plan, report=replace(plan.report, year=year, kind=kind.value if kind else None))
