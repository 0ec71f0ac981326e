"""Acceptance: the seed article and the messy benchmark corpus in ../shared read cleanly."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from casus.errors import InputError
from casus.ingest import iter_articles
from casus.model import Article
from casus.settings import Settings


def test_ingest_shared_seed_article(shared_dir: Path) -> None:
    items = list(iter_articles([str(shared_dir / "seed" / "article-403.txt")], settings=Settings()))
    assert len(items) == 1
    [art] = items
    assert isinstance(art, Article)
    assert art.id == "403"
    assert art.date == dt.date(2025, 6, 14)
    assert art.outlet == "MENAFN"
    assert art.title == "Putin Offers to Defuse Iran-Israel Escalating Conflict"
    first_line = art.text.split("\n", 1)[0]
    assert first_line.startswith("Russian President Vladimir Putin on Friday denounced")
    assert "(MENAFN)" not in art.text
    assert "dialogue. The Kremlin said" in art.text
    assert "\nNetanyahu’s office acknowledged the call" in art.text
    assert "·" not in art.text


def test_ingest_shared_corpus_reads_every_article(shared_dir: Path) -> None:
    path = shared_dir / "corpus" / "ipe_docs.jsonl"
    with path.open(encoding="utf-8") as fh:
        expected = sum(1 for line in fh if line.strip())
    items = list(iter_articles([str(path)], settings=Settings()))
    errors = [str(i) for i in items if isinstance(i, InputError)]
    assert errors == []
    arts = [i for i in items if isinstance(i, Article)]
    assert len(arts) == expected
    assert len({a.id for a in arts}) == expected
    assert all(a.date is not None for a in arts)
    # The double-decoded UTF-8 of this corpus is repaired.
    joined = "\n".join(a.text for a in arts)
    assert "â€" not in joined
    assert "‘bhoomi pujan’" in joined
