"""An update that races a re-import (issue 11 item 3): it ends as "no such action" (exit 4) when the re-import
dropped the action, or lands on the action as it now is; never an internal error. The race is made, not timed: the
re-import runs just before the update's write transaction begins, after the update looked the action up."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from conftest import SAMPLES, run, table_rows, write
from scrtool.errors import ExitCode
from scrtool.parse import read_plan
from scrtool.store.db import Store, open_store
from scrtool.store.location import is_url
from scrtool.store.pg import PgStore
from scrtool.store.write import save_plan

SAMPLE = SAMPLES / "child-t.md"


def reimport_before_the_update_writes(monkeypatch: pytest.MonkeyPatch, engine: str, version: str) -> None:
    """Another scrtool stores ``version`` of the report at the moment the update asks for its write transaction."""
    kind: type[Store] = PgStore if is_url(engine) else Store
    write_transaction = kind.write
    raced: list[bool] = []

    def racing(self: Store) -> AbstractContextManager[object]:
        if not raced:
            raced.append(True)
            other = open_store(engine)
            try:
                save_plan(other, read_plan(version))
            finally:
                other.close()
        return write_transaction(self)

    monkeypatch.setattr(kind, "write", racing)


@pytest.fixture
def imported(engine: str) -> Iterator[None]:
    assert run("import", str(SAMPLE)).exit_code == 0
    yield


def test_an_update_of_an_action_a_reimport_just_dropped_is_not_found(
    imported: None, engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    dropped = text.replace(
        "| Northshire Police | 2 | Review the domestic abuse risk assessment form to include "
        "children's views. | Children's voices recorded in risk assessments. | In progress |\n",
        "",
    )
    assert dropped != text
    reimport_before_the_update_writes(monkeypatch, engine, write(tmp_path, "child-t.md", dropped))
    result = run("update", "Northshire Police", "2", "--status", "completed", "--evidence", "form reissued")
    assert (result.exit_code, result.stdout, result.stderr) == (
        ExitCode.NOT_FOUND,
        "",
        "scrtool: error: no action 2 of 'Northshire Police' in report 'child-t'\n",
    )
    listed = json.loads(run("list", "--agency", "Northshire Police", "--format", "json").stdout)
    assert [(a["number"], a["status"]) for a in listed] == [("1", "completed")]
    assert [row[1:5] for row in table_rows(run("agencies").stdout, key=0) if "Northshire" in row[1]] == [
        ["Northshire Police", "1", "1", "0"]
    ]


def test_an_update_racing_a_reimport_that_keeps_the_action_lands_on_it(
    imported: None, engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    changed = text.replace(
        "| Early identification of maternal mental health needs. | |",
        "| Early identification of maternal mental health needs. | In progress |",
    )
    assert changed != text
    reimport_before_the_update_writes(monkeypatch, engine, write(tmp_path, "child-t.md", changed))
    result = run("update", "Riverside Health", "4", "--status", "completed", "--evidence", "audit report")
    assert (result.exit_code, result.stdout) == (
        0,
        "Riverside Health 4: completed, due 2025-12-31 (updated 2026-01-15)\n",
    )
    entries = json.loads(run("history", "Riverside Health", "4", "--format", "json").stdout)["history"]
    assert [(e["source"], e["from"], e["to"], e["note"]) for e in entries] == [
        ("import", None, "open", "imported from child-t.md"),
        ("import", "open", "in-progress", "changed in child-t.md"),
        ("manual", "in-progress", "completed", None),
    ]
