"""scrtool as a library, for notebooks and scripts: ``read`` a plan into typed records without a store, ask a
``Store`` the questions the commands ask, and take any answer that is a table as a pandas DataFrame
(``to_frame()``). The commands and this API ask the same functions (``scrtool.questions``); docs/api.md shows it."""

from .frames import Records
from .reading import Reading, read
from .store import RatedAction, Store

__all__ = ["RatedAction", "Reading", "Records", "Store", "read"]
