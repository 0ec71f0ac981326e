"""Actors stage (issue #4): resolve mentions to countries, sectors, IGOs and people. STUB."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article
from .nlp import EntityPattern

__all__ = ["ActorIndex", "resolve"]


@dataclass(frozen=True)
class ActorIndex:
    """Actor lists loaded once from the package's data files."""

    version: str = "0"

    @classmethod
    def load(cls) -> ActorIndex:
        return cls()

    def entity_patterns(self) -> list[EntityPattern]:
        return []


def resolve(article: Article, index: ActorIndex) -> Article:
    return article
