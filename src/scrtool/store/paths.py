"""Where the store lives (--db > SCRTOOL_DB > the user data folder), created readable by its owner only."""

from __future__ import annotations

import os
import stat

from ..errors import StoreError, os_reason

ENV_VAR = "SCRTOOL_DB"
FILE_NAME = "scrtool.db"


_SPECIAL = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str:
    """What a path of this ``st_mode`` that is neither a regular file nor a folder is, in words: no store and no
    export is written there (a pipe's reader or writer never comes; SQLite writes its journal beside a device)."""
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


def default_path() -> str:
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("scrtool", appauthor=False), FILE_NAME)


def resolve(option: str | None) -> str:
    """The store path: the --db option, else $SCRTOOL_DB, else the user data folder."""
    return option or os.environ.get(ENV_VAR) or default_path()


def make_folders(folder: str) -> None:
    """Make ``folder`` and every missing folder above it (``~/.local``, ``~/.local/share`` ...) owner-only (0700),
    whatever the umask; folders that exist already are left as they are."""
    missing = []
    while not os.path.isdir(folder):
        missing.append(folder)
        parent = os.path.dirname(folder)
        if parent == folder:
            break
        folder = parent
    for path in reversed(missing):
        try:
            os.mkdir(path, 0o700)
        except FileExistsError:
            continue  # made meanwhile by another process: it is theirs
        os.chmod(path, 0o700)


def create_private(path: str) -> str | None:
    """Make the store's folders (0700) and an empty store file (0600), whatever the umask; through a symbolic link
    that points at nothing yet, the file it points at. The path of the file made, or None when one was there."""
    real = os.path.realpath(path)
    try:
        make_folders(os.path.dirname(real))
        fd = os.open(real, os.O_CREAT | os.O_EXCL | os.O_WRONLY | os.O_NOFOLLOW, 0o600)
    except FileExistsError:
        return None
    except OSError as exc:
        raise StoreError(f"cannot create the store at {path}: {os_reason(exc)}") from None
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
    return real


def readable_by_others(path: str) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))
