"""Where the store lives (--db > SCRTOOL_DB > the user data folder), created readable by its owner only."""

from __future__ import annotations

import os
import stat

from ..errors import StoreError

ENV_VAR = "SCRTOOL_DB"
FILE_NAME = "scrtool.db"


def default_path() -> str:
    from platformdirs import user_data_dir

    return os.path.join(user_data_dir("scrtool", appauthor=False), FILE_NAME)


def resolve(option: str | None) -> str:
    """The store path: the --db option, else $SCRTOOL_DB, else the user data folder."""
    return option or os.environ.get(ENV_VAR) or default_path()


def create_private(path: str) -> None:
    """Make the store's folder (0700) and an empty store file (0600), whatever the umask."""
    folder = os.path.dirname(os.path.abspath(path))
    try:
        if not os.path.isdir(folder):
            os.makedirs(folder, mode=0o700, exist_ok=True)
            os.chmod(folder, 0o700)
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise StoreError(f"cannot create the store at {path}: {exc.strerror}") from None
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)


def readable_by_others(path: str) -> bool:
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return bool(mode & (stat.S_IRWXG | stat.S_IRWXO))
