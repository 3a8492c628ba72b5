"""Where a store is: a file path (SQLite, the default) or a ``postgresql://`` / ``postgres://`` URL (PostgreSQL).

A URL is never taken for a path: anything that starts ``NAME://`` is a URL, and one of a scheme other than
PostgreSQL's is a usage error (before, ``--db postgresql://host/db`` made a folder ``postgresql:`` with a SQLite
store inside, silently). A URL is checked here without the driver, so a malformed one is exit 2 whether or not
``scrtool[postgres]`` is installed; libpq reads it in full when it connects. Its password is never shown:
``redact`` is what every message names the store by.
"""

from __future__ import annotations

import re
from urllib.parse import SplitResult, unquote, urlsplit

from ..errors import UsageError

SCHEMES = ("postgresql", "postgres")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(text: str) -> bool:
    """Whether ``text`` names a store by URL (``scheme://...``) rather than by path."""
    return _URL.match(text) is not None


def check_url(url: str) -> str:
    """The URL as given, once it is a PostgreSQL URL whose parts can be read; else UsageError (exit 2), naming the
    URL without its password."""
    scheme = url.split("://", 1)[0].lower()
    if scheme not in SCHEMES:
        raise UsageError(
            f"--db {redact(url)}: not a store file or a postgresql:// URL (scheme {scheme!r}; "
            "a store is a file path, or postgresql://USER@HOST/DATABASE)"
        )
    misplaced = _misplaced_at(url.split("://", 1)[1])
    if misplaced:
        raise UsageError(f"--db {redact(url)}: not a valid postgresql:// URL ({misplaced})")
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018  (reading it checks it: a port that is not a number raises ValueError)
    except ValueError as exc:
        raise UsageError(f"--db {redact(url)}: not a valid postgresql:// URL ({exc})") from None
    problem = _problem(parts)
    if problem:
        raise UsageError(f"--db {redact(url)}: not a valid postgresql:// URL ({problem})")
    return url


def _problem(parts: SplitResult) -> str | None:
    if parts.fragment:
        return "a '#' part means nothing here"
    if parts.path.count("/") > 1:
        return f"the database name {unquote(parts.path[1:])!r} holds a '/'"
    for item in filter(None, parts.query.split("&")):
        if "=" not in item or not item.split("=", 1)[0]:
            return f"the parameter {unquote(item)!r} is not NAME=VALUE"
    if "%" in parts.netloc + parts.path and not _decodes(parts.netloc + parts.path):
        return "a '%' not followed by two hex digits"
    for part in (parts.netloc, parts.path, parts.query):  # libpq's own words for these quote the part: a password
        try:
            if "\x00" in unquote(part, errors="strict"):
                return "a percent-encoded part is %00, a NUL"
        except UnicodeDecodeError:
            return "a percent-encoded part is not UTF-8 text"
    return None


def _misplaced_at(rest: str) -> str | None:
    """Why the '@' that ends a user name or password is not where a reader of the URL looks for it, or None. The
    readers disagree then, and quote what they took for the host or the port: part of the password. libpq ends the
    user info at its first '@', a URL reader at the last before the first '/', '?' or '#'."""
    if re.split(r"[/?#]", rest, maxsplit=1)[0].count("@") > 1:
        return "an '@' in the user name or password: write it %40"
    if _after_host(rest):
        return "an '@' after the host: write a password's '/', '?' and '#' as %2F, %3F and %23"
    return None


def _after_host(rest: str) -> bool:
    """An '@' past the host that ends a password, not a query's value (``user=ann@REALM``): the password held an
    unencoded '/', '?' or '#', which ended the host for a URL reader (its start read as the port)."""
    host = re.split(r"[/?#]", rest, maxsplit=1)[0]
    after = rest[len(host) :]
    if "@" not in after or "@" in host:
        return False
    port = host.rsplit(":", 1)[1] if ":" in host and not host.endswith("]") else ""
    return "@" in after.split("?", 1)[0] or bool(port) and not port.isdigit() or _bare_at(after)


def _bare_at(after: str) -> bool:
    """A query item with an '@' that is not NAME=VALUE: the rest of a password whose '?' ended the host there."""
    query = after.split("?", 1)[1] if "?" in after else ""
    return any("@" in item and "=" not in item for item in query.split("&"))


def _decodes(text: str) -> bool:
    return re.search(r"%(?![0-9A-Fa-f]{2})", text) is None


def redact(url: str) -> str:
    """The URL with its password (in the user part, or a ``password=`` parameter) shown as ``***``."""
    if not is_url(url):
        return url
    head, rest = url.split("://", 1)
    if _after_host(rest):  # where the password ends is not clear: all before the last '@' is hidden
        return f"{head}://***@{rest.rsplit('@', 1)[1]}"
    authority, sep, tail = _cut(rest)
    if "@" in authority:
        user, host = authority.rsplit("@", 1)
        if ":" in user:
            user = user.split(":", 1)[0] + ":***"
        authority = f"{user}@{host}"
    tail = re.sub(r"(?i)(^|[?&])(password=)[^&#]*", r"\1\2***", tail)
    return f"{head}://{authority}{sep}{tail}"


_ANY_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://[^\s'\"<>]+")


def scrub(text: str) -> str:
    """``text`` with every URL in it redacted (``redact``): for messages scrtool did not write itself (a bug's, a
    traceback), which may hold the store's URL."""
    return _ANY_URL.sub(lambda match: redact(match.group(0)), text)


def _cut(rest: str) -> tuple[str, str, str]:
    """(authority, the separator after it, the rest): the authority ends at the first '/', '?' or '#'."""
    match = re.search(r"[/?#]", rest)
    if match is None:
        return rest, "", ""
    return rest[: match.start()], rest[match.start()], rest[match.start() + 1 :]


def password_of(url: str) -> str | None:
    """The password the URL carries, if any (to scrub it from the driver's messages)."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    found = [
        unquote(value)
        for key, _, value in (item.partition("=") for item in parts.query.split("&"))
        if key.lower() == "password" and value
    ]
    if parts.password:
        found.append(unquote(parts.password))
    return found[0] if found else None
