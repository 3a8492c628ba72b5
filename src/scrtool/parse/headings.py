"""Lines that name an agency: a heading over its table (``## Northshire Police``), a row spanning the table, the
first cell of a table's header (``Thames Valley Police | Action No | ...``).

A name is taken for an agency's only when it is named as organisations are: it holds a word organisations use
(Police, Health, Council, Trust, Services, Board, Team, NHS ...) or an acronym (CSP, PCT, G4S), and is not one of
the document's own headings (``Appendix 2``, ``Recommendations``, a theme such as ``Information Sharing``, a
protective marking such as ``OFFICIAL``, a status word, the review's pseudonym ``Child FF``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .cells import clean

ORGANISATION_WORDS = frozenset("""
police constabulary health healthcare nhs trust council services service care social board partnership partnerships
team teams department dept school schools hospital hospitals probation ambulance housing education authority
commissioner unit agency agencies practice practices gp gps surgery centre center college academy foundation charity
society network panel group office court courts prison prisons youth family families aid refuge university clinic
clinical commissioning safeguarding children's childrens children adult adults midwifery maternity paediatric
paediatrics emergency fire rescue justice offending directorate division provider providers organisation
organization hub visiting visitors visitor nursing nurses mental wellbeing public primary community county borough
city district metropolitan home homes support women's substance drug drugs alcohol recovery liaison workers staff
executive cafcass nspcc barnardo's directorate ministry government department's hmpps hmp
""".split())
"""Words the names of agencies hold; a heading with none of them (and no acronym) names a theme or a section."""

_ACRONYM = re.compile(r"^(?=[A-Z0-9&/]*[A-Z])[A-Z0-9&/]{2,8}$")
_NOT_AN_AGENCY = re.compile(
    r"^(?:appendix|annex|table|section|part|figure|page|chapter|theme|priority|objective)\b|recommendation|finding|"
    r"\b(?:report|plan|overview|scr|cspr|dhr|sar|lcsr|introduction|summary|official|official-sensitive|draft|"
    r"confidential|restricted|sensitive|protect|outstanding|completed|complete|closed|open|ongoing)\b|"
    r"^(?:child|baby|infant|adult|mr|mrs|ms|miss|family)\s+\W?(?-i:[A-Z]{1,3})\b|\b(?:19|20)\d\d\b", re.IGNORECASE)
"""Headings of the document's own, protective markings, status words, a review's pseudonym, a year."""
_AROUND_A_NAME = re.compile(r"^(?:\d+(?:\.\d+)*\.?\s+|(?:lead\s+)?(?:agency|organi[sz]ation)\s*[:\-\u2013]\s*|"
                            r"action\s+plan\s*(?:for\s+|[:\-\u2013]\s*))"
                            r"|\s*[:\-\u2013]?\s*(?:(?:single[- ]agency\s+|agency\s+|imr\s+)?action\s+plan|actions|"
                            r"action\s+log)?\s*:?$", re.IGNORECASE)
"""A heading's numbering, ``Agency:`` or ``Action plan:`` before the name, ``(IMR) action plan`` or ``actions`` after
it."""
_ASIDE = re.compile(r"\s*\([^)]*\)")
"""``(Child T)``, ``(draft)``: what a heading adds in brackets."""


def agency_heading(lines: Sequence[str]) -> tuple[str, str] | None:
    """The nearest of the last three lines above a table that names an agency (see the module), with the name."""
    for line in reversed(lines[-3:]):
        name = _AROUND_A_NAME.sub("", _ASIDE.sub(" ", clean(line)).strip()).strip(" :*_")
        if names_an_organisation(name):
            return line, name
    return None


def names_an_organisation(name: str) -> bool:
    """``name`` is named as organisations are (see the module): short, no full stop, an organisation's word or an
    acronym, and none of the document's own headings."""
    words = name.split()
    return (0 < len(words) <= 10 and len(name) <= 80 and not name.endswith(".") and not _NOT_AN_AGENCY.search(name)
            and any(_ACRONYM.match(word) or word.casefold().strip("(),:;'\u2019") in ORGANISATION_WORDS
                    or word.casefold().replace("\u2019", "'") in ORGANISATION_WORDS for word in words))
