"""The loops behind ``casus code``, ``casus ingest`` and ``casus demo``: read → code → store.

Bad input never stops a run: read errors arrive inline from ``ingest.iter_articles`` and a
coding failure is retried article by article, so only the article at fault is reported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import CasusError, InputError, StoreError, coding_failure
from ..model import Article

if TYPE_CHECKING:
    from ..pipeline import Coder
    from ..store import Store

__all__ = ["IngestResult", "code_items", "ingest_items"]

OnError = Callable[[CasusError], None]
OnArticle = Callable[[Article], None]


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What an ingest run did."""

    run_id: str
    read: int
    stored: int
    events: int
    errors: int
    unchanged: int = 0
    """Articles stored before with the same text by the same coder version: not re-coded."""
    kept: int = 0
    """Coded articles NOT stored because the database stayed locked past the wait: kept in
    ``<db>.pending/`` for the next writing command (see :meth:`Store.keep`)."""
    resumed: int = 0
    """Articles kept by earlier runs that this run stored first."""


def _ignore(_: object) -> None:
    return None


class _Counter:
    """Counts and reports what passes between the reader and the coder."""

    def __init__(self, on_error: OnError) -> None:
        self.on_error = on_error
        self.read = 0
        self.errors = 0

    def articles(self, items: Iterable[Article | InputError]) -> Iterator[Article]:
        for item in items:
            if isinstance(item, InputError):
                self.fail(item)
            else:
                self.read += 1
                yield item

    def fail(self, err: CasusError) -> None:
        self.errors += 1
        self.on_error(err)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _code(coder: Coder, articles: Iterable[Article], counter: _Counter) -> Iterator[Article]:
    """Code in chunks of ``nlp_batch_size``; if a chunk fails (any exception: spaCy raises
    ``ValueError`` on a text over its ``max_length``), code its articles one by one so that
    only the failing article is reported and skipped."""
    for chunk in _chunks(articles, max(1, coder.settings.nlp_batch_size)):
        try:
            coded = list(coder.code(chunk))
        except Exception:  # one bad article must not abort the run
            coded = []
            for article in chunk:
                try:
                    coded.extend(coder.code([article]))
                except Exception as exc:
                    counter.fail(coding_failure(article.id, exc))
        yield from coded


def code_items(
    items: Iterable[Article | InputError],
    coder: Coder,
    *,
    on_error: OnError = _ignore,
) -> Iterator[Article]:
    """Coded articles from reader output; each error goes to ``on_error``."""
    counter = _Counter(on_error)
    yield from _code(coder, counter.articles(items), counter)


class _Sink:
    """Writes batches to the store. When the database stays locked past the store's wait,
    each batch from then on is kept under ``<db>.pending/`` instead: coded work is never
    dropped, and the run does not wait again for every batch."""

    def __init__(self, store: Store, run_id: str) -> None:
        self.store = store
        self.run_id = run_id
        self.locked = False
        self.stored = self.kept = self.events = self.kept_events = 0

    def write(self, batch: list[Article]) -> None:
        if not self.locked:
            try:
                self.stored += self.store.write(batch, run_id=self.run_id)
                self.events += sum(len(a.events) for a in batch)
                return
            except StoreError as err:
                if err.reason != "locked":
                    raise
                self.locked = True
        self.store.keep(batch, run_id=self.run_id)
        self.kept += len({a.id for a in batch})
        self.kept_events += sum(len(a.events) for a in batch)

    def unchanged(self, article: Article) -> bool:
        if self.locked:
            return False
        try:
            return self.store.unchanged(article, self.run_id)
        except StoreError as err:
            if err.reason != "locked":
                raise
            self.locked = True
            return False

    def finish(self, errors: int) -> None:
        """The run's ``runs`` row; kept for later with the batches when locked (its counts
        then include the kept articles, stored by the same later command)."""
        from ..store import RunCounts

        if not self.locked:
            try:
                self.store.finish_run(self.run_id, RunCounts(self.stored, self.events, errors))
                return
            except StoreError as err:
                if err.reason != "locked":
                    raise
        counts = RunCounts(self.stored + self.kept, self.events + self.kept_events, errors)
        self.store.keep_finish(self.run_id, counts)


def ingest_items(
    items: Iterable[Article | InputError],
    coder: Coder,
    store: Store,
    *,
    command: str = "ingest",
    on_error: OnError = _ignore,
    on_article: OnArticle = _ignore,
) -> IngestResult:
    """Read, code and store; one transaction per ``store_batch_size`` articles, one ``runs``
    row for the whole run. Articles already stored are replaced, never duplicated.

    Articles kept by earlier runs that found the database locked are stored first. If the
    database stays locked longer than the store's ``lock_timeout`` during the run, coded
    articles are kept for later (``IngestResult.kept``) rather than lost."""
    settings = coder.settings
    counter = _Counter(on_error)
    run_id = store.start_run(
        settings, coder.lexicon.version, command=command, model=coder.parser.model_version
    )
    resumed = store.write_pending()
    sink = _Sink(store, run_id)
    same: list[Article] = []

    def changed(articles: Iterable[Article]) -> Iterator[Article]:
        for article in articles:
            if sink.unchanged(article):
                same.append(article)
            else:
                yield article

    batch: list[Article] = []
    for article in _code(coder, changed(counter.articles(items)), counter):
        batch.append(article)
        on_article(article)
        if len(batch) >= max(1, settings.store_batch_size):
            sink.write(batch)
            batch = []
    if batch:
        sink.write(batch)
    sink.finish(counter.errors)
    return IngestResult(
        run_id=run_id,
        read=counter.read,
        stored=sink.stored,
        events=sink.events,
        errors=counter.errors,
        unchanged=len(same),
        kept=sink.kept,
        resumed=resumed,
    )
