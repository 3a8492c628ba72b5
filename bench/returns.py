"""The benchmark of issue 15: issuing returns for 50 agencies of a 100,000-action store, and applying them all,
each against openpyxl alone writing (or reading) the same cells. Goal: each within 2x.

    .venv/bin/python bench/returns.py                  # 100,000 actions, 50 agencies (a few minutes)
    .venv/bin/python bench/returns.py --actions 10000  # quicker

Runs in one process (the store made by ``save_plan`` from synthetic records, not timed). Timed, once each:
- issue: ``returns.issue.issue`` writing every agency's workbook and recording the issue, against openpyxl's
  write-only mode writing the same values (both sheets: the return's rows and its hidden record's) to as many files;
- apply: ``returns.apply.apply`` on every workbook, each with every row answered (a status and a note), against
  openpyxl's read-only mode reading every cell of the same files (both sheets). The answers are filled (not
  timed) by openpyxl.
Prints the figures and the ratios; exits 0 whether or not the goals are met (it is a report).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

GOAL = 2.0
STATUSES = ("completed", "in-progress", "not-started", "open")


def make_store(path: str, actions: int, agencies: int) -> None:
    """The plan: ``actions`` actions of ``agencies`` agencies, every ten of them cited by one recommendation (as
    a real plan's: the generated 100k plan has 10,000 recommendations)."""
    from scrtool.model import Action, Link, Plan, RecKind, Recommendation, RecRef, Report, Source, Status, action_id
    from scrtool.store.db import open_store
    from scrtool.store.write import save_plan

    cites: dict[tuple[int, str], list[str]] = {}
    for n in range(actions):
        cites.setdefault((n // 10 + 1, f"Agency {n % agencies + 1:02d}"), []).append(str(n // agencies + 1))
    recs = tuple(
        Recommendation(
            "bench", RecKind.RECOMMENDATION, str(r), f"Recommendation {r}: agencies should act.", Source("bench.md", r)
        )
        for r in sorted({r for r, _ in cites})
    )
    links = tuple(
        Link("bench", RecRef(RecKind.RECOMMENDATION, str(r)), agency, agency, tuple(refs), None, Source("bench.md", r))
        for (r, agency), refs in cites.items()
    )
    rows = []
    for n in range(actions):
        agency = f"Agency {n % agencies + 1:02d}"
        number = str(n // agencies + 1)
        status = Status(STATUSES[n % 7 % 4])
        rows.append(
            Action(
                action_id("bench", agency, number),
                "bench",
                agency,
                agency,
                number,
                f"Action {n}: review the pathway and report to the Board on what changed for children.",
                "Children seen and heard at every contact.",
                status.value,
                status,
                Source("bench.md", n + 10),
                target="2026-03-31",
                due="2026-03-31",
            )
        )
    report = Report("bench", "Benchmark plan", "bench.md", "0" * 64, "2026-01-01T00:00:00Z")
    store = open_store(path, create=True)
    try:
        save_plan(store, Plan(report, recs, links, tuple(rows), ()), on="2026-01-01")
    finally:
        store.close()


def issue(db: str, folder: str) -> tuple[float, list[str]]:
    from scrtool.rag import RagRule
    from scrtool.returns.issue import Choice
    from scrtool.returns.issue import issue as write_returns
    from scrtool.store.db import open_store

    store = open_store(db)
    try:
        start = time.perf_counter()
        done = write_returns(store, Choice(), folder, RagRule())
        took = time.perf_counter() - start
    finally:
        store.close()
    return took, [path for path, _, _ in done.files]


def openpyxl_write(files: list[str], folder: str, styled: bool = False) -> float:
    """The same cells (both sheets: the return and its record), values only, written by openpyxl's write-only
    mode; ``styled``: each context cell of the return's rows in a styled cell (grey, wrapped; made once per column
    and given each row's value, as scrtool writes them), the floor for a workbook Excel shows grey."""
    from openpyxl import Workbook, load_workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, PatternFill

    books = []
    for path in files:
        wb = load_workbook(path, read_only=True)
        books.append([[list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets])
        wb.close()
    start = time.perf_counter()
    for n, grids in enumerate(books):
        wb = Workbook(write_only=True)
        for k, grid in enumerate(grids):
            ws = wb.create_sheet(f"Sheet{k}")
            cells = [WriteOnlyCell(ws) for _ in range(8)]
            for cell in cells:
                cell.fill = PatternFill(fill_type="solid", start_color="EDEDED", end_color="EDEDED")
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            for number, row in enumerate(grid, start=1):
                if styled and k == 0 and number > 7:
                    for cell, value in zip(cells, row, strict=False):
                        cell.value = value
                    row = cells + row[8:]
                ws.append(row)
        wb.save(os.path.join(folder, f"plain-{n}.xlsx"))
    return time.perf_counter() - start


def fill(files: list[str]) -> None:
    from openpyxl import load_workbook

    for path in files:
        wb = load_workbook(path)
        ws = wb["Return"]
        for row in ws.iter_rows(min_row=8):
            row[8].value = "in-progress"
            row[10].value = "Reviewed at the quarterly meeting."
        wb.save(path)


def apply(db: str, files: list[str]) -> tuple[float, int]:
    from scrtool.returns.apply import Options
    from scrtool.returns.apply import apply as apply_file
    from scrtool.store.db import open_store

    store = open_store(db)
    recorded = 0
    try:
        start = time.perf_counter()
        for path in files:
            done = apply_file(store, path, Options())
            assert not done.problems, done.problems[:3]
            recorded += len(done.recorded)
        took = time.perf_counter() - start
    finally:
        store.close()
    return took, recorded


def openpyxl_read(files: list[str]) -> float:
    from openpyxl import load_workbook

    start = time.perf_counter()
    for path in files:
        wb = load_workbook(path, read_only=True)
        for ws in wb.worksheets:  # the return and its record: the cells apply reads
            for _ in ws.iter_rows(values_only=True):
                pass
        wb.close()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--agencies", type=int, default=50)
    args = parser.parse_args(argv)
    os.environ.setdefault("SCRTOOL_TODAY", "2026-01-15")
    import openpyxl  # noqa: F401  (both sides timed in a warm process: no import in either's figure)

    import scrtool.parse.returnbook  # noqa: F401
    import scrtool.render.returnbook  # noqa: F401

    with tempfile.TemporaryDirectory() as work:
        db = os.path.join(work, "store.db")
        make_store(db, args.actions, args.agencies)
        issue_s, files = issue(db, os.path.join(work, "returns"))
        plain_write = openpyxl_write(files, work)
        styled_write = openpyxl_write(files, work, styled=True)
        fill(files)
        apply_s, recorded = apply(db, files)
        plain_read = openpyxl_read(files)
    rows = sum(1 for n in range(args.actions) if STATUSES[n % 7 % 4] != "completed")
    print(f"store: {args.actions:,} actions, {args.agencies} agencies; {len(files)} returns, {rows:,} rows")
    print(
        f"issue: scrtool {issue_s:.2f} s, openpyxl write-only alone {plain_write:.2f} s: "
        f"ratio {issue_s / plain_write:.2f} (goal {GOAL}); openpyxl writing the context cells styled "
        f"{styled_write:.2f} s: ratio {issue_s / styled_write:.2f}"
    )
    print(
        f"apply: scrtool {apply_s:.2f} s ({recorded:,} entries recorded), openpyxl read-only alone "
        f"{plain_read:.2f} s: ratio {apply_s / plain_read:.2f} (goal {GOAL})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
