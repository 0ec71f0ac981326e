"""The rows a batch of coded articles adds to the three tables, and the one transaction that
writes them (private helper of :mod:`casus.store.db`; also used for kept batches, ``pending``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ..model import Article
from .arrow import ARTICLES_SCHEMA, EVENTS_SCHEMA, SENTENCES_SCHEMA
from .conn import rollback
from .records import EVENT_COLUMNS, event_row

__all__ = ["now", "replace_articles", "tables"]


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def tables(articles: Sequence[Article], run_id: str | None) -> dict[str, pa.Table]:
    """The rows of ``articles`` for the three tables (the last copy of a repeated id wins)."""
    batch = list({a.id: a for a in articles}.values())
    coded_at = now()
    article_rows: list[tuple[Any, ...]] = []
    sentence_rows: list[tuple[Any, ...]] = []
    event_rows: list[tuple[Any, ...]] = []
    for article in batch:
        events = list({e.event_id: e for e in reversed(article.events)}.values())
        events.reverse()
        article_rows.append(
            (
                article.id,
                article.title,
                article.text,
                article.date,
                article.url,
                article.outlet,
                article.origin,
                len(article.sentences),
                len(events),
                coded_at,
                run_id,
            )
        )
        sentence_rows.extend(
            (article.id, s.index, s.start, s.end, s.text) for s in article.sentences
        )
        event_rows.extend(event_row(e, published=article.date, run_id=run_id) for e in events)
    return {
        "articles": _arrow(article_rows, ARTICLES_SCHEMA),
        "sentences": _arrow(sentence_rows, SENTENCES_SCHEMA),
        "events": _arrow(event_rows, EVENTS_SCHEMA),
    }


def replace_articles(con: duckdb.DuckDBPyConnection, tables: Mapping[str, pa.Table]) -> None:
    """ONE transaction: the articles of ``tables`` replace their earlier copies."""
    names = {f"_casus_{t}": table for t, table in tables.items()}
    for name, table in names.items():
        con.register(name, table)
    try:
        con.execute("BEGIN TRANSACTION")
        ids = "SELECT id FROM _casus_articles"
        con.execute(f"DELETE FROM events WHERE article_id IN ({ids})")
        con.execute("DELETE FROM events WHERE event_id IN (SELECT event_id FROM _casus_events)")
        con.execute(f"DELETE FROM sentences WHERE article_id IN ({ids})")
        con.execute(f"DELETE FROM articles WHERE id IN ({ids})")
        con.execute("INSERT INTO articles SELECT * FROM _casus_articles")
        con.execute("INSERT INTO sentences SELECT * FROM _casus_sentences")
        cols = ", ".join(EVENT_COLUMNS)
        con.execute(f"INSERT INTO events ({cols}) SELECT {cols} FROM _casus_events")
        con.execute("COMMIT")
    except BaseException:
        rollback(con)
        raise
    finally:
        for name in names:
            con.unregister(name)


def _arrow(rows: list[tuple[Any, ...]], schema: pa.Schema) -> pa.Table:
    columns = [pa.array([r[i] for r in rows], type=f.type) for i, f in enumerate(schema)]
    return pa.Table.from_arrays(columns, schema=schema)
