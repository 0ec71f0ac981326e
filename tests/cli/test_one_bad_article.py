"""Issue #15, item 1: an article whose coding raises is one error naming it; the other
articles of the same run are coded and stored. (A text over spaCy's ``max_length`` no longer
raises: ingest parses it in parts, #14; so a fault is injected into the actors stage for one
article, the real stages code the others.)"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import pytest

from casus import batch
from casus.cli.jobs import code_items, ingest_items
from casus.errors import CasusError
from casus.model import Article
from casus.pipeline import Coder
from casus.store import Store

GOOD = "Israeli jets struck a depot near Tehran on Friday, the army said."


@pytest.fixture(autouse=True)
def _poisoned(monkeypatch: pytest.MonkeyPatch) -> None:
    import casus.pipeline

    real = casus.pipeline.actors.resolve

    def resolve(article: Article, index: object) -> Article:
        if article.id == "huge-1":
            raise ValueError("injected fault")
        return real(article, index)  # type: ignore[arg-type]

    monkeypatch.setattr(casus.pipeline.actors, "resolve", resolve)


def _articles(coder: Coder) -> list[Article]:
    huge = "Word " * 1000
    return [
        Article(id="good-1", text=GOOD),
        Article(id="huge-1", text=huge),
        Article(id="good-2", text="Egypt offered to mediate between Israel and Hamas."),
    ]


@pytest.mark.model
def test_ingest_stores_the_good_articles_of_a_run_with_a_too_long_one(
    coder: Coder, tmp_db: Path
) -> None:
    errors: list[CasusError] = []
    store = Store(tmp_db)
    result = ingest_items(_articles(coder), coder, store, on_error=errors.append)
    assert [e.where for e in errors] == ["huge-1"]
    assert "\n" not in str(errors[0]) and "ValueError" in str(errors[0])
    assert (result.read, result.stored, result.errors) == (3, 2, 1)
    assert sorted(a.id for a in store.articles()) == ["good-1", "good-2"]


@pytest.mark.model
def test_code_items_skips_only_the_bad_article(coder: Coder) -> None:
    errors: list[CasusError] = []
    coded = list(code_items(_articles(coder), coder, on_error=errors.append))
    assert [a.id for a in coded] == ["good-1", "good-2"]
    assert [e.where for e in errors] == ["huge-1"]


@pytest.mark.model
def test_batch_partition_records_the_bad_article_and_finishes(coder: Coder, tmp_path: Path) -> None:
    result = batch.code_partition("000000-test", _articles(coder), str(tmp_path), coder=coder)
    assert [aid for aid, _ in result.failed] == ["huge-1"]
    assert result.to_dict()["failed"][0]["id"] == "huge-1"
    ids = sorted(
        row["id"]
        for file in tmp_path.glob("articles/*/*.parquet")
        for row in pq.read_table(file).to_pylist()
    )
    assert ids == ["good-1", "good-2"]
