"""Which report a file is (issue 11 item 2, issue 13 item 8, DECISIONS "Report identity"): ids that keep letters of
any script; another review under a taken id gets an id of its own; a likely version under a new id is not stored
until the user says which it is; ``--report`` means that report, and bytes are judged against it alone."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from conftest import SAMPLES, run, write
from scrtool.errors import ExitCode
from scrtool.parse import report_id_for

pytestmark = pytest.mark.usefixtures("engine")  # every test runs on SQLite and on PostgreSQL

SAMPLE = SAMPLES / "child-t.md"
TEXT = SAMPLE.read_text(encoding="utf-8")
WARNING = ":9: warning: Recommendation 2 cites Riverside Health action 9, which is not in the plan\n"
REC_1 = (
    "All agencies must make sure that when a parent has a diagnosed mental illness, the safety of the children "
    "in the household is assessed and shared"
)
COUNTS = "3 recommendations, 1 reminder of practice, 11 numbered actions, 2 unnumbered responses"


def other_review(text: str = TEXT) -> str:
    """Another review of the same partnership: its own title and recommendations, and the same agencies numbering
    their actions 1, 2, 3 (every action key of Child T is in it)."""
    for old, new in (
        ("Serious Case Review: Child T", "Child Safeguarding Practice Review: Child R"),
        (
            f"{REC_1} with the GP and health visitor",
            "Schools should record every missed day of a child subject to a protection plan",
        ),
        (
            f"{REC_1} (Ref: p.12)",
            "Schools should record every missed day of a child subject to a protection plan (Ref: p.12)",
        ),
        (
            "The Board should audit how agencies escalate disagreements about thresholds during child protection "
            "enquiries.",
            "Housing should tell children's social care of every eviction notice served on a family.",
        ),
        (
            "The Board should publish a learning brief and evidence that agencies have used it in supervision.",
            "The Board should commission an audit of elective home education.",
        ),
        (
            "Front-door staff to be reminded to record anonymous referrals in full and to make sure the child is seen",
            "GPs to be reminded to code safeguarding concerns in the family record",
        ),
        (
            "Front-door staff to be reminded to record anonymous referrals in full and make sure that the child is "
            "seen",
            "GPs to be reminded to code safeguarding concerns in the family record",
        ),
    ):
        assert old in text
        text = text.replace(old, new)
    return text


def version_of_child_t() -> str:
    """Child T's next version: Riverside Health 4 reported in progress."""
    changed = TEXT.replace(
        "| Early identification of maternal mental health needs. | |",
        "| Early identification of maternal mental health needs. | In progress |",
    )
    assert changed != TEXT
    return changed


def reports() -> list[tuple[str, str]]:
    found = json.loads(run("list", "--format", "json").stdout)
    return sorted({(a["report"], a["source"]["file"]) for a in found})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("name", "ident"),
    [
        ("Child Ö.md", "child-ö"),
        ("Child Ä.md", "child-ä"),
        ("Child O\u0308.md", "child-ö"),  # composed or not: one id
        ("Дитина Б.txt", "дитина-б"),
        ("儿童 甲.md", "儿童-甲"),
        ("बच्चा.md", "बच्चा"),
        ("Children's Services.md", "childrens-services"),
        ("infant-y.txt", "infant-y"),
        ("Child T (v2).md", "child-t-v2"),
    ],
)
def test_report_ids_keep_letters_of_any_script(name: str, ident: str) -> None:
    assert report_id_for(name) == ident


def test_two_reviews_whose_names_differ_in_a_letter_are_two_reports(tmp_path: Path) -> None:
    """``Child Ö.md`` and ``Child Ä.md`` were both ``child``: the second replaced the first."""
    first = write(tmp_path, "Child Ö.md", TEXT)
    second = write(tmp_path, "Child Ä.md", other_review())
    assert run("import", first).exit_code == 0
    result = run("import", second)
    assert (result.exit_code, result.stdout.splitlines()[0]) == (0, f"child-ä: imported from {second}: {COUNTS}")
    assert reports() == [("child-ä", "Child Ä.md"), ("child-ö", "Child Ö.md")]


def test_another_review_under_a_taken_id_is_stored_under_an_id_of_its_own(tmp_path: Path) -> None:
    """``a/action-plan.md`` then ``b/action-plan.md``, another review: it replaced the first ("12 removed")."""
    os.mkdir(tmp_path / "a")
    os.mkdir(tmp_path / "b")
    first = write(tmp_path, "a/action-plan.md", TEXT)
    second = write(tmp_path, "b/action-plan.md", other_review())
    assert run("import", first).exit_code == 0
    assert run("update", "Riverside Health", "4", "--status", "completed", "--evidence", "audit").exit_code == 0
    result = run("import", second, "--quiet")
    assert (result.exit_code, result.stdout) == (0, f"action-plan-2: imported from {second}: {COUNTS}\n")
    assert result.stderr == (
        f"{second}{WARNING}{second}: note: report 'action-plan' is another review (its title and recommendations "
        "differ from this file's); stored as 'action-plan-2'. If this file is a new version of 'action-plan', import "
        "it with --report action-plan\n"
    )
    assert reports() == [("action-plan", "action-plan.md"), ("action-plan-2", "action-plan.md")]
    first_history = json.loads(
        run("history", "Riverside Health", "4", "--report", "action-plan", "--format", "json").stdout
    )
    assert first_history["action"]["status"] == "completed"
    assert [e["evidence"] for e in first_history["history"]] == [None, "audit"]
    child_s = other_review().replace("Child R", "Child S")
    for rec in ("a protection plan", "on a family.", "elective home education.", "in the family record"):
        child_s = child_s.replace(rec, rec + " (Child S)")
    third = run("import", write(tmp_path, "action-plan.md", child_s), "--quiet")
    assert third.stdout == f"action-plan-3: imported from {tmp_path / 'action-plan.md'}: {COUNTS}\n"


