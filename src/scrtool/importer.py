"""``scrtool import``: read each file, store it in its own transaction, and say what happened to it."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager

from rich.console import Console
from rich.text import Text

from .errors import InputError
from .model import Plan, RecKind
from .parse import read_plan
from .parse.vocab import Vocabulary
from .render import plain, views
from .store.db import Store
from .store.write import Outcome, Saved, save_plan


def import_files(files: Sequence[str], report: str | None, vocabulary: Vocabulary, *, max_size: int, strict: bool,
                 dry_run: bool,
                 open_db: Callable[[], AbstractContextManager[Store]], out: Console, err: Console) -> int:
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
                 dry_run: bool, open_db: Callable[[], AbstractContextManager[Store]], out: Console,
                 err: Console) -> bool:
    """Import one file; False when it failed."""
    try:
        plan = read_plan(file, report, max_size=max_size, vocabulary=vocabulary)
    except InputError as exc:
        err.print(Text("scrtool: error: ", style="bold red") + views.t(exc.message), soft_wrap=True)
        return False
    for line in views.notices_lines(file, plan.notices):
        err.print(line)
    if strict and plan.notices:
        err.print(views.t(f"scrtool: error: {file}: {len(plan.notices)} warning(s) with --strict; "
                          "nothing stored", "bold red"))
        return False
    if dry_run:
        out.print(views.t(f"{plan.report.id}: would import from {file}: {describe(plan)} (dry run, nothing "
                          "stored)"), soft_wrap=True)
        plain.emit(out, views.plan_counts(plan.actions))
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


def _say(out: Console, file: str, plan: Plan, saved: Saved) -> None:
    if saved.outcome is Outcome.UNCHANGED:
        out.print(views.t(f"{saved.report}: unchanged ({file} is already in the store)"), soft_wrap=True)
        return
    if saved.outcome is Outcome.SAME_AS:
        out.print(views.t(f"{plan.report.id}: unchanged ({file} holds the same bytes as report {saved.report!r}, "
                          "already in the store)"), soft_wrap=True)
        return
    verb = "imported" if saved.outcome is Outcome.NEW else "replaced with the new version"
    out.print(views.t(f"{saved.report}: {verb} from {file}: {describe(plan)}"), soft_wrap=True)
    if saved.outcome is Outcome.REPLACED:
        out.print(views.t(f"  {len(saved.added)} added, {len(saved.removed)} removed, "
                          f"{len(saved.status_changes)} status change(s)"), soft_wrap=True)
        for label in saved.added:
            out.print(views.t(f"  added: {label}"), soft_wrap=True)
        for label in saved.removed:
            out.print(views.t(f"  removed: {label}"), soft_wrap=True)
        for change in saved.status_changes:
            out.print(views.t(f"  {change}"), soft_wrap=True)
        for line in saved.disagreements:
            out.print(views.t(f"  {line}", "yellow"), soft_wrap=True)
    plain.emit(out, views.plan_counts(plan.actions))
