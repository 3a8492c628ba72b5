"""Plans as partnerships make them (red team 8): each test builds the shape a real plan has (a Word table per
recommendation with the recommendation in a merged row over its header, a council's web page, a tracker workbook)
and asserts the exact records read from it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from docx import Document
from openpyxl import Workbook
from openpyxl.styles import PatternFill

from conftest import write
from scrtool.model import Status
from scrtool.parse import read_plan


def _word_plan_a_table_per_recommendation(path: Path) -> None:
    """Each recommendation a table of its own, its text in a first row merged across, the header under it."""
    document = Document()
    document.add_heading("Child W: Local Child Safeguarding Practice Review", 0)
    recommendations = [
        (
            "Recommendation 1: Partners should consider the lived experience of the child.",
            [
                ("1.1", "Children's Social Care", "Add a lived-experience prompt.", "31/03/2026", "Completed"),
                ("1.2", "Northshire Police", "Include the child's voice.", "30/06/2026", "In progress"),
            ],
        ),
        (
            "Recommendation 2: The partnership should seek assurance on neglect.",
            [
                ("2.1", "Education", "Roll out the neglect toolkit.", "31/12/2025", "Not started"),
            ],
        ),
    ]
    for title, actions in recommendations:
        table = document.add_table(rows=2, cols=5)
        table.rows[0].cells[0].merge(table.rows[0].cells[4]).text = title
        for cell, header in zip(table.rows[1].cells, ["No.", "Agency", "Action", "Target date", "Status"], strict=True):
            cell.text = header
        for action in actions:
            for cell, text in zip(table.add_row().cells, action, strict=True):
                cell.text = text
        document.add_paragraph("")
    document.save(str(path))


def test_a_recommendation_s_row_over_its_table_s_header_words_it_and_heads_its_actions(tmp_path: Path) -> None:
    path = tmp_path / "child-w.docx"
    _word_plan_a_table_per_recommendation(path)
    plan = read_plan(str(path))
    assert [(r.number, r.text, r.source.where()) for r in plan.recommendations] == [
        ("1", "Partners should consider the lived experience of the child.", "table 1 row 1"),
        ("2", "The partnership should seek assurance on neglect.", "table 2 row 1"),
    ]
    assert [(a.agency, a.number, a.text, a.status, a.due) for a in plan.actions] == [
        ("Children's Social Care", "1.1", "Add a lived-experience prompt.", Status.COMPLETED, "2026-03-31"),
        ("Northshire Police", "1.2", "Include the child's voice.", Status.IN_PROGRESS, "2026-06-30"),
        ("Education", "2.1", "Roll out the neglect toolkit.", Status.NOT_STARTED, "2025-12-31"),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Social Care", ("1.1",)),
        ("1", "Northshire Police", ("1.2",)),
        ("2", "Education", ("2.1",)),
    ]
    assert [n.message for n in plan.notices] == []


def test_a_recommendation_s_row_over_a_header_repeated_inside_one_table(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "child-w.md",
        "# Child W\n\n"
        "| No. | Agency | Action | Status |\n"
        "|---|---|---|---|\n"
        "| Recommendation 1: Partners should consider lived experience. | | | |\n"
        "| No. | Agency | Action | Status |\n"
        "| 1.1 | Children's Social Care | Add a prompt. | Completed |\n"
        "| Recommendation 2: The partnership should seek assurance on neglect. | | | |\n"
        "| No. | Agency | Action | Status |\n"
        "| 2.1 | Education | Roll out the toolkit. | Not started |\n",
    )
    plan = read_plan(path)
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "Partners should consider lived experience.", 5),
        ("2", "The partnership should seek assurance on neglect.", 8),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Social Care", ("1.1",)),
        ("2", "Education", ("2.1",)),
    ]


def test_a_council_page_s_what_we_will_do_column_is_the_action(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "child-v.html",
        "<html><body><main><h1>Child V: safeguarding practice review</h1>\n"
        "<h2>Recommendations</h2>\n<ol>\n"
        "<li>The partnership should ensure agencies share information about domestic abuse.</li>\n"
        "<li>Health partners should strengthen the was not brought policy.</li>\n</ol>\n"
        "<h2>Our response</h2>\n<table>\n"
        "<tr><th>Recommendation</th><th>What we will do</th><th>Who</th><th>By when</th><th>Progress</th></tr>\n"
        "<tr><td>1</td><td>Introduce a domestic abuse flag.</td><td>Children's Services</td>"
        "<td>December 2025</td><td>Done</td></tr>\n"
        "<tr><td>1</td><td>Run joint training.</td><td>Eastborough Police</td><td>March 2026</td>"
        "<td>On track</td></tr>\n"
        "<tr><td>2</td><td>Review the policy.</td><td>Eastborough NHS Trust</td><td>April 2026</td><td></td></tr>\n"
        "</table></main></body></html>\n",
    )
    plan = read_plan(path)
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "The partnership should ensure agencies share information about domestic abuse."),
        ("2", "Health partners should strengthen the was not brought policy."),
    ]
    assert [(a.agency, a.number, a.text, a.status, a.due, a.extra) for a in plan.actions] == [
        (
            "Children's Services",
            "1.1",
            "Introduce a domestic abuse flag.",
            Status.COMPLETED,
            "2025-12-31",
            (("By when", "December 2025"),),
        ),
        (
            "Eastborough Police",
            "1.2",
            "Run joint training.",
            Status.IN_PROGRESS,
            "2026-03-31",
            (("By when", "March 2026"),),
        ),
        (
            "Eastborough NHS Trust",
            "2.1",
            "Review the policy.",
            Status.UNSPECIFIED,
            "2026-04-30",
            (("By when", "April 2026"),),
        ),
    ]


def _tracker_workbook(path: Path) -> None:
    """A partnership's tracker: a title block, the header on row 5 (frozen), a Ref column numbering actions under
    their recommendation with the recommendation worded on its first row only, a RAG column in colours only,
    dates as Excel dates and as text, a hidden column, a totals row, and a sheet of notes."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Action Tracker"
    sheet["A1"] = "Westshire Safeguarding Children Partnership"
    sheet["A2"] = "Child Z: action plan tracker"
    sheet.append([])
    sheet.append([])
    sheet.append(["Ref", "Recommendation", "Action", "Lead Agency", "Internal ID", "Target Date", "RAG", "Update"])
    sheet.freeze_panes = "A6"
    sheet.column_dimensions["E"].hidden = True
    rows: list[tuple[object, ...]] = [
        (
            "1.1",
            "Partners should include fathers.",
            "Revise the template.",
            "Children's Social Care",
            "CSC-01",
            datetime(2026, 12, 31),
            "00B050",
            "Drafted.",
        ),
        ("1.2", None, "Brief health visitors.", "Westshire NHS Trust", "HV-07", "Q3 2026/27", "FFC000", None),
        (
            "2.1",
            "The partnership should review escalation.",
            "Refresh the policy.",
            "Business Unit",
            "BU-02",
            "end of March 2026",
            "0070C0",
            "Published.",
        ),
        ("2.2", None, "Audit the policy's use.", "Business Unit", "BU-03", "31.03.27", "FF0000", None),
        (
            "3.1",
            "Schools should record concerns on one system.",
            "Move schools to one system.",
            "Education Services",
            "ED-11",
            datetime(2027, 7, 31),
            None,
            None,
        ),
    ]
    for row in rows:
        sheet.append([*row[:6], None, row[7]])
        if row[6] is not None:
            sheet.cell(row=sheet.max_row, column=7).fill = PatternFill("solid", fgColor=f"FF{row[6]}")
        if isinstance(row[5], datetime):
            sheet.cell(row=sheet.max_row, column=6).number_format = "dd/mm/yyyy"
    sheet.append(["Total actions", None, 5, None, None, None, "1 Blue, 1 Green, 1 Amber, 1 Red"])
    notes = book.create_sheet("Notes")
    notes["A1"] = "RAG: Blue complete; Green on track; Amber at risk; Red off track."
    book.save(path)


