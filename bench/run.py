"""The benchmark of issue 4: import and query times of scrtool, as whole processes, against fixed floors.

    .venv/bin/python bench/run.py            # 1k, 10k and 100k actions (a few minutes)
    .venv/bin/python bench/run.py --quick    # 1k and 10k only, fewer runs (under a minute)

Every figure is the median wall time of several runs of a whole process (time.perf_counter around
subprocess.run); the commands compared by a ratio are run in turn, round after round, so a noisy machine slows
both sides of a ratio alike. Prints one table and a verdict, writes bench/out/results.json, and exits 0 whether
or not the goals are met (it is a report); only a crash or a failing command exits non-zero.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import operator
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from generate import Plan, generate_plan, render

BENCH = Path(__file__).resolve().parent
OUT = BENCH / "out"
PYTHON = sys.executable
FLOOR_CODE = "import typer, rich.table, rich.console"
MDIT_CODE = (
    "import sys; from markdown_it import MarkdownIt; "
    "MarkdownIt('commonmark').enable('table').parse(open(sys.argv[1], encoding='utf-8').read())"
)
MDIT_LABEL = "markdown-it-py 'commonmark' preset + enable('table'), parse() of the whole file"
MEMORY_CODE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
    "stdout=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
FORBIDDEN_MODULES = ("pandas", "markdown_it", "numpy")
SQL_LIST_OPEN = (
    "SELECT a.* FROM actions a WHERE a.id IN (SELECT action_id FROM action_agencies WHERE key = :key) "
    "AND a.status <> 'completed' ORDER BY a.report, a.seq"
)
"""``list --agency X --status open`` in SQL: ``open`` is every action not completed."""
MB = 1_000_000
SEED = 1


# running and timing ----------------------------------------------------------------------------------------------
def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def scrtool_command() -> list[str]:
    """The ``scrtool`` console script beside this python (as a user runs it), else ``python -m scrtool``."""
    script = Path(PYTHON).parent / "scrtool"
    return [str(script)] if script.exists() else [PYTHON, "-m", "scrtool"]


def run_checked(cmd: Sequence[str], capture: bool = False) -> subprocess.CompletedProcess[str]:
    """Run a command once; a failure is a crash of the benchmark, shown with the command's stderr."""
    result = subprocess.run(
        cmd, stdout=subprocess.PIPE if capture else subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if result.returncode != 0:
        raise RuntimeError(f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
    return result


def time_once(cmd: Sequence[str], before: Callable[[], None] | None = None) -> float:
    if before is not None:
        before()
    start = time.perf_counter()
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"command failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr[-2000:]}")
    return elapsed


@dataclass(slots=True)
class Job:
    """A command timed several times; ``before`` runs untimed ahead of each run (e.g. removing a store)."""

    name: str
    cmd: list[str]
    before: Callable[[], None] | None = None
    runs: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return statistics.median(self.runs)


def time_round_robin(jobs: Sequence[Job], runs: int, warmup: int = 1) -> None:
    """Run each job ``warmup`` times untimed, then ``runs`` rounds of one run of each job in turn."""
    for _ in range(warmup):
        for job in jobs:
            time_once(job.cmd, job.before)
    for round_ in range(runs):
        for job in jobs:
            job.runs.append(time_once(job.cmd, job.before))
        log(f"  round {round_ + 1}/{runs}: " + ", ".join(f"{j.name} {j.runs[-1]:.3f}s" for j in jobs))


# plans and stores ------------------------------------------------------------------------------------------------
def write_plan(n_actions: int) -> tuple[Plan, Path]:
    plan = generate_plan(n_actions, SEED)
    path = OUT / "plans" / f"plan-{n_actions}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = render(plan)
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8", newline="\n")
    return plan, path


def remove_store(path: Path) -> Callable[[], None]:
    def remove() -> None:
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)

    return remove


