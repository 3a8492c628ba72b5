"""Property tests: arbitrary cell text survives a table round trip; arbitrary input never raises anything but the
tool's own error."""

from __future__ import annotations

import contextlib
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scrtool.errors import InputError
from scrtool.model import Plan
from scrtool.parse import read_plan
from scrtool.parse.blocks import find_blocks
from scrtool.parse.cells import clean
from scrtool.parse.tables import Table

CELL_TEXT = st.text(
    alphabet=st.characters(
        exclude_categories=["Cs"], exclude_characters="\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029|\\`*_<>[]&~#!"
    ),
    max_size=30,
)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def pipe_table(rows: list[list[str]]) -> list[str]:
    width = len(rows[0])
    lines = ["| " + " | ".join(f"H{i}" for i in range(width)) + " |", "|" + "---|" * width]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


@SETTINGS
@given(
    st.integers(1, 5).flatmap(lambda w: st.lists(st.lists(CELL_TEXT, min_size=w, max_size=w), min_size=1, max_size=6))
)
def test_pipe_table_reads_back_the_same_cells(rows: list[list[str]]) -> None:
    blocks = find_blocks(pipe_table(rows))
    tables = [b for b in blocks if isinstance(b, Table)]
    assert len(tables) == 1
    read = [[clean(cell) for cell in row.cells] for row in tables[0].rows[1:]]
    assert read == [[clean(cell) for cell in row] for row in rows]


@SETTINGS
@given(st.binary(max_size=400))
def test_reader_never_raises_but_its_own_error_on_bytes(data: bytes) -> None:
    _read(data)


@SETTINGS
@given(
    st.lists(
        st.sampled_from(
            list("| -:\n\r\t1.aA#+=x\u00a0\u2013")
            + [
                "Rec No",
                "Status",
                "Agency",
                "Action No",
                "IMR Action No",
                "Recommendation",
                "Overview report",
                "Completed",
                "Actions: 1,2",
                "1.1",
                "Lead agency",
                "+---+",
                "+===+",
            ]
        ),
        max_size=120,
    )
)
def test_reader_never_raises_but_its_own_error_on_table_like_text(pieces: list[str]) -> None:
    _read("".join(pieces).encode())


