"""A store on PostgreSQL (``--db postgresql://...``): connecting through psycopg 3, and a connection that takes the
same SQL as SQLite's (``?`` and ``:name`` placeholders), so the queries of store/ serve both engines.

psycopg is imported here only, and only when a URL is given (``pip install 'scrtool[postgres]'``). Connection
parameters libpq reads from the environment, ``~/.pgpass`` and a service file (``PGPASSWORD``, ``PGSERVICE`` ...)
work as for any libpq program. A password is never shown: messages name the store by ``location.redact``, and a
password the URL carries is scrubbed from the server's messages too.

Writers take turns as on SQLite: a write transaction first takes a transaction-level advisory lock
(``pg_advisory_xact_lock``: the server's lock, released by its commit or rollback, held by nobody when a client
dies); readers never wait. Dates (due, target, updated, history's day) are ``date`` columns, read back as ISO text.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from ..errors import NotFound, StoreError, UsageError
from . import location
from .base import Store
from .catalog import has_table, other_tables

if TYPE_CHECKING:
    import psycopg

INSTALL = "pip install 'scrtool[postgres]'"
WRITE_LOCK = 0x53435254
"""The advisory lock every write transaction takes first (``SCRT``, as SQLite stores' mark)."""


_QUIET = logging.NullHandler()
"""psycopg logs what it could not clean up after an error it raised (a COPY on a lost connection: "error ignored
terminating <psycopg.Copy [BAD] at 0x...>"); with no handler of its own Python's last-resort one printed that under
scrtool's one line. Its records still reach the handlers a program using scrtool sets up."""


def driver() -> Any:
    """The psycopg module; StoreError naming the extra to install when it is not there."""
    try:
        import psycopg
    except ImportError:
        raise StoreError(f"a postgresql:// store needs the PostgreSQL driver: {INSTALL}") from None
    return psycopg


class PgConnection:
    """A psycopg connection in autocommit mode that runs SQLite-style SQL: ``?`` becomes ``%s``, ``:name``
    ``%(name)s`` and ``%`` ``%%`` (outside quoted text); errors become StoreError naming the store."""

    dialect = "postgresql"

    def __init__(self, raw: psycopg.Connection[Any], shown: str, secret: str | None) -> None:
        self.raw = raw
        self.shown = shown
        self.secret = secret
        self.in_transaction = False
        self.total_changes = 0

    def execute(self, sql: str, parameters: Any = (), /) -> psycopg.Cursor[Any]:
        psycopg = driver()
        if not sql.lstrip().startswith("SELECT"):
            self.total_changes += 1
        try:
            return self.raw.execute(translate(sql), parameters if parameters else None)
        except psycopg.Error as exc:
            raise self.error(exc) from None

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> psycopg.Cursor[Any]:
        """Rows put in by ``INSERT INTO table [(columns)] VALUES (?, ...)`` go by ``COPY ... FROM STDIN`` (``copy_in``):
        one stream instead of a statement a row, about a fifth of the time for an import's 58,000 rows."""
        psycopg = driver()
        cursor = self.raw.cursor()
        self.total_changes += 1
        bulk = bulk_insert(sql)
        try:
            if bulk is not None and self.copy_in(cursor, *bulk, parameters):
                return cursor
            cursor.executemany(translate(sql), parameters)
        except psycopg.Error as exc:
            raise self.error(exc) from None
        return cursor

    def copy_in(self, cursor: psycopg.Cursor[Any], table: str, columns: str, rows: Iterable[Any]) -> bool:
        """Put ``rows`` into ``table`` by ``COPY``; False (nothing done) where row-level security applies to this
        role, which PostgreSQL refuses COPY into (a store after ``db grant``: store/grants.py), so that the rows go
        by INSERT, each held by the table's policies."""
        held = cursor.execute("SELECT row_security_active(%s)", (table,)).fetchone()
        if held is None or held[0]:
            return False
        with cursor.copy(f"COPY {table} {columns} FROM STDIN") as stream:
            for row in rows:
                stream.write_row(row)
        return True

    def close(self) -> None:
        self.raw.close()

    def error(self, exc: Exception) -> StoreError:
        return query_error(exc, self.shown, self.secret)


_PIECES = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|::|\?|(?<![:\w]):([A-Za-z_]\w*)|%")


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """SQLite's placeholders as psycopg's; quoted text and ``::`` casts are left as they are (but a ``%`` in them
    is doubled: psycopg reads every ``%`` of a query that has parameters)."""

    def piece(match: re.Match[str]) -> str:
        text = match.group(0)
        if text == "?":
            return "%s"
        if text == "%":
            return "%%"
        if match.group(1):
            return f"%({match.group(1)})s"
        return text.replace("%", "%%")

    return _PIECES.sub(piece, sql)


_BULK = re.compile(r"INSERT INTO (\w+) *(\([\w, ]*\))? *VALUES *\(\?(?:, *\?)*\)")


def bulk_insert(sql: str) -> tuple[str, str] | None:
    """(table, its columns in brackets or "") of an INSERT that puts every value from its row's parameters; None for
    any other statement (an upsert, a constant among the values, ``RETURNING``)."""
    match = _BULK.fullmatch(sql.strip())
    return None if match is None else (match.group(1), match.group(2) or "")


def connect(url: str) -> PgConnection:
    """A connection to the store at ``url`` (checked, then read by libpq), dates read as ISO text."""
    location.check_url(url)
    psycopg = driver()
    logging.getLogger("psycopg").addHandler(_QUIET)  # the same handler once, however many stores are opened
    shown, secret = location.redact(url), location.password_of(url)
    try:
        raw = psycopg.connect(url, autocommit=True, connect_timeout=_timeout())
        raw.execute("SET DateStyle = ISO; SET client_min_messages = warning")  # the URL's own options stay
    except psycopg.ProgrammingError as exc:  # libpq could not read the URL
        raise UsageError(f"--db {shown}: not a valid postgresql:// URL ({_one_line(exc, secret)})") from None
    except psycopg.Error as exc:
        text = _one_line(exc, secret)
        if _BAD_VALUE.match(text):  # read, but a value libpq cannot take: checked before it connects
            why = text.removeprefix("connection is bad: ")
            raise UsageError(f"--db {shown}: not a valid postgresql:// URL ({why})") from None
        raise StoreError(f"cannot open the store {shown}: {text}") from None
    from psycopg.types.string import TextLoader

    raw.adapters.register_loader("date", TextLoader)
    return PgConnection(raw, shown, secret)


_BAD_VALUE = re.compile(r"(?:connection is bad: )?invalid (?:integer value|[\w ]+ value:|port number)")
"""libpq's words for a URL option whose value it cannot take (``port=abc``, ``sslmode=bogus``)."""


def _timeout() -> int:
    """Seconds to wait for the server to answer a connection (libpq's ``connect_timeout``), as for a busy store."""
    from .base import busy_timeout

    return max(2, int(busy_timeout()))


def _one_line(exc: Exception, secret: str | None) -> str:
    text = " ".join(str(exc).split())
    text = re.sub(r"^(?:connection failed: )?connection to server (?:at|on socket) .*? failed: ", "", text)
    if secret:
        text = text.replace(secret, "***")
    return text.removeprefix("FATAL: ").strip() or type(exc).__name__


_BUSY = {"40001", "40P01", "55P03", "57014"}
"""Serialization failure, deadlock, lock not available, statement cancelled (a timeout)."""
_ENDED = {"57P01", "57P02", "57P03"}
"""The server ended the session: an administrator (``pg_terminate_backend``, a fast shutdown), a crash, a restart."""


def _why_refused(text: str) -> str:
    """What a role refused a right can do about it: a role that cannot read the store's schema was granted nothing
    yet; one held by row-level security asked it to be off (``row_security=off``, refused rather than obeyed); any
    other was granted an agency (``db grant``) and asked for more: the owner's part."""
    if "scrtool_schema" in text or "for schema" in text:
        return "ask its owner for the right, scrtool db grant"
    if "row-level security" in text:
        return "this role sees its agency's rows only: leave row_security on"
    return (
        "a role given scrtool db grant reads and updates its agency's actions; importing, removing a report and the "
        "return cycle are the store owner's to do"
    )


def query_error(exc: Exception, shown: str, secret: str | None) -> StoreError:
    state = getattr(exc, "sqlstate", None) or ""
    text = _one_line(exc, secret)
    if state == "42501":
        return StoreError(f"the store {shown} refused this: {text} ({_why_refused(text)})")
    if state in _BUSY:
        return StoreError(f"store busy: another scrtool is writing {shown}; try again in a moment")
    if state.startswith("08") or state in _ENDED or "connection" in text.lower() and "closed" in text.lower():
        return StoreError(f"lost the connection to the store {shown}: {text}")
    return StoreError(f"store {shown}: {text}")


class PgStore(Store):
    """An open store on PostgreSQL: the interface of ``db.Store``."""

    def __init__(self, conn: PgConnection, warnings: list[str]) -> None:
        super().__init__(conn, conn.shown, warnings)
        self.pg = conn
        self.made_tables = False
        """Whether this opening made the store's tables (in a schema that held none)."""

    def close(self) -> None:
        self.pg.close()

    @contextmanager
    def write(self) -> Iterator[PgConnection]:
        """A write transaction: all of it lands, or none of it does; writers take turns (``WRITE_LOCK``)."""
        raw = self.pg.raw
        with suppress(Exception):
            raw.execute("ROLLBACK")  # nothing open: autocommit mode
        self.pg.execute("BEGIN")
        self.pg.in_transaction = True
        try:
            self.pg.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            self._as_owner()
            yield self.pg
        except BaseException:
            self._rollback()
            raise
        try:
            self.pg.execute("COMMIT")
        finally:
            self.pg.in_transaction = False

    def _as_owner(self) -> None:
        """A member of the role that owns the store's tables (an officer of the business unit, with a login of
        their own) writes as that role for this transaction (``SET LOCAL ROLE``): what it makes (a migration's
        table, ``db grant``'s table and counting function) is the owner's, as the rest is. Made by the member, the
        counting function ran as the member and was refused to the owner."""
        row = self.pg.execute(
            "SELECT quote_ident(tableowner) FROM pg_tables WHERE schemaname = current_schema() AND tablename = "
            "'actions' AND tableowner <> current_user AND pg_has_role(current_user, tableowner, 'MEMBER')"
        ).fetchone()
        if row is not None:
            self.pg.execute(f"SET LOCAL ROLE {row[0]}")

    def _rollback(self) -> None:
        self.pg.in_transaction = False
        with suppress(Exception):
            self.pg.raw.execute("ROLLBACK")

    def discard_if_new(self) -> None:
        """After a command failed: drop the tables this opening made in an empty schema if they hold no report, so
        that a first import that fails leaves the database as it was, as SQLite removes the file it made (the
        tables are made in a transaction of their own, before the import's). The database and schema are not
        scrtool's to remove; a connection already lost leaves the tables (the next import fills them)."""
        if not self.made_tables:
            return
        with suppress(StoreError), self.write() as tx:
            if tx.execute("SELECT 1 FROM reports LIMIT 1").fetchone() is None:
                tables = [row[0] for row in tx.execute(_OURS)]
                tx.execute(f"DROP TABLE {', '.join(tables)} CASCADE")


def open_store(url: str, create: bool = False) -> PgStore:
    """Open the store at ``url``; ``create`` (import): make its tables in an empty database (or schema)."""
    from . import pg_schema

    conn = connect(url)
    try:
        store = PgStore(conn, [])
        if not create and not has_table(conn, pg_schema.MARK):
            if other_tables(conn):
                raise pg_schema.not_a_store(store.path)
            raise NotFound(f"no store at {store.path} yet; import a plan first (scrtool import FILE)")
        store.made_tables = pg_schema.upgrade(store)
    except BaseException:
        conn.close()
        raise
    return store


_OURS = "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
"""The tables of the store's schema: scrtool's alone, where it made them (it makes them only in a schema with none)."""


def read_only(url: str) -> PgConnection:
    """A connection in read-only transactions to the store at ``url``, for shell completion: it makes, migrates and
    locks nothing (StoreError when the schema holds no store)."""
    from . import pg_schema

    conn = connect(url)
    try:
        conn.execute("SET default_transaction_read_only = on")
        if not has_table(conn, pg_schema.MARK):
            raise StoreError(f"no store at {conn.shown}")
    except BaseException:
        conn.close()
        raise
    return conn
