"""``scrtool import``: read each file, store it in its own transaction, and say what happened to it."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace

from ..errors import InputError
from ..model import Plan, RecKind
from ..parse import read_plan, report_id_for
from ..parse.formats import NeedsPassword, Options
from ..parse.vocab import Vocabulary
from ..questions.overview import AgencyCount, agencies, plan_counts
from ..render import plain
from ..render.meter import Meter, Silent, meter
from ..render.safe import file_name
from ..render.stream import Stream
from ..reviews import Facts, apply
from ..store.db import Store
from ..store.write import Claim, Outcome, Saved, save_plan


@dataclass(frozen=True, slots=True)
class FileResult:
    """What the import of one file prints on stdout. Kept apart from the printing so that, under a progress bar, it
    is printed after the bar."""

    lines: tuple[tuple[str, str], ...]
    """Lines of text, each with its style on a terminal."""
    counts: tuple[AgencyCount, ...] | None = None
    """Its actions per agency and status, printed as a table (None: no table)."""


@dataclass(frozen=True, slots=True)
class Run:
    """How one ``scrtool import`` reads and stores its files, as its options say."""

    report: str | None
    vocabulary: Vocabulary
    options: Options
    open_db: Callable[[], AbstractContextManager[Store]]
    strict: bool = False
    dry_run: bool = False
    quiet: bool = False
    new: bool = False
    ask: Callable[[str], str] | None = None
    review: Facts | None = None


def import_files(files: Sequence[str], run: Run, out: Stream, err: Stream) -> int:
    """Import each file; return how many failed. A failed file leaves the store as it was. ``run.quiet``: no progress
    bar, and one line a file (no table of agencies). ``new``: each file is a report of its own (``--new``), never
    a new version of a stored one. ``ask``: how to ask for the password of an encrypted file (given its name shown
    safe); None: no one to ask (not a terminal), so such a file fails with one line. ``review``: the year and kind
    of review ``--year`` and ``--kind`` give (else each plan's title says them, or nothing does). Under a bar,
    warnings and errors show as they come (above it) and what each file did is printed when the bar is gone, even
    when the command stops on an error or ^C part-way (the files stored by then are said)."""
    failed = 0
    sizes = [_size(file) for file in files]
    held: list[FileResult] = []
    named: dict[str, str] = {}  # report id -> the file of this command that has it
    try:
        report = run.report
        with _no_collection(), meter(err, sizes, run.quiet, out.is_terminal) as bar:
            for file, size in zip(files, sizes, strict=True):
                bar.file(file, size)
                ident = report or report_id_for(file)
                if report is None and named.setdefault(ident, file) != file:
                    err.line(
                        f"{file_name(file)}: its report id {ident!r} is also {file_name(named[ident])}'s in "
                        "this command (the same "
                        "file name); import it on its own with --report ID",
                        lead="scrtool: error: ",
                        lead_style="bold red",
                    )
                    bar.done()
                    failed += 1
                    continue
                claim = Claim.REPORT if report is not None else Claim.NEW if run.new else Claim.NAME
                result = _import_file(file, run, err, bar, claim)
                bar.done()
                if result is None:
                    failed += 1
                elif isinstance(bar, Silent):
                    _print_result(out, result)
                else:
                    held.append(result)
    finally:
        for result in held:
            _print_result(out, result)
    return failed


def _size(file: str) -> int:
    try:
        return os.path.getsize(file)
    except OSError:
        return 0  # reading it says what is wrong


@contextmanager
def _no_collection() -> Iterator[None]:
    """No cyclic garbage collection while a plan is read and stored: its records hold no cycles, and the collector
    would walk its millions of young objects again and again. The collector is as it was afterwards, even on error."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _import_file(file: str, run: Run, err: Stream, bar: Meter, claim: Claim) -> FileResult | None:
    """Import one file; what it has to say, or None when it failed."""
    shown = file_name(file)
    report, vocabulary, options, ask = run.report, run.vocabulary, run.options, run.ask
    try:
        try:
            plan = read_plan(
                file, report, max_size=options.max_size, vocabulary=vocabulary, progress=bar.rows, options=options
            )
        except NeedsPassword:
            if ask is None or options.password is not None:
                raise
            try:
                options = replace(options, password=ask(shown))  # asked once; a wrong one is said in one line
            except EOFError:  # Ctrl-D at the prompt
                raise InputError(file, "is encrypted, and no password was given (the prompt was closed)") from None
            plan = read_plan(
                file, report, max_size=options.max_size, vocabulary=vocabulary, progress=bar.rows, options=options
            )
    except InputError as exc:
        err.line(exc.message, lead="scrtool: error: ", lead_style="bold red")
        return None
    for notice in plan.notices:
        err.line(f"{shown}:{notice.at()}: warning: {notice.message}", "yellow")
    if run.strict and plan.notices:
        warnings = sum(notice.count for notice in plan.notices)
        err.line(f"scrtool: error: {shown}: {warnings:,} warning(s) with --strict; nothing stored", "bold red")
        return None
    if run.dry_run:
        line = f"{plan.report.id}: would import from {shown}: {describe(plan)} (dry run, nothing stored)"
        return FileResult(((line, ""),), None if run.quiet else tuple(plan_counts(plan.actions)))
    bar.storing()
    plan = apply(plan, run.review or Facts())
    with run.open_db() as store:
        saved = save_plan(store, plan, claim=claim)
        # the counts as stored: a re-import keeps updates made by hand where the file disagrees
        counts = (
            None
            if run.quiet or saved.outcome is Outcome.VERSION_OF
            else tuple(count for _, count in agencies(store.conn, saved.report))
        )
    if saved.outcome is Outcome.VERSION_OF:
        err.line(
            f"{shown}: looks like a new version of report {saved.report!r} ({saved.why}); not stored. Import it "
            f"with --report {saved.report} to store it as that report's new version, or with --new to store "
            "it as a report of its own",
            lead="scrtool: error: ",
            lead_style="bold red",
        )
        return None
    if saved.taken is not None and saved.why is None:
        err.line(f"{shown}: note: the report id {saved.taken!r} is taken; stored as {saved.report!r} (--new)", "yellow")
    elif saved.taken is not None:
        err.line(
            f"{shown}: note: report {saved.taken!r} is another review ({saved.why}); stored as "
            f"{saved.report!r}. If this file is a new version of {saved.taken!r}, import it with --report "
            f"{saved.taken}",
            "yellow",
        )
    return _result(shown, plan, saved, counts)


def describe(plan: Plan) -> str:
    recs = sum(r.kind is RecKind.RECOMMENDATION for r in plan.recommendations)
    reminders = len(plan.recommendations) - recs
    numbered = sum(a.number is not None for a in plan.actions)
    parts = [f"{recs} recommendation{'s' * (recs != 1)}"]
    if reminders:
        parts.append(f"{reminders} reminder{'s' * (reminders != 1)} of practice")
    parts.append(f"{numbered} numbered action{'s' * (numbered != 1)}")
    responses = len(plan.actions) - numbered
    if responses:
        parts.append(f"{responses} unnumbered response{'s' * (responses != 1)}")
    return ", ".join(parts)


def _result(file: str, plan: Plan, saved: Saved, counts: tuple[AgencyCount, ...] | None) -> FileResult:
    """What the import of ``file`` (its name as messages show it) did."""
    if saved.outcome is Outcome.UNCHANGED:
        return FileResult(((f"{saved.report}: unchanged ({file} is already in the store)", ""),))
    if saved.outcome is Outcome.SAME_AS:
        return FileResult(
            (
                (
                    f"{saved.report}: unchanged ({file} holds the same bytes as report {saved.report!r}, "
                    "already in the store)",
                    "",
                ),
            )
        )
    verb = "imported" if saved.outcome is Outcome.NEW else "replaced with the new version"
    lines = [f"{saved.report}: {verb} from {file}: {describe(plan)}"]
    disagreements: list[str] = []
    if saved.outcome is Outcome.REPLACED:
        lines.append(
            f"  {len(saved.added)} added, {len(saved.removed)} removed, {len(saved.status_changes)} status change(s)"
        )
        lines += [f"  added: {label}" for label in saved.added]
        lines += [f"  removed: {label}" for label in saved.removed]
        lines += [f"  {change}" for change in saved.status_changes]
        disagreements = [f"  {line}" for line in saved.disagreements]
    disagreements += [f"  note: report {other!r} holds the same bytes" for other in saved.same_bytes]
    return FileResult(tuple((line, "") for line in lines) + tuple((line, "yellow") for line in disagreements), counts)


def _print_result(out: Stream, result: FileResult) -> None:
    """What a file's import did; its agencies as a table on a terminal, as plain lines into a pipe."""
    for text, style in result.lines:
        out.line(text, style)
    if result.counts is None:
        return
    if out.is_terminal:
        from ..render import views

        out.show(views.plan_counts(result.counts))
    else:
        out.lines(plain.agency_counts(result.counts))
