"""SQL of the store: the schema and the event filters. Only values are ever parameters;
column names and clauses come from this module, never from user input."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..errors import StoreError
from .records import EVENT_COLUMN_TYPES, EVENT_COLUMNS

__all__ = ["SCHEMA", "SCHEMA_VERSION", "EventQuery", "event_sql"]

SCHEMA_VERSION = "1"

SCHEMA: tuple[str, ...] = (
    "CREATE TABLE IF NOT EXISTS casus_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
    """CREATE TABLE IF NOT EXISTS articles (
        id VARCHAR PRIMARY KEY, title VARCHAR, text VARCHAR, date DATE, url VARCHAR,
        outlet VARCHAR, origin VARCHAR, n_sentences INTEGER, n_events INTEGER,
        coded_at TIMESTAMP, run_id VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS sentences (
        article_id VARCHAR, idx INTEGER, start_char INTEGER, end_char INTEGER, text VARCHAR,
        PRIMARY KEY (article_id, idx))""",
    "CREATE TABLE IF NOT EXISTS events ("
    + ", ".join(f"{name} {kind}" for name, kind in EVENT_COLUMN_TYPES)
    + ")",
    """CREATE TABLE IF NOT EXISTS runs (
        run_id VARCHAR PRIMARY KEY, started TIMESTAMP, finished TIMESTAMP,
        casus_version VARCHAR, lexicon_version VARCHAR, model VARCHAR, n_articles INTEGER,
        n_events INTEGER, n_errors INTEGER, command VARCHAR)""",
    "INSERT OR IGNORE INTO casus_meta VALUES ('schema_version', '" + SCHEMA_VERSION + "')",
)

_ORDERS = {
    "event_id": "event_id",
    "date": "coalesce(date, published) NULLS LAST, event_id",
    "-date": "coalesce(date, published) DESC NULLS LAST, event_id",
}


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Filters for :meth:`casus.store.Store.events`; every field is optional.

    ``actor`` matches a source or target whose code starts with it, whose country equals it or
    whose name contains it (case-insensitive). ``dyad`` is two actors at country level (country,
    or code prefix for actors without one); undirected unless ``directed``. ``since``/``until``
    bound the event date (the publication date where the event has none). ``cameo`` is a code
    prefix, ``place`` a location name or country, ``text`` a phrase in the evidence sentence.
    ``after`` is a cursor: the last ``event_id`` of the previous page (forces ``event_id``
    order). ``order`` is ``event_id``, ``date`` or ``-date``.
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    since: dt.date | None = None
    until: dt.date | None = None
    cameo: str | None = None
    plover: str | None = None
    quad: int | None = None
    place: str | None = None
    text: str | None = None
    limit: int | None = 100
    after: str | None = None
    article_id: str | None = None
    order: str = "event_id"


def _side(side: str) -> str:
    """SQL matching one side of a dyad against a parameter at country level."""
    return (
        f"(upper({side}_country) = upper(?) OR "
        f"({side}_country IS NULL AND starts_with(upper({side}_code), upper(?))))"
    )


def _actor(side: str) -> str:
    return (
        f"(starts_with(upper({side}_code), upper(?)) OR upper({side}_country) = upper(?) "
        f"OR contains(lower({side}_name), lower(?)))"
    )


def event_sql(q: EventQuery) -> tuple[str, list[object]]:
    """``SELECT`` of the events matching ``q``, and its parameters."""
    where: list[str] = []
    params: list[object] = []
    if q.actor:
        where.append(f"({_actor('source')} OR {_actor('target')})")
        params += [q.actor] * 6
    if q.dyad:
        a, b = q.dyad
        forward = f"({_side('source')} AND {_side('target')})"
        if q.directed:
            where.append(forward)
            params += [a, a, b, b]
        else:
            where.append(f"({forward} OR {forward})")
            params += [a, a, b, b, b, b, a, a]
    if q.since:
        where.append("coalesce(date, published) >= ?")
        params.append(q.since)
    if q.until:
        where.append("coalesce(date, published) <= ?")
        params.append(q.until)
    if q.cameo:
        where.append("starts_with(cameo, ?)")
        params.append(q.cameo)
    if q.plover:
        where.append("upper(plover) = upper(?)")
        params.append(q.plover)
    if q.quad is not None:
        where.append("quad_class = ?")
        params.append(q.quad)
    if q.place:
        where.append(
            "(lower(location_name) = lower(?) OR lower(location_text) = lower(?) "
            "OR upper(location_country) = upper(?))"
        )
        params += [q.place] * 3
    if q.text:
        where.append("contains(lower(evidence_sentence), lower(?))")
        params.append(q.text)
    if q.article_id:
        where.append("article_id = ?")
        params.append(q.article_id)
    if q.after:
        where.append("event_id > ?")
        params.append(q.after)
    order = "event_id" if q.after else _ORDERS.get(q.order)
    if order is None:
        raise StoreError(f"unknown order {q.order!r}", hint=f"use one of {', '.join(_ORDERS)}")
    sql = f"SELECT {', '.join(EVENT_COLUMNS)} FROM events"
    if where:
        sql += " WHERE " + " AND ".join(where)
    sql += f" ORDER BY {order}"
    if q.limit is not None:
        sql += " LIMIT ?"
        params.append(max(0, int(q.limit)))
    return sql, params