def import_cmd(plan_file: Path, store: Path) -> list[str]:
    return [*scrtool_command(), "import", str(plan_file), "--db", str(store)]


def check_import_is_clean(plan_file: Path, store: Path) -> str:
    """Import once (untimed) and return what it said; warnings would mean the generator wrote a bad plan."""
    remove_store(store)()
    result = run_checked(import_cmd(plan_file, store), capture=True)
    if result.stderr.strip():
        log(f"  warning: scrtool import said on stderr: {result.stderr.strip()[:500]}")
    return result.stdout.splitlines()[0] if result.stdout else ""


# measurements ----------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class ImportResult:
    actions: int
    bytes: int
    import_runs: list[float]
    mdit_runs: list[float]
    said: str

    @property
    def import_s(self) -> float:
        return statistics.median(self.import_runs)

    @property
    def mdit_s(self) -> float:
        return statistics.median(self.mdit_runs)


def measure_import(n_actions: int, runs: int) -> tuple[ImportResult, Path, Plan]:
    plan, plan_file = write_plan(n_actions)
    stores = OUT / "stores"
    stores.mkdir(parents=True, exist_ok=True)
    store = stores / f"import-{n_actions}.db"
    log(f"import {n_actions} actions ({plan_file.stat().st_size / MB:.1f} MB): {runs} runs each, fresh store each")
    said = check_import_is_clean(plan_file, store)
    jobs = [
        Job("scrtool import", import_cmd(plan_file, store), remove_store(store)),
        Job("markdown-it", [PYTHON, "-c", MDIT_CODE, str(plan_file)]),
    ]
    time_round_robin(jobs, runs, warmup=0)
    result = ImportResult(n_actions, plan_file.stat().st_size, jobs[0].runs, jobs[1].runs, said)
    return result, store, plan


def measure_peak_memory(plan_file: Path) -> float:
    """Peak RSS (MB) of one import into a fresh store, read by a dedicated parent process of that import alone."""
    store = OUT / "stores" / "memory.db"
    remove_store(store)()
    result = run_checked([PYTHON, "-c", MEMORY_CODE, *import_cmd(plan_file, store)], capture=True)
    maxrss = int(result.stdout.strip().splitlines()[-1])
    remove_store(store)()
    return maxrss / MB if sys.platform == "darwin" else maxrss * 1024 / MB


def sqlite_utils() -> Path | None:
    """sqlite-utils in the bench's own venv (bench/out/venv), installed on first use; None if it cannot be."""
    venv = OUT / "venv"
    exe = venv / ("Scripts" if os.name == "nt" else "bin") / "sqlite-utils"
    if exe.exists():
        return exe
    log("installing sqlite-utils into bench/out/venv (not a dependency of scrtool)")
    try:
        subprocess.run([PYTHON, "-m", "venv", "--clear", str(venv)], check=True, capture_output=True)
        pip = venv / ("Scripts" if os.name == "nt" else "bin") / "pip"
        subprocess.run([str(pip), "install", "-q", "sqlite-utils"], check=True, capture_output=True)
    except (subprocess.CalledProcessError, OSError) as exc:
        detail = exc.stderr.decode(errors="replace")[-500:] if isinstance(exc, subprocess.CalledProcessError) else exc
        log(f"sqlite-utils could not be installed; its comparison is skipped ({detail})")
        return None
    return exe if exe.exists() else None


def query_jobs(store: Path, plan: Plan, sqlite_utils_exe: Path | None) -> tuple[list[Job], dict[str, list[str]]]:
    """The whole-process query commands, and the scrtool ones again as argument lists for the module check."""
    agency = plan.agencies[0].name
    key = agency.casefold()
    db = ["--db", str(store)]
    scrtool_args = {
        "list": ["list", "--agency", agency, "--status", "open", *db],
        "trace": ["trace", str(plan.traceable()), *db],
        "summary": ["summary", *db],
        "list --format json": ["list", "--format", "json", *db],
    }
    jobs = [Job("floor", [PYTHON, "-c", FLOOR_CODE])]
    jobs += [Job(name, [*scrtool_command(), *args]) for name, args in scrtool_args.items()]
    if sqlite_utils_exe is not None:
        jobs.append(Job("sqlite-utils", [str(sqlite_utils_exe), "query", str(store), SQL_LIST_OPEN, "-p", "key", key]))
    return jobs, scrtool_args


