"""The command line as a board officer meets it: exact output lines and exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from conftest import SAMPLES, run, table_rows, write
from scrtool import __version__
from scrtool.errors import ExitCode
from scrtool.model import Status

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = str(SAMPLES / "child-t.md")


@pytest.fixture
def imported() -> None:
    result = run("import", SAMPLE)
    assert result.exit_code == 0, result.stderr


def test_import_prints_what_it_found_and_warns_with_lines() -> None:
    result = run("import", SAMPLE)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"child-t: imported from {SAMPLE}: 3 recommendations, 1 reminder of practice, "
        "11 numbered actions, 2 unnumbered responses"
    )
    # "Actions" counts the numbered actions (11, as the line above says), "Responses" the unnumbered ones (2)
    assert [cell.strip() for cell in lines[2].split("┃")[1:6]] == [
        "Agency",
        "Actions",
        "Completed",
        "Open",
        "Responses",
    ]
    assert [[cell.strip() for cell in line.split("│")[1:6]] for line in lines if "│" in line] == [
        ["Northshire Police", "2", "1", "1", "0"],
        ["Riverside Health", "4", "3", "1", "1"],
        ["Children's Services", "5", "3", "2", "1"],
    ]
    assert result.stderr == (
        f"{SAMPLE}:9: warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan\n"
    )


def test_import_again_says_unchanged() -> None:
    run("import", SAMPLE)
    result = run("import", SAMPLE)
    assert (result.exit_code, result.stdout) == (0, f"child-t: unchanged ({SAMPLE} is already in the store)\n")


def test_list_open_across_agencies(imported: None) -> None:
    result = run("list", "--status", "open")
    assert result.exit_code == 0
    assert [row[:3] for row in table_rows(result.stdout)] == [
        ["Northshire Police", "2", "in-progress"],
        ["Riverside Health", "4", "open"],
        ["Children's Services", "2.2", "not-started"],
        ["Children's Services", "3", "in-progress"],
    ]


def test_list_agency_inside_a_joined_lead(imported: None) -> None:
    result = run("list", "--agency", "COMMUNITY TRUST", "--format", "json")
    assert [a["id"] for a in json.loads(result.stdout)] == ["child-t/Riverside Health/1"]


def test_list_agency_of_a_joint_action(tmp_path: Path) -> None:
    text = (
        "| No. | Recommendation | Lead Agency | Status |\n|---|---|---|---|\n"
        "| 1 | Agree a DA notification protocol | Northshire Police and Riverside Health | In progress |\n"
        "| 2 | Train health visitors | Riverside Health | Complete |\n"
        "| 3 | Review the pathway | Children and Families Services | Complete |\n"
        "| 4 | Fund the pathway | Health and Wellbeing Board | Complete |\n| 5 | Audit | Health | Complete |\n"
    )
    assert run("import", write(tmp_path, "joint.md", text)).exit_code == 0
    result = run("list", "--agency", "Riverside Health", "--format", "json")
    assert [a["id"] for a in json.loads(result.stdout)] == [
        "joint/Northshire Police and Riverside Health/1",
        "joint/Riverside Health/2",
    ]
    result = run("list", "--agency", "Health", "--format", "json")
    assert [a["id"] for a in json.loads(result.stdout)] == ["joint/Health/5"]


def test_list_unknown_agency_suggests_the_closest(imported: None) -> None:
    result = run("list", "--agency", "Riverside Helth")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "scrtool: error: no agency named 'Riverside Helth' (did you mean 'Riverside Health'?); "
        "known agencies: Children's Services, Northshire Police, Riverside Health, "
        "Safeguarding Board\n"
    )


def test_list_no_match_is_not_an_error(imported: None) -> None:
    result = run("list", "--agency", "Safeguarding Board", "--format", "json")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "[]\n", "no actions match\n")


def test_list_rec_lists_the_cited_actions(imported: None) -> None:
    result = run("list", "--rec", "1", "--format", "csv")
    lines = result.stdout.splitlines()
    assert lines[0] == "report,agency,lead,number,status,status_text,rag,target,due,text,outcome,responds_to,file,line"
    assert [line.split(",")[1] + " " + line.split(",")[3] for line in lines[1:]] == [
        "Northshire Police 1",
        "Northshire Police 2",
        "Riverside Health 2",
        "Riverside Health 4",
        "Children's Services 1",
    ]


def test_json_contract_of_an_action(imported: None) -> None:
    result = run("list", "--agency", "Children's Services", "--format", "json")
    actions = json.loads(result.stdout)
    assert actions[-1] == {
        "id": "child-t/Children's Services/response to R1 #1",
        "report": "child-t",
        "agency": "Children's Services",
        "lead": "Children's Services",
        "number": None,
        "text": "Front-door staff to be reminded to record anonymous referrals in full and make sure that the child "
        "is seen",
        "outcome": "All anonymous referrals recorded in full",
        "status": "completed",
        "status_text": "Completed",
        "responds_to": [{"kind": "reminder", "number": "1"}],
        "source": {"file": "child-t.md", "line": 39},
        "extra": {},
        "target": None,
        "due": None,
        "rag": "green",
        "rag_computed": "green",
        "rag_reason": None,
        "updated": "2026-01-15",
        "cited_by": [{"kind": "reminder", "number": "1"}],
    }


def test_list_json_gives_each_action_the_recommendations_citing_it(imported: None) -> None:
    actions = json.loads(run("list", "--format", "json").stdout)
    assert [(a["agency"], a["number"], a["cited_by"]) for a in actions if a["agency"] == "Riverside Health"] == [
        ("Riverside Health", "1", []),
        ("Riverside Health", "2", [{"kind": "recommendation", "number": "1"}]),
        ("Riverside Health", "3", []),
        ("Riverside Health", "4", [{"kind": "recommendation", "number": "1"}]),
        ("Riverside Health", None, [{"kind": "recommendation", "number": "1"}]),
    ]
    exported = json.loads(run("export", "--format", "json", "-o", "-").stdout)
    assert [a["cited_by"] for a in actions] == [a["cited_by"] for a in exported]


def test_trace_json_contract(imported: None) -> None:
    result = run("trace", "2", "--format", "json")
    data = json.loads(result.stdout)
    assert list(data) == ["recommendation", "links", "responses", "progress"]
    assert data["recommendation"]["number"] == "2"
    assert [
        (link["agency"], link["refs"], [a["number"] for a in link["actions"]], link["missing"])
        for link in data["links"]
    ] == [("Children's Services", ["3"], ["3"], []), ("Riverside Health", ["9"], [], ["9"])]
    assert data["progress"] == {"completed": 0, "total": 2}


def test_trace_table_shows_actions_missing_and_progress(imported: None) -> None:
    result = run("trace", "2")
    out = result.stdout.splitlines()
    assert out[0] == "Recommendation 2  (child-t, child-t.md line 8)"
    assert ["Riverside Health", "9", "missing", "not in the agency's action table"] in table_rows(result.stdout)
    assert out[-1] == "Progress: 0 of 2 cited actions completed  ░░░░░░░░░░   0%"


def test_trace_reminder_and_prose_note(imported: None) -> None:
    result = run("trace", "R1")
    assert result.stdout.splitlines()[0] == "Reminder 1  (child-t, child-t.md line 12)"
    assert "│ note" in result.stdout and "Children's Services has reissued its front-door" in result.stdout
    assert result.stdout.splitlines()[-1] == "Progress: no actions cited"


def test_trace_unknown_recommendation(imported: None) -> None:
    result = run("trace", "9")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr == (
        "scrtool: error: Recommendation 9 is not in report 'child-t'; it has: Recommendation 1, "
        "Recommendation 2, Recommendation 3, Reminder 1\n"
    )


def test_several_reports_need_report_option(imported: None, tmp_path: Path) -> None:
    other = write(tmp_path, "child-u.md", Path(SAMPLE).read_text(encoding="utf-8") + "\n")
    run("import", other, "--new")  # a copy with a change: a report of its own only when the user says so
    result = run("trace", "1")
    assert result.exit_code == ExitCode.USAGE
    assert result.stderr == (
        "scrtool: error: the store holds several reports (child-t, child-u); choose one with --report ID\n"
    )
    assert run("trace", "1", "--report", "child-u").exit_code == 0


def test_show_one_action_with_what_cites_it(imported: None) -> None:
    result = run("show", "riverside health", "4")
    fields = [line.split(None, 1) for line in result.stdout.splitlines()]
    assert ["Status", "open (blank in plan)"] in [[f[0], f[1].strip()] for f in fields if len(f) == 2]
    assert ["Target", "2025-12-31"] in [[f[0], f[1].strip()] for f in fields if len(f) == 2]
    assert any(
        f[0] == "Cited" and f[1].startswith("by     Recommendation 1: All agencies must make sure") for f in fields
    )


def test_summary_counts_and_bars(imported: None) -> None:
    result = run("summary")
    rows = [line for line in result.stdout.splitlines() if line.startswith("│") and not line.startswith("│     │")]
    agencies = ["Northshire Police", "Riverside Health", "Children's Services"]
    assert [r.split("│")[1].strip() for r in rows] == [*agencies, *agencies, "1", "2", "3", "R1"]
    # numbered actions (the unnumbered response of Riverside Health and of Children's Services counted apart)
    assert [[cell.strip() for cell in r.split("│")[2:6]] for r in rows[3:6]] == [
        ["█████░░░░░  50%", "0", "0", "2"],
        ["████████░░  75%", "1", "0", "3"],
        ["██████░░░░  60%", "0", "1", "4"],
    ]
    # overdue (marked so, or past due and not completed) is a column of its own: Riverside Health 4 is past due
    assert [cell.strip() for cell in rows[1].split("│")[2:8]] == ["4", "3", "0", "0", "1", "1"]
    assert [cell.strip() for cell in rows[2].split("│")[2:]] == ["5", "3", "1", "1", "0", "0", ""]
    assert (
        "Unnumbered responses, counted apart from the actions: Riverside Health 1, Children's Services 1"
        in result.stdout.splitlines()
    )


def test_reports_and_agencies(imported: None) -> None:
    assert "│ child-t " in run("reports").stdout
    agencies = run("agencies").stdout
    assert [line.split("│")[2].strip() for line in agencies.splitlines() if line.startswith("│")] == [
        "Northshire Police",
        "Riverside Health",
        "Children's Services",
    ]


def test_no_store_yet() -> None:
    result = run("list")
    assert result.exit_code == ExitCode.NOT_FOUND
    assert result.stderr.startswith("scrtool: error: no store at ")


def test_version_and_every_commands_help_with_an_example() -> None:
    from scrtool.cli.app import app

    assert run("--version").stdout == f"scrtool {__version__}\n"
    names = [
        info.name or (info.callback.__name__.replace("_", "-") if info.callback else "")
        for info in app.registered_commands
        if not info.hidden  # "report", the board page's name before: it runs "board" and says so
    ]
    assert {"import", "list", "update", "history", "search", "export", "board", "judgements"} <= set(names)
    for name in names:
        result = run(name, "--help")
        assert (result.exit_code, result.stderr) == (0, ""), name
        assert result.stdout.startswith(f"Usage: scrtool {name} "), name
        assert f"Example: scrtool {name}" in result.stdout, name


def test_missing_file_is_one_line_and_exit_3(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.md")
    result = run("import", missing, SAMPLE)
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines()[0] == f"scrtool: error: {missing}: no such file"
    assert "child-t: imported" in result.stdout


def test_python_dash_m_and_no_traceback(tmp_path: Path) -> None:
    env = dict(os.environ)  # SCRTOOL_DB: this test's store, on each engine
    done = subprocess.run([sys.executable, "-m", "scrtool", "trace", "1"], capture_output=True, text=True, env=env)
    assert done.returncode == ExitCode.NOT_FOUND
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("scrtool: error: no store at ")


def test_piped_output_is_plain_tab_separated_lines(imported: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    listed = run("list", "--status", "open").stdout.splitlines()
    assert listed[0] == "agency\tnumber\tstatus\trag\tdue\ttext\toutcome"
    assert listed[2] == (
        "Riverside Health\t4\topen\tred\t2025-12-31\tAudit the maternal mental health pathway and "
        "report to the Board by December 2025.\tEarly identification of maternal mental health needs."
    )
    assert len(listed) == 5
    summary = run("summary").stdout.splitlines()
    assert summary[2] == (
        "agency\tactions\tresponses\tcompleted\tin-progress\tnot-started\toverdue\topen\tred\t"
        "amber\tgreen\tpercent completed"
    )
    assert summary[3] == "Northshire Police\t2\t0\t1\t1\t0\t0\t0\t0\t0\t2\t50%"
    assert summary[4] == "Riverside Health\t4\t1\t3\t0\t0\t1\t1\t1\t0\t3\t75%"
    assert summary[-1].startswith("R1\t0\t0\t-\tFront-door staff")
    trace = run("trace", "2").stdout.splitlines()
    assert trace[0] == "Recommendation 2  (child-t, child-t.md line 8)"
    assert "Riverside Health\t9\tmissing\tnot in the agency's action table" in trace
    table = run("list", "--status", "open", "--format", "table").stdout.splitlines()  # asked for: a table
    assert [cell.strip() for cell in table[1].split("┃")[1:4]] == ["Agency", "No.", "Status"]
    assert run("list", "--status", "open", "--format", "tsv").stdout.splitlines() == listed


def test_config_folder_is_platformdirs_user_config_dir() -> None:
    from platformdirs import user_config_dir

    from scrtool.config import default_path

    assert default_path() == os.path.join(user_config_dir("scrtool", appauthor=False), "config.toml")


def test_piped_list_names_the_report_only_when_the_actions_span_several(
    imported: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    text = Path(SAMPLE).read_text(encoding="utf-8").replace("Northshire Police", "Eastshire Police")
    assert run("import", write(tmp_path, "child-u.md", text), "--new").exit_code == 0
    both = run("list", "--status", "open").stdout.splitlines()
    assert both[0] == "report\tagency\tnumber\tstatus\trag\tdue\ttext\toutcome"
    assert [line.split("\t")[:3] for line in both[1:]] == [
        ["child-t", "Northshire Police", "2"],
        ["child-t", "Riverside Health", "4"],
        ["child-t", "Children's Services", "2.2"],
        ["child-t", "Children's Services", "3"],
        ["child-u", "Eastshire Police", "2"],
        ["child-u", "Riverside Health", "4"],
        ["child-u", "Children's Services", "2.2"],
        ["child-u", "Children's Services", "3"],
    ]
    one = run("list", "--status", "open", "--agency", "Eastshire Police").stdout.splitlines()
    assert one[0] == "agency\tnumber\tstatus\trag\tdue\ttext\toutcome"
    assert [line.split("\t")[:2] for line in one[1:]] == [["Eastshire Police", "2"]]
    chosen = run("list", "--status", "open", "--report", "child-u").stdout.splitlines()
    assert chosen[0] == one[0] and len(chosen) == 5


def test_two_files_of_one_name_in_one_command_do_not_replace_each_other(tmp_path: Path) -> None:
    text = "| No. | Recommendation | Lead Agency | Status |\n|---|---|---|---|\n| 1 | Audit {0}. | Police | Done |\n"
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = write(tmp_path, "a/plan.md", text.format("a")), write(tmp_path, "b/plan.md", text.format("b"))
    result = run("import", "--quiet", first, second)
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines() == [
        f"scrtool: error: {second}: its report id 'plan' is also {first}'s in this command (the same file name); "
        "import it on its own with --report ID"
    ]
    assert result.stdout.splitlines() == [f"plan: imported from {first}: 1 recommendation, 1 numbered action"]
    listed = run("list", "--format", "json")
    assert [a["text"] for a in json.loads(listed.stdout)] == ["Audit a."]


def test_the_command_ends_with_its_output_flushed_and_its_exit_code(tmp_path: Path) -> None:
    env = dict(os.environ)  # SCRTOOL_DB: this test's store, on each engine
    command = [sys.executable, "-m", "scrtool"]
    stored = subprocess.run([*command, "import", "--quiet", SAMPLE], env=env, capture_output=True, text=True)
    assert stored.returncode == 0
    assert stored.stdout.splitlines()[-1].startswith("child-t: imported from ")
    listed = subprocess.run([*command, "list", "--format", "json"], env=env, capture_output=True, text=True)
    assert listed.returncode == 0
    assert len(json.loads(listed.stdout)) == 13
    missing = subprocess.run([*command, "trace", "99"], env=env, capture_output=True, text=True)
    assert missing.returncode == ExitCode.NOT_FOUND
    assert missing.stderr.splitlines() == [
        "scrtool: error: Recommendation 99 is not in report 'child-t'; it has: "
        "Recommendation 1, Recommendation 2, Recommendation 3, Reminder 1"
    ]


@pytest.mark.parametrize("fmt", ["json", "csv", "markdown", "tsv"])
def test_list_writes_actions_as_it_reads_them_from_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A long list is written a chunk at a time while later actions are still being read (issue 11, item 18):
    memory does not grow with the number of actions."""
    from scrtool.render import plain
    from scrtool.render.stream import Stream
    from scrtool.store import read

    n = 2 * plain.CHUNK + 500
    rows = "".join(f"| Police | {i} | Audit the pathway, part {i}. | Done |\n" for i in range(1, n + 1))
    plan = write(tmp_path, "long.md", "| Police | Action No | Recommendation | Status |\n|---|---|---|---|\n" + rows)
    assert run("import", "--quiet", plan).exit_code == 0
    events: list[str] = []
    reading, writing = read.action_lines, Stream.write

    def lines(*args: object, **kwargs: object) -> object:
        for row in reading(*args, **kwargs):  # type: ignore[arg-type]
            events.append("read")
            yield row

    def chunk(conn: object, rows: list[tuple[object, ...]]) -> object:
        events.append("read")
        return responses(conn, rows)  # type: ignore[arg-type]

    responses = read._with_responses
    monkeypatch.setattr(read, "action_lines", lines)
    monkeypatch.setattr(read, "_with_responses", chunk)

    def written(self: Stream, text: str) -> None:
        events.append("write")
        writing(self, text)

    monkeypatch.setattr(Stream, "write", written)
    result = run("list", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("Audit the pathway, part ") == n
    last_read = len(events) - 1 - events[::-1].index("read")
    assert events.index("write") < last_read, "nothing was written until every action was read"
    assert events.count("write") >= 3


def test_an_action_two_of_the_agencies_asked_for_lead_is_listed_once(engine: str, tmp_path: Path) -> None:
    """Several keys (one agency's names across reports): an action in one agency's table that the other leads
    jointly is picked both ways, and listed once, in plan order, on each engine (PostgreSQL reads the two ways as
    one table)."""
    from scrtool.store.db import open_store
    from scrtool.store.read import Selection, iter_actions

    head = "| Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
    text = (
        f"| Oxford Health {head}"
        "| Riverside Health / Oxford Health | 1 | Agree a pathway for admissions. | Visitors told. | Completed |\n"
        "| Oxford Health | 2 | Train staff in routine enquiry. | Enquiry embedded. | In progress |\n\n"
        f"| Riverside Health {head}"
        "| Riverside Health | 1 | Audit the pathway. | Audited. | Not started |\n"
    )
    assert run("import", write(tmp_path, "joint.md", text)).exit_code == 0
    with closing(open_store(engine)) as store:
        both = Selection(agency_keys=("oxford health", "riverside health"))
        done = Selection(agency_keys=("riverside health",), statuses=(Status.COMPLETED,))
        assert [a.id for a in iter_actions(store.conn, both)] == [
            "joint/Oxford Health/1",
            "joint/Oxford Health/2",
            "joint/Riverside Health/1",
        ]
        assert [a.id for a in iter_actions(store.conn, done)] == ["joint/Oxford Health/1"]
