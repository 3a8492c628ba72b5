"""``Records``: the answers of the API that are tables, each a tuple of typed records that becomes a pandas
DataFrame on request (pandas is imported then, not before)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

if TYPE_CHECKING:
    import pandas

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Records(Generic[T]):
    """Typed records in order; ``to_frame()`` gives them as a DataFrame, one row each, its columns the keys of the
    records' JSON (the commands' ``--format json``)."""

    items: tuple[T, ...]
    row: Callable[[T], dict[str, Any]]

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[T, ...]: ...

    def __getitem__(self, index: int | slice) -> T | tuple[T, ...]:
        return self.items[index]

    def to_frame(self) -> pandas.DataFrame:
        import pandas

        return pandas.DataFrame([_flat(self.row(item)) for item in self.items])


def _flat(row: dict[str, Any]) -> dict[str, Any]:
    """A JSON object as one frame row: a nested object's keys become ``source.file``, ``source.line``..."""
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{inner}": item for inner, item in value.items()})
        else:
            flat[key] = value
    return flat
