"""What the store's queries need of a connection, met by SQLite's (``sqlite3.Connection``) and PostgreSQL's
(``pg.PgConnection``) alike: ``execute`` and ``executemany`` with ``?`` / ``:name`` placeholders, and cursors.

Where the two engines' SQL differs, a query asks ``is_postgres`` and says both forms side by side.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any, Protocol


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def fetchmany(self, size: int = ..., /) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...

    @property
    def description(self) -> Any:
        """The columns of the rows (DB-API: each a sequence whose first item is the column's name)."""


class Connection(Protocol):
    def execute(self, sql: str, parameters: Any = ..., /) -> Cursor: ...

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> Cursor: ...

    @property
    def total_changes(self) -> int:
        """How many writes this connection has made (a cache keyed on it knows the store did not change)."""


def is_postgres(conn: Connection) -> bool:
    """Whether ``conn`` is a PostgreSQL store's connection (else SQLite's)."""
    return getattr(conn, "dialect", "sqlite") == "postgresql"
