"""The pipeline: a loop over stage functions. :class:`Coder` owns everything loaded once
(the spaCy model, actor lists, event lexicon, gazetteer) so workers build one each.

Each table is loaded when a stage first needs it, from the compiled cache (``casus.cache``),
and then kept: a ``Coder`` shared by threads (the API server) still loads each thing once.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator

from . import actors, events, when, where
from .model import Article
from .nlp import Parser
from .settings import Settings

__all__ = ["Coder"]


class Coder:
    """Codes articles end to end: ``nlp`` → ``actors`` → ``events`` → ``when`` → ``where``."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings.load()
        self._lock = threading.Lock()
        self._actors: actors.ActorIndex | None = None
        self._lexicon: events.Lexicon | None = None
        self._gazetteer: where.Gazetteer | None = None
        cache = self.settings.cache_dir
        self.parser = Parser(
            self.settings,
            patterns=[*self.actors.entity_patterns(), *where.gazetteer_patterns(cache)],
            cues=self.lexicon.cues() if self.settings.parse_less else (),
            actor_words=self.actors.cue_words() if self.settings.parse_less else (),
            exact_words=self.actors.exact_cue_words() if self.settings.parse_less else (),
        )

    @property
    def actors(self) -> actors.ActorIndex:
        """The actor index (loaded on first use)."""
        if self._actors is None:
            with self._lock:
                if self._actors is None:
                    self._actors = actors.ActorIndex.load(cache_dir=self.settings.cache_dir)
        return self._actors

    @property
    def lexicon(self) -> events.Lexicon:
        """The event lexicon and role model (loaded on first use)."""
        if self._lexicon is None:
            with self._lock:
                if self._lexicon is None:
                    self._lexicon = events.Lexicon.load(cache_dir=self.settings.cache_dir)
        return self._lexicon

    @lexicon.setter
    def lexicon(self, value: events.Lexicon) -> None:
        """Code with another lexicon or role model (``casus train`` codes with none)."""
        self._lexicon = value

    @property
    def gazetteer(self) -> where.Gazetteer:
        """The gazetteer (loaded when the ``where`` stage first needs it)."""
        if self._gazetteer is None:
            with self._lock:
                if self._gazetteer is None:
                    self._gazetteer = where.Gazetteer.load(cache_dir=self.settings.cache_dir)
        return self._gazetteer

    def code(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Yield each article with sentences, mentions and fully coded events."""
        for article in self.parser.parse(articles):
            yield self.code_parsed(article)

    def code_parsed(self, article: Article) -> Article:
        """Run the stages after ``nlp`` on an already parsed article."""
        article = actors.resolve(article, self.actors)
        article = where.place_crowds(article, self.gazetteer)
        places = where.place_countries(article, self.gazetteer)
        article = events.extract(article, self.lexicon, places=places)
        article = when.date_events(article)
        if not article.events:
            return article  # nothing to locate: the gazetteer is not needed
        return where.locate_events(article, self.gazetteer, resolved=places.resolved)
