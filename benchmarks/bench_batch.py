"""Batch throughput: one process vs `casus batch` on 1 and 2 Dask workers (issue #8).

Usage: .venv/bin/python benchmarks/bench_batch.py [CORPUS] [--limit N]
Reads ../shared/corpus/ipe_docs.jsonl by default; says so and stops when it is missing.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

from casus import batch
from casus.model import Article
from casus.pipeline import Coder
from casus.settings import Settings

DEFAULT = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "ipe_docs.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=600)
    parser.add_argument("--partition-size", type=int, default=50)
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.exists():
        print(f"{corpus} not found: this benchmark needs ../shared/corpus beside the clone")
        return 2
    settings = Settings.load()
    items = batch.read_inputs([str(corpus)], settings=settings)
    articles = [a for a in items if isinstance(a, Article)][: args.limit]
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "subset.jsonl"
        subset.write_text(
            "\n".join(
                json.dumps({"id": a.id, "text": a.text, "date": a.date and a.date.isoformat()})
                for a in articles
            ),
            encoding="utf-8",
        )
        coder = Coder(settings)
        list(coder.code(articles[:20]))  # warm up
        t0 = time.perf_counter()
        n_events = sum(len(a.events) for a in coder.code(articles))
        single = time.perf_counter() - t0
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows = [
            ("1 process", len(articles) / single, len(articles) / single, n_events, f"{rss:.0f}")
        ]
        for workers in (1, 2):
            result = batch.run_batch(
                [str(subset)],
                Path(tmp) / f"out{workers}",
                settings=settings,
                workers=workers,
                partition_size=args.partition_size,
            )
            mem = "/".join(f"{m:.0f}" for m in result.worker_peak_rss_mb)
            wall = result.articles / result.seconds
            name = f"batch, {workers} worker(s)"
            rows.append((name, result.articles_per_second, wall, result.events, mem))
    print(f"{len(articles)} articles from {corpus.name}, partitions of {args.partition_size}")
    print(
        "| run | articles/s once workers are up | articles/s incl. start-up | events "
        "| peak RSS MiB (per worker) | speed-up (workers up) |"
    )
    print("|---|---|---|---|---|---|")
    base = rows[0][1]
    for name, rate, wall, events, mem in rows:
        print(f"| {name} | {rate:.1f} | {wall:.1f} | {events} | {mem} | {rate / base:.2f}x |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
