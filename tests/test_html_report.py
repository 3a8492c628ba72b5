"""`scrtool board`: one self-contained HTML page whose counts agree with `summary`, with report text escaped, no
script, no link and a Content-Security-Policy; loaded in a real headless browser (Debian's chromium) when there
is one."""

from __future__ import annotations

import os
import re
import shutil
import signal
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import SAMPLES, run, write
from scrtool.errors import ExitCode
from scrtool.render import html

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = str(SAMPLES / "child-t.md")
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
NASTY = (
    "| Rec No. | Recommendation | IMR Agency | IMR Action No. |\n|---|---|---|---|\n"
    "| 1 | <b>Bold</b> [x](javascript:alert(1)) \u202eevil | Police | Actions 1-2 |\n\n"
    "| Police | Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
    "| Police | 1 | <script>alert(1)</script> | <img src=x onerror=alert(2)> | Completed |\n"
    "| Police | 2 | see javascript:alert(3) and https://example.org/x | \"quoted' <a href=//evil.example>x</a> "
    "| In progress |\n"
)
URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "data", "xlink:href"}
CHROMIUM = shutil.which("chromium")
needs_browser = pytest.mark.skipif(
    CHROMIUM is None, reason="no chromium on this machine (.ci/run installs Debian's chromium)"
)


@pytest.fixture
def sample_report(tmp_path: Path) -> Path:
    assert run("import", SAMPLE).exit_code == 0
    out = tmp_path / "board-report.html"
    result = run("board", "-o", str(out))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        f"wrote the board report of child-t to {out}: 11 actions (and 2 unnumbered responses), "
        "4 not completed, 1 overdue\n"
    )
    return out


@pytest.fixture
def nasty_report(tmp_path: Path) -> Path:
    assert run("import", write(tmp_path, "nasty.md", NASTY)).exit_code == 0
    out = tmp_path / "nasty.html"
    assert run("board", "-o", str(out)).exit_code == 0
    return out


