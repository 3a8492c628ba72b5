"""Issue 11, items 4-6: a stray byte does not turn a UTF-8 plan into Windows-1252, a long quoted CSV cell is kept
whole, numbers have no size limit, repeated warnings are counted, and what a file may hold is bounded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLES, run
from scrtool.errors import ExitCode
from scrtool.parse import read_plan
from scrtool.parse.drafts import action_number
from scrtool.parse.refs import parse_refs

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = SAMPLES / "child-t.md"
CURLY = SAMPLE.read_text(encoding="utf-8").replace("Children's Services", "Children\u2019s Services")
"""The sample with the agency written as Word writes it (U+2019): a plan with multi-byte UTF-8 characters."""


def plan_with_stray_byte(tmp_path: Path) -> Path:
    """The UTF-8 sample with one byte of Windows-1252 (0x92, its right single quote) on line 19."""
    path = tmp_path / "child-t.md"
    path.write_bytes(CURLY.encode().replace(b"children's views", b"children\x92s views"))
    return path


# item 4: mojibake -------------------------------------------------------------------------------------------------
def test_a_stray_byte_leaves_a_utf8_plan_utf8_and_is_reported_on_its_line(tmp_path: Path) -> None:
    path = plan_with_stray_byte(tmp_path)
    result = run("import", str(path))
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"{path}:9: warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan",
        f"{path}:19: warning: byte 0x92 at column 93 is not UTF-8; read as Windows-1252 '\u2019'",
    ]
    plan = read_plan(str(path))
    assert sorted({action.agency for action in plan.actions}) == [
        "Children\u2019s Services",
        "Northshire Police",
        "Riverside Health",
    ]
    assert [a.text for a in plan.actions if a.source.line == 19] == [
        "Review the domestic abuse risk assessment form to include children\u2019s views."
    ]


def test_the_corrected_plan_keeps_the_agency_and_its_history(tmp_path: Path) -> None:
    path = plan_with_stray_byte(tmp_path)
    assert run("import", str(path)).exit_code == 0
    updated = run("update", "Children\u2019s Services", "2.2", "--status", "in-progress", "--note", "agencies asked")
    assert updated.exit_code == 0, updated.stderr
    path.write_text(CURLY, encoding="utf-8")  # the byte mended by hand
    result = run("import", str(path))
    assert result.stdout.splitlines()[:2] == [
        f"child-t: replaced with the new version from {path}: 3 recommendations, 1 reminder of practice, 11 "
        "numbered actions, 2 unnumbered responses",
        "  0 added, 0 removed, 0 status change(s)",
    ]
    history = json.loads(run("history", "Children\u2019s Services", "2.2", "--format", "json").stdout)["history"]
    assert [(entry["source"], entry["to"], entry["note"]) for entry in history] == [
        ("import", "not-started", f"imported from {path.name}"),
        ("manual", "in-progress", "agencies asked"),
    ]


def test_a_declared_utf8_plan_is_never_read_as_windows_1252(tmp_path: Path) -> None:
    path = tmp_path / "bom.md"
    path.write_bytes(b"\xef\xbb\xbf" + SAMPLE.read_bytes().replace(b"children's views", b"children\x92s views"))
    result = run("import", str(path), "--dry-run")
    assert result.stderr.splitlines()[-1] == (
        f"{path}:19: warning: byte 0x92 at column 93 is not UTF-8; read as Windows-1252 '\u2019'"
    )


def test_a_windows_1252_plan_stays_windows_1252_and_a_utf8_lookalike_is_reported(tmp_path: Path) -> None:
    """More bytes that are not UTF-8 than valid UTF-8 characters: the file is Windows-1252. Its one pair of bytes
    that happens to be valid UTF-8 (``ß`` then ``’``, U+07D2 in UTF-8) is read as Windows-1252 and named."""
    text = (
        "| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"
        "| 1 | The \u2018Stra\u00df\u2019 \u2013 \u201cplan\u201d | Police | Done |\n"
        "| 2 | The caf\u00e9\u2019s plan | Police | Done |\n"
    )
    path = tmp_path / "cp1252.md"
    path.write_bytes(text.encode("cp1252"))
    plan = read_plan(str(path))
    assert [action.text for action in plan.actions] == [
        "The \u2018Stra\u00df\u2019 \u2013 \u201cplan\u201d",
        "The caf\u00e9\u2019s plan",
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (
            3,
            "'\u00df\u2019' is read as Windows-1252 (most of the file's other non-ASCII bytes are not UTF-8); as "
            "UTF-8 it would be '\u07d2'",
        )
    ]


def test_many_bad_bytes_are_reported_line_by_line_then_counted(tmp_path: Path) -> None:
    rows = "".join(f"| {n} | Caf\u00e9 plan \x92{n} | Police | Done |\n" for n in range(1, 13))
    path = tmp_path / "plan.md"
    path.write_bytes(
        ("| No | Recommendation \u2013 text | Lead agency | Status |\n|---|---|---|---|\n").encode()
        + rows.encode("utf-8", "surrogateescape").replace(b"\xc2\x92", b"\x92")
    )
    result = run("import", str(path), "--dry-run")
    assert result.stderr.splitlines() == [
        *(
            f"{path}:{line}: warning: byte 0x92 at column 17 is not UTF-8; read as Windows-1252 '\u2019'"
            for line in range(3, 8)
        ),
        f"{path}:8: warning: ... and 7 more like line 7's (byte 0x92 at column 17 is not UTF-8; \u2026), on lines 8 "
        "to 14",
    ]
    assert [a.text for a in read_plan(str(path)).actions][-1] == "Caf\u00e9 plan \u201912"


def test_a_byte_that_is_no_windows_1252_character_either_is_read_as_the_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_bytes(
        b"| No | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"
        + "| 1 | Caf\u00e9 \u2013 plan |".encode()
        + b" Pol\x81ice\x92 | Done |\n"
    )
    plan = read_plan(str(path))
    assert [(a.agency, a.text) for a in plan.actions] == [("Pol\ufffdice\u2019", "Caf\u00e9 \u2013 plan")]
    assert [(n.line, n.message) for n in plan.notices] == [
        (
            3,
            "byte 0x81 at column 24 is not UTF-8 (and 1 more on this line); read as '\ufffd', as it is no Windows-1252 "
            "character either",
        )
    ]


# item 5: a quoted CSV cell over the csv module's field limit -----------------------------------------------------
LONG_CELL = "\n".join(f"Step {n}: review the case file, record the outcome and tell the Board" for n in range(1, 2500))


def test_a_quoted_csv_cell_over_128_kib_is_kept_whole(tmp_path: Path) -> None:
    assert len(LONG_CELL) > 131_072
    path = tmp_path / "plan.csv"
    path.write_text(f'No.,Action,Agency,Status\n1,"{LONG_CELL}",Police,Done\n2,Short,Police,Done\n', encoding="utf-8")
    result = run("import", str(path), "--dry-run")
    assert (result.exit_code, result.stderr) == (0, "")
    plan = read_plan(str(path))
    assert [(a.number, a.agency, a.text, a.status_text) for a in plan.actions] == [
        ("1", "Police", LONG_CELL, "Done"),
        ("2", "Police", "Short", "Done"),
    ]
    import csv

    assert csv.field_size_limit() == 131_072  # the module's limit is as it was once the file is read


def test_a_quoted_cell_over_128_kib_in_a_tab_separated_block_is_kept_whole(tmp_path: Path) -> None:
    cell = "\n".join(["Partners should:", "x" * 70_000, "y" * 70_000])
    path = tmp_path / "plan.md"
    path.write_text(
        f'Plan\n\nNo\tRecommendation\tLead agency\tStatus\n1\t"{cell}"\tPolice\tDone\n2\tShort\tPolice\tDone\n',
        encoding="utf-8",
    )
    plan = read_plan(str(path))
    assert [(a.number, a.text) for a in plan.actions] == [("1", cell), ("2", "Short")]
    assert plan.notices == ()


# item 6: numbers of any size, warnings counted, bounded memory --------------------------------------------------
@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("9999", "9999"),
        ("10000", "10000"),
        ("123456", "123456"),
        ("Action 1000000", "1000000"),
        ("R12345", "12345"),
        ("(123456789012345678901234567890)", "123456789012345678901234567890"),
        ("10000.2", "10000.2"),
        ("12.03.2024", None),
        ("1.5 FTE", None),
    ],
)
def test_action_numbers_have_no_size_limit(cell: str, number: str | None) -> None:
    assert action_number(cell) == number


def test_cross_references_to_big_numbers() -> None:
    assert parse_refs("Actions: 10000, 123456") == ("10000", "123456")
    assert parse_refs("Actions 99999-100001 and 1234567") == ("99999", "100000", "100001", "1234567")
    assert parse_refs(f"Actions {'9' * 5000}-{'9' * 4999}8") == ("9" * 5000, "9" * 4999 + "8")  # past int()


def test_a_plan_numbered_past_9999_keeps_its_numbers(tmp_path: Path) -> None:
    rows = "".join(f"| {n} | Task {n} | Done |\n" for n in (9998, 9999, 10000, 10001, 123456))
    path = tmp_path / "plan.md"
    path.write_text(
        "Plan\n\n| Rec No. | Recommendation | Agency | IMR Action No. |\n|---|---|---|---|\n"
        "| 1 | Audit the work | | |\n| | | Northshire Police | Actions: 10000, 123456 |\n\n"
        "## Northshire Police\n\n| No. | Action | Status |\n|---|---|---|\n" + rows,
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == f"plan: imported from {path}: 1 recommendation, 5 numbered actions"
    trace = json.loads(run("trace", "1", "--format", "json").stdout)
    assert [(a["number"], a["text"]) for a in trace["links"][0]["actions"]] == [
        ("10000", "Task 10000"),
        ("123456", "Task 123456"),
    ]


def test_repeated_warnings_are_counted_not_printed_one_a_row(tmp_path: Path, private_store: Path) -> None:
    rows = "".join(f"| {n} | Task {n} | Done | extra {n} |\n" for n in range(1, 13))
    path = tmp_path / "plan.md"
    path.write_text(
        "Plan\n\n## Northshire Police\n\n| No. | Action | Status |\n|---|---|---|\n" + rows, encoding="utf-8"
    )
    shown = [
        f"{path}:{line}: warning: row has 4 cells, its header 3; cells past the header are kept as extra fields"
        for line in range(7, 12)
    ]
    result = run("import", str(path), "--strict")
    assert result.exit_code == ExitCode.INPUT
    assert result.stderr.splitlines() == [
        *shown,
        f"{path}:12: warning: ... and 7 more like line 11's (row has 4 cells, its header 3; cells \u2026), on "
        "lines 12 to 18",
        f"scrtool: error: {path}: 12 warning(s) with --strict; nothing stored",
    ]
    assert not private_store.exists()
    plan = read_plan(str(path))
    assert [(n.line, n.count) for n in plan.notices] == [(7, 1), (8, 1), (9, 1), (10, 1), (11, 1), (12, 7)]
    assert [a.extra for a in plan.actions][-1] == (("column 4", "extra 12"),)  # counted, and still read


def test_warnings_of_another_kind_are_shown_on_their_own(tmp_path: Path) -> None:
    rows = "".join(f"| {n} | Task | Done | x |\n| x{n} | Task | Done |\n" for n in range(1, 8))
    path = tmp_path / "plan.md"
    path.write_text(
        "Plan\n\n## Northshire Police\n\n| No. | Action | Status |\n|---|---|---|\n" + rows, encoding="utf-8"
    )
    lines = read_plan(str(path)).notices
    assert [(n.line, n.message) for n in lines if n.count > 1] == [
        (17, "... and 2 more like line 15's (row has 4 cells, its header 3; cells \u2026), on lines 17 to 19"),
        (18, "... and 2 more like line 16's (action number 'x5' is not a number; \u2026), on lines 18 to 20"),
    ]
    assert sum(n.count for n in lines) == 14


def test_counted_warnings_of_a_file_that_is_not_text_name_their_places() -> None:
    from scrtool.model import Notice, Place
    from scrtool.parse.notices import Notices
    from scrtool.parse.tables import Places

    places = Places()
    lines = [places.add(Place(sheet="Plan", cell=f"A{row}")) for row in range(2, 12)]
    notices = Notices()
    notices.extend(Notice(line, f"action number 'x{line}' is not a number; kept unnumbered") for line in lines)
    shown = notices.shown(places)
    assert (len(notices), [(n.line, n.count) for n in shown]) == (10, [(1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 5)])
    assert shown[-1].message == (
        "... and 5 more like sheet 'Plan' cell A6's (action number 'x5' is not a number; "
        "\u2026), from sheet 'Plan' cell A7 to sheet 'Plan' cell A11"
    )


def test_a_file_with_more_lines_than_the_limit_allows_is_refused(tmp_path: Path, private_store: Path) -> None:
    path = tmp_path / "plan.md"
    path.write_text("| No. | Action | Status |\n|---|---|---|\n| 1 | a | Done |\n" + "\n" * 210_000, encoding="utf-8")
    result = run("import", str(path))
    assert (result.exit_code, result.stderr) == (
        ExitCode.INPUT,
        f"scrtool: error: {path}: has 210,003 lines, over the 209,715 scrtool reads in one file (one "
        "per 250 bytes of the 52,428,800-byte limit; see --max-size)\n",
    )
    assert not private_store.exists()
    raised = run("import", str(path), "--max-size", str(60 * 1024 * 1024), "--dry-run")
    assert raised.stdout.splitlines()[0].endswith("0 recommendations, 1 numbered action (dry run, nothing stored)")


def test_a_file_with_more_cells_than_the_limit_allows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "plan.md"
    row = "|" + "ab|" * 140
    path.write_text(f"{row}\n" * 9_500, encoding="utf-8")
    result = run("import", str(path))
    assert (result.exit_code, result.stderr) == (
        ExitCode.INPUT,
        f"scrtool: error: {path}: has up to 1,349,000 table cells (its lines, and the pipes, tabs and "
        "runs of spaces that may start one), over the 1,310,720 scrtool reads in one file (one per 40 "
        "bytes of the 52,428,800-byte limit; see --max-size)\n",
    )
    aligned = tmp_path / "aligned.md"
    aligned.write_text("a      b      c      d      e      f      g      h      \n" * 160_000, encoding="utf-8")
    assert run("import", str(aligned)).stderr.startswith(  # each run of spaces counts once, not three times
        f"scrtool: error: {aligned}: has up to 1,440,000 table cells (its lines, and the pipes, tabs and runs of"
    )


def test_cross_references_citing_more_than_the_limit_are_refused(tmp_path: Path) -> None:
    ranges = ", ".join(f"{n}-{n + 199}" for n in range(1, 200_001, 200))
    path = tmp_path / "plan.md"
    path.write_text(
        "Plan\n\n| Rec No. | Recommendation | Agency | IMR Action No. |\n|---|---|---|---|\n"
        f"| 1 | Audit | | |\n| | | Police | Actions: 1-2 |\n| 2 | Train | | |\n| | | Police | Actions: "
        f"{ranges} |\n",
        encoding="utf-8",
    )
    result = run("import", str(path))
    assert (result.exit_code, result.stderr) == (
        ExitCode.INPUT,
        f"scrtool: error: {path}:8: its cross-references cite more than 200,000 numbers (a range "
        "counts each of its numbers); scrtool reads at most that many in one file\n",
    )
