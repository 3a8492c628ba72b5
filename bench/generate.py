"""Deterministic synthetic action plans in the Infant Y shape, for the benchmark.

One file is one report: a title line, an overview table of recommendations whose agency rows cite the agencies'
actions (``Actions: 4,9,10``, ``Action 2``, ``Actions: 1-3``), a short table of reminders of practice, then one
table per agency (``| Agency | Action No | Recommendation | Projected Outcome | Status |``), with sub-numbered
actions (1.1, 1.2), ``/``-joined leads, headerless continuation tables, rows restating an overview recommendation,
and mixed statuses. About 380 bytes per action row, like the real plan's long cells.

    python bench/generate.py 10000 --seed 1 -o plan-10k.md
"""

from __future__ import annotations

import argparse
import math
import random
import sys
from dataclasses import dataclass, field

AGENCIES = (
    "Oxford Health",
    "Oxford University Hospitals",
    "Thames Valley Police",
    "Children's Social Care",
    "Cherwell District Council",
    "Clinical Commissioning Group",
    "South Central Ambulance Service",
    "National Probation Service",
    "Education Services",
    "Berkshire Healthcare",
    "Youth Offending Service",
    "Adult Social Care",
    "Public Health",
    "Primary Care Services",
    "Housing Services",
    "Early Help Service",
)
JOINT_LEADS = ("All Provider Trusts", "all NHS provider trusts", "ORH", "Named GP", "Designated Nurse")
MAX_TOP_NUMBER = 9999
"""The parser reads action numbers of at most four digits (``1234``, ``1234.12``)."""

STATUSES = (
    ("Completed", 58),
    ("In progress", 14),
    ("Ongoing", 3),
    ("Not started", 10),
    ("", 12),
    ("Partially completed", 3),
)

