"""A shipped migration never changes (issue 14 item 6): the migrations package (src/scrtool/store/migrations/)
imports no live scrtool code, each of its modules is the one that shipped (its digest), every step the store runs
comes from it, and migration 11 reads a store made at version 10 as it did before it was frozen, on each engine."""

from __future__ import annotations

import ast
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

from scrtool.store import pg, pg_schema
from scrtool.store.db import open_store
from scrtool.store.schema import MIGRATIONS

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "scrtool" / "store" / "migrations"
ALLOWED = ("scrtool.store.engine", "scrtool.errors", "scrtool.store.migrations")
"""What a migration may import besides the standard library: the engine layer, the errors, and its own frozen
helpers (the modules of the migrations package)."""


def live_imports(source: str, module: str = "scrtool.store.migrations.mXX") -> list[str]:
    """The imports of a module's source (at any depth: inside functions too) that are neither the standard library
    nor ``ALLOWED``, each as the absolute name it imports."""
    package = module.rsplit(".", 1)[0].split(".")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            names = [".".join([*base, *([node.module] if node.module else [])])]
            if not node.module:  # ``from . import x``: each x is a module of the package
                names = [f"{names[0]}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__":
            names = ["__import__"]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            stdlib = top in sys.stdlib_module_names and top != "importlib"
            if not (stdlib or any(name == a or name.startswith(a + ".") for a in ALLOWED)):
                found.append(name)
    return found


def test_the_import_check_finds_live_code() -> None:
    assert live_imports("from ..tallies import recount\nimport json") == ["scrtool.store.tallies"]
    assert live_imports("def f():\n    from ...parse.vocab import DEFAULT\n") == ["scrtool.parse.vocab"]
    assert live_imports("from .. import replay") == ["scrtool.store.replay"]
    assert live_imports("import scrtool.model\nimport importlib") == ["scrtool.model", "importlib"]
    assert live_imports("from ..engine import Connection\nfrom ...errors import StoreError\nfrom . import m13_x") == []


def test_no_migration_imports_live_code() -> None:
    modules = sorted(PACKAGE.glob("*.py"))
    assert len(modules) >= len(MIGRATIONS)
    for path in modules:
        module = f"scrtool.store.migrations.{path.stem}"
        assert live_imports(path.read_text(encoding="utf-8"), module) == [], path.name


def test_every_step_the_store_runs_is_a_frozen_module() -> None:
    steps = [*MIGRATIONS, *pg_schema.STEPS.values()]
    assert {step.__module__.rsplit(".", 1)[0] for step in steps} == {"scrtool.store.migrations"}
    assert [int(step.__module__.rsplit(".", 1)[1][1:3]) for step in MIGRATIONS] == list(range(1, len(MIGRATIONS) + 1))
    assert all(int(step.__module__.rsplit(".", 1)[1][1:3]) == n for n, step in pg_schema.STEPS.items())
    assert pg_schema.BASELINE_SQL is sys.modules["scrtool.store.migrations.m09_pg_baseline"].SQL


# A new migration is a new module: add its digest here. Never edit a shipped one (nor its digest): what a store
# that has run it holds was made by it as it is.
DIGESTS = {
    "m01_tables.py": "1c0be9729390d74f32cef93e95fe3b648892b08af66b89097960331a67fea6e8",
    "m02_recommendation_extras.py": "d4559b66b1d0e9119a868b6de125533eb292125b54aa95bba7b806ae4f19272c",
    "m03_history_dates_search.py": "fa017757c4a3c9e7308aa93fc6cbf0ecbc5e16ffb4ddc7a0994a6dadf62c8e33",
    "m04_search_indexed.py": "22057f86a34fb60fad28ddce1b1f51426e5717793799955f89abfaa425e6ecb1",
    "m05_tallies.py": "b004966201a442c5701717f4c5003f5fc83137fa0afbc17383525f36ad839d61",
    "m06_places.py": "2e3982d20fe0f303f2f6897205144e329983046f9226ca9d69ff962916f52058",
    "m07_marker.py": "ec2849e53eac9db66915f7f2e4f3b14a8e3c0eb11856556bc6c69e3a23c16e95",
    "m08_action_keys.py": "9b540c8b4813eb99e7528747f5c37c20c2a82539b70507533e852a46aecd3db4",
    "m09_pg_baseline.py": "a66914b5ef78bc2f78786e1ca188ecd57f08079d1c313d9c8ab8213e204b1ebb",
    "m09_repeats.py": "00a6001b87a033c32182b9c79cfc9e8b03511d4bfbcf46f404ff59218f87e6eb",
    "m10_search_notes.py": "12cf0c0cf06a5b0cb4087c1bf4c6b06299532ed95f23b21abc9ceeb2b99877ac",
    "m11_headers.py": "d89d4fa04b30b4051c6e67fff0d2f92761024fc9eecccb6404d07ad2c657a847",
    "m11_judgements.py": "4cf14afff9344b96bf33ac7d429a8e0ee122022da2eef624fd9c3a83f886b204",
    "m11_ratings.py": "f44dfcd9562f9488292cd1e81956694a886f58c9dc6ca5df9acb3c048a0bbba2",
    "m11_replay.py": "03f3cda9b6eff2becb230d465ceac14ca626fe408a77ff1329abcf823d98a1cc",
    "m12_recommendation_terms.py": "5805fc92c87c46ce9b7eeec2f28cf3c1074e2ebc7bbf3121b63ebcaa0a666ae1",
    "m12_text.py": "e50fc6247aec4c257a38a2ec1ad631ae8141942834621f3e3372d46c218bc8dd",
    "m12_vocabulary.json": "94ca7502ef0ef30f85e465e3cf72d4aabfa4bdf75fc20cac583db25c388d9f83",
    "m13_numbered_tallies.py": "b7cb10448e4ece161ac04f5cb1de8135bc4033976d88dae4205b98449ac67fd2",
    "m13_recount.py": "93832059203f9efde55e83b3fa5b665db5e7592bb199c2abaf3a4b4e7ac96e21",
    "m14_archive.py": "1e4b15d1f3b863a519b4ae3930e4445633d0d28558e83ea9bac2bd8446150fe4",
    "m15_returns.py": "1ecb5007b07257ffed2d1789511e53aeddb711a0eabbc460c311213c1cdc4d5b",
    "m16_archive_agency_keys.py": "71daaa1c1f681291ce47a5c36ae68eda922c2ec1d4335376cc8f51d11d8f35a3",
    "m17_forced_returns.py": "b3c6903749f3b7d3ca8ae62913b611f05e8866d7a76d9a83a9ec843f96e415b7",
    "m18_awaiting.py": "c2fcd9b0dc3aa66297ba0703dce590f548f71435913c7fb3fd343200e94306dc",
    "pg_catalog.py": "e52229dbe7c2c2562bae4f54f9bf6097b61bca84faeac897718d97da4a6be148",
}


def test_no_shipped_migration_changed() -> None:
    files = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in PACKAGE.iterdir() if p.name[:1] in "mp"}
    assert files.keys() == DIGESTS.keys(), "a migration module added or removed: a new one needs its digest here"
    for name, digest in DIGESTS.items():
        assert files[name] == digest, f"{name} changed: a shipped migration never changes (add a new one instead)"


