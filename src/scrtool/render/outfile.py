"""The files scrtool writes for the user (``export -o``, ``report -o``): whole or not at all, owner-only, and only
where a file belongs.

A file is written into a private folder beside the target (``.NAME.PID.XXXXXXXX.part``, 0700), which also takes
every temporary file a writer library makes (openpyxl's), then renamed over the target once complete, and the
folder removed: on success, on any error and on SIGTERM or SIGHUP (which stop the export as an error). Only
``kill -9`` leaves a ``.part`` folder: the next export to the same file removes those whose process is gone.

The target must be a new path or a regular file: a folder, a device, a named pipe or a socket is refused, and so
is a symbolic link (scrtool neither writes through a link nor replaces it). A new file is readable by its owner
only; a regular file replaced keeps its permission bits. ``-`` is standard output: text as it is into a pipe (the
same bytes as the file) and made safe on a terminal; binary (xlsx) only into a pipe or a file, never a terminal.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import stat
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from typing import IO

from ..errors import ExitCode, ScrError, Stopped, os_reason

STDOUT = "-"
"""``-o -``: standard output."""
STOP_SIGNALS = (signal.SIGTERM, signal.SIGHUP)


class OutputError(ScrError):
    """The file cannot be written where the command line says (no such folder, a folder, a device, a link, no
    permission, a full disk)."""

    code = ExitCode.USAGE


def write_text(path: str, text: str, encoding: str = "utf-8") -> None:
    """``text`` to the file ``path`` (whole or not at all), or to standard output for ``-``."""
    if path != STDOUT:
        data = text.encode(encoding)
        write_atomic(path, lambda handle: handle.write(data))
        return
    from .safe import terminal
    from .stream import is_terminal

    if is_terminal(sys.stdout):
        sys.stdout.write(terminal(text.replace("\r\n", "\n")))  # the csv's line ends; any other CR is shown
        sys.stdout.flush()
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(text.encode(encoding))
        sys.stdout.buffer.flush()


def write_binary(path: str, write: Callable[[IO[bytes]], object], what: str) -> None:
    """What ``write`` writes to the file ``path``, or into a pipe for ``-`` (refused on a terminal)."""
    if path != STDOUT:
        write_atomic(path, write)
        return
    from .stream import is_terminal

    if is_terminal(sys.stdout):
        raise OutputError(
            f"{what} is binary: write it to a file (-o FILE) or send -o - into a pipe or a file, not onto the terminal"
        )
    import io

    buffer = io.BytesIO()
    remove_stale_parts(tempfile.gettempdir(), "scrtool-stdout")
    with _part_folder(tempfile.gettempdir(), "scrtool-stdout", "standard output"):
        write(buffer)
    sys.stdout.flush()
    sys.stdout.buffer.write(buffer.getvalue())
    sys.stdout.buffer.flush()


def write_atomic(path: str, write: Callable[[IO[bytes]], object]) -> None:
    """Call ``write`` on a new file in a private folder beside ``path``, then rename it over ``path``. On any error
    (and on SIGTERM or SIGHUP) the folder is removed and whatever was at ``path`` is left as it was."""
    keep = target_mode(path)
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise OutputError(f"{path}: no such folder {folder}")
    name = os.path.basename(path)
    remove_stale_parts(folder, name)
    try:
        with _part_folder(folder, name, path) as part:
            temp = os.path.join(part, name)
            fd = os.open(temp, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
            with os.fdopen(fd, "wb") as handle:
                write(handle)
                handle.flush()
                os.fsync(handle.fileno())
            if keep is not None:
                os.chmod(temp, keep)
            target_mode(path)  # looked at again just before: still nothing but a file or nothing
            os.replace(temp, path)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write: {os_reason(exc)}") from None
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def target_mode(path: str) -> int | None:
    """The permission bits of the regular file at ``path`` (a replaced file keeps them), None when there is nothing
    there; a folder, a symbolic link, a device, a named pipe or a socket is refused."""
    try:
        found = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there: {os_reason(exc)}") from None
    mode = found.st_mode
    if stat.S_ISREG(mode):
        return stat.S_IMODE(mode) & 0o777
    if stat.S_ISDIR(mode):
        raise OutputError(f"{path} is a folder; give a file name with -o")
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"{path} is a symbolic link (to {os.readlink(path)}); scrtool neither writes through a "
            "link nor replaces it: give the path of the file itself with -o"
        )
    from ..store.paths import special_kind

    kind = special_kind(mode)
    raise OutputError(f"{path} is {kind}, not a regular file; give a file name with -o, or -o - for standard output")


def _part_pattern(name: str) -> re.Pattern[str]:
    """This module's part folders for a target named ``name`` (group 1: the writing process), and the part files
    of earlier versions (``.NAME.XXXXXXXX.part``, no process)."""
    return re.compile(re.escape(f".{name}.") + r"(?:(\d+)\.[a-z0-9_]+|[a-z0-9_]{8})\.part")


def remove_stale_parts(folder: str, name: str) -> None:
    """Remove the part folders (and earlier versions' part files) of exports to ``folder/name`` whose process no
    longer runs on this machine: what a ``kill -9`` part-way through an export left."""
    pattern = _part_pattern(name)
    with contextlib.suppress(OSError):
        for entry in os.scandir(folder):
            found = pattern.fullmatch(entry.name)
            if found is None or (found.group(1) is not None and _running(int(found.group(1)))):
                continue
            with contextlib.suppress(OSError):
                if entry.is_dir(follow_symlinks=False):
                    shutil.rmtree(entry.path)
                elif found.group(1) is None:
                    os.unlink(entry.path)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


@contextlib.contextmanager
def _part_folder(folder: str, name: str, target: str) -> Iterator[str]:
    """A private folder for writing ``target``: every temporary file of the writing goes into it (``tempfile``'s
    folder while it exists), and it is removed at the end, whatever the end: SIGTERM and SIGHUP raise Stopped, and
    one arriving during the cleanup is held until the cleanup is done (then it ends the process, as it would have)."""
    try:
        part = tempfile.mkdtemp(prefix=f".{name}.{os.getpid()}.", suffix=".part", dir=folder)
    except OSError as exc:
        raise OutputError(f"{target}: cannot write there: {os_reason(exc)}") from None
    earlier, tempfile.tempdir = tempfile.tempdir, part
    caught = _stop_on_signals(target)
    try:
        yield part
    finally:
        signal.pthread_sigmask(signal.SIG_BLOCK, caught)
        try:
            tempfile.tempdir = earlier
            shutil.rmtree(part, ignore_errors=True)
        finally:
            for sig in caught:
                signal.signal(sig, signal.SIG_DFL)
            signal.pthread_sigmask(signal.SIG_UNBLOCK, caught)


def _stop_on_signals(target: str) -> list[signal.Signals]:
    """Make SIGTERM and SIGHUP raise Stopped (where they would end the process: not when ignored, as under nohup,
    nor outside the main thread, where Python cannot handle them); the signals so handled."""
    if threading.current_thread() is not threading.main_thread():
        return []
    caught = [sig for sig in STOP_SIGNALS if signal.getsignal(sig) == signal.SIG_DFL]

    def stop(signum: int, frame: object) -> None:
        signal.pthread_sigmask(signal.SIG_BLOCK, caught)  # a second one waits for the cleanup
        raise Stopped(signum, f"stopped by {signal.Signals(signum).name}: nothing was written to {target}")

    for sig in caught:
        signal.signal(sig, stop)
    return caught
