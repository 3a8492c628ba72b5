"""Issue 13 items 9 to 11: an agency found by its short names, initials and aliases; one agency across reports when
an alias or the plans say so; "Actions" counting numbered actions as the plan does, responses apart."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from conftest import INFANT_Y, run, write
from scrtool.parse.finish import resolve_agency

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

CHILD_W = """Serious Case Review: Child W action plan

| Rec No. | Recommendation | IMR Agency | IMR Action No. |
|---------|----------------|------------|----------------|
| 1 | Agencies must share information about parental mental health with the health visitor. | TVP | Action 1 |
| | | Oxford Health | Action 1 |
| 2 | The Board should audit escalation of disagreements between agencies. | Children's Social Care | Action 1 |

| Thames Valley Police (TVP) | Action No | Recommendation | Projected Outcome | Status |
|----------------------------|-----------|----------------|-------------------|--------|
| Thames Valley Police (TVP) | 1 | Issue a briefing on checks of every adult. | Checks recorded. | Completed |
| Thames Valley Police (TVP) | 2 | Review the risk assessment form. | Children's views recorded. | In progress |

| Oxford Health | Action No | Recommendation | Projected Outcome | Status |
|---------------|-----------|----------------|-------------------|--------|
| OUH / Oxford Health | 1 | Agree a pathway for sharing admissions. | Health visitors told. | Completed |
| Oxford Health | 2 | Train staff in routine enquiry. | Routine enquiry embedded. | In progress |

| Children's Social Care | Action No | Recommendation | Projected Outcome | Status |
|------------------------|-----------|----------------|-------------------|--------|
| Children's Social Care | 1 | Remind managers of the escalation protocol. | Disagreements resolved. | Completed |
"""
"""A plan that writes its police ``Thames Valley Police (TVP)`` and cites it as ``TVP``, with a joint lead
``OUH / Oxford Health`` (spaces around the slash)."""

KNOWN = (
    "known agencies: Cherwell District Council, Children's Social Care, OSCB, Oxford Health, Oxford University "
    "Hospitals, PCT, Thames Valley Police"
)


def listed(*args: str) -> list[tuple[str, str, str | None]]:
    result = run("list", *args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return [(a["report"], a["agency"], a["number"]) for a in json.loads(result.stdout)]


def plain_of(lines: list[str]) -> list[str]:
    return ["\t".join(cell.strip() for cell in line[1:-1].split(line[0])) for line in lines if line[:1] in ("┃", "│")]


def plain(*args: str) -> list[str]:
    """A command's table as lines of tab-joined cells, its header first."""
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return plain_of(result.stdout.splitlines())


@pytest.fixture
def infant_y() -> None:
    assert run("import", str(INFANT_Y)).exit_code == 0


@pytest.fixture
def child_w(tmp_path: Path) -> str:
    path = write(tmp_path, "child-w.md", CHILD_W)
    result = run("import", path)
    assert result.exit_code == 0, result.stderr
    return path


@pytest.fixture
def aliases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    config = tmp_path / "config.toml"
    config.write_text(
        '[aliases]\nTVP = "Thames Valley Police"\nConstabulary = "Thames Valley Police"\n', encoding="utf-8"
    )
    monkeypatch.setenv("SCRTOOL_CONFIG", str(config))
    return config


# -- item 9: short names, initials, aliases --------------------------------------------------------------------


TVP = [("infant-y", "Thames Valley Police", n) for n in ("1", "2", "3", "4")]


@pytest.mark.parametrize("name", ["tvp", "TVP", "thames valley police", "Police"])
def test_infant_y_police_by_initials_any_case_or_a_word(infant_y: None, name: str) -> None:
    assert listed("--agency", name) == TVP


def test_csc_is_childrens_social_care_not_oscb(infant_y: None) -> None:
    found = listed("--agency", "CSC")
    assert (
        found
        == [("infant-y", "Children's Social Care", n) for n in "12345678"]
        + [("infant-y", "Children's Social Care", None)] * 3
    )
    shown = [line.rstrip() for line in run("show", "csc", "8").stdout.splitlines()]
    assert shown[1:4:2] == ["Agency       Children's Social Care", "Number       8"]


def test_the_plans_own_short_form_and_a_lead_cell(child_w: str) -> None:
    police = [("child-w", "Thames Valley Police (TVP)", "1"), ("child-w", "Thames Valley Police (TVP)", "2")]
    assert listed("--agency", "tvp") == listed("--agency", "Thames Valley Police") == police
    # the overview's lead cell "TVP" cites the table "Thames Valley Police (TVP)": not missing, no warning
    trace = json.loads(run("trace", "1", "--format", "json").stdout)
    assert [(link["agency"], [a["number"] for a in link["actions"]], link["missing"]) for link in trace["links"]] == [
        ("TVP", ["1"], []),
        ("Oxford Health", ["1"], []),
    ]