def test_a_tracker_numbering_actions_under_a_recommendation_worded_once_without_its_totals_row(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tracker.xlsx"
    _tracker_workbook(path)
    plan = read_plan(str(path))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Partners should include fathers."),
        ("2", "The partnership should review escalation."),
        ("3", "Schools should record concerns on one system."),
    ]
    assert [(a.agency, a.number, a.text, a.status, a.status_text, a.rag, a.due) for a in plan.actions] == [
        (
            "Children's Social Care",
            "1.1",
            "Revise the template.",
            Status.IN_PROGRESS,
            "Green (fill)",
            "green",
            "2026-12-31",
        ),
        ("Westshire NHS Trust", "1.2", "Brief health visitors.", Status.IN_PROGRESS, "Amber (fill)", "amber", None),
        ("Business Unit", "2.1", "Refresh the policy.", Status.COMPLETED, "Blue (fill)", "blue", "2026-03-31"),
        ("Business Unit", "2.2", "Audit the policy's use.", Status.UNSPECIFIED, "Red (fill)", "red", "2027-03-31"),
        ("Education Services", "3.1", "Move schools to one system.", Status.UNSPECIFIED, "", None, "2027-07-31"),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Social Care", ("1.1",)),
        ("1", "Westshire NHS Trust", ("1.2",)),
        ("2", "Business Unit", ("2.1", "2.2")),
        ("3", "Education Services", ("3.1",)),
    ]
    assert [(n.at(), n.message) for n in plan.notices] == [
        ("workbook", "hidden rows and columns are read as plan data: 'Action Tracker' column E"),
        ("sheet 'Action Tracker' cell A11", "a row of totals is not an action; not read"),
    ]


