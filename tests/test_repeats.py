"""Issue 17: similar, repeats, same, different, judgements, and 'made before' in trace, on three tiny plans."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import FIXTURES, run, write
from scrtool.reviews import Facts, ReviewKind, from_title
from scrtool.similar.index import Index
from scrtool.similar.text import analysed, clean, terms, vocabulary

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

PLANS = FIXTURES / "repeats"


@pytest.fixture
def three() -> None:
    for name in ("child-a", "child-b"):
        assert run("import", "-q", str(PLANS / f"{name}.md")).exit_code == 0
    assert run("import", "-q", str(PLANS / "adult-c.md"), "--kind", "dhr", "--year", "2019").exit_code == 0


def test_similar_ranks_the_other_reports_best_first(three: None) -> None:
    result = run("similar", "1", "--report", "child-a")
    assert result.exit_code == 0
    assert result.stdout == SIMILAR


SIMILAR = """\
┏━━━━━━━━━┳━━━━━━┳━━━━━━┳━━━━━┳━━━━━━━┳━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Report  ┃ Year ┃ Kind ┃ No. ┃ Score ┃ Ended         ┃ Recommendation                             ┃
┡━━━━━━━━━╇━━━━━━╇━━━━━━╇━━━━━╇━━━━━━━╇━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ adult-c │ 2019 │ DHR  │ 1   │ 0.42  │ 1 of 1        │ GP practices should ask about domestic     │
│         │      │      │     │       │ actions       │ abuse as part of routine enquiry and refer │
│         │      │      │     │       │ completed     │ patients to the local IDVA service.        │
│ child-b │ 2021 │ CSPR │ 1   │ 0.26  │ 0 of 1        │ GPs should routinely ask patients about    │
│         │      │      │     │       │ actions       │ domestic abuse when they present with      │
│         │      │      │     │       │ completed     │ depression or anxiety, and record the      │
│         │      │      │     │       │               │ answer.                                    │
│ adult-c │ 2019 │ DHR  │ 2   │ 0.02  │ 1 of 1        │ The CSP should ask the Home Office whether │
│         │      │      │     │       │ actions       │ the DASH risk checklist works for cases of │
│         │      │      │     │       │ completed     │ child-to-parent abuse.                     │
└─────────┴──────┴──────┴─────┴───────┴───────────────┴────────────────────────────────────────────┘
"""


def test_similar_json_and_limit(three: None) -> None:
    found = json.loads(run("similar", "1", "-r", "child-a", "--limit", "1", "--format", "json").stdout)
    assert found == [
        {
            "report": "adult-c",
            "number": "1",
            "text": "GP practices should ask about domestic abuse as "
            "part of routine enquiry and refer patients to the local IDVA service.",
            "year": 2019,
            "kind": "DHR",
            "actions": {"completed": 1, "total": 1},
            "score": 0.416,
            "judgement": None,
        }
    ]


def test_repeats_groups_the_same_ask_and_not_the_same_template(three: None) -> None:
    assert run("repeats").stdout == REPEATS
    groups = json.loads(run("repeats", "--format", "json").stdout)
    assert [sorted(m) for m in groups[0]["members"]] == [["actions", "kind", "number", "report", "text", "year"]] * 3
    assert (groups[0]["score"], groups[0]["reviews"]) == (0.342, 3)
    assert run("repeats", "--min-reports", "4").stderr == "no recommendation was made in that many reports\n"


REPEATS = """\
1. Made in 3 reviews since 2014; 2 of those plans completed their actions (score 0.34)
┏━━━━━━━━━┳━━━━━━┳━━━━━━┳━━━━━┳━━━━━━━━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓
┃ Report  ┃ Year ┃ Kind ┃ No. ┃ Ended           ┃ Recommendation                                   ┃
┡━━━━━━━━━╇━━━━━━╇━━━━━━╇━━━━━╇━━━━━━━━━━━━━━━━━╇━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┩
│ adult-c │ 2019 │ DHR  │ 1   │ 1 of 1 actions  │ GP practices should ask about domestic abuse as  │
│         │      │      │     │ completed       │ part of routine enquiry and refer patients to    │
│         │      │      │     │                 │ the local IDVA service.                          │
│ child-a │ 2014 │ SCR  │ 1   │ 1 of 1 actions  │ The CCG should commission the IRIS programme so  │
│         │      │      │     │ completed       │ that general practice teams are trained to       │
│         │      │      │     │                 │ identify domestic abuse and refer patients to a  │
│         │      │      │     │                 │ specialist advocate.                             │
│ child-b │ 2021 │ CSPR │ 1   │ 0 of 1 actions  │ GPs should routinely ask patients about domestic │
│         │      │      │     │ completed       │ abuse when they present with depression or       │
│         │      │      │     │                 │ anxiety, and record the answer.                  │
└─────────┴──────┴──────┴─────┴─────────────────┴──────────────────────────────────────────────────┘
"""


def test_judgements_win_and_survive_a_reimport(three: None, tmp_path: Path) -> None:
    assert run("same", "child-a:2", "child-b:2", "--by", "J Smith").stdout == (
        "recorded: child-a:2 and child-b:2 are same (by J Smith, 2026-01-15T00:00:00Z)\n"
    )
    assert run("different", "child-a:1", "adult-c:1", "--by", "J Smith").exit_code == 0
    new_version = write(tmp_path, "child-a.md", (PLANS / "child-a.md").read_text(encoding="utf-8") + "\n")
    assert run("import", "-q", new_version).exit_code == 0
    lines = run("repeats").stdout.splitlines()
    assert [line for line in lines if line[0].isdigit()] == [
        "1. Made in 2 reviews since 2014; 2 of those plans completed their actions (score 1.00)",
        "2. Made in 2 reviews since 2019; 1 of those plans completed their actions (score 0.35)",
    ]
    assert [[c.strip() for c in line.split("│")[1:5]] for line in lines if line.startswith(("│ child", "│ adult"))] == [
        ["child-a", "2014", "SCR", "2"],
        ["child-b", "2021", "CSPR", "2"],
        ["adult-c", "2019", "DHR", "1"],
        ["child-b", "2021", "CSPR", "1"],
    ]
    assert json.loads(run("judgements", "--format", "json").stdout) == [
        {"a": "child-a:2", "b": "child-b:2", "verdict": "same", "by": "J Smith", "recorded_at": "2026-01-15T00:00:00Z"},
        {
            "a": "child-a:1",
            "b": "adult-c:1",
            "verdict": "different",
            "by": "J Smith",
            "recorded_at": "2026-01-15T00:00:00Z",
        },
    ]
    similar = json.loads(run("similar", "2", "-r", "child-b", "-f", "json").stdout)
    assert (similar[0]["report"], similar[0]["number"], similar[0]["judgement"]) == ("child-a", "2", "same")
    assert [
        (m["report"], m["number"]) for m in json.loads(run("similar", "1", "-r", "child-a", "-f", "json").stdout)
    ] == [("child-b", "1"), ("adult-c", "2")]
    assert (
        "Made before in 1 review: child-a:2 (2014, SCR, earlier)"
        in run("trace", "2", "-r", "child-b").stdout.splitlines()
    )


def test_a_latest_judgement_counts(three: None) -> None:
    run("different", "child-a:2", "child-b:2")
    run("same", "child-a:2", "child-b:2")
    assert "child-a:2 (2014, SCR, earlier)" in run("trace", "2", "-r", "child-b").stdout
    run("different", "child-a:2", "child-b:2")
    assert "Made before" not in run("trace", "2", "-r", "child-b").stdout


def test_unknown_and_malformed_pairs(three: None) -> None:
    unknown = run("same", "child-a:9", "child-b:2")
    assert (unknown.exit_code, unknown.stderr) == (4, "scrtool: error: Recommendation 9 is not in report 'child-a'\n")
    assert run("same", "child-z:1", "child-b:2").exit_code == 4
    malformed = run("same", "child-a", "child-b:2")
    assert malformed.exit_code == 2
    assert malformed.stderr == (
        "scrtool: error: 'child-a' is not REPORT:N (write the report's id, a colon and the "
        "recommendation's number, e.g. child-t:1 or child-t:R1)\n"
    )
    assert run("different", "child-a:1", "child-a:2").exit_code == 2
    assert run("same", "child-a:1").exit_code == 2
    assert run("repeats", "--format", "csv").exit_code == 2
    assert run("import", str(PLANS / "child-a.md"), "--kind", "inquiry").exit_code == 2


def test_one_report_says_nothing_made_before() -> None:
    assert run("import", "-q", str(PLANS / "child-a.md")).exit_code == 0
    assert "Made before" not in run("trace", "1").stdout
    assert run("similar", "1").stderr == "no recommendation of another report is like it\n"


def test_review_facts_from_titles() -> None:
    assert from_title("Serious Case Review: Child A (2014)") == Facts(2014, ReviewKind.SCR)
    assert from_title("Local Child Safeguarding Practice Review, Child B, published 2021") == Facts(
        2021, ReviewKind.CSPR
    )
    assert from_title("DHR into the death of Adult C") == Facts(None, ReviewKind.DHR)
    assert from_title("Action plan 12/03/2019") == Facts(None, None)


def test_openers_are_stripped_and_concepts_join_other_words() -> None:
    vocab = vocabulary()
    assert clean("1. All agencies should ensure that a chronology is kept.", vocab) == "a chronology is kept."
    assert clean("The LSCB should seek assurance that GPs attend conferences", vocab) == "gps attend conferences"
    assert terms("Keep a chronological history")["C:chronology"] == 2.0
    assert terms("Maintain cumulative clinical summaries")["C:chronology"] == 2.0
    assert analysed("The LSCB should seek assurance that GPs attend conferences")[1] == "health"
    assert analysed("The Board should audit escalation")[1] == "partnership"


def test_the_template_trap_scores_below_the_same_ask() -> None:
    index = Index(
        [
            "Police officers should receive refresher training in completing the DASH risk checklist.",
            "All frontline police staff should be trained to complete the DASH risk assessment.",
            "The CSP should ask the Home Office whether the DASH risk checklist works for child-to-parent abuse.",
        ],
        ["a", "b", "c"],
    )
    assert index.nearest(0, 5)[0][0] == 1
    assert index.score(0, 1) > 2 * index.score(1, 2)
