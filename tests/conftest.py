"""Shared fixtures: every test gets its own store; no test touches a real one."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

import pg_cluster

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
CORPUS = ROOT.parent / "shared" / "corpus"
INFANT_Y = FIXTURES / "corpus" / "infant-y.txt"
"""A copy of the real plan in ../shared/corpus, so a bare clone runs every test (test_readme checks the two agree)."""
TODAY = "2026-01-15"
"""Every test runs on this day (SCRTOOL_TODAY), so dates, RAG and history are the same on any machine."""


@pytest.fixture(autouse=True)
def private_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    db = tmp_path / "store" / "scrtool.db"
    monkeypatch.setenv("SCRTOOL_DB", str(db))
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("LINES", "50")
    monkeypatch.delenv("SCRTOOL_DEBUG", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # draw tables as on a terminal ...
    monkeypatch.setenv("TERM", "dumb")  # ... with no escape codes at all
    monkeypatch.setenv("SCRTOOL_TODAY", TODAY)
    return db


@pytest.fixture
def infant_y() -> Path:
    return INFANT_Y


def run(*args: str) -> Result:
    """Run the scrtool command in this process, as a user would type it (stdout and stderr kept apart)."""
    from scrtool.cli.app import app

    return CliRunner().invoke(app, list(args))


def table_rows(drawn: str, key: int = 1) -> list[list[str]]:
    """The rows of a drawn table, each cell's wrapped lines joined by a space: a row starts on the line where its
    ``key`` column (one that is never wrapped nor empty: a number, a date, an id) is filled."""
    rows: list[list[str]] = []
    for line in drawn.splitlines():
        if not line.startswith("│"):
            continue
        cells = [cell.strip() for cell in line.split("│")[1:-1]]
        if not rows or cells[key] or len(cells) != len(rows[-1]):
            rows.append(cells)
        else:
            rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells, strict=True)]
    return rows


def write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> str:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return os.fspath(path)


def matches_golden(value: object, golden: Path) -> bool:
    """``value`` equals the JSON in ``golden``; with SCRTOOL_UPDATE_GOLDEN=1 the file is rewritten from ``value``
    first (a deliberate change: then read the diff)."""
    import json

    if os.environ.get("SCRTOOL_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(value, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return bool(value == json.loads(golden.read_text(encoding="utf-8")))


@pytest.fixture(scope="session")
def pg_server() -> Iterator[pg_cluster.Cluster | str]:
    """The PostgreSQL server the tests use (tests/pg_cluster.py), or why there is none."""
    started = pg_cluster.start()
    yield started
    if isinstance(started, pg_cluster.Cluster):
        pg_cluster.stop(started)


_DATABASES = itertools.count(1)


def _server(request: pytest.FixtureRequest) -> pg_cluster.Cluster:
    """The test server; the test skips, saying why, where there is none (on CI, ``$CI`` set, it fails instead:
    CI installs the server)."""
    server = request.getfixturevalue("pg_server")
    if isinstance(server, str):
        if os.environ.get("CI"):
            pytest.fail(f"CI needs PostgreSQL for this test: {server}")
        pytest.skip(f"needs PostgreSQL: {server}")
    assert isinstance(server, pg_cluster.Cluster)
    return server


def pg_database(request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database on the test server, dropped when the test ends."""
    import psycopg

    server = _server(request)
    name = f"scrtool_test_{os.getpid()}_{next(_DATABASES)}"
    with psycopg.connect(server.url, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        with psycopg.connect(server.url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    request.addfinalizer(drop)
    return pg_cluster.with_database(server.url, name)


def pg_schema(request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty schema (the first of the search path, set by the URL's ``options``) in the tests'
    database: a store as a new database is, made in milliseconds; dropped when the test ends."""
    import psycopg

    server = _server(request)
    name = f"t{os.getpid()}_{next(_DATABASES)}"
    url = pg_cluster.with_database(server.url, pg_cluster.TESTS_DATABASE)
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {name}")

    def drop() -> None:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET lock_timeout = '10s'")
            conn.execute(f"DROP SCHEMA IF EXISTS {name} CASCADE")

    request.addfinalizer(drop)
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{name}"


ENGINES = ("sqlite", "postgresql")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "sqlite_only(why): a test of the SQLite file itself (modes, journal, pages), "
        "run on SQLite alone in a module whose tests run on both engines",
    )


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A test that uses ``engine`` (or a module with ``pytestmark = pytest.mark.usefixtures("engine")``) runs once
    on each engine; one marked ``sqlite_only`` on SQLite alone; one that parametrizes ``engine`` itself (with
    ``indirect=["engine"]``) on the engines it names."""
    own = any("engine" in str(mark.args[0]) for mark in metafunc.definition.iter_markers("parametrize"))
    if "engine" in metafunc.fixturenames and not own:
        engines = ENGINES[:1] if metafunc.definition.get_closest_marker("sqlite_only") else ENGINES
        metafunc.parametrize("engine", engines, indirect=True)


@pytest.fixture
def engine(request: pytest.FixtureRequest, private_store: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """This test's store on each engine: the SQLite file, or a new PostgreSQL database's URL; ``$SCRTOOL_DB``
    names it, so commands run without ``--db`` use it too."""
    if request.param == "sqlite":
        return str(private_store)
    url = pg_schema(request)
    monkeypatch.setenv("SCRTOOL_DB", url)
    return url


@pytest.fixture
def roles(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], str]:
    """An empty database an owner role (not a superuser) owns; ``roles(name)`` is its URL for the role ``name``
    (owner, police or health), each an ordinary login role. ``$SCRTOOL_DB`` is the owner's."""
    import psycopg

    server = _server(request)
    tag = f"{os.getpid()}_{next(_DATABASES)}"
    roles = {name: f"{name}_{tag}" for name in ("owner", "police", "health")}

    def drop_roles() -> None:
        with psycopg.connect(server.url, autocommit=True) as conn:
            for role in roles.values():
                conn.execute(f"DROP ROLE IF EXISTS {role}")

    request.addfinalizer(drop_roles)  # after the database is dropped (finalizers run last in, first out)
    url = pg_database(request)
    with psycopg.connect(url, autocommit=True) as conn:
        for role in roles.values():
            conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'")
        conn.execute(f"ALTER DATABASE {url.split('/')[3].split('?')[0]} OWNER TO {roles['owner']}")
        conn.execute(f"ALTER SCHEMA public OWNER TO {roles['owner']}")

    def as_role(name: str) -> str:
        return url.replace("postgres:t3st-Secret@", f"{roles[name]}:pw-{roles[name]}@")

    monkeypatch.setenv("SCRTOOL_DB", as_role("owner"))
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    return as_role


@pytest.fixture
def store_as(roles: Callable[[str], str]) -> Callable[[str], str]:
    """``roles``, with the sample imported by the owner."""
    assert run("import", str(SAMPLES / "child-t.md")).exit_code == 0
    return roles


def unsourced(data: Any) -> Any:
    """JSON with every ``source`` key left out: the same plan in two formats is placed differently (line, page,
    sheet and cell), and says the same otherwise."""
    if isinstance(data, dict):
        return {key: unsourced(value) for key, value in data.items() if key != "source"}
    if isinstance(data, list):
        return [unsourced(value) for value in data]
    return data
