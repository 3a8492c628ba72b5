"""Renderers on a fixed-width console: exact text, and report text that never becomes markup or escapes."""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from dataclasses import replace

import pytest
from rich.console import Console

from conftest import table_rows
from scrtool.model import Action, Progress, RecKind, RecRef, Source, Status
from scrtool.rag import Rag, Rating
from scrtool.render import formats, plain, safe, stream, views


def action(text: str, agency: str = "Police", number: str | None = "1", status: Status = Status.UNSPECIFIED) -> Action:
    return Action(
        id=f"r/police/{number}",
        report="r",
        agency=agency,
        lead=agency,
        number=number,
        text=text,
        outcome="",
        status_text="",
        status=status,
        source=Source("r.md", 3),
        responds_to=(RecRef(RecKind.RECOMMENDATION, "1"),) if number is None else (),
    )


def render(renderable: object, width: int = 60) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, highlight=False, markup=False, emoji=False)
    console.print(renderable)
    output = console.file.getvalue()  # type: ignore[attr-defined]
    assert isinstance(output, str)
    return output


def test_actions_table_wraps_text_to_fit() -> None:
    out = render(views.actions_table([action("Circulate a bulletin to every officer in the force area")]), width=60)
    assert out.splitlines() == [
        "┏━━━━━━━━┳━━━━━┳━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━┳━━━━━━━━━┓",
        "┃ Agency ┃ No. ┃ Status ┃ Action                 ┃ Outcome ┃",
        "┡━━━━━━━━╇━━━━━╇━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━╇━━━━━━━━━┩",
        "│ Police │ 1   │ open   │ Circulate a bulletin   │         │",
        "│        │     │        │ to every officer in    │         │",
        "│        │     │        │ the force area         │         │",
        "└────────┴─────┴────────┴────────────────────────┴─────────┘",
    ]


def test_markup_in_report_text_prints_literally() -> None:
    out = render(views.actions_table([action("[bold]loud[/] and [link=http://x]link[/link] :smile:")]), width=120)
    assert "[bold]loud[/] and [link=http://x]link[/link] :smile:" in out


def test_control_sequences_never_reach_the_terminal() -> None:
    nasty = "a\x1b[31mred\x1b]0;title\x07\x9b2J\u202eevil\x00z"
    out = render(views.actions_table([action(nasty)]), width=150)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out and "\u202e" not in out and "\x00" not in out
    assert "a\ufffd[31mred\ufffd]0;title\ufffd\ufffd2J\ufffdevil\ufffdz" in out


def written(writer: formats.ActionWriter, actions: list[Action], rags: list[str | None] | None = None) -> str:
    out = io.StringIO()
    ratings = [Rating(Rag(r) if r else None, Rag(r) if r else None) for r in rags or [None] * len(actions)]
    writer(out, zip(actions, ratings, strict=True))
    return out.getvalue()


def test_json_keeps_the_text_but_escapes_c1_and_bidi() -> None:
    text = "x\x9by\u202ez\x1b"
    encoded = written(formats.write_actions_json, [action(text)])
    assert "\x9b" not in encoded and "\u202e" not in encoded and "\x1b" not in encoded
    assert json.loads(encoded)[0]["text"] == text


def test_csv_cells_never_start_a_formula() -> None:
    out = written(
        formats.write_actions_csv,
        [action('=HYPERLINK("http://x")'), action("+1"), action("@SUM(A1)"), action("-2"), action("\tx")],
        ["green"] * 5,
    )
    texts = [line.split(",")[9] for line in out.splitlines()[1:]]
    assert texts == ['"\'=HYPERLINK(""http://x"")"', "'+1", "'@SUM(A1)", "'-2", "'\tx"]


def test_markdown_cells_are_inert() -> None:
    out = written(formats.write_actions_markdown, [action("<script>x</script> | **b** [l](u)")], ["amber"])
    assert out.splitlines()[2] == (
        "| r | Police | 1 | open | amber | - | &lt;script&gt;x&lt;/script&gt; \\| \\*\\*b\\*\\* \\[l\\](u) |  |"
    )


def test_progress_bar() -> None:
    assert views.bar(Progress(6, 7)).plain == "█████████░  86%"
    assert views.bar(Progress(0, 0)).plain == "░░░░░░░░░░   0%"


def test_terminal_placeholder_keeps_newlines_and_tabs() -> None:
    assert safe.terminal("a\nb\tc\x0bd") == "a\nb\tc\ufffdd"


def test_unsafe_pattern_finds_exactly_what_terminal_replaces_and_line_breaks() -> None:
    found = {chr(c) for c in range(0x3000) if safe.UNSAFE_RE.search(chr(c))}
    replaced = {chr(c) for c in range(0x3000) if safe.terminal(chr(c)) != chr(c)}
    assert found == replaced | {"\n"}
    assert "\t" not in found


