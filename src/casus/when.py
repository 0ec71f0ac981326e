"""When stage (issue #5): event dates resolved against the publication date. STUB."""

from __future__ import annotations

from .model import Article

__all__ = ["date_events"]


def date_events(article: Article) -> Article:
    return article
