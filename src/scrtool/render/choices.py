"""The output formats a command line can ask for, as str Enums (kept apart so choosing one imports nothing)."""

from __future__ import annotations

from enum import StrEnum


class Format(StrEnum):
    """Output formats of ``list`` (``trace``, ``history`` and ``search`` take table and json)."""

    TABLE = "table"
    """Rich tables cut to fit on a terminal; plain tab-separated lines into a pipe or a file."""
    TSV = "tsv"
    """Plain tab-separated lines, whole, wherever the output goes."""
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class ExportFormat(StrEnum):
    """Formats of ``export``."""

    CSV = "csv"
    XLSX = "xlsx"
    JSON = "json"
    MARKDOWN = "markdown"
