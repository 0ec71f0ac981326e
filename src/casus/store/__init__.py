"""The event store: one DuckDB file (the only package that imports DuckDB).

:class:`Store` lives in :mod:`casus.store.db`; ``sql`` (schema, event filters), ``types``
(result types), ``records`` (the CONTRACT record as flat columns) and ``arrow`` (Arrow
schemas, shared with the Parquet batch output) are its helpers and import no DuckDB.
``Store`` is imported lazily, so ``casus code`` and the CLI start without DuckDB.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .sql import EventQuery
from .types import ArticleSummary, DyadCount, RunCounts, Stats

if TYPE_CHECKING:
    from .db import Store

__all__ = ["ArticleSummary", "DyadCount", "EventQuery", "RunCounts", "Stats", "Store"]


def __getattr__(name: str) -> Any:
    if name == "Store":
        from .db import Store

        return Store
    raise AttributeError(f"module 'casus.store' has no attribute {name!r}")