def test_a_ref_column_filled_down_beside_its_recommendation_numbers_the_actions(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plan.md",
        "| Ref | Recommendation | Action | Lead agency |\n|---|---|---|---|\n"
        "| 1.1 | Partners should include fathers. | Revise the template. | Children's Social Care |\n"
        "| 1.2 | Partners should include fathers. | Brief health visitors. | Westshire NHS Trust |\n"
        "| 2.1 | The partnership should review escalation. | Refresh the policy. | Business Unit |\n",
    )
    plan = read_plan(path)
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Partners should include fathers."),
        ("2", "The partnership should review escalation."),
    ]
    assert [(a.agency, a.number) for a in plan.actions] == [
        ("Children's Social Care", "1.1"),
        ("Westshire NHS Trust", "1.2"),
        ("Business Unit", "2.1"),
    ]


def test_recommendations_numbered_1_1_and_1_2_each_worded_stay_recommendations(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "plan.md",
        "| Ref | Recommendation | Action | Lead agency |\n|---|---|---|---|\n"
        "| 1.1 | Partners should include fathers. | Revise the template. | Children's Social Care |\n"
        "| 1.2 | Health visitors should ask about fathers. | Brief health visitors. | Westshire NHS Trust |\n",
    )
    plan = read_plan(path)
    assert [r.number for r in plan.recommendations] == ["1.1", "1.2"]
    assert [(a.agency, a.number) for a in plan.actions] == [
        ("Children's Social Care", "1.1.1"),
        ("Westshire NHS Trust", "1.2.1"),
    ]


