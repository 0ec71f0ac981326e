"""The pipeline: a loop over stage functions. :class:`Coder` owns everything loaded once
(the spaCy model, actor lists, event lexicon, gazetteer) so workers build one each."""

from __future__ import annotations

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
        self.actors = actors.ActorIndex.load()
        self.lexicon = events.Lexicon.load()
        self.gazetteer = where.Gazetteer.load()
        self.parser = Parser(
            self.settings,
            patterns=[*self.actors.entity_patterns(), *self.gazetteer.entity_patterns()],
        )

    def code(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Yield each article with sentences, mentions and fully coded events."""
        for article in self.parser.parse(articles):
            yield self.code_parsed(article)

    def code_parsed(self, article: Article) -> Article:
        """Run the stages after ``nlp`` on an already parsed article."""
        article = actors.resolve(article, self.actors)
        article = events.extract(article, self.lexicon)
        article = when.date_events(article)
        return where.locate_events(article, self.gazetteer)
