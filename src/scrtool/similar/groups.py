"""Gathering repeats: pairs that score high enough are joined into groups, best pair first, and two groups join only
when their members are alike on average (one loose pair does not chain two different asks together). A person's
judgement wins: pairs marked the same are always in one group, pairs marked different never are."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Set
from dataclasses import dataclass

PAIR = 0.32
"""A pair scoring this much or more (index.Index.score) is a candidate repeat."""
LINK = 0.24
"""Two groups join only when the mean score over their cross pairs is at least this."""


@dataclass(frozen=True, slots=True)
class Group:
    members: tuple[int, ...]
    """Keys of the recommendations, in key order."""
    score: float
    """Mean score over its pairs (1.0 for pairs only a person joined)."""


def gather(
    pairs: Iterable[tuple[int, int, float]],
    score: Callable[[int, int], float],
    same: Iterable[tuple[int, int]] = (),
    different: Set[frozenset[int]] = frozenset(),
    link: float = LINK,
) -> list[Group]:
    """Groups of two or more, largest first. ``pairs``: candidate (i, j, score); ``score(i, j)`` scores any pair;
    ``same`` and ``different``: pairs a person judged."""
    of: dict[int, list[int]] = {}
    judged: dict[frozenset[int], float] = {}

    def members(i: int) -> list[int]:
        return of.setdefault(i, [i])

    def allowed(a: list[int], b: list[int]) -> bool:
        return not different or not any(frozenset((x, y)) in different for x in a for y in b)

    def scored(x: int, y: int) -> float:
        return (judged.get(frozenset((x, y))) if judged else None) or score(x, y)

    linked: dict[tuple[int, int], float] = {}
    """Mean cross score of two groups (by id, in the order asked), kept until either changes: two groups that do
    not join are asked again at every candidate pair between them."""
    keys_of: dict[int, list[tuple[int, int]]] = {}

    def mean_link(a: list[int], b: list[int]) -> float:
        key = (id(a), id(b))
        if (found := linked.get(key)) is None:
            cross = [scored(x, y) for x in a for y in b]
            found = linked[key] = sum(cross) / len(cross)
            keys_of.setdefault(key[0], []).append(key)
            keys_of.setdefault(key[1], []).append(key)
        return found

    def join(a: list[int], b: list[int]) -> None:
        for group in (id(a), id(b)):
            for key in keys_of.pop(group, ()):
                linked.pop(key, None)
        a.extend(b)
        for x in b:
            of[x] = a

    for i, j in same:
        judged[frozenset((i, j))] = 1.0
        a, b = members(i), members(j)
        if a is not b and allowed(a, b):
            join(a, b)
    for i, j, _ in sorted(pairs, key=lambda p: (-p[2], p[0], p[1])):
        a, b = members(i), members(j)
        if a is b or not allowed(a, b):
            continue
        if mean_link(a, b) >= link:
            join(a, b)
    groups = {id(g): g for g in of.values() if len(g) > 1}.values()
    out = [Group(tuple(sorted(g)), _mean(sorted(g), scored)) for g in groups]
    out.sort(key=lambda g: (-len(g.members), -g.score, g.members))
    return out


def _mean(members: list[int], score: Callable[[int, int], float]) -> float:
    pairs = [(x, y) for n, x in enumerate(members) for y in members[n + 1 :]]
    return sum(score(*p) for p in pairs) / len(pairs)
