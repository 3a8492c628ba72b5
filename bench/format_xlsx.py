"""The Excel reader's cost: ``scrtool import plan.xlsx`` against openpyxl's own ``load_workbook`` of the same file.

    .venv/bin/python bench/format_xlsx.py            # 1k and 10k actions, and the memory of a 50,000-row sheet
    .venv/bin/python bench/format_xlsx.py --quick    # 1k only, 3 runs

Both sides are whole processes (python started, the file read; scrtool also stores the plan in a new store), timed
in turn round after round (median), so a noisy machine slows both alike. The goal (issue 12) is an import at most
1.3x openpyxl's load. The workbook is the shape a partnership keeps: an overview sheet of recommendations citing
actions, then a sheet per agency (title row, header on row 3, status words in filled cells, one status in ten
given only by its cell's fill), and a Key sheet. Prints one table; exits 0 whether or not the goal is met.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PYTHON = sys.executable
SCRTOOL = Path(PYTHON).parent / "scrtool"
LOAD_CODE = "import sys, openpyxl; openpyxl.load_workbook(sys.argv[1])"
MEMORY_CODE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
AGENCIES = (
    "Northshire Police",
    "Riverside Health",
    "Children's Services",
    "Education Service",
    "Probation Service",
    "Housing Department",
    "Ambulance Trust",
    "Safeguarding Board",
)
FILLS = {"Completed": "0070C0", "In progress": "00B050", "Delayed": "FFC000", "Not started": "FF0000"}
WORDS = (
    "Lorem staff training audit guidance referral assessment children family records supervision review "
    "escalation meeting health visitor police social worker school report board"
).split()


def make_workbook(path: Path, actions: int, seed: int = 1) -> None:
    """A plan of ``actions`` actions over eight agency sheets, ten actions to a recommendation."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    rng = random.Random(seed)
    fills = {word: PatternFill("solid", fgColor=code) for word, code in FILLS.items()}
    book = Workbook()
    overview = book.active
    overview.title = "Overview"
    overview.append(["Bench plan: recommendations"])
    overview.append([])
    overview.append(["Rec No.", "Recommendation", "Agency", "Action No."])
    per_agency = [actions // len(AGENCIES) + (i < actions % len(AGENCIES)) for i in range(len(AGENCIES))]
    for rec in range(1, actions // 10 + 1):
        which = rng.randrange(len(AGENCIES))
        cited = ", ".join(str(rng.randint(1, max(per_agency[which], 1))) for _ in range(2))
        overview.append([rec, _sentence(rng), AGENCIES[which], f"Actions: {cited}"])
    for agency, count in zip(AGENCIES, per_agency, strict=True):
        ws = book.create_sheet(agency)
        ws.append([f"{agency} action plan"])
        ws["A1"].font = Font(bold=True, size=14)
        ws.append([])
        ws.append(["Action No", "Action", "Outcome", "Status", "Target date"])
        for number in range(1, count + 1):
            status = rng.choice(tuple(FILLS))
            ws.append(
                [
                    number,
                    _sentence(rng),
                    _sentence(rng),
                    None if number % 10 == 0 else status,
                    f"31/03/20{rng.randint(24, 27)}",
                ]
            )
            ws.cell(ws.max_row, 4).fill = fills[status]
    key = book.create_sheet("Key")
    for word in FILLS:
        key.append([None, word])
        key.cell(key.max_row, 1).fill = fills[word]
    book.save(path)


def _sentence(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 20))).capitalize() + "."


def timed(cmd: list[str], store: Path | None = None) -> float:
    if store is not None:
        store.unlink(missing_ok=True)
    start = time.perf_counter()
    done = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return elapsed


def compare(path: Path, work: Path, runs: int) -> tuple[float, float]:
    """Median seconds of the import and of openpyxl's load, run in turn (one warm-up round first)."""
    store = work / "bench.db"
    imports: list[float] = []
    loads: list[float] = []
    for round_ in range(runs + 1):
        imported = timed([str(SCRTOOL), "import", "--db", str(store), "--quiet", str(path)], store)
        loaded = timed([PYTHON, "-c", LOAD_CODE, str(path)])
        if round_:
            imports.append(imported)
            loads.append(loaded)
    return statistics.median(imports), statistics.median(loads)


def peak_mb(cmd: list[str]) -> float:
    done = subprocess.run([PYTHON, "-c", MEMORY_CODE, *cmd], capture_output=True, text=True, check=True)
    return int(done.stdout.strip().splitlines()[-1]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1k actions only, 3 runs")
    args = parser.parse_args()
    sizes, runs = ((1000,), 3) if args.quick else ((1000, 10000), 5)
    rows: list[tuple[str, float, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for size in sizes:
            path = work / f"plan-{size}.xlsx"
            make_workbook(path, size)
            imported, loaded = compare(path, work, runs)
            rows.append(
                (f"openpyxl load_workbook, {size} actions ({path.stat().st_size / 1e6:.2f} MB)", loaded, "1.00", "")
            )
            ratio = imported / loaded
            rows.append(
                (
                    f"scrtool import {size} actions / openpyxl",
                    imported,
                    f"{ratio:.2f}",
                    "met" if ratio <= 1.3 else "NOT MET",
                )
            )
        if not args.quick:
            path = work / "plan-50000.xlsx"
            make_workbook(path, 50000)
            store = work / "memory.db"
            rows.append(
                (
                    "peak memory, openpyxl load_workbook of 50,000 rows",
                    0.0,
                    f"{peak_mb([PYTHON, '-c', LOAD_CODE, str(path)]):.0f} MB",
                    "",
                )
            )
            rows.append(
                (
                    "peak memory, scrtool import of 50,000 rows",
                    0.0,
                    f"{peak_mb([str(SCRTOOL), 'import', '--db', str(store), '--quiet', str(path)]):.0f} MB",
                    "",
                )
            )
    print(f"{'measure':<62} {'seconds':>8} {'ratio':>8}  goal <= 1.3")
    for measure, seconds, shown_ratio, result in rows:
        print(f"{measure:<62} {f'{seconds:.3f}' if seconds else '-':>8} {shown_ratio:>8}  {result}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
