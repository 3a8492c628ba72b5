"""``scrtool.read(path)``: a plan file of any format read into typed records, with no store; what the reader
noticed (the import's warnings) comes back as data."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..model import Action, Notice, Plan, Recommendation, Report
from .frames import Records

if TYPE_CHECKING:
    import pandas


@dataclass(frozen=True, slots=True)
class Reading:
    """What one file holds: its report, recommendations and actions, and the notices (warnings) of its reading."""

    plan: Plan

    @property
    def report(self) -> Report:
        return self.plan.report

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return self.plan.recommendations

    @property
    def actions(self) -> Records[Action]:
        from ..render.formats import action_dict

        return Records(self.plan.actions, action_dict)

    @property
    def notices(self) -> tuple[Notice, ...]:
        return self.plan.notices

    def to_frame(self) -> pandas.DataFrame:
        """The actions as a DataFrame."""
        return self.actions.to_frame()


def read(
    path: str,
    *,
    report: str | None = None,
    config: str | None = None,
    pages: tuple[int, int] | None = None,
    sheet: str | None = None,
    password: str | None = None,
    max_size: int | None = None,
) -> Reading:
    """Read the plan in ``path`` (Word, PDF, Excel, web page, markdown or text: its bytes decide) as
    ``scrtool import`` would, storing nothing. ``report`` is the report id (default: from the file's name);
    ``config`` a config file with more header and status words; ``pages``, ``sheet`` and ``password`` as the
    import's options. A file that holds no plan raises ``scrtool.errors.InputError`` (its message is the one line
    the command prints)."""
    from ..config import load
    from ..parse import read_plan
    from ..parse.decode import DEFAULT_MAX_SIZE
    from ..parse.formats import Options
    from ..parse.vocab import DEFAULT

    size = max_size or DEFAULT_MAX_SIZE
    options = Options(max_size=size, pages=pages, sheet=sheet, password=password)
    vocabulary = load(config).vocabulary or DEFAULT
    return Reading(read_plan(path, report, max_size=size, vocabulary=vocabulary, options=options))