def test_a_later_version_of_the_review_under_the_taken_id_is_not_stored_as_a_third(tmp_path: Path) -> None:
    os.mkdir(tmp_path / "a")
    os.mkdir(tmp_path / "b")
    assert run("import", write(tmp_path, "a/action-plan.md", TEXT)).exit_code == 0
    second = write(tmp_path, "b/action-plan.md", other_review())
    assert run("import", second).exit_code == 0
    write(tmp_path, "b/action-plan.md", other_review(version_of_child_t()))
    result = run("import", second, "--quiet")
    assert (result.exit_code, result.stdout) == (ExitCode.INPUT, "")
    assert result.stderr.splitlines()[-1] == (
        f"scrtool: error: {second}: looks like a new version of report 'action-plan-2' (the same title); not stored. "
        "Import it with --report action-plan-2 to store it as that report's new version, or with --new to store it "
        "as a report of its own"
    )
    assert run("import", second, "--report", "action-plan-2", "--quiet").stdout.splitlines()[:2] == [
        f"action-plan-2: replaced with the new version from {second}: {COUNTS}",
        "  0 added, 0 removed, 1 status change(s)",
    ]


@pytest.mark.sqlite_only("the store file itself")
def test_a_likely_version_under_a_new_id_is_not_stored(tmp_path: Path, private_store: Path) -> None:
    """The second version of a plan imported without --report became a duplicate report (issue 13 item 8)."""
    assert run("import", str(SAMPLE)).exit_code == 0
    retitled = version_of_child_t().replace("Serious Case Review: Child T", "SCR Child T (updated March 2026)")
    v2 = write(tmp_path, "child-t-v2.md", retitled)
    before = digest(private_store)
    result = run("import", v2)
    assert (result.exit_code, result.stdout) == (ExitCode.INPUT, "")
    assert result.stderr == (
        f"{v2}{WARNING}scrtool: error: {v2}: looks like a new version of report 'child-t' (4 of its 4 "
        "recommendations); not stored. Import it with --report child-t to store it as that report's new version, or "
        "with --new to store it as a report of its own\n"
    )
    assert digest(private_store) == before
    assert run("import", v2, "--new", "--quiet").stdout == f"child-t-v2: imported from {v2}: {COUNTS}\n"
    assert reports() == [("child-t", "child-t.md"), ("child-t-v2", "child-t-v2.md")]


def test_report_option_judges_the_bytes_against_that_report_alone(tmp_path: Path) -> None:
    """A duplicate ``child-t-v2`` holds v2's bytes; ``import child-t-v2.md --report child-t`` said "unchanged (...
    holds the same bytes as report 'child-t-v2')", which was false: child-t was not changed and did not hold them."""
    assert run("import", str(SAMPLE)).exit_code == 0
    v2 = write(tmp_path, "child-t-v2.md", version_of_child_t())
    assert run("import", v2, "--new").exit_code == 0
    result = run("import", v2, "--report", "child-t", "--quiet")
    assert (result.exit_code, result.stdout) == (
        0,
        (
            f"child-t: replaced with the new version from {v2}: {COUNTS}\n"
            "  0 added, 0 removed, 1 status change(s)\n"
            "  Riverside Health 4: open -> in-progress\n"
            "  note: report 'child-t-v2' holds the same bytes\n"
        ),
    )
    again = run("import", v2, "--report", "child-t", "--quiet")
    assert again.stdout == f"child-t: unchanged ({v2} is already in the store)\n"


def test_same_bytes_under_any_name_change_nothing_and_name_the_report(tmp_path: Path) -> None:
    assert run("import", str(SAMPLE)).exit_code == 0
    copy = write(tmp_path, "Copy of plan.md", TEXT)
    for args in ((copy,), (copy, "--new")):
        result = run("import", *args)
        assert (result.exit_code, result.stdout) == (
            0,
            f"child-t: unchanged ({copy} holds the same bytes as report 'child-t', already in the store)\n",
        )
    assert reports() == [("child-t", "child-t.md")]


def test_report_option_is_that_report_even_for_another_review(tmp_path: Path) -> None:
    assert run("import", str(SAMPLE)).exit_code == 0
    other = write(tmp_path, "child-r.md", other_review())
    result = run("import", other, "--report", "child-t", "--quiet")
    assert result.stdout.splitlines()[0] == f"child-t: replaced with the new version from {other}: {COUNTS}"
    assert reports() == [("child-t", "child-r.md")]


def test_report_and_new_together_are_a_usage_error(tmp_path: Path) -> None:
    result = run("import", str(SAMPLE), "--report", "x", "--new")
    assert (result.exit_code, result.stderr) == (
        ExitCode.USAGE,
        "scrtool: error: --report ID and --new contradict each other: the file is report ID, or a report of its own\n",
    )