def _read(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.md"
        path.write_bytes(data)
        with contextlib.suppress(InputError):
            read_plan(str(path))


SIMPLE_TEXT = st.text(alphabet=st.sampled_from(list("abcXYZ019 .,;:()/'-?!%")), max_size=20)
TABLES = st.integers(2, 5).flatmap(
    lambda w: st.lists(st.lists(SIMPLE_TEXT, min_size=w, max_size=w), min_size=1, max_size=5)
)


def grid_table(rows: list[list[str]]) -> list[str]:
    width = len(rows[0])
    header = [f"Head{i}" for i in range(width)]
    widths = [max(len(r[i].strip()) for r in [header, *rows]) + 2 for i in range(width)]
    border = "+" + "+".join("-" * w for w in widths) + "+"

    def line(cells: list[str]) -> str:
        return "|" + "|".join(" " + c.strip().ljust(w - 1) for c, w in zip(cells, widths, strict=True)) + "|"

    return [border, line(header), border.replace("-", "="), *(x for r in rows for x in (line(r), border))]


def read_cells(lines: list[str], name: str = "") -> list[list[str]]:
    tables = [b for b in find_blocks(lines, name) if isinstance(b, Table)]
    assert len(tables) == 1, lines
    return [[clean(cell) for cell in row.cells] for row in tables[0].rows[1:]]


@SETTINGS
@given(TABLES)
def test_grid_table_reads_back_the_same_cells(rows: list[list[str]]) -> None:
    assert read_cells(grid_table(rows)) == [[clean(cell) for cell in row] for row in rows]


@SETTINGS
@given(TABLES)
def test_tsv_file_reads_back_the_same_cells(rows: list[list[str]]) -> None:
    rows = [[*row, f"end{n}"] for n, row in enumerate(rows)]  # a row filling only its first cell reads as a title
    header = "\t".join(f"Head{i}" for i in range(len(rows[0])))
    lines = [header, *("\t".join(row) for row in rows)]
    expected = [[clean(cell) for cell in row] for row in rows]
    tables = [b for b in find_blocks(lines, "plan.tsv") if isinstance(b, Table)]
    read = [[clean(cell) for cell in row.cells] for table in tables for row in table.rows]
    # a blank record separates tables (as a blank line does): every other record reads back whole, in order
    assert read[0] == [f"Head{i}" for i in range(len(rows[0]))]
    assert read[1:] == [r for r in expected if any(r)]


# nothing read is lost ---------------------------------------------------------------------------------------------
class Words:
    """Words unlike any other in a plan (``w0x``, ``w1x`` ...), each made once, so a test can look for each."""

    def __init__(self) -> None:
        self.made: list[str] = []

    def __call__(self) -> str:
        self.made.append(f"w{len(self.made)}x")
        return self.made[-1]


def _read_lines(lines: list[str]) -> Plan | None:
    """The plan these lines make; None when the reader refuses it, saying why and where (no row read as a
    recommendation or an action at all)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            return read_plan(str(path))
        except InputError as exc:
            assert exc.line is not None or "hold no rows" in exc.message, exc.message
            return None


def noticed_lines(plan: Plan) -> set[int]:
    """The lines the plan's notices are on, and those a notice counting warnings like one shown says they are on."""
    lines = set()
    for notice in plan.notices:
        lines.add(notice.line)
        counted = re.search(r"on lines? (\d+)(?: to (\d+))?$", notice.message) if notice.count > 1 else None
        if counted:
            lines.update(range(int(counted[1]), int(counted[2] or counted[1]) + 1))
    return lines


def _assert_every_word_read(lines: list[str], words: Words) -> None:
    """Each word is in a record (a recommendation's text, a link's agency or note, an action's text, outcome,
    status, lead or extra cells), or the line it is on has a notice."""
    plan = _read_lines(lines)
    if plan is None:
        return
    stored = " ".join(
        [
            *(r.text for r in plan.recommendations),
            *(f"{k.agency} {k.note or ''}" for k in plan.links),
            *(f"{a.text} {a.outcome} {a.status_text} {a.lead} {' '.join(v for _, v in a.extra)}" for a in plan.actions),
        ]
    ).split()
    noticed = noticed_lines(plan)
    for word in words.made:
        line = next(n for n, text in enumerate(lines, start=1) if f" {word} " in f" {text} ")
        assert word in stored or line in noticed, (word, line, plan)


ROW_KINDS = st.sampled_from(
    ["numbered", "numbered", "sub", "wrapped", "wrapped", "outcome only", "response", "lead", "blank"]
)
"""Rows of an agency table: numbered, a sub-number, a blank first cell going on with the row above (text, or only an
outcome), an overview response, a lead with no number, and an empty row."""
OVERVIEW_LINES = [
    "| Rec No. | Recommendation | IMR Agency | IMR Action No. |",
    "|---|---|---|---|",
    "| 1 | Share information about parental mental health with health visitors | Police | Actions: 1 |",
    "",
]


def _agency_rows(kinds: list[str], words: Words) -> list[str]:
    """The lines of a Police action table of rows of these kinds."""
    lines = ["| Police | Action No | Recommendation | Projected Outcome | Status |", "|---|---|---|---|---|"]
    number = 0
    for kind in kinds:
        if kind in ("numbered", "sub"):
            number += kind == "numbered" or number == 0
            label = str(number) if kind == "numbered" else f"{number}.{len(words.made)}"
            lines.append(f"| Police | {label} | {words()} {words()} | {words()} | Completed |")
        elif kind == "wrapped":
            lines.append(f"| | | {words()} | {words()} | |")
        elif kind == "outcome only":
            lines.append(f"| | | | {words()} | |")
        elif kind == "response":
            lines.append(
                "| Overview recommendation | | Share information about parental mental health with health "
                f"visitors {words()} | {words()} | Completed |"
            )
        elif kind == "lead":
            lines.append(f"| Police | | {words()} | {words()} | Ongoing |")
        else:
            lines.append("| | | | | |")
    return lines


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW_KINDS, min_size=1, max_size=12))
def test_every_word_of_an_agency_table_reaches_a_record_or_a_notice_of_its_line(kinds: list[str]) -> None:
    words = Words()
    _assert_every_word_read(OVERVIEW_LINES + _agency_rows(kinds, words), words)


