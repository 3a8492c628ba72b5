"""Which agencies a name a user types means (``--agency``, ``show AGENCY N``, ``update AGENCY N``).

A name means an agency when it is, folded (case, spacing, quotes): the agency's name as a plan writes it; a short
form the plan itself gives it (``Thames Valley Police (TVP)`` is also ``Thames Valley Police`` and ``TVP``, a lead
cell ``OUH / Oxford Health`` is ``OUH`` and ``Oxford Health``); or another name the config file's ``[aliases]``
gives it. Failing those, the initials of its name (``CSC``: Children's Social Care), then a word or words of it
that name one agency only (``police``). A name that means nothing gets the closest names suggested, ranked by
their string similarity (difflib's, imported only then).

Aliases serve lookups and the views across reports; they never make two agencies of one plan one (their actions
keep their own keys: ../shared/DECISIONS.md, "Report identity").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from ..errors import NotFound, UsageError
from ..names import ASIDE, fold, initials, short_forms
from ..store import read
from ..store.engine import Connection

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass(frozen=True, slots=True)
class Aliases:
    """Other names of agencies: the config file's ``[aliases]`` table (``TVP = "Thames Valley Police"``)."""

    names: Mapping[str, str] = field(default_factory=dict)
    """Folded alias -> the agency's name it stands for, as the config file writes it."""

    def group(self, key: str) -> frozenset[str]:
        """The folded names one agency goes by: ``key``, the name it is an alias of, and that name's other
        aliases."""
        meant = fold(self.names[key]) if key in self.names else key
        return frozenset({key, meant, *(alias for alias, name in self.names.items() if fold(name) == meant)})

    def name(self, key: str) -> str | None:
        """The name an alias (folded) stands for; None for a name that is no alias."""
        return self.names.get(key)


NO_ALIASES = Aliases()
"""No config file's aliases (the default of every lookup)."""


def named(key: str, aliases: Aliases) -> frozenset[str]:
    """The folded names an agency whose folded name is ``key`` goes by: it, its name and short form when written
    ``Name (SHORT)``, and each one's aliases."""
    forms = _aside_forms(key)
    return frozenset(forms.union(*(aliases.group(form) for form in forms)))


def _aside_forms(key: str) -> frozenset[str]:
    """A name and, for ``Name (SHORT)``, its name and its short form (not the parts of a joint lead, which are
    other agencies)."""
    if (aside := ASIDE.match(key)) and "/" not in key:
        return frozenset({key, aside["name"], aside["short"].strip()})
    return frozenset({key})


def agency_keys(conn: Connection, name: str, report: str | None, aliases: Aliases = NO_ALIASES) -> tuple[str, ...]:
    """The folded agency names (as stored) ``name`` means, in ``report`` or across every report: NotFound, with
    the closest names, when it means none; UsageError when it is initials or a word that fit several agencies."""
    wanted = fold(name)
    group = named(wanted, aliases)
    names = read.agency_names(conn, report, links=False)  # a name only an overview row uses: exact, or on a miss
    leading = read.lead_keys(conn, report)
    keys = set(names) | leading | ({wanted} if read.agency_exists(conn, wanted, report) else set())
    found = [key for key in keys if short_forms(key) & group or named(key, aliases) & group]
    # initials (``CSC``) where no report has a table its name or short forms pick (an overview row's ``CSC`` has none)
    leads = leading.intersection(found)
    met = set(read.owners(conn, found, report)) | (set(read.owners(conn, list(leads), None)) if leads else set())
    loose = read.owners(conn, [key for key in keys if initials(key) & group], report)
    loose = {rid: owning for rid, owning in loose.items() if rid not in met}
    _one_each(loose, names, name, report)
    found += sorted({key for owning in loose.values() for key in owning}.difference(found))
    if not found:
        pattern = re.compile(rf"(?<!\w){re.escape(wanted)}(?!\w)")
        found = [key for key in names if pattern.search(key)]
        _one_each(read.owners(conn, found, report), names, name, report)
    if not found:
        raise NotFound(_unknown(name, read.agency_names(conn, report), aliases))
    return tuple(sorted(found))


def agency_key(conn: Connection, name: str, report: str, aliases: Aliases = NO_ALIASES) -> str:
    """The one agency of ``report`` that ``name`` means: of the names it means, the one with an action table (or
    the only one); UsageError when it means two agencies with tables."""
    found = agency_keys(conn, name, report, aliases)
    if len(found) == 1:
        return found[0]
    if (wanted := fold(name)) in found and read.owns_actions(conn, wanted, report):
        return wanted
    owners = [key for key in found if read.owns_actions(conn, key, report)]
    if len(owners) == 1:
        return owners[0]
    names = read.agency_names(conn, report)
    several = ", ".join(sorted((names.get(k, k) for k in owners or found), key=str.casefold))
    raise UsageError(f"{name!r} names several agencies of report {report!r} ({several}); name one of them")


def _one_each(owners: Mapping[str, set[str]], names: Mapping[str, str], name: str, report: str | None) -> None:
    """A loose match (initials, a word) must pick one agency with a table in each report (``owners``: report ->
    the keys matched that have tables there)."""
    for rid, keys in owners.items():
        if len(keys) > 1:
            several = ", ".join(sorted((names.get(k, k) for k in keys), key=str.casefold))
            where = f" in report {rid!r}" if report is None else ""
            raise UsageError(f"{name!r} matches several agencies{where} ({several}); name one of them")


def _unknown(name: str, names: Mapping[str, str], aliases: Aliases) -> str:
    """No agency named ``name``: the closest names (by difflib's similarity to the name, a short form or a word of
    it, at least 0.75, best first, three at most), then the known ones."""
    import difflib

    wanted = fold(name)

    def score(key: str) -> float:
        candidates = set(short_forms(key)) | initials(key) | set(_WORD.findall(key))
        return max(difflib.SequenceMatcher(None, wanted, form).ratio() for form in candidates)

    scored = sorted(((score(key), names[key]) for key in names), key=lambda pair: (-pair[0], pair[1].casefold()))
    close = [shown for ratio, shown in scored if ratio >= 0.75][:3]
    close += [alias for alias in _close_aliases(wanted, aliases.names) if alias not in close][: 3 - len(close)]
    hint = f" (did you mean {' or '.join(repr(c) for c in close)}?)" if close else ""
    known = sorted(set(names.values()), key=str.casefold)
    return f"no agency named {name!r}{hint}; known agencies: {', '.join(known) or 'none'}"


def _close_aliases(wanted: str, names: Iterable[str]) -> list[str]:
    import difflib

    return difflib.get_close_matches(wanted, list(names), n=3, cutoff=0.75)
