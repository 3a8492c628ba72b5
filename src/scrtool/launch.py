"""The ``scrtool`` console script: ^C while Python is still loading the command (typer, click, the store) ends it
as an interrupted command does, one line and exit 130, not a traceback."""

import os
import sys
from typing import NoReturn


def main() -> NoReturn:
    try:
        from .cli.app import main as run
    except KeyboardInterrupt:
        sys.stderr.write("scrtool: error: interrupted\n")
        sys.stderr.flush()
        os._exit(130)
    run()