def test_a_joint_lead_with_spaces_around_the_slash(child_w: str) -> None:
    assert listed("--agency", "OUH") == [("child-w", "Oxford Health", "1")]
    assert listed("--agency", "oxford health") == [("child-w", "Oxford Health", "1"), ("child-w", "Oxford Health", "2")]
    # an overview row naming one agency of a table headed with a joint lead finds that table
    assert resolve_agency("Oxford Health", {"ouh / oxford health": "OUH / Oxford Health"}) == "OUH / Oxford Health"
    assert resolve_agency("OUH", {"ouh / oxford health": "OUH / Oxford Health"}) == "OUH / Oxford Health"


def test_an_alias_from_the_config_file(infant_y: None, aliases: Path) -> None:
    assert listed("--agency", "constabulary") == TVP


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Helth", f"no agency named 'Helth' (did you mean 'Oxford Health'?); {KNOWN}"),
        (
            "Thames Valey Police",
            f"no agency named 'Thames Valey Police' (did you mean 'Thames Valley Police'?); {KNOWN}",
        ),
        ("CSX", f"no agency named 'CSX'; {KNOWN}"),
    ],
)
def test_a_miss_suggests_the_closest_names(infant_y: None, name: str, message: str) -> None:
    result = run("list", "--agency", name)
    assert (result.exit_code, result.stdout, result.stderr) == (4, "", f"scrtool: error: {message}\n")