def test_a_second_header_row_naming_one_known_column_under_a_merged_group(tmp_path: Path) -> None:
    """``Progress`` merged across two columns over ``RAG`` and ``Update``, the other header cells merged down."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Child S"
    sheet.append(["Rec", "Recommendation", "Action", "Lead", "Due", "Progress", None])
    sheet.append([None, None, None, None, None, "RAG", "Update"])
    sheet.merge_cells("F1:G1")
    for column in "ABCDE":
        sheet.merge_cells(f"{column}1:{column}2")
    sheet.append(
        [1, "Practitioners should use the neglect toolkit.", "Relaunch the toolkit.", "CSC", None, "G", "Done"]
    )
    sheet.append([2, "Partners should hear the child.", "Voice of the child training.", "Police", None, "A", None])
    path = tmp_path / "child-s.xlsx"
    book.save(path)
    plan = read_plan(str(path))
    assert [(a.agency, a.number, a.status_text, a.extra) for a in plan.actions] == [
        ("CSC", "1.1", "G", (("Update", "Done"),)),
        ("Police", "2.1", "A", ()),
    ]
    assert [n.message for n in plan.notices] == []


def test_a_numbered_recommendation_s_row_over_a_table_words_it_and_a_theme_s_row_does_not(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "child-w.md",
        "# Child W\n\n"
        "| 1. Partners should ensure lived experience is considered. | | | |\n|---|---|---|---|\n"
        "| No. | Agency | Action | Status |\n"
        "| 1.1 | Children's Social Care | Add a prompt. | Completed |\n"
        "| 1.2 | Northshire Police | Include the child's voice. | In progress |\n\n"
        "| Theme 2: Neglect | | | |\n|---|---|---|---|\n"
        "| No. | Agency | Action | Status |\n"
        "| 2.1 | Education | Roll out the toolkit. | Not started |\n",
    )
    plan = read_plan(path)
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "Partners should ensure lived experience is considered.", 3),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Social Care", ("1.1",)),
        ("1", "Northshire Police", ("1.2",)),
    ]
    assert [(a.agency, a.number) for a in plan.actions] == [
        ("Children's Social Care", "1.1"),
        ("Northshire Police", "1.2"),
        ("Education", "2.1"),
    ]


def test_a_dashboard_of_counts_by_status_is_not_read_as_actions(tmp_path: Path) -> None:
    """A tracker's first sheet counts each agency's actions by status; the agencies' sheets hold the actions."""
    book = Workbook()
    dashboard = book.active
    assert dashboard is not None
    dashboard.title = "Dashboard"
    for row in (
        ["Child T action plan"],
        [],
        ["Agency", "Total actions", "Complete", "In progress", "Not started"],
        ["Police", 2, 1, 1, 0],
        ["Health", 1, 0, 0, 1],
    ):
        dashboard.append(row)
    for name, actions in (
        ("Police", [(1, "Review DA training.", "Complete"), (2, "Audit referrals.", "In progress")]),
        ("Health", [(1, "Update the WNB policy.", "Not started")]),
    ):
        sheet = book.create_sheet(name)
        sheet.append(["No.", "Action", "Status"])
        for action in actions:
            sheet.append(list(action))
    path = tmp_path / "child-t.xlsx"
    book.save(path)
    plan = read_plan(str(path))
    assert [(a.agency, a.number, a.text, a.status) for a in plan.actions] == [
        ("Police", "1", "Review DA training.", Status.COMPLETED),
        ("Police", "2", "Audit referrals.", Status.IN_PROGRESS),
        ("Health", "1", "Update the WNB policy.", Status.NOT_STARTED),
    ]
    assert [(n.at(), n.message) for n in plan.notices] == [
        (
            "sheet 'Dashboard' cell A3",
            "1 table is not part of the plan and not read (a table of counts by status): the table on sheet "
            "'Dashboard' cell A3 (Agency | Total actions | Complete | In progress |\u2026)",
        )
    ]


def test_a_single_agency_plan_s_heading_names_its_agency_after_the_dash_and_progress_update_is_its_status(
    tmp_path: Path,
) -> None:
    path = write(
        tmp_path,
        "child-q.md",
        "# Child Q\n\n"
        "## Single agency action plan \u2013 Westshire Police\n\n"
        "| Action No | Action | Timescale | Progress update |\n|---|---|---|---|\n"
        "| 1 | Issue guidance on searches of children. | December 2025 | Complete |\n"
        "| 2 | Audit searches monthly. | Ongoing | |\n\n"
        "## Single agency action plan: Westshire Council Education\n\n"
        "| Action No | Action | Timescale | Progress update |\n|---|---|---|---|\n"
        "| 1 | DSL briefing on strip searches. | January 2026 | Guidance drafted |\n",
    )
    plan = read_plan(path)
    assert [(a.agency, a.number, a.status, a.status_text) for a in plan.actions] == [
        ("Westshire Police", "1", Status.COMPLETED, "Complete"),
        ("Westshire Police", "2", Status.UNSPECIFIED, ""),
        ("Westshire Council Education", "1", Status.UNSPECIFIED, "Guidance drafted"),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (14, "status 'Guidance drafted' is not a known status word; read as open (1 row, first at line 14)")
    ]


def test_ticks_crosses_and_yes_no_in_a_completed_column_and_status_words_of_trackers(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "ticks.md",
        "| No. | Agency | Action | Completed |\n|---|---|---|---|\n"
        "| 1 | Police | Train staff | \u2713 |\n| 2 | Police | Audit | \u2717 |\n| 3 | Police | Brief | Under way |\n"
        "| 4 | Police | Plan | Yes |\n| 5 | Police | Review | No |\n| 6 | Police | Report | 12/03/2025 |\n"
        "| 7 | Police | Check | |\n| 8 | Police | Map | Yet to start |\n| 9 | Police | Log | At risk |\n"
        "| 10 | Police | Ask | Off track |\n",
    )
    plan = read_plan(path)
    assert [(a.number, a.status, a.status_text) for a in plan.actions] == [
        ("1", Status.COMPLETED, "\u2713"),
        ("2", Status.UNSPECIFIED, "\u2717"),
        ("3", Status.IN_PROGRESS, "Under way"),
        ("4", Status.COMPLETED, "Yes"),
        ("5", Status.UNSPECIFIED, "No"),
        ("6", Status.COMPLETED, "12/03/2025"),
        ("7", Status.UNSPECIFIED, ""),
        ("8", Status.NOT_STARTED, "Yet to start"),
        ("9", Status.IN_PROGRESS, "At risk"),
        ("10", Status.UNSPECIFIED, "Off track"),
    ]
    assert plan.notices == ()