def check_queries(jobs: Sequence[Job]) -> dict[str, int]:
    """Run each query once and return its output size in lines, so an empty answer is visible."""
    return {job.name: len(run_checked(job.cmd, capture=True).stdout.splitlines()) for job in jobs}


def imported_modules(args: Sequence[str]) -> dict[str, object]:
    """What ``python -X importtime -m scrtool ARGS`` imports: forbidden packages and the costliest top-level ones."""
    result = subprocess.run(
        [PYTHON, "-X", "importtime", "-m", "scrtool", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    if result.returncode != 0:
        raise RuntimeError(f"scrtool {' '.join(args)} failed under -X importtime:\n{result.stderr[-2000:]}")
    names: set[str] = set()
    top_level: list[tuple[int, str]] = []
    for line in result.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        _, cumulative, name = line[len("import time:") :].split("|")
        if not cumulative.strip().isdigit():
            continue  # the column headings
        names.add(name.strip().split(".")[0])
        if not name.startswith("  "):  # nested imports are indented under their importer
            top_level.append((int(cumulative), name.strip()))
    top_level.sort(reverse=True)
    return {
        "forbidden": [m for m in FORBIDDEN_MODULES if m in names],
        "top_cumulative_us": [[name, us] for us, name in top_level[:8]],
    }


# goals -----------------------------------------------------------------------------------------------------------
@dataclass(slots=True)
class Row:
    measure: str
    seconds: float | None
    ratio: str
    goal: str = ""
    met: bool | None = None
    """None: no goal on this row (or skipped)."""
    skipped: str = ""

    def verdict(self) -> str:
        if self.skipped:
            return f"skipped ({self.skipped})"
        return "" if self.met is None else ("met" if self.met else "NOT MET")


def goal_row(
    measure: str, seconds: float | None, value: float, unit: str, goal: str, ok: Callable[[float], bool]
) -> Row:
    return Row(measure, seconds, f"{value:.2f}{unit}", goal, ok(value))


def import_rows(imports: dict[int, ImportResult]) -> list[Row]:
    rows: list[Row] = []
    for n, res in imports.items():
        rows.append(Row(f"markdown-it tokenize {n} actions ({res.bytes / MB:.1f} MB)", res.mdit_s, "1.00"))
        ratio = res.import_s / res.mdit_s
        if n == 10_000:
            rows.append(
                goal_row(f"import {n} actions / markdown-it", res.import_s, ratio, "", "<= 0.25", lambda r: r <= 0.25)
            )
            rows.append(
                goal_row(
                    f"import {n} actions throughput",
                    res.import_s,
                    res.bytes / MB / res.import_s,
                    " MB/s",
                    ">= 15 MB/s",
                    lambda r: r >= 15,
                )
            )
        else:
            rows.append(
                Row(
                    f"import {n} actions / markdown-it",
                    res.import_s,
                    f"{ratio:.2f}",
                    f"({res.bytes / MB / res.import_s:.2f} MB/s)",
                )
            )
    if 10_000 in imports and 100_000 in imports:
        scale = imports[100_000].import_s / imports[10_000].import_s
        rows.append(
            goal_row("import 100k / import 10k", imports[100_000].import_s, scale, "", "<= 12", lambda r: r <= 12)
        )
    else:
        rows.append(Row("import 100k / import 10k", None, "-", "<= 12", skipped="needs sizes 10000 and 100000"))
    return rows


def memory_row(n_actions: int, peak_mb: float) -> Row:
    row = goal_row(f"peak memory, import {n_actions} actions", None, peak_mb, " MB", "< 400 MB", lambda m: m < 400)
    if n_actions != 100_000:
        row.met, row.skipped = None, "the goal is for 100000 actions"
    return row


def query_rows(jobs: Sequence[Job], n_actions: int, modules: dict[str, dict[str, object]]) -> list[Row]:
    by_name = {job.name: job for job in jobs}
    floor = by_name["floor"].median
    limits = {"list": 1.3, "trace": 1.3, "summary": 1.5}
    rows = [Row(f"floor: python -c '{FLOOR_CODE}'", floor, "1.00")]
    for job in jobs[1:]:
        label = f"{job.name} ({n_actions} store) / floor"
        if job.name in limits:
            limit = limits[job.name]
            rows.append(
                goal_row(
                    label, job.median, job.median / floor, "", f"<= {limit}", functools.partial(operator.ge, limit)
                )
            )
        else:
            rows.append(Row(label, job.median, f"{job.median / floor:.2f}"))
    if "sqlite-utils" in by_name:
        ratio = by_name["list"].median / by_name["sqlite-utils"].median
        rows.append(
            goal_row(
                "list / sqlite-utils query, same filter", by_name["list"].median, ratio, "", "< 1", lambda r: r < 1
            )
        )
    else:
        rows.append(
            Row("list / sqlite-utils query, same filter", None, "-", "< 1", skipped="sqlite-utils not installed")
        )
    for name, found in modules.items():
        forbidden = found["forbidden"]
        assert isinstance(forbidden, list)
        rows.append(
            Row(f"{name}: imports pandas/markdown_it/numpy", None, ",".join(forbidden) or "none", "none", not forbidden)
        )
    return rows


def print_table(rows: Sequence[Row]) -> None:
    header = ("measure", "seconds", "ratio", "goal", "result")
    cells = [(r.measure, "-" if r.seconds is None else f"{r.seconds:.3f}", r.ratio, r.goal, r.verdict()) for r in rows]
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(len(header))]
    for line in [header, tuple("-" * w for w in widths), *cells]:
        print(
            "  ".join(
                cell.ljust(w) if i in (0, 3, 4) else cell.rjust(w)
                for i, (cell, w) in enumerate(zip(line, widths, strict=True))
            ).rstrip()
        )


def verdict(rows: Sequence[Row]) -> tuple[bool, str]:
    failed = [r.measure for r in rows if r.met is False and not r.skipped]
    skipped = [r.measure for r in rows if r.skipped]
    if failed:
        return False, "goals not met: " + "; ".join(failed)
    note = f" (skipped: {'; '.join(skipped)})" if skipped else ""
    return True, "all goals met" + note


# main ------------------------------------------------------------------------------------------------------------
def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--quick", action="store_true", help="1k and 10k actions only, fewer runs")
    parser.add_argument("--sizes", help="comma-separated action counts (default 1000,10000,100000)")
    parser.add_argument(
        "--import-runs",
        type=int,
        help="runs per import size (default 7, and 3 for 100k actions or more; 3 with --quick)",
    )
    parser.add_argument("--query-runs", type=int, help="runs per query (default 7; 5 with --quick)")
    parser.add_argument(
        "--snapshot",
        nargs="?",
        const="HEAD",
        metavar="REV",
        help="measure the src/ of commit REV (default HEAD), not the working tree",
    )
    args = parser.parse_args(argv)
    sizes = args.sizes or ("1000,10000" if args.quick else "1000,10000,100000")
    args.sizes = sorted({int(s) for s in sizes.split(",") if s.strip()})
    # None: by size (see import_runs_for)
    args.query_runs = args.query_runs or (5 if args.quick else 7)
    return args


def import_runs_for(n_actions: int, args: argparse.Namespace) -> int:
    """Runs of each import: 7 where a round takes a few seconds (a median of 7 stands an odd slow disk sync), 3 for
    the 100k plan (a round there is about 20 s); 3 with --quick; --import-runs for every size."""
    if args.import_runs:
        return int(args.import_runs)
    if args.quick:
        return 3
    return 3 if n_actions >= 100_000 else 7


def git(*args: str) -> str:
    result = subprocess.run(["git", *args], cwd=BENCH, capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 else ""


def use_snapshot(rev: str) -> str:
    """Measure the committed ``src/`` of ``rev`` instead of the working tree (which someone may be editing):
    extract it under bench/out and put it first on the PYTHONPATH every child inherits. Returns the commit."""
    commit = git("rev-parse", "--short", rev)
    if not commit:
        raise RuntimeError(f"git cannot resolve {rev!r}")
    target = OUT / "snapshot"
    shutil.rmtree(target, ignore_errors=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "src"], cwd=BENCH.parent, capture_output=True, check=True
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):
            tar.extractall(target, filter="data")
        else:  # python < 3.11.4; our own repository's archive
            tar.extractall(target)
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(target / "src"), os.environ.get("PYTHONPATH")) if p)
    log(f"measuring src/ of commit {commit} (extracted to {target / 'src'})")
    return commit