class Page(HTMLParser):
    """Every start tag with its attributes, and the cells of the rows and the figures the tests read."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.rows: list[tuple[dict[str, str | None], list[str]]] = []
        self.figures: dict[str, str] = {}
        self.texts: list[str] = []
        self._row: list[str] | None = None
        self._figure: str | None = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "tr":
            self._row = []
            self.rows.append((found, self._row))
        elif tag in ("td", "th") and self._row is not None:
            self._row.append("")
        elif tag == "dd":
            self._figure = found.get("data-count")

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr":
            self._row = None
        elif tag == "dd":
            self._figure = None

    def handle_data(self, data: str) -> None:
        self.texts.append(data)
        if self._row:
            self._row[-1] += data
        if self._figure:
            self.figures[self._figure] = data

    def rows_of(self, css: str) -> list[list[str]]:
        return [[c.strip() for c in cells] for attrs, cells in self.rows if css in (attrs.get("class") or "").split()]

    def with_attr(self, name: str) -> list[dict[str, str | None]]:
        return [attrs for _, attrs in self.tags if name in attrs]


def check_counts(page: Page) -> None:
    """The counts of the sample as `scrtool summary` gives them (SCRTOOL_TODAY=2026-01-15)."""
    assert page.figures == {"actions": "11", "completed": "7", "open": "4", "overdue": "1", "responses": "2"}
    assert [row[:5] + row[6:10] for row in page.rows_of("agency")] == [
        ["Northshire Police", "2", "1", "1", "0", "50%", "0", "0", "2"],
        ["Riverside Health", "4", "3", "1", "1", "75%", "1", "0", "3"],
        ["Children's Services", "5", "3", "2", "0", "60%", "0", "1", "4"],
    ]
    assert [(r["data-rec"], r["data-cited"], r["data-completed"]) for r in page.with_attr("data-rec")] == [
        ("1", "5", "3"),
        ("2", "2", "0"),
        ("3", "0", "0"),
        ("R1", "0", "0"),
    ]
    assert [r["data-missing"] for r in page.with_attr("data-missing")] == ["9"]
    assert [(row[0], row[1], row[2], row[3], row[4][:10]) for row in page.rows_of("open")] == [
        ("Riverside Health", "4", "open", "red", "2025-12-31"),
        ("Northshire Police", "2", "in-progress", "green", ""),
        ("Children's Services", "2.2", "not-started", "amber", "2026-01-31"),
        ("Children's Services", "3", "in-progress", "green", ""),
    ]
    every = page.rows_of("all")
    assert len(every) == 13 and sum(row[1] == "completed" for row in every) == 9  # closed actions stay


def test_select_autoescape_would_skip_the_template_so_autoescape_is_explicit() -> None:
    from jinja2 import select_autoescape

    assert html.TEMPLATE.endswith(".html.j2")
    assert select_autoescape()(html.TEMPLATE) is False  # the trap: .html.j2 is not an "html" extension
    env = html.environment()
    assert env.autoescape is True
    assert env.from_string("{{ x }}").render(x="<script>") == "&lt;script&gt;"


def test_report_counts_agree_with_summary(sample_report: Path) -> None:
    text = sample_report.read_text(encoding="utf-8")
    check_counts(Page(text))
    terminal = [
        [c.strip() for c in line.split("│")[1:-1]]
        for line in run("summary").stdout.splitlines()
        if line.startswith("│")
    ]
    page = Page(text)
    for agency, rag in zip(terminal[:3], terminal[3:6], strict=True):
        row = next(r for r in page.rows_of("agency") if r[0] == agency[0])
        assert (row[1], row[2], row[6], row[7:10]) == (agency[1], agency[2], rag[1].split()[-1], rag[2:5])


def test_report_escapes_text_and_emits_no_script_and_no_link(nasty_report: Path) -> None:
    text = nasty_report.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&lt;img src=x onerror=alert(2)&gt;" in text
    assert "Bold [x](javascript:alert(1)) \ufffdevil" in text  # the reader drops the <b> tags
    assert "&#34;quoted&#39; x" in text  # quotes escaped (the reader keeps the link's text only)
    assert "see javascript:alert(3) and https://example.org/x" in text  # a URL stays text
    assert "<script" not in text.lower() and "\u202e" not in text
    page = Page(text)
    assert {tag for tag, _ in page.tags} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "p",
        "strong",
        "dl",
        "div",
        "dt",
        "dd",
        "section",
        "h2",
        "table",
        "thead",
        "tr",
        "th",
        "tbody",
        "td",
        "span",
        "h3",
        "h4",
        "footer",
        "figure",
        "figcaption",
        "svg",
        "defs",
        "pattern",
        "rect",
        "line",
        "path",
        "text",
    }
    links = [(name, value) for _, attrs in page.tags for name, value in attrs.items() if name in URL_ATTRIBUTES]
    assert [link for link in links if not re.match(r"https?://", link[1] or "")] == []
    assert [name for _, attrs in page.tags for name in attrs if name.startswith("on")] == []
    metas = [attrs for tag, attrs in page.tags if tag == "meta"]
    assert {"http-equiv": "Content-Security-Policy", "content": CSP} in metas
    assert metas[0] == {"charset": "utf-8"} and metas[1]["http-equiv"] == "Content-Security-Policy"
    assert re.findall(r"url\((?!#c\d+-(?:open|overdue)\))", text) == [] and "@import" not in text  # the CSS
    # and the chart fetch nothing: the only url() are the chart's own patterns, in the page


def test_report_lists_the_changes_since_a_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCRTOOL_TODAY", "2025-10-01")
    assert run("import", SAMPLE).exit_code == 0
    monkeypatch.setenv("SCRTOOL_TODAY", "2026-01-15")
    assert (
        run(
            "update",
            "Riverside Health",
            "4",
            "--status",
            "completed",
            "--note",
            "Audit reported <in full>",
            "--evidence",
            "minutes",
            "--by",
            "J Smith",
        ).exit_code
        == 0
    )
    out = tmp_path / "r.html"
    result = run("board", "-o", str(out), "--since", "2026-01-01")
    assert result.stdout.endswith(
        ": 11 actions (and 2 unnumbered responses), 3 not completed, 0 overdue, 1 changes since 2026-01-01\n"
    )
    page = Page(out.read_text(encoding="utf-8"))
    assert page.rows_of("change") == [
        [
            "2026-01-15",
            "Riverside Health 4",
            "open \u2192 completed",
            "",
            "J Smith",
            "Audit reported <in full>",
            "minutes",
            "manual",
        ]
    ]
    assert "Changes since 2026-01-01" in page.texts
    assert run("board", "-o", str(out)).exit_code == 0
    page = Page(out.read_text(encoding="utf-8"))
    assert page.rows_of("change") == []
    assert any("run scrtool board with --since YYYY-MM-DD" in t for t in page.texts)


def test_a_change_shows_the_rag_it_recorded_and_a_status_said_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The changes table says what each entry changed, its RAG judgement included; a status an entry said again
    (an agency confirming it in a return) is unchanged, not ``completed \u2192 completed``."""
    monkeypatch.setenv("SCRTOOL_TODAY", "2025-10-01")
    assert run("import", SAMPLE).exit_code == 0
    monkeypatch.setenv("SCRTOOL_TODAY", "2026-01-15")
    rated = ("--rag", "amber", "--rag-reason", "evidence <late>", "--evidence", "minutes")
    assert run("update", "Northshire Police", "2", "--status", "completed", *rated).exit_code == 0
    assert run("update", "Northshire Police", "1", "--status", "completed", "--evidence", "audit").exit_code == 0
    out = tmp_path / "r.html"
    assert run("board", "-o", str(out), "--since", "2026-01-01").exit_code == 0
    assert [row[:3] for row in Page(out.read_text(encoding="utf-8")).rows_of("change")] == [
        ["2026-01-15", "Northshire Police 2", "in-progress \u2192 completed; RAG amber (evidence <late>)"],
        ["2026-01-15", "Northshire Police 1", "completed (unchanged)"],
    ]
    shown = run("history", "Northshire Police", "1", "--format", "tsv").stdout.splitlines()
    assert shown[-1].split("\t")[5] == "completed (unchanged)"


