"""The fast paths of the import read exactly what the slow ones read: matching, cell cleaning, rows, the store."""

from __future__ import annotations

import importlib.util
import random
import sys
from datetime import datetime
from pathlib import Path

import pytest

from conftest import FIXTURES, INFANT_Y, ROOT
from scrtool.model import RecKind, Recommendation, RecRef, Source
from scrtool.parse import cells, read_plan
from scrtool.parse.blocks import find_blocks, iter_blocks
from scrtool.parse.layouts.rows import Fast
from scrtool.parse.match import THRESHOLD, RecommendationIndex, _words
from scrtool.parse.tables import Table, Text


def _brute_best(recs: list[Recommendation], text: str) -> RecRef | None:
    """The definition: the highest share of the shorter text's words, at least THRESHOLD; the first among equals."""
    words = _words(text)
    best: tuple[float, int] | None = None
    for index, rec in enumerate(recs):
        theirs = _words(rec.text)
        shared = len(words & theirs)
        if not shared:
            continue
        score = shared / min(len(words), len(theirs))
        if score >= THRESHOLD and (best is None or score > best[0]):
            best = (score, index)
    return recs[best[1]].ref if best else None


def _rec(number: int, text: str) -> Recommendation:
    return Recommendation("r", RecKind.RECOMMENDATION, str(number), text, Source("f", number))


def test_matching_counts_like_the_definition() -> None:
    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(60)] + ["the", "and", "of"]
    for n in (1, 3, 40, 300, 2000):
        recs = [
            _rec(i + 1, " ".join(rng.choices(vocabulary[: rng.randint(5, 63)], k=rng.randint(0, 25)))) for i in range(n)
        ]
        index = RecommendationIndex(recs)
        for _ in range(60):
            if rng.random() < 0.4:
                base = rng.choice(recs).text.split()
                text = " ".join(base[: rng.randint(0, len(base))] + rng.choices(vocabulary, k=rng.randint(0, 8)))
            else:
                text = " ".join(rng.choices(vocabulary, k=rng.randint(0, 30)))
            assert index.best(text) == _brute_best(recs, text), (n, text)


def test_matching_long_texts_and_many_words() -> None:
    words = [f"x{i}" for i in range(400)]
    recs = [_rec(1, " ".join(words[:300])), _rec(2, " ".join(words[100:130])), _rec(3, "x1 x2 x3")]
    index = RecommendationIndex(recs)
    for text in (
        " ".join(words[:200]),
        " ".join(words[90:140]),
        "x1 x2 x3 x4",
        " ".join(words[:126]),
        " ".join(words[:127]),
        "nothing shared",
        "",
    ):
        assert index.best(text) == _brute_best(recs, text), text


def test_matching_the_first_of_equals() -> None:
    recs = [_rec(1, "audit bruising babies"), _rec(2, "train staff"), _rec(3, "audit bruising babies")]
    assert RecommendationIndex(recs).best("Audit the bruising of babies") == RecRef(RecKind.RECOMMENDATION, "1")


def test_cells_without_markdown_it_read_as_with_it() -> None:
    rng = random.Random(11)
    pieces = [
        "<",
        ">",
        "/",
        "*",
        "**",
        "&",
        "&amp;",
        "#",
        ";",
        "u",
        "b",
        "x",
        "a",
        "i",
        "span",
        "1",
        "2024",
        " ",
        "  ",
        ".",
        "!",
        "?",
        "-",
        "'",
        '"',
        ")",
        "(",
        "<u>",
        "</u>",
        "<b>",
        "<table>",
        "</p>",
        "<1",
        "< ",
        "by May",
        "**by May 2014**",
        "\u00e9",
        "\u2019",
        ":",
        ",",
    ]
    seen = 0
    for _ in range(6000):
        text = "".join(rng.choices(pieces, k=rng.randint(1, 12)))
        simple = cells._simple(text)
        if simple is not None:
            seen += 1
            assert simple == cells._markdown_plain(text), text
    assert seen > 1000
    for text in (
        "Staff **by May 2014**. Then",
        "**Done**",
        "a <1 year old & more",
        "<u>Individual plans</u>",
        "<U>x</U> <table> y",
        "**x**",
        "a **b c** d",
        "at <3 and >2",
        "a **b** c **d**.",
    ):
        assert cells._simple(text) == cells._markdown_plain(text), text
    for text in ("a **b** c**d**", "a *b*", "x&amp;y", "<a href='x'>y</a>", "a_b", "**b **", "x**b**"):
        assert cells._simple(text) is None, text


def test_clean_cells_is_clean_of_each_cell() -> None:
    rng = random.Random(3)
    pieces = [
        " ",
        "  ",
        "\t",
        "\f",
        "a",
        "Done",
        "&",
        "&amp;",
        "<br>",
        "<1",
        "**x**",
        "\u2028",
        "\x0b",
        "_",
        "1.2",
        "\xa0",
        "x  y",
    ]
    for _ in range(3000):
        row = ["".join(rng.choices(pieces, k=rng.randint(0, 6))) for _ in range(rng.randint(1, 6))]
        assert cells.clean_cells(row) == [cells.clean(cell) for cell in row], row


def _generated_plan(tmp_path: Path, actions: int, seed: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    generate = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bench_generate", generate)
    spec.loader.exec_module(generate)
    path = tmp_path / f"plan-{actions}-{seed}.md"
    path.write_text(generate.generate(actions, seed), encoding="utf-8")
    return str(path)


def _plan_files(tmp_path: Path) -> list[str]:
    files = [str(p) for p in sorted((FIXTURES / "shapes").iterdir()) if p.suffix != ".py"]
    files += [str(p) for p in sorted((FIXTURES / "layouts").iterdir())]
    files += [str(ROOT / "samples" / "child-t.md"), _generated_plan(tmp_path, 400, 5)]
    if INFANT_Y.exists():
        files.append(str(INFANT_Y))
    return files


def test_common_rows_read_as_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast path for an action table's common row gives what the general one gives."""
    now = datetime(2024, 1, 1)
    fast = {file: read_plan(file, now=now) for file in _plan_files(tmp_path)}
    monkeypatch.setattr(Fast, "of", staticmethod(lambda columns: None))
    for file, plan in fast.items():
        assert read_plan(file, now=now) == plan, file


def test_blocks_one_at_a_time_are_find_blocks(tmp_path: Path) -> None:
    for file in _plan_files(tmp_path):
        lines = Path(file).read_text(encoding="utf-8").split("\n")
        name = Path(file).name
        assert list(iter_blocks(lines, name)) == find_blocks(lines, name)


def test_rows_of_dashes_are_cells_and_a_repeated_delimiter_is_not() -> None:
    lines = [
        "| No | Action |",
        "|---|---|",
        "| - | -- |",
        "| 1 | Write |",
        "| No | Action |",
        "|---|---|",
        "| 2 | :-: |",
    ]
    (table,) = find_blocks(lines)
    assert isinstance(table, Table)
    assert [(row.line, [c.strip() for c in row.cells], row.header) for row in table.rows] == [
        (1, ["No", "Action"], True),
        (3, ["-", "--"], False),
        (4, ["1", "Write"], False),
        (5, ["No", "Action"], True),
        (7, ["2", ":-:"], False),
    ]


def test_a_form_feed_inside_a_line_parts_its_words() -> None:
    blocks = find_blocks(["1\fCompleted  |  |", "<br>Action No"])
    read = " ".join(b.text if isinstance(b, Text) else " ".join(c for r in b.rows for c in r.cells) for b in blocks)
    assert "1Completed" not in read and "Completed" in read
