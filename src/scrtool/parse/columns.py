"""A table's header row -> the role of each column (by the header's words, not its position)."""

from __future__ import annotations

from dataclasses import dataclass

from ..model import RecKind
from .vocab import NUMBER_HEADERS_THAT_MAY_BE_XREF, REMINDER_WORDS, Role, fold_header, header_role


@dataclass(frozen=True, slots=True)
class Columns:
    """What a header row says about the rows under it."""

    roles: tuple[Role, ...]
    headers: tuple[str, ...]
    owner: str | None
    """The agency named by the header's first cell (``PCT | Action No | ...``), if any."""
    kind: RecKind
    line: int

    @property
    def overview(self) -> bool:
        """Rows are overview recommendations citing the agencies' actions."""
        return Role.XREF in self.roles

    def index(self, role: Role) -> int | None:
        try:
            return self.roles.index(role)
        except ValueError:
            return None


def read_header(cells: list[str], line: int) -> Columns | None:
    """The columns a row names, or None when the row is not a header (fewer than two known words)."""
    roles: list[Role | None] = [header_role(cell) if cell else None for cell in cells]
    known = sum(role is not None for role in roles)
    if known < 2:
        return None
    owner = None
    if cells and cells[0] and roles[0] is None:
        owner = cells[0]
        roles[0] = Role.LEAD
    _second_number_is_xref(cells, roles)
    final: list[Role] = []
    for role in roles:
        final.append(Role.EXTRA if role is None or role in final else role)
    text_index = final.index(Role.TEXT) if Role.TEXT in final else None
    reminder = text_index is not None and any(w in fold_header(cells[text_index]) for w in REMINDER_WORDS)
    return Columns(tuple(final), tuple(cells), owner, RecKind.REMINDER if reminder else RecKind.RECOMMENDATION,
                   line)


def _second_number_is_xref(cells: list[str], roles: list[Role | None]) -> None:
    if Role.AGENCY not in roles:
        return
    numbers = [i for i, role in enumerate(roles) if role is Role.NUMBER]
    for index in numbers[1:]:
        if fold_header(cells[index]) in NUMBER_HEADERS_THAT_MAY_BE_XREF:
            roles[index] = Role.XREF
