"""Flat event records: the CONTRACT record as one row of columns (database and CSV).

The ``events`` table, ``casus code --format csv`` and ``casus events --format csv`` share
these column names. This module has no heavy imports, so ``casus code`` needs no database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from ..model import Event, Evidence, Location, Participant

__all__ = [
    "CONTRACT_COLUMNS",
    "EVENT_COLUMNS",
    "EVENT_COLUMN_TYPES",
    "event_from_row",
    "event_row",
    "event_row_dict",
]

EVENT_COLUMN_TYPES: tuple[tuple[str, str], ...] = (
    ("event_id", "VARCHAR PRIMARY KEY"),
    ("article_id", "VARCHAR"),
    ("sentence_index", "INTEGER"),
    ("date", "DATE"),
    ("date_precision", "VARCHAR"),
    ("source_text", "VARCHAR"),
    ("source_name", "VARCHAR"),
    ("source_code", "VARCHAR"),
    ("source_country", "VARCHAR"),
    ("source_sector", "VARCHAR"),
    ("target_text", "VARCHAR"),
    ("target_name", "VARCHAR"),
    ("target_code", "VARCHAR"),
    ("target_country", "VARCHAR"),
    ("target_sector", "VARCHAR"),
    ("cameo", "VARCHAR"),
    ("cameo_root", "VARCHAR"),
    ("plover", "VARCHAR"),
    ("mode", "VARCHAR"),
    ("quad_class", "INTEGER"),
    ("goldstein", "DOUBLE"),
    ("location_text", "VARCHAR"),
    ("location_name", "VARCHAR"),
    ("location_country", "VARCHAR"),
    ("location_admin1", "VARCHAR"),
    ("location_lat", "DOUBLE"),
    ("location_lon", "DOUBLE"),
    ("location_geonameid", "BIGINT"),
    ("location_precision", "VARCHAR"),
    ("evidence_sentence", "VARCHAR"),
    ("evidence_start", "INTEGER"),
    ("evidence_end", "INTEGER"),
    ("trigger", "VARCHAR"),
    ("trigger_start", "INTEGER"),
    ("trigger_end", "INTEGER"),
    ("cues", "VARCHAR[]"),
    ("confidence", "DOUBLE"),
    ("published", "DATE"),
    ("run_id", "VARCHAR"),
)
"""Columns of the ``events`` table, in order, with their DuckDB types."""

EVENT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in EVENT_COLUMN_TYPES)

CONTRACT_COLUMNS: tuple[str, ...] = tuple(
    name for name in EVENT_COLUMNS if name not in ("published", "run_id")
)
"""The CONTRACT fields flattened (CSV output and export): the ``events`` columns without the
store's own ``published`` and ``run_id``, same names, same order."""


def event_row(
    event: Event, *, published: dt.date | None = None, run_id: str | None = None
) -> tuple[Any, ...]:
    """The event as a tuple in :data:`EVENT_COLUMNS` order."""
    row = event.to_row()
    row["published"] = published
    row["run_id"] = run_id
    return tuple(row[name] for name in EVENT_COLUMNS)


def event_row_dict(
    event: Event, *, published: dt.date | None = None, run_id: str | None = None
) -> dict[str, Any]:
    """The event as a flat ``{column: value}`` mapping (for CSV writers)."""
    return dict(
        zip(EVENT_COLUMNS, event_row(event, published=published, run_id=run_id), strict=True)
    )


def _str(v: object) -> str | None:
    return None if v is None else str(v)


def _int(v: object) -> int | None:
    if v is None:
        return None
    if isinstance(v, int | float | str):
        return int(v)
    raise TypeError(f"not an integer: {v!r}")


def _float(v: object) -> float | None:
    if v is None:
        return None
    if isinstance(v, int | float | str):
        return float(v)
    raise TypeError(f"not a number: {v!r}")


def _date(v: object) -> dt.date | None:
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return dt.date.fromisoformat(str(v))


def _row_participant(row: Mapping[str, object], side: str) -> Participant | None:
    values = [row.get(f"{side}_{k}") for k in ("text", "name", "code", "country", "sector")]
    if all(v is None for v in values):
        return None
    text, name, code, country, sector = (_str(v) for v in values)
    return Participant(
        text=text or "", name=name or "", code=code or "", country=country, sector=sector
    )


def _row_location(row: Mapping[str, object]) -> Location | None:
    if row.get("location_text") is None and row.get("location_name") is None:
        return None
    return Location(
        text=_str(row.get("location_text")) or "",
        name=_str(row.get("location_name")) or "",
        country=_str(row.get("location_country")),
        admin1=_str(row.get("location_admin1")),
        lat=_float(row.get("location_lat")),
        lon=_float(row.get("location_lon")),
        geonameid=_int(row.get("location_geonameid")),
        precision=_str(row.get("location_precision")) or "city",
    )


def event_from_row(row: Mapping[str, object]) -> Event:
    """Rebuild an :class:`Event` from a row of the ``events`` table (``to_dict`` round-trips)."""
    cues = row.get("cues")
    evidence = Evidence(
        sentence=_str(row.get("evidence_sentence")) or "",
        start=_int(row.get("evidence_start")) or 0,
        end=_int(row.get("evidence_end")) or 0,
        trigger=_str(row.get("trigger")) or "",
        trigger_start=_int(row.get("trigger_start")),
        trigger_end=_int(row.get("trigger_end")),
        cues=tuple(str(c) for c in cues) if isinstance(cues, list | tuple) else (),
    )
    return Event(
        event_id=str(row["event_id"]),
        article_id=str(row["article_id"]),
        sentence_index=_int(row.get("sentence_index")) or 0,
        cameo=_str(row.get("cameo")) or "",
        cameo_root=_str(row.get("cameo_root")) or "",
        plover=_str(row.get("plover")),
        mode=_str(row.get("mode")),
        quad_class=_int(row.get("quad_class")) or 0,
        goldstein=_float(row.get("goldstein")) or 0.0,
        evidence=evidence,
        confidence=_float(row.get("confidence")) or 0.0,
        source=_row_participant(row, "source"),
        target=_row_participant(row, "target"),
        date=_date(row.get("date")),
        date_precision=_str(row.get("date_precision")),
        location=_row_location(row),
    )
