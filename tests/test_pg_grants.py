"""`scrtool db grant AGENCY ROLE` (issue 16): row-level security keeps an ordinary role (not a superuser, not the
tables' owner) to its agency's actions, whatever it sets in its session; the counts kept at write time stay right
when such a role updates."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import pg_cluster
from conftest import SAMPLES, run
from scrtool.errors import ExitCode
from scrtool.store.location import redact

NP, RH = "Northshire Police", "Riverside Health"


def listed(url: str) -> list[tuple[str, str | None, str]]:
    result = run("list", "--format", "json", "--db", url)
    assert result.exit_code == 0, result.stderr
    return [(a["agency"], a["number"], a["status"]) for a in json.loads(result.stdout)]


def test_a_granted_role_sees_and_updates_its_agencys_actions_only(store_as: Callable[[str], str]) -> None:
    police = store_as("police")
    granted = run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0])
    assert (granted.exit_code, granted.stderr) == (0, "")
    assert granted.stdout.endswith("may read and update the 2 actions of Northshire Police (and no other agency's)\n")
    assert listed(police) == [("Northshire Police", "1", "completed"), ("Northshire Police", "2", "in-progress")]
    other = run("update", "Riverside Health", "4", "--status", "completed", "--evidence", "x", "--db", police)
    assert (other.exit_code, other.stderr) == (
        ExitCode.NOT_FOUND,
        "scrtool: error: no action 4 of 'Riverside Health' in report 'child-t'\n",
    )
    own = run("update", "Northshire Police", "2", "--status", "completed", "--evidence", "form", "--db", police)
    assert (own.exit_code, own.stderr) == (0, "")
    assert listed(police)[1] == ("Northshire Police", "2", "completed")
    assert len(listed(store_as("owner"))) == 13  # the owner sees every agency's
    health = store_as("health")  # a role granted nothing cannot read the store at all
    refused = run("list", "--db", health)
    assert (refused.exit_code, refused.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: the store {redact(health)} refused this: permission denied for table "
        "scrtool_schema (ask its owner for the right, scrtool db grant)\n",
    )


def test_counts_stay_right_when_a_role_that_sees_one_agency_updates(store_as: Callable[[str], str]) -> None:
    owner, police = store_as("owner"), store_as("police")
    before = run("summary", "--db", owner).stdout
    assert "1\t5\t3\t60%\t" in before and "Northshire Police\t2\t0\t1\t" in before
    assert run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0]).exit_code == 0
    assert (
        run("update", "Northshire Police", "2", "--status", "completed", "--evidence", "form", "--db", police).exit_code
        == 0
    )
    after = run("summary", "--db", owner).stdout.splitlines()
    # recommendation 1 cites five actions of three agencies: four now completed, counted across all of them
    assert [line for line in after if line.startswith("1\t")] == [
        "1\t5\t4\t80%\tAll agencies must make sure that when a parent has a diagnosed mental illness, the safety "
        "of the children in the household is assessed and shared with the GP and health visitor"
    ]
    assert [line.split("\t")[:4] for line in after if line.startswith(("Northshire", "Riverside", "Children"))] == [
        ["Northshire Police", "2", "0", "2"],
        ["Riverside Health", "4", "1", "3"],
        ["Children's Services", "5", "1", "3"],
    ]  # agency, actions, responses, completed


def test_no_session_setting_opens_another_agencys_rows(store_as: Callable[[str], str]) -> None:
    import psycopg

    police = store_as("police")
    assert run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0]).exit_code == 0
    with psycopg.connect(police, autocommit=True) as conn:
        conn.execute("SET app.agency = 'riverside health'")
        assert conn.execute("SELECT COUNT(*) FROM actions").fetchone() == (2,)
        assert conn.execute("SELECT COUNT(*) FROM tally_status WHERE agency_key != 'northshire police'").fetchone() == (
            0,
        )
        changed = conn.execute("UPDATE actions SET status = 'completed' WHERE agency_key = 'riverside health'")
        assert changed.rowcount == 0
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM actions")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO agency_grants VALUES ('riverside health', current_user)")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("ALTER TABLE actions NO FORCE ROW LEVEL SECURITY")
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for table actions"):
            conn.execute("UPDATE actions SET agency_key = 'riverside health' WHERE number = '1'")  # not its column


def test_a_role_updates_its_actions_progress_and_nothing_else_of_them(store_as: Callable[[str], str]) -> None:
    """What scrtool writes on an update (status, dates, RAG: store/current.py) is all a granted role may change of its
    agency's actions: not their words, number, report or id (the plan is the partnership's; an id moved would take
    the action's history with it). It had UPDATE on every column (psql, or any client, as that role)."""
    import psycopg

    police = store_as("police")
    assert run("db", "grant", NP, police.split("://")[1].split(":")[0]).exit_code == 0
    with psycopg.connect(police, autocommit=True) as conn:
        for column, value in (("text", "nothing to do"), ("number", "9"), ("report", "other"), ("id", "x")):
            with pytest.raises(psycopg.errors.InsufficientPrivilege, match="permission denied for table actions"):
                conn.execute(f"UPDATE actions SET {column} = %s WHERE number = '2'", (value,))
        changed = conn.execute("UPDATE actions SET rag = 'red', rag_reason = 'late' WHERE number = '2'")
        assert changed.rowcount == 1
    updated = run("update", NP, "2", "--status", "completed", "--evidence", "form", "--db", police)
    assert (updated.exit_code, updated.stderr) == (0, "")
    assert listed(police) == [(NP, "1", "completed"), (NP, "2", "completed")]


