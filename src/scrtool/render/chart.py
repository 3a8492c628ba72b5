"""Progress over time as inline SVG, drawn in the page: no script, no fetch, no font or image to load.

Each agency (and the whole plan) gets a small chart: at each quarter's end three bars, completed, open and
overdue, each with its number written above it. The bars differ by pattern as well as colour (solid, diagonal
hatching, cross-hatching), so the chart reads the same printed in black and white. Every piece of report text in
it (an agency's name) is escaped here: the SVG is handed to the template as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from ..questions.progress import Point, Series
from . import safe

BAR, GAP, GROUP_GAP = 16, 2, 22
TOP, BOTTOM, LEFT, HEIGHT = 26, 34, 8, 110
KINDS = (("completed", "Completed"), ("open", "Open (not completed)"), ("overdue", "Overdue (open, past due)"))


def _defs(n: int) -> str:
    """The three fills of chart ``n``: solid dark blue, blue diagonal hatching, dark red cross-hatching."""
    return (
        f'<defs><pattern id="c{n}-open" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#1f4e79" stroke-width="2.5"/></pattern>'
        f'<pattern id="c{n}-overdue" width="6" height="6" patternUnits="userSpaceOnUse">'
        f'<rect width="6" height="6" fill="#fff"/><path d="M0 0L6 6M6 0L0 6" stroke="#9c0006" '
        f'stroke-width="1.5"/></pattern></defs>'
    )


def _fill(n: int, kind: str) -> str:
    return "#1f4e79" if kind == "completed" else f"url(#c{n}-{kind})"


def legend(n: int = 0) -> str:
    """The key, as its own small SVG (the same fills)."""
    parts = [
        '<svg class="legend" xmlns="http://www.w3.org/2000/svg" width="520" height="22" role="img" '
        'aria-label="Key: completed solid, open hatched, overdue cross-hatched">',
        _defs(n),
    ]
    x = 2
    for kind, label in KINDS:
        parts.append(
            f'<rect x="{x}" y="4" width="14" height="14" fill="{_fill(n, kind)}" stroke="#000" '
            f'stroke-width="0.8"/><text x="{x + 19}" y="16" font-size="12">{escape(label)}</text>'
        )
        x += 24 + 7 * len(label)
    return "".join(parts) + "</svg>"


def _values(p: Point) -> tuple[int, int, int]:
    return p.completed, p.open, p.overdue


def svg(series: Series, n: int) -> str:
    """One chart: a group of three labelled bars a quarter, the quarter's name below."""
    points = series.points
    top = max((max(_values(p)) for p in points), default=0) or 1
    group = 3 * BAR + 2 * GAP
    width = LEFT * 2 + len(points) * (group + GROUP_GAP)
    height = TOP + HEIGHT + BOTTOM
    name = escape(safe.terminal(series.name))
    summary = "; ".join(f"{p.label}: {p.completed} completed, {p.open} open, {p.overdue} overdue" for p in points)
    parts = [
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{name}: {escape(summary)}">',
        f"<title>{name}: {escape(summary)}</title>",
        _defs(n),
        f'<line x1="{LEFT}" y1="{TOP + HEIGHT}" x2="{width - LEFT}" y2="{TOP + HEIGHT}" stroke="#000"/>',
    ]
    for i, p in enumerate(points):
        x0 = LEFT + GROUP_GAP // 2 + i * (group + GROUP_GAP)
        for j, ((kind, _), value) in enumerate(zip(KINDS, _values(p), strict=True)):
            h = round(HEIGHT * value / top)
            x, y = x0 + j * (BAR + GAP), TOP + HEIGHT - h
            parts.append(
                f'<rect class="{kind}" data-value="{value}" x="{x}" y="{y}" width="{BAR}" height="{h}" '
                f'fill="{_fill(n, kind)}" stroke="#000" stroke-width="0.8"/>'
                f'<text x="{x + BAR / 2}" y="{y - 3}" font-size="11" text-anchor="middle">{value}</text>'
            )
        parts.append(
            f'<text class="quarter" x="{x0 + group / 2}" y="{TOP + HEIGHT + 15}" font-size="11" '
            f'text-anchor="middle">{escape(p.label)}</text>'
            f'<text x="{x0 + group / 2}" y="{TOP + HEIGHT + 28}" font-size="10" fill="#555" '
            f'text-anchor="middle">{p.day.strftime("%d/%m/%Y")}</text>'
        )
    return "".join(parts) + "</svg>"


def charts(all_series: Sequence[Series]) -> list[tuple[str, str]]:
    """(name, svg) for each series, ids unique in the page."""
    return [(safe.terminal(s.name), svg(s, n)) for n, s in enumerate(all_series, start=1)]
