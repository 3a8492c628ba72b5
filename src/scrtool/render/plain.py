"""Plain output for pipes and files: one record a line, tab-separated, under a header line.

On a terminal scrtool draws rich tables cut to fit the width; when its output goes to a pipe or a file it writes
these lines instead, whole and quick to write (a list of 100,000 actions does not go through a table layout, and
the commands that can print many lines, list, trace, summary and import, do not import rich at all). Report text
is made safe the same way as on a terminal, and a tab or line break inside a cell becomes a space.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice
from typing import TYPE_CHECKING

from ..model import Action, Progress, Status, short_label
from . import safe

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

    from ..questions.overview import AgencyCount, Summary  # the list command needs neither
    from ..questions.tracing import Trace

_FLAT = str.maketrans({"\t": " ", "\n": " ", "\r": " "})
BAR_WIDTH = 10
HIDDEN = ("not shown", "another agency's action: not granted to this role")
"""The status and text of a cited action the role reading the store may not read (``tracing.TracedLink.hidden``)."""


def cell(text: str) -> str:
    return safe.terminal(text.translate(_FLAT))


def row(cells: Iterable[str]) -> str:
    """Cells joined by tabs; a cell's own tabs, line breaks and control characters are made safe."""
    parts = list(cells)
    line = "\t".join(parts)
    if line.count("\t") == len(parts) - 1 and not safe.UNSAFE_RE.search(line):
        return line
    return "\t".join(cell(c) for c in parts)


def bar(progress: Progress) -> str:
    """``██████░░░░  60%``: completed of total as a ten-character bar and a percentage."""
    filled = bar_filled(progress)
    return "█" * filled + "░" * (BAR_WIDTH - filled) + f" {progress.percent:>3}%"


def bar_filled(progress: Progress) -> int:
    """How many of the bar's ``BAR_WIDTH`` characters are filled."""
    return round(BAR_WIDTH * progress.completed / progress.total) if progress.total else 0


def write_actions(out: SupportsWrite[str], found: Iterable[Sequence[str]], several: bool) -> int:
    """Actions given as (agency, number, status, rag, due, text, outcome), led by their report's id when they come
    from ``several`` reports, as a header line and a line each, written ``CHUNK`` lines at a time as they are read
    (a long list is never held whole). Nothing at all when there are none. How many were written."""
    header = (["report"] if several else []) + ["agency", "number", "status", "rag", "due", "text", "outcome"]
    rows = iter(found)
    count = 0
    while chunk := list(islice(rows, CHUNK)):
        out.write(text([header, *chunk] if count == 0 else chunk))
        count += len(chunk)
    return count


CHUNK = 1000
"""Lines ``write_actions`` makes safe and writes at once (one pass over a chunk is quicker than one a line)."""


def text(rows: Iterable[Sequence[str]]) -> str:
    """Rows as tab-separated lines, each ended by a line break, made safe. The whole text is made safe at once
    unless some cell holds a tab or a line break (then the rows are made safe one by one)."""
    rows = list(rows)
    whole = _flat("\n".join(map("\t".join, rows)) + "\n", len(rows), sum(len(r) - 1 for r in rows))
    return whole if whole is not None else "".join(row(r) + "\n" for r in rows)


def _flat(whole: str, lines: int, tabs: int) -> str | None:
    """Tab-separated lines made safe at once, when they hold just the line breaks and tabs that separate them (no
    cell holds one); else None."""
    if whole.count("\n") == lines and whole.count("\t") == tabs:
        return safe.terminal(whole)
    return None