def test_a_role_that_sees_every_row_anyway_is_refused(store_as: Callable[[str], str]) -> None:
    owner = store_as("owner").split("://")[1].split(":")[0]
    result = run("db", "grant", "Northshire Police", owner)
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr.startswith(f"scrtool: error: the role '{owner}' sees every agency's rows whatever is granted")
    result = run("db", "grant", "Northshire Police", "postgres")
    assert result.exit_code == ExitCode.USAGE
    missing = run("db", "grant", "Northshire Police", "nobody_at_all")
    assert (missing.exit_code, missing.stderr) == (
        ExitCode.NOT_FOUND,
        "scrtool: error: there is no database role 'nobody_at_all': create it first (CREATE ROLE "
        "nobody_at_all LOGIN)\n",
    )
    unknown = run("db", "grant", "Nobody's Agency", "postgres")
    assert unknown.exit_code == ExitCode.NOT_FOUND


def test_grant_on_a_sqlite_store_is_a_usage_error(private_store: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRTOOL_DB", str(private_store))
    assert run("import", str(SAMPLES / "child-t.md")).exit_code == 0
    result = run("db", "grant", "Northshire Police", "officer")
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        "scrtool: error: db grant needs a store on PostgreSQL (--db postgresql://...): a SQLite file "
        "is one person's, read whole by whoever can read the file\n",
    )


def test_a_granted_store_made_before_the_judgements_and_the_terms_works_for_its_roles(
    store_as: Callable[[str], str],
) -> None:
    """Migrations 11 and 12 on a store with grants (made by its owner): the counting function counts the RAG
    judgement an agency's role records, and the role reads the recommendations' terms (similar asks them)."""
    import psycopg

    owner, police = store_as("owner"), store_as("police")
    assert run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0]).exit_code == 0
    with psycopg.connect(owner, autocommit=True) as conn:  # as scrtool left it at schema 10
        conn.execute("DROP TABLE rec_vectors, rec_terms, rec_vocabulary")
        conn.execute("ALTER TABLE history DROP COLUMN rag, DROP COLUMN rag_reason, DROP COLUMN retracts")
        conn.execute("ALTER TABLE actions DROP COLUMN rag, DROP COLUMN rag_reason")
        conn.execute("ALTER TABLE tally_status DROP COLUMN rag")
        conn.execute(
            "CREATE OR REPLACE FUNCTION scrtool_recount(p_report text, p_action text) RETURNS void "
            "LANGUAGE plpgsql SECURITY DEFINER AS $$ BEGIN END $$"
        )  # stands for the older one
        conn.execute("UPDATE scrtool_schema SET version = 10")
    assert run("list", "--db", owner).exit_code == 0  # the owner's first command migrates it
    judged = run("update", "Northshire Police", "2", "--rag", "red", "--rag-reason", "no training yet", "--db", police)
    assert (judged.exit_code, judged.stderr) == (0, "")
    asked = run("similar", "1", "--db", police)
    assert (asked.exit_code, asked.stderr) == (0, "no recommendation of another report is like it\n")
    with psycopg.connect(owner, autocommit=True) as conn:
        counted = (
            "SELECT agency_key, status, due, updated, rag, numbered, n FROM tally_status ORDER BY 1, 2, 3, 4, 5, 6"
        )
        kept = conn.execute(counted).fetchall()
        assert ("northshire police", "in-progress", None, "2026-01-15", "red", 1, 1) in [
            (*row[:3], str(row[3]), *row[4:]) for row in kept
        ]
        conn.execute("SELECT scrtool_recount('child-t', NULL)")
        assert conn.execute(counted).fetchall() == kept