def compile_bytecode(where: str) -> None:
    """Compile the measured package's modules, as ``pip install`` does for an installed package: with
    PYTHONDONTWRITEBYTECODE set (as on this machine) an editable install would otherwise compile every module
    from source in every process, and the start-up of each command would be timed with its compiling."""
    run_checked([PYTHON, "-m", "compileall", "-q", str(Path(where).parent)])


def machine(snapshot: str | None) -> dict[str, object]:
    where = run_checked([PYTHON, "-c", "import scrtool; print(scrtool.__file__)"], capture=True).stdout.strip()
    compile_bytecode(where)
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "scrtool": " ".join(scrtool_command()),
        "scrtool_module": where,
        "commit": snapshot or git("rev-parse", "--short", "HEAD"),
        "src_changed_since_commit": False if snapshot else bool(git("status", "--porcelain", "--", "../src")),
        "markdown_it": MDIT_LABEL,
        "seed": SEED,
        "bytecode": "compiled before timing (compileall)",
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    snapshot = use_snapshot(args.snapshot) if args.snapshot else None
    about = machine(snapshot)
    imports: dict[int, ImportResult] = {}
    store = plan_file = None
    plan: Plan | None = None
    for n in args.sizes:
        imports[n], store, plan = measure_import(n, import_runs_for(n, args))
        plan_file = OUT / "plans" / f"plan-{n}.md"
    assert store is not None and plan is not None and plan_file is not None
    largest = args.sizes[-1]
    log(f"peak memory of one import of {largest} actions")
    peak_mb = measure_peak_memory(plan_file)
    log(f"queries on the {largest}-action store: {args.query_runs} runs each, in turn")
    if not store.exists():
        run_checked(import_cmd(plan_file, store))
    jobs, scrtool_args = query_jobs(store, plan, sqlite_utils())
    lines = check_queries(jobs)
    time_round_robin(jobs, args.query_runs)
    modules = {name: imported_modules(scrtool_args[name]) for name in ("list", "trace", "summary")}
    rows = import_rows(imports) + [memory_row(largest, peak_mb)] + query_rows(jobs, largest, modules)
    print_table(rows)
    ok, line = verdict(rows)
    print(line)
    results = {
        "machine": about,
        "imports": [asdict(r) for r in imports.values()],
        "peak_memory_mb": peak_mb,
        "queries": {
            j.name: {"cmd": j.cmd, "runs": j.runs, "median": j.median, "output_lines": lines[j.name]} for j in jobs
        },
        "modules": modules,
        "rows": [asdict(r) | {"result": r.verdict()} for r in rows],
        "all_goals_met": ok,
        "verdict": line,
    }
    (OUT / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    log(f"results written to {OUT / 'results.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
