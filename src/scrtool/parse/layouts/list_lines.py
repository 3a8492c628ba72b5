"""What one line of text is in a list of recommendations: the section's heading, a recommendation's label, a
numbered paragraph, a bullet, an agency's heading, another heading, a page number, a "Read more" link, a field
(``Lead agency: ...``) or a line of prose. ``lists.py`` reads the lines in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from ..cells import clean
from ..headings import SECTION_WORDS, agency_heading, opens_a_section
from ..tables import Text
from ..vocab import Role, Vocabulary

PLAIN_HEADING = 8
"""The level of a plain line read as a heading (below a bold line's 7): it ends only sections of its own level."""


class Kind(Enum):
    SECTION = "section"
    """The recommendations' heading: ``Recommendations``, ``Summary of recommendations``, ``6. Recommendations``."""
    LABEL = "label"
    """``Recommendation 1``, ``Recommendation number 2``, ``Rec 3:``, with or without its text after it."""
    BARE = "bare"
    """``Recommendation`` with no number (numbered in the order of the plan)."""
    NUMBERED = "numbered"
    """A paragraph that starts with a number: ``1.``, ``27.``, ``5.1``, ``(3)``."""
    ITEM = "item"
    """A bullet or a lettered item: ``- ...``, ``• ...``, ``a) ...``."""
    FIELD = "field"
    """``Lead agency: ...``, ``Status: ...``, ``Target date: ...``: a header word of the vocabulary, then a colon."""
    AGENCY = "agency"
    """A heading (or a short line of its own) that names an agency (``headings.agency_heading``)."""
    HEADING = "heading"
    """Any other heading: a theme inside the section, or the next section."""
    PAGE = "page"
    """A page number (``12``, ``Page 3 of 40``, ``- 7 -``)."""
    MORE = "more"
    """A "Read more" / "Show less" link of a web page's widget."""
    PROSE = "prose"


@dataclass(frozen=True, slots=True)
class Line:
    kind: Kind
    line: int
    text: str
    """The text after the label or marker (the name, for an agency; the whole line otherwise)."""
    number: str | None = None
    level: int = 0
    """A heading's level: 1-6, 7 for a bold line, ``PLAIN_HEADING`` for a plain line read as one."""
    marker: str = ""
    """A list item's marker as written (``1.``, ``a)``, ``-``), or a field's label."""
    role: Role | None = None
    """A field's role."""
    more: bool = False
    """The line ended in a "Read more" link (a teaser): the text after it repeats it in full."""


_SPACES = re.compile(r"[\s\xa0\u200b]+")
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_NUMBER = r"\d{1,3}(?:\.\d{1,3})*[a-z]?"
_SECTION = re.compile(
    r"^(?:(?:section|part|chapter|appendix|annex)\s+[\w.]+\s*[:.\-\u2013\u2014]?\s*|\d{1,2}(?:\.\d{1,2})*\.?\s+)?"
    r"(?:(?:a\s+)?(?:summary|list|table)\s+of\s+(?:the\s+)?|(?:the|our|key|final|panel'?s?|review'?s?|reviewers?'?s?|"
    r"lead\s+reviewers?'?s?|multi-agency|single[- ]agency|agency|partnership|system|local)\s+)*"
    r"recommendations(?:\s+(?:for|to|of|from|made|arising|and\s+(?:actions?|responses?|next\s+steps))\b[^.]{0,60})?"
    r"\s*:?$",
    re.IGNORECASE,
)
_NAMED_SECTION = re.compile(r"^[^:.]{1,60}:\s*recommendations$", re.IGNORECASE)
"""``Child Q: recommendations``."""
_LABEL = re.compile(
    rf"^(?:recommendation|rec\.?)\s*(?:(?:number|no\.?|#)\s*)?({_NUMBER})(?![\w.]*\d)"
    r"(?:\s*[:.)\-\u2013\u2014]\s*|\s+(?=(?-i:[A-Z\"'\u2018\u201c(]))|\s*$)(.*)$",
    re.IGNORECASE,
)
"""Not ``Recommendation 3 of the previous review`` (text in lower case right after the number)."""
_BARE = re.compile(r"^recommendation(?:\s*[:.\-\u2013\u2014]\s*(.*)|\s+((?-i:[A-Z]).*)|\s*)$", re.IGNORECASE)
_NUMBERED = re.compile(rf"^\(?({_NUMBER})(?:[.)]\)?\s+|\s+(?=[\"'\u2018\u201c(A-Z]))(?=\D)(.+)$")
"""``1. The``, ``1) the``, ``(1) the``, ``5.1 The`` (a dotted number with no stop only before a capital: not
``1.5 million``); not ``2 staff to attend``."""
_DOTTED = re.compile(r"^\d{1,3}\.\d")
_ITEM = re.compile(
    r"^([-*+\u2022\u25e6\u25aa\u25ab\u25cf\u25cb\u25a0\u25a1\u2013\u2014\u00b7\u2023\u2043\u27a2\u27a4"
    r"\u25ba\u2713\u2714\uf0b7\uf0a7]|o(?=\s)|\(?[a-z]\)|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)])\s+(\S.*)$"
)
"""A bullet (``-``, ``*``, ``•``, Word's symbol-font bullets, ``o``) or a lettered/roman item (``a)``, ``(ii)``)."""
_PAGE = re.compile(
    r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$|^[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]$", re.IGNORECASE
)
_MORE = re.compile(
    r"^[+\u203a\u00bb>\u25b8\u25be\u25bc\u25b2\s]*(?:read|show|view|see)\s+(?:more|less|the\s+full|full)"
    r"\b[^.!?]{0,60}$",
    re.IGNORECASE,
)
_MORE_AFTER = re.compile(r"\s*(?:\u2026|\.\.\.)?\s*[\[(]?(?:read|show|view)\s+more[\])]?$", re.IGNORECASE)
"""A teaser's "... Read more" at the end of its line."""
_FIELD = re.compile(r"^([A-Za-z][\w '/()-]{1,40}?)\s*:\s*(\S.*)$")
_FIELD_ROLES = frozenset({Role.AGENCY, Role.STATUS, Role.TARGET, Role.DONE, Role.OUTCOME, Role.EVIDENCE})
_SMALL = frozenset("a an and as at by for from in into of on or the to with".split())


def classify(
    block: Text, alone: bool, vocabulary: Vocabulary, first: bool = False, after_stop: bool = False
) -> Line | None:
    """What ``block`` is; ``alone``: it is a paragraph of its own (no line of text right above or below it in a text
    file), so a short plain line may be a heading; ``first``: it starts a paragraph, so a short line starting as
    other sections do (``Appendix A: Glossary`` over the glossary's lines) is a heading; ``after_stop``: the line
    right above ended a sentence, so a short line that opens a section (``headings.opens_a_section``) is the next
    section's heading, not more of the last recommendation. None for a line with no text."""
    text = _SPACES.sub(" ", _LINK.sub(r"\1", clean(block.text))).strip()
    if not text:
        return None
    line, heading = block.line, block.heading
    if _MORE.match(text):
        return Line(Kind.MORE, line, text)
    if _PAGE.match(text) and (alone or heading == 0):
        return Line(Kind.PAGE, line, text)
    found = _LABEL.match(text)
    if found:
        return Line(Kind.LABEL, line, found.group(2).strip(), found.group(1).lower(), heading)
    if (heading or alone or _own_line(text)) and (_SECTION.match(text) or _NAMED_SECTION.match(text)):
        return Line(Kind.SECTION, line, text, level=heading or PLAIN_HEADING)
    bare = _BARE.match(text)
    if bare:
        return Line(Kind.BARE, line, (bare.group(1) or bare.group(2) or "").strip(), level=heading)
    if heading in (0, 7) and (field := _field(line, text, vocabulary)) is not None:
        return field
    opens = (first and SECTION_WORDS.match(text)) or (after_stop and opens_a_section(text))
    if 0 < heading < 7 or ((heading == 7 or alone or opens) and _title_like(text)):
        return _heading(line, text, heading or PLAIN_HEADING)
    return _content(line, text, alone, vocabulary)


def _own_line(text: str) -> bool:
    """A line right over the list's first (no blank line between) that is the recommendations' heading all the
    same: it starts with a capital or a number and ends in the word (``Recommendations``, ``6. Recommendations:``),
    not a line of prose wrapped (``recommendations for the board are``)."""
    return (text[:1].isupper() or text[:1].isdigit()) and text.rstrip(": ").lower().endswith("recommendations")


def _heading(line: int, text: str, level: int) -> Line:
    named = agency_heading([text])
    if named is not None:
        return Line(Kind.AGENCY, line, named[1], level=level)
    return Line(Kind.HEADING, line, text, level=level)


def _content(line: int, text: str, alone: bool, vocabulary: Vocabulary) -> Line:
    numbered = _NUMBERED.match(text)
    if numbered and not (_DOTTED.match(text) and numbered.group(2)[:1].islower()):
        marker = text[: numbered.start(2)].strip()
        return Line(Kind.NUMBERED, line, numbered.group(2).strip(), numbered.group(1).lower(), marker=marker)
    item = _ITEM.match(text)
    if item:
        return Line(Kind.ITEM, line, item.group(2).strip(), marker=item.group(1))
    if alone and len(text) <= 80 and text[-1:] not in ".,;:!?" and agency_heading([text]) is not None:
        return _heading(line, text, PLAIN_HEADING)
    teaser = _MORE_AFTER.search(text)
    if teaser is not None and teaser.start() > 0:
        return Line(Kind.PROSE, line, text[: teaser.start()].rstrip(), more=True)
    return Line(Kind.PROSE, line, text)


def _field(line: int, text: str, vocabulary: Vocabulary) -> Line | None:
    """``Lead agency: Riverside ICB``: a label the vocabulary knows as a column's header, then its value."""
    found = _FIELD.match(text)
    if found is None or len(found.group(1).split()) > 4:
        return None
    role = vocabulary.header_role(found.group(1), loose=False)
    if role not in _FIELD_ROLES:
        return None
    return Line(Kind.FIELD, line, found.group(2).strip(), marker=found.group(1).strip(), role=role)


def _title_like(text: str) -> bool:
    """A short line that reads as a section's heading: no stop at its end, and in title case (``Next Steps``), in
    capitals, or starting with a word other sections start with (``Conclusion``, ``Appendix 2``, ``7. Learning``)."""
    words = text.split()
    if (
        not 0 < len(words) <= 9
        or len(text) > 70
        or text[-1] in ".,;:!?"
        or not (text[0].isupper() or text[0].isdigit())
    ):
        return False
    if _NUMBERED.match(text) and not _DOTTED.match(text) and len(words) > 6:
        return False
    if SECTION_WORDS.match(text) or (text.isupper() and len(text) > 3):
        return True
    significant = [word for word in words if word.isalpha() and word.lower() not in _SMALL]
    return bool(significant) and all(word[0].isupper() for word in significant)


def follows(previous: str, number: str) -> bool:
    """``number`` is the one after ``previous`` in a numbered list: ``28`` after ``27``, ``5.2`` after ``5.1``,
    ``6.1`` after ``5.3``."""
    before, after = previous.split("."), number.split(".")
    if len(before) != len(after) or not all(part.isdecimal() for part in before + after):
        return False
    if before[:-1] == after[:-1] and int(after[-1]) == int(before[-1]) + 1:
        return True
    return len(after) > 1 and int(after[0]) == int(before[0]) + 1 and all(part == "1" for part in after[1:])


def same_text(text: str) -> str:
    """``text`` folded for telling a repeat: case, spaces, an ellipsis and the stops at its end."""
    return _SPACES.sub(" ", text).casefold().strip().rstrip(".\u2026 ")
