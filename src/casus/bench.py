"""``casus bench``: code a corpus end to end and time every stage.

Each repeat reads the corpus (``ingest.iter_articles``), then, a batch of
``settings.store_batch_size`` articles at a time, runs the stages the pipeline runs
(:meth:`casus.pipeline.Coder.code`) one by one with a clock around each: NLP
(``parser.parse``), actors, events, when + where, and the store (a temporary DuckDB file).
It then measures the floor of this design on the same texts: the spaCy tokenizer alone and
the full spaCy pipeline alone (no conversion to casus types, no coding). Stage times are the
median over repeats. Peak memory is the process's peak resident set size.
"""

from __future__ import annotations

import os
import platform
import resource
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any, TypeVar

from . import __version__, actors, events, when, where
from .errors import InputError
from .model import Article
from .nlp import spacy_version
from .pipeline import Coder
from .settings import Settings

__all__ = [
    "STAGES",
    "BenchResult",
    "Machine",
    "StageTime",
    "format_bench",
    "machine_info",
    "run_bench",
]

STAGES = ("read", "nlp", "actors", "events", "when_where", "store")

_T = TypeVar("_T")


@dataclass(frozen=True, slots=True)
class Machine:
    cores: int
    """Logical CPUs this process may run on."""
    cpu: str
    python: str
    spacy: str
    model: str
    casus: str
    system: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "cores": self.cores,
            "cpu": self.cpu,
            "python": self.python,
            "spacy": self.spacy,
            "model": self.model,
            "casus": self.casus,
            "system": self.system,
        }


@dataclass(frozen=True, slots=True)
class StageTime:
    """Wall-clock seconds of a stage, and the CPU seconds this process spent in it (on a
    shared machine the CPU time is the steadier number)."""

    name: str
    seconds: float
    cpu_seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class BenchResult:
    """What ``casus bench`` measured. Times are seconds (median over ``repeat`` runs)."""

    corpus: tuple[str, ...]
    machine: Machine
    repeat: int
    n_articles: int
    n_sentences: int
    n_words: int
    n_events: int
    n_input_errors: int
    load_seconds: float
    stages: tuple[StageTime, ...]
    tokenizer_seconds: float
    spacy_seconds: float
    peak_rss_mb: float
    tokenizer_cpu_seconds: float = 0.0
    spacy_cpu_seconds: float = 0.0
    parsed_share: float = 1.0
    """Share of sentences that went through tagger and parser (below 1 in parse-less mode)."""

    @property
    def spacy_ratio(self) -> float:
        """End-to-end words per CPU second over those of the full spaCy pipeline alone."""
        floor = self.spacy_words_per_cpu_s
        return self.words_per_cpu_s / floor if floor else 0.0

    @property
    def total_seconds(self) -> float:
        return sum(s.seconds for s in self.stages)

    @property
    def total_cpu_seconds(self) -> float:
        return sum(s.cpu_seconds for s in self.stages)

    def _rate(self, n: int, seconds: float) -> float:
        return n / seconds if seconds > 0 else 0.0

    @property
    def articles_per_s(self) -> float:
        return self._rate(self.n_articles, self.total_seconds)

    @property
    def sentences_per_s(self) -> float:
        return self._rate(self.n_sentences, self.total_seconds)

    @property
    def words_per_s(self) -> float:
        return self._rate(self.n_words, self.total_seconds)

    @property
    def words_per_cpu_s(self) -> float:
        return self._rate(self.n_words, self.total_cpu_seconds)

    @property
    def tokenizer_words_per_s(self) -> float:
        return self._rate(self.n_words, self.tokenizer_seconds)

    @property
    def spacy_words_per_s(self) -> float:
        return self._rate(self.n_words, self.spacy_seconds)

    @property
    def tokenizer_words_per_cpu_s(self) -> float:
        return self._rate(self.n_words, self.tokenizer_cpu_seconds)

    @property
    def spacy_words_per_cpu_s(self) -> float:
        return self._rate(self.n_words, self.spacy_cpu_seconds)

    def to_dict(self) -> dict[str, Any]:
        return {
            "corpus": list(self.corpus),
            "machine": self.machine.to_dict(),
            "repeat": self.repeat,
            "articles": self.n_articles,
            "sentences": self.n_sentences,
            "words": self.n_words,
            "events": self.n_events,
            "input_errors": self.n_input_errors,
            "load_seconds": round(self.load_seconds, 3),
            "total_seconds": round(self.total_seconds, 3),
            "total_cpu_seconds": round(self.total_cpu_seconds, 3),
            "articles_per_s": round(self.articles_per_s, 2),
            "sentences_per_s": round(self.sentences_per_s, 1),
            "words_per_s": round(self.words_per_s, 0),
            "words_per_cpu_s": round(self.words_per_cpu_s, 0),
            "stages": {s.name: round(s.seconds, 3) for s in self.stages},
            "stages_cpu": {s.name: round(s.cpu_seconds, 3) for s in self.stages},
            "floor": {
                "tokenizer_words_per_s": round(self.tokenizer_words_per_s, 0),
                "spacy_words_per_s": round(self.spacy_words_per_s, 0),
                "tokenizer_words_per_cpu_s": round(self.tokenizer_words_per_cpu_s, 0),
                "spacy_words_per_cpu_s": round(self.spacy_words_per_cpu_s, 0),
            },
            "peak_rss_mb": round(self.peak_rss_mb, 1),
            "spacy_ratio": round(self.spacy_ratio, 3),
            "parsed_share": round(self.parsed_share, 4),
        }


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.lower().startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def machine_info(model: str = "") -> Machine:
    """The machine and software versions a benchmark ran on."""
    return Machine(
        cores=_cores(),
        cpu=_cpu_model(),
        python=platform.python_version(),
        spacy=spacy_version(),
        model=model,
        casus=__version__,
        system=f"{platform.system()} {platform.release()}",
    )