_SUBJECTS = (
    "All agencies",
    "Staff in children's universal services (health visiting) teams",
    "Mental Health Professionals",
    "Front-door staff",
    "The safeguarding team",
    "Named nurses for safeguarding",
    "Ward managers",
    "Designated doctors",
    "Social work team managers",
    "Custody sergeants",
    "Emergency department staff",
    "School nurses",
    "Housing officers",
    "Probation officers",
    "Midwives",
    "GP practices",
    "Duty managers",
    "Adult mental health practitioners",
    "Paediatric registrars",
    "The OSCB training subgroup",
)
_VERBS = (
    "to be reminded of the importance of",
    "must ensure",
    "will undertake",
    "should review",
    "to continue to embed",
    "to be trained in",
    "will audit",
    "to implement",
    "should strengthen",
    "will develop and publish",
    "must clarify",
    "to share information on",
    "will monitor",
    "to agree a protocol for",
)
_OBJECTS = (
    "recording details of anonymous referrals in accordance with existing procedures",
    "the maternal mental health pathway and the roles and responsibilities within it",
    "routine enquiry in relation to domestic abuse across universal children's services",
    "the significance of bruising in babies less than 1 year old",
    "professional challenge in all discussions and decision making",
    "the escalation protocol when there is disagreement about the management of a case",
    "checks on all adults in the household in a timely fashion",
    "the Safeguarding, Assessment of Strengths, Vulnerability & Inequalities framework",
    "documentation of height, weight and head circumference in all children <1 year old",
    "joint review of new information as it emerges throughout a Section 47 investigation",
    "the ante natal pathway in line with the Healthy Child Programme",
    "safeguarding supervision for staff working in localities with higher numbers of vulnerable families",
    "information sharing between adult mental health practitioners and health visitors",
    "the quality assurance of core assessments, including the views of fathers and male carers",
    "the transfer in of children with outstanding developmental reviews",
    "review strategy meetings in cases of suspected non-accidental injury",
    "the local guideline and checklist for the assessment of injuries in non-mobile infants",
    "the recording of victim support and risk assessment within the CEDAR record",
)
_QUALIFIERS = (
    "",
    "",
    "",
    " across all localities",
    " in line with the OSCB procedures",
    " for all new starters",
    " with a report to the Board",
    " and evidence the impact through audit",
    " within 3 working days",
    " as part of the annual training programme",
    " in partnership with Thames Valley Police",
)
_OUTCOMES = (
    "Improved information sharing between agencies working with parents",
    "All staff are clear about the need to record and act on all anonymous referrals",
    "Risk assessment of children informed by information on parental mental health",
    "There will be fewer babies missed who have been injured as a result of NAI",
    "Practitioners have the skills and confidence to challenge families when appropriate to do so",
    "Concerns about case management are appropriately addressed and escalated",
    "Compliance with the standard operating procedure is evidenced by audit",
    "Early identification of maternal mental health needs and support in place",
    "Documentation clearly identifies who a case has been discussed with and the outcome",
    "Children who transfer in have their records reviewed and outstanding health needs met",
    "Multi-agency risk assessment is improved and disputes are resolved through the escalation protocol",
    "Quality assurance of decisions to take no further action",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September", "October", "November")


@dataclass(frozen=True, slots=True)
class ActionRow:
    number: str
    lead: str
    text: str
    outcome: str
    status: str


@dataclass(slots=True)
class AgencyPlan:
    name: str
    actions: list[ActionRow] = field(default_factory=list)
    numbers: list[str] = field(default_factory=list)
    top: list[str] = field(default_factory=list)
    """Action numbers, all and top-level only (for citing)."""
    responses: list[tuple[str, str]] = field(default_factory=list)
    """(recommendation text restated, status) rows at the end of the agency's table."""


@dataclass(frozen=True, slots=True)
class Citation:
    agency: str
    cell: str


@dataclass(frozen=True, slots=True)
class Rec:
    number: int
    text: str
    citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    n_actions: int
    seed: int
    title: str
    recommendations: tuple[Rec, ...]
    reminders: tuple[tuple[str, str, str], ...]
    agencies: tuple[AgencyPlan, ...]

    def traceable(self) -> int:
        """A recommendation near the middle of the plan that cites actions (for ``scrtool trace N``)."""
        recs = self.recommendations
        middle = len(recs) // 2
        for rec in recs[middle:] + recs[:middle]:
            if any(c.cell.startswith("Action") for c in rec.citations):
                return rec.number
        return recs[0].number


# text ------------------------------------------------------------------------------------------------------------
def _sentence(rng: random.Random) -> str:
    text = f"{rng.choice(_SUBJECTS)} {rng.choice(_VERBS)} {rng.choice(_OBJECTS)}{rng.choice(_QUALIFIERS)}"
    if rng.random() < 0.3:
        when = f"by {rng.choice(_MONTHS)} {rng.randint(2011, 2025)}"
        text += f" {'**' + when + '**' if rng.random() < 0.05 else when}"
    return text + "."


def _action_text(rng: random.Random) -> str:
    parts = [_sentence(rng)]
    if rng.random() < 0.35:
        parts.append(_sentence(rng))
    return " ".join(parts)


def _outcome(rng: random.Random) -> str:
    text = rng.choice(_OUTCOMES)
    if rng.random() < 0.35:
        text += f"; {rng.choice(_OUTCOMES).lower()}"
    return text


_STATUS_WORDS = [word for word, _ in STATUSES]
_STATUS_CUM = [sum(weight for _, weight in STATUSES[: i + 1]) for i in range(len(STATUSES))]


def _status(rng: random.Random) -> str:
    return rng.choices(_STATUS_WORDS, cum_weights=_STATUS_CUM)[0]


# agencies' tables ------------------------------------------------------------------------------------------------
def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    weights = [rng.uniform(0.7, 1.3) for _ in range(parts)]
    counts = [int(total * w / sum(weights)) for w in weights]
    counts[0] += total - sum(counts)
    return counts


def _lead(rng: random.Random, agency: str, names: tuple[str, ...]) -> str:
    roll = rng.random()
    if roll < 0.08:
        other = rng.choice(names)
        return f"{agency}/{other}" if other != agency else f"{agency}/{JOINT_LEADS[0]}"
    if roll < 0.13:
        return f"{agency}/{rng.choice(JOINT_LEADS)}"
    return agency


def _agency_actions(rng: random.Random, agency: str, count: int, names: tuple[str, ...]) -> list[ActionRow]:
    rows: list[ActionRow] = []
    top = 0
    while len(rows) < count:
        top += 1
        if top > MAX_TOP_NUMBER:
            raise ValueError(f"{agency}: more than {MAX_TOP_NUMBER} top-level actions; use more agencies")
        subs = rng.randint(2, 5) if rng.random() < 0.12 else 0
        subs = min(subs, count - len(rows) - 1)
        rows.append(ActionRow(str(top), _lead(rng, agency, names), _action_text(rng), _outcome(rng), _status(rng)))
        for sub in range(1, subs + 1):
            rows.append(
                ActionRow(f"{top}.{sub}", _lead(rng, agency, names), _action_text(rng), _outcome(rng), _status(rng))
            )
    return rows


# overview --------------------------------------------------------------------------------------------------------
def _cite(rng: random.Random, agency: AgencyPlan) -> str:
    numbers, top = agency.numbers, agency.top
    at = rng.randrange(len(numbers))
    style = rng.random()
    if style < 0.35 or len(numbers) < 4:
        return f"Action {numbers[at]}"
    if style < 0.55:
        first = int(rng.choice(top[:-3] or top))
        last = min(first + rng.randint(1, 3), len(top))
        return f"Actions: {first}-{last}" if last > first else f"Action {first}"
    picked = sorted(set(rng.sample(range(len(numbers)), min(len(numbers), rng.randint(2, 4)))))
    sep = ", " if rng.random() < 0.5 else ","
    return "Actions: " + sep.join(numbers[i] for i in picked)


def _recommendations(rng: random.Random, count: int, agencies: tuple[AgencyPlan, ...]) -> tuple[Rec, ...]:
    recs = []
    for number in range(1, count + 1):
        text = " ".join(_sentence(rng) for _ in range(rng.randint(1, 2)))
        if rng.random() < 0.05:
            citations: tuple[Citation, ...] = (
                Citation(
                    "OSCB",
                    "The Quality Assurance and Audit Subgroup monitors this recommendation; concerns are raised at "
                    "the SCR Panel for agency challenge.",
                ),
            )
        else:
            chosen = rng.sample(agencies, min(len(agencies), rng.choices((1, 2, 3, 4), (3, 3, 2, 1))[0]))
            citations = tuple(Citation(a.name, _cite(rng, a)) for a in chosen)
        recs.append(Rec(number, text, citations))
    return tuple(recs)


def _add_responses(rng: random.Random, recs: tuple[Rec, ...], agencies: tuple[AgencyPlan, ...]) -> None:
    """Restate about one cited recommendation per 100 actions at the end of the citing agency's table."""
    by_agency: dict[str, list[Rec]] = {}
    for rec in recs:
        for citation in rec.citations:
            by_agency.setdefault(citation.agency, []).append(rec)
    for agency in agencies:
        cited = by_agency.get(agency.name, [])
        for rec in rng.sample(cited, min(len(cited), max(1, len(agency.actions) // 100))):
            agency.responses.append(
                (
                    f"{rec.text} (Ref: p.{rng.randint(3, 90)} in overview report)",
                    rng.choice(("Completed", "Completed", "In progress")),
                )
            )


def generate_plan(n_actions: int, seed: int = 1) -> Plan:
    """The plan's records; ``render(plan)`` writes them as markdown."""
    if n_actions < 1:
        raise ValueError("n_actions must be at least 1")
    rng = random.Random(seed)
    low = max(6, math.ceil(n_actions / 9000))
    if low > len(AGENCIES):
        raise ValueError(f"at most {9000 * len(AGENCIES)} actions")
    count = min(rng.randint(low, 12) if low <= 12 else low, n_actions)
    names = tuple(rng.sample(AGENCIES, count))
    sizes = _split(rng, n_actions, count)
    agencies = tuple(
        AgencyPlan(name, _agency_actions(rng, name, size, names))
        for name, size in zip(names, sizes, strict=True)
        if size
    )
    for agency in agencies:
        agency.numbers = [a.number for a in agency.actions]
        agency.top = [n for n in agency.numbers if "." not in n]
    recs = _recommendations(rng, max(1, n_actions // 10), agencies)
    _add_responses(rng, recs, agencies)
    reminders = tuple((str(i), _sentence(rng), rng.choice(names)) for i in range(1, max(1, n_actions // 500) + 1))
    title = f"Final recommendations from synthetic plan {n_actions} (seed {seed}) Overview report"
    return Plan(n_actions, seed, title, recs, reminders, agencies)


# markdown --------------------------------------------------------------------------------------------------------
def _row(*cells: str) -> str:
    return "| " + " | ".join(cells) + " |"


def _overview(plan: Plan) -> list[str]:
    lines = [_row("Rec No.", "Recommendation", "IMR Agency", "IMR Action No."), "|---------|---|---|---|"]
    for rec in plan.recommendations:
        first, *rest = rec.citations
        lines.append(_row(str(rec.number), rec.text, first.agency, first.cell))
        lines.extend(_row("", "", c.agency, c.cell) for c in rest)
    lines.append(_row("No.", "Reminder of practice", "Agency", "Action No."))
    for number, text, agency in plan.reminders:
        lines.append(
            _row(
                number,
                text,
                agency,
                f"This matter was dealt with at the time and {agency} has issued a reminder to all staff.",
            )
        )
    return lines


_HEADERLESS = ["", "| | | | | |", "|--|--|--|--|--|"]


def _agency_table(rng: random.Random, agency: AgencyPlan, first: bool) -> list[str]:
    header = _row(agency.name, "Action No", "Recommendation", "Projected Outcome", "Status")
    if first:
        lines = [
            _row("Agency", "", "", "", ""),
            "|--|------------------|--|---|---------------|",
            _row("<u>Individual Management Review Actions plans</u>", "", "", "", ""),
            header,
        ]
    else:
        lines = [header, "|-----------------------------|------------------|---|---|---------------|"]
    next_break = rng.randint(40, 400)
    for index, action in enumerate(agency.actions):
        if index == next_break:
            lines.extend(_HEADERLESS)
            next_break += rng.randint(40, 400)
        lines.append(_row(action.lead, action.number, action.text, action.outcome, action.status))
    for index, (text, status) in enumerate(agency.responses):
        lead = rng.choice(("Overview recommendation", "Overview report:")) if index == 0 else ""
        lines.append(_row(lead, "", text, "Improved protection of children through shared learning", status))
    return lines


def render(plan: Plan) -> str:
    rng = random.Random(plan.seed * 7919 + plan.n_actions)
    lines = ["", plan.title, "", *_overview(plan)]
    for index, agency in enumerate(plan.agencies):
        lines.append("")
        lines.extend(_agency_table(rng, agency, first=index == 0))
    return "\n".join(lines) + "\n"


def generate(n_actions: int, seed: int = 1) -> str:
    """A plan of ``n_actions`` numbered actions as markdown; the same arguments always give the same text."""
    return render(generate_plan(n_actions, seed))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic action plan in the Infant Y shape.")
    parser.add_argument("actions", type=int, help="number of numbered actions (e.g. 1000, 10000, 100000)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", help="file to write (default: stdout)")
    args = parser.parse_args(argv)
    text = generate(args.actions, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