def test_report_since_must_be_a_date(tmp_path: Path) -> None:
    assert run("import", SAMPLE).exit_code == 0
    result = run("board", "-o", str(tmp_path / "r.html"), "--since", "last week")
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        "scrtool: error: --since 'last week' is not a date (e.g. 31/03/2027, March 2027 or 2027-03-31)\n",
    )
    assert not (tmp_path / "r.html").exists()


# -- in a real browser -------------------------------------------------------------------------------------------

CONSOLE = re.compile(r":CONSOLE\b|Uncaught|Refused to|violates the following Content Security Policy")


def browse(page: Path, tmp: Path) -> tuple[str, list[str], Path]:
    """Load ``page`` in headless chromium: its DOM after loading, the console lines chromium logged, and a
    screenshot (1200x2000)."""
    assert CHROMIUM is not None
    shot = tmp / f"{page.stem}.png"
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp / ('profile-' + page.stem)}",
        "--enable-logging=stderr",
        "--v=0",
        f"--screenshot={shot}",
        "--window-size=1200,2000",
        "--dump-dom",
        page.as_uri(),
    ]
    browser = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        env={**os.environ, "HOME": str(tmp)},
    )
    try:
        dom, log = browser.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(browser.pid, signal.SIGKILL)
        browser.communicate()
        pytest.fail("chromium did not finish within 20 s")
    assert browser.returncode == 0, log
    return dom, [line for line in log.splitlines() if CONSOLE.search(line)], shot


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@needs_browser
def test_browser_loads_the_report_without_console_errors_and_shows_the_counts(
    sample_report: Path, tmp_path: Path
) -> None:
    dom, console, shot = browse(sample_report, tmp_path)
    assert console == []
    assert dom.lstrip().lower().startswith("<!doctype html>")
    check_counts(Page(dom))
    assert png_size(shot) == (1200, 2000) and shot.stat().st_size > 20_000


