"""Monitoring over time: updates with evidence kept as history, revised dates, computed RAG, re-imports that never
erase updates, search across reports, and stores made by older versions."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest

from conftest import SAMPLES, TODAY, run, table_rows, write
from scrtool.errors import ExitCode
from scrtool.model import Action, Source, Status
from scrtool.rag import Rag, RagRule
from scrtool.store import schema
from scrtool.store.db import open_store
from scrtool.store.engine import is_postgres

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = SAMPLES / "child-t.md"
DAY = date.fromisoformat(TODAY)


@pytest.fixture
def imported() -> None:
    assert run("import", str(SAMPLE)).exit_code == 0


def history(agency: str, number: str) -> list[dict[str, str | None]]:
    result = run("history", agency, number, "--format", "json")
    assert result.exit_code == 0, result.stderr
    entries: list[dict[str, str | None]] = json.loads(result.stdout)["history"]
    return entries


def rows(output: str) -> list[list[str]]:
    return table_rows(output, key=0)


def test_update_is_kept_as_history_with_the_import_first(imported: None, tmp_path: Path) -> None:
    evidence = write(tmp_path, "audit.txt", "audit report")
    result = run(
        "update",
        "Riverside Health",
        "4",
        "--status",
        "completed",
        "--evidence",
        evidence,
        "--by",
        "J Smith",
        "--note",
        "Audit reported to the Board",
        "--date",
        "2026-01-10",
    )
    assert (result.exit_code, result.stdout) == (
        0,
        "Riverside Health 4: completed, due 2025-12-31 (updated 2026-01-15)\n",
    )  # a backdated update: last update not moved back
    entries = history("Riverside Health", "4")
    assert [(e["on"], e["source"], e["by"], e["from"], e["to"], e["due"], e["note"]) for e in entries] == [
        ("2026-01-15", "import", None, None, "open", "2025-12-31", "imported from child-t.md"),
        ("2026-01-10", "manual", "J Smith", "open", "completed", None, "Audit reported to the Board"),
    ]
    digest = hashlib.sha256(b"audit report").hexdigest()
    assert entries[1]["evidence"] == f"file {evidence} (sha256 {digest})"
    table = rows(run("history", "Riverside Health", "4").stdout)
    assert table[0][:5] == ["h1", "2026-01-15", "2026-01-15", "import", ""]
    assert any(r[:4] == ["h2", "2026-01-10", "2026-01-15", "manual"] for r in table)
    listed = run("list", "--agency", "Riverside Health", "--status", "open")
    assert listed.stderr == "no actions match\n"


def test_completed_without_evidence_is_flagged(imported: None) -> None:
    result = run("update", "Children's Services", "3", "--status", "completed")
    assert result.exit_code == 0
    assert result.stderr == (
        "scrtool: warning: Children's Services 3 closed as completed without evidence; boards are "
        "asked to evidence impact (--evidence)\n"
    )


def test_require_evidence_in_config_makes_it_an_error(
    imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRTOOL_CONFIG", write(tmp_path, "c.toml", "[updates]\nrequire_evidence = true\n"))
    result = run("update", "Children's Services", "3", "--status", "completed")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "scrtool: error: Children's Services 3: closing as completed needs --evidence (require_evidence is set)\n"
    )
    assert "in-progress" in run("show", "Children's Services", "3").stdout


def test_revised_due_date_keeps_the_original(imported: None) -> None:
    result = run("update", "Riverside Health", "4", "--due", "2026-06-30", "--reason", "auditor on leave")
    assert result.exit_code == 0, result.stderr
    shown = {
        r[0]: r[1].strip()
        for r in (line.split(None, 1) for line in run("show", "Riverside Health", "4").stdout.splitlines())
        if len(r) == 2
    }
    assert shown["Target"] == "2025-12-31"
    assert shown["Revised"] == "due  2026-06-30"
    assert run("list", "--overdue").stderr == "no actions match\n"
    assert run("update", "Riverside Health", "4", "--due", "2026-06-30").stderr == (
        "scrtool: error: --due needs --reason (why the target date moves)\n"
    )
    last = history("Riverside Health", "4")[-1]
    assert (last["due"], last["reason"], last["to"]) == ("2026-06-30", "auditor on leave", None)


def test_overdue_and_due_before(imported: None) -> None:
    overdue = run("list", "--overdue", "--format", "json")
    assert [(a["agency"], a["number"], a["rag"]) for a in __import__("json").loads(overdue.stdout)] == [
        ("Riverside Health", "4", "red")
    ]
    due = run("list", "--due-before", "2026-02-01", "--format", "csv").stdout.splitlines()
    assert [line.split(",")[1] + " " + line.split(",")[3] for line in due[1:]] == [
        "Riverside Health 1",
        "Riverside Health 4",
        "Children's Services 2.2",
    ]


def action(status: Status = Status.UNSPECIFIED, due: int | None = None, updated: int = 0) -> Action:
    return Action(
        "r/a/1",
        "r",
        "A",
        "A",
        "1",
        "",
        "",
        "",
        status,
        Source("f", 1),
        due=(DAY + timedelta(days=due)).isoformat() if due is not None else None,
        updated=(DAY - timedelta(days=updated)).isoformat(),
    )


@pytest.mark.parametrize(
    ("case", "rag"),
    [
        (action(Status.COMPLETED, due=-5, updated=400), Rag.GREEN),
        (action(due=-1), Rag.RED),
        (action(due=0), Rag.AMBER),
        (action(due=29), Rag.AMBER),
        (action(due=30), Rag.AMBER),
        (action(due=31), Rag.GREEN),
        (action(updated=89), Rag.GREEN),
        (action(updated=90), Rag.AMBER),
        (action(updated=91), Rag.AMBER),
        (action(due=31, updated=91), Rag.AMBER),
        (action(), Rag.GREEN),
        (action(Status.NOT_STARTED), Rag.AMBER),
        (action(Status.NOT_STARTED, due=31), Rag.GREEN),
        (action(Status.OVERDUE), Rag.RED),
        (action(Status.OVERDUE, due=60), Rag.RED),
    ],
)
def test_rag_rule_boundaries(case: Action, rag: Rag) -> None:
    assert RagRule().rate(case, DAY) is rag


def test_rag_thresholds_are_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from scrtool.config import load

    rule = load(write(tmp_path, "c.toml", "[rag]\ndue_soon_days = 7\nstale_days = 30\n")).rag
    assert rule == RagRule(7, 30)
    assert rule.rate(action(due=8), DAY) is Rag.GREEN
    assert rule.rate(action(updated=30), DAY) is Rag.AMBER


def test_history_survives_reimport_and_disagreement_is_said(imported: None, tmp_path: Path) -> None:
    assert run("update", "Riverside Health", "4", "--status", "completed", "--evidence", "minutes 3/1").exit_code == 0
    assert run("update", "Northshire Police", "2", "--status", "completed", "--evidence", "form v2").exit_code == 0
    text = SAMPLE.read_text(encoding="utf-8")
    text = text.replace(
        "include children's views. | Children's voices recorded in risk assessments. | In progress |",
        "include children's views. | Children's voices recorded in risk assessments. | Not started |",
    )
    text += "| Children's Services | 4 | Audit the front door. | Audit reported. | Not started |\n"
    result = run("import", write(tmp_path, "child-t.md", text))
    assert result.exit_code == 0, result.stderr
    out = result.stdout.splitlines()
    assert "  added: Children's Services 4" in out
    assert (
        "  Riverside Health 4: the file says open, an update by hand on 2026-01-15 says completed; keeping the update"
    ) in out
    assert (
        "  Northshire Police 2: the file says not-started, an update by hand on 2026-01-15 says completed; keeping "
        "the file's (newer)"
    ) in out
    assert "  Northshire Police 2: completed -> not-started" in out
    assert "completed" in run("show", "Riverside Health", "4").stdout
    assert [e["source"] for e in history("Riverside Health", "4")] == ["import", "manual"]
    assert [(e["source"], e["to"]) for e in history("Northshire Police", "2")] == [
        ("import", "in-progress"),
        ("manual", "completed"),
        ("import", "not-started"),
    ]


def test_search_ranks_across_reports(tmp_path: Path) -> None:
    run("import", str(SAMPLE))
    other = (
        "| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"
        "| 1 | Mental health services to share information about parental mental health and mental health crises "
        "| Riverside Health | Ongoing |\n| 2 | Housing to check tenancies | Housing | Done |\n"
    )
    run("import", write(tmp_path, "dhr-b.md", other))
    hits = json.loads(run("search", "mental health", "--format", "json").stdout)
    assert [(h["report"], h["kind"], h["number"]) for h in hits[:2]] == [
        ("dhr-b", "action", "1"),
        ("dhr-b", "recommendation", "1"),
    ]
    assert {h["report"] for h in hits[2:]} == {"child-t"}
    first = hits[0]
    assert [first["text"][a:b] for a, b in first["matches"]] == [
        "Mental",
        "health",
        "mental",
        "health",
        "mental",
        "health",
    ]
    open_only = json.loads(run("search", "mental health", "--status", "open", "--format", "json").stdout)
    assert [(h["report"], h["agency"], h["number"], h["status"]) for h in open_only] == [
        ("dhr-b", "Riverside Health", "1", "in-progress"),
        ("child-t", "Riverside Health", "4", "open"),
    ]
    table = run("search", "mental health").stdout
    assert "dhr-b" in table and "child-t" in table
    assert run("search", "zebra").stderr == "nothing matches\n"


@pytest.mark.sqlite_only("a store file of schema 1")
def test_store_from_schema_version_1_opens_and_keeps_its_reports(private_store: Path) -> None:
    private_store.parent.mkdir(parents=True)
    conn = sqlite3.connect(private_store)
    schema.MIGRATIONS[0](conn)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO reports VALUES ('old', 'Old plan', 'old.md', 'abc', '2020-05-01T10:00:00Z')")
    conn.execute(
        "INSERT INTO actions VALUES ('old/police/1', 'old', 0, 'Police', 'police', 'Police', '1', 'Do it', "
        "'', 'open', '', 'old.md', 3, '{}')"
    )
    conn.commit()
    conn.close()
    store = open_store(str(private_store))
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    store.close()
    assert [(e["on"], e["source"], e["to"], e["note"]) for e in history("Police", "1")] == [
        ("2020-05-01", "import", "open", "imported from old.md")
    ]
    assert [h[0] for h in rows(run("search", "do").stdout)] == ["old"]
    shown = run("show", "Police", "1").stdout
    assert "amber" in shown  # not updated for over 90 days


def test_rag_in_list_is_the_same_rule(imported: None) -> None:
    import json

    listed = json.loads(run("list", "--format", "json").stdout)
    rule = RagRule()
    for item in listed:
        probe = replace(action(Status(item["status"])), due=item["due"], updated=item["updated"])
        rated = rule.rate(probe, DAY)
        assert item["rag"] == (rated.value if rated else None)


def test_rag_rule_in_sql_rates_exactly_as_in_python(engine: str) -> None:
    """On each engine: ISO text on SQLite (an empty text too), date columns on PostgreSQL."""
    rule = RagRule(30, 90)
    store = open_store(engine, create=True)
    pg = is_postgres(store.conn)
    days = [None, *([] if pg else [""])] + [
        (DAY + timedelta(days=n)).isoformat() for n in (-400, -91, -90, -89, -1, 0, 1, 29, 30, 31)
    ]
    cases = [
        (status, due, updated, rag)
        for status in ("completed", "open", "in-progress", "not-started", "overdue", "not-recorded")
        for due in days
        for updated in days
        for rag in (None, "green", "blue")
    ]
    computed, params = rule.computed_sql(DAY)
    shown, shown_params = rule.sql(DAY)
    with store.write() as tx:
        kind = "DATE" if pg else "TEXT"
        tx.execute(f"CREATE TABLE rag_probe (n INTEGER, status TEXT, due {kind}, updated {kind}, rag TEXT)")
        tx.executemany("INSERT INTO rag_probe VALUES (?, ?, ?, ?, ?)", [(n, *case) for n, case in enumerate(cases)])
        in_sql = [row[0] for row in tx.execute(f"SELECT {computed} FROM rag_probe ORDER BY n", params)]
        shown_in_sql = [row[0] for row in tx.execute(f"SELECT {shown} FROM rag_probe ORDER BY n", shown_params)]
    store.close()
    rate = rule.rater(DAY)
    assert in_sql == [rated.value if (rated := rate(*case[:3])) else None for case in cases]
    assert set(in_sql) == {"red", "amber", "green", None}
    ratings = rule.ratings(DAY)
    assert shown_in_sql == [
        ratings(replace(action(Status(status)), due=due, updated=updated, rag=rag)).text
        for status, due, updated, rag in cases
    ]
    assert set(shown_in_sql) == {"red", "amber", "green", "blue", None}


def test_an_action_whose_status_is_not_recorded_is_rated_by_its_date_alone() -> None:
    rate = RagRule(30, 90).rater(DAY)
    stale = (DAY - timedelta(days=400)).isoformat()
    assert rate("not-recorded", None, stale) is None  # no colour invented: not green, not amber for staleness
    assert rate("not-recorded", (DAY + timedelta(days=31)).isoformat(), stale) is None
    assert rate("not-recorded", (DAY + timedelta(days=30)).isoformat(), None) is Rag.AMBER
    assert rate("not-recorded", (DAY - timedelta(days=1)).isoformat(), None) is Rag.RED