def peak_rss_mb() -> float:
    """Peak resident set size of this process so far, in MiB (Linux reports KiB)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if platform.system() == "Darwin" else rss / 1024


def _chunks(items: Sequence[_T], size: int) -> Iterator[Sequence[_T]]:
    for i in range(0, len(items), max(size, 1)):
        yield items[i : i + max(size, 1)]


class _Clock:
    """Accumulates wall and CPU seconds per stage for one repeat."""

    def __init__(self) -> None:
        self.seconds = dict.fromkeys(STAGES, 0.0)
        self.cpu = dict.fromkeys(STAGES, 0.0)

    def run(self, stage: str, fn: Callable[[], _T]) -> _T:
        start, cpu = time.perf_counter(), time.process_time()
        out = fn()
        self.seconds[stage] += time.perf_counter() - start
        self.cpu[stage] += time.process_time() - cpu
        return out


@dataclass(frozen=True, slots=True)
class _Run:
    clock: _Clock
    articles: list[Article]
    """The articles as read (not parsed: coded batches are dropped after the store)."""
    n_sentences: int
    n_events: int
    n_errors: int


def _read(paths: Sequence[str], settings: Settings, limit: int | None) -> tuple[list[Article], int]:
    from .ingest import iter_articles

    errors = 0

    def good() -> Iterator[Article]:
        nonlocal errors
        for item in iter_articles(paths, settings=settings):
            if isinstance(item, InputError):
                errors += 1
            else:
                yield item

    return list(islice(good(), limit)), errors


def _code_batch(coder: Coder, batch: Sequence[Article], clock: _Clock) -> list[Article]:
    parsed = clock.run("nlp", lambda: list(coder.parser.parse(batch)))
    resolved = clock.run(
        "actors",
        lambda: [
            where.place_crowds(actors.resolve(a, coder.actors), coder.gazetteer) for a in parsed
        ],
    )
    coded = clock.run("events", lambda: [events.extract(a, coder.lexicon) for a in resolved])
    return clock.run(
        "when_where",
        lambda: [where.locate_events(when.date_events(a), coder.gazetteer) for a in coded],
    )


def _one_run(coder: Coder, paths: Sequence[str], limit: int | None, store: bool) -> _Run:
    from .store import Store

    clock = _Clock()
    articles, errors = clock.run("read", lambda: _read(paths, coder.settings, limit))
    if not articles:
        raise InputError("no article could be read", where=", ".join(paths))
    n_sentences = n_events = 0
    with tempfile.TemporaryDirectory(prefix="casus-bench-") as tmp:
        db = clock.run("store", lambda: Store(Path(tmp) / "bench.duckdb")) if store else None
        try:
            for batch in _chunks(articles, coder.settings.store_batch_size):
                coded = _code_batch(coder, batch, clock)
                if db is not None:
                    clock.run("store", partial(db.write, coded))
                n_sentences += sum(len(a.sentences) for a in coded)
                n_events += sum(len(a.events) for a in coded)
        finally:
            if db is not None:
                db.close()
    return _Run(clock, articles, n_sentences, n_events, errors)


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn()``."""
    start, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - start, time.process_time() - cpu


def _floors(coder: Coder, texts: Sequence[str]) -> tuple[tuple[float, float], tuple[float, float]]:
    tok = _timed(lambda: sum(coder.parser.tokenize_only(texts)))
    full = _timed(lambda: sum(coder.parser.pipe_only(texts)))
    return tok, full


def _words(texts: Iterable[str]) -> int:
    return sum(len(t.split()) for t in texts)


