"""Benchmark of the event store (issue #2): batch writes, re-writes and reads.

    .venv/bin/python benchmarks/bench_store.py [--articles 20000] [--batch 200] [--db PATH]

Builds synthetic coded articles in memory (3 sentences and 4 events each, our own text), then
times ``Store.write`` in batches (one transaction each, a connection opened and closed per
batch, as ``casus ingest`` does), a second pass that replaces every article, and a few reads
through ``Store.events``. Prints a Markdown table for ``docs/BENCHMARKS.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from casus.model import Article, Event, Evidence, Participant, Sentence, make_event_id
from casus.store import EventQuery, Store

T = TypeVar("T")

_C = ["RUS", "UKR", "ISR", "IRN", "USA", "CHN", "FRA", "TUR", "QAT", "EGY"]
_CODES = [
    ("042", "04", "CONSULT", 1, 1.9),
    ("111", "11", "DISAPPROVE", 3, -2.0),
    ("190", "19", "FIGHT", 4, -10.0),
    ("057", "05", "AGREE", 1, 8.0),
]


def _article(i: int) -> Article:
    aid = f"bench-{i:07d}"
    texts = [
        f"Officials from {_C[i % 10]} met envoys of {_C[(i + 3) % 10]} on day {i}.",
        f"The talks covered trade, security and report number {i}.",
        "Both sides said they would meet again next month.",
    ]
    sentences, pos = [], 0
    for k, t in enumerate(texts):
        sentences.append(Sentence(index=k, start=pos, end=pos + len(t), text=t))
        pos += len(t) + 1
    day = dt.date(2024, 1, 1) + dt.timedelta(days=i % 700)
    events = []
    for k in range(4):
        src, tgt = _C[(i + k) % 10], _C[(i + k + 3) % 10]
        cameo, root, plover, quad, gold = _CODES[k]
        s = sentences[k % 3]
        events.append(
            Event(
                event_id=make_event_id(aid, s.index, src, cameo, tgt),
                article_id=aid,
                sentence_index=s.index,
                cameo=cameo,
                cameo_root=root,
                plover=plover,
                mode=None,
                quad_class=quad,
                goldstein=gold,
                confidence=0.8,
                date=day,
                date_precision="day",
                evidence=Evidence(s.text, s.start, s.end, "met", s.start + 20, s.start + 23),
                source=Participant(src, src, src, src, None),
                target=Participant(tgt, tgt, tgt + "GOV", tgt, "GOV"),
            )
        )
    return Article(
        id=aid,
        text=" ".join(texts),
        date=day,
        title=f"Bench {i}",
        outlet="BENCH",
        sentences=tuple(sentences),
        events=tuple(events),
    )


def _timed(label: str, fn: Callable[[], T], rows: list[tuple[str, str]]) -> T:
    start = time.perf_counter()
    result = fn()
    rows.append((label, f"{time.perf_counter() - start:.2f} s"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=200)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    db = args.db or Path(tempfile.mkdtemp()) / "bench.duckdb"
    articles = [_article(i) for i in range(args.articles)]
    batches = [articles[k : k + args.batch] for k in range(0, len(articles), args.batch)]
    store = Store(db)
    rows: list[tuple[str, str]] = []

    def write_all() -> None:
        for batch in batches:
            store.write(batch)

    _timed(f"write {len(articles)} articles, batches of {args.batch}", write_all, rows)
    _timed("write them all again (replace, no duplicates)", write_all, rows)
    stats = store.stats()
    assert stats.articles == len(articles) and stats.events == 4 * len(articles)
    n = _timed(
        "events --dyad RUS IRN (all rows)",
        lambda: len(store.events(EventQuery(dyad=("RUS", "IRN"), limit=None))),
        rows,
    )
    _timed(
        "events --actor ISR --since 2025-01-01 --limit 100",
        lambda: store.events(EventQuery(actor="ISR", since=dt.date(2025, 1, 1))),
        rows,
    )
    _timed("article(id) with sentences and events", lambda: store.article("bench-0001234"), rows)
    size = db.stat().st_size / 1e6
    print(
        f"{platform.processor() or platform.machine()}, Python {platform.python_version()}; "
        f"{stats.articles} articles, {stats.sentences} sentences, {stats.events} events; "
        f"file {size:.1f} MB; dyad rows {n}\n"
    )
    print("| step | time |\n| --- | --- |")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
