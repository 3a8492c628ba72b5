"""Plans in other areas' templates: the Home Office DHR action plan (numbers inside the recommendation's text, a
completion column instead of a status), action logs that cite recommendations by number, and lists of
recommendations worded in a table of their own."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, write
from scrtool.errors import InputError
from scrtool.model import Status
from scrtool.parse import read_plan
from scrtool.parse.dates import starts_with_date
from scrtool.parse.drafts import action_number, numbered_text
from scrtool.parse.headings import agency_heading
from scrtool.parse.vocab import DEFAULT, Role

LAYOUTS = FIXTURES / "layouts"


def test_dhr_template_numbers_from_the_text_and_status_from_the_completion_column() -> None:
    plan = read_plan(str(LAYOUTS / "dhr-template.md"))
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "The Community Safety Partnership should make sure domestic abuse training covers coercive control.", 5),
        ("2", "GP practices should ask about domestic abuse when patients present with anxiety.", 6),
        ("3", "Police should review how they use the DASH risk assessment.", 8),
    ]
    assert [(a.agency, a.number, a.text, a.outcome, a.status, a.status_text, a.target) for a in plan.actions] == [
        (
            "Community Safety Partnership",
            "1.1",
            "Commission refreshed training",
            "Training commissioned",
            Status.COMPLETED,
            "June 2023: 140 staff trained",
            "2023-03-31",
        ),
        (
            "Riverside ICB",
            "2.1",
            "Issue guidance to practices",
            "Guidance drafted",
            Status.IN_PROGRESS,
            "Ongoing",
            "2023-12-31",
        ),
        ("Riverside ICB", "2.2", "Audit 20 patient records", "", Status.UNSPECIFIED, "", "2024-06-30"),
        ("Northshire Police", "3.1", "Review the use of DASH", "", Status.COMPLETED, "12/01/2024", None),
        (
            "Northshire Police",
            "3.2",
            "Brief response officers on the review",
            "",
            Status.COMPLETED,
            "Completed - all teams briefed",
            None,
        ),
        (
            "Northshire Police",
            "3.3",
            "Publish the review to the partnership",
            "",
            Status.UNSPECIFIED,
            "Awaiting sign-off",
            None,
        ),
    ]
    assert plan.actions[0].extra == (
        ("Scope of recommendation i.e. local or regional", "Local"),
        ("Target Date", "March 2023"),
        ("Date of completion and Outcome", "June 2023: 140 staff trained"),
    )
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Community Safety Partnership", ("1.1",)),
        ("2", "Riverside ICB", ("2.1", "2.2")),
        ("3", "Northshire Police", ("3.1", "3.2", "3.3")),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (10, "status 'Awaiting sign-off' is not a known status word; read as open (1 row, first at line 10)")
    ]


def test_action_log_cites_recommendations_worded_in_a_later_table() -> None:
    plan = read_plan(str(LAYOUTS / "action-log.md"))
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "Schools should consider adultification bias in their safeguarding training.", 14),
        ("2", "The police should review how they search children.", 15),
        ("3", "The partnership should share the learning of this review.", 16),
        ("4", "", 8),
    ]
    assert [(a.agency, a.number, a.status) for a in plan.actions] == [
        ("Riverside Education", "1", Status.COMPLETED),
        ("Northshire Police", "2", Status.IN_PROGRESS),
        ("Northshire Police", "3", Status.NOT_STARTED),
        ("Safeguarding Partnership", "4", Status.IN_PROGRESS),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Riverside Education", ("1",)),
        ("1", "Northshire Police", ("2",)),
        ("2", "Northshire Police", ("2", "3")),
        ("3", "Safeguarding Partnership", ("4",)),
        ("4", "Safeguarding Partnership", ("4",)),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (8, "Recommendation 4 has no wording in the plan, only its number")
    ]


def test_action_log_after_the_list_and_numbers_repeated_row_by_row(tmp_path: Path) -> None:
    text = (
        "| No. | Recommendation |\n|---|---|\n| 1 | Share the learning. |\n| 2 | Audit referrals. |\n\n"
        "| Rec No | Action | Lead | Status |\n|---|---|---|---|\n"
        "| 1 | Hold a learning event | Partnership | Complete |\n"
        "| 1 | Publish a briefing | Partnership | Ongoing |\n"
        "| 2 | Audit 30 referrals | Children's Services | |\n"
    )
    plan = read_plan(write(tmp_path, "log.md", text))
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "Share the learning.", 3),
        ("2", "Audit referrals.", 4),
    ]
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Partnership", "1.1", "Hold a learning event", Status.COMPLETED),
        ("Partnership", "1.2", "Publish a briefing", Status.IN_PROGRESS),
        ("Children's Services", "2.1", "Audit 30 referrals", Status.UNSPECIFIED),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Partnership", ("1.1", "1.2")),
        ("2", "Children's Services", ("2.1",)),
    ]
    assert plan.notices == ()


def test_a_recommendation_worded_twice_is_still_refused(tmp_path: Path) -> None:
    text = "| No. | Recommendation |\n|---|---|\n| 1 | Share the learning. |\n| 1 | Audit referrals. |\n"
    with pytest.raises(InputError) as raised:
        read_plan(write(tmp_path, "twice.md", text))
    assert str(raised.value) == f"{tmp_path / 'twice.md'}:4: Recommendation 1 appears twice (lines 3 and 4)"


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("1. The CSP should", ("1", "The CSP should")),
        ("Recommendation 2: GPs", ("2", "GPs")),
        ("1.2 Ensure", ("1.2", "Ensure")),
        ("3) Audit", ("3", "Audit")),
        ("Rec 4 - Police", ("4", "Police")),
        ("R1 Ensure", ("1", "Ensure")),
        ("Recommendation 5", ("5", "")),
        ("7", ("7", "")),
        ("2a) Share", ("2a", "Share")),
        ("Recommendation 3 \u2013 Police", ("3", "Police")),
        ("1 - The CSP", ("1", "The CSP")),
        ("2 \u2013 Audit", ("2", "Audit")),
        ("2 staff to attend", None),
        ("1. 5 staff", None),
        ("3 - 5 staff", None),
        ("The CSP 1. x", None),
        ("Records should", None),
        ("Recommendations 1", None),
    ],
)
def test_numbered_text(text: str, read: tuple[str, str] | None) -> None:
    assert numbered_text(text) == read


@pytest.mark.parametrize(
    ("text", "dated"),
    [
        ("12/06/2023", True),
        ("June 2023: 140 staff trained", True),
        ("12 June 2023 - done", True),
        ("2023-01-05", True),
        ("March 2024 \u2013 published", True),
        ("Training delivered", False),
        ("Ongoing", False),
        ("", False),
        ("2024", False),
    ],
)
def test_starts_with_date(text: str, dated: bool) -> None:
    assert starts_with_date(text) is dated


def test_agency_named_by_the_heading_above_its_table(tmp_path: Path) -> None:
    text = (
        "# Child E review: agency action plans\n\n## Northshire Police\n\n"
        "| No. | Action | Outcome | Status |\n|---|---|---|---|\n"
        "| 1 | Brief officers on the review | Officers briefed | Complete |\n"
        "| 2 | Audit domestic abuse referrals | Audit report | Ongoing |\n\n"
        "## 2. Riverside Health action plan\n\nThe trust agreed these actions.\n\n"
        "| No. | Action | Outcome | Status |\n|---|---|---|---|\n| 1 | Train GPs | GPs trained | Not started |\n\n"
        "**Agency: Children's Services**\n\n"
        "| No. | Action | Outcome | Status |\n|---|---|---|---|\n| 1 | Review the assessment | Done | Complete |\n"
        "\n"
        "## Theme 2: information sharing\n\n"
        "| No. | Action | Outcome | Status |\n|---|---|---|---|\n| 2 | Share the review | Shared | Complete |\n"
    )
    plan = read_plan(write(tmp_path, "headings.md", text))
    assert plan.report.title == "Child E review: agency action plans"
    assert [(a.agency, a.lead, a.number, a.text, a.status) for a in plan.actions] == [
        ("Northshire Police", "Northshire Police", "1", "Brief officers on the review", Status.COMPLETED),
        ("Northshire Police", "Northshire Police", "2", "Audit domestic abuse referrals", Status.IN_PROGRESS),
        ("Riverside Health", "Riverside Health", "1", "Train GPs", Status.NOT_STARTED),
        ("Children's Services", "Children's Services", "1", "Review the assessment", Status.COMPLETED),
        ("Children's Services", "Children's Services", "2", "Share the review", Status.COMPLETED),
    ]
    assert plan.notices == ()


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Northshire Police", "Northshire Police"),
        ("**Children's Services**", "Children's Services"),
        ("3. Riverside Health", "Riverside Health"),
        ("Agency: Northshire Police", "Northshire Police"),
        ("Northshire Police - Single Agency Action Plan", "Northshire Police"),
        ("Thames Valley Police actions:", "Thames Valley Police"),
        ("Appendix 2: Action plan", None),
        ("Recommendations", None),
        ("Child E review: agency action plans", None),
        ("Action plan", None),
        ("The police agreed the following actions.", None),
        ("Table 3", None),
        ("2019", None),
        ("Theme 1: Information sharing", None),
        ("Riverside Health NHS Foundation Trust", "Riverside Health NHS Foundation Trust"),
        ("NHS England \u2013 South East", "NHS England \u2013 South East"),
        ("Oxfordshire PCT/ORH", "Oxfordshire PCT/ORH"),
        (
            "Office of the Police and Crime Commissioner for Northshire",
            "Office of the Police and Crime Commissioner for Northshire",
        ),
        ("Actions agreed at the panel of May 2024", None),
        ("Health visiting service", "Health visiting service"),
        ("Information Sharing", None),
        ("OFFICIAL", None),
        ("Completed", None),
        ("Adult social care", "Adult social care"),
        ("G4S", "G4S"),
        ("NHS 111", "NHS 111"),
    ],
)
def test_agency_heading(line: str, name: str | None) -> None:
    assert agency_heading([line]) == ((line, name) if name else None)


def test_agency_named_by_a_row_spanning_the_table(tmp_path: Path) -> None:
    text = (
        "| No. | Action | Outcome | Status |\n|---|---|---|---|\n| **Northshire Police** | | | |\n"
        "| 1 | Brief officers | Officers briefed | Complete |\n| 2 | Audit referrals | Audit report | Ongoing |\n"
        "| Riverside Health | | | |\n| 1 | Train GPs | GPs trained | Not started |\n"
        "| Actions agreed at the panel of May 2024 | | | |\n| 2 | Audit GP referrals | Audit report | |\n"
    )
    plan = read_plan(write(tmp_path, "spans.md", text))
    assert [(a.agency, a.number, a.text, a.status, a.source.line) for a in plan.actions] == [
        ("Northshire Police", "1", "Brief officers", Status.COMPLETED, 4),
        ("Northshire Police", "2", "Audit referrals", Status.IN_PROGRESS, 5),
        ("Riverside Health", "1", "Train GPs", Status.NOT_STARTED, 7),
        ("Riverside Health", "2", "Audit GP referrals", Status.UNSPECIFIED, 9),
    ]
    assert plan.notices == ()


@pytest.mark.parametrize(
    ("header", "role"),
    [
        ("Status as at 01/03/2024", Role.STATUS),
        ("Status (RAG)", Role.STATUS),
        ("Progress/RAG", Role.STATUS),
        ("RAG (Mar 24)", Role.STATUS),
        ("Agencies", Role.AGENCY),
        ("Agency(ies)", Role.AGENCY),
        ("Lead agencies", Role.AGENCY),
        ("Lead Agency/Person", Role.AGENCY),
        ("Responsible lead", Role.AGENCY),
        ("Actions required", Role.ACTION_TEXT),
        ("Action(s)", Role.ACTION_TEXT),
        ("SMART action", Role.ACTION_TEXT),
        ("Target date for completion", Role.TARGET),
        ("Target Date (revised)", Role.TARGET),
        ("Timescale/Target date", Role.TARGET),
        ("IMR Action No(s)", Role.XREF),
        ("IMR Ref", Role.XREF),
        ("Agency Action Ref", Role.XREF),
        ("Action Nos", Role.ACTION_NUMBER),
        ("Evidence of completion", Role.EVIDENCE),
        ("Progress update", Role.STATUS),  # a progress column states a status (../shared/DECISIONS.md)
        ("Agency comments", None),
        ("Date of agency sign-off", None),
        ("Police to review the status of actions", None),
        ("Date action completed", Role.DONE),
        ("Date due", Role.TARGET),
        ("Agency actions", Role.XREF),
        ("Related actions", Role.XREF),
        ("RAG status at 31 March 2024", Role.STATUS),
        ("RAG rating (March 2024)", Role.STATUS),
        ("Overall RAG", Role.STATUS),
        ("Expected completion date", Role.TARGET),
        ("Planned completion date", Role.TARGET),
        ("Date for completion", Role.TARGET),
        ("Date of completion", Role.DONE),
        ("Organisation(s)", Role.AGENCY),
        ("Agency / Service", Role.AGENCY),
        ("By whom", Role.AGENCY),
        ("Who", Role.AGENCY),
        ("Led by", Role.AGENCY),
        ("Action taken", Role.EVIDENCE),
    ],
)
def test_headers_worded_otherwise(header: str, role: Role | None) -> None:
    assert DEFAULT.header_role(header) is role


def test_sar_template_with_headers_worded_otherwise(tmp_path: Path) -> None:
    text = (
        "| Recommendation number | Recommendation | Actions required | Responsible lead | Timescale "
        "| Progress/RAG |\n|---|---|---|---|---|---|\n"
        "| 1 | The SAB should seek assurance on MCA use | Deliver MCA refresher training | Adult Social Care "
        "| March 2024 | Complete |\n"
        "| 2 | The ICB should ensure GPs flag self-neglect | Add a self-neglect flag | Northshire ICB | June 2024 "
        "| Partially achieved |\n"
    )
    plan = read_plan(write(tmp_path, "sar.md", text))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "The SAB should seek assurance on MCA use"),
        ("2", "The ICB should ensure GPs flag self-neglect"),
    ]
    assert [(a.agency, a.number, a.text, a.status, a.target) for a in plan.actions] == [
        ("Adult Social Care", "1.1", "Deliver MCA refresher training", Status.COMPLETED, "2024-03-31"),
        ("Northshire ICB", "2.1", "Add a self-neglect flag", Status.IN_PROGRESS, "2024-06-30"),
    ]
    assert plan.notices == ()


def test_overview_whose_cross_reference_column_is_headed_action_nos(tmp_path: Path) -> None:
    text = (
        "| Rec No. | Recommendation | IMR Agency | Action Nos |\n|---|---|---|---|\n"
        "| 1 | Share information. | Thames Valley Police | 4, 9 |\n| 2 | Escalate. | Thames Valley Police | 7 |\n\n"
        "| Thames Valley Police | Action No | Recommendation | Status |\n|---|---|---|---|\n"
        "| Thames Valley Police | 4 | Bulletin | Completed |\n| Thames Valley Police | 7 | Escalation | Ongoing |\n"
        "| Thames Valley Police | 9 | Training | Completed |\n"
    )
    plan = read_plan(write(tmp_path, "overview.md", text))
    assert [(link.rec.number, link.target, link.refs) for link in plan.links] == [
        ("1", "Thames Valley Police", ("4", "9")),
        ("2", "Thames Valley Police", ("7",)),
    ]
    assert [a.number for a in plan.actions] == ["4", "7", "9"]
    assert plan.notices == ()


def test_blank_agency_cell_is_the_agency_of_the_row_above_or_of_a_spanning_row(tmp_path: Path) -> None:
    text = (
        "| Agency | Action No | Action | Outcome | Status |\n|---|---|---|---|---|\n"
        "| Oxford Health | 2 | Pathway | Sharing | Ongoing |\n| | 3 | Supervision | | Completed |\n"
        "| **Thames Valley Police** | | | | |\n| | 1 | Bulletin | Compliance | Completed |\n"
    )
    plan = read_plan(write(tmp_path, "blank.md", text))
    assert [(a.agency, a.lead, a.number, a.text, a.status) for a in plan.actions] == [
        ("Oxford Health", "Oxford Health", "2", "Pathway", Status.IN_PROGRESS),
        ("Oxford Health", "Oxford Health", "3", "Supervision", Status.COMPLETED),
        ("Thames Valley Police", "Thames Valley Police", "1", "Bulletin", Status.COMPLETED),
    ]
    assert plan.notices == ()


def test_spreadsheet_with_the_recommendation_filled_down_each_action_row(tmp_path: Path) -> None:
    text = (
        "Rec No,Recommendation,Action,Lead Agency,Status\n"
        "1,Partners should improve the response to neglect.,Launch the neglect toolkit,Children's Services,"
        "Complete\n"
        "1,Partners should improve the response to neglect.,Train health visitors,Northshire Health,In progress\n"
        "2,Police should share DA notifications with schools.,Join Operation Encompass,Northshire Police,"
        "Complete\n"
    )
    plan = read_plan(write(tmp_path, "filled.csv", text))
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "Partners should improve the response to neglect.", 2),
        ("2", "Police should share DA notifications with schools.", 4),
    ]
    assert [(a.agency, a.number, a.text) for a in plan.actions] == [
        ("Children's Services", "1.1", "Launch the neglect toolkit"),
        ("Northshire Health", "1.2", "Train health visitors"),
        ("Northshire Police", "2.1", "Join Operation Encompass"),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Services", ("1.1",)),
        ("1", "Northshire Health", ("1.2",)),
        ("2", "Northshire Police", ("2.1",)),
    ]


def test_agency_table_citing_recommendations_by_number(tmp_path: Path) -> None:
    text = (
        "## Northshire Police\n\n| Rec No | Action No | Action | Status |\n|---|---|---|---|\n"
        "| 1 | 1 | Brief officers on the voice of the child | Complete |\n"
        "| 1, 2 | 2 | Add a child's voice field to the DA form | In progress |\n"
        "| 4 | 3 | Audit strategy meeting attendance | Not started |\n| All | 4 | Brief the Board | |\n\n"
        "| No. | Recommendation |\n|---|---|\n| 1 | Hear the child. |\n| 2 | Record the child's voice. |\n"
        "| 4 | Attend strategy meetings. |\n"
    )
    plan = read_plan(write(tmp_path, "recno.md", text))
    assert [(a.agency, a.number, a.status, a.extra) for a in plan.actions] == [
        ("Northshire Police", "1", Status.COMPLETED, (("Rec No", "1"),)),
        ("Northshire Police", "2", Status.IN_PROGRESS, (("Rec No", "1, 2"),)),
        ("Northshire Police", "3", Status.NOT_STARTED, (("Rec No", "4"),)),
        ("Northshire Police", "4", Status.UNSPECIFIED, (("Rec No", "All"),)),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Northshire Police", ("1", "2")),
        ("2", "Northshire Police", ("2",)),
        ("4", "Northshire Police", ("3",)),
    ]
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Hear the child."),
        ("2", "Record the child's voice."),
        ("4", "Attend strategy meetings."),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (8, "recommendation cell 'All' names no recommendation number; the action is kept citing none")
    ]


@pytest.mark.parametrize(
    ("cell", "number"),
    [
        ("R1", "1"),
        ("Rec. 3", "3"),
        ("(5)", "5"),
        ("R1a", "1a"),
        ("Rec 4:", "4"),
        ("Recommendation 7", "7"),
        ("Red", None),
        ("1(i)", None),
    ],
)
def test_numbers_as_spreadsheets_write_them(cell: str, number: str | None) -> None:
    assert action_number(cell) == number


@pytest.mark.parametrize(
    ("cell", "status"),
    [
        ("Complete by March 2026", None),
        ("Completed in part - 12 of 30 practices", Status.IN_PROGRESS),
        ("Closed - not implemented (funding withdrawn)", None),
        ("Delayed - now complete", Status.COMPLETED),
        ("Achieved partially", Status.IN_PROGRESS),
        ("Implemented in part", Status.IN_PROGRESS),
        ("Completed - March 2012", Status.COMPLETED),
        ("In progress - not yet due", Status.IN_PROGRESS),
        ("Ongoing - by end of year", Status.IN_PROGRESS),
        ("Amber - Police now complete; Health to follow", Status.IN_PROGRESS),
        ("Delayed - will not now complete until 2025", Status.OVERDUE),
        ("Completed by all agencies", Status.COMPLETED),
        ("Complete by end of June", None),
        ("Not yet completed", Status.UNSPECIFIED),
    ],
)
def test_what_follows_a_status_word(cell: str, status: Status | None) -> None:
    assert DEFAULT.status(cell) is status


def test_recommendations_named_by_rows_spanning_an_actions_table(tmp_path: Path) -> None:
    text = (
        "| No. | Action | Lead Agency | Timescale | Status |\n|---|---|---|---|---|\n"
        "| Recommendation 1: Partners should strengthen the response to neglect. | | | | |\n"
        "| 1.1 | Launch the neglect toolkit | Children's Services | March 2024 | Complete |\n"
        "| 1.2 | Train health visitors in the toolkit | Northshire Health | June 2024 | In progress |\n"
        "| Recommendation 2: The police should share DA notifications with schools. | | | | |\n"
        "| 2.1 | Join Operation Encompass | Northshire Police | April 2024 | Complete |\n"
    )
    plan = read_plan(write(tmp_path, "rows.md", text))
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "Partners should strengthen the response to neglect.", 3),
        ("2", "The police should share DA notifications with schools.", 6),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Services", ("1.1",)),
        ("1", "Northshire Health", ("1.2",)),
        ("2", "Northshire Police", ("2.1",)),
    ]
    assert plan.notices == ()


def test_recommendations_named_by_headings_over_each_actions_table(tmp_path: Path) -> None:
    text = (
        '# SAR "Mr B" - Action Plan\n\n**Recommendation 1:** The SAB should seek assurance on the MCA.\n\n'
        "| No. | Action | Lead Agency | Status |\n|---|---|---|---|\n"
        "| 1.1 | Deliver MCA refresher training | Adult Social Care | Complete |\n\n"
        "### Recommendation 2\n\nThe police should refer adults at risk to the MASH.\n\n"
        "| No. | Action | Lead Agency | Status |\n|---|---|---|---|\n"
        "| 2.1 | Issue a briefing | Northshire Police | Complete |\n"
        "| 2.2 | Audit referrals | Northshire Police | |\n"
    )
    plan = read_plan(write(tmp_path, "headings.md", text))
    assert plan.report.title == 'SAR "Mr B" - Action Plan'
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "The SAB should seek assurance on the MCA.", 3),
        ("2", "The police should refer adults at risk to the MASH.", 9),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Adult Social Care", ("1.1",)),
        ("2", "Northshire Police", ("2.1", "2.2")),
    ]
    assert plan.notices == ()


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Action plan: Children's Social Care", "Children's Social Care"),
        ("Action Plan for Northshire Police", "Northshire Police"),
        ("Oxford Health IMR Action Plan", "Oxford Health"),
        ("Thames Valley Police \u2013 Agency Action Plan", "Thames Valley Police"),
        ("Child and Adolescent Mental Health Services", "Child and Adolescent Mental Health Services"),
        ("------------------------------------------", None),
        ("Child FF \u2013 Action Plan", None),
        ("Mr B", None),
        ('Child "Q"', None),
    ],
)
def test_agency_heading_around_the_name(line: str, name: str | None) -> None:
    assert agency_heading([line]) == ((line, name) if name else None)


def test_action_numbers_starting_again_under_each_recommendation(tmp_path: Path) -> None:
    text = (
        "| Rec No | Recommendation | Action No | Action | Lead Agency | Status |\n|---|---|---|---|---|---|\n"
        "| 1 | Improve the response to neglect | 1 | Relaunch the toolkit | Children's Services | Complete |\n"
        "| | | 2 | Audit use of the toolkit | Children's Services | In progress |\n"
        "| 2 | Strengthen escalation | 1 | Reissue the policy | Children's Services | Complete |\n"
        "| | | 2 | Train managers | Northshire Police | |\n"
    )
    plan = read_plan(write(tmp_path, "restart.md", text))
    assert [(a.agency, a.number, a.text) for a in plan.actions] == [
        ("Children's Services", "1.1", "Relaunch the toolkit"),
        ("Children's Services", "1.2", "Audit use of the toolkit"),
        ("Children's Services", "2.1", "Reissue the policy"),
        ("Northshire Police", "2.2", "Train managers"),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Services", ("1.1", "1.2")),
        ("2", "Children's Services", ("2.1",)),
        ("2", "Northshire Police", ("2.2",)),
    ]
    assert plan.notices == ()


def test_action_numbers_running_on_across_recommendations_are_kept(tmp_path: Path) -> None:
    text = (
        "| Rec No | Recommendation | Action No | Action | Lead Agency | Status |\n|---|---|---|---|---|---|\n"
        "| 1 | Improve the response to neglect | 1 | Relaunch the toolkit | Children's Services | Complete |\n"
        "| 2 | Strengthen escalation | 2 | Reissue the policy | Children's Services | Complete |\n"
    )
    plan = read_plan(write(tmp_path, "running.md", text))
    assert [a.number for a in plan.actions] == ["1", "2"]


@pytest.mark.parametrize("agency", ["Family Action", "Action for Children", "UK Border Agency"])
def test_an_agency_whose_name_holds_a_header_word_owns_its_table(tmp_path: Path, agency: str) -> None:
    text = (
        f"| Rec No. | Recommendation | IMR Agency | IMR Action No. |\n|---|---|---|---|\n"
        f"| 1 | Share information. | {agency} | Action 2 |\n\n"
        f"| {agency} | Action No | Recommendation | Projected Outcome | Status |\n|---|---|---|---|---|\n"
        "| | 2 | Train family support workers. | Workers trained. | Ongoing |\n"
    )
    plan = read_plan(write(tmp_path, "owner.md", text))
    assert [(a.agency, a.lead, a.number, a.status) for a in plan.actions] == [(agency, agency, "2", Status.IN_PROGRESS)]
    assert [(link.target, link.refs) for link in plan.links] == [(agency, ("2",))]
    assert plan.notices == ()


def test_theme_headings_and_markings_name_no_agency(tmp_path: Path) -> None:
    text = (
        "# Northshire Police - single agency action plan (Child T)\n\n## Information Sharing\n\n"
        "| No. | Action | Status |\n|---|---|---|\n| 1 | Brief officers. | Completed |\n\nOFFICIAL\n\n"
        "| No. | Action | Status |\n|---|---|---|\n| 2 | Review the DASH form. | Ongoing |\n\n"
        "## Riverside Health\n\n| Agency | Action No | Action | Status |\n|---|---|---|---|\n"
        "| | 1 | Record all adults in the home. | Completed |\n"
    )
    plan = read_plan(write(tmp_path, "themes.md", text))
    assert [(a.agency, a.number) for a in plan.actions] == [
        ("Northshire Police", "1"),
        ("Northshire Police", "2"),
        ("Riverside Health", "1"),
    ]
    assert plan.report.title == "Northshire Police - single agency action plan (Child T)"  # not its theme heading


def test_a_header_worded_only_otherwise_is_read_when_a_delimiter_row_marks_it(tmp_path: Path) -> None:
    text = (
        "| Recommendations made | Agency/Person responsible | Target date for completion | Status (RAG) |\n"
        "|---|---|---|---|\n| 1. Refresh DASH training. | Northshire Police | March 2024 | Green |\n"
        "| 2. Add routine enquiry to GP templates. | Northshire ICB | June 2024 | Amber |\n"
    )
    plan = read_plan(write(tmp_path, "loose.md", text))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Refresh DASH training."),
        ("2", "Add routine enquiry to GP templates."),
    ]
    assert [(a.agency, a.number, a.status, a.target) for a in plan.actions] == [
        ("Northshire Police", "1", Status.IN_PROGRESS, "2024-03-31"),
        ("Northshire ICB", "2", Status.IN_PROGRESS, "2024-06-30"),
    ]
    assert [a.rag for a in plan.actions] == ["green", "amber"]


@pytest.mark.parametrize(
    ("cell", "other", "status", "rag"),
    [
        ("Green", "", Status.IN_PROGRESS, "green"),
        ("Amber", "", Status.IN_PROGRESS, "amber"),
        ("Red", "", Status.UNSPECIFIED, "red"),
        ("Blue", "", Status.COMPLETED, "blue"),
        ("R", "Not started", Status.NOT_STARTED, "red"),
        ("Red", "Overdue", Status.OVERDUE, "red"),
        ("Green", "Audit tool agreed", Status.IN_PROGRESS, "green"),
        ("Green - completed", "", Status.COMPLETED, "green"),
        ("Blue", "Not started", Status.COMPLETED, "blue"),
        ("Amber/Green", "", Status.IN_PROGRESS, "amber"),
        ("Red (fill)", "", Status.UNSPECIFIED, "red"),
        ("In progress", "", Status.IN_PROGRESS, None),
    ],
)
def test_rag_words_are_ratings_not_completion(
    tmp_path: Path, cell: str, other: str, status: Status, rag: str | None
) -> None:
    """Issue 13 item 3: a tracker row ``RAG: Green, Progress: Audit tool agreed`` is in progress (it was imported as
    completed), with green recorded as the plan's judgement; Red is open unless the row's words say more."""
    text = (
        "| No. | Recommendation | Lead Agency | RAG | Progress |\n|---|---|---|---|---|\n"
        f"| 1 | Audit the front door. | Children's Services | {cell} | {other} |\n"
    )
    action = read_plan(write(tmp_path, "rag.md", text)).actions[0]
    assert (action.status, action.rag) == (status, rag)


def test_status_from_the_rag_column_beside_a_progress_column(tmp_path: Path) -> None:
    text = (
        "| No. | Recommendation | Lead Agency | Progress | RAG |\n|---|---|---|---|---|\n"
        "| 1 | Refresh the toolkit training. | Children's Services | 240 staff trained; audit in May | G |\n"
        "| 2 | Audit HV records. | Riverside Health | Audit scheduled | A |\n"
    )
    plan = read_plan(write(tmp_path, "rag.md", text))
    assert [(a.number, a.status, a.status_text, a.extra) for a in plan.actions] == [
        ("1", Status.IN_PROGRESS, "G", (("Progress", "240 staff trained; audit in May"),)),
        ("2", Status.IN_PROGRESS, "A", (("Progress", "Audit scheduled"),)),
    ]
    assert [a.rag for a in plan.actions] == ["green", "amber"]
    assert plan.notices == ()


@pytest.mark.parametrize(
    ("person", "agency"),
    [
        ("Responsible Officer", "Agency"),
        ("Lead Officer", "Organisation(s)"),
        ("Lead Person", "Partner Agency"),
        ("Named lead", "Agency(ies)"),
        ("Lead officer", "Service"),
    ],
)
def test_the_agency_column_beside_a_person_column(tmp_path: Path, person: str, agency: str) -> None:
    text = (
        f"| No. | Recommendation | {person} | {agency} | Progress | RAG status (31/03/24) |\n"
        "|---|---|---|---|---|---|\n"
        "| 1 | Refresh DASH training. | DI Jones | Northshire Police | 40 trained | G |\n"
    )
    plan = read_plan(write(tmp_path, "officer.md", text))
    assert [(a.agency, a.status, a.extra) for a in plan.actions] == [
        ("Northshire Police", Status.IN_PROGRESS, ((person, "DI Jones"), ("Progress", "40 trained")))
    ]


def test_a_completion_column_date_that_is_not_yet_a_completion(tmp_path: Path) -> None:
    text = (
        "| Recommendation | Action to take | Lead Agency | Date of completion and Outcome |\n|---|---|---|---|\n"
        "| 1. Adopt the DA policy. | Publish the policy | Partnership | March 2025 - not yet complete |\n"
        "| 2. Ask about abuse. | Add routine enquiry | Northshire ICB | June 2025 (revised target) |\n"
        "| 3. Review DASH. | Review DASH | Northshire Police | Not yet completed |\n"
        "| 4. Train staff. | Train housing officers | Northshire Homes | 12/01/2024 |\n"
    )
    plan = read_plan(write(tmp_path, "done.md", text))
    assert [(a.number, a.status) for a in plan.actions] == [
        ("1.1", Status.UNSPECIFIED),
        ("2.1", Status.UNSPECIFIED),
        ("3.1", Status.UNSPECIFIED),
        ("4.1", Status.COMPLETED),
    ]
    assert [n.message for n in plan.notices] == [
        "status 'March 2025 - not yet complete' is not a known status word; read as open (1 row, first at line 3)",
        "status 'June 2025 (revised target)' is not a known status word; read as open (1 row, first at line 4)",
    ]


def test_tracker_with_no_agency_column_and_unnumbered_rows(tmp_path: Path) -> None:
    text = (
        "| Rec No. | Recommendation | Update | RAG |\n|---|---|---|---|\n"
        "| 1 | Seek assurance on self-neglect guidance. | Audit in May | Green |\n\n"
        "| Recommendation | Lead Agency | Status |\n|---|---|---|\n"
        "| The CSP should run a campaign. | Community Safety Partnership | Completed |\n"
        "| GP practices should adopt routine enquiry. | Northshire ICB | Ongoing |\n\n"
        "| Action | Lead | Status |\n|---|---|---|\n| 1. Refresh the toolkit training. | Children's Services | |\n"
    )
    plan = read_plan(write(tmp_path, "unnumbered.md", text))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Seek assurance on self-neglect guidance."),
        ("2", "The CSP should run a campaign."),
        ("3", "GP practices should adopt routine enquiry."),
    ]
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Unassigned", "1", "Seek assurance on self-neglect guidance.", Status.IN_PROGRESS),
        ("Community Safety Partnership", "2", "The CSP should run a campaign.", Status.COMPLETED),
        ("Northshire ICB", "3", "GP practices should adopt routine enquiry.", Status.IN_PROGRESS),
        ("Children's Services", "1", "Refresh the toolkit training.", Status.UNSPECIFIED),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (
            3,
            "1 action(s) have no agency (no agency column, first header cell, heading or 'Lead agency:' line names "
            "one): kept under 'Unassigned'",
        ),
        (7, "the recommendations of this table have no numbers; numbered in the order of the plan"),
    ]


def test_combined_plan_whose_lead_column_is_headed_by_whom(tmp_path: Path) -> None:
    text = (
        "| Recommendation | Action | By whom | By when | Status |\n|---|---|---|---|---|\n"
        "| 1. Improve information sharing about fathers. | Add fathers to the referral form | Children's Services "
        "| March 2024 | Complete |\n| | Audit the form | Safeguarding Partnership | June 2024 | Ongoing |\n"
    )
    plan = read_plan(write(tmp_path, "bywhom.md", text))
    assert [(a.agency, a.number, a.text, a.status, a.target) for a in plan.actions] == [
        ("Children's Services", "1.1", "Add fathers to the referral form", Status.COMPLETED, "2024-03-31"),
        ("Safeguarding Partnership", "1.2", "Audit the form", Status.IN_PROGRESS, "2024-06-30"),
    ]


def test_a_paragraph_starting_recommendation_n_is_no_heading(tmp_path: Path) -> None:
    text = (
        "| Rec No. | Recommendation | IMR Agency | IMR Action No. |\n|---|---|---|---|\n"
        "| 2 | The Board should audit escalation. | Children's Services | 1 |\n\n"
        "Recommendation 2 was accepted by all agencies; see below.\n\n"
        "| Children's Services | Action No | Recommendation | Status |\n|---|---|---|---|\n"
        "| | 1 | Remind managers of the protocol. | Completed |\n\n"
        "| Recommendation | Action to take | Lead Agency | Status |\n|---|---|---|---|\n"
        "| 3. Recruit staff. | 1.5 FTE coordinator to be recruited | Partnership | Ongoing |\n"
    )
    plan = read_plan(write(tmp_path, "para.md", text))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("2", "The Board should audit escalation."),
        ("3", "Recruit staff."),
    ]
    assert [(a.number, a.text) for a in plan.actions] == [
        ("1", "Remind managers of the protocol."),
        ("3.1", "1.5 FTE coordinator to be recruited"),
    ]


def test_first_column_rows_that_number_the_next_recommendation_or_go_on_with_the_text(tmp_path: Path) -> None:
    text = (
        "| Recommendation | Lead Agency | Status |\n|---|---|---|\n"
        "| 1. Run a DA awareness campaign, covering: | Northshire CSP | Ongoing |\n| 1) employers; and | | |\n"
        "| 2) schools. | | |\n| 2. Write to the Home Office about the guidance. | | |\n"
        "| 3. Adopt routine enquiry. | Riverside ICB | Complete |\n"
    )
    plan = read_plan(write(tmp_path, "rows.md", text))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Run a DA awareness campaign, covering: 1) employers; and 2) schools."),
        ("2", "Write to the Home Office about the guidance."),
        ("3", "Adopt routine enquiry."),
    ]
    assert [(a.agency, a.number, a.status) for a in plan.actions] == [
        ("Northshire CSP", "1", Status.IN_PROGRESS),
        ("Unassigned", "2", Status.UNSPECIFIED),
        ("Riverside ICB", "3", Status.COMPLETED),
    ]


def test_a_row_under_an_action_with_a_status_of_its_own_is_an_action_of_its_own(tmp_path: Path) -> None:
    text = (
        "| Riverside Health | Action No | Action | Target date | Status |\n|---|---|---|---|---|\n"
        "| Riverside Health | 1 | Revise the was-not-brought policy. | March 2025 | Complete |\n"
        "| | | Brief all health visitors on it. | June 2025 | Ongoing |\n"
        "| | | and on the leaflet. | | |\n"
    )
    plan = read_plan(write(tmp_path, "sub.md", text))
    assert [(a.number, a.text, a.status, a.target) for a in plan.actions] == [
        ("1", "Revise the was-not-brought policy.", Status.COMPLETED, "2025-03-31"),
        (None, "Brief all health visitors on it. and on the leaflet.", Status.IN_PROGRESS, "2025-06-30"),
    ]
    assert [n.message for n in plan.notices] == [
        "Riverside Health: unnumbered row matches no overview recommendation; kept as an unnumbered action"
    ]


def test_headings_over_tables_agencies_themes_and_sentences(tmp_path: Path) -> None:
    text = (
        "# Child CC review\n\n## Riverside Health NHS Trust\n\n### Safeguarding Supervision\n\n"
        "| No. | Action | Status |\n|---|---|---|\n| 1 | Supervise health visitors. | Complete |\n\n"
        "### Think Family\n\n| No. | Action | Status |\n|---|---|---|\n| 2 | Record dependent children. | |\n\n"
        "## Northshire Police\n\nLead officer: DCI Jane Smith, Public Protection Unit\n\n"
        "| No. | Action | Status |\n|---|---|---|\n| 1 | Refresh voice of the child training. | Complete |\n\n"
        "## Change Grow Live - update March 2024\n\n"
        "| No. | Action | Status |\n|---|---|---|\n| 2 | Routine enquiry at key-worker reviews. | |\n"
    )
    plan = read_plan(write(tmp_path, "headings.md", text))
    assert [(a.agency, a.number) for a in plan.actions] == [
        ("Riverside Health NHS Trust", "1"),
        ("Riverside Health NHS Trust", "2"),
        ("Northshire Police", "1"),
        ("Northshire Police", "2"),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (
            11,
            "'Think Family' is not read as an agency's name; the rows of the table under it stay with 'Riverside "
            "Health NHS Trust' (name the agency in the table's first header cell)",
        ),
        (
            25,
            "'Change Grow Live - update March 2024' is not read as an agency's name; the rows of the table under it "
            "stay with 'Northshire Police' (name the agency in the table's first header cell)",
        ),
    ]


def test_theme_rows_and_bold_rows_inside_a_table_are_section_titles(tmp_path: Path) -> None:
    text = (
        "| Recommendation | Lead Agency | Status |\n|---|---|---|\n| **Theme 1: Self-neglect** | | |\n"
        "| 1. Refresh the self-neglect policy. | Northshire SAB | Ongoing |\n| Theme 2: Mental capacity | | |\n"
        "| Recommendation 3 of the 2019 review to be re-audited by the CSP. | Northshire CSP | |\n\n"
        "| Action | Lead | Status |\n|---|---|---|\n| **Assessment** | | |\n"
        "| 1. Refresh the practice standards. | Children's Services | Complete |\n"
    )
    plan = read_plan(write(tmp_path, "themes.md", text))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Refresh the self-neglect policy."),
        ("2", "Recommendation 3 of the 2019 review to be re-audited by the CSP."),
    ]
    assert [(a.agency, a.number, a.text) for a in plan.actions] == [
        ("Northshire SAB", "1", "Refresh the self-neglect policy."),
        ("Northshire CSP", "2", "Recommendation 3 of the 2019 review to be re-audited by the CSP."),
        ("Children's Services", "1", "Refresh the practice standards."),
    ]
    assert [n.message for n in plan.notices] == [
        "the recommendations of this table have no numbers; numbered in the order of the plan"
    ]


def test_a_person_column_under_an_agency_heading_is_an_extra_field_not_the_agency(tmp_path: Path) -> None:
    text = (
        "# Infant Y plans\n\n## Thames Valley Police\n\n"
        "| Ref | Action | Responsible officer | By when | Status |\n|---|---|---|---|---|\n"
        "| 1 | Circulate a bulletin on checks. | DI Smith | March 2027 | Ongoing |\n"
        "| 2 | Review training. | Ch Insp Jones | June 2027 | Completed |\n\n## Oxford Health\n\n"
        "| Ref | Action | Lead officer | Named nurse | By when | Status |\n|---|---|---|---|---|---|\n"
        "| 1 | Share information. | Head of Safeguarding | J Green | Dec 2027 | Ongoing |\n"
    )
    plan = read_plan(write(tmp_path, "officer.md", text))
    assert [(a.agency, a.number, a.text, a.status, a.extra) for a in plan.actions] == [
        (
            "Thames Valley Police",
            "1",
            "Circulate a bulletin on checks.",
            Status.IN_PROGRESS,
            (("Responsible officer", "DI Smith"), ("By when", "March 2027")),
        ),
        (
            "Thames Valley Police",
            "2",
            "Review training.",
            Status.COMPLETED,
            (("Responsible officer", "Ch Insp Jones"), ("By when", "June 2027")),
        ),
        (
            "Oxford Health",
            "1",
            "Share information.",
            Status.IN_PROGRESS,
            (("Lead officer", "Head of Safeguarding"), ("Named nurse", "J Green"), ("By when", "Dec 2027")),
        ),
    ]
    assert plan.notices == ()


def test_a_chronology_is_skipped_with_one_notice_naming_it(tmp_path: Path) -> None:
    chronology = (
        "| Date | Agency | Event | Action taken |\n|---|---|---|---|\n"
        "| 03/01/2009 | Oxford Health | New birth visit. | No concerns noted. |\n"
        "| 14/02/2009 | Thames Valley Police | Domestic incident. | Risk assessed as standard. |\n\n"
    )
    text = (
        "# Infant Y\n\n## Chronology\n\n" + chronology + "| Date | Agency | Event | Comment |\n|---|---|---|---|\n"
        "| 20/02/2009 | Children's Social Care | Anonymous referral. | Not recorded. |\n\n## Action plan\n\n"
        "| Agency | Action No | Action | Status |\n|---|---|---|---|\n"
        "| Oxford Health | 1 | Share information. | Completed |\n"
    )
    plan = read_plan(write(tmp_path, "chrono.md", text))
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Oxford Health", "1", "Share information.", Status.COMPLETED)
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (
            5,
            "2 tables are not part of the plan and not read (chronologies of events): the table on line 5 (Date | "
            "Agency | Event | Action taken), the table on line 10 (Date | Agency | Event | Comment)",
        )
    ]


def test_a_file_whose_only_table_is_a_chronology_says_so(tmp_path: Path) -> None:
    text = (
        "| Date | Agency | Event | Action taken |\n|---|---|---|---|\n"
        "| 03/01/2009 | Oxford Health | New birth visit. | No concerns noted. |\n"
    )
    with pytest.raises(InputError) as caught:
        read_plan(write(tmp_path, "chrono.md", text))
    assert caught.value.detail == (
        "no table of the plan found: 1 table is not part of the plan and not read (a "
        "chronology of events): the table on line 1 (Date | Agency | Event | Action taken)"
    )


@pytest.mark.parametrize(
    ("lines", "title"),
    [
        ("Child Q action plan\nLast updated: 01/03/2024\n", "Child Q action plan Last updated: 01/03/2024"),
        (
            "Child Q action plan\n" + "The review found that agencies did not share what they knew. " * 4 + "\n",
            "Child Q action plan",
        ),
        (
            "The review of Child Q found that agencies did not share what they knew about the family. It found " * 3
            + "\n",
            "The review of Child Q found that agencies did not share what they knew about the family.",
        ),
        (
            "The review of Child Q " + "and the family " * 20 + "\n",
            "The review of Child Q" + " and the family" * 8 + " and the\u2026",
        ),
    ],
)
def test_a_title_is_a_line_or_two_never_a_paragraph(tmp_path: Path, lines: str, title: str) -> None:
    text = lines + "\n| No. | Action | Status |\n|---|---|---|\n| 1 | Brief staff. | Done |\n"
    assert read_plan(write(tmp_path, "plan.md", text)).report.title == title
