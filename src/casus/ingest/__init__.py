"""Ingest stage: files, folders and standard input → :class:`~casus.model.Article` values.

The readers live in :mod:`casus.ingest.read`; ``build``, ``bytes``, ``formats`` and ``norm`` are
its private helpers. Import the public names from here.
"""

from __future__ import annotations

from .read import (
    SUPPORTED_SUFFIXES,
    article_from_record,
    content_id,
    iter_articles,
    iter_samples,
    normalise,
    read_text_article,
    samples_dir,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "article_from_record",
    "content_id",
    "iter_articles",
    "iter_samples",
    "normalise",
    "read_text_article",
    "samples_dir",
]
