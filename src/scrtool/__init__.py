"""scrtool: read the action plans of child-safeguarding case reviews and answer the board's questions."""

__version__ = "0.1.0"

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Reading, Store, read

__all__ = ["Reading", "Store", "__version__", "read"]


def __getattr__(name: str) -> Any:
    """``scrtool.read``, ``scrtool.Store`` and ``scrtool.Reading``: the Python API (``scrtool.api``), imported on
    first use, so the ``scrtool`` command does not load it."""
    if name in ("read", "Store", "Reading"):
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'scrtool' has no attribute {name!r}")