@settings(max_examples=300, deadline=None)
@given(st.lists(ROW_KINDS, min_size=2, max_size=12), st.integers(1, 11), st.booleans())
def test_every_word_reaches_a_record_when_the_table_goes_on_headerless(
    kinds: list[str], split: int, outer: bool
) -> None:
    """The same, the table broken after ``split`` rows and going on as a headerless table (as Infant Y's do), its
    rows with or without their outer pipes."""
    words = Words()
    lines = _agency_rows(kinds, words)
    split = min(split, len(kinds) - 1) + 2
    rest = lines[split:] if outer else [line.strip().strip("|") for line in lines[split:]]
    _assert_every_word_read([*OVERVIEW_LINES, *lines[:split], "", "| | | | | |", "|---|---|---|---|---|", *rest], words)


OVERVIEW_KINDS = st.sampled_from(["rec", "rec", "agency", "agency", "wrapped", "prose", "blank"])
"""Rows of an overview table: a numbered recommendation with an agency and its actions, another agency of the
recommendation above, a blank-numbered row going on with its text, an agency answering in prose, an empty row."""


@settings(max_examples=300, deadline=None)
@given(st.lists(OVERVIEW_KINDS, min_size=1, max_size=10))
def test_every_word_of_an_overview_table_reaches_a_recommendation_a_link_or_a_notice(kinds: list[str]) -> None:
    words = Words()
    lines = ["| Rec No. | Recommendation | IMR Agency | IMR Action No. |", "|---|---|---|---|"]
    number = 0
    for kind in kinds:
        if kind == "rec":
            number += 1
            lines.append(f"| {number} | {words()} {words()} | Police {words()} | Actions: 1 |")
        elif kind == "agency":
            lines.append(f"| | | Health {words()} | Action 1 |")
        elif kind == "wrapped":
            lines.append(f"| | {words()} | | |")
        elif kind == "prose":
            lines.append(f"| | | Board {words()} | A brief was published {words()} |")
        else:
            lines.append("| | | | |")
    lines += [
        "",
        "| Police | Action No | Recommendation | Projected Outcome | Status |",
        "|---|---|---|---|---|",
        "| Police | 1 | Circulate a bulletin | Bulletin read | Completed |",
    ]
    _assert_every_word_read(lines, words)


TRACKER_KINDS = st.sampled_from(["rec", "rec", "action", "action", "wrapped", "blank"])
"""Rows of a combined table (recommendations with their actions beside them) and, with ``action`` rows read as
recommendations, of a tracker: a numbered recommendation with its first action, a further action of the
recommendation above, a blank-numbered row going on with the cells above, an empty row."""


@settings(max_examples=300, deadline=None)
@given(st.lists(TRACKER_KINDS, min_size=1, max_size=10), st.booleans())
def test_every_word_of_a_tracker_or_combined_table_reaches_a_record_or_a_notice(
    kinds: list[str], combined: bool
) -> None:
    words = Words()
    header = (
        "| Rec No | Recommendation | Action | Lead Agency | Target date | Status |"
        if combined
        else "| No. | Recommendation | Lead Agency | Target date | RAG | Progress notes |"
    )
    lines = [header, "|---|---|---|---|---|---|"]
    number = 0
    for kind in kinds:
        if kind == "rec":
            number += 1
            lines.append(
                f"| {number} | {words()} | {words()} | Police | March 2024 | Complete |"
                if combined
                else f"| {number} | {words()} {words()} | Police | March 2024 | Green | {words()} |"
            )
        elif kind == "action":
            lines.append(
                f"| | | {words()} | Health | Oct 2024 | Ongoing |"
                if combined
                else f"| | {words()} | Health | | Amber | {words()} |"
            )
        elif kind == "wrapped":
            lines.append(f"| | | {words()} | | | |" if combined else f"| | {words()} | | | | {words()} |")
        else:
            lines.append("| | | | | | |")
    _assert_every_word_read(lines, words)


