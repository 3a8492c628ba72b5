"""PDF import against pdfplumber's own reading of the plan's pages (issue 12's goal: at most 1.3x), as whole
processes, for the Infant Y plan on its own (13 portrait pages) and in a 41-page report (the plan a 12-page
landscape appendix: scrtool finds those pages itself; pdfplumber is told them).

    .venv/bin/python bench/format_pdf.py [--runs N]

The files are tests/fixtures/formats/*.pdf (made from Word by LibreOffice). pdfplumber's side is a process that
opens the file and calls ``extract_tables()`` on each of the plan's pages; scrtool's is ``scrtool import`` into a
new store. The two are run in turn, round after round; each figure is the median wall time. Exits 0 either way.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "fixtures" / "formats"
PYTHON = sys.executable
PLUMBER = (
    "import sys, pdfplumber\n"
    "first, last = map(int, sys.argv[2].split('-'))\n"
    "with pdfplumber.open(sys.argv[1]) as pdf:\n"
    "    for page in pdf.pages[first - 1:last]:\n"
    "        page.extract_tables()\n"
)
CASES = [
    ("Infant Y plan, 13 pages", "infant-y.pdf", "1-13"),
    ("41-page report, plan on pages 30-41", "infant-y-report.pdf", "30-41"),
]
GOAL = 1.3


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def scrtool() -> list[str]:
    script = Path(PYTHON).parent / "scrtool"
    return [str(script)] if script.exists() else [PYTHON, "-m", "scrtool"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    print(f"{'measure':<56}  {'scrtool':>8}  {'pdfplumber':>10}  {'ratio':>6}  goal")
    with tempfile.TemporaryDirectory() as tmp:
        for label, name, pages in CASES:
            path = str(FORMATS / name)
            ours: list[float] = []
            theirs: list[float] = []
            for run in range(runs + 1):
                db = f"{tmp}/{name}-{run}.db"
                mine = timed([*scrtool(), "import", path, "--db", db, "--quiet"])
                plumber = timed([PYTHON, "-c", PLUMBER, path, pages])
                if run:  # the first round warms the disk cache and compiles bytecode
                    ours.append(mine)
                    theirs.append(plumber)
            a, b = statistics.median(ours), statistics.median(theirs)
            verdict = "met" if a / b <= GOAL else "NOT MET"
            print(
                f"{'import ' + label + ' / pdfplumber':<56}  {a:>7.3f}s  {b:>9.3f}s  {a / b:>6.2f}  "
                f"<= {GOAL}  {verdict}"
            )
        whole = statistics.median(timed([PYTHON, "-c", PLUMBER, str(FORMATS / CASES[1][1]), "1-41"]) for _ in range(3))
        print(f"{'(pdfplumber reading all 41 pages of the report)':<56}  {'':>8}  {whole:>9.3f}s")


if __name__ == "__main__":
    main()