def test_a_word_of_two_agencies_is_refused(infant_y: None) -> None:
    result = run("list", "--agency", "oxford")
    assert (result.exit_code, result.stderr) == (
        2,
        "scrtool: error: 'oxford' matches several agencies in report "
        "'infant-y' (Oxford Health, Oxford University Hospitals); name "
        "one of them\n",
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[aliases]\nTVP = 3\n", "[aliases] 'TVP' must name an agency (a string), not 3"),
        (
            '[aliases]\nTVP = "Police"\nPolice = "Thames Valley Police"\n',
            "[aliases] 'tvp' = 'Police': 'Police' is an alias itself; name the agency",
        ),
    ],
)
def test_a_bad_alias_is_one_line(
    infant_y: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    monkeypatch.setenv("SCRTOOL_CONFIG", write(tmp_path, "bad.toml", text))
    result = run("list", "--agency", "tvp")
    assert (result.exit_code, result.stderr) == (2, f"scrtool: error: {tmp_path / 'bad.toml'}: {message}\n")


# -- item 10: one agency across reports ------------------------------------------------------------------------


CHILD_X = CHILD_W.replace("Thames Valley Police (TVP)", "TVP").replace("Child W", "Child X")
"""The same police force, written ``TVP`` only: initials are no evidence across reports, an alias is."""


@pytest.fixture
def two_reports(infant_y: None, tmp_path: Path) -> None:
    assert run("import", write(tmp_path, "child-x.md", CHILD_X)).exit_code == 0


def test_without_an_alias_tvp_and_thames_valley_police_are_two_rows(two_reports: None) -> None:
    assert plain("agencies")[:4] == [
        "Report\tAgency\tActions\tCompleted\tOpen\tResponses",
        "child-x\tTVP\t2\t1\t1\t0",
        "child-x, infant-y\tOxford Health\t12\t10\t2\t1",
        "child-x, infant-y\tChildren's Social Care\t9\t9\t0\t3",
    ]


def test_an_alias_makes_them_one_agency_across_reports(two_reports: None, aliases: Path) -> None:
    assert plain("agencies") == [
        "Report\tAgency\tActions\tCompleted\tOpen\tResponses",
        "child-x, infant-y\tThames Valley Police\t6\t5\t1\t0",
        "child-x, infant-y\tOxford Health\t12\t10\t2\t1",
        "child-x, infant-y\tChildren's Social Care\t9\t9\t0\t3",
        "infant-y\tPCT\t4\t4\t0\t0",
        "infant-y\tOxford University Hospitals\t10\t10\t0\t0",
        "infant-y\tCherwell District Council\t1\t1\t0\t0",
    ]
    police = [("child-x", "TVP", "1"), ("child-x", "TVP", "2"), *TVP]
    assert listed("--agency", "Thames Valley Police") == listed("--agency", "constabulary") == police
    hits = json.loads(run("search", "checks", "--agency", "thames valley police", "--format", "json").stdout)
    assert sorted((h["report"], h["agency"], h["number"]) for h in hits) == [
        ("child-x", "TVP", "1"),
        ("infant-y", "Thames Valley Police", "1"),
    ]
    # one report: its own rows, as written
    assert plain("agencies", "--report", "child-x")[1] == "child-x\tTVP\t2\t1\t1"


def test_an_alias_never_makes_two_agencies_of_one_plan_one(infant_y: None, aliases: Path, tmp_path: Path) -> None:
    both = (
        CHILD_W.replace("| Oxford Health | Action No", "| TVP | Action No")
        .replace("| Oxford Health | 2 |", "| TVP | 2 |")
        .replace("| OUH / Oxford Health | 1 |", "| TVP | 1 |")
    )
    assert run("import", write(tmp_path, "child-v.md", both)).exit_code == 0
    rows = plain("agencies")
    assert rows[1:3] == ["child-v, infant-y\tThames Valley Police\t6\t5\t1\t0", "child-v\tTVP\t2\t1\t1\t0"]
    assert plain("agencies", "--report", "child-v")[1:3] == [
        "child-v\tThames Valley Police (TVP)\t2\t1\t1",
        "child-v\tTVP\t2\t1\t1",
    ]


# -- item 11: counts --------------------------------------------------------------------------------------------


INFANT_Y_COUNTS = [
    "PCT\t4\t4\t0\t0",
    "Thames Valley Police\t4\t4\t0\t0",
    "Oxford Health\t10\t9\t1\t1",
    "Children's Social Care\t8\t8\t0\t3",
    "Oxford University Hospitals\t10\t10\t0\t0",
    "Cherwell District Council\t1\t1\t0\t0",
]


def test_actions_are_the_numbered_ones_and_responses_apart(infant_y: None) -> None:
    assert plain("agencies") == [
        "Report\tAgency\tActions\tCompleted\tOpen\tResponses",
        *(f"infant-y\t{line}" for line in INFANT_Y_COUNTS),
    ]
    oxford = [a for a in listed("--agency", "Oxford Health") if a[1] == "Oxford Health"]
    assert (sum(n is not None for _, _, n in oxford), sum(n is None for _, _, n in oxford)) == (10, 1)
    summary = run("summary").stdout
    assert (
        "Unnumbered responses, counted apart from the actions: Oxford Health 1, Children's Social Care 3"
        in summary.splitlines()
    )
    assert ["\t".join(row.split("\t")[:4]) for row in plain("summary")[1:4]] == [
        "PCT\t4\t4\t0",
        "Thames Valley Police\t4\t4\t0",
        "Oxford Health\t10\t9\t1",
    ]


def test_after_a_reimport_the_table_agrees_with_the_lines_above_it_and_agencies(infant_y: None, tmp_path: Path) -> None:
    assert run("update", "Oxford Health", "10", "--status", "completed", "--evidence", "audit").exit_code == 0
    assert run("update", "Thames Valley Police", "4", "--status", "in-progress").exit_code == 0
    v2 = INFANT_Y.read_text(encoding="utf-8").replace(
        "| Cherwell District Council | 1 | It is", "| Cherwell District Council | 2 | It is"
    )
    result = run("import", write(tmp_path, "infant-y-v2.txt", v2), "--report", "infant-y")
    lines = result.stdout.splitlines()
    assert plain_of(lines) == [
        "Agency\tActions\tCompleted\tOpen\tResponses",
        "PCT\t4\t4\t0\t0",
        "Thames Valley Police\t4\t3\t1\t0",
        "Oxford Health\t10\t10\t0\t1",
        "Children's Social Care\t8\t8\t0\t3",
        "Oxford University Hospitals\t10\t10\t0\t0",
        "Cherwell District Council\t1\t1\t0\t0",
    ]
    assert lines[4:6] == [
        "  Thames Valley Police 4: the file says completed, an update by hand on 2026-01-15 says "
        "in-progress; keeping the update",
        "  Oxford Health 10: the file says open, an update by hand on 2026-01-15 says completed; keeping the update",
    ]
    assert [f"infant-y\t{line}" for line in plain_of(lines)[1:]] == plain("agencies")[1:]


@pytest.mark.sqlite_only("writes the SQLite file as an older scrtool left it")
def test_a_store_from_before_counts_responses_apart_once_opened(infant_y: None, private_store: Path) -> None:
    conn = sqlite3.connect(private_store)
    conn.execute("ALTER TABLE tally_status DROP COLUMN numbered")
    conn.execute("UPDATE tally_status SET n = n")  # the counts of migration 5's shape
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    assert plain("agencies")[3] == "infant-y\tOxford Health\t10\t9\t1\t1"


def test_an_alias_makes_them_one_agency_in_the_summary_across_reports(two_reports: None, aliases: Path) -> None:
    result = run("summary", "--format", "tsv")
    assert result.exit_code == 0, result.stderr
    agencies = result.stdout.split("\n\n")[1].splitlines()
    assert agencies[:2] == [
        "agency\treports\tactions\tcompleted\topen\toverdue\tresponses\tnot recorded\tpercent completed",
        "Thames Valley Police\tchild-x,infant-y\t6\t5\t1\t0\t0\t0\t83%",
    ]


def test_without_an_alias_the_summary_across_reports_keeps_them_apart(two_reports: None) -> None:
    result = run("summary", "--format", "tsv")
    names = [line.split("\t")[0] for line in result.stdout.split("\n\n")[1].splitlines()[1:]]
    assert names[:2] == ["TVP", "Oxford Health"] and "Thames Valley Police" in names


def test_update_and_history_take_an_alias_as_list_does(two_reports: None, aliases: Path) -> None:
    done = run("update", "Constabulary", "1", "--note", "checked", "--report", "child-x")
    assert (done.exit_code, done.stdout) == (0, "TVP 1: completed (updated 2026-01-15)\n")
    history = run("history", "Constabulary", "1", "--report", "child-x", "--format", "tsv")
    assert history.stdout.splitlines()[-1] == "h2\t2026-01-15\t2026-01-15\tmanual\t\t-\tchecked"
