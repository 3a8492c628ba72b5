"""The Python API (issue 14 item 10): ``scrtool.read`` without a store, ``scrtool.Store`` asking the commands'
questions, ``to_frame()``; docs/api.md's example is run as written."""

from __future__ import annotations

import contextlib
import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import scrtool
from conftest import ROOT, SAMPLES, run, write
from scrtool.errors import InputError, NotFound
from scrtool.model import Status

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = str(SAMPLES / "child-t.md")


@pytest.fixture
def stored(engine: str) -> None:
    assert run("import", SAMPLE, "--quiet").exit_code == 0


def test_read_gives_the_records_and_the_warnings_of_a_plan_without_a_store(private_store: Path) -> None:
    plan = scrtool.read(SAMPLE)
    assert (plan.report.id, len(plan.recommendations), len(plan.actions)) == ("child-t", 4, 13)
    assert [(n.line, n.message) for n in plan.notices] == [
        (9, "Recommendation 2 cites Riverside Health action 9, which is not in the plan")
    ]
    first = plan.actions[0]
    assert (first.id, first.status, first.status_text) == ("child-t/Northshire Police/1", Status.COMPLETED, "Completed")
    assert not private_store.exists()


def test_read_raises_the_commands_error_for_a_file_that_is_not_a_plan(tmp_path: Path) -> None:
    with pytest.raises(InputError) as raised:
        scrtool.read(write(tmp_path, "notes.txt", "Minutes of the meeting.\nNothing else.\n"))
    assert "notes.txt" in raised.value.message


def test_a_reading_becomes_a_frame_with_the_json_keys_as_columns() -> None:
    frame = scrtool.read(SAMPLE).to_frame()
    assert list(frame.columns) == [
        "id",
        "report",
        "agency",
        "lead",
        "number",
        "text",
        "outcome",
        "status",
        "status_text",
        "responds_to",
        "source.file",
        "source.line",
        "target",
        "due",
    ]
    assert frame.shape == (13, 14)
    assert frame.loc[2, ["agency", "lead", "target"]].tolist() == [
        "Riverside Health",
        "Riverside Health/Community Trust",
        "2024-10-31",
    ]


@pytest.mark.usefixtures("stored")
def test_the_store_lists_what_list_lists_with_the_rag() -> None:
    with scrtool.Store() as store:
        found = store.actions(status="open")
        assert [(r.action.agency, r.action.number, r.action.status.value, r.rag) for r in found] == [
            ("Northshire Police", "2", "in-progress", "green"),
            ("Riverside Health", "4", "open", "red"),
            ("Children's Services", "2.2", "not-started", "amber"),
            ("Children's Services", "3", "in-progress", "green"),
        ]
        police = store.actions(agency="police")
        assert [r.action.id for r in police] == ["child-t/Northshire Police/1", "child-t/Northshire Police/2"]
        frame = store.actions(rec="1", status="completed").to_frame()
        assert frame[["agency", "number", "rag"]].values.tolist() == [  # as `list --rec 1 --status completed`
            ["Northshire Police", "1", "green"],
            ["Riverside Health", "2", "green"],
            ["Children's Services", "1", "green"],
        ]


@pytest.mark.usefixtures("stored")
def test_the_store_traces_summarises_and_gives_history() -> None:
    with scrtool.Store() as store:
        traced = store.trace(1)
        assert (traced.progress.completed, traced.progress.total) == (3, 5)
        assert [r.report.id for r in store.reports()] == ["child-t"]
        assert store.reports().to_frame()[["id", "recommendations", "actions", "open"]].values.tolist() == [
            ["child-t", 4, 13, 4]
        ]
        assert [(a, c.agency, c.total, c.responded) for a, c in store.agencies()] == [
            ("child-t", "Northshire Police", 2, 0),
            ("child-t", "Riverside Health", 4, 1),
            ("child-t", "Children's Services", 5, 1),
        ]
        assert store.agencies().to_frame()[["agency", "actions", "responses"]].values.tolist()[1] == [
            "Riverside Health",
            4,
            1,
        ]
        history = store.history("Riverside Health", 4)
        assert [(e.on, e.source, e.to_status) for e in history] == [("2026-01-15", "import", Status.UNSPECIFIED)]
        assert history.to_frame()["action"].tolist() == ["child-t/Riverside Health/4"]
        assert store.summary().report.id == "child-t"


@pytest.mark.usefixtures("stored")
def test_the_store_raises_the_commands_errors() -> None:
    with scrtool.Store() as store, pytest.raises(NotFound) as raised:
        store.actions(agency="Helth")
    assert raised.value.message.startswith("no agency named 'Helth'")


def test_a_missing_store_is_not_made_by_asking(private_store: Path) -> None:
    with pytest.raises(NotFound):
        scrtool.Store()
    assert not private_store.exists()


@pytest.mark.usefixtures("stored")
def test_the_example_in_docs_api_md_prints_what_the_page_says(monkeypatch: pytest.MonkeyPatch) -> None:
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", page, re.S)
    shown = re.search(r"prints\n\n```text\n(.*?)```", page, re.S)
    assert code and shown
    monkeypatch.chdir(ROOT)
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code[1], "docs/api.md", "exec"), {})  # noqa: S102 - the page's own example
    assert printed.getvalue() == shown[1]


def test_the_command_does_not_load_the_api() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from scrtool.cli import app; "
            "print(sorted(m for m in sys.modules if m.startswith('scrtool.api')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert loaded.stdout == "[]\n"
