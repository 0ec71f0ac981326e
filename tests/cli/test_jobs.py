"""The read → code → store loop with a stand-in coder: errors are reported and skipped."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from casus.cli.jobs import code_items, ingest_items
from casus.errors import CasusError, CodingError, InputError
from casus.model import Article
from casus.settings import Settings
from casus.store import Store
from tests._builders.store import article, corpus


@dataclass
class _Lexicon:
    version: str = "test-lexicon"


@dataclass
class _Parser:
    model_version: str = "fake-model"


@dataclass
class FakeCoder:
    """Returns pre-coded articles by id; fails a whole call if it contains a ``bad`` id."""

    settings: Settings
    coded: dict[str, Article]
    lexicon: _Lexicon = field(default_factory=_Lexicon)
    parser: _Parser = field(default_factory=_Parser)
    calls: int = 0

    def code(self, articles: Iterable[Article]) -> Iterator[Article]:
        self.calls += 1
        batch = list(articles)
        if any(a.id.startswith("bad") for a in batch):
            raise CodingError("stage exploded")
        for a in batch:
            yield self.coded.get(a.id, a)


def _items() -> list[Article | InputError]:
    raw = [replace(a, events=(), sentences=()) for a in corpus()]
    return [
        raw[0],
        InputError("empty file", where="inbox/empty.txt"),
        article("bad-1", ["This one breaks the coder."]),
        raw[1],
        raw[2],
    ]


def test_cli_jobs_ingest_reports_errors_and_stores_the_rest(tmp_db: Path) -> None:
    settings = Settings.load(store_batch_size=2, nlp_batch_size=10)
    coder = FakeCoder(settings, {a.id: a for a in corpus()})
    errors: list[CasusError] = []
    seen: list[str] = []
    store = Store(tmp_db)
    result = ingest_items(
        _items(),
        coder,  # type: ignore[arg-type]
        store,
        on_error=errors.append,
        on_article=lambda a: seen.append(a.id),
    )
    assert [str(e) for e in errors] == ["inbox/empty.txt: empty file", "bad-1: stage exploded"]
    assert (result.read, result.stored, result.events, result.errors) == (4, 3, 5, 2)
    assert seen == ["a1", "b2", "c3"]
    assert [a.id for a in store.articles()] == ["a1", "b2", "c3"]
    runs = store.query("SELECT lexicon_version, model, n_articles, n_errors FROM runs")
    assert runs == [
        {"lexicon_version": "test-lexicon", "model": "fake-model", "n_articles": 3, "n_errors": 2}
    ]


def test_cli_jobs_code_items_keeps_order_without_a_store() -> None:
    settings = Settings.load(nlp_batch_size=2)
    coder = FakeCoder(settings, {a.id: a for a in corpus()})
    errors: list[CasusError] = []
    coded = list(code_items(_items(), coder, on_error=errors.append))  # type: ignore[arg-type]
    assert [a.id for a in coded] == ["a1", "b2", "c3"]
    assert sum(len(a.events) for a in coded) == 5
    assert len(errors) == 2
