"""The exports' benchmark: ``scrtool export`` in each format (and ``scrtool report``) on stores of 20,000 and
100,000 actions, as whole processes, against the format's library alone writing the same cells.

    .venv/bin/python bench/export.py                          # 20k and 100k actions, 3 runs (a long while)
    .venv/bin/python bench/export.py --sizes 20000 --runs 1   # one size, one run
    .venv/bin/python bench/export.py --snapshot main          # the committed src/ of a revision (before/after)

The stores are imports of bench/generate.py's plans (seed 1). For each format the export is run once untimed,
its file read back (untimed) and kept as the floor's data: xlsx every sheet's values (openpyxl's read-only
mode), csv its rows, json its objects. The floor is a process that loads that data, then times only the
library's writing of it: openpyxl's write-only mode appending the same values to the same sheets (no styles),
csv.writer, json.dump with the export's indent. The ratio is the export's whole process (start-up, reading the
store, building the rows, writing) over that write alone; the goal is within 2x. markdown and the HTML report have
no library writing them: their times are shown without a ratio. Exits 0 whether or not the goals are met.
"""

from __future__ import annotations

import argparse
import csv
import json
import pickle
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from run import OUT, PYTHON, Job, compile_bytecode, log, run_checked, scrtool_command, time_round_robin, write_plan

GOAL = 2.0
FORMATS = ("xlsx", "csv", "json", "md")


def make_store(n_actions: int) -> Path:
    """The store of the ``n_actions`` plan (imported once; kept between runs of the benchmark)."""
    _, plan_file = write_plan(n_actions)
    store = OUT / "stores" / f"export-{n_actions}.db"
    if not store.exists() or store.stat().st_mtime < plan_file.stat().st_mtime:
        store.parent.mkdir(parents=True, exist_ok=True)
        store.unlink(missing_ok=True)
        log(f"importing {plan_file.name} into {store.name}")
        run_checked([*scrtool_command(), "import", str(plan_file), "--db", str(store)])
    return store


def floor_data(fmt: str, path: Path) -> object:
    """What the export at ``path`` holds, as the library's writer takes it."""
    if fmt == "xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        return {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)] for sheet in book}
    if fmt == "csv":
        with open(path, encoding="utf-8-sig", newline="") as f:
            return list(csv.reader(f))
    return json.loads(path.read_text(encoding="utf-8"))


def floor_write(fmt: str, data: object, out: Path) -> None:
    """The library alone writing ``data`` to ``out``."""
    if fmt == "xlsx":
        from openpyxl import Workbook

        book = Workbook(write_only=True)
        for title, rows in data.items():  # type: ignore[attr-defined]
            sheet = book.create_sheet(title)
            for row in rows:
                sheet.append(row)
        book.save(out)
    elif fmt == "csv":
        with open(out, "w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f, lineterminator="\n").writerows(data)  # type: ignore[arg-type]
    else:
        with open(out, "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False, indent=2)
            f.write("\n")


def floor_process(fmt: str, data_file: str, out: str) -> None:
    """``--floor``: load the data (untimed), write it, print the seconds the writing took."""
    with open(data_file, "rb") as f:
        data = pickle.load(f)
    start = time.perf_counter()
    floor_write(fmt, data, Path(out))
    print(f"{time.perf_counter() - start:.6f}")


def measure(n_actions: int, runs: int) -> list[tuple[str, float, float | None]]:
    """(measure, seconds, floor seconds or None) for each format and the report, at ``n_actions``."""
    store = make_store(n_actions)
    work = OUT / "export"
    work.mkdir(parents=True, exist_ok=True)
    jobs, floors = [], {}
    for fmt in FORMATS:
        out = work / f"board-{n_actions}.{fmt}"
        cmd = [*scrtool_command(), "export", "-o", str(out), "--db", str(store)]
        run_checked(cmd)
        jobs.append(Job(f"export {fmt}", cmd))
        if fmt != "md":
            data_file = work / f"floor-{n_actions}.{fmt}.pickle"
            data_file.write_bytes(pickle.dumps(floor_data(fmt, out)))
            floors[fmt] = [PYTHON, __file__, "--floor", fmt, str(data_file), str(work / f"floor-{n_actions}.{fmt}")]
    html = work / f"board-{n_actions}.html"
    jobs.append(Job("report", [*scrtool_command(), "report", "-o", str(html), "--db", str(store)]))
    floor_runs: dict[str, list[float]] = {fmt: [] for fmt in floors}
    for round_ in range(runs):
        time_round_robin(jobs, 1, warmup=0)
        for fmt, cmd in floors.items():
            floor_runs[fmt].append(float(run_checked(cmd, capture=True).stdout))
        log(
            f"  {n_actions}: round {round_ + 1}/{runs}: "
            + ", ".join(f"{f} floor {r[-1]:.2f}s" for f, r in floor_runs.items())
        )
    rows = []
    for job in jobs:
        fmt = job.name.removeprefix("export ")
        floor = statistics.median(floor_runs[fmt]) if fmt in floor_runs else None
        rows.append((f"{job.name}, {n_actions:,} actions", job.median, floor))
    return rows


def print_table(rows: Sequence[tuple[str, float, float | None]]) -> bool:
    print(f"{'measure':<34}  {'seconds':>8}  {'library':>8}  {'ratio':>6}  {'goal':<6}  result")
    print(f"{'-' * 34}  {'-' * 8}  {'-' * 8}  {'-' * 6}  {'-' * 6}  -------")
    met = True
    for name, seconds, floor in rows:
        if floor is None:
            print(f"{name:<34}  {seconds:8.2f}  {'-':>8}  {'-':>6}")
            continue
        ratio = seconds / floor
        met = met and ratio <= GOAL
        result = "met" if ratio <= GOAL else "NOT MET"
        print(f"{name:<34}  {seconds:8.2f}  {floor:8.2f}  {ratio:6.2f}  <= {GOAL:g}    {result}")
    print("all goals met" if met else "goals not met")
    return met


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", default="20000,100000", help="comma-separated numbers of actions")
    parser.add_argument("--runs", type=int, default=3, help="timed rounds (median shown)")
    parser.add_argument("--snapshot", metavar="REV", help="measure the committed src/ of REV (e.g. main)")
    parser.add_argument("--floor", nargs=3, metavar=("FMT", "DATA", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.floor:
        floor_process(*args.floor)
        return 0
    if args.snapshot:
        from run import use_snapshot

        use_snapshot(args.snapshot)
    where = run_checked([PYTHON, "-c", "import scrtool; print(scrtool.__file__)"], capture=True).stdout.strip()
    compile_bytecode(where)
    log(f"measuring {where}")
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        rows += measure(n, args.runs)
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
