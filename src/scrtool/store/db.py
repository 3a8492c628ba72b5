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
from contextlib import contextmanager

from ..errors import NotFound, StoreError
from . import paths
from .schema import MIGRATIONS, migrate

BUSY_TIMEOUT_S = float(os.environ.get("SCRTOOL_BUSY_TIMEOUT", "10"))
CACHE_KIB = 32 * 1024
"""SQLite's page cache, at most (used as pages are read or written): a 10,000-action import's pages then stay in
memory until its commit instead of being written out part-way (which needs the journal synced first): about a
tenth of its store time. SQLite's default is 2 MiB."""


PAGE_SIZE = 16 * 1024
"""Bytes per page of a store this version creates (SQLite's default is 4 KiB; an existing store keeps its own): a
10,000-action import stores in a sixth less time (fewer page splits and pages), for a few milliseconds more on a
list or trace of a 100,000-action store, all in the operating system's cache."""


class Store:
    """An open store. ``warnings`` holds what the user should hear about it (e.g. loose permissions)."""

    def __init__(self, conn: sqlite3.Connection, path: str, warnings: list[str]) -> None:
        self.conn = conn
        self.path = path
        self.warnings = warnings

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """A write transaction: all of it lands, or none of it does."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _store_error(self.path, exc) from None
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except sqlite3.OperationalError as exc:
            self.conn.execute("ROLLBACK")
            raise _store_error(self.path, exc) from None


def open_store(path: str, create: bool = False) -> Store:
    """Open the store at path; create it (owner-only) when ``create``, else say there is none yet."""
    exists = os.path.exists(path)
    if not exists and not create:
        raise NotFound(f"no store at {path} yet; import a plan first (scrtool import FILE)")
    if os.path.isdir(path):
        raise StoreError(f"{path} is a folder, not a store file")
    warnings = []
    if exists and paths.readable_by_others(path):
        warnings.append(f"the store {path} can be read by other users; run: chmod 600 {path}")
    if not exists:
        paths.create_private(path)
    try:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        if not exists:
            conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")  # before the first table: fixed from then on
        if conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            _leave_wal(conn)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        raise _store_error(path, exc) from None
    if version > len(MIGRATIONS):
        raise StoreError(f"{path} was written by a newer scrtool (schema {version}); upgrade scrtool")
    store = Store(conn, path, warnings)
    if version < len(MIGRATIONS):
        with store.write() as tx:
            migrate(tx)
    return store


def _leave_wal(conn: sqlite3.Connection) -> None:
    """Back to the rollback journal, if no other connection has the store open now (else at a later opening)."""
    conn.execute("PRAGMA busy_timeout = 0")
    try:
        conn.execute("PRAGMA journal_mode=DELETE")
    except sqlite3.OperationalError:
        pass  # busy: another scrtool has the store open
    finally:
        conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")


def _store_error(path: str, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return StoreError(f"store busy: another scrtool is writing {path}; try again in a moment")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"{path} is not a scrtool store (or is damaged): {text}")
    return StoreError(f"store {path}: {text}")
