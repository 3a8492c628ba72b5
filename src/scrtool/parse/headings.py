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
from .tables import Text

SECTION_WORDS = re.compile(
    r"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?:conclusions?|appendi(?:x|ces)|annexe?s?|findings?|learning|glossary|references|"
    r"background|introduction|next\s+steps|summary|methodology|methods?|contents|acknowledge?ments|terms\s+of\s+reference|"
    r"analysis|chronology|good\s+practice|foreword|context|purpose|scope|lessons|themes?|thematic|key\s+(?:lines|themes|"
    r"findings|learning|issues)|case\s+summary|what\s+happened|evaluation|sign[- ]off|contact|published|related|"
    r"further\s+information|about|action\s+plan|the\s+review|family|voice\s+of\s+the\s+child)\b",
    re.IGNORECASE,
)
"""The words a report's other sections start with (a plain line of its own starting so is a heading)."""


def opens_a_section(text: str) -> bool:
    """A short line (six words at most, no stop at its end) that starts as a report's other sections do: after a
    sentence that ended, the next section's heading (``Appendix A: Glossary`` right under a list's last
    recommendation), not more of the paragraph above."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and len(text) <= 70
        and text[-1] not in ".,;:!?"
        and (text[0].isupper() or text[0].isdigit())
        and SECTION_WORDS.match(text) is not None
    )


ORGANISATION_WORDS = frozenset(
    """
police constabulary health healthcare nhs trust council services service care board partnership partnerships
team teams department dept school schools hospital hospitals probation ambulance housing education authority
commissioner unit agency agencies practice practices gp gps surgery centre center college academy foundation charity
society network panel group office court courts prison prisons aid refuge university clinic children's childrens
children adult adults midwifery maternity paediatrics fire rescue justice offending directorate division provider
providers organisation organization hub visitors nursing nurses wellbeing borough homes women's recovery liaison
workers staff executive cafcass nspcc barnardo's ministry government hmpps hmp action
""".split()
)
"""Words the names of agencies end in (``Northshire Police``, ``Action for Children``); a heading ending otherwise,
with no acronym, names a theme or a section (``Hospital Discharge``, ``Safeguarding Supervision``)."""

_ACRONYM = re.compile(r"^(?=[A-Z0-9&/]*[A-Z])[A-Z0-9&/]{2,8}$")
_NOT_AN_AGENCY = re.compile(
    r"^(?:appendix|annex|table|section|part|figure|page|chapter|theme|priority|objective)\b|recommendation|finding|"
    r"^(?:(?:lead|responsible)\s+)?(?:agency|agencies|organi[sz]ations?)$|"
    r"\b(?:report|plan|overview|scr|cspr|dhr|sar|lcsr|introduction|summary|official|official-sensitive|draft|"
    r"confidential|restricted|sensitive|protect|outstanding|completed|complete|closed|open|ongoing)\b|"
    r"^(?:child|baby|infant|adult|mr|mrs|ms|miss|family)\s+\W?(?-i:[A-Z]{1,3})\b|\b(?:19|20)\d\d\b",
    re.IGNORECASE,
)
"""Headings of the document's own, protective markings, status words, a review's pseudonym, a year, a column's
header word alone (``Agency``: a table's header line that a PDF's text left on a line of its own)."""
_AROUND_A_NAME = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s+|(?:lead\s+)?(?:agency|organi[sz]ation)\s*[:\-\u2013]\s*|"
    r"(?:single[- ]agency\s+|agency\s+|imr\s+)?action\s+plan\s*(?:for\s+|[:\-\u2013\u2014]\s*))"
    r"|\s*[:\-\u2013]?\s*(?:(?:single[- ]agency\s+|agency\s+|imr\s+)?action\s+plan|actions|"
    r"action\s+log)?\s*:?$",
    re.IGNORECASE,
)
"""A heading's numbering, ``Agency:`` or ``(Single agency) action plan:`` (or ``-``) before the name, ``(IMR)
action plan`` or ``actions`` after it."""
_CONNECTORS = frozenset({"and", "of", "for", "the", "in", "on", "&", "-", "\u2013", "/"})
_PLACE = re.compile(r"\s+(?:for|of|in)\s+(?-i:[A-Z])[\w'\u2019-]*(?:\s+(?-i:[A-Z])[\w'\u2019-]*)*$")
"""``... Commissioner for Northshire``: the place after a name's head word."""
_DASH = re.compile(r"\s+[-\u2013\u2014]\s+")
_ASIDE = re.compile(r"\s*\([^)]*\)")
"""``(Child T)``, ``(draft)``: what a heading adds in brackets."""


def agency_heading(lines: Sequence[str]) -> tuple[str, str] | None:
    """The nearest of the last three lines above a table that names an agency (see the module), with the name; a
    line that goes on after a dash names it before (``Northshire Police - update March 2024``)."""
    for line in reversed(lines[-3:]):
        name = _AROUND_A_NAME.sub("", _ASIDE.sub(" ", clean(line)).strip()).strip(" :*_")
        for candidate in (name, _DASH.split(name, 1)[0]):
            if names_an_organisation(candidate):
                return line, candidate
    return None


def names_an_organisation(name: str) -> bool:
    """``name`` is named as organisations are (see the module): short, no full stop or colon, not a sentence (at most
    two words in lower case besides ``and``, ``of``, ``the`` ...), ending in an organisation's word or holding an
    acronym, and none of the document's own headings."""
    words = name.split()
    return (
        0 < len(words) <= 10
        and len(name) <= 80
        and not name.endswith(".")
        and ":" not in name
        and sum(word.islower() and word not in _CONNECTORS for word in words) <= 2  # not a sentence
        and not _NOT_AN_AGENCY.search(name)
        and (
            any(_ACRONYM.match(word) for word in words)
            or any(
                head.casefold().replace("\u2019", "'").strip("(),;") in ORGANISATION_WORDS
                for head in (words[-1], _PLACE.sub("", name).split()[-1])
            )
        )
    )


_TITLE_LINES = 40
"""A report's title is looked for among its first lines of text."""
_LONGEST_TITLE = 150
_SHORT_LINE = 80


def report_title(lines: Sequence[Text]) -> str:
    """A report's title from its lines of text before its first table: its ``Title`` style's line, else its first
    heading of the highest level (``# Child Q``); with no heading, its first line, and the next when both are short
    (``Final recommendations ...`` over ``Last updated: 01/03/2012``). Never a paragraph: a line longer than a
    title is cut (``first_line``)."""
    head = lines[:_TITLE_LINES]
    headings = [line for line in head if 0 < line.heading <= 6]
    if headings:
        top = min(line.heading for line in headings)
        return first_line(next(line.text for line in headings if line.heading == top))
    texts = [clean(line.text) for line in head[:2]]
    if len(texts) == 2 and all(len(text) <= _SHORT_LINE for text in texts):
        return " ".join(texts)
    return first_line(texts[0]) if texts else ""


def first_line(text: str) -> str:
    """``text`` as a title: cleaned, and cut at its first sentence's end or a word (with ``…``) when longer than
    a title."""
    text = clean(text)
    if len(text) <= _LONGEST_TITLE:
        return text
    end = text.find(". ", 0, _LONGEST_TITLE)
    if end > 0:
        return text[: end + 1]
    return text[:_LONGEST_TITLE].rsplit(" ", 1)[0] + "\u2026"