def run_bench(
    paths: Sequence[str],
    *,
    limit: int | None = None,
    repeat: int = 1,
    settings: Settings | None = None,
    coder: Coder | None = None,
    store: bool = True,
    floors: bool = True,
) -> BenchResult:
    """Code ``paths`` ``repeat`` times, timing each stage; then the spaCy floors.

    ``limit`` keeps the first N readable articles. ``coder`` reuses a loaded pipeline
    (its load time is then reported as 0). ``store=False`` skips the database stage.
    """
    if repeat < 1:
        raise InputError("--repeat must be at least 1")
    if limit is not None and limit < 1:
        raise InputError("--limit must be at least 1")
    start = time.perf_counter()
    loaded = coder or Coder(settings or Settings.load())
    # everything the coder loads lazily is loaded here, once, and counted as load time, not
    # in the first stage that happens to need it (the gazetteer in when_where)
    _ = loaded.actors, loaded.lexicon, loaded.gazetteer
    load_seconds = 0.0 if coder else time.perf_counter() - start
    seen0, parsed0 = loaded.parser.sentences_seen, loaded.parser.sentences_parsed
    runs: list[_Run] = []
    tok: list[tuple[float, float]] = []
    full: list[tuple[float, float]] = []
    for _ in range(repeat):
        run = _one_run(loaded, paths, limit, store)
        runs.append(run)
        if floors:
            t, f = _floors(loaded, [a.text for a in run.articles])
            tok.append(t)
            full.append(f)
    last = runs[-1]
    seen = loaded.parser.sentences_seen - seen0
    parsed_share = (loaded.parser.sentences_parsed - parsed0) / seen if seen else 1.0

    def median(values: Iterable[float]) -> float:
        values = list(values)
        return statistics.median(values) if values else 0.0

    stages = tuple(
        StageTime(
            name,
            median(r.clock.seconds[name] for r in runs),
            median(r.clock.cpu[name] for r in runs),
        )
        for name in STAGES
        if store or name != "store"
    )
    return BenchResult(
        corpus=tuple(paths),
        machine=machine_info(loaded.parser.model_version),
        repeat=repeat,
        n_articles=len(last.articles),
        n_sentences=last.n_sentences,
        n_words=_words(a.text for a in last.articles),
        n_events=last.n_events,
        n_input_errors=last.n_errors,
        load_seconds=load_seconds,
        stages=stages,
        tokenizer_seconds=median(t[0] for t in tok),
        spacy_seconds=median(f[0] for f in full),
        peak_rss_mb=peak_rss_mb(),
        tokenizer_cpu_seconds=median(t[1] for t in tok),
        spacy_cpu_seconds=median(f[1] for f in full),
        parsed_share=parsed_share,
    )


def format_bench(r: BenchResult) -> str:
    """The plain-text report ``casus bench`` prints."""
    m = r.machine
    total, cpu = r.total_seconds, r.total_cpu_seconds
    lines = [
        f"machine: {m.cores} cores, {m.cpu}; {m.system}",
        f"software: casus {m.casus}, Python {m.python}, spaCy {m.spacy}, model {m.model}",
        f"corpus: {', '.join(r.corpus)}",
        f"{r.n_articles} articles, {r.n_sentences} sentences, {r.n_words} words, "
        f"{r.n_events} events, {r.n_input_errors} unreadable; median of {r.repeat} run(s)",
        f"model load: {r.load_seconds:.1f} s (not counted below)",
        "",
        f"{'stage':<12} {'wall s':>8} {'share':>6} {'CPU s':>8}",
    ]
    for s in r.stages:
        share = 100 * s.seconds / total if total else 0.0
        lines.append(f"{s.name:<12} {s.seconds:>8.2f} {share:>5.1f}% {s.cpu_seconds:>8.2f}")
    lines += [
        f"{'total':<12} {total:>8.2f} {'':>6} {cpu:>8.2f}",
        "",
        f"throughput: {r.articles_per_s:.1f} articles/s, {r.sentences_per_s:.0f} sentences/s, "
        f"{r.words_per_s:,.0f} words/s ({r.words_per_cpu_s:,.0f} words per CPU second)",
    ]
    if r.tokenizer_seconds or r.spacy_seconds:
        lines += [
            "floor on the same text, words/s (words per CPU second):",
            f"  spaCy tokenizer alone     {r.tokenizer_words_per_s:>10,.0f}"
            f" ({r.tokenizer_words_per_cpu_s:,.0f})",
            f"  full spaCy pipeline alone {r.spacy_words_per_s:>10,.0f}"
            f" ({r.spacy_words_per_cpu_s:,.0f})",
            f"end to end / full spaCy pipeline alone, words per CPU second: {r.spacy_ratio:.2f}x",
        ]
    lines.append(f"sentences parsed (tagger, parser, NER): {100 * r.parsed_share:.1f}%")
    lines.append(f"peak resident memory: {r.peak_rss_mb:.0f} MiB")
    return "\n".join(lines)
