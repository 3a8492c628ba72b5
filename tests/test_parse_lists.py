"""Recommendations written as lists (labelled blocks, numbered paragraphs, bare labels, agency bullets, "Read
more" widgets), as partnerships publish them: exact records, and the whole reading against golden files."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES, matches_golden, write
from scrtool.errors import InputError
from scrtool.model import Place, Plan, RecKind, RecRef, Status
from scrtool.parse import formats, read_plan
from scrtool.parse.formats import Document, Kind, Options
from scrtool.parse.tables import Places, Text
from scrtool.render.formats import plan_dict

LISTS = FIXTURES / "lists"
GOLDEN = Path(__file__).parent / "golden" / "lists"
NOT_RECORDED = Status.NOT_RECORDED
UNASSIGNED_3 = (
    "3 action(s) have no agency (no agency column, first header cell, heading or 'Lead agency:' line "
    "names one): kept under 'Unassigned'"
)


def recs(plan: Plan) -> list[tuple[str, int, str]]:
    return [(r.number, r.source.line, r.text) for r in plan.recommendations]


def actions(plan: Plan) -> list[tuple[str, str | None, Status, str, list[str]]]:
    return [(a.agency, a.number, a.status, a.text, [ref.number for ref in a.responds_to]) for a in plan.actions]


def notices(plan: Plan) -> list[tuple[int, str]]:
    return [(n.line, n.message) for n in plan.notices]


@pytest.mark.parametrize(
    "name",
    [
        "labelled.md",
        "numbered-27.txt",
        "bare-labels.md",
        "agency-bullets.md",
        "read-more.md",
        "report-with-appendix.md",
    ],
)
def test_whole_reading_matches_golden(name: str) -> None:
    golden = GOLDEN / (name.rsplit(".", 1)[0] + ".json")
    assert matches_golden(plan_dict(read_plan(str(LISTS / name))), golden)


def test_labelled_blocks_in_a_report_with_numbered_findings() -> None:
    plan = read_plan(str(LISTS / "labelled.md"))
    assert plan.report.title == "Child Safeguarding Practice Review: Child M"
    # the findings 1-3 are not recommendations; the page number and the conclusion are not part of recommendation 3
    assert recs(plan) == [
        (
            "1",
            13,
            "The Partnership should seek assurance that agencies share information about an unborn baby as "
            "soon as a risk is known.",
        ),
        (
            "2",
            18,
            "The Partnership should ask every agency to:\n"
            "- review its supervision policy so that drift is challenged;\n"
            "- audit how often supervision records a decision.\n"
            "The results should be reported to the Board within six months.",
        ),
        ("3", 27, "Riverside ICB should remind GPs to record who the father is and who else lives in the household."),
    ]
    assert plan.recommendations[2].extra == (("Lead agency", "Riverside ICB"),)
    assert actions(plan) == [
        ("Unassigned", "1", NOT_RECORDED, recs(plan)[0][2], []),
        ("Unassigned", "2", NOT_RECORDED, recs(plan)[1][2], []),
        ("Riverside ICB", "3", NOT_RECORDED, recs(plan)[2][2], []),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Unassigned", ("1",)),
        ("2", "Unassigned", ("2",)),
        ("3", "Riverside ICB", ("3",)),
    ]
    assert notices(plan) == [
        (
            13,
            "2 action(s) have no agency (no agency column, first header cell, heading or "
            "'Lead agency:' line names one): kept under 'Unassigned'",
        )
    ]


def test_numbered_paragraphs_keep_their_numbers_from_27() -> None:
    plan = read_plan(str(LISTS / "numbered-27.txt"))
    assert recs(plan) == [
        (
            "27",
            14,
            "Northshire Safeguarding Partnership should seek assurance that attendance concerns are shared "
            "with children's social care when a child is also subject to a plan.",
        ),
        (
            "28",
            18,
            "Partner agencies should review their procedures for families who move between areas, so that:\n"
            "a) the receiving health visitor is told within five working days;\n"
            "b) open plans are transferred in full.\n"
            "This should include families who move into temporary accommodation.",
        ),
        (
            "29",
            26,
            "Practitioners should be supported to ask children about their daily lives, and to record what "
            "they say in the child's own words.",
        ),
    ]
    assert [(a.id, a.status) for a in plan.actions] == [
        ("numbered-27/Unassigned/27", NOT_RECORDED),
        ("numbered-27/Unassigned/28", NOT_RECORDED),
        ("numbered-27/Unassigned/29", NOT_RECORDED),
    ]
    assert notices(plan) == [(14, UNASSIGNED_3)]


def test_dotted_numbers_and_lines_wrapped_in_a_text_file(tmp_path: Path) -> None:
    plan = read_plan(
        write(
            tmp_path,
            "adult-f.md",
            "# Review of Adult F\n\n## 5. Recommendations\n\n"
            "5.1 The Board should ensure that self-neglect guidance is used.\n\n"
            "5.2 The Council should review its hoarding protocol.\n"
            "    It should report by March 2026.\n\n"
            "5.3 GP practices should flag carers.\n\n"
            "## 6. Conclusion\n\n1.5 million people are carers.\n",
        )
    )
    assert recs(plan) == [
        ("5.1", 5, "The Board should ensure that self-neglect guidance is used."),
        ("5.2", 7, "The Council should review its hoarding protocol. It should report by March 2026."),
        ("5.3", 10, "GP practices should flag carers."),
    ]
    assert [(a.number, a.target) for a in plan.actions] == [("5.1", None), ("5.2", "2026-03-31"), ("5.3", None)]


def test_bare_labels_are_numbered_in_order_and_said_so() -> None:
    plan = read_plan(str(LISTS / "bare-labels.md"))
    assert [(number, line) for number, line, _ in recs(plan)] == [("1", 7), ("2", 11), ("3", 15)]
    assert recs(plan)[2][2] == "All agencies should remind staff of the escalation policy."
    assert notices(plan) == [
        (7, "the recommendations under 'Recommendation' labels have no numbers; numbered in the order of the plan"),
        (7, UNASSIGNED_3),
    ]


def test_a_bare_label_takes_a_number_no_label_has(tmp_path: Path) -> None:
    text = (
        "# Child S\n\n## Recommendations\n\nRecommendation\n\nSchools should record timetables.\n\n"
        "Recommendation 1\n\nHealth should share records.\n"
    )
    plan = read_plan(write(tmp_path, "s.md", text))
    assert recs(plan) == [("2", 5, "Schools should record timetables."), ("1", 9, "Health should share records.")]


def test_bullets_under_an_agency_heading_are_its_actions_answering_the_recommendation_above() -> None:
    plan = read_plan(str(LISTS / "agency-bullets.md"))
    assert [(number, line) for number, line, _ in recs(plan)] == [("1", 5), ("2", 19)]
    assert actions(plan) == [
        (
            "Northshire Police",
            None,
            NOT_RECORDED,
            "Add a question about parental mental health to the domestic abuse risk form.",
            ["1"],
        ),
        ("Northshire Police", None, NOT_RECORDED, "Brief response officers on the new question.", ["1"]),
        ("Riverside Health NHS Trust", None, NOT_RECORDED, "Audit the perinatal mental health pathway.", ["1"]),
        ("Unassigned", "2", NOT_RECORDED, "The Partnership should publish a learning brief from this review.", []),
        (
            "Northshire Fire and Rescue Service",
            None,
            NOT_RECORDED,
            "Include safeguarding questions in home fire safety visits.",
            [],
        ),
    ]
    # a recommendation with its agencies' actions under it is not an action itself; one without is
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [("2", "Unassigned", ("2",))]


def test_read_more_widget_repeats_are_one_recommendation() -> None:
    plan = read_plan(str(LISTS / "read-more.md"))
    assert recs(plan) == [
        (
            "1",
            7,
            "The Partnership should seek assurance that children who are electively home educated are seen by "
            "a practitioner at least once a year.",
        ),
        ("2", 15, "Schools should record the reason for every part-time timetable."),
    ]


def test_read_more_after_a_teaser_and_a_repeated_label(tmp_path: Path) -> None:
    text = (
        "# Child D\n\n## Recommendations\n\n### Recommendation 1\n\nThe Partnership should seek assurance… "
        "Read more\n\n### Recommendation 1\n\nThe Partnership should seek assurance that home educated children "
        "are seen.\n\n### Recommendation 2\n\nSchools should record part-time timetables.\n"
    )
    plan = read_plan(write(tmp_path, "d.md", text))
    assert recs(plan) == [
        ("1", 5, "The Partnership should seek assurance that home educated children are seen."),
        ("2", 13, "Schools should record part-time timetables."),
    ]


def test_a_summary_and_the_full_list_give_the_full_list(tmp_path: Path) -> None:
    text = (
        "# Review of Child G\n\n## Summary of recommendations\n\n1. Schools should record timetables.\n"
        "2. Health should share records.\n\n## Findings\n\n1. Finding one about schools.\n2. Finding two.\n\n"
        "## Recommendations\n\n1. Schools should record the reason for every part-time timetable.\n"
        "2. Health services should share records with schools.\n3. The Partnership should audit both.\n"
    )
    plan = read_plan(write(tmp_path, "g.md", text))
    assert recs(plan) == [
        ("1", 15, "Schools should record the reason for every part-time timetable."),
        ("2", 16, "Health services should share records with schools."),
        ("3", 17, "The Partnership should audit both."),
    ]
    assert notices(plan)[0] == (
        3,
        "the recommendations listed under line 3 are listed again under line 13; those are read",
    )


def test_labels_are_read_without_a_recommendations_heading_numbers_are_not(tmp_path: Path) -> None:
    text = (
        "Child E: the partnership's response\n\n1. Agencies met in May.\n\nRecommendation 1\n\nAgencies should "
        "check attendance.\n\nRecommendation 2: Health visitors should ask about fathers.\n\n"
        "Recommendation 3 of the earlier review was completed.\n"
    )
    plan = read_plan(write(tmp_path, "e.md", text))
    assert recs(plan) == [
        ("1", 5, "Agencies should check attendance."),
        ("2", 9, "Health visitors should ask about fathers.\nRecommendation 3 of the earlier review was completed."),
    ]


def test_list_and_appendix_table_link_by_number() -> None:
    plan = read_plan(str(LISTS / "report-with-appendix.md"))
    assert plan.report.title == "Child Safeguarding Practice Review: Child J"
    assert [(number, line) for number, line, _ in recs(plan)] == [("1", 12), ("2", 14), ("3", 16)]
    assert recs(plan)[0][2] == (
        "Southvale Safeguarding Children Partnership should seek assurance that agencies "
        "check who lives in a child's household."
    )
    assert [(a.agency, a.number, a.status, a.target) for a in plan.actions] == [
        ("Children's Social Care", "1.1", Status.COMPLETED, "2025-03-31"),
        ("Southvale Police", "1.2", Status.IN_PROGRESS, "2025-06-30"),
        ("Children's Social Care", "2.1", Status.NOT_STARTED, "2025-09-30"),
    ]
    assert [(link.rec.number, link.agency, link.refs) for link in plan.links] == [
        ("1", "Children's Social Care", ("1.1",)),
        ("1", "Southvale Police", ("1.2",)),
        ("2", "Children's Social Care", ("2.1",)),
    ]
    assert plan.notices == ()


def test_a_table_keeps_its_wording_of_a_recommendation_the_list_words_otherwise(tmp_path: Path) -> None:
    text = (
        "# Child H\n\n## Recommendations\n\nRecommendation 1: Agencies should share information about "
        "unborn babies.\n\n| No. | Recommendation | Lead agency | Status |\n|---|---|---|---|\n"
        "| 1 | Share information | Northshire Police | Completed |\n"
    )
    plan = read_plan(write(tmp_path, "h.md", text))
    assert recs(plan) == [("1", 9, "Share information")]
    assert notices(plan) == [
        (5, "Recommendation 1 is worded otherwise in the table at line 9; the table's wording is kept")
    ]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (
            "publications.md",
            "{path}:5: no recommendations found: its tables have no column of recommendations or "
            "actions, and its text no list of recommendations",
        ),
        (
            "cases.md",
            "{path}: no recommendations found: no table of a plan, and no list of recommendations (a "
            "'Recommendations' heading over them, or 'Recommendation 1' labels)",
        ),
    ],
)
def test_a_list_of_publications_or_cases_is_not_a_plan(name: str, message: str) -> None:
    path = str(LISTS / name)
    with pytest.raises(InputError) as caught:
        read_plan(path)
    assert caught.value.message == message.format(path=path)


def test_a_section_of_prose_only_finds_nothing(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "none.md",
        "# Child Z\n\n## Recommendations\n\nThe review makes no recommendations.\n\n- It notes good practice.\n",
    )
    with pytest.raises(InputError) as caught:
        read_plan(path)
    assert caught.value.message == (
        f"{path}: no recommendations found: no table of a plan, and no list of "
        "recommendations (a 'Recommendations' heading over them, or 'Recommendation 1' "
        "labels)"
    )


def _word_like(path: str, options: Options) -> Document:
    """What a Word or PDF reader yields for a list: one block a paragraph, styled headings, bullets as ``•``, a
    line broken short (PDF), a page number, each at its place."""
    places = Places()

    def text(page: int, line: str, heading: int = 0) -> Text:
        return Text(places.add(Place(page=page)), line, heading)

    blocks = [
        text(1, "Child N: practice review", 1),
        text(1, "Recommendations", 2),
        text(1, "Recommendation 1", 3),
        text(1, "The Partnership should ask agencies to:"),
        text(1, "• review their escalation policies"),
        text(1, "• train managers in"),
        text(2, "using them."),
        text(2, "14"),
        text(2, "Recommendation 2", 3),
        text(2, "Schools should record every part-time timetable."),
        text(3, "Glossary", 2),
        text(3, "DSL: designated safeguarding lead"),
    ]
    return Document(blocks, "0" * 64, 0, places)


def test_a_list_from_a_paged_reader_keeps_its_places(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(formats, "sniff", lambda path, head: Kind.PDF)
    from scrtool.parse.formats import pdf

    monkeypatch.setattr(pdf, "read", _word_like)
    plan = read_plan(write(tmp_path, "child-n.pdf", "%PDF-"))
    assert plan.report.title == "Child N: practice review"
    assert [(r.number, r.source.where(), r.text) for r in plan.recommendations] == [
        (
            "1",
            "page 1",
            "The Partnership should ask agencies to:\n- review their escalation policies\n"
            "- train managers in using them.",
        ),
        ("2", "page 2", "Schools should record every part-time timetable."),
    ]
    assert [(a.number, a.status, a.source.where()) for a in plan.actions] == [
        ("1", NOT_RECORDED, "page 1"),
        ("2", NOT_RECORDED, "page 2"),
    ]


def test_a_table_with_no_status_column_records_no_status(tmp_path: Path) -> None:
    text = (
        "## Northshire Police\n\n| No. | Action | Target date |\n|---|---|---|\n"
        "| 1 | Review the policy | March 2099 |\n| 2 | Train staff | |\n\n"
        "## Riverside Health\n\n| No. | Action | Status |\n|---|---|---|\n| 1 | Audit | |\n| 2 | Train | Done |\n"
    )
    plan = read_plan(write(tmp_path, "p.md", text))
    assert [(a.agency, a.number, a.status) for a in plan.actions] == [
        ("Northshire Police", "1", NOT_RECORDED),
        ("Northshire Police", "2", NOT_RECORDED),
        ("Riverside Health", "1", Status.UNSPECIFIED),
        ("Riverside Health", "2", Status.COMPLETED),
    ]


def test_a_tracker_with_no_status_column_records_no_status(tmp_path: Path) -> None:
    text = (
        "| No. | Recommendation | Addressed to |\n|---|---|---|\n| 1 | The Board should publish the review | "
        "Safeguarding Board |\n| 2 | Police should train staff | Northshire Police |\n"
    )
    plan = read_plan(write(tmp_path, "t.md", text))
    assert [(a.agency, a.number, a.status, a.responds_to) for a in plan.actions] == [
        ("Safeguarding Board", "1", NOT_RECORDED, ()),
        ("Northshire Police", "2", NOT_RECORDED, ()),
    ]
    assert [link.rec for link in plan.links] == [
        RecRef(RecKind.RECOMMENDATION, "1"),
        RecRef(RecKind.RECOMMENDATION, "2"),
    ]


def test_numbered_lines_right_under_the_recommendations_heading_are_read(tmp_path: Path) -> None:
    text = (
        "Infant Y\n\nRecommendations\n27. All agencies need to be reminded about parental mental health.\n\n"
        "28. OSCB to require agencies to review new information.\n"
    )
    plan = read_plan(write(tmp_path, "p9.txt", text))
    assert recs(plan) == [
        ("27", 4, "All agencies need to be reminded about parental mental health."),
        ("28", 6, "OSCB to require agencies to review new information."),
    ]


def test_a_section_heading_over_its_own_lines_ends_the_last_recommendation(tmp_path: Path) -> None:
    text = (
        "Child Safeguarding Practice Review: Infant Y\n\nRecommendations\n\nRecommendation 1\n"
        "All agencies need to be reminded to consider:\n- the wellbeing of any children;\n"
        "Information is to be shared.\n\nRecommendation 2\nThe OSCB should ensure a monitoring framework.\n\n"
        "Page 14 of 40\n\nAppendix A: Glossary\nCSC - Children's Social Care\n"
    )
    plan = read_plan(write(tmp_path, "recblocks.txt", text))
    assert recs(plan) == [
        (
            "1",
            5,
            "All agencies need to be reminded to consider:\n- the wellbeing of any children;\n"
            "Information is to be shared.",
        ),
        ("2", 10, "The OSCB should ensure a monitoring framework."),
    ]


LAST_RECS = [
    "1. The partnership should audit referrals.",
    "2. Agencies should share information.",
    "3. Agencies should train staff in the toolkit and report to the partnership how many were trained each quarter.",
]
NEXT_SECTION = ["Appendix A: Glossary", "MASH means the multi-agency safeguarding hub."]
READ = [
    ("1", "The partnership should audit referrals."),
    ("2", "Agencies should share information."),
    (
        "3",
        "Agencies should train staff in the toolkit and report to the partnership how many were trained each quarter.",
    ),
]


@pytest.mark.parametrize("name", ["plan.txt", "plan.md"])
def test_a_heading_right_under_the_last_recommendation_ends_it_in_text(tmp_path: Path, name: str) -> None:
    numbered = "Child Z\n\nRecommendations\n\n" + "\n".join(LAST_RECS + NEXT_SECTION) + "\n"
    assert [(r.number, r.text) for r in read_plan(write(tmp_path, name, numbered)).recommendations] == READ
    labelled = (
        "Child Z\n\nRecommendations\n\nRecommendation 1\nThe partnership should audit referrals.\n\n"
        "Recommendation 2\nAgencies should share information.\nTerms of reference\nThe review ran from 2021.\n"
    )
    assert [(r.number, r.text) for r in read_plan(write(tmp_path, name, labelled)).recommendations] == [
        ("1", "The partnership should audit referrals."),
        ("2", "Agencies should share information."),
    ]


def test_a_line_of_prose_starting_as_a_section_does_is_not_a_heading(tmp_path: Path) -> None:
    text = (
        "Child Z\n\nRecommendations\n\n1. The partnership should audit referrals.\n"
        "Background checks should be made on every member of staff and\nrecorded.\n"
    )
    assert [(r.number, r.text) for r in read_plan(write(tmp_path, "plan.txt", text)).recommendations] == [
        (
            "1",
            "The partnership should audit referrals. Background checks should be made on every member of staff and "
            "recorded.",
        ),
    ]


def test_a_heading_right_under_the_last_recommendation_ends_it_in_word(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Child Z")
    document.add_heading("Recommendations", 1)
    for text in LAST_RECS:
        document.add_paragraph(text)
    broken = document.paragraphs[-1]  # the heading after a soft line break in the last recommendation's paragraph
    broken.add_run().add_break()
    broken.add_run(NEXT_SECTION[0])
    document.add_paragraph(NEXT_SECTION[1])
    document.save(str(tmp_path / "plan.docx"))
    assert [(r.number, r.text) for r in read_plan(str(tmp_path / "plan.docx")).recommendations] == READ


def test_a_heading_right_under_the_last_recommendation_ends_it_in_a_pdf(tmp_path: Path) -> None:
    from pdfmake import Page, build

    page = Page()
    page.text(50, 60, "Child Z")
    page.text(50, 80, "Recommendations")
    last = "3. Agencies should train staff in the toolkit and report how many were trained in the year."
    page.lines(50, 100, [*LAST_RECS[:2], last, *NEXT_SECTION])  # the line above the heading is the widest
    (tmp_path / "plan.pdf").write_bytes(build([page]))
    assert [(r.number, r.text) for r in read_plan(str(tmp_path / "plan.pdf")).recommendations] == [
        *READ[:2],
        ("3", last[3:]),
    ]
