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
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from ..errors import NotFound, StoreError, UsageError
from . import marker, paths
from .engine import Connection
from .marker import Kind
from .schema import MIGRATIONS, UNMARKED_VERSIONS, migrate

BUSY_ENV_VAR = "SCRTOOL_BUSY_TIMEOUT"
BUSY_TIMEOUT_S = 10.0
"""Seconds a writer waits for another, unless ``$SCRTOOL_BUSY_TIMEOUT`` says (``busy_timeout``)."""
CACHE_KIB = 32 * 1024
"""SQLite's page cache, at most (used as pages are read or written): a 10,000-action import's pages then stay in
memory until its commit instead of being written out part-way (which needs the journal synced first): about a
tenth of its store time. SQLite's default is 2 MiB."""


PAGE_SIZE = 16 * 1024
"""Bytes per page of a store this version creates (SQLite's default is 4 KiB; an existing store keeps its own): a
10,000-action import stores in a sixth less time (fewer page splits and pages), for a few milliseconds more on a
list or trace of a 100,000-action store, all in the operating system's cache."""


class ReadOnlyStore(StoreError):
    """The store can be read but not written (its file, its folder or its disk is read-only)."""


class DiskFull(StoreError):
    """SQLite could not write for want of space (SQLITE_FULL: a full disk, or a full quota)."""


class Store:
    """An open store. ``warnings`` holds what the user should hear about it (e.g. loose permissions)."""

    def __init__(self, conn: Connection, path: str, warnings: list[str], made: str | None = None) -> None:
        self.conn = conn
        """What the queries of store/ run on (SQLite's or PostgreSQL's connection: ``engine.Connection``)."""
        self.path = path
        """The store's file, or its URL without the password: what messages name it by."""
        self.warnings = warnings
        self.made = made
        """The file this opening created (the store did not exist before), else None."""

    @property
    def sqlite(self) -> sqlite3.Connection:
        assert isinstance(self.conn, sqlite3.Connection)
        return self.conn

    def close(self) -> None:
        self.sqlite.close()

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction: all of it lands, or none of it does. SQLite's errors become StoreError (the disk
        is full, the store is read-only, busy); a transaction SQLite has already rolled back is not rolled back
        twice (that error would hide the first)."""
        try:
            self.sqlite.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise _store_error(self.path, exc) from None
        try:
            yield self.sqlite
        except sqlite3.Error as exc:
            self._rollback()
            raise _store_error(self.path, exc) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self.sqlite.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise _store_error(self.path, exc) from None

    def _rollback(self) -> None:
        if self.sqlite.in_transaction:
            with suppress(sqlite3.Error):  # the error that brought us here is the one to tell
                self.sqlite.execute("ROLLBACK")

    def discard_if_new(self) -> None:
        """After a command failed: remove the store this opening made if it holds no report, so that a first import
        that fails (on a full disk, say) leaves no empty store behind. Done under an exclusive lock; another
        process that had the file open meanwhile gets an error on writing, never a write into a removed file."""
        if self.made is None:
            return
        with suppress(sqlite3.Error):
            self.sqlite.execute("BEGIN EXCLUSIVE")
            try:
                if self.sqlite.execute("SELECT 1 FROM reports LIMIT 1").fetchone() is None:
                    _remove(self.made)
            finally:
                self._rollback()


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
            _remove(made)
            if isinstance(exc, DiskFull):
                raise DiskFull(f"the disk is full: no store was made at {path}; free some space and try again"
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
        raise _store_error(path, exc) from None
    return Store(conn, path, warnings, made)


def _upgrade(store: Store) -> None:
    """Bring the store to this version's schema (a new store: make it), checking in the same transaction that the
    file is still empty or a store (another program may have written it since it was looked at)."""
    try:
        version = store.sqlite.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _store_error(store.path, exc) from None
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
                    version == 0 and tx.execute("SELECT 1 FROM sqlite_master").fetchone() is not None):
                raise marker.not_a_store(store.path, "it is another program's database")
            migrate(store.sqlite)
    except ReadOnlyStore:
        if version == 0:
            raise
        raise ReadOnlyStore(f"the store {store.path} was made by an earlier scrtool and needs a one-time upgrade, "
                            "but it is read-only: run any scrtool command on it once as a user who can write "
                            "it") from None


def _remove(made: str) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        with suppress(FileNotFoundError):
            os.unlink(made + suffix)


def busy_timeout() -> float:
    """``$SCRTOOL_BUSY_TIMEOUT`` in seconds (0 to a day), else ``BUSY_TIMEOUT_S``; read as a store is opened, inside
    the command's error boundary, so a bad value is one line and exit 2."""
    text = os.environ.get(BUSY_ENV_VAR, "")
    if not text:
        return BUSY_TIMEOUT_S
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds <= 86_400:  # NaN fails too
        raise UsageError(f"{BUSY_ENV_VAR}={text!r} is not a number of seconds from 0 to 86400")
    return seconds


def _leave_wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Back to the rollback journal, if no other connection has the store open now (else at a later opening)."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:
        pass  # busy: another scrtool has the store open
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")


def _store_error(path: str, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    code = getattr(exc, "sqlite_errorcode", 0)
    if code & 0xFF == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFull(f"the disk is full: nothing of this change was written to the store {path}; free some "
                        "space and try again")
    if code == sqlite3.SQLITE_READONLY_DBMOVED:
        return StoreError(f"the store {path} was moved or removed while this command had it open; run it again")
    if code & 0xFF == sqlite3.SQLITE_READONLY:
        return ReadOnlyStore(f"the store {path} is read-only: this command needs to write to it")
    if "locked" in text or "busy" in text:
        return StoreError(f"store busy: another scrtool is writing {path}; try again in a moment")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"{path} is not a scrtool store (or is damaged): {text}")
    return StoreError(f"store {path}: {text}")


def read_only(path: str) -> sqlite3.Connection:
    """A connection that can only read the store at ``path``: for shell completion, which must never create,
    migrate or lock a store (StoreError when there is none there)."""
    from urllib.parse import quote

    if marker.identify(path, UNMARKED_VERSIONS) is not Kind.STORE:
        raise StoreError(f"no store at {path}")
    return sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=ro", uri=True)