# migration 11 on a store made at version 10

V10_ACTIONS = [  # number, status as version 10 read it, status text, extra cells
    ("1", "completed", "Green", {}),
    ("2", "overdue", "R", {"Progress": "Not started"}),
    ("3", "completed", "Blue", {}),
    ("4", "in-progress", "Amber - overdue", {}),
    ("5", "overdue", "Red / not started", {}),
    ("6", "completed", "Completed", {}),
    ("7", "completed", "Green (fill)", {}),
    ("8", "completed", "On track (fill)", {"Target date": "Overdue"}),
    ("9", "in-progress", "Amber", {"Update": "Not started"}),
    ("10", "completed", "Green", {}),
    ("11", "in-progress", "Amber", {}),
    ("12", "open", "", {}),
]
V10_UPDATES = [  # number, date, to status (history beyond the import entries, as version 10 wrote it)
    ("10", "2025-02-01", "not-started"),
    ("11", "2025-03-01", "completed"),
]


def v10_statements() -> list[tuple[str, tuple[object, ...]]]:
    """A plan's report, actions, import entries and updates, as version 10 wrote them (a RAG colour read as
    completion or progress, no RAG column anywhere)."""
    out: list[tuple[str, tuple[object, ...]]] = [
        (
            "INSERT INTO reports (id, title, source_file, sha256, imported_at) VALUES (?, ?, ?, ?, ?)",
            ("z", "Tracker", "z.md", "0" * 64, "2025-01-10T09:00:00Z"),
        )
    ]
    for seq, (number, status, text, extra) in enumerate(V10_ACTIONS):
        agency = "Police" if seq < 6 else "Health"
        out.append(
            (
                "INSERT INTO actions (id, report, seq, agency, agency_key, lead, number, text, outcome, status, "
                "status_text, file, line, extra, updated) VALUES (?, 'z', ?, ?, ?, ?, ?, ?, '', ?, ?, 'z.md', ?, ?, "
                "'2025-01-10')",
                (f"z/{agency}/{number}", seq, agency, agency.lower(), agency, number, f"Action {number}.", status)
                + (text, seq + 3, json.dumps(extra)),
            )
        )
    history = [(n, "2025-01-10", "import", s, t) for n, s, t, _ in V10_ACTIONS]
    history += [(n, on, "manual", s, s) for n, on, s in V10_UPDATES]
    for ident, (number, on, source, status, text) in enumerate(history, start=1):
        agency = "Police" if int(number) <= 6 else "Health"
        out.append(
            (
                "INSERT INTO history (id, action_id, report, on_date, recorded_at, source, to_status, status_text) "
                "VALUES (?, ?, 'z', ?, ?, ?, ?, ?)",
                (ident, f"z/{agency}/{number}", on, f"{on}T09:00:00Z", source, status, text),
            )
        )
    return out


