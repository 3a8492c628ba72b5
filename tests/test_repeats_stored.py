"""Issue 17: the terms each recommendation has, kept in the store (store/vectors.py), give ``similar``, ``trace`` and
``repeats`` the answers the texts give, to the last bit; made by import, re-import and migration 12, and made again
when the vocabulary changes."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, run
from scrtool.model import RecKind, RecRef
from scrtool.similar import lookup
from scrtool.similar.index import Index
from scrtool.similar.judgements import Point
from scrtool.similar.queries import Corpus
from scrtool.store import vectors
from scrtool.store.schema import MIGRATIONS

LABELLED = ROOT / "bench" / "repeats" / "labelled.json"


def plans(folder: Path) -> list[str]:
    """One plan a review of the labelled set: its recommendations as a numbered table."""
    data = json.loads(LABELLED.read_text(encoding="utf-8"))
    out = []
    for review in data["reviews"]:
        rows = [
            f"| {r['number']} | {r['text'].replace('|', '/')} |"
            for r in data["recommendations"]
            if r["review"] == review["id"]
        ]
        path = folder / f"{review['id']}.md"
        path.write_text(
            f"{review['title']} action plan\n\n| Rec No. | Recommendation |\n|---|---|\n" + "\n".join(rows) + "\n",
            encoding="utf-8",
        )
        out.append(str(path))
    return out


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("labelled")
    db = folder / "labelled.db"
    done = run("import", "-q", "--new", "--db", str(db), *plans(folder))
    assert done.exit_code == 0, done.stderr
    return db


@pytest.fixture
def labelled(template: Path, private_store: Path) -> sqlite3.Connection:
    private_store.parent.mkdir(mode=0o700)
    shutil.copyfile(template, private_store)
    private_store.chmod(0o600)
    return sqlite3.connect(private_store)


def recommendations(conn: sqlite3.Connection) -> list[tuple[Point, str]]:
    rows = sorted(conn.execute("SELECT report, kind, line, number, text FROM recommendations").fetchall())
    return [(Point(r, RecRef(RecKind(k), n)), text) for r, k, _, n, text in rows]


def test_the_stored_terms_score_as_the_texts_to_the_last_bit(labelled: sqlite3.Connection) -> None:
    recs = recommendations(labelled)
    assert len(recs) == 138 and vectors.fresh(labelled)
    index = Index([text for _, text in recs], [p.report for p, _ in recs])
    for i, (point, _) in enumerate(recs):
        expected = {recs[j][0]: s for j, s in index.nearest(i, len(recs))}
        assert {p: s for p, (s, _) in lookup.scores(labelled, point).items()} == expected
    assert Corpus(labelled).index.vectors == index.vectors


def test_on_postgresql_the_stored_terms_score_as_the_texts_and_answer_as_on_sqlite(
    labelled: sqlite3.Connection, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    """The same plans imported into PostgreSQL: the terms read back (double precision) score as the texts do, to the
    last bit, and similar, trace and repeats answer as on the SQLite store."""
    from conftest import pg_schema
    from scrtool.store.db import open_store

    url = pg_schema(request)
    done = run("import", "-q", "--new", "--db", url, *plans(tmp_path))
    assert done.exit_code == 0, done.stderr
    recs = recommendations(labelled)
    index = Index([text for _, text in recs], [p.report for p, _ in recs])
    store = open_store(url)
    try:
        assert vectors.fresh(store.conn)
        for i, (point, _) in enumerate(recs):
            expected = {recs[j][0]: s for j, s in index.nearest(i, len(recs))}
            assert {p: s for p, (s, _) in lookup.scores(store.conn, point).items()} == expected
    finally:
        store.close()
    for asked in ("norfolk-dhr:1", "w13:2"):
        on_sqlite = answers(asked)
        report, number = asked.split(":")
        assert (
            run("similar", number, "-r", report, "-f", "json", "-k", "50", "--db", url).stdout,
            run("trace", number, "-r", report, "--db", url).stdout,
            run("repeats", "-f", "json", "--db", url).stdout,
        ) == on_sqlite


def answers(point: str) -> tuple[str, str, str]:
    report, number = point.split(":")
    return (
        run("similar", number, "-r", report, "-f", "json", "-k", "50").stdout,
        run("trace", number, "-r", report).stdout,
        run("repeats", "-f", "json").stdout,
    )


def test_similar_reads_the_postings_of_its_own_terms_only(labelled: sqlite3.Connection) -> None:
    from scrtool.similar.queries import similar

    seen: list[str] = []
    labelled.set_trace_callback(seen.append)
    point = Point("norfolk-dhr", RecRef(RecKind.RECOMMENDATION, "1"))
    found = similar(labelled, point, 3)
    labelled.set_trace_callback(None)
    assert found == Corpus(labelled).similar(point, 3)
    assert [m.entry.point.label() for m in found] == ["w13:2", "w01:1", "standing-together-gp:1"]
    whole = [s for s in seen if ("rec_terms" in s or "recommendations" in s) and "WHERE" not in s]
    assert whole == [] and any("WHERE t.term IN" in s for s in seen)


def test_a_stale_vocabulary_answers_from_the_texts_and_the_next_import_makes_the_terms_again(
    labelled: sqlite3.Connection, tmp_path: Path
) -> None:
    before = answers("norfolk-dhr:1")
    labelled.execute("UPDATE rec_vocabulary SET stamp = 'an older vocabulary'")
    labelled.execute("DELETE FROM rec_terms WHERE doc % 2 = 0")  # made with the old words: never read
    labelled.commit()
    assert not vectors.fresh(labelled)
    assert answers("norfolk-dhr:1") == before
    plan = tmp_path / "extra.md"
    plan.write_text(
        "Extra review\n\n| Rec No. | Recommendation |\n|---|---|\n| 1 | Keep a chronology. |\n", encoding="utf-8"
    )
    assert run("import", "-q", str(plan)).exit_code == 0
    assert vectors.fresh(labelled)
    assert labelled.execute("SELECT COUNT(*) FROM rec_vectors").fetchone()[0] == 139
    assert stored(labelled) == rebuilt(labelled)


def stored(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """What the store keeps of every recommendation (not its id): its place, body, norm and terms."""
    rows = conn.execute(
        "SELECT v.report, v.kind, v.number, v.line, v.body, v.norm, t.term, t.weight "
        "FROM rec_vectors v LEFT JOIN rec_terms t ON t.doc = v.id"
    )
    return sorted(rows, key=repr)


def rebuilt(conn: sqlite3.Connection) -> list[tuple[object, ...]]:
    """The same, made again from every text."""
    vectors.rebuild(conn)
    return stored(conn)


def test_a_reimport_replaces_its_terms_and_counts_every_norm_again(
    labelled: sqlite3.Connection, tmp_path: Path
) -> None:
    norms = dict(labelled.execute("SELECT report || ':' || number, norm FROM rec_vectors WHERE report = 'w01'"))
    plan = tmp_path / "w02.md"
    plan.write_text(
        "Review w02 action plan\n\n| Rec No. | Recommendation |\n|---|---|\n"
        "| 1 | GP practices should take part in IRIS training on domestic abuse. |\n",
        encoding="utf-8",
    )
    assert run("import", "-q", "--report", "w02", str(plan)).exit_code == 0
    assert labelled.execute("SELECT COUNT(*) FROM rec_vectors WHERE report = 'w02'").fetchone()[0] == 1
    assert (
        labelled.execute("SELECT COUNT(*) FROM rec_vectors").fetchone()[0]
        == labelled.execute("SELECT COUNT(*) FROM recommendations").fetchone()[0]
    )
    after = dict(labelled.execute("SELECT report || ':' || number, norm FROM rec_vectors WHERE report = 'w01'"))
    assert after.keys() == norms.keys() and after != norms  # other reports' norms counted again
    assert stored(labelled) == rebuilt(labelled)
    recs = recommendations(labelled)
    index = Index([text for _, text in recs], [p.report for p, _ in recs])
    w02 = next(i for i, (p, _) in enumerate(recs) if p.report == "w02")
    assert {p: s for p, (s, _) in lookup.scores(labelled, recs[w02][0]).items()} == {
        recs[j][0]: s for j, s in index.nearest(w02, len(recs))
    }


def test_a_store_from_before_the_terms_gets_them(labelled: sqlite3.Connection) -> None:
    before = answers("w03:1")
    expected = stored(labelled)
    for table in ("rec_vectors", "rec_terms", "rec_vocabulary"):
        labelled.execute(f"DROP TABLE {table}")
    labelled.execute("PRAGMA user_version = 11")
    labelled.commit()
    assert answers("w03:1") == before
    assert labelled.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)  # 12 and every one after it
    assert vectors.fresh(labelled) and stored(labelled) == expected


@pytest.mark.usefixtures("engine")  # the others read a labelled SQLite store; PostgreSQL's: the test above
def test_similar_into_a_pipe_writes_the_tables_lines_without_rich(monkeypatch: pytest.MonkeyPatch) -> None:
    from scrtool.render.repeats import similar_table
    from scrtool.render.views import lines
    from scrtool.similar.queries import similar
    from scrtool.store.db import open_store

    for name in ("child-a", "child-b", "adult-c"):
        assert run("import", "-q", str(FIXTURES / "repeats" / f"{name}.md")).exit_code == 0
    monkeypatch.setenv("TTY_COMPATIBLE", "0")
    piped = run("similar", "1", "-r", "child-a", "-k", "2").stdout
    assert piped.splitlines() == [
        "Report\tYear\tKind\tNo.\tScore\tEnded\tRecommendation",
        "adult-c\t-\t-\t1\t0.42\t1 of 1 actions completed\tGP practices should ask about domestic abuse as part of "
        "routine enquiry and refer patients to the local IDVA service.",
        "child-b\t2021\tCSPR\t1\t0.26\t0 of 1 actions completed\tGPs should routinely ask patients about domestic "
        "abuse when they present with depression or anxiety, and record the answer.",
    ]
    store = open_store(os.environ["SCRTOOL_DB"])
    matches = similar(store.conn, Point("child-a", RecRef(RecKind.RECOMMENDATION, "1")), 2)
    store.close()
    assert piped.splitlines() == list(lines(similar_table(matches)))


def test_made_before_asked_once_or_of_every_recommendation_says_the_same(
    labelled: sqlite3.Connection, private_store: Path
) -> None:
    from scrtool.similar.queries import made_before

    labelled.execute(
        "INSERT INTO judgements (a_report, a_kind, a_number, b_report, b_kind, b_number, verdict, by, "
        "recorded_at) VALUES ('norfolk-dhr', 'recommendation', '1', 'w13', 'recommendation', '2', 'same', "
        "'J Smith', '2026-01-15T00:00:00Z')"
    )
    labelled.commit()
    recs = [p for p, _ in recommendations(labelled)]
    one_at_a_time = [made_before(sqlite3.connect(private_store), p.report, p.ref) for p in recs]  # the postings
    board = sqlite3.connect(private_store)
    of_every_one = [made_before(board, p.report, p.ref) for p in recs]  # the first from postings, the rest the corpus
    assert one_at_a_time == of_every_one
    assert sum(said is not None for said in of_every_one) == 29
    assert of_every_one[recs.index(Point("norfolk-dhr", RecRef(RecKind.RECOMMENDATION, "1")))] == (
        "Made before in 1 review: w13:2 (year not said, DHR)"
    )
