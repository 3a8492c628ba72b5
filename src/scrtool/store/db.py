"""Opening the store: one SQLite file, writes in BEGIN IMMEDIATE transactions.

The store keeps SQLite's rollback journal (``journal_mode=DELETE``) with ``synchronous=FULL``, not a write-ahead log:
an import writes its pages once instead of twice (to the log, then into the file), a fifth of its store time, and
the store also works on a network share, where a write-ahead log does not. Two writers take turns (the second
waits up to ``SCRTOOL_BUSY_TIMEOUT`` seconds); a reader waits only while a writer commits. A store made by an
earlier scrtool in WAL mode is turned back when nobody else has it open.
"""

from __future__ import annotations

import os
import sqlite3
from typing import TYPE_CHECKING

from ..errors import NotFound, StoreError
from . import marker, paths
from .base import DiskFull as DiskFull
from .base import ReadOnlyStore as ReadOnlyStore
from .base import Store as Store
from .base import busy_timeout, remove_files, store_error
from .marker import Kind
from .schema import MIGRATIONS, UNMARKED_VERSIONS, migrate

if TYPE_CHECKING:
    from .pg import PgConnection

CACHE_KIB = 32 * 1024
"""SQLite's page cache, at most (used as pages are read or written): a 10,000-action import's pages then stay in
memory until its commit instead of being written out part-way (which needs the journal synced first): about a
tenth of its store time. SQLite's default is 2 MiB."""


PAGE_SIZE = 16 * 1024
"""Bytes per page of a store this version creates (SQLite's default is 4 KiB; an existing store keeps its own): a
10,000-action import stores in a sixth less time (fewer page splits and pages), for a few milliseconds more on a
list or trace of a 100,000-action store, all in the operating system's cache."""


def open_store(path: str, create: bool = False) -> Store:
    """Open the store at path. ``create`` (import): make one if there is none yet (owner-only) or the file there is
    empty; without it there must be a store. A file that is not a scrtool store is refused and left as it was.
    A URL (``postgresql://...``, store/location.py) is a store on PostgreSQL (store/pg.py), never a path."""
    from .location import is_url

    if is_url(path):
        from .pg import open_store as open_pg

        return open_pg(path, create)
    timeout = busy_timeout()
    kind = marker.identify(path, UNMARKED_VERSIONS)
    if kind is not Kind.STORE and not create:
        empty = " (the file there is empty)" if kind is Kind.EMPTY else ""
        raise NotFound(f"no store at {path} yet{empty}; import a plan first (scrtool import FILE)")
    warnings = []
    if kind is not Kind.MISSING and paths.readable_by_others(path):
        warnings.append(f"the store {path} can be read by other users; run: chmod 600 {path}")
    made = paths.create_private(path) if kind is Kind.MISSING else None
    store = None
    try:
        store = _connect(path, warnings, made, new=kind is not Kind.STORE, timeout=timeout)
        _upgrade(store)
    except BaseException as exc:
        if store is not None:
            store.close()
        if made is not None:
            remove_files(made)
            if isinstance(exc, DiskFull):
                raise DiskFull(
                    f"the disk is full: no store was made at {path}; free some space and try again"
                ) from None
        raise
    return store


def _connect(path: str, warnings: list[str], made: str | None, new: bool, timeout: float) -> Store:
    try:
        conn = sqlite3.connect(path, timeout=timeout, isolation_level=None, check_same_thread=False)
        if new:
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table: fixed from then on
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            _leave_wal(conn, timeout)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    except sqlite3.DatabaseError as exc:
        raise store_error(path, exc) from None
    return Store(conn, path, warnings, made)


def _upgrade(store: Store) -> None:
    """Bring the store to this version's schema (a new store: make it), checking in the same transaction that the
    file is still empty or a store (another program may have written it since it was looked at)."""
    try:
        version = store.sqlite.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise store_error(store.path, exc) from None
    if version > len(MIGRATIONS):
        raise StoreError(f"{store.path} was written by a newer scrtool (schema {version}); upgrade scrtool")
    if version == len(MIGRATIONS):
        return
    try:
        with store.write() as tx:
            # read again under the write lock: another scrtool may have made or upgraded the store meanwhile
            version = tx.execute("PRAGMA user_version").fetchone()[0]
            mark = tx.execute("PRAGMA application_id").fetchone()[0]
            if mark not in (0, marker.APPLICATION_ID) or (
                version == 0 and tx.execute("SELECT 1 FROM sqlite_master").fetchone() is not None
            ):
                raise marker.not_a_store(store.path, "it is another program's database")
            migrate(store.sqlite)
    except ReadOnlyStore:
        if version == 0:
            raise
        raise ReadOnlyStore(
            f"the store {store.path} was made by an earlier scrtool and needs a one-time upgrade, "
            "but it is read-only: run any scrtool command on it once as a user who can write "
            "it"
        ) from None


def _leave_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Back to the rollback journal, if no other connection has the store open now (else at a later opening)."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:
        pass  # busy: another scrtool has the store open
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


def read_only(path: str) -> sqlite3.Connection | PgConnection:
    """A connection that can only read the store at ``path`` (a file, or a URL: store/pg.py): for shell completion,
    which must never create, migrate or lock a store (StoreError when there is none there)."""
    from urllib.parse import quote

    from .location import is_url

    if is_url(path):
        from .pg import read_only as pg_read_only

        return pg_read_only(path)
    if marker.identify(path, UNMARKED_VERSIONS) is not Kind.STORE:
        raise StoreError(f"no store at {path}")
    return sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=ro", uri=True)