def made_at_version_10(engine: str) -> None:
    if engine.startswith("postgresql"):
        conn = pg.connect(engine)
        for statement in pg_schema.BASELINE_SQL.split(";\n"):
            conn.execute(statement)
        pg_schema.STEPS[10](conn)
        for sql, values in [*v10_statements(), ("UPDATE scrtool_schema SET version = 10", ())]:
            conn.execute(sql, values)
        conn.close()
        return
    Path(engine).parent.mkdir(mode=0o700, exist_ok=True)
    lite = sqlite3.connect(engine)
    for step in MIGRATIONS[:10]:
        step(lite)
    for sql, values in [*v10_statements(), ("PRAGMA user_version = 10", ())]:
        lite.execute(sql, values)
    lite.commit()
    lite.close()
    Path(engine).chmod(0o600)


def test_migration_11_reads_a_store_made_at_version_10_as_before_the_freeze(engine: str) -> None:
    made_at_version_10(engine)
    store = open_store(engine)
    try:
        actions = store.conn.execute("SELECT number, status, rag, updated FROM actions ORDER BY seq").fetchall()
        entries = store.conn.execute("SELECT id, to_status, rag FROM history ORDER BY id").fetchall()
        counts = store.conn.execute("SELECT first_seq, agency, status, rag, n, numbered FROM tally_status").fetchall()
    finally:
        store.close()
    assert [tuple(row) for row in actions] == [
        ("1", "in-progress", "green", "2025-01-10"),
        ("2", "not-started", "red", "2025-01-10"),
        ("3", "completed", "blue", "2025-01-10"),
        ("4", "overdue", "amber", "2025-01-10"),
        ("5", "not-started", "red", "2025-01-10"),
        ("6", "completed", None, "2025-01-10"),
        ("7", "in-progress", "green", "2025-01-10"),
        ("8", "in-progress", "green", "2025-01-10"),
        ("9", "not-started", "amber", "2025-01-10"),
        ("10", "not-started", "green", "2025-02-01"),
        ("11", "completed", None, "2025-03-01"),
        ("12", "open", None, "2025-01-10"),
    ]
    assert [tuple(row) for row in entries] == [
        (1, "in-progress", "green"),
        (2, "not-started", "red"),
        (3, "completed", "blue"),
        (4, "overdue", "amber"),
        (5, "not-started", "red"),
        (6, "completed", None),
        (7, "in-progress", "green"),
        (8, "in-progress", "green"),
        (9, "not-started", "amber"),
        (10, "in-progress", "green"),
        (11, "in-progress", "amber"),
        (12, "open", None),
        (13, "not-started", None),
        (14, "completed", None),
    ]
    assert sorted((tuple(row) for row in counts), key=repr) == sorted(
        [
            (0, "Police", "in-progress", "green", 1, 1),
            (0, "Police", "not-started", "red", 2, 1),
            (0, "Police", "completed", "blue", 1, 1),
            (0, "Police", "overdue", "amber", 1, 1),
            (0, "Police", "completed", None, 1, 1),
            (6, "Health", "in-progress", "green", 2, 1),
            (6, "Health", "not-started", "amber", 1, 1),
            (6, "Health", "not-started", "green", 1, 1),
            (6, "Health", "completed", None, 1, 1),
            (6, "Health", "open", None, 1, 1),
        ],
        key=repr,
    )
