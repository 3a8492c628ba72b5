"""The Infant Y plan as a partnership publishes it, a Word document and a web page, reads as its markdown does:
the same `list --format json` and `trace 1 --format json` answers, but for where each record came from."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import run, unsourced
from fixtures.formats.make_infant_y import make_docx, make_html


def _answers(path: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any, str]:
    """``list`` and ``trace 1`` of the plan at ``path`` imported alone into ``store``, and the import's output."""
    monkeypatch.setenv("SCRTOOL_DB", str(store))
    imported = run("import", str(path))
    assert imported.exit_code == 0, imported.stderr
    assert imported.stderr == ""
    listed = run("list", "--format", "json")
    traced = run("trace", "1", "--format", "json")
    assert listed.exit_code == 0 and traced.exit_code == 0
    return json.loads(listed.stdout), json.loads(traced.stdout), imported.stdout.split(": ", 1)[1]


def _sources(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, dict):
        return ([data["source"]] if "source" in data else []) + [s for v in data.values() for s in _sources(v)]
    if isinstance(data, list):
        return [s for v in data for s in _sources(v)]
    return []


@pytest.mark.parametrize(
    ("maker", "name", "first_source"),
    [
        (make_docx, "infant-y.docx", {"file": "infant-y.docx", "table": 1, "row": 2}),
        (make_html, "infant-y.html", {"file": "infant-y.html", "line": 21}),
    ],
    ids=["docx", "html"],
)
def test_same_answers_as_the_markdown(
    infant_y: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    maker: Callable[[Path], Path],
    name: str,
    first_source: dict[str, Any],
) -> None:
    listed, traced, said = _answers(infant_y, tmp_path / "md.db", monkeypatch)
    made = maker(tmp_path / name)
    other_listed, other_traced, other_said = _answers(made, tmp_path / "other.db", monkeypatch)
    assert other_said.replace(str(made), "infant-y.txt") == said.replace(str(infant_y), "infant-y.txt")
    assert len(other_listed) == 41
    assert unsourced(other_listed) == unsourced(listed)
    assert unsourced(other_traced) == unsourced(traced)
    assert other_traced["recommendation"]["source"] == first_source
    assert all(source["file"] == name and set(source) == set(first_source) for source in _sources(other_listed))


@pytest.mark.usefixtures("engine")  # it imports into a store: on SQLite and on PostgreSQL
def test_word_places_name_table_and_row(tmp_path: Path) -> None:
    made = make_docx(tmp_path / "infant-y.docx")
    assert run("import", str(made)).exit_code == 0
    oxford = json.loads(run("list", "--agency", "Oxford Health", "--format", "json").stdout)
    assert [(a["number"], a["source"]) for a in oxford if a["agency"] == "Oxford Health"][-2:] == [
        ("10", {"file": "infant-y.docx", "table": 4, "row": 12}),
        (None, {"file": "infant-y.docx", "table": 4, "row": 13}),
    ]
    shown = run("show", "Oxford Health", "10")
    assert "Source       infant-y.docx table 4 row 12" in [line.rstrip() for line in shown.stdout.splitlines()]
