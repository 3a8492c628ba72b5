"""A recommendation and the agency actions that implement it (``trace``); one action in full (``show``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import NotFound
from ..model import Action, HistoryEntry, Link, Progress, Recommendation, RecRef, Status
from ..names import fold
from ..rag import Rating
from ..store import grants, history, read, tallies
from ..store.engine import Connection
from .agency_names import NO_ALIASES, Aliases
from .monitor import find


@dataclass(frozen=True, slots=True)
class TracedLink:
    """One agency named against a recommendation, with the actions it cites as found in the store."""

    link: Link
    actions: tuple[Action, ...]
    missing: tuple[str, ...]
    """Cited numbers with no such action in the agency's table."""
    hidden: tuple[str, ...] = ()
    """Cited numbers of an agency whose actions the role reading a PostgreSQL store may not read (``db grant``):
    neither shown nor said to be missing, since the role cannot tell."""


@dataclass(frozen=True, slots=True)
class Trace:
    recommendation: Recommendation
    links: tuple[TracedLink, ...]
    responses: tuple[Action, ...]
    progress: Progress
    """Completed of cited actions (a cited action that is missing counts as not completed); the recommendation's
    own rows (``own``) are not cited actions. With actions ``hidden``, the counts kept for every agency's actions
    (``summary``'s), and ``not_recorded`` of those the role reads."""
    own: tuple[Action, ...] = ()
    """The actions that are the recommendation itself: in a plan of one row a recommendation (a tracker, a list),
    the row is its lead's action of the same number and words. Its status is the recommendation's own."""
    made_before: str | None = None
    """``Made before in N reviews: ...`` when another report made the same recommendation (similar/queries.py)."""


def trace(conn: Connection, report: str, rec: RecRef) -> Trace:
    found = read.recommendation(conn, report, rec)
    if found is None:
        have = [r.ref.label() for r in read.recommendations(conn, report)]
        raise NotFound(f"{rec.label()} is not in report {report!r}; it has: {', '.join(have) or 'none'}")
    readable = grants.readable_agencies(conn)
    traced = []
    for link in read.links(conn, report, rec):
        cited = read.cited_actions(conn, report, fold(link.target), link.refs)
        absent = tuple(n for n in link.refs if n not in cited)
        hidden = readable is not None and fold(link.target) not in readable
        found_here = tuple(cited[n] for n in link.refs if n in cited)
        traced.append(TracedLink(link, found_here, () if hidden else absent, absent if hidden else ()))
    own = tuple(a for t in traced for a in t.actions if is_own(found, a))
    counted = [a for t in traced for a in t.actions if a not in own]
    unrecorded = sum(a.status is Status.NOT_RECORDED for a in counted)
    if any(t.hidden for t in traced):
        cited_all, completed_all = tallies.cited_completed(conn, report, rec.kind.value, rec.number)
        progress = Progress(completed_all, cited_all, unrecorded)
    else:
        progress = Progress(
            sum(a.status.is_done for a in counted), len(counted) + sum(len(t.missing) for t in traced), unrecorded
        )
    from ..similar.queries import made_before

    return Trace(
        found, tuple(traced), tuple(read.responses(conn, report, rec)), progress, own, made_before(conn, report, rec)
    )


def is_own(rec: Recommendation, action: Action) -> bool:
    """``action`` is ``rec`` itself, not an action it cites: a tracker's row, its lead's action with the
    recommendation's number and words (store/tallies.py counts it the same way)."""
    return action.text == rec.text and action.number in (rec.number, "r" + rec.number)


@dataclass(frozen=True, slots=True)
class Shown:
    action: Action
    cited_by: tuple[Recommendation, ...]
    latest: HistoryEntry | None = None
    """The entry recorded last (it may be backdated: it says when it happened and when it was recorded)."""
    rating: Rating | None = None
    """Its RAG as shown and the rule's, where the view rates it."""


def show(conn: Connection, report: str, agency: str, number: str, aliases: Aliases = NO_ALIASES) -> Shown:
    found = find(conn, report, agency, number, aliases)
    recs = (read.recommendation(conn, report, ref) for ref in read.citing(conn, found))
    entries = history.entries(conn, found.id)
    return Shown(found, tuple(r for r in recs if r is not None), entries[-1] if entries else None)
