"""The event store: one DuckDB file (the only package that imports DuckDB).

:class:`Store` lives in :mod:`casus.store.db`, with its DuckDB helpers ``conn`` (opening,
lock retry), ``guard`` (the read-only query guard) and ``rows`` (a batch's rows and its
transaction); ``sql`` (schema, event filters), ``types`` (result types), ``records`` (the
CONTRACT record as flat columns), ``arrow`` (Arrow schemas, shared with the Parquet batch
output) and ``pending`` (batches kept while the file is locked) import no DuckDB.
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