@pytest.mark.parametrize(
    "env",
    [
        {},
        {"TTY_COMPATIBLE": "1"},
        {"TTY_COMPATIBLE": "0"},
        {"TTY_COMPATIBLE": "x"},
        {"FORCE_COLOR": ""},
        {"FORCE_COLOR": "1"},
        {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    ],
)
@pytest.mark.parametrize("tty", [True, False])
def test_stream_decides_terminal_as_rich_does(env: dict[str, str], tty: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TTY_COMPATIBLE", "FORCE_COLOR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    class File(io.StringIO):
        def isatty(self) -> bool:
            return tty

    file = File()
    assert stream.is_terminal(file) is Console(file=file).is_terminal


def test_plain_summary_lines_keep_a_tab_or_line_break_inside_a_recommendation_flat() -> None:
    from scrtool.model import Report
    from scrtool.questions.overview import RecProgress, Summary
    from scrtool.render import plain

    report = Report("r", "Plan", "r.md", "0" * 64, "2026-01-15T00:00:00Z")
    recs = (
        RecProgress(RecKind.RECOMMENDATION, "1", "Audit\tthe\npathway\x1b[31m", 1, 2),
        RecProgress(RecKind.REMINDER, "2", "Remind staff", 0, 0),
    )
    lines = plain.summary(Summary(report, (), recs, {})).splitlines()
    assert lines[-3:] == [
        "recommendation\tcited\tcompleted\tpercent completed\ttext",
        "1\t2\t1\t50%\tAudit the pathway\ufffd[31m",
        "R2\t0\t0\t-\tRemind staff",
    ]
    clean = (RecProgress(RecKind.RECOMMENDATION, "1", "Audit the pathway", 1, 3),)
    assert plain.summary(Summary(report, (), clean, {})).splitlines()[-1] == "1\t3\t1\t33%\tAudit the pathway"


def counted_actions(out: io.StringIO, n: int) -> Iterator[tuple[Action, Rating]]:
    """``n`` rated actions, asked for one at a time; by the time the last is asked for, the first chunk is written."""
    for i in range(1, n + 1):
        if i == n:
            assert out.getvalue(), "nothing was written before the last action was read"
        yield action(f"Action {i}", number=str(i)), Rating(Rag.GREEN, Rag.GREEN)


@pytest.mark.parametrize(
    "writer", [formats.write_actions_json, formats.write_actions_csv, formats.write_actions_markdown]
)
def test_action_writers_write_as_they_read(writer: formats.ActionWriter) -> None:
    out = io.StringIO()
    assert writer(out, counted_actions(out, 2 * plain.CHUNK + 1)) == 2 * plain.CHUNK + 1
    assert len(re.findall(r"Action \d+", out.getvalue())) == 2 * plain.CHUNK + 1


def test_json_writer_writes_the_same_list_in_chunks() -> None:
    out = io.StringIO()
    formats.write_actions_json(out, counted_actions(out, plain.CHUNK + 1))
    texts = [a["text"] for a in json.loads(out.getvalue())]
    assert texts == [f"Action {i}" for i in range(1, plain.CHUNK + 2)]
    assert out.getvalue().startswith('[\n{"id": "r/police/1", ') and out.getvalue().endswith("}\n]\n")
    empty = io.StringIO()
    assert formats.write_actions_json(empty, iter([])) == 0
    assert empty.getvalue() == "[]\n"


def test_plain_lines_are_written_as_they_are_read() -> None:
    out = io.StringIO()

    def rows() -> Iterator[tuple[str, ...]]:
        for i in range(1, 2 * plain.CHUNK + 2):
            if i == 2 * plain.CHUNK + 1:
                assert out.getvalue().count("\n") == 2 * plain.CHUNK + 1  # the header and two chunks
            yield ("Police", str(i), "open", "green", "-", f"Action {i}", "")

    assert plain.write_actions(out, rows(), False) == 2 * plain.CHUNK + 1
    lines = out.getvalue().splitlines()
    assert lines[0] == "agency\tnumber\tstatus\trag\tdue\ttext\toutcome"
    assert lines[-1] == f"Police\t{2 * plain.CHUNK + 1}\topen\tgreen\t-\tAction {2 * plain.CHUNK + 1}\t"
    nothing = io.StringIO()
    assert plain.write_actions(nothing, iter([]), False) == 0 and nothing.getvalue() == ""


@pytest.mark.parametrize("width", [80, 200])
def test_a_table_of_long_text_fits_and_keeps_its_numbers_whole(width: int) -> None:
    long_agency = "Oxfordshire Clinical Commissioning Group and Oxford Health NHS Foundation Trust"
    url = "https://example.org/" + "x" * 60
    actions = [
        replace(action(f"Audit every referral {url} and report to the Board " * 3), agency=long_agency, number="12.3.4")
    ]
    out = render(views.actions_table(actions, ["amber"]), width=width)
    assert max(len(line) for line in out.splitlines()) == width
    assert "…" not in out
    rows = table_rows(out)
    assert rows[0][:5] == [long_agency, "12.3.4", "open", "amber", "-"]
    assert rows[0][5].replace(" ", "") == (f"Audit every referral {url} and report to the Board " * 3).replace(" ", "")
