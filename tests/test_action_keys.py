"""An action's history never follows another action: its id is its report, its agency as written and its number,
whatever the order of the tables and whatever other agencies are called (issue 11 item 1), in new stores and in
stores made with the old ids."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import FIXTURES, run, write
from scrtool.store import schema

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL
OLD_STORE = pytest.mark.sqlite_only("a SQLite store made before action keys (schema 5): PostgreSQL stores begin at 9")

TITLE = "Serious Case Review: Child Q - action plan\n\n"
REC = "Agencies must share information about parental mental health with health visitors"
OVERVIEW = f"""\
| Rec No. | Recommendation | IMR Agency | IMR Action No. |
|---|---|---|---|
| 1 | {REC} | Children's Services | Action 1 |
| | | Childrens Services | Actions: 1, 2 |
| | | Police | Action 1 |
| 2 | The Board should audit how agencies escalate disagreements | Police | N/A |
"""
APOSTROPHE = f"""
| Children's Services | Action No | Recommendation | Projected Outcome | Status |
|---|---|---|---|---|
| Children's Services | 1 | Agree an information sharing protocol | Protocol in use | In progress |
| Overview recommendation | | {REC} | | Completed |
"""
PLAIN = """
| Childrens Services | Action No | Recommendation | Projected Outcome | Status |
|---|---|---|---|---|
| Childrens Services | 1 | Train the front door team | Team trained | |
| Childrens Services | 2 | Audit referrals to the front door | Audit reported | Not started |
"""
POLICE = """
| Police | Action No | Recommendation | Projected Outcome | Status |
|---|---|---|---|---|
| Police/Children's Services | 1 | Circulate a bulletin on joint visits | Bulletin read | Not started |
"""
POLICE_2 = "| Police | 2 | Review the escalation form | Form reviewed | Not started |\n"


def history(agency: str, number: str) -> tuple[str, list[tuple[str | None, ...]]]:
    """The action's id, and its history as (source, from, to, evidence, note)."""
    result = run("history", agency, number, "--format", "json")
    assert result.exit_code == 0, result.stderr
    found = json.loads(result.stdout)
    return found["action"]["id"], [
        (e["source"], e["from"], e["to"], e["evidence"], e["note"]) for e in found["history"]
    ]


def status(agency: str, number: str) -> str:
    (action,) = [
        a
        for a in json.loads(run("list", "--agency", agency, "--format", "json").stdout)
        if a["agency"] == agency and a["number"] == number
    ]
    return str(action["status"])


def test_a_like_named_agency_added_above_leaves_the_history_where_it_was(tmp_path: Path) -> None:
    """``Childrens Services`` 1 completed with evidence; the next version adds a ``Children's Services`` table above
    it. Before: the new action showed completed with the other's history, the completed one 'added' and open."""
    overview = OVERVIEW.replace(
        f"| 1 | {REC} | Children's Services | Action 1 |\n| | | Childrens Services |",
        f"| 1 | {REC} | Childrens Services |",
    )
    plan = write(tmp_path, "board.md", TITLE + overview + PLAIN)
    assert run("import", plan).exit_code == 0
    assert (
        run("update", "Childrens Services", "1", "--status", "completed", "--evidence", "training log").exit_code == 0
    )
    write(tmp_path, "board.md", TITLE + OVERVIEW + APOSTROPHE + PLAIN)
    result = run("import", plan)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:4] == [
        "  2 added, 0 removed, 0 status change(s)",
        "  added: Children's Services 1",
        "  added: Children's Services (response)",
    ]
    assert history("Childrens Services", "1") == (
        "board/Childrens Services/1",
        [
            ("import", None, "open", None, "imported from board.md"),
            ("manual", "open", "completed", "training log", None),
        ],
    )
    assert status("Childrens Services", "1") == "completed"
    assert history("Children's Services", "1") == (
        "board/Children's Services/1",
        [("import", None, "in-progress", None, "imported from board.md")],
    )
    assert status("Children's Services", "1") == "in-progress"


def test_swapping_two_tables_leaves_each_history_with_its_action(tmp_path: Path) -> None:
    plan = write(tmp_path, "board.md", TITLE + OVERVIEW + APOSTROPHE + PLAIN + POLICE)
    assert run("import", plan).exit_code == 0
    assert (
        run("update", "Childrens Services", "1", "--status", "completed", "--evidence", "training log").exit_code == 0
    )
    assert run("update", "Children's Services", "1", "--note", "protocol drafted").exit_code == 0
    write(tmp_path, "board.md", TITLE + OVERVIEW + PLAIN + POLICE + APOSTROPHE)
    result = run("import", plan)
    assert result.stdout.splitlines()[1] == "  0 added, 0 removed, 0 status change(s)"
    assert history("Childrens Services", "1")[1][-1] == ("manual", "open", "completed", "training log", None)
    assert history("Children's Services", "1")[1][-1] == ("manual", None, None, None, "protocol drafted")
    assert (status("Childrens Services", "1"), status("Children's Services", "1")) == ("completed", "in-progress")


