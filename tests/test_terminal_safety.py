"""Nothing from a plan, a file name or the store reaches the terminal as a control sequence, and no file name can
forge a line of output (issue 11, items 13 and 14): every command, run over a store full of hostile text, on a
terminal and into a pipe."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from rich.text import Text

from conftest import SAMPLES, run, write
from scrtool.cli.app import app
from scrtool.errors import ExitCode
from scrtool.render.choices import Format, TraceFormat
from scrtool.render.stream import Stream
from scrtool.store.location import is_url

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

ESC = "\x1b[2J\x1b]52;c;aGk=\x07"
"""Clear the screen, then put "hi" on the clipboard (OSC 52), as the red team's plan did."""
SHOWN = "\ufffd[2J\ufffd]52;c;aGk=\ufffd"
"""What the terminal gets instead."""
NAME = f"plan{ESC}\n\u202e.md"
QUOTED = "'plan\\x1b[2J\\x1b]52;c;aGk=\\x07\\n\\u202e.md'"
"""The file name as every message and view shows it."""
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
"""Every C0 control but tab and newline, DEL, every C1 control, and the bidi overrides."""
PLAN = (
    f"Title{ESC}\n\n"
    "| Rec No. | Recommendation | IMR Agency | IMR Action No. |\n|---|---|---|---|\n"
    f"| 1 | Audit {ESC}\x9b2J \u202eevil | Police{ESC} | Action 1 |\n"
    f"| | | Health{ESC} | None yet{ESC} |\n\n"
    f"| Police{ESC} | Action No | Recommendation | Projected Outcome | Status | Lead officer{ESC} |\n"
    "|---|---|---|---|---|---|\n"
    f"| Police{ESC} | 1 | Act{ESC} | Out{ESC} | Completed{ESC} | Ann{ESC} |\n"
)


@pytest.fixture
def hostile(tmp_path: Path) -> str:
    """The report's id (its file's name holds escapes, a line break and a bidi override)."""
    result = run("import", "--quiet", write(tmp_path, NAME, PLAN))
    assert result.exit_code == 0, result.stderr
    listed = json.loads(run("list", "--format", "json").stdout)
    assert listed[0]["agency"] == f"Police{ESC}"  # the store holds the text as the plan wrote it
    report = listed[0]["report"]
    assert isinstance(report, str)
    return report


