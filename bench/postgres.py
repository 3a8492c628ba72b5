"""The PostgreSQL store beside the SQLite one (issue 16): list, trace and summary on a 100k-action store over a Unix
socket, the import of the 10k plan, and the concurrency figures, each measured side by side on both engines.

    .venv/bin/python bench/postgres.py            # 5 rounds each
    .venv/bin/python bench/postgres.py --runs 3

The ``floor`` row is Python starting and importing typer, without and with the driver (psycopg): what every
command on PostgreSQL pays before it asks the server anything.

The server is one tests/pg_cluster.py starts (a throwaway cluster in a temporary folder, a Unix socket only) with
PostgreSQL's own durability (every commit on disk before it returns, as SQLite's ``synchronous=FULL`` store has
it), or the one ``$SCRTOOL_TEST_PG`` names. Every figure is the median wall time of whole processes, the two engines run
in turn round after round (bench/run.py's way), so a noisy machine slows both sides of a ratio alike. The goal:
PostgreSQL within 2x of SQLite. Prints a table and writes bench/out/postgres.json; exits 0 whether or not the goal
is met (it is a report).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from run import OUT, Job, log, remove_store, run_checked, scrtool_command, time_round_robin, write_plan

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
import pg_cluster  # noqa: E402

SCHEMAS = ("big", "imported", "busy")
GOAL = 2.0
UPDATERS = 12


def _admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement)


def schema_url(base: str, schema: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"


def fresh_schema(base: str, schema: str) -> Callable[[], None]:
    def reset() -> None:
        _admin(base, f"DROP SCHEMA IF EXISTS {schema} CASCADE", f"CREATE SCHEMA {schema}")

    return reset


def stores(base: str, runs: int) -> tuple[Path, str]:
    """The 100k-action store on each engine: imported into SQLite, copied into PostgreSQL (db copy)."""
    _, plan_file = write_plan(100_000)
    sqlite = OUT / "pg" / "big.db"
    sqlite.parent.mkdir(parents=True, exist_ok=True)
    if not sqlite.exists():
        log("importing the 100k plan into SQLite (once)")
        run_checked([*scrtool_command(), "import", "--quiet", str(plan_file), "--db", str(sqlite)])
    url = schema_url(base, "big")
    fresh_schema(base, "big")()
    log("copying it into PostgreSQL")
    run_checked([*scrtool_command(), "db", "copy", "--to", url, "--db", str(sqlite)])
    log("vacuuming it and writing it to disk (a server's store that has been there a while)")
    _admin(url, "VACUUM ANALYZE", "CHECKPOINT")
    return sqlite, url


def query_jobs(sqlite: Path, url: str) -> list[Job]:
    from generate import generate_plan

    plan = generate_plan(100_000, 1)
    agency = plan.agencies[0].name
    commands = {
        "list": ["list", "--agency", agency, "--status", "open"],
        "trace": ["trace", str(plan.traceable())],
        "summary": ["summary"],
    }
    jobs = [
        Job("floor sqlite", [sys.executable, "-c", "import typer, sqlite3"]),
        Job("floor postgresql", [sys.executable, "-c", "import typer, sqlite3, psycopg"]),
    ]
    for name, args in commands.items():
        jobs.append(Job(f"{name} sqlite", [*scrtool_command(), *args, "--db", str(sqlite)]))
        jobs.append(Job(f"{name} postgresql", [*scrtool_command(), *args, "--db", url]))
    return jobs


def import_jobs(base: str) -> list[Job]:
    _, plan_file = write_plan(10_000)
    sqlite = OUT / "pg" / "imported.db"
    url = schema_url(base, "imported")
    return [
        Job(
            "import 10k sqlite",
            [*scrtool_command(), "import", "--quiet", str(plan_file), "--db", str(sqlite)],
            remove_store(sqlite),
        ),
        Job(
            "import 10k postgresql",
            [*scrtool_command(), "import", "--quiet", str(plan_file), "--db", url],
            fresh_schema(base, "imported"),
        ),
    ]


def concurrency(db: str, reset: Callable[[], None]) -> dict[str, object]:
    """12 processes each updating its own action at the same moment: wall time, and how many landed."""
    _, plan_file = write_plan(1_000)
    reset()
    run_checked([*scrtool_command(), "import", "--quiet", str(plan_file), "--db", db])
    listed = json.loads(run_checked([*scrtool_command(), "list", "--format", "json", "--db", db], capture=True).stdout)
    targets = [(a["agency"], a["number"]) for a in listed if a["number"] and a["status"] != "completed"][:UPDATERS]
    start = time.perf_counter()
    processes = [
        subprocess.Popen(
            [*scrtool_command(), "update", agency, number, "--status", "completed", "--evidence", "bench", "--db", db],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for agency, number in targets
    ]
    codes = [p.wait() for p in processes]
    elapsed = time.perf_counter() - start
    after = {
        (a["agency"], a["number"]): a["status"]
        for a in json.loads(
            run_checked([*scrtool_command(), "list", "--format", "json", "--db", db], capture=True).stdout
        )
    }
    landed = sum(after[t] == "completed" for t in targets)
    return {
        "processes": len(targets),
        "updates": len(targets),
        "exit_0": codes.count(0),
        "landed": landed,
        "seconds": round(elapsed, 3),
    }


def ratios(jobs: Sequence[Job]) -> list[dict[str, object]]:
    rows = []
    by_name = {job.name: job for job in jobs}
    for name in dict.fromkeys(job.name.rsplit(" ", 1)[0] for job in jobs):
        lite, pg = by_name[f"{name} sqlite"].median, by_name[f"{name} postgresql"].median
        floor = name == "floor"  # what every command pays, not a goal of its own
        rows.append(
            {
                "measure": name,
                "sqlite_s": round(lite, 3),
                "postgresql_s": round(pg, 3),
                "ratio": round(pg / lite, 2),
                "goal": "none" if floor else f"<= {GOAL}x",
                "met": None if floor else pg / lite <= GOAL,
            }
        )
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    cluster = pg_cluster.start(durable=True)
    if isinstance(cluster, str):
        print(f"no PostgreSQL server: {cluster}", file=sys.stderr)
        return 1
    try:
        base = pg_cluster.with_database(cluster.url, pg_cluster.TESTS_DATABASE)
        sqlite, url = stores(base, args.runs)
        queries = query_jobs(sqlite, url)
        time_round_robin(queries, args.runs)
        imports = import_jobs(base)
        time_round_robin(imports, args.runs)
        busy = OUT / "pg" / "busy.db"
        crowd = {
            "sqlite": concurrency(str(busy), remove_store(busy)),
            "postgresql": concurrency(schema_url(base, "busy"), fresh_schema(base, "busy")),
        }
    finally:
        pg_cluster.stop(cluster)
    rows = ratios([*queries, *imports])
    print(f"{'measure':<12} {'SQLite':>9} {'PostgreSQL':>11} {'ratio':>6}  goal")
    for row in rows:
        print(
            f"{row['measure']:<12} {row['sqlite_s']:>8.3f}s {row['postgresql_s']:>10.3f}s {row['ratio']:>5.2f}x  "
            f"{row['goal']} {'' if row['met'] is None else 'met' if row['met'] else 'NOT met'}".rstrip()
        )
    for engine, figures in crowd.items():
        print(
            f"concurrency {engine}: {figures['processes']} processes, {figures['updates']} updates at once, "
            f"{figures['landed']} landed, {figures['exit_0']} exited 0, {figures['seconds']:.3f}s"
        )
    (OUT / "postgres.json").write_text(
        json.dumps({"rows": rows, "concurrency": crowd, "runs": args.runs}, indent=2) + "\n", encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
