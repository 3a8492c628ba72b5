"""The output formats a command line can ask for, as str Enums (kept apart so choosing one imports nothing).

Each command that prints a table takes ``--format`` with one of these choices: ``Format`` where the output is one
table (every format makes sense), ``TraceFormat`` where it is a text with several tables (no CSV). Without
``--format``, ``resolve`` picks ``table`` on a terminal and ``tsv`` into a pipe or a file; ``--format table`` asked
for draws the table into a pipe too (``scrtool trace 1 --format table | less``)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """Output formats of a command whose output is one table (``list``, ``history``, ``search``, ``reports``,
    ``agencies``, ``similar``, ``judgements``)."""

    TABLE = "table"
    """A rich table, its long text wrapped to fit the terminal's width (80 columns into a pipe, or $COLUMNS)."""
    TSV = "tsv"
    """Plain tab-separated lines under a header line, whole, wherever the output goes."""
    JSON = "json"
    CSV = "csv"
    """Comma-separated, a header row first; a cell a spreadsheet would run as a formula starts with ``'``."""
    MARKDOWN = "markdown"
    """A markdown table (text lines as paragraphs), report text escaped."""


class TraceFormat(StrEnum):
    """Output formats of a command whose output is a text with several tables (``trace``, ``repeats``): the
    values of ``Format`` but CSV."""

    TABLE = Format.TABLE.value
    TSV = Format.TSV.value
    JSON = Format.JSON.value
    MARKDOWN = Format.MARKDOWN.value


def resolve(chosen: Format | TraceFormat | None, terminal: bool) -> Format:
    """The format asked for, or the default: ``table`` on a terminal, ``tsv`` into a pipe or a file."""
    if chosen is not None:
        return Format(chosen.value)
    return Format.TABLE if terminal else Format.TSV


def help_text(choice: type[Format] | type[TraceFormat]) -> str:
    """The ``--format`` help of a command: its formats, and the defaults."""
    said = {"table": "table (default on a terminal)", "tsv": "tsv (default into a pipe or file)"}
    words = [said.get(f.value, f.value) for f in choice]
    return ", ".join(words[:-1]) + " or " + words[-1] + "."


class ExportFormat(StrEnum):
    """Formats of ``export``."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    MARKDOWN = "markdown"
