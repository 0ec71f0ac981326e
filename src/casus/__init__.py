"""casus: who did what to whom, when and where: political events from news text.

The public API::

    from casus import Coder, Settings, code_text

    events = code_text("Russia condemned the strikes on Monday.", date=datetime.date(2025, 6, 16))
    coder = Coder(Settings.load())          # load once, code many articles
    for article in coder.code(articles): ...

``Coder`` is imported lazily (it loads spaCy), so ``import casus`` stays fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as dt
from typing import TYPE_CHECKING, Any

from .errors import CasusError, CodingError, ConfigError, InputError, StoreError
from .model import Article, Event
from .settings import Settings

if TYPE_CHECKING:
    from .pipeline import Coder

__all__ = [
    "Article",
    "CasusError",
    "Coder",
    "CodingError",
    "ConfigError",
    "Event",
    "InputError",
    "Settings",
    "StoreError",
    "__version__",
    "code_text",
]


def __getattr__(name: str) -> Any:
    if name == "Coder":
        from .pipeline import Coder

        return Coder
    raise AttributeError(f"module 'casus' has no attribute {name!r}")


def code_text(
    text: str,
    date: dt.date | None = None,
    *,
    coder: Coder | None = None,
    article_id: str | None = None,
) -> list[Event]:
    """Code one text and return its events (CONTRACT records via ``Event.to_dict()``).

    ``date`` is the publication date that relative dates ("on Friday") resolve against.
    Pass a ``coder`` to reuse a loaded model; otherwise one is built for this call.
    """
    from .ingest import read_text_article
    from .pipeline import Coder

    coder = coder or Coder(Settings.load())
    article = read_text_article(text, origin="<text>", default_date=date, settings=coder.settings)
    if article_id:
        from dataclasses import replace

        article = replace(article, id=article_id)
    return [event for coded in coder.code([article]) for event in coded.events]
