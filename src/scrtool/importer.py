"""``scrtool import``: read each file, store it in its own transaction, and say what happened to it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from .errors import InputError
from .model import Action, Plan, RecKind
from .parse import read_plan
from .parse.vocab import Vocabulary
from .render import plain
from .render.stream import Stream
from .store.db import Store
from .store.write import Outcome, Saved, save_plan


def import_files(files: Sequence[str], report: str | None, vocabulary: Vocabulary, *, max_size: int, strict: bool,
                 dry_run: bool,
                 open_db: Callable[[], AbstractContextManager[Store]], out: Stream, err: Stream) -> int:
    """Import each file; return how many failed. A failed file leaves the store as it was."""
    failed = 0
    with _no_collection():
        for file in files:
            failed += not _import_file(file, report, vocabulary, max_size=max_size, strict=strict, dry_run=dry_run,
                                       open_db=open_db, out=out, err=err)
    return failed


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


def _import_file(file: str, report: str | None, vocabulary: Vocabulary, *, max_size: int, strict: bool,
                 dry_run: bool, open_db: Callable[[], AbstractContextManager[Store]], out: Stream,
                 err: Stream) -> bool:
    """Import one file; False when it failed."""
    try:
        plan = read_plan(file, report, max_size=max_size, vocabulary=vocabulary)
    except InputError as exc:
        err.line(exc.message, lead="scrtool: error: ", lead_style="bold red")
        return False
    for notice in plan.notices:
        err.line(f"{file}:{notice.line}: warning: {notice.message}", "yellow")
    if strict and plan.notices:
        err.line(f"scrtool: error: {file}: {len(plan.notices)} warning(s) with --strict; nothing stored", "bold red")
        return False
    if dry_run:
        out.line(f"{plan.report.id}: would import from {file}: {describe(plan)} (dry run, nothing stored)")
        _counts(out, plan.actions)
        return True
    with open_db() as store:
        saved = save_plan(store, plan)
    _say(out, file, plan, saved)
    return True


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


def _say(out: Stream, file: str, plan: Plan, saved: Saved) -> None:
    if saved.outcome is Outcome.UNCHANGED:
        out.line(f"{saved.report}: unchanged ({file} is already in the store)")
        return
    if saved.outcome is Outcome.SAME_AS:
        out.line(f"{plan.report.id}: unchanged ({file} holds the same bytes as report {saved.report!r}, "
                 "already in the store)")
        return
    verb = "imported" if saved.outcome is Outcome.NEW else "replaced with the new version"
    out.line(f"{saved.report}: {verb} from {file}: {describe(plan)}")
    if saved.outcome is Outcome.REPLACED:
        out.line(f"  {len(saved.added)} added, {len(saved.removed)} removed, "
                 f"{len(saved.status_changes)} status change(s)")
        for label in saved.added:
            out.line(f"  added: {label}")
        for label in saved.removed:
            out.line(f"  removed: {label}")
        for change in saved.status_changes:
            out.line(f"  {change}")
        for line in saved.disagreements:
            out.line(f"  {line}", "yellow")
    _counts(out, plan.actions)


def _counts(out: Stream, actions: Sequence[Action]) -> None:
    """Per agency: actions read, completed, open; a table on a terminal, plain lines into a pipe."""
    if out.is_terminal:
        from .render import views

        out.show(views.plan_counts(actions))
    else:
        out.lines(plain.agency_counts(plain.plan_counts(actions)))
