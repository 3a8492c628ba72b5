"""`--db postgresql://...` (and SCRTOOL_DB) names a store on PostgreSQL, never a path (issue 16): a malformed URL is
exit 2, a missing driver, a wrong password, an unreachable server or a missing database one line and exit 5, and the
password is never shown."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import SAMPLES, pg_database, run
from scrtool.errors import ExitCode
from scrtool.store.location import is_url, redact

WARNING = "samples/child-t.md:9: warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan"


def error(result: Result) -> str:
    """stderr, less the warning an import of child-t.md gives before it opens the store."""
    lines = result.stderr.splitlines(keepends=True)
    return "".join(line for line in lines if not line.rstrip().endswith(WARNING))


@pytest.mark.parametrize(
    "url", ["postgresql://u@localhost/db", "postgres://u@/db?host=/run/x", "POSTGRESQL://h/d", "mysql://h/d"]
)
def test_a_url_is_never_a_path(url: str) -> None:
    assert is_url(url)


@pytest.mark.parametrize("path", ["store.db", "postgresql:", "./postgresql:/x", "/tmp/a://b", "c:\\x\\s.db"])
def test_paths_stay_paths(path: str) -> None:
    assert not is_url(path)


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("postgresql://ann:s3cret@db.example/scr", "postgresql://ann:***@db.example/scr"),
        ("postgresql://ann:s3cr@t@db/scr", "postgresql://ann:***@db/scr"),
        (
            "postgres://db/scr?user=ann&password=s3cret&sslmode=require",
            "postgres://db/scr?user=ann&password=***&sslmode=require",
        ),
        ("postgresql://ann@db/scr", "postgresql://ann@db/scr"),
        # a '/', '?' or '#' left unencoded in a password ends the host for a URL reader: all before the '@' is hidden
        ("postgresql://ann:s3/cret@db/scr", "postgresql://***@db/scr"),
        ("postgresql://ann:s3?cret@db/scr", "postgresql://***@db/scr"),
        ("postgresql://ann:s3#cret@db/scr", "postgresql://***@db/scr"),
        ("postgresql://ann:1234?cret@db/scr", "postgresql://***@db/scr"),
        ("postgresql://db:5432/scr?user=ann@REALM", "postgresql://db:5432/scr?user=ann@REALM"),
        ("postgresql://[::1]/scr?user=ann@REALM", "postgresql://[::1]/scr?user=ann@REALM"),
        (
            "postgresql:///scr?host=/run/postgresql&user=ann@REALM",
            "postgresql:///scr?host=/run/postgresql&user=ann@REALM",
        ),
    ],
)
def test_redact_hides_the_password(url: str, shown: str) -> None:
    assert redact(url) == shown


def test_a_url_without_the_driver_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # as if it were not installed: importing it fails
    monkeypatch.chdir(tmp_path)
    result = run("list", "--db", "postgresql://ann:s3cret@localhost/scr")
    assert (result.exit_code, result.stdout, result.stderr) == (
        ExitCode.STORE,
        "",
        "scrtool: error: a postgresql:// store needs the PostgreSQL driver: pip install 'scrtool[postgres]'\n",
    )
    assert os.listdir(tmp_path) == []  # no folder 'postgresql:', no SQLite store


def test_scrtool_db_holding_a_url_is_a_url_too(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SCRTOOL_DB", "postgres://localhost/scr")
    result = run("summary")
    assert (result.exit_code, result.stderr) == (
        ExitCode.STORE,
        "scrtool: error: a postgresql:// store needs the PostgreSQL driver: pip install 'scrtool[postgres]'\n",
    )
    assert os.listdir(tmp_path) == []


UNENCODED = "an '@' after the host: write a password's '/', '?' and '#' as %2F, %3F and %23"


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("postgresql://ann:s3cret@db:54x2/scr", "Port could not be cast to integer value as '54x2'"),
        ("postgresql://ann:s3cret@db/scr/more", "the database name 'scr/more' holds a '/'"),
        ("postgresql://ann:s3cret@db/scr?sslmode", "the parameter 'sslmode' is not NAME=VALUE"),
        ("postgresql://ann:s3cret@db/scr#x", "a '#' part means nothing here"),
        # libpq echoed these passwords in its message (forbidden value %00 ... "s3cret%00x"), or psycopg failed to
        # decode them (an internal error, exit 1)
        ("postgresql://ann:s3cret%00x@db/scr", "a percent-encoded part is %00, a NUL"),
        ("postgresql://ann@db/scr?password=s3cret%00x", "a percent-encoded part is %00, a NUL"),
        ("postgresql://ann:s3cret%ffx@db/scr", "a percent-encoded part is not UTF-8 text"),
        ("postgresql://ann@db/scr?password=s3cret%ffx", "a percent-encoded part is not UTF-8 text"),
        ("postgresql://ann%ff:s3cret@db/scr", "a percent-encoded part is not UTF-8 text"),
        # libpq ends the password at the first '@' and named the rest as the host ("failed to resolve host 'cret@db'")
        ("postgresql://ann:s3@cret@db/scr", "an '@' in the user name or password: write it %40"),
        # a URL reader ends the host at the '/', '?' or '#': the password's start was read as the port and quoted
        *(
            (f"postgresql://ann:{password}@db/scr", UNENCODED)
            for password in ("s3/cret", "s3?cret", "s3#cret", "1234?cret", "1234/cret")
        ),
    ],
)
def test_a_malformed_url_is_a_usage_error(url: str, why: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)  # checked before the driver is looked for
    monkeypatch.chdir(tmp_path)
    result = run("list", "--db", url)
    assert (result.exit_code, result.stdout) == (ExitCode.USAGE, "")
    assert result.stderr == f"scrtool: error: --db {redact(url)}: not a valid postgresql:// URL ({why})\n"
    assert "s3cret" not in result.stderr and "cret" not in result.stderr
    assert os.listdir(tmp_path) == []


def test_another_scheme_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("list", "--db", "mysql://ann:s3cret@db/scr")
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        "scrtool: error: --db mysql://ann:***@db/scr: not a store file or a postgresql:// URL "
        "(scheme 'mysql'; a store is a file path, or postgresql://USER@HOST/DATABASE)\n",
    )
    assert os.listdir(tmp_path) == []


def test_an_option_libpq_does_not_know_is_a_usage_error(request: pytest.FixtureRequest) -> None:
    url = pg_database(request) + "&colour=blue"
    result = run("list", "--db", url)
    assert result.exit_code == ExitCode.USAGE, result.stderr
    assert result.stderr.startswith(f"scrtool: error: --db {redact(url)}: not a valid postgresql:// URL (")
    assert 'invalid URI query parameter: "colour"' in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_a_wrong_password_is_one_line_and_never_shown(request: pytest.FixtureRequest) -> None:
    url = pg_database(request).replace(":t3st-Secret@", ":Wr0ng-Pass@")
    for args in (["list", "--db", url], ["reports", "--db", url], ["import", str(SAMPLES / "child-t.md"), "--db", url]):
        result = run(*args)
        assert (result.exit_code, result.stdout) == (ExitCode.STORE, ""), args
        assert error(result) == (
            f'scrtool: error: cannot open the store {redact(url)}: password authentication failed for user "postgres"\n'
        )
        assert "Wr0ng-Pass" not in result.stderr and "t3st-Secret" not in result.stderr


def test_a_password_from_pgpassword_works_and_a_wrong_one_is_refused(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = pg_database(request).replace(":t3st-Secret@", "@")
    monkeypatch.setenv("PGPASSWORD", "t3st-Secret")
    assert run("import", str(SAMPLES / "child-t.md"), "--db", url).exit_code == 0
    assert run("list", "--db", url, "--format", "tsv").stdout.count("\n") == 14
    monkeypatch.setenv("PGPASSWORD", "Wr0ng-Pass")
    result = run("list", "--db", url)
    assert result.exit_code == ExitCode.STORE
    assert "password authentication failed" in result.stderr and "Wr0ng" not in result.stderr


def test_a_pgpass_file_works(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = pg_database(request).replace(":t3st-Secret@", "@")
    passfile = tmp_path / "pgpass"
    passfile.write_text("*:*:*:postgres:t3st-Secret\n", encoding="utf-8")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    result = run("import", str(SAMPLES / "child-t.md"), "--db", url)
    assert result.exit_code == 0, result.stderr


def test_an_unreachable_server_is_one_line(tmp_path: Path) -> None:
    url = f"postgresql://ann:s3cret@/scr?host={tmp_path}/nowhere"
    result = run("list", "--db", url)
    assert (result.exit_code, result.stdout) == (ExitCode.STORE, "")
    assert result.stderr.startswith(f"scrtool: error: cannot open the store {redact(url)}: ")
    assert "No such file or directory" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "s3cret" not in result.stderr


def test_a_missing_database_is_one_line(request: pytest.FixtureRequest) -> None:
    url = pg_database(request)
    missing = url.replace("/scrtool_test_", "/no_such_")
    result = run("import", str(SAMPLES / "child-t.md"), "--db", missing)
    assert (result.exit_code, result.stdout) == (ExitCode.STORE, "")
    name = missing.split("/")[3].split("?")[0]
    assert error(result) == (
        f'scrtool: error: cannot open the store {redact(missing)}: database "{name}" does not exist\n'
    )


def test_an_empty_database_is_no_store_yet_and_import_makes_one(request: pytest.FixtureRequest) -> None:
    url = pg_database(request)
    result = run("list", "--db", url)
    assert (result.exit_code, result.stderr) == (
        ExitCode.NOT_FOUND,
        f"scrtool: error: no store at {redact(url)} yet; import a plan first (scrtool import FILE)\n",
    )
    assert run("import", str(SAMPLES / "child-t.md"), "--db", url).exit_code == 0
    assert run("list", "--db", url, "--format", "tsv").stdout.splitlines()[1].startswith("Northshire Police\t1\t")


def test_a_database_of_another_program_is_left_alone(request: pytest.FixtureRequest) -> None:
    import psycopg

    url = pg_database(request)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (n INTEGER)")
    result = run("import", str(SAMPLES / "child-t.md"), "--db", url)
    assert (result.exit_code, error(result)) == (
        ExitCode.STORE,
        f"scrtool: error: {redact(url)} is not a scrtool store (its schema holds another program's "
        "tables); scrtool leaves it as it is: give --db another database\n",
    )
    with psycopg.connect(url, autocommit=True) as conn:
        tables = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").fetchall()
    assert tables == [("invoices",)]


def test_a_password_in_the_url_is_in_no_output_of_any_command(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Whatever fails (the server, the password, the database, the copy, a bug: exit 1) and whatever succeeds, the
    password the URL carries is printed nowhere, and no traceback is."""
    good = pg_database(request)
    secret = good.split("://")[1].split("@")[0].split(":")[1]
    wrong = good.replace(f":{secret}@", ":Wr0ng-Pass@")
    missing = good.replace("/scrtool_test_", "/no_such_")
    nowhere = f"postgresql://ann:{secret}@/scr?host={tmp_path}/nowhere"
    file = str(tmp_path / "laptop.db")
    assert run("import", str(SAMPLES / "child-t.md"), "--db", file).exit_code == 0
    cases: list[tuple[list[str], int]] = [
        (["list", "--db", nowhere], ExitCode.STORE),
        (["reports", "--db", wrong], ExitCode.STORE),
        (["import", str(SAMPLES / "child-t.md"), "--db", missing], ExitCode.STORE),
        (["db", "copy", "--to", wrong, "--db", file], ExitCode.STORE),
        (["db", "copy", "--to", good, "--db", file], 0),
        (["reports", "--db", good], 0),
        (["reports", "--db", good, "--format", "json"], 0),
        (["db", "copy", "--to", good, "--db", file], ExitCode.STORE),  # not empty now
        (["db", "copy", "--to", str(tmp_path / "back.db"), "--db", good], 0),
        (["list", "--db", f"{good}&password={secret}"], 0),
    ]
    for args, code in cases:
        result = run(*args)
        assert result.exit_code == code, (args, result.stderr)
        for shown in (result.stdout, result.stderr):
            assert secret not in shown and "Wr0ng-Pass" not in shown and "Traceback" not in shown, (args, shown)
        if code:
            assert len(error(result).strip().splitlines()) == 1, (args, result.stderr)

    def bug(*_: object) -> None:
        raise RuntimeError(f"could not talk to {good} or {wrong}")

    monkeypatch.setattr("scrtool.questions.overview.reports", bug)
    result = run("reports", "--db", good)
    assert (result.exit_code, result.stdout) == (ExitCode.INTERNAL, "")
    assert result.stderr == (
        f"scrtool: error: internal error (RuntimeError: could not talk to {redact(good)} or {redact(wrong)}); run "
        "again with SCRTOOL_DEBUG=1 for the traceback and please report it\n"
    )
    monkeypatch.setenv("SCRTOOL_DEBUG", "1")
    debugged = run("reports", "--db", good)
    assert (debugged.exit_code, debugged.stdout) == (ExitCode.INTERNAL, "")
    assert debugged.stderr.startswith("Traceback (most recent call last):\n")
    assert debugged.stderr.endswith(f"RuntimeError: could not talk to {redact(good)} or {redact(wrong)}\n")
    assert secret not in debugged.stderr and "Wr0ng-Pass" not in debugged.stderr


@pytest.mark.parametrize(
    ("option", "why"),
    [
        ("port=abc", 'invalid integer value "abc" for connection option "port"'),
        ("sslmode=bogus", 'invalid sslmode value: "bogus"'),
        ("target_session_attrs=bogus", 'invalid target_session_attrs value: "bogus"'),
    ],
)
def test_an_option_with_a_value_libpq_cannot_take_is_a_usage_error(
    request: pytest.FixtureRequest, option: str, why: str
) -> None:
    """A malformed URL is exit 2 (README), its value's fault named; it was exit 5, 'cannot open the store ...:
    connection is bad: ...', as if the server had refused."""
    url = f"{pg_database(request)}&{option}"
    result = run("list", "--db", url)
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f"scrtool: error: --db {redact(url)}: not a valid postgresql:// URL ({why})\n",
    )
