"""The store: owner-only files, unchanged re-imports, replaced versions, several reports side by side; the tests
that take ``engine`` run on SQLite and on PostgreSQL."""

from __future__ import annotations

import os
import sqlite3
import stat
from dataclasses import fields, replace
from pathlib import Path

import pytest

from conftest import SAMPLES, TODAY, write
from scrtool.errors import StoreError
from scrtool.parse import read_plan
from scrtool.store import read
from scrtool.store.db import open_store
from scrtool.store.write import Claim, Outcome, Saved, save_plan

SAMPLE = str(SAMPLES / "child-t.md")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_store_and_folder_are_owner_only_whatever_the_umask(private_store: Path) -> None:
    old = os.umask(0o002)
    try:
        store = open_store(str(private_store), create=True)
        save_plan(store, read_plan(SAMPLE))
        store.close()
    finally:
        os.umask(old)
    assert mode(private_store) == 0o600
    assert mode(private_store.parent) == 0o700
    for suffix in ("-journal", "-wal", "-shm"):
        assert not Path(str(private_store) + suffix).exists()  # no journal is left once a write is done


def test_loose_permissions_are_warned_about(private_store: Path) -> None:
    open_store(str(private_store), create=True).close()
    os.chmod(private_store, 0o644)
    store = open_store(str(private_store))
    assert store.warnings == [f"the store {private_store} can be read by other users; run: chmod 600 {private_store}"]


def test_same_file_again_is_unchanged(engine: str) -> None:
    store = open_store(engine, create=True)
    assert save_plan(store, read_plan(SAMPLE)).outcome is Outcome.NEW
    assert save_plan(store, read_plan(SAMPLE)).outcome is Outcome.UNCHANGED
    assert read.report_ids(store.conn) == ["child-t"]


def test_same_bytes_under_another_name_are_recognised(engine: str, tmp_path: Path) -> None:
    copy = tmp_path / "copy-of-plan.md"
    copy.write_bytes(Path(SAMPLE).read_bytes())
    store = open_store(engine, create=True)
    save_plan(store, read_plan(SAMPLE))
    saved = save_plan(store, read_plan(str(copy)))
    assert (saved.outcome, saved.report) == (Outcome.SAME_AS, "child-t")
    assert read.report_ids(store.conn) == ["child-t"]


def test_changed_version_replaces_the_report_and_says_what_changed(engine: str, tmp_path: Path) -> None:
    text = Path(SAMPLE).read_text(encoding="utf-8")
    changed = text.replace(
        "| Early identification of maternal mental health needs. | |",
        "| Early identification of maternal mental health needs. | Completed |",
    )
    changed = changed.replace(
        "| Riverside Health | 3 | Train health visitors in routine enquiry about domestic "
        "abuse. | Routine enquiry embedded in universal services. | Completed |\n",
        "",
    )
    changed += "| Children's Services | 4 | Audit the front door. | Audit reported. | Not started |\n"
    store = open_store(engine, create=True)
    save_plan(store, read_plan(SAMPLE))
    saved = save_plan(store, read_plan(write(tmp_path, "child-t.md", changed)))
    assert saved.outcome is Outcome.REPLACED
    assert saved.added == ("Children's Services 4",)
    assert saved.removed == ("Riverside Health 3",)
    assert saved.status_changes == ("Riverside Health 4: open -> completed",)
    assert len(read.actions(store.conn, "child-t")) == 13


def test_several_reports_live_side_by_side(engine: str, tmp_path: Path) -> None:
    store = open_store(engine, create=True)
    save_plan(store, read_plan(SAMPLE))
    save_plan(store, read_plan(SAMPLE, report_id="child-t-copy"))
    # the same bytes under a second id are recognised: the copy is not stored twice
    assert read.report_ids(store.conn) == ["child-t"]
    other = read_plan(write(tmp_path, "child-u.md", Path(SAMPLE).read_text(encoding="utf-8") + "\n"))
    # a copy with a change is a likely version of child-t: stored only when the user says which it is
    assert save_plan(store, other) == Saved(Outcome.VERSION_OF, "child-t", why="the same title")
    assert read.report_ids(store.conn) == ["child-t"]
    assert save_plan(store, other, claim=Claim.NEW).outcome is Outcome.NEW
    assert read.report_ids(store.conn) == ["child-t", "child-u"]
    assert len(read.actions(store.conn)) == 26


def test_records_round_trip_through_the_store(engine: str) -> None:
    plan = read_plan(SAMPLE)
    store = open_store(engine, create=True)
    save_plan(store, plan)
    stored = read.actions(store.conn, "child-t")
    assert {a.updated for a in stored} == {TODAY}
    assert tuple(replace(a, updated=None) for a in stored) == plan.actions
    assert tuple(read.recommendations(store.conn, "child-t")) == plan.recommendations
    assert tuple(read.links(store.conn, "child-t")) == plan.links


def test_one_declaration_holds_every_field_of_an_action_and_every_column_of_its_table(engine: str) -> None:
    """A new field of an action is one line of store/action_columns.py: writer, reader and decoder follow it; a field
    or a column it misses fails here (``responds_to`` is the responses table; seq and agency_key the store's own)."""
    from scrtool.model import Action
    from scrtool.store.action_columns import COLUMNS

    store = open_store(engine, create=True)
    table = [d[0] for d in store.conn.execute("SELECT * FROM actions LIMIT 0").description]
    assert sorted(table) == sorted(["seq", "agency_key", *(c.name for c in COLUMNS)])
    assert {c.field.split(".")[0] for c in COLUMNS} | {"responds_to"} == {f.name for f in fields(Action)}


