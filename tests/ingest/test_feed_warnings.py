"""Issue #15: feed items that lose something say so. An unreadable RSS date is one warning
naming the feed and item (the article is kept, without a date or with ``--date``); an item
whose only text is the residue of an entity-expansion ("billion laughs") feed is dropped with
one warning, never stored as a junk article ``&lol9``."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import pytest

from casus.errors import InputError, InputWarning
from casus.ingest import iter_articles
from casus.model import Article
from casus.settings import Settings
from tests._builders.cli import run_casus

BAD_DATE = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Test Feed</title>
<item><title>Talks in Oslo</title><guid>a1</guid><pubDate>Friday, 32 Foo 2025 25:61</pubDate>
<description>Norway hosted talks with Kenya on Tuesday, officials said.</description></item>
<item><title>Good</title><guid>a2</guid><pubDate>Tue, 10 Jun 2025 10:00:00 GMT</pubDate>
<description>Peru criticised Ghana on Tuesday, officials said.</description></item>
</channel></rss>
"""

LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>Laughs</title>
<item><title>&lol9;</title><description>&lol9;</description></item>
<item><title>Real</title>
<description>Peru criticised Ghana on Tuesday, officials said.</description></item>
</channel></rss>
"""


def _read(path: Path, **kw: object) -> tuple[list[Article | InputError], list[str]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        items = list(iter_articles([path], settings=Settings(), **kw))  # type: ignore[arg-type]
    return items, [str(w.message) for w in caught if issubclass(w.category, InputWarning)]


def test_feed_unreadable_date_is_one_warning_naming_the_item(tmp_path: Path) -> None:
    feed = tmp_path / "news.xml"
    feed.write_text(BAD_DATE)
    items, said = _read(feed)
    assert [(a.id, a.date) for a in items if isinstance(a, Article)] == [
        ("a1", None),
        ("a2", dt.date(2025, 6, 10)),
    ]
    assert said == [f"{feed}#1: unreadable date 'Friday, 32 Foo 2025 25:61': stored without a date"]


def test_feed_unreadable_date_with_default_date_says_so(tmp_path: Path) -> None:
    feed = tmp_path / "news.xml"
    feed.write_text(BAD_DATE)
    items, said = _read(feed, default_date=dt.date(2025, 6, 1))
    assert [a.date for a in items if isinstance(a, Article)] == [
        dt.date(2025, 6, 1),
        dt.date(2025, 6, 10),
    ]
    assert len(said) == 1 and said[0].endswith("given --date 2025-06-01")


def test_feed_entity_expansion_item_is_dropped_with_a_warning(tmp_path: Path) -> None:
    feed = tmp_path / "lol.xml"
    feed.write_text(LAUGHS)
    items, said = _read(feed)
    assert [a.title for a in items if isinstance(a, Article)] == ["Real"]
    assert not [i for i in items if isinstance(i, InputError)]
    assert said == [f"{feed}#1: feed item has no real text ('&lol9'): dropped"]


@pytest.mark.model
def test_cli_prints_feed_warnings_one_line_each(tmp_path: Path) -> None:
    (tmp_path / "lol.xml").write_text(LAUGHS)
    (tmp_path / "news.xml").write_text(BAD_DATE)
    result = run_casus("code", "lol.xml", "news.xml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert lines == [
        "warning: lol.xml#1: feed item has no real text ('&lol9'): dropped",
        "warning: news.xml#1: unreadable date 'Friday, 32 Foo 2025 25:61': stored without a date",
    ]
    assert "&lol9" not in result.stdout
