"""The Word reader's benchmark (issue 12): a whole `scrtool import` of a plan made as a Word document, against a
whole process of python-docx's own load of the same file (`docx.Document(path)`). Goal: at most 1.3x.

    .venv/bin/python bench/format_docx.py            # 1k and 10k actions, 7 rounds
    .venv/bin/python bench/format_docx.py --quick    # 1k only, 3 rounds

The plan is bench/generate.py's (the Infant Y shape), laid out as a partnership's Word document by the shape of
tests/fixtures/formats/make_infant_y.py (merged continuation cells, repeated header rows) and written straight into
a document python-docx made (its styles and numbering), so a 10,000-action document takes a second to make.
Prints one table; exits 0 whether or not the goal is met (it is a report).
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from generate import generate_plan, render
from run import OUT, PYTHON, SEED, Job, log, remove_store, run_checked, scrtool_command, time_round_robin

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from fixtures.formats.make_infant_y import Grid, segments  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
LOAD_CODE = "import sys, docx; docx.Document(sys.argv[1])"
IN_PROCESS = """
import statistics, sys, time
import docx
from scrtool.parse.formats import open_document
ours, theirs = [], []
for _ in range(int(sys.argv[2])):
    start = time.perf_counter(); list(open_document(sys.argv[1]).blocks); ours.append(time.perf_counter() - start)
    start = time.perf_counter(); docx.Document(sys.argv[1]); theirs.append(time.perf_counter() - start)
print(statistics.median(ours), statistics.median(theirs))
"""
"""The reading alone, in one warm process: scrtool's Word reader (every block) against python-docx's load."""
GOAL = 1.3


def _cell(grid: Grid, row: int, column: int, text: str) -> str:
    props = ""
    for col, first, last in grid.down:
        if col == column and first <= row <= last:
            props = '<w:vMerge w:val="restart"/>' if row == first else "<w:vMerge/>"
    for at, left, right in grid.across:
        if at == row and left == column:
            props += f'<w:gridSpan w:val="{right - left + 1}"/>'
        elif at == row and left < column <= right:
            return ""
    shown = "" if props.endswith("<w:vMerge/>") else escape(text)
    return f'<w:tc><w:tcPr>{props}</w:tcPr><w:p><w:r><w:t xml:space="preserve">{shown}</w:t></w:r></w:p></w:tc>'


def _table(grid: Grid) -> str:
    rows = []
    for i, row in enumerate(grid.rows):
        props = "<w:trPr><w:tblHeader/></w:trPr>" if i in grid.repeat else ""
        rows.append(f"<w:tr>{props}{''.join(_cell(grid, i, j, text) for j, text in enumerate(row))}</w:tr>")
    return f'<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/></w:tblPr>{"".join(rows)}</w:tbl>'


def make_docx(markdown: str, path: Path) -> None:
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    body = []
    for part in segments(markdown):
        if isinstance(part, str):
            body.append(f"<w:p><w:r><w:t>{escape(part)}</w:t></w:r></w:p>")
        else:
            if part.agency:
                body.append(
                    f'<w:p><w:pPr><w:pStyle w:val="Heading2"/></w:pPr><w:r><w:t>{escape(part.agency)}</w:t></w:r></w:p>'
                )
            body.append(_table(part))
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="{W}"><w:body>'
        f"{''.join(body)}<w:sectPr/></w:body></w:document>"
    )
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = document.encode() if info.filename == "word/document.xml" else source.read(info)
            target.writestr(info, data)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="1k actions only, 3 rounds")
    args = parser.parse_args(argv)
    sizes, runs = ((1000,), 3) if args.quick else ((1000, 10000), 7)
    folder = OUT / "formats"
    folder.mkdir(parents=True, exist_ok=True)
    lines = [f"{'measure':<52} {'seconds':>8} {'ratio':>6}  goal     result", "-" * 84]
    verdicts = []
    for size in sizes:
        path = folder / f"plan-{size}.docx"
        make_docx(render(generate_plan(size, SEED)), path)
        store = folder / f"store-{size}.db"
        remove_store(store)()
        said = run_checked([*scrtool_command(), "import", str(path), "--db", str(store)], capture=True)
        log(f"{path.name} ({path.stat().st_size / 1e6:.1f} MB): {said.stdout.splitlines()[0]}")
        if said.stderr.strip():
            log(f"  scrtool import said on stderr: {said.stderr.strip()[:300]}")
        jobs = [
            Job("python-docx", [PYTHON, "-c", LOAD_CODE, str(path)]),
            Job("import", [*scrtool_command(), "import", str(path), "--db", str(store)], remove_store(store)),
        ]
        time_round_robin(jobs, runs)
        load, imported = (statistics.median(job.runs) for job in jobs)
        ratio = imported / load
        verdicts.append(ratio <= GOAL)
        lines.append(f"{f'python-docx Document() of {size} actions':<52} {load:8.3f} {1:6.2f}")
        lines.append(
            f"{f'import {size} actions / python-docx load':<52} {imported:8.3f} {ratio:6.2f}  <= {GOAL}   "
            f"{'met' if ratio <= GOAL else 'NOT MET'}"
        )
        warm = run_checked([PYTHON, "-c", IN_PROCESS, str(path), str(runs)], capture=True).stdout.split()
        reader, loader = float(warm[0]), float(warm[1])
        lines.append(f"{f'  in one process: python-docx Document() {size}':<52} {loader:8.3f} {1:6.2f}")
        lines.append(f"{'  in one process: Word reader, every block / it':<52} {reader:8.3f} {reader / loader:6.2f}")
    print("\n".join(lines))
    print("goal met" if all(verdicts) else "goal not met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
