"""Excel workbooks: the Infant Y plan kept as a partnership keeps it in Excel reads as its text does, and each quirk
of a workbook (merged cells, hidden sheets and rows, fills, keys, formulas, several tables) reads as a person sees
it."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from conftest import FIXTURES, run


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_xlsx", FIXTURES / "formats" / "make_xlsx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _answers(monkeypatch: pytest.MonkeyPatch, store: Path, path: Path) -> tuple[str, list[dict[str, object]],
                                                                                 dict[str, object]]:
    """Import ``path`` into its own store; the import's stderr, ``list --format json`` and ``trace 1 --format json``
    without their ``source`` keys."""
    monkeypatch.setenv("SCRTOOL_DB", str(store))
    imported = run("import", str(path))
    assert imported.exit_code == 0, imported.stderr
    listed = json.loads(run("list", "--format", "json").stdout)
    traced = json.loads(run("trace", "1", "--format", "json").stdout)
    for action in listed:
        del action["source"]
    del traced["recommendation"]["source"]
    for link in traced["links"]:
        for action in link["actions"]:
            del action["source"]
    for action in traced["responses"]:
        del action["source"]
    return imported.stderr, listed, traced


def test_infant_y_workbook_answers_as_its_text(infant_y: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    book = _generator().infant_y(infant_y.read_text(encoding="utf-8"), tmp_path / "infant-y.xlsx")
    _, text_list, text_trace = _answers(monkeypatch, tmp_path / "text.db", infant_y)
    warnings, book_list, book_trace = _answers(monkeypatch, tmp_path / "book.db", book)
    assert warnings == ""
    (cherwell,) = [action for action in book_list if action["agency"] == "Cherwell District Council"]
    assert (cherwell["status"], cherwell["status_text"]) == ("completed", "Completed (fill)")  # its fill, by the key
    cherwell["status_text"] = "Completed"
    assert book_list == text_list
    assert book_trace == text_trace
    shown = json.loads(run("trace", "1", "--format", "json").stdout)
    assert shown["recommendation"]["source"] == {"file": "infant-y.xlsx", "sheet": "Overview", "cell": "A5"}
    assert shown["links"][0]["actions"][0]["source"] == {"file": "infant-y.xlsx", "sheet": "Oxford Health",
                                                         "cell": "A7"}
