"""Issue 13 items 1-4 and 6: overdue means one thing everywhere; RAG judgements recorded as history and shown over the
rule (overdue is red whatever they say); a plan's RAG words are ratings, not completion (and stores made before are
read again); backdated updates in their place; entry ids, retractions and amendments."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from conftest import SAMPLES, run, write
from scrtool.errors import ExitCode
from scrtool.store import replay

SAMPLE = SAMPLES / "child-t.md"
pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL


@pytest.fixture
def imported() -> None:
    assert run("import", str(SAMPLE)).exit_code == 0


def listed(*args: str) -> list[tuple[str, str, str, str]]:
    result = run("list", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(a["agency"], a["number"], a["status"], a["rag"]) for a in json.loads(result.stdout or "[]")]


def action_json(agency: str, number: str) -> dict[str, object]:
    result = run("history", agency, number, "--format", "json")
    assert result.exit_code == 0, result.stderr
    data: dict[str, object] = json.loads(result.stdout)
    return data


def entries(agency: str, number: str) -> list[dict[str, object]]:
    found = action_json(agency, number)["history"]
    assert isinstance(found, list)
    return found


def action(agency: str, number: str) -> dict[str, object]:
    found = action_json(agency, number)["action"]
    assert isinstance(found, dict)
    return found


# item 1: overdue, one meaning everywhere

OVERDUE = [("Northshire Police", "2", "overdue", "red"), ("Riverside Health", "4", "open", "red")]


def test_an_action_marked_overdue_is_overdue_everywhere_and_red(
    imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("update", "Northshire Police", "2", "--status", "overdue")
    assert result.stdout == "Northshire Police 2: overdue (updated 2026-01-15)\n"
    assert listed("--overdue") == OVERDUE  # marked overdue, and past its due date (Riverside Health 4, 2025-12-31)
    assert listed("--status", "overdue") == OVERDUE
    assert ("Northshire Police", "2", "overdue", "red") in listed("--status", "open")
    found = json.loads(run("search", "risk assessment", "--status", "overdue", "--format", "json").stdout)
    assert [(h["agency"], h["number"], h["status"]) for h in found] == [("Northshire Police", "2", "overdue")]
    found = json.loads(run("search", "audit", "--status", "overdue", "--format", "json").stdout)
    assert [(h["agency"], h["number"], h["status"]) for h in found] == [("Riverside Health", "4", "open")]
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    summary = run("summary").stdout.splitlines()
    assert summary[2] == (
        "agency\tactions\tresponses\tcompleted\tin-progress\tnot-started\toverdue\topen\tred\t"
        "amber\tgreen\tpercent completed"
    )  # overdue: marked so or past due (a part of those not
    # completed); actions are the numbered ones, an agency's unnumbered responses counted apart
    assert summary[3:6] == [
        "Northshire Police\t2\t0\t1\t0\t0\t1\t0\t1\t0\t1\t50%",
        "Riverside Health\t4\t1\t3\t0\t0\t1\t1\t1\t0\t3\t75%",
        "Children's Services\t5\t1\t3\t1\t1\t0\t0\t0\t1\t4\t60%",
    ]
    exported = json.loads(run("export", "-o", "-", "--format", "json").stdout)
    assert [(a["agency"], a["number"], a["rag"]) for a in exported if a["rag"] == "red"] == [
        ("Northshire Police", "2", "red"),
        ("Riverside Health", "4", "red"),
    ]
    page = tmp_path / "board.html"
    assert run("board", "-o", str(page)).stdout.endswith(
        ": 11 actions (and 2 unnumbered responses), 4 not completed, 2 overdue\n"
    )
    html = page.read_text(encoding="utf-8")
    assert '<dd data-count="overdue">2</dd>' in html
    assert html.count('data-overdue="yes"') == html.count('data-rag="red"')


def test_a_reopened_not_started_action_with_no_date_is_amber(imported: None) -> None:
    assert listed("--agency", "Northshire Police")[0] == ("Northshire Police", "1", "completed", "green")
    assert run("update", "Northshire Police", "1", "--status", "not-started").exit_code == 0
    assert action("Northshire Police", "1")["rag"] == "amber"
    assert action("Northshire Police", "1")["rag_computed"] == "amber"


# item 2: judgements


def shown_lines(agency: str, number: str) -> list[str]:
    return [line.rstrip() for line in run("show", agency, number).stdout.splitlines()]


def test_a_judgement_is_history_and_shown_over_the_rule_until_completion(
    imported: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = run("update", "Children's Services", "3", "--rag", "amber", "--rag-reason", "audit slipped to March")
    assert result.stdout == "Children's Services 3: in-progress, RAG amber (judgement) (updated 2026-01-15)\n"
    shown = action("Children's Services", "3")
    assert (shown["rag"], shown["rag_computed"], shown["rag_reason"]) == ("amber", "green", "audit slipped to March")
    assert [(e["id"], e["source"], e["rag"], e["rag_reason"]) for e in entries("Children's Services", "3")] == [
        ("h1", "import", None, None),
        ("h2", "manual", "amber", "audit slipped to March"),
    ]
    assert ("Children's Services", "3", "in-progress", "amber") in listed("--agency", "Children's Services")
    exported = json.loads(run("export", "-o", "-", "--format", "json").stdout)
    assert [
        (a["rag"], a["rag_computed"], a["last_update"]["id"], a["last_update"]["rag"])
        for a in exported
        if a["id"] == "child-t/Children's Services/3"
    ] == [("amber", "green", "h2", "amber")]
    assert {a["last_update"]["id"] for a in exported if a["id"] != "child-t/Children's Services/3"} == {"h1"}
    assert (
        run("list", "--agency", "Children's Services", "--format", "csv").stdout.splitlines()[-2].split(",")[6]
        == "amber"
    )
    assert "RAG          amber (judgement: audit slipped to March; computed green)" in shown_lines(
        "Children's Services", "3"
    )
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    summary = run("summary").stdout.splitlines()
    assert summary[5] == "Children's Services\t5\t1\t3\t1\t1\t0\t0\t0\t2\t3\t60%"  # amber: 1 judged, 1 due soon
    run("update", "Children's Services", "3", "--status", "completed", "--evidence", "minutes")
    shown = action("Children's Services", "3")
    assert (shown["rag"], shown["rag_computed"], shown["rag_reason"]) == ("green", "green", None)  # completion ends it


def test_overdue_is_red_whatever_the_judgement(imported: None) -> None:
    result = run("update", "Riverside Health", "4", "--rag", "green", "--rag-reason", "audit done, report pending")
    assert result.stdout == (
        "Riverside Health 4: open, due 2025-12-31, RAG red (overdue; judged green) (updated 2026-01-15)\n"
    )
    shown = action("Riverside Health", "4")
    assert (shown["rag"], shown["rag_computed"], shown["rag_reason"]) == ("red", "red", "audit done, report pending")
    assert "RAG          red (overdue; judged green)" in shown_lines("Riverside Health", "4")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--rag", "amber"), "--rag needs --rag-reason (why the board judges it so)"),
        (("--rag-reason", "x"), "--rag-reason goes with --rag (the judgement it explains)"),
        ((), "say what changed: --status, --due, --note, --evidence or --rag"),
    ],
)
def test_a_judgement_needs_its_reason(imported: None, args: tuple[str, ...], message: str) -> None:
    result = run("update", "Children's Services", "3", *args)
    assert (result.exit_code, result.stderr) == (ExitCode.USAGE, f"scrtool: error: {message}\n")
    assert [e["id"] for e in entries("Children's Services", "3")] == ["h1"]


def test_a_plans_rag_column_is_its_judgement(tmp_path: Path) -> None:
    plan = write(
        tmp_path,
        "tracker.md",
        "| No. | Recommendation | Lead Agency | Target date | RAG | Progress |\n"
        "|---|---|---|---|---|---|\n| 1 | Audit the front door. | Police | 31/03/2026 | Green | "
        "Audit tool agreed |\n| 2 | Train staff. | Police | 31/12/2026 | Red | |\n"
        "| 3 | Publish a brief. | Police | | Blue | |\n",
    )
    assert run("import", plan).exit_code == 0
    assert [
        (a["number"], a["status"], a["rag"], a["rag_computed"], a["rag_reason"])
        for a in json.loads(run("list", "--format", "json").stdout)
    ] == [
        ("1", "in-progress", "green", "green", None),
        ("2", "open", "red", "green", None),
        ("3", "completed", "blue", "green", None),
    ]
    assert run("trace", "1").stdout.splitlines()[-1] == "Progress: no actions cited; its own status: in-progress"
    assert [(e["source"], e["to"], e["rag"]) for e in entries("Police", "1")] == [("import", "in-progress", "green")]


# item 3: stores made before


def made_before_migration_11(engine: str, statements: list[str]) -> None:
    """Run ``statements`` on the store and set its schema version back to 10, on either engine."""
    if engine.startswith("postgresql"):
        import psycopg

        with psycopg.connect(engine) as pg:
            for statement in [*statements, "UPDATE scrtool_schema SET version = 10"]:
                pg.execute(statement)
        return
    conn = sqlite3.connect(engine)
    for statement in [*statements, "PRAGMA user_version = 10"]:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_a_store_made_before_is_read_again_without_a_reimport(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = write(
        tmp_path,
        "tracker.md",
        "| No. | Recommendation | Lead Agency | RAG |\n|---|---|---|---|\n"
        "| 1 | Audit the front door. | Police | Green |\n| 2 | Train staff. | Police | R |\n"
        "| 3 | Publish a brief. | Police | Completed |\n",
    )
    assert run("import", plan).exit_code == 0
    assert run("update", "Police", "2", "--status", "in-progress", "--note", "started").exit_code == 0
    made_before_migration_11(
        engine,
        [  # as scrtool stored it before migration 11: Green completed, R not-started
            "UPDATE actions SET status = 'completed', rag = NULL WHERE number = '1'",
            "UPDATE actions SET rag = NULL WHERE number = '2'",
            "UPDATE history SET to_status = 'not-started', rag = NULL WHERE source = 'import'",
            *(
                f"ALTER TABLE {table} DROP COLUMN {column}"
                for table, column in (
                    ("history", "rag"),
                    ("history", "rag_reason"),
                    ("history", "retracts"),
                    ("actions", "rag"),
                    ("actions", "rag_reason"),
                    ("tally_status", "rag"),
                )
            ),
            "UPDATE tally_status SET status = 'completed' WHERE status = 'in-progress'",
        ],
    )
    assert [(a["number"], a["status"], a["rag"]) for a in json.loads(run("list", "--format", "json").stdout)] == [
        ("1", "in-progress", "green"),
        ("2", "in-progress", "red"),
        ("3", "completed", "green"),
    ]
    assert [(e["id"], e["to"], e["rag"]) for e in entries("Police", "2")] == [
        ("h1", "open", "red"),
        ("h2", "in-progress", None),
    ]
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    assert run("summary").stdout.splitlines()[2:4] == [
        "agency\tactions\tcompleted\tin-progress\tred\tamber\tgreen\tpercent completed",
        "Police\t3\t1\t2\t1\t0\t2\t33%",
    ]


# item 4: dates


def test_a_backdated_update_takes_its_place_and_does_not_move_last_update_back(imported: None) -> None:
    run("update", "Children's Services", "3", "--status", "completed", "--evidence", "minutes", "--date", "2026-01-12")
    result = run(
        "update",
        "Children's Services",
        "3",
        "--status",
        "in-progress",
        "--note",
        "audit reopened it",
        "--date",
        "2026-01-05",
    )
    assert result.stdout == "Children's Services 3: completed (updated 2026-01-15)\n"  # the later-dated one wins
    assert [(e["id"], e["on"], e["to"]) for e in entries("Children's Services", "3")] == [
        ("h1", "2026-01-15", "in-progress"),
        ("h2", "2026-01-12", "completed"),
        ("h3", "2026-01-05", "in-progress"),
    ]
    assert "Last update  2026-01-15 (h3 manual, happened 2026-01-05, recorded 2026-01-15 00:00 UTC)" in shown_lines(
        "Children's Services", "3"
    )
    table = run("history", "Children's Services", "3").stdout
    assert re.search(r"│ h3 +│ 2026-01-05 │ 2026-01-15 │ manual ", table)


def test_a_date_in_the_future_is_refused(imported: None) -> None:
    result = run("update", "Children's Services", "3", "--note", "x", "--date", "2026-01-16")
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        "scrtool: error: --date '2026-01-16' is in the future (today is 2026-01-15); record what has happened\n",
    )


def test_updates_count_in_the_order_they_took_effect_within_each_import() -> None:
    def row(
        ident: int, on: str, source: str = "manual", to: str | None = None, retracts: int | None = None
    ) -> replay.Row:
        return replay.Row(ident, on, source, to, to, None, None, None, retracts)

    rows = [
        row(1, "2026-01-15", "import", "open"),
        row(2, "2026-01-20", to="completed"),
        row(3, "2026-01-10", to="in-progress"),
        row(4, "2026-02-01", "import", "not-started"),
        row(5, "2026-01-01", to="overdue"),
    ]
    assert [r.id for r in replay.in_effect(rows)] == [1, 3, 2, 4, 5]  # a new version starts a new stretch
    state = replay.replay(rows)
    assert (state.status, state.updated) == ("overdue", "2026-02-01")
    assert replay.replay([*rows, row(6, "2026-02-02", "retraction", retracts=5)]).status == "not-started"


# item 6: entry ids, retraction, amendment


def test_a_retraction_withdraws_an_update_and_deletes_nothing(imported: None) -> None:
    run("update", "Children's Services", "3", "--status", "completed", "--evidence", "minutes 3/1", "--by", "J Smith")
    result = run("update", "Children's Services", "3", "--retract", "H2", "--reason", "recorded on the wrong action")
    assert (result.exit_code, result.stdout) == (
        0,
        "Children's Services 3: h2 withdrawn; now in-progress (updated 2026-01-15)\n",
    )
    assert [
        (e["id"], e["source"], e["to"], e["retracts"], e["retracted_by"], e["reason"])
        for e in entries("Children's Services", "3")
    ] == [
        ("h1", "import", "in-progress", None, None, None),
        ("h2", "manual", "completed", None, "h3", None),
        ("h3", "retraction", None, "h2", None, "recorded on the wrong action"),
    ]
    assert ("Children's Services", "3", "in-progress", "green") in listed("--status", "open")
    table = run("history", "Children's Services", "3").stdout
    assert re.search(
        r"│ h2 +│ 2026-01-15 │ 2026-01-15 │ manual +│ J Smith │ in-progress -> completed +│ "
        r"withdrawn by +│",
        table,
    )
    assert re.search(r"│ h3 +│ 2026-01-15 │ 2026-01-15 │ retraction │ +│ - +│ withdraws h2: +│", table)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--retract", "h1", "--reason", "x"),
            "h1 of Children's Services 3 is its import from the plan; an import is "
            "not retracted (import another version of the plan)",
        ),
        (
            ("--retract", "h9", "--reason", "x"),
            "no history entry 'h9' for this action; its entries are h1, h2 (scrtool history)",
        ),
        (("--retract", "h2"), "--retract needs --reason (why the entry is withdrawn)"),
        (
            ("--retract", "h2", "--reason", "x", "--status", "open"),
            "--retract withdraws an entry and records nothing "
            "else; to correct it, use --amend ENTRY with the right "
            "values",
        ),
        (
            ("--amend", "h2", "--reason", "x"),
            "say what the amended entry records: --status, --due, --note, --evidence, --rag or --date",
        ),
    ],
)
def test_what_cannot_be_withdrawn_is_one_clear_line(imported: None, args: tuple[str, ...], message: str) -> None:
    run("update", "Children's Services", "3", "--note", "chased")
    result = run("update", "Children's Services", "3", *args)
    assert (result.exit_code, result.stderr) == (ExitCode.USAGE, f"scrtool: error: {message}\n")
    assert [e["id"] for e in entries("Children's Services", "3")] == ["h1", "h2"]


def test_a_withdrawn_entry_or_a_retraction_is_not_withdrawn_again(imported: None) -> None:
    run("update", "Children's Services", "3", "--note", "chased")
    run("update", "Children's Services", "3", "--retract", "h2", "--reason", "duplicate")
    again = run("update", "Children's Services", "3", "--retract", "h2", "--reason", "again")
    assert again.stderr == "scrtool: error: h2 of Children's Services 3 was withdrawn already (h3)\n"
    undo = run("update", "Children's Services", "3", "--retract", "h3", "--reason", "undo")
    assert undo.stderr == (
        "scrtool: error: h3 of Children's Services 3 is a retraction; to undo it, record the update again\n"
    )


def test_an_amendment_retracts_and_records_in_one_step(imported: None) -> None:
    run(
        "update",
        "Riverside Health",
        "4",
        "--status",
        "completed",
        "--evidence",
        "audit report",
        "--by",
        "J Smith",
        "--date",
        "2026-01-10",
    )
    result = run(
        "update",
        "Riverside Health",
        "4",
        "--amend",
        "h2",
        "--status",
        "in-progress",
        "--reason",
        "the audit is a draft",
    )
    assert result.stdout == "Riverside Health 4: h2 withdrawn; now in-progress, due 2025-12-31 (updated 2026-01-15)\n"
    assert [
        (e["id"], e["on"], e["source"], e["by"], e["to"], e["evidence"], e["retracts"], e["reason"])
        for e in entries("Riverside Health", "4")
    ][1:] == [
        ("h2", "2026-01-10", "manual", "J Smith", "completed", "audit report", None, None),
        ("h3", "2026-01-15", "retraction", None, None, None, "h2", "the audit is a draft"),
        ("h4", "2026-01-10", "manual", "J Smith", "in-progress", "audit report", None, None),
    ]
    assert listed("--overdue") == [("Riverside Health", "4", "in-progress", "red")]


def test_a_new_version_of_the_plan_with_another_colour_is_a_newer_judgement(tmp_path: Path) -> None:
    text = (
        "| No. | Recommendation | Lead Agency | RAG |\n|---|---|---|---|\n"
        "| 1 | Audit the front door. | Police | Green |\n| 2 | Train staff. | Police | Amber |\n"
    )
    assert run("import", write(tmp_path, "plan.md", text)).exit_code == 0
    run("update", "Police", "2", "--rag", "red", "--rag-reason", "trainer left")
    assert run("import", write(tmp_path, "plan.md", text.replace("| Green |", "| Amber |"))).exit_code == 0
    assert [(e["id"], e["source"], e["to"], e["rag"]) for e in entries("Police", "1")] == [
        ("h1", "import", "in-progress", "green"),
        ("h2", "import", None, "amber"),
    ]
    assert [(e["id"], e["source"], e["rag"]) for e in entries("Police", "2")] == [
        ("h1", "import", "amber"),
        ("h2", "manual", "red"),
    ]  # the plan's colour did not change: the board's stands
    assert [(a["number"], a["rag"], a["rag_reason"]) for a in json.loads(run("list", "--format", "json").stdout)] == [
        ("1", "amber", None),
        ("2", "red", "trainer left"),
    ]


def test_a_retraction_recomputes_dates_and_rag_as_if_the_entry_had_not_been_made(imported: None) -> None:
    run(
        "update", "Riverside Health", "4", "--due", "2026-06-30", "--reason", "auditor on leave", "--date", "2026-01-05"
    )
    run("update", "Riverside Health", "4", "--rag", "amber", "--rag-reason", "audit under way")
    shown = action("Riverside Health", "4")
    assert (shown["due"], shown["rag"], shown["rag_computed"]) == ("2026-06-30", "amber", "green")
    assert listed("--overdue") == []
    run("update", "Riverside Health", "4", "--retract", "h2", "--reason", "the new date was never agreed")
    shown = action("Riverside Health", "4")
    assert (shown["target"], shown["due"], shown["rag"], shown["rag_computed"]) == (
        "2025-12-31",
        "2025-12-31",
        "red",
        "red",
    )  # overdue again: red whatever the judgement
    run("update", "Riverside Health", "4", "--retract", "h3", "--reason", "judged too early")
    shown = action("Riverside Health", "4")
    assert (shown["rag"], shown["rag_reason"], shown["updated"]) == ("red", None, "2026-01-15")
    assert [(e["id"], e["source"], e["retracted_by"]) for e in entries("Riverside Health", "4")] == [
        ("h1", "import", None),
        ("h2", "manual", "h4"),
        ("h3", "manual", "h5"),
        ("h4", "retraction", None),
        ("h5", "retraction", None),
    ]