def test_a_store_in_wal_mode_goes_back_to_the_rollback_journal(private_store: Path) -> None:
    import sqlite3

    store = open_store(str(private_store), create=True)
    save_plan(store, read_plan(SAMPLE))
    store.close()
    other = sqlite3.connect(private_store)
    assert other.execute("PRAGMA journal_mode=WAL").fetchone()[0] == "wal"
    other.execute("SELECT COUNT(*) FROM actions").fetchone()
    busy = open_store(str(private_store))  # another connection has it open: it stays as it is, and works
    assert busy.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert len(read.actions(busy.conn, "child-t")) == 13
    busy.close()
    other.close()
    store = open_store(str(private_store))
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert len(read.actions(store.conn, "child-t")) == 13
    store.close()
    assert not Path(f"{private_store}-wal").exists()


def test_a_reports_actions_are_stored_in_plan_order(private_store: Path, tmp_path: Path) -> None:
    """list reads a report's actions in rowid order as plan order: every write keeps the two the same."""
    store = open_store(str(private_store), create=True)
    save_plan(store, read_plan(SAMPLE))
    text = Path(SAMPLE).read_text(encoding="utf-8")
    save_plan(store, read_plan(write(tmp_path, "other.md", text + "\n")), claim=Claim.NEW)
    changed = text.replace("| Northshire Police | 2 |", "| Northshire Police | 7 |")
    save_plan(store, read_plan(write(tmp_path, "child-t.md", changed)))  # a new version: deleted, stored again
    for report in ("child-t", "other"):
        seqs = [
            row[0] for row in store.conn.execute("SELECT seq FROM actions WHERE report = ? ORDER BY rowid", (report,))
        ]
        assert seqs == list(range(13))


def _schema(store_path: Path) -> list[tuple[str, str, str]]:
    import sqlite3

    conn = sqlite3.connect(store_path)
    try:
        return conn.execute("SELECT type, name, sql FROM sqlite_schema ORDER BY name").fetchall()
    finally:
        conn.close()


def test_a_first_import_leaves_every_index_as_it_was(private_store: Path, tmp_path: Path) -> None:
    """Into an empty store the indexes are made after the rows (store/write.py): the same ones, and used."""
    open_store(str(private_store), create=True).close()
    empty = _schema(private_store)
    store = open_store(str(private_store))
    save_plan(store, read_plan(SAMPLE))
    save_plan(
        store, read_plan(write(tmp_path, "other.md", Path(SAMPLE).read_text(encoding="utf-8") + "\n")), claim=Claim.NEW
    )
    store.close()
    assert _schema(private_store) == empty
    # 14, the two of the judgements table (migration 9), the two of the recommendations' terms (migration 12),
    # tally_status by agency (migration 13) and the two of return_rows (the return cycle's migration)
    assert len([row for row in empty if row[0] == "index" and row[2]]) == 21
    store = open_store(str(private_store))
    assert store.conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM actions WHERE agency_key = 'x' AND report = 'y' AND number = '1'"
    ).fetchall()
    assert plan[0][3] == "SEARCH actions USING INDEX actions_key (agency_key=? AND report=? AND number=?)"


def test_a_first_import_that_fails_leaves_the_store_as_it_was(
    private_store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from scrtool.store import tallies

    open_store(str(private_store), create=True).close()
    empty = _schema(private_store)

    def broken(*args: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(tallies, "count_statuses", broken)
    store = open_store(str(private_store))
    with pytest.raises(StoreError, match="disk I/O error"):
        save_plan(store, read_plan(SAMPLE))
    store.close()
    assert _schema(private_store) == empty
    store = open_store(str(private_store))
    assert read.report_ids(store.conn) == []
    assert store.conn.execute("SELECT COUNT(*) FROM actions").fetchone() == (0,)


def test_a_new_store_has_16_kib_pages_and_an_old_one_keeps_its_own(private_store: Path, tmp_path: Path) -> None:
    store = open_store(str(private_store), create=True)
    save_plan(store, read_plan(SAMPLE))
    assert store.conn.execute("PRAGMA page_size").fetchone() == (16384,)
    store.close()
    old = tmp_path / "old.db"
    conn = sqlite3.connect(old)
    conn.execute("CREATE TABLE t (x)")  # a store file made with SQLite's default pages
    conn.execute("DROP TABLE t")
    conn.close()
    store = open_store(str(old), create=True)
    save_plan(store, read_plan(SAMPLE))
    assert store.conn.execute("PRAGMA page_size").fetchone() == (4096,)
    assert len(read.actions(store.conn, "child-t")) == 13
    store.close()


def test_an_import_that_fails_part_way_leaves_the_store_as_it_was(
    engine: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import is one transaction on either engine: a failure after its first rows were written keeps none."""
    from scrtool.store import tallies

    store = open_store(engine, create=True)
    save_plan(store, read_plan(SAMPLE))
    before = [(a.id, a.status) for a in read.actions(store.conn)]

    def broken(*args: object) -> None:
        raise StoreError("the disk went away")

    monkeypatch.setattr(tallies, "count_statuses", broken)
    other = read_plan(write(tmp_path, "other.md", Path(SAMPLE).read_text(encoding="utf-8") + "\n"))
    with pytest.raises(StoreError, match="the disk went away"):
        save_plan(store, other, claim=Claim.NEW)
    assert read.report_ids(store.conn) == ["child-t"]
    assert [(a.id, a.status) for a in read.actions(store.conn)] == before
    assert store.conn.execute("SELECT COUNT(*) FROM recommendations WHERE report = 'other'").fetchone() == (0,)
    store.close()
