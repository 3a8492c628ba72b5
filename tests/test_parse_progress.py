"""read_plan's progress hook: called once per table, with the table rows read so far in the file, the line of the
table's last row and the file's number of lines."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from conftest import write
from scrtool.parse import read_plan

TWO_TABLES = """\
Serious Case Review: Child P

| Rec No. | Recommendation | IMR Agency | IMR Action No. |
|---|---|---|---|
| 1 | Audit the significance of bruising in babies. | Riverside Police | Action 1 |
| 2 | Train staff in the escalation protocol. | Riverside Police | Actions: 2, 3 |

Actions of the agencies

| Riverside Police | Action No | Action | Projected Outcome | Status |
|---|---|---|---|---|
|  | 1 | Audit the significance of bruising in babies. | Audit done | Completed |
|  | 2 | Train staff in the escalation protocol. | Staff trained | In progress |
|  | 3 | Review the escalation protocol. | Protocol reviewed | Not started |
"""


def test_progress_is_called_after_each_table_with_the_rows_so_far(tmp_path: Path) -> None:
    calls: list[tuple[int, int, int]] = []
    plan = read_plan(write(tmp_path, "child-p.md", TWO_TABLES), progress=lambda *args: calls.append(args))
    # header and two rows; then header and three rows more (no |---| line counts); 14 lines and the empty one
    # after the last line break
    assert calls == [(3, 6, 15), (7, 14, 15)]
    assert len(plan.actions) == 3


def test_progress_is_optional(tmp_path: Path) -> None:
    path = write(tmp_path, "child-p.md", TWO_TABLES)
    now = datetime(2024, 1, 1)
    assert read_plan(path, now=now) == read_plan(path, now=now, progress=lambda rows, line, lines: None)