def test_a_long_return_applied_to_a_granted_store_keeps_the_counts_right(
    store_as: Callable[[str], str], tmp_path: Path
) -> None:
    """More than 50 rows, applied by the owner as returns are: the owner's function counts the whole report once
    instead of one action at a time (tallies._ONE_BY_ONE), with the same counts."""
    import openpyxl

    police = store_as("police")
    numbers = range(1, 61)
    plan = tmp_path / "long.md"
    plan.write_text(
        "| Rec No. | Recommendation | Agency | Action No. |\n|---|---|---|---|\n"
        "| 1 | Share information about parents with the health visitor. | Northshire Police | 1-60 |\n"
        "| 2 | Audit the pathway. | Riverside Health | 1 |\n\n"
        "| Northshire Police | Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
        + "".join(f"| Northshire Police | {n} | Brief team {n}. | Team {n} briefed. | In progress |\n" for n in numbers)
        + "\n| Riverside Health | Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
        "| Riverside Health | 1 | Audit the pathway. | Audited. | In progress |\n",
        encoding="utf-8",
    )
    owner = store_as("owner")
    assert run("import", str(plan), "--db", owner).exit_code == 0
    assert run("db", "grant", NP, police.split("://")[1].split(":")[0], "--db", owner).exit_code == 0
    assert run("returns", "issue", "-o", str(tmp_path / "out"), "--report", "long", "--db", owner).exit_code == 0
    book = openpyxl.load_workbook(tmp_path / "out" / f"{NP}.xlsx")
    for row in book["Return"].iter_rows(min_row=8):
        if row[0].value:
            row[8].value, row[11].value = "Completed", "briefing register"
    book.save(tmp_path / "back.xlsx")
    applied = run("returns", "apply", str(tmp_path / "back.xlsx"), "--db", owner)
    assert (applied.exit_code, applied.stdout) == (0, f"{tmp_path}/back.xlsx: recorded 60 update(s)\n")
    summary = run("summary", "--report", "long", "--db", owner).stdout.splitlines()
    assert [line for line in summary if line.startswith(("1\t", "2\t", f"{NP}\t", f"{RH}\t"))] == [
        f"{NP}\t60\t60\t0\t0\t0\t60\t100%",
        f"{RH}\t1\t0\t1\t0\t0\t1\t0%",
        "1\t60\t60\t100%\tShare information about parents with the health visitor.",
        "2\t1\t0\t0%\tAudit the pathway.",
    ]


def test_trace_by_a_role_that_sees_one_agency_hides_the_others_actions_and_counts_them_all(
    store_as: Callable[[str], str],
) -> None:
    """The other agencies' cited actions are there, only not this role's to read: not called missing, and the
    progress line is the partnership's, as `summary` and the board page count it."""
    police = store_as("police")
    assert run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0]).exit_code == 0
    traced = run("trace", "1", "--db", police)
    assert (traced.exit_code, traced.stderr) == (0, "")
    assert traced.stdout.splitlines()[2:] == [
        "Agency\tNo.\tStatus\tAction",
        "Riverside Health\t2\tnot shown\tanother agency's action: not granted to this role",
        "Riverside Health\t4\tnot shown\tanother agency's action: not granted to this role",
        "Children's Services\t1\tnot shown\tanother agency's action: not granted to this role",
        "Northshire Police\t1\tcompleted\tIssue a briefing reminding officers to complete checks on every adult in "
        "the household.",
        "Northshire Police\t2\tin-progress\tReview the domestic abuse risk assessment form to include children's "
        "views.",
        "Progress: 3 of 5 cited actions completed  ██████░░░░  60%",
    ]
    as_json = json.loads(run("trace", "2", "--format", "json", "--db", police).stdout)
    assert [(link["agency"], link["missing"], link.get("hidden")) for link in as_json["links"]] == [
        ("Children's Services", [], ["3"]),
        ("Riverside Health", [], ["9"]),
    ]
    assert as_json["progress"] == {"completed": 0, "total": 2}
    owner = json.loads(run("trace", "2", "--format", "json", "--db", store_as("owner")).stdout)
    assert [(link["agency"], link["missing"], link.get("hidden")) for link in owner["links"]] == [
        ("Children's Services", [], None),
        ("Riverside Health", ["9"], None),
    ]