def trace(tr: Trace) -> Iterator[str]:
    """A recommendation, then a line for each cited action (agency named on every line), the unnumbered responses
    and the progress line."""
    rec = tr.recommendation
    yield cell(f"{rec.ref.label()}  ({rec.report}, {safe.file_name(rec.source.file)} {rec.source.where()})")
    yield cell(rec.text)
    if tr.made_before:
        yield cell(tr.made_before)
    yield row(["Agency", "No.", "Status", "Action"])
    for tl in tr.links:
        agency = tl.link.agency
        for a in tl.actions:
            yield row([agency, a.number or "-", a.status.value, a.text])
        for number in tl.missing:
            yield row([agency, number, "missing", "not in the agency's action table"])
        for number in tl.hidden:
            yield row([agency, number, HIDDEN[0], HIDDEN[1]])
        if tl.link.note is not None or not tl.link.refs:
            yield row([agency, "-", "note", tl.link.note or "(no actions cited)"])
    if tr.responses:
        yield "Unnumbered responses"
        yield row(["Agency", "Status", "Response"])
        for a in tr.responses:
            yield row([a.agency, a.status.value, a.text])
    p = tr.progress
    words = progress_words(p, tr.own)
    yield f"Progress: {words}  {bar(p)}" if p.total else f"Progress: {words}"


def progress_words(p: Progress, own: Sequence[Action] = ()) -> str:
    """``3 of 5 cited actions completed``, saying how many of them have no status in the plan; with none cited,
    the status of the recommendation's own row (a tracker's or a list's: ``tracing.Trace.own``) if it has one."""
    if not p.total:
        statuses = ", ".join(dict.fromkeys(a.status.value for a in own))
        return f"no actions cited; its own status: {statuses}" if statuses else "no actions cited"
    return f"{p.completed} of {p.total} cited actions completed" + (
        f", {p.not_recorded} not recorded" if p.not_recorded else ""
    )


def summary(s: Summary) -> str:
    """The report, a line per agency (actions by status and RAG), then a line per recommendation."""
    statuses = s.statuses()
    ratings = [r.value for r in s.ratings()]
    responded = any(count.responded for count in s.agencies)
    agencies = []
    for count in s.agencies:
        rags = {r.value: n for r, n in s.rag.get(count.agency, {}).items()}
        agencies.append(
            [
                count.agency,
                str(count.total),
                *([str(count.responded)] if responded else []),
                *(str(count.shown_count(st)) for st in statuses),
                *(str(rags.get(r, 0)) for r in ratings),
                "-" if count.progress.not_recorded == count.total else f"{count.progress.percent}%",
            ]
        )
    return (
        text([[s.report.id, s.report.title]])
        + "\n"
        + text(
            [
                [
                    "agency",
                    "actions",
                    *(["responses"] if responded else []),
                    *(st.value for st in statuses),
                    *ratings,
                    "percent completed",
                ],
                *agencies,
            ]
        )
        + "\n"
        + text([["recommendation", "cited", "completed", "percent completed", "text"]])
        + _recommendation_lines(s)
    )


def _recommendation_lines(s: Summary) -> str:
    """A line per recommendation, written whole with one format each (a report may have 10,000): the same lines
    as ``text`` of their cells, which it falls back to when the text holds a tab or a line break (a number is
    digits, dots and a letter: the reader takes no other)."""
    lines = [
        f"{short_label(kind, number)}\t{cited}\t{done}\t"
        f"{str(round(100 * done / cited)) + '%' if cited else '-'}\t{text_}"
        for kind, number, text_, done, cited, _ in s.recommendations
    ]
    whole = _flat("".join(line + "\n" for line in lines), len(lines), 4 * len(lines))
    return whole if whole is not None else text([line.split("\t", 4) for line in lines])


def agency_counts(counts: Sequence[AgencyCount]) -> Iterator[str]:
    """Per agency: numbered actions, completed, open, not recorded when any are, and unnumbered responses when any
    are (the lines of ``views.agencies_table`` without a report column)."""
    unrecorded = any(count.counts.get(Status.NOT_RECORDED) for count in counts)
    responded = any(count.responded for count in counts)
    yield row(
        [
            "Agency",
            "Actions",
            "Completed",
            "Open",
            *(["Not recorded"] if unrecorded else []),
            *(["Responses"] if responded else []),
        ]
    )
    for count in counts:
        done = count.counts.get(Status.COMPLETED, 0)
        missing = count.counts.get(Status.NOT_RECORDED, 0)
        yield row(
            [
                count.agency,
                str(count.total),
                str(done),
                str(count.total - done - missing),
                *([str(missing)] if unrecorded else []),
                *([str(count.responded)] if responded else []),
            ]
        )
