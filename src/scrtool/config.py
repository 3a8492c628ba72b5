"""The user's config file (TOML): more header words, status words and response markers for the reader.

Found at ``--config PATH``, else ``$SCRTOOL_CONFIG``, else ``config.toml`` in the user config folder; a missing
default file is no error. Example::

    [headers]
    "Lead officer" = "agency"        # a role: number, rec-number, action-number, recommendation, action, agency,
    "Milestones" = "outcome"         # xref, outcome, status, target-date, completion-date, evidence

    [statuses]
    "Signed off" = "completed"       # completed, in-progress, not-started, overdue, not-accepted, open

    [responses]
    markers = ["Board recommendation"]

    [rag]
    due_soon_days = 30               # amber when due within this many days
    stale_days = 90                  # amber when not updated for this many days

    [updates]
    require_evidence = false         # true: closing an action as completed needs --evidence

    [aliases]
    TVP = "Thames Valley Police"     # another name of an agency: for --agency, and one agency across reports

A top-level ``quarters = "calendar"`` (before any table) makes the board report's quarters calendar ones (Q1 =
January to March); the default is ``"financial"``, the UK financial year's (Q1 = April to June).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import UsageError
from .model import Status
from .names import fold
from .questions.agency_names import Aliases
from .rag import RagRule
from .render.safe import file_name

if TYPE_CHECKING:
    from .parse.vocab import Vocabulary

ENV_VAR = "SCRTOOL_CONFIG"
MAX_DAYS = 36_500
"""The most days a ``[rag]`` threshold may be (about a hundred years): today plus or minus it is always a date."""


@dataclass(frozen=True, slots=True)
class Config:
    vocabulary: Vocabulary | None = None
    """Words added to the reader's vocabulary (None: the built-in words only)."""
    rag: RagRule = field(default_factory=RagRule)
    require_evidence: bool = False
    path: str | None = None
    """The file it was read from, if any."""
    quarters: str = "financial"
    """``financial`` (the UK financial year's: Q1 = April to June) or ``calendar`` (Q1 = January to March)."""
    aliases: Aliases = field(default_factory=Aliases)
    """Other names of agencies (``[aliases]``)."""


def default_path() -> str:
    """``config.toml`` in the user config folder as the command line framework names it (the same folder as
    platformdirs' ``user_config_dir``, tests/test_cli.py checks it, without importing platformdirs on every run)."""
    from typer import get_app_dir

    return os.path.join(get_app_dir("scrtool", roaming=False), "config.toml")


def load(option: str | None = None) -> Config:
    path = option or os.environ.get(ENV_VAR)
    if path is None:
        path = default_path()
        if not os.path.exists(path):
            return Config()
    import tomllib

    shown = file_name(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        raise UsageError(f"{shown}: config file not found") from None
    except OSError as exc:
        raise UsageError(f"{shown}: config file cannot be read: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{shown}: not valid TOML: {exc}") from None
    rag = dict(_table(shown, data, "rag"))
    updates = dict(_table(shown, data, "updates"))
    rule = RagRule(
        _days(shown, "rag", "due_soon_days", rag.get("due_soon_days", 30)),
        _days(shown, "rag", "stale_days", rag.get("stale_days", 90)),
    )
    require = updates.get("require_evidence", False)
    if not isinstance(require, bool):
        raise UsageError(f"{shown}: [updates] require_evidence must be true or false")
    quarters = data.get("quarters", "financial")
    if quarters not in ("financial", "calendar"):
        raise UsageError(f'{shown}: quarters must be "financial" or "calendar"')
    return Config(_vocabulary(shown, data), rule, require, path, quarters, _aliases(shown, data))


def _days(path: str, section: str, key: str, value: Any) -> int:
    """A whole number of days from 0 to ``MAX_DAYS``; ``path`` is the file's name as messages show it (so are the
    other checks' below)."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_DAYS:
        raise UsageError(f"{path}: [{section}] {key} must be a whole number of days from 0 to {MAX_DAYS}")
    return value


def _vocabulary(path: str, data: dict[str, Any]) -> Vocabulary:
    from .parse.vocab import CONFIG_ROLES, DEFAULT

    roles = {role.value: role for role in CONFIG_ROLES}
    statuses = {status.value: status for status in Status}
    headers = {word: _choice(path, "headers", word, value, roles) for word, value in _table(path, data, "headers")}
    words = {word: _choice(path, "statuses", word, value, statuses) for word, value in _table(path, data, "statuses")}
    markers = dict(_table(path, data, "responses")).get("markers", [])
    if not isinstance(markers, list) or not all(isinstance(m, str) for m in markers):
        raise UsageError(f"{path}: [responses] markers must be a list of strings")
    return DEFAULT.extended(headers, words, tuple(markers))


def _aliases(path: str, data: dict[str, Any]) -> Aliases:
    """``alias = "Agency name"``: each alias stands for one name, which is no alias itself."""
    names: dict[str, str] = {}
    for alias, value in _table(path, data, "aliases"):
        if not isinstance(value, str) or not value.strip():
            raise UsageError(f"{path}: [aliases] {alias!r} must name an agency (a string), not {value!r}")
        if not fold(alias):
            raise UsageError(f"{path}: [aliases] an alias must not be blank")
        if fold(alias) != fold(value):  # ``"Thames Valley Police" = "Thames Valley Police"`` says nothing
            names[fold(alias)] = value.strip()
    for alias, value in names.items():
        if fold(value) in names and fold(value) != alias:
            raise UsageError(f"{path}: [aliases] {alias!r} = {value!r}: {value!r} is an alias itself; name the agency")
    return Aliases(names)


def _table(path: str, data: dict[str, Any], name: str) -> list[tuple[str, Any]]:
    table = data.get(name, {})
    if not isinstance(table, dict):
        raise UsageError(f"{path}: [{name}] must be a table")
    return list(table.items())


def _choice(path: str, section: str, word: str, value: Any, allowed: dict[str, Any]) -> Any:
    if not isinstance(value, str) or value not in allowed:
        raise UsageError(f"{path}: [{section}] {word!r} = {value!r}: must be one of {', '.join(sorted(allowed))}")
    return allowed[value]


__all__ = ["Config", "load"]