def test_what_only_the_owner_does_is_refused_to_an_agencys_role_saying_so(
    store_as: Callable[[str], str], tmp_path: Path
) -> None:
    """An agency's role that tries the owner's part (issuing or applying returns, importing) is told it is the
    owner's, not sent to ask for the db grant it has; a row_security=off in its URL is refused, saying why."""
    police = store_as("police")
    assert run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0]).exit_code == 0
    owners = (
        "a role given scrtool db grant reads and updates its agency's actions; importing, removing a report and the "
        "return cycle are the store owner's to do"
    )
    issued = run("returns", "issue", "-o", str(tmp_path / "returns"), "--db", police)
    assert (issued.exit_code, issued.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: the store {redact(police)} refused this: permission denied for table return_issues "
        f"({owners})\n",
    )
    assert not (tmp_path / "returns").exists()  # the folder it made for the workbooks is not left behind
    assert run("returns", "issue", "-o", str(tmp_path / "returns")).exit_code == 0  # the owner's
    from test_returns import fill

    answered = fill(
        tmp_path / "returns" / "Northshire Police.xlsx",
        {"child-t/Northshire Police/2": {"Progress note": "form reviewed"}},
        tmp_path / "answered.xlsx",
    )
    applied = run("returns", "apply", answered, "--db", police)
    assert (applied.exit_code, applied.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: the store {redact(police)} refused this: permission denied for table return_answers "
        f"({owners})\n",
    )
    assert [
        line.split("\t")[-1] for line in run("history", "Northshire Police", "2", "--db", police).stdout.splitlines()
    ][-1] == "imported from child-t.md"  # nothing of the return recorded
    off = f"{police}&options=-crow_security%3Doff"
    listed_off = run("list", "--db", off)
    assert (listed_off.exit_code, listed_off.stderr) == (
        ExitCode.STORE,
        f"scrtool: error: the store {redact(off)} refused this: query would be affected by row-level security "
        'policy for table "actions" (this role sees its agency\'s rows only: leave row_security on)\n',
    )


def test_what_a_member_of_the_owner_makes_is_the_owners(
    store_as: Callable[[str], str], request: pytest.FixtureRequest
) -> None:
    """An officer of the business unit connects as a role of their own that is a member of the owner. Their `db
    grant` made the grants table and the counting function theirs: the function then ran as them, and was refused
    to the owner (REVOKE ... FROM PUBLIC), whose every update failed ("permission denied for function
    scrtool_recount", exit 5)."""
    import psycopg

    owner, police = store_as("owner"), store_as("police")
    owner_role = owner.split("://")[1].split(":")[0]
    officer = f"officer_{owner_role}"
    server = request.getfixturevalue("pg_server")
    with psycopg.connect(server.url, autocommit=True) as conn:
        conn.execute(f"CREATE ROLE {officer} LOGIN PASSWORD 'pw-officer' IN ROLE {owner_role}")
    database = pg_cluster.with_database(server.url, owner.split("/")[3].split("?")[0])
    request.addfinalizer(lambda: _drop_role(server.url, database, officer))
    as_officer = owner.replace(f"{owner_role}:pw-{owner_role}@", f"{officer}:pw-officer@")
    assert (
        run("db", "grant", "Northshire Police", police.split("://")[1].split(":")[0], "--db", as_officer).exit_code == 0
    )
    updated = run("update", "Riverside Health", "4", "--note", "pathway audit begun", "--db", owner)
    assert (updated.exit_code, updated.stderr) == (0, "")
    with psycopg.connect(owner, autocommit=True) as conn:
        made = conn.execute(
            "SELECT tableowner FROM pg_tables WHERE tablename = 'agency_grants' UNION ALL "
            "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'scrtool_recount'"
        ).fetchall()
    assert made == [(owner_role,), (owner_role,)]


def _drop_role(url: str, database: str, role: str) -> None:
    """Drop ``role``, and first what it owns in ``database`` (before this test's fix, it owned what it made)."""
    import psycopg

    with psycopg.connect(database, autocommit=True) as conn:
        conn.execute(f"REASSIGN OWNED BY {role} TO CURRENT_USER")
        conn.execute(f"DROP OWNED BY {role}")
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP ROLE IF EXISTS {role}")
