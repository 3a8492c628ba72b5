"""A throwaway PostgreSQL server for the tests: a cluster made with initdb in a temporary folder, listening on a
Unix socket there only (no TCP port), stopped and removed when the session ends.

Used when ``$SCRTOOL_TEST_PG`` does not name a server already (a URL of a database the tests may create databases
and roles next to). Needs PostgreSQL's server programs (Debian: ``apt-get install postgresql``; found on the PATH
or in /usr/lib/postgresql/*/bin) and psycopg (``pip install -e '.[postgres]'``); where either is missing the tests
that need the server skip, saying which. Run as root (CI), the cluster runs as the ``postgres`` user, since
PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass

PASSWORD = "t3st-Secret"
"""The superuser's password: the cluster asks for one (scram-sha-256), so a wrong one is refused as on a server."""
ENV_VAR = "SCRTOOL_TEST_PG"
TESTS_DATABASE = "scrtool_tests"
"""The database (made at the start) where each test that needs a store gets a schema of its own."""


@dataclass(frozen=True)
class Cluster:
    url: str
    """The superuser's URL of the ``postgres`` database, password included."""
    socket_dir: str
    folder: str | None
    """The folder this session made (removed at the end), or None for a server given by $SCRTOOL_TEST_PG."""
    run_as: tuple[str, ...]


def _binaries() -> str | None:
    if shutil.which("pg_ctl") and shutil.which("initdb"):
        return os.path.dirname(shutil.which("pg_ctl") or "")
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"))
    return os.path.dirname(found[-1]) if found else None


def start(durable: bool = False) -> Cluster | str:
    """A running cluster, or why there is none (the reason the PostgreSQL tests skip with). The tests' cluster
    writes nothing to disk before it must (``fsync``, ``synchronous_commit`` and ``full_page_writes`` off: a
    throwaway server's data need not outlive a crash); ``durable``: PostgreSQL's own defaults, every commit on disk
    before it returns, as on a partnership's server (bench/postgres.py)."""
    given = os.environ.get(ENV_VAR)
    if given:
        _tests_database(given)
        return Cluster(given, "", None, ())
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[postgres]')"
    bindir = _binaries()
    if bindir is None:
        return "PostgreSQL's server programs (initdb, pg_ctl) are not installed (Debian: apt-get install postgresql)"
    run_as: tuple[str, ...] = ()
    folder = tempfile.mkdtemp(prefix="scrtool-pg-")
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the test server as"
        os.chown(folder, user.pw_uid, user.pw_gid)
        run_as = ("runuser", "-u", "postgres", "--")
    data, pwfile = os.path.join(folder, "data"), os.path.join(folder, "pw")
    with open(pwfile, "w", encoding="utf-8") as handle:
        handle.write(PASSWORD + "\n")
    if run_as:
        os.chown(pwfile, pwd.getpwnam("postgres").pw_uid, -1)
    try:
        _run(
            run_as,
            os.path.join(bindir, "initdb"),
            "-D",
            data,
            "-U",
            "postgres",
            "--pwfile",
            pwfile,
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale",
            "C",
        )
        options = f"-k {folder} -c listen_addresses='' -c max_connections=60"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        _run(
            run_as,
            os.path.join(bindir, "pg_ctl"),
            "-D",
            data,
            "-o",
            options,
            "-w",
            "-l",
            os.path.join(folder, "log"),
            "start",
        )
    except (OSError, subprocess.CalledProcessError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        detail = getattr(exc, "stderr", "") or exc
        return f"could not start a PostgreSQL test server: {str(detail).strip()[:300]}"
    cluster = Cluster(f"postgresql://postgres:{PASSWORD}@/postgres?host={folder}", folder, folder, run_as)
    _tests_database(cluster.url)
    return cluster


def _tests_database(url: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (TESTS_DATABASE,)).fetchone() is None:
            conn.execute(f"CREATE DATABASE {TESTS_DATABASE}")


def stop(cluster: Cluster) -> None:
    if cluster.folder is None:
        return
    bindir = _binaries()
    if bindir:
        subprocess.run(
            [
                *cluster.run_as,
                os.path.join(bindir, "pg_ctl"),
                "-D",
                os.path.join(cluster.folder, "data"),
                "-m",
                "immediate",
                "stop",
            ],
            capture_output=True,
            check=False,
        )
    shutil.rmtree(cluster.folder, ignore_errors=True)


def _run(run_as: tuple[str, ...], *command: str) -> None:
    subprocess.run([*run_as, *command], capture_output=True, text=True, check=True, cwd="/")


def with_database(url: str, name: str) -> str:
    """The URL of database ``name`` on the server of ``url``."""
    head, rest = url.split("://", 1)
    authority, _, tail = rest.partition("/")
    query = tail.partition("?")[2]
    return f"{head}://{authority}/{name}" + (f"?{query}" if query else "")
