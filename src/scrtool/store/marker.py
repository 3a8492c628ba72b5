"""What the file at the store's path is: nothing yet, an empty file, a scrtool store, or someone else's file.

A store carries scrtool's mark, SQLite's ``application_id`` (migration ``_v7_marker`` sets it, on stores made
before it too). A file without the mark is never written: only an empty one (0 bytes, or an SQLite database with
nothing in it) may become a store, and only when a command creates one (``import``). Looking costs no write and no
file beside it: the first 100 bytes of the file, and where they do not settle it, a look at its tables through a
connection that cannot write (``immutable`` when no journal or write-ahead log is beside it, so SQLite makes none).
"""

from __future__ import annotations

import os
import sqlite3
from enum import StrEnum

from ..errors import StoreError

APPLICATION_ID = 0x53435254
"""``SCRT``: the mark in every scrtool store's header (SQLite's ``PRAGMA application_id``)."""

_MAGIC = b"SQLite format 3\x00"
_FIRST_TABLES = frozenset(
    {"reports", "recommendations", "links", "link_refs", "actions", "action_agencies", "responses"}
)
"""The tables every scrtool store has had since its first schema: how a store from before the mark is known."""


class Kind(StrEnum):
    MISSING = "missing"
    EMPTY = "empty"
    """0 bytes, or an SQLite database with no table, no mark and no user version: a store may be made in it."""
    STORE = "store"
    """A scrtool store (marked, or made before the mark by an earlier scrtool)."""


def identify(path: str, unmarked_versions: int) -> Kind:
    """What is at ``path``; a file that is not a scrtool store raises StoreError. ``unmarked_versions``: the schema
    versions stores had before they carried the mark."""
    if os.path.isdir(path):
        raise StoreError(f"{path} is a folder, not a store file")
    if os.path.exists(path) and not os.path.isfile(path):  # opening a named pipe waits for a writer, for ever
        from .paths import special_kind

        raise not_a_store(path, f"it is {special_kind(os.stat(path).st_mode)}, not a file")
    try:
        with open(path, "rb") as handle:
            header = handle.read(100)
    except FileNotFoundError:
        return Kind.MISSING
    except OSError as exc:
        raise StoreError(f"cannot read the store {path}: {exc.strerror or exc}") from None
    if any(os.path.exists(path + suffix) for suffix in ("-journal", "-wal")):
        header = _settled_header(path, header)  # a write may be under way: read the header between writes
    if not header:
        return Kind.EMPTY
    if len(header) < 100 or not header.startswith(_MAGIC):
        raise not_a_store(path, "it is not an SQLite database")
    mark = int.from_bytes(header[68:72], "big", signed=True)
    if mark == APPLICATION_ID:
        return Kind.STORE
    if mark != 0:
        raise not_a_store(path, "it is another program's database")
    ours = 1 <= int.from_bytes(header[60:64], "big", signed=True) <= unmarked_versions
    version, tables = _look_inside(path, recover=ours)
    if not tables and version == 0:
        return Kind.EMPTY
    if 1 <= version <= unmarked_versions and _FIRST_TABLES.issubset(tables):
        return Kind.STORE
    raise not_a_store(path, "it is another program's database")


def _settled_header(path: str, header: bytes) -> bytes:
    """The file's first 100 bytes read while holding SQLite's shared lock, so no writer is part-way through
    writing them (another scrtool making the store, say); ``header`` as read when the lock cannot be had without
    writing (a hot journal left by a writer that was killed: ``_look_inside`` deals with it)."""
    from urllib.parse import quote

    conn = sqlite3.connect(f"file:{quote(os.path.abspath(path))}?mode=ro", uri=True, timeout=10)
    try:
        conn.execute("BEGIN")
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # takes the shared lock, waiting for a writer
        with open(path, "rb") as handle:
            return handle.read(100)
    except (sqlite3.Error, OSError):
        return header
    finally:
        conn.close()


def not_a_store(path: str, why: str) -> StoreError:
    return StoreError(f"{path} is not a scrtool store ({why}); scrtool leaves it as it is: give --db another file")


def _look_inside(path: str, recover: bool) -> tuple[int, frozenset[str]]:
    """The user version and table names of an unmarked SQLite file, read without writing anything. When ``recover``
    (the header's version is one of an unmarked store), a journal left by a writer that was killed (a hot journal)
    is first rolled back, as any SQLite program opening the file does: that puts the file back as it was before
    that write. Another program's file with a hot journal is refused as it is."""
    try:
        return _tables(path)
    except sqlite3.Error as exc:
        if "not a database" in str(exc):
            raise not_a_store(path, "it is not an SQLite database") from None
        if getattr(exc, "sqlite_errorcode", None) != sqlite3.SQLITE_READONLY_ROLLBACK:
            raise StoreError(f"cannot read the store {path}: {exc}") from None
        if not recover:
            raise not_a_store(path, "it is another program's database, left part-way through a write") from None
    try:
        _recover(path)
        return _tables(path)
    except sqlite3.Error as exc:
        raise StoreError(f"cannot read the store {path}: {exc}") from None


def _recover(path: str) -> None:
    """Let SQLite roll back a hot journal (reading the schema through a connection that may write does it)."""
    conn = sqlite3.connect(path, timeout=10)
    try:
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _tables(path: str) -> tuple[int, frozenset[str]]:
    from urllib.parse import quote

    quiet = not any(os.path.exists(path + suffix) for suffix in ("-journal", "-wal"))
    uri = f"file:{quote(os.path.abspath(path))}?{'immutable=1' if quiet else 'mode=ro'}"
    conn = sqlite3.connect(uri, uri=True, timeout=10)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = frozenset(row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))
    finally:
        conn.close()
    return version, tables