def test_history_heading_shows_the_agency_inert(hostile: str) -> None:
    result = run("history", "police", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"Police{SHOWN} 1  ({hostile}) Act{SHOWN}"


def test_trace_heading_quotes_the_file_name(hostile: str) -> None:
    result = run("trace", "1")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [
        f"Recommendation 1  ({hostile}, {QUOTED} line 5)",
        f"Audit {SHOWN}\ufffd2J \ufffdevil",
    ]


def commands() -> set[str]:
    """Every command (and command group) the scrtool app has."""
    names = {info.name or (info.callback.__name__ if info.callback else "") for info in app.registered_commands}
    return names | {group.name or "" for group in app.registered_groups}


def invocations(tmp: Path) -> dict[str, list[list[str]]]:
    """Each command, in each of its formats, and a failing run of most, over the hostile store (in this order: the
    update before the history that shows it)."""
    return {
        "import": [
            ["import", str(tmp / NAME)],
            ["import", "--dry-run", str(tmp / NAME)],
            ["import", str(tmp / f"gone{ESC}\n.md")],
        ],
        "list": [["list", "--format", fmt.value] for fmt in Format] + [["list", "--agency", f"nobody{ESC}"]],
        "trace": [["trace", "1", "--format", fmt.value] for fmt in TraceFormat] + [["trace", f"9{ESC}"]],
        "show": [["show", "police", "1"], ["show", f"Police{ESC}", "9"]],
        "summary": [["summary"]],
        "reports": [["reports", "--format", fmt.value] for fmt in Format],
        "agencies": [["agencies", "--format", fmt.value] for fmt in Format],
        "update": [
            [
                "update",
                "police",
                "1",
                "--status",
                "in-progress",
                "--note",
                f"note{ESC}",
                "--by",
                f"me{ESC}",
                "--evidence",
                f"seen{ESC}",
                "--due",
                "2026-03-31",
                "--reason",
                f"why{ESC}",
            ]
        ],
        "history": [["history", "police", "1", "--format", fmt.value] for fmt in Format],
        "search": [["search", "act", "--format", fmt.value] for fmt in Format],
        "export": [["export", "-o", str(tmp / f"board{ESC}.csv")], ["export", "-o", str(tmp / f"board{ESC}\n.md")]],
        "board": [["board", "-o", str(tmp / f"board{ESC}.html"), "--since", "2020-01-01"]],
        "report": [["report", "-o", str(tmp / f"old{ESC}.html")]],  # the board page's old name
        "returns": [
            ["returns", "issue", "--all", "-o", str(tmp / "returns")],
            ["returns", "status", "--format", "table"],
            ["returns", "status", "--format", "json"],
            ["returns", "apply", str(tmp / f"gone{ESC}.xlsx")],
        ],
        **repeats_invocations(tmp),
        "db": [
            ["db", "copy", "--to", str(tmp / f"copy{ESC}.db")],
            ["db", "copy", "--to", f"mysql://me{ESC}@h/db"],
            *(
                [["db", "grant", f"Police{ESC}", f"role{ESC}"], ["db", "grant", f"Nobody{ESC}", "role"]]
                if is_url(os.environ["SCRTOOL_DB"])
                else []
            ),
        ],
    }


def repeats_invocations(tmp: Path) -> dict[str, list[list[str]]]:
    """similar, repeats, same, different, judgements: over the hostile report and a copy of it stored as another;
    then remove and archive (the copy removed)."""
    from scrtool.parse import report_id_for

    copy = write(tmp, f"copy{ESC}.md", PLAN + "\n")
    one, other = report_id_for(str(tmp / NAME)), report_id_for(copy)
    return {
        "similar": [
            ["import", "--new", copy],
            *(["similar", "1", "--report", one, "--format", fmt.value] for fmt in Format),
            ["similar", f"9{ESC}", "--report", one],
        ],
        "repeats": [["repeats", "--format", fmt.value] for fmt in TraceFormat],
        "same": [["same", f"{one}:1", f"{other}:1", "--by", f"me{ESC}"], ["same", f"{one}:1", f"nobody{ESC}:1"]],
        "different": [["different", f"{one}:1", f"{other}:9{ESC}"], ["different", f"{one}{ESC}", f"{other}:1"]],
        "judgements": [["judgements", "--format", fmt.value] for fmt in Format],
        "remove": [["remove", f"nobody{ESC}", "--yes"], ["remove", other, "--yes"]],
        "archive": [["archive"], ["archive", other], ["archive", f"nobody{ESC}"]],
    }


@pytest.mark.parametrize("terminal", ["1", "0"], ids=["terminal", "pipe"])
def test_no_command_lets_a_control_character_through(
    hostile: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: str
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", terminal)
    cases = invocations(tmp_path)
    assert set(cases) == commands(), "a new command needs its runs over the hostile store here"
    for runs in cases.values():
        for args in runs:
            result = run(*args)
            said = result.stdout + result.stderr
            assert result.exit_code in (0, ExitCode.USAGE, ExitCode.INPUT, ExitCode.NOT_FOUND), (args, said)
            assert FORBIDDEN.findall(said) == [], (args, said)
            assert "\ufffd" in said or "\\x1b" in said or "\\u001b" in said, (args, said)  # the text was there


def test_every_format_of_list_is_run_over_the_hostile_store(tmp_path: Path) -> None:
    assert [args[2] for args in invocations(tmp_path)["list"][:-1]] == [fmt.value for fmt in Format]


def test_a_view_that_forgets_the_sanitiser_is_still_made_safe(capsys: pytest.CaptureFixture[str]) -> None:
    raw = "\x1b[2J\x1b]0;title\x9c\u202e"  # (rich's Text drops a BEL itself)
    Stream("stdout").show(Text(f"raw {raw} text"))
    Stream("stdout").write(f"written {ESC}\n")
    Stream("stdout").lines([f"line {ESC}"])
    assert capsys.readouterr().out.splitlines() == [
        "raw \ufffd[2J\ufffd]0;title\ufffd\ufffd text",
        f"written {SHOWN}",
        f"line {SHOWN}",
    ]


@pytest.mark.parametrize("terminal", ["1", "0"], ids=["terminal", "pipe"])
def test_a_message_is_one_line_whatever_it_holds(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, terminal: str
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", terminal)
    Stream("stderr").line(f"cell text\nscrtool: error: forged\u2028{ESC}", lead="scrtool: warning: ")
    assert capsys.readouterr().err == f"scrtool: warning: cell text scrtool: error: forged {SHOWN}\n"


ONE_ACTION = "| No. | Recommendation | Lead Agency | Status |\n|---|---|---|---|\n| 1 | Audit a. | Police | Done |\n"


def test_a_line_break_in_a_file_name_cannot_forge_a_line_of_output(tmp_path: Path) -> None:
    path = write(tmp_path, "a\nscrtool: error: forged.md", ONE_ACTION)
    result = run("import", "--quiet", path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert lines[0].split(": ", 1)[1] == (
        f"imported from '{tmp_path}/a\\nscrtool: error: forged.md': 1 recommendation, 1 numbered action"
    )
    again = run("import", "--quiet", path)
    assert again.stdout.splitlines()[0].split(": ", 1)[1] == (
        f"unchanged ('{tmp_path}/a\\nscrtool: error: forged.md' is already in the store)"
    )


def test_file_names_in_warnings_and_errors_are_quoted_when_not_printable(tmp_path: Path) -> None:
    sample = (SAMPLES / "child-t.md").read_text(encoding="utf-8")
    path = write(tmp_path, "child\nt.md", sample)
    gone = str(tmp_path / "gone\t\u202e.md")
    result = run("import", "--quiet", path, gone)
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines() == [
        f"'{tmp_path}/child\\nt.md':9: warning: Recommendation 2 cites Riverside Health action 9, which is not in "
        "the plan",
        f"scrtool: error: '{tmp_path}/gone\\t\\u202e.md': no such file",
    ]


def test_a_printable_file_name_is_shown_as_it_is(tmp_path: Path) -> None:
    path = write(tmp_path, "Child's plan – v2.md", ONE_ACTION)
    result = run("import", "--quiet", path)
    assert result.stdout.splitlines()[0].split(": ", 1)[1] == (
        f"imported from {path}: 1 recommendation, 1 numbered action"
    )
