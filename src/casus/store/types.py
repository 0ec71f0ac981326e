"""Result types of the store (re-exported by :mod:`casus.store`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ArticleSummary", "DyadCount", "RunCounts", "Stats"]


@dataclass(frozen=True, slots=True)
class RunCounts:
    """What a run did, for :meth:`Store.finish_run`."""

    articles: int = 0
    events: int = 0
    errors: int = 0


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """One line of ``casus articles``."""

    id: str
    date: dt.date | None
    outlet: str | None
    title: str | None
    origin: str | None
    n_sentences: int
    n_events: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "date": self.date.isoformat() if self.date else None,
            "outlet": self.outlet,
            "title": self.title,
            "origin": self.origin,
            "n_sentences": self.n_sentences,
            "n_events": self.n_events,
        }


@dataclass(frozen=True, slots=True)
class DyadCount:
    """How many events a pair of actors (country level) has."""

    a: str
    b: str
    events: int
    first: dt.date | None
    last: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "events": self.events,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
        }


@dataclass(frozen=True, slots=True)
class Stats:
    """What the database holds (``casus stats``)."""

    path: str
    articles: int
    sentences: int
    events: int
    runs: int
    first_date: dt.date | None
    last_date: dt.date | None
    by_quad: tuple[tuple[int, int], ...] = field(default=())
    top_codes: tuple[tuple[str, int], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "articles": self.articles,
            "sentences": self.sentences,
            "events": self.events,
            "runs": self.runs,
            "first_date": self.first_date.isoformat() if self.first_date else None,
            "last_date": self.last_date.isoformat() if self.last_date else None,
            "by_quad": {str(q): n for q, n in self.by_quad},
            "top_codes": {c: n for c, n in self.top_codes},
        }