def test_yes_and_no_are_no_status_outside_a_completion_column(tmp_path: Path) -> None:
    path = write(
        tmp_path, "yes.md", "| No. | Agency | Action | Status |\n|---|---|---|---|\n| 1 | Police | Train | Yes |\n"
    )
    plan = read_plan(path)
    assert [(a.status, a.status_text) for a in plan.actions] == [(Status.UNSPECIFIED, "Yes")]
    assert [n.message for n in plan.notices] == [
        "status 'Yes' is not a known status word; read as open (1 row, first at line 3)"
    ]


def test_a_recommendation_s_label_and_text_in_two_rows_over_its_table_s_header(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "child-w.md",
        "# Child W\n\n"
        "| Recommendation 1 | | | |\n|---|---|---|---|\n"
        "| Partners should consider lived experience. | | | |\n"
        "| No. | Agency | Action | Status |\n"
        "| 1.1 | Children's Social Care | Add a prompt. | Completed |\n\n"
        "| Recommendation 2 | | | |\n|---|---|---|---|\n"
        "| The partnership should seek assurance on neglect. | | | |\n"
        "| No. | Agency | Action | Status |\n"
        "| 2.1 | Education | Roll out the toolkit. | Not started |\n",
    )
    plan = read_plan(path)
    assert [(r.number, r.text, r.source.line) for r in plan.recommendations] == [
        ("1", "Partners should consider lived experience.", 3),
        ("2", "The partnership should seek assurance on neglect.", 9),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Social Care", ("1.1",)),
        ("2", "Education", ("2.1",)),
    ]


def test_a_council_page_s_accordion_sections_each_a_recommendation_over_its_agencies_actions(tmp_path: Path) -> None:
    """GOV.UK's accordion: each section's summary a recommendation, its table of unnumbered actions under it, the
    closed sections ``hidden="until-found"`` (a browser shows them on a click or a search); a ``hidden`` section
    stays unread."""
    section = (
        '<details><summary><span>Recommendation {n}: {rec}</span></summary><div class="govuk-details__text"{hidden}>\n'
        "<table><tr><th>Agency</th><th>Action</th><th>Status</th></tr>\n"
        "<tr><td>{agency}</td><td>{action}</td><td>{status}</td></tr></table>\n</div></details>\n"
    )
    page = (
        "<html><body><main><h1>Child N: local child safeguarding practice review</h1>\n"
        + section.format(
            n=1,
            rec="Partners should recognise neglect.",
            hidden="",
            agency="Children's Services",
            action="Relaunch the neglect toolkit.",
            status="Complete",
        )
        + section.format(
            n=2,
            rec="Schools should share attendance concerns.",
            hidden=' hidden="until-found"',
            agency="Education",
            action="Publish an attendance protocol.",
            status="In progress",
        )
        + section.format(
            n=3,
            rec="Police should notify schools.",
            hidden=" hidden",
            agency="Police",
            action="Join Operation Encompass.",
            status="Complete",
        )
        + "</main></body></html>\n"
    )
    plan = read_plan(write(tmp_path, "child-n.html", page))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Partners should recognise neglect."),
        ("2", "Schools should share attendance concerns."),
        ("3", "Police should notify schools."),
    ]
    assert [(a.agency, a.number, a.text, a.status, [ref.number for ref in a.responds_to]) for a in plan.actions] == [
        ("Children's Services", None, "Relaunch the neglect toolkit.", Status.COMPLETED, ["1"]),
        ("Education", None, "Publish an attendance protocol.", Status.IN_PROGRESS, ["2"]),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (
            10,
            "1 hidden part of the page holds a table and is not read (the hidden attribute, aria-hidden or "
            "display: none)",
        )
    ]


