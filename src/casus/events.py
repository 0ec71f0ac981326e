"""Events stage (issue #4): CAMEO/PLOVER coding from the dependency parse. STUB."""

from __future__ import annotations

from dataclasses import dataclass

from .model import Article

__all__ = ["Lexicon", "extract"]


@dataclass(frozen=True)
class Lexicon:
    """Event triggers and the CAMEO table, loaded once from the package's data files."""

    version: str = "0"

    @classmethod
    def load(cls) -> Lexicon:
        return cls()


def extract(article: Article, lexicon: Lexicon) -> Article:
    return article
