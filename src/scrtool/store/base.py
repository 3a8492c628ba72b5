"""The open store both engines share the interface of (``Store``: a SQLite file here; store/pg.py's ``PgStore`` on
PostgreSQL), and what opening either needs: the writer's wait (``busy_timeout``) and SQLite's errors as one line.
Apart from store/db.py (which opens a store, and opens PostgreSQL's through store/pg.py) so that pg.py can build on
it without importing db.py back."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from ..errors import StoreError, UsageError
from .engine import Connection

BUSY_ENV_VAR = "SCRTOOL_BUSY_TIMEOUT"
BUSY_TIMEOUT_S = 10.0
"""Seconds a writer waits for another, unless ``$SCRTOOL_BUSY_TIMEOUT`` says (``busy_timeout``)."""


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
            raise store_error(self.path, exc) from None
        try:
            yield self.sqlite
        except sqlite3.Error as exc:
            self._rollback()
            raise store_error(self.path, exc) from None
        except BaseException:
            self._rollback()
            raise
        try:
            self.sqlite.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback()
            raise store_error(self.path, exc) from None

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
                    remove_files(self.made)
            finally:
                self._rollback()


def remove_files(made: str) -> None:
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


def store_error(path: str, exc: sqlite3.Error) -> StoreError:
    text = str(exc)
    code = getattr(exc, "sqlite_errorcode", 0)
    if code & 0xFF == sqlite3.SQLITE_FULL or "disk is full" in text:
        return DiskFull(
            f"the disk is full: nothing of this change was written to the store {path}; free some space and try again"
        )
    if code == sqlite3.SQLITE_READONLY_DBMOVED:
        return StoreError(f"the store {path} was moved or removed while this command had it open; run it again")
    if code & 0xFF == sqlite3.SQLITE_READONLY:
        return ReadOnlyStore(f"the store {path} is read-only: this command needs to write to it")
    if "locked" in text or "busy" in text:
        return StoreError(f"store busy: another scrtool is writing {path}; try again in a moment")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"{path} is not a scrtool store (or is damaged): {text}")
    return StoreError(f"store {path}: {text}")
