"""The progress bar of a long import on a terminal, and what ``--quiet`` and a pipe print instead."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from rich.console import Console
from rich.progress import Progress

from conftest import SAMPLES, run, write
from scrtool.render import meter as meters
from scrtool.render.stream import Stream

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = str(SAMPLES / "child-t.md")
WARNING = f"{SAMPLE}:9: warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan\n"


def test_quiet_prints_one_line_a_file_and_still_every_warning() -> None:
    done = run("import", "--quiet", SAMPLE)
    assert done.exit_code == 0
    assert done.stdout == (
        f"child-t: imported from {SAMPLE}: 3 recommendations, 1 reminder of practice, "
        "11 numbered actions, 2 unnumbered responses\n"
    )
    assert done.stderr == WARNING


def test_into_a_pipe_many_files_print_their_summaries_and_no_bar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    other = write(tmp_path, "child-u.md", Path(SAMPLE).read_text(encoding="utf-8") + "\n")
    done = run("import", SAMPLE, other, "--new")
    assert done.exit_code == 0
    assert [line for line in done.stdout.splitlines() if ": imported from " in line] == [
        f"child-t: imported from {SAMPLE}: 3 recommendations, 1 reminder of practice, 11 numbered actions, "
        "2 unnumbered responses",
        f"child-u: imported from {other}: 3 recommendations, 1 reminder of practice, 11 numbered actions, "
        "2 unnumbered responses",
    ]
    assert done.stdout.count("Agency\tActions\tCompleted\tOpen\tResponses\n") == 2
    assert done.stderr == WARNING + WARNING.replace(SAMPLE, other)


@pytest.mark.parametrize(
    ("sizes", "quiet", "tty", "term", "shown"),
    [
        ([100, 200], False, "1", "xterm", True),  # several files
        ([meters.LARGE], False, "1", "xterm", True),  # one large file
        ([meters.LARGE - 1], False, "1", "xterm", False),  # one small file
        ([100, 200], True, "1", "xterm", False),  # --quiet
        ([100, 200], False, "0", "xterm", False),  # into a pipe
        ([100, 200], False, "1", "dumb", False),  # a terminal that cannot redraw a line
    ],
)
def test_a_bar_only_when_worth_one_on_a_terminal(
    sizes: list[int], quiet: bool, tty: str, term: str, shown: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", tty)
    monkeypatch.setenv("TERM", term)
    err = Stream("stderr")
    with meters.meter(err, sizes, quiet, err.is_terminal) as bar:
        assert isinstance(bar, meters.Bar) is shown


def test_the_bar_counts_files_rows_and_bytes() -> None:
    buffer = io.StringIO()
    console = Console(file=buffer, width=120, color_system=None)
    progress = Progress(*meters.columns(), console=console)
    bar = meters.Bar(progress, files=2, total_bytes=1000)
    bar.file("plan-[bold]a.md", 400)
    bar.rows(30, 50, 100)

    def shown() -> str:
        console.print(progress.get_renderable())
        text = buffer.getvalue()
        buffer.truncate(0)
        buffer.seek(0)
        assert isinstance(text, str)
        return " ".join(text.split())

    first = shown()
    assert first.startswith("reading plan-[bold]a.md ")  # a file name is text, never markup
    assert " 20% 0/2 files 30 rows " in first  # half of the first 400 of 1000 bytes
    bar.storing()
    assert " 40% 0/2 files 30 rows " in shown()
    bar.done()
    bar.file("b.md", 600)
    bar.rows(1200, 10, 10)
    bar.done()
    assert " 100% 2/2 files 1,230 rows " in shown()


def test_under_a_bar_the_files_stored_before_an_error_are_still_said(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrtool.cli import importer
    from scrtool.errors import StoreError

    monkeypatch.setenv("TERM", "xterm")  # a terminal that redraws: the bar is shown for two files
    other = write(tmp_path, "child-u.md", Path(SAMPLE).read_text(encoding="utf-8") + "\n")
    save = importer.save_plan  # type: ignore[attr-defined]
    calls: list[str] = []

    def failing_second(store: object, plan: object, **options: object) -> object:
        calls.append("save")
        if len(calls) == 2:
            raise StoreError("store busy: another scrtool is writing it; try again in a moment")
        return save(store, plan, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "save_plan", failing_second)
    done = run("import", SAMPLE, other, "--new")
    assert done.exit_code == 5
    assert done.stdout.splitlines()[0] == (
        f"child-t: imported from {SAMPLE}: 3 recommendations, 1 reminder of "
        "practice, 11 numbered actions, 2 unnumbered responses"
    )
    assert "child-u" not in done.stdout
    assert "scrtool: error: store busy" in done.stderr
    assert "0/2 files" in done.stderr  # the bar was drawn