def test_a_date_a_narrow_column_broke_in_its_year_in_pdftotext_layout_text(tmp_path: Path) -> None:
    """``pdftotext -layout`` of a Word plan LibreOffice made a PDF of: the target date column too narrow for a year."""
    text = (
        "Child U: action plan\nNorthbridge Safeguarding Partnership\n\n"
        "No.        Action         Lead         Target      Status\n"
        "                                       date\n"
        "1.1        Deliver        Children's   02/02/202   In\n"
        "           neglect        Social       6           progress\n"
        "           training.      Care\n"
        "1.2        Audit the      Northbrid    31/03/20    Complete\n"
        "           training.      ge Health    26\n"
        "                          Trust\n"
    )
    plan = read_plan(write(tmp_path, "child-u.txt", text))
    assert [(a.agency, a.number, a.text, a.due, a.status) for a in plan.actions] == [
        ("Children's Social Care", "1.1", "Deliver neglect training.", "2026-02-02", Status.IN_PROGRESS),
        ("Northbridge Health Trust", "1.2", "Audit the training.", "2026-03-31", Status.COMPLETED),
    ]


def test_a_table_quoting_some_listed_recommendations_without_numbers_takes_the_list_s_numbers(tmp_path: Path) -> None:
    """A council's page lists three recommendations, and its action plan quotes the two it has actions for, with no
    number: each is the listed recommendation worded the same, not the first and second of the list."""
    page = (
        "<html><body><main><h1>Child L review</h1>\n<h2>Recommendations</h2>\n<ol>\n"
        "<li>Agencies should share information about domestic abuse at referral.</li>\n"
        "<li>Health partners should strengthen the was not brought policy.</li>\n"
        "<li>Schools should be included in strategy discussions.</li>\n</ol>\n<h2>Action plan</h2>\n<table>\n"
        "<tr><th>Recommendation</th><th>Action</th><th>Lead agency</th><th>Status</th></tr>\n"
        "<tr><td>Health partners should strengthen the was not brought policy.</td><td>Review the policy.</td>"
        "<td>Eastborough NHS Trust</td><td>In progress</td></tr>\n"
        "<tr><td>Schools should be included in strategy discussions.</td><td>Update guidance.</td>"
        "<td>Children's Services</td><td>Complete</td></tr>\n</table></main></body></html>\n"
    )
    plan = read_plan(write(tmp_path, "child-l.html", page))
    assert sorted((r.number, r.text) for r in plan.recommendations) == [
        ("1", "Agencies should share information about domestic abuse at referral."),
        ("2", "Health partners should strengthen the was not brought policy."),
        ("3", "Schools should be included in strategy discussions."),
    ]
    assert [(a.agency, a.number, a.text) for a in plan.actions] == [
        ("Eastborough NHS Trust", "2.1", "Review the policy."),
        ("Children's Services", "3.1", "Update guidance."),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("2", "Eastborough NHS Trust", ("2.1",)),
        ("3", "Children's Services", ("3.1",)),
    ]
    assert [(n.line, n.message) for n in plan.notices] == [
        (11, "the recommendations of this table have no numbers; numbered in the order of the plan"),
        (
            11,
            "the table's recommendations, which it does not number, take the numbers of the list's "
            "recommendations worded the same",
        ),
    ]


def test_a_workbook_with_a_sheet_per_recommendation_named_rec_1_and_rec_2(tmp_path: Path) -> None:
    """Each sheet a recommendation: its name ``Rec 1``, its text in a title row, its agencies' actions unnumbered."""
    book = Workbook()
    sheets = [
        ("1", "Partners should recognise neglect.", [("Children's Services", "Relaunch the toolkit.", "Complete")]),
        ("2", "Schools should share attendance concerns.", [("Education", "Attendance protocol.", "Not started")]),
    ]
    for index, (number, text, actions) in enumerate(sheets):
        sheet = book.active if index == 0 else book.create_sheet()
        assert sheet is not None
        sheet.title = f"Rec {number}"
        sheet.append([f"Recommendation {number}: {text}"])
        sheet.append([])
        sheet.append(["Agency", "Action", "Status"])
        for action in actions:
            sheet.append(list(action))
    path = tmp_path / "per-sheet.xlsx"
    book.save(path)
    plan = read_plan(str(path))
    assert [(r.number, r.text) for r in plan.recommendations] == [
        ("1", "Partners should recognise neglect."),
        ("2", "Schools should share attendance concerns."),
    ]
    assert [(a.agency, a.text, [ref.number for ref in a.responds_to]) for a in plan.actions] == [
        ("Children's Services", "Relaunch the toolkit.", ["1"]),
        ("Education", "Attendance protocol.", ["2"]),
    ]
    assert plan.notices == ()