AGENCY_NAMES = st.sampled_from(
    [
        "Children's Services",
        "Childrens Services",
        "CHILDREN\u2019S SERVICES",
        "Police",
        "police",
        "Police/Health",
        "Health - Trust",
        "Health Trust",
        "Health-Trust",
    ]
)
AGENCY_TABLE = st.tuples(
    AGENCY_NAMES, st.lists(st.sampled_from(["1", "2", "2.1", "3a", "", "Action 4"]), min_size=1, max_size=4)
)


@settings(max_examples=200, deadline=None)
@given(st.lists(AGENCY_TABLE, min_size=1, max_size=5))
def test_every_plan_the_reader_takes_is_stored(tables: list[tuple[str, list[str]]]) -> None:
    """Agencies named alike in every way a plan may (case, apostrophes, dashes, slashes), numbers alike or not:
    the reader takes the plan or says why, and the store takes whatever the reader took."""
    _stored_as_read(tables, lambda folder: str(Path(folder) / "store.db"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(AGENCY_TABLE, min_size=1, max_size=5))
def test_every_plan_the_reader_takes_is_stored_on_postgresql(
    request: pytest.FixtureRequest, tables: list[tuple[str, list[str]]]
) -> None:
    """The same on PostgreSQL (its keys in the "C" collation: case and punctuation kept apart as SQLite keeps
    them), a new schema for each plan; fewer plans, each store being made on the server."""
    from conftest import pg_schema

    _stored_as_read(tables, lambda _: pg_schema(request))


def _stored_as_read(tables: list[tuple[str, list[str]]], store_at: Callable[[str], str]) -> None:
    from scrtool.store.db import open_store
    from scrtool.store.write import save_plan

    lines = OVERVIEW_LINES[:]
    for agency, numbers in tables:
        lines += [f"| {agency} | Action No | Recommendation | Projected Outcome | Status |", "|---|---|---|---|---|"]
        lines += [f"| {agency} | {number} | Do thing {n} | Done | Completed |" for n, number in enumerate(numbers)]
        lines.append("")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.md"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            plan = read_plan(str(path))
        except InputError as exc:
            assert "appears twice" in exc.message, exc.message
            return
        store = open_store(store_at(folder), create=True)
        try:
            save_plan(store, plan)
            stored = store.conn.execute("SELECT id FROM actions ORDER BY seq").fetchall()
        finally:
            store.close()
    assert [row[0] for row in stored] == [a.id for a in plan.actions]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Police", "Health Trust", "Council"]),
            st.lists(st.sampled_from(["1", "2", "3", "1.1", "1.2", "7"]), min_size=1, max_size=3, unique=True),
        ),
        min_size=1,
        max_size=4,
    ),
    st.lists(st.sampled_from(["Police", "Health Trust", "Council"]), min_size=1, max_size=2, unique=True),
)
def test_every_cited_number_is_found_in_its_agencys_table_or_said_missing(
    citations: list[tuple[str, list[str]]], agencies: list[str]
) -> None:
    """Overview rows cite numbers of agencies' tables (some of which the plan has no table for, some numbers no such
    action): each cited number is an action of the table it points into, or a notice on the citing row says not."""
    lines = ["| Rec No. | Recommendation | IMR Agency | IMR Action No. |", "|---|---|---|---|"]
    for number, (agency, refs) in enumerate(citations, start=1):
        lines.append(f"| {number} | Recommendation {number} | {agency} | Actions: {', '.join(refs)} |")
    for agency in agencies:
        lines += [
            "",
            f"| {agency} | Action No | Recommendation | Projected Outcome | Status |",
            "|---|---|---|---|---|",
        ]
        lines += [f"| {agency} | {n} | Do {n} | Done | Completed |" for n in ("1", "1.1", "2", "3")]
    plan = _read_lines(lines)
    assert plan is not None
    have = {(a.agency, a.number) for a in plan.actions}
    noticed = {notice.line: notice.message for notice in plan.notices}
    for link in plan.links:
        for ref in link.refs:
            if (link.target, ref) not in have:
                assert link.source.line in noticed_lines(plan), (link, plan.notices)
    for number, (agency, refs) in enumerate(citations, start=1):
        link = next(k for k in plan.links if k.rec.number == str(number))
        assert link.refs == tuple(refs)
        if agency not in agencies:
            assert (
                noticed[link.source.line] == f"Recommendation {number} cites actions of {agency!r}, which has no "
                "action table"
            )
