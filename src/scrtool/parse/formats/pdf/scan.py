"""A fast look at every page's text (PDFium, through pypdfium2) to find where a report keeps its plan: the
pages with a table header of a plan on them (``Action No  Recommendation  Projected Outcome  Status``).

Reading a page's tables costs about fifty times what this look costs, so a 40-page report whose plan is a
12-page appendix is read in a fifth of the time. A line is a plan's header when most of its words are header
words (``vocab.HEADER_WORDS``) of two roles or more, one of them a recommendation's or action's text.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ....errors import InputError
from ...vocab import HEADER_WORDS, NUMBER_ROLES, TEXT_ROLES, fold_header
from ..document import NeedsPassword

_EVENTS = frozenset({"event", "events", "incident", "incidents"})
_NEUTRAL = frozenset({"of", "to", "the", "and", "be", "by", "in", "at", "for", "date", "no.", "/"})


@dataclass(frozen=True, slots=True)
class Scan:
    pages: int
    plan: list[int]
    """The 1-based pages with a plan's table header on them."""
    chars: int
    """Characters of text in the whole file."""
    first: str = ""
    """The file's first line of text (its title, when the pages read for the plan come later)."""


@lru_cache(maxsize=1)
def _roles() -> dict[str, str]:
    """Each header word -> the kind of column it names (number, text, or its role)."""
    roles: dict[str, str] = {}
    for key, role in sorted(HEADER_WORDS.items(), key=lambda item: len(item[0].split())):
        kind = "number" if role in NUMBER_ROLES else "text" if role in TEXT_ROLES else str(role)
        for word in key.split():
            if word not in _NEUTRAL:
                roles.setdefault(word, kind)
    roles.setdefault("recommendation", "text")
    return roles


def is_header_line(line: str) -> bool:
    """Most of the line's words name columns of a plan, of two kinds or more, one of them a text column."""
    words = fold_header(line).split()
    if len(words) < 2 or len(words) > 16 or ("date" in words and _EVENTS.intersection(words)):
        return False  # a chronology's (``Date  Agency  Event  Action taken``)
    roles = _roles()
    kinds = [roles[word] for word in words if word in roles]
    return len(kinds) >= 0.6 * len(words) and len(set(kinds)) >= 2 and "text" in kinds


def scan(data: bytes, path: str, password: str | None) -> Scan:
    """Every page's text, looked at for a plan's header; an InputError for a PDF PDFium cannot open."""
    import pypdfium2 as pdfium  # type: ignore[import-untyped, unused-ignore]

    try:
        document = pdfium.PdfDocument(data, password=password)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise NeedsPassword(path, password_message(password)) from None
        raise InputError(path, "is a damaged PDF file that cannot be opened (truncated or not a PDF inside)") from None
    try:
        plan: list[int] = []
        chars = 0
        first = ""
        for index in range(len(document)):
            page = document[index]
            textpage = page.get_textpage()
            text = textpage.get_text_bounded()
            chars += len(text.strip())
            first = first or next((line.strip() for line in text.splitlines() if line.strip()), "")
            if any(is_header_line(line) for line in text.splitlines() if len(line) < 200):
                plan.append(index + 1)
            textpage.close()
            page.close()
        return Scan(len(document), plan, chars, first)
    finally:
        document.close()


def password_message(password: str | None) -> str:
    if password:
        return "is encrypted, and the password given does not open it"
    return (
        "is encrypted with a password (needed to open it): remove the password and import that copy, e.g. "
        "qpdf --decrypt --password=PASSWORD in.pdf out.pdf"
    )