def test_spacing_and_quote_styles_are_one_agency_and_nothing_else_is(tmp_path: Path) -> None:
    curly = APOSTROPHE.replace("Children's Services", "Children\u2019s  Services")
    plan = write(tmp_path, "board.md", TITLE + OVERVIEW + APOSTROPHE + PLAIN)
    assert run("import", plan).exit_code == 0
    assert run("update", "Children's Services", "1", "--note", "protocol drafted").exit_code == 0
    write(tmp_path, "board.md", TITLE + OVERVIEW + curly + PLAIN)
    assert run("import", plan).stdout.splitlines()[1] == "  0 added, 0 removed, 0 status change(s)"
    assert history("Children's Services", "1")[0] == "board/Children's Services/1"
    ids = [a["id"] for a in json.loads(run("list", "--format", "json").stdout)]
    assert ids == [
        "board/Children's Services/1",
        "board/Children's Services/response to 1 #1",
        "board/Childrens Services/1",
        "board/Childrens Services/2",
    ]


def old_store(path: Path) -> None:
    """The store tests/fixtures/store-v5.sql holds, made by scrtool before action keys (see its header)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    conn = sqlite3.connect(path)
    conn.executescript((FIXTURES / "store-v5.sql").read_text(encoding="utf-8"))
    conn.close()


@OLD_STORE
def test_a_store_with_the_old_ids_is_rekeyed_in_every_table(private_store: Path) -> None:
    old_store(private_store)
    assert run("reports").exit_code == 0  # opening it migrates it
    conn = sqlite3.connect(private_store)
    assert conn.execute("PRAGMA user_version").fetchone() == (len(schema.MIGRATIONS),)
    assert conn.execute("SELECT id FROM actions ORDER BY seq").fetchall() == [
        ("board/Children's Services/1",),
        ("board/Children's Services/response to 1 #1",),
        ("board/Childrens Services/1",),
        ("board/Childrens Services/2",),
        ("board/Police/1",),
    ]
    assert conn.execute("SELECT action_id, source, to_status, evidence FROM history ORDER BY id").fetchall() == [
        ("board/Childrens Services/1", "import", "open", None),
        ("board/Childrens Services/1", "manual", "completed", "training log"),
        ("board/Children's Services/1", "import", "in-progress", None),
        ("board/Children's Services/1", "manual", None, None),
        ("board/Police/2", "import", "not-started", None),  # its action was dropped: its history waits for it
        ("board/Police/2", "manual", "in-progress", None),
        ("board/Children's Services/response to 1 #1", "import", "completed", None),
        ("board/Childrens Services/2", "import", "not-started", None),
        ("board/Police/1", "import", "not-started", None),
    ]
    assert conn.execute("SELECT * FROM action_agencies").fetchall() == [
        ("board/Police/1", "children's services", "board")
    ]
    assert conn.execute("SELECT action_id, rec_number FROM responses").fetchall() == [
        ("board/Children's Services/response to 1 #1", "1")
    ]
    assert conn.execute("SELECT ref FROM search WHERE ref LIKE 'action:%' ORDER BY rowid").fetchall() == [
        ("action:board/Children's Services/1",),
        ("action:board/Children's Services/response to 1 #1",),
        ("action:board/Childrens Services/1",),
        ("action:board/Childrens Services/2",),
        ("action:board/Police/1",),
    ]
    conn.close()
    hits = json.loads(run("search", "bulletin", "--agency", "Children's Services", "--format", "json").stdout)
    assert [(h["agency"], h["number"], h["status"]) for h in hits] == [("Police", "1", "not-started")]
    assert status("Childrens Services", "1") == "completed"


@OLD_STORE
def test_after_the_migration_a_swapped_version_keeps_each_history(private_store: Path, tmp_path: Path) -> None:
    """Under the old ids this version would have swapped the two agencies' histories; Police 2 comes back with its
    own."""
    old_store(private_store)
    plan = write(tmp_path, "board.md", TITLE + OVERVIEW + PLAIN + POLICE + POLICE_2 + APOSTROPHE)
    result = run("import", plan)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1:3] == ["  1 added, 0 removed, 0 status change(s)", "  added: Police 2"]
    assert history("Childrens Services", "1") == (
        "board/Childrens Services/1",
        [
            ("import", None, "open", None, "imported from board.md"),
            ("manual", "open", "completed", "training log", None),
        ],
    )
    assert history("Children's Services", "1")[1][-1] == ("manual", None, None, None, "protocol drafted")
    assert history("Police", "2") == (
        "board/Police/2",
        [
            ("import", None, "not-started", None, "imported from board.md"),
            ("manual", "not-started", "in-progress", None, None),
        ],
    )
    assert [status(*a) for a in (("Childrens Services", "1"), ("Children's Services", "1"), ("Police", "2"))] == [
        "completed",
        "in-progress",
        "in-progress",
    ]