@needs_browser
def test_browser_runs_nothing_from_report_text(nasty_report: Path, tmp_path: Path) -> None:
    dom, console, _ = browse(nasty_report, tmp_path)
    assert console == []
    page = Page(dom)
    assert not any(tag in ("script", "img", "a", "b") for tag, _ in page.tags)
    assert "<script>alert(1)</script>" in page.texts


@needs_browser
def test_browser_console_check_is_real(tmp_path: Path) -> None:
    """The same check reports a page that breaks the policy: an outside script, an inline one, an outside image."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" '
        f'content="{CSP}"><script src="https://example.invalid/x.js"></script></head><body>'
        '<img src="https://example.invalid/y.png"><script>document.title = "ran"</script></body></html>',
        encoding="utf-8",
    )
    dom, console, _ = browse(bad, tmp_path)
    assert len(console) == 3, console
    assert all(bad.as_uri() in line for line in console)
    assert "<title>ran</title>" not in dom


# -- the board's views: changes without imports, evidence by name, progress over time -------------------------------


@pytest.fixture
def quarters_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """child-t imported on 1 May 2025, a new version on 1 December (Riverside Health 3 reopened by the plan), an
    update by hand on 1 August and one with an evidence file on 10 January 2026; the report on 15 January."""
    monkeypatch.setenv("SCRTOOL_TODAY", "2025-05-01")
    assert run("import", SAMPLE).exit_code == 0
    monkeypatch.setenv("SCRTOOL_TODAY", "2025-08-01")
    assert (
        run(
            "update", "Children's Services", "3", "--status", "completed", "--evidence", "audit", "--date", "2025-08-01"
        ).exit_code
        == 0
    )
    monkeypatch.setenv("SCRTOOL_TODAY", "2025-12-01")
    text = Path(SAMPLE).read_text(encoding="utf-8")
    line = next(ln for ln in text.splitlines() if "routine enquiry about domestic abuse" in ln)
    assert (
        run(
            "import",
            write(tmp_path, "child-t.md", text.replace(line, line.replace("Completed", "In progress"))),
            "--report",
            "child-t",
        ).exit_code
        == 0
    )
    monkeypatch.setenv("SCRTOOL_TODAY", "2026-01-15")
    evidence = tmp_path / "minutes-jan.pdf"
    evidence.write_bytes(b"minutes\n")
    assert (
        run(
            "update",
            "Children's Services",
            "1",
            "--note",
            "seen by the board",
            "--evidence",
            str(evidence),
            "--date",
            "2026-01-10",
        ).exit_code
        == 0
    )
    return tmp_path


def test_changes_leave_out_imports_unless_asked(quarters_report: Path) -> None:
    out = quarters_report / "r.html"
    result = run("board", "-o", str(out), "--since", "2025-06-01")
    assert result.stdout.endswith(", 2 changes since 2025-06-01\n")
    page = Page(out.read_text(encoding="utf-8"))
    assert [row[1:3] + row[6:] for row in page.rows_of("change")] == [
        ["Children's Services 3", "in-progress \u2192 completed", "audit", "manual"],
        ["Children's Services 1", "", "minutes-jan.pdf", "manual"],
    ]
    assert any("--include-imports lists them too" in t for t in page.texts)
    result = run("board", "-o", str(out), "--since", "2025-06-01", "--include-imports")
    assert result.stdout.endswith(", 3 changes since 2025-06-01\n")
    page = Page(out.read_text(encoding="utf-8"))
    assert [row[1:3] + row[7:] for row in page.rows_of("change")] == [
        ["Children's Services 3", "in-progress \u2192 completed", "manual"],
        ["Riverside Health 3", "completed \u2192 in-progress", "import"],
        ["Children's Services 1", "", "manual"],
    ]


def test_evidence_file_shown_by_name_with_its_hash_as_a_tooltip(quarters_report: Path) -> None:
    out = quarters_report / "r.html"
    assert run("board", "-o", str(out), "--since", "2026-01-01").exit_code == 0
    text = out.read_text(encoding="utf-8")
    digest = "sha256 " + __import__("hashlib").sha256(b"minutes\n").hexdigest()
    assert f'<td class="text evidence"><span title="{digest}">minutes-jan.pdf</span></td>' in text
    assert str(quarters_report) not in text  # the folder it was in is not the board's business
    assert "evidence: minutes-jan.pdf" in text  # the last update, in the action tables


def test_progress_over_time_per_quarter_and_agency_as_inline_svg(quarters_report: Path) -> None:
    out = quarters_report / "r.html"
    assert run("board", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    page = Page(text)
    names = re.findall(r'<figure class="chart"><figcaption>([^<]*)</figcaption>', text)
    assert names == ["All agencies", "Northshire Police", "Riverside Health", "Children&#39;s Services"]
    charts = re.findall(r"<svg class=\"chart\".*?</svg>", text)
    quarters = re.findall(r'class="quarter"[^>]*>([^<]*)<', charts[0])
    assert quarters == ["Q1 2025/26", "Q2 2025/26", "Q3 2025/26", "to date"]

    def bars(svg: str) -> list[tuple[int, int, int]]:
        values = [int(v) for v in re.findall(r'<rect class="(?:completed|open|overdue)" data-value="(\d+)"', svg)]
        return [(values[i], values[i + 1], values[i + 2]) for i in range(0, len(values), 3)]

    # completed, open, overdue at 30/06, 30/09, 31/12/2025 and 15/01/2026
    assert bars(charts[0]) == [(9, 4, 0), (10, 3, 0), (9, 4, 0), (9, 4, 1)]
    assert bars(charts[2]) == [(4, 1, 0), (4, 1, 0), (3, 2, 0), (3, 2, 1)]  # Riverside Health: 3 reopened, 4 late
    assert bars(charts[3]) == [(4, 2, 0), (5, 1, 0), (5, 1, 0), (5, 1, 0)]  # Children's Services: 3 completed
    assert "<script" not in text and "href" not in "".join(charts)
    for svg in charts:  # black and white: the fills are patterns as well as colours, and every bar says its number
        assert 'fill="url(#c' in svg and "<pattern" in svg and "<title>" in svg
    assert {tag for tag, _ in page.tags} >= {"svg", "pattern", "rect", "text"}


@needs_browser
def test_progress_chart_draws_in_a_browser(quarters_report: Path) -> None:
    out = quarters_report / "r.html"
    assert run("board", "-o", str(out)).exit_code == 0
    dom, console, shot = browse(out, quarters_report)
    assert console == []
    assert dom.count('<svg class="chart"') == 4
    assert shot.stat().st_size > 10_000


def test_no_chart_when_the_history_starts_after_today(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run("import", SAMPLE).exit_code == 0
    monkeypatch.setenv("SCRTOOL_TODAY", "2025-01-01")
    out = tmp_path / "r.html"
    assert run("board", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert 'id="progress"' not in text and "<svg" not in text


def test_calendar_quarters_when_the_config_says_so(quarters_report: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = quarters_report / "config.toml"
    config.write_text('quarters = "calendar"\n', encoding="utf-8")
    monkeypatch.setenv("SCRTOOL_CONFIG", str(config))
    out = quarters_report / "r.html"
    assert run("board", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    chart = re.findall(r"<svg class=\"chart\".*?</svg>", text)[0]
    assert re.findall(r'class="quarter"[^>]*>([^<]*)<', chart) == ["Q2 2025", "Q3 2025", "Q4 2025", "to date"]
    assert "(calendar quarters; the last one to date)" in text
    config.write_text('quarters = "fiscal"\n', encoding="utf-8")
    result = run("board", "-o", str(out))
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        f'scrtool: error: {config}: quarters must be "financial" or "calendar"\n',
    )
