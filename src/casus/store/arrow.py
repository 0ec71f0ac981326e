"""Arrow schemas of the stored tables, shared by the DuckDB store and the Parquet batch output."""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from .records import EVENT_COLUMN_TYPES

__all__ = ["ARTICLES_SCHEMA", "ARTICLE_COLUMNS", "EVENTS_SCHEMA", "SENTENCES_SCHEMA", "schema"]

_ARROW_TYPES: Mapping[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "VARCHAR PRIMARY KEY": pa.string(),
    "INTEGER": pa.int32(),
    "BIGINT": pa.int64(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
    "TIMESTAMP": pa.timestamp("us"),
    "VARCHAR[]": pa.list_(pa.string()),
}

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "VARCHAR"),
    ("title", "VARCHAR"),
    ("text", "VARCHAR"),
    ("date", "DATE"),
    ("url", "VARCHAR"),
    ("outlet", "VARCHAR"),
    ("origin", "VARCHAR"),
    ("n_sentences", "INTEGER"),
    ("n_events", "INTEGER"),
    ("coded_at", "TIMESTAMP"),
    ("run_id", "VARCHAR"),
)


def schema(column_types: tuple[tuple[str, str], ...]) -> pa.Schema:
    """Arrow schema for ``(name, DuckDB type)`` columns."""
    return pa.schema([(name, _ARROW_TYPES[kind]) for name, kind in column_types])


EVENTS_SCHEMA = schema(EVENT_COLUMN_TYPES)
ARTICLES_SCHEMA = schema(ARTICLE_COLUMNS)
SENTENCES_SCHEMA = schema(
    (
        ("article_id", "VARCHAR"),
        ("idx", "INTEGER"),
        ("start_char", "INTEGER"),
        ("end_char", "INTEGER"),
        ("text", "VARCHAR"),
    )
)
