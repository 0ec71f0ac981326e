"""Batch coding at scale on Dask (issue #8): the only module that imports Dask.

The input stream (files, folders, JSONL, or Parquet with ``id,text,date`` columns) is cut into
partitions of ``partition_size`` articles in input order; each partition gets a deterministic
id from its position and its article ids. Workers run the same :class:`~casus.pipeline.Coder`
as ``casus ingest`` (one per worker process, built by a worker plugin) and write events and
articles as Parquet partitioned by month, each file written atomically under a name fixed by
the partition id. The client appends a line to ``_manifest.jsonl`` only after a partition's
files are in place, so a batch stopped at any point and started again with the same arguments
skips finished partitions, rewrites unfinished ones with identical content, and ends with
exactly the events of one uninterrupted run (event ids are deterministic).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dask
import pyarrow as pa
import pyarrow.parquet as pq
from distributed import Client, LocalCluster, as_completed, get_worker
from distributed.diagnostics.plugin import WorkerPlugin

from . import ingest
from .errors import CasusError, CodingError, InputError, coding_failure
from .model import Article
from .pipeline import Coder
from .settings import Settings
from .store.arrow import ARTICLES_SCHEMA, EVENTS_SCHEMA, SENTENCES_SCHEMA
from .store.records import event_row_dict

__all__ = [
    "BatchResult",
    "PartitionResult",
    "code_partition",
    "local_cluster_options",
    "partitions",
    "read_inputs",
    "read_manifest",
    "run_batch",
]

MANIFEST = "_manifest.jsonl"
_PLUGIN = "casus-coder"


@dataclass(frozen=True)
class PartitionResult:
    partition: str
    articles: int
    events: int
    files: tuple[str, ...]
    failed: tuple[tuple[str, str], ...] = ()
    """Articles that could not be coded: (article id, one-line error)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "partition": self.partition,
            "articles": self.articles,
            "events": self.events,
            "files": list(self.files),
            "failed": [{"id": aid, "error": err} for aid, err in self.failed],
        }


@dataclass(frozen=True)
class BatchResult:
    out: Path
    partitions: int
    skipped: int
    articles: int
    events: int
    errors: int
    seconds: float
    """Wall time of the whole run, cluster start-up and model loading included."""
    workers: int
    coded: int = 0
    """Articles coded by this run (partitions skipped from an earlier run excluded)."""
    coding_seconds: float = 0.0
    """Wall time from the moment every worker had its model loaded to the end."""
    dashboard: str | None = None
    worker_peak_rss_mb: tuple[float, ...] = ()
    """Peak resident memory of each worker process at the end of the run (MiB)."""
    done: tuple[PartitionResult, ...] = field(default=(), repr=False)

    @property
    def articles_per_second(self) -> float:
        """Coding throughput once the workers are up: ``coded / coding_seconds``."""
        return self.coded / self.coding_seconds if self.coding_seconds > 0 else 0.0


class _CoderPlugin(WorkerPlugin):
    """Builds one :class:`Coder` per worker process (the spaCy model loads once)."""

    name = _PLUGIN

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.coder: Coder | None = None

    def setup(self, worker: Any) -> None:
        self.coder = Coder(self.settings)


def _worker_coder() -> Coder:
    plugin = get_worker().plugins.get(_PLUGIN)
    if isinstance(plugin, _CoderPlugin):
        if plugin.coder is None:
            plugin.coder = Coder(plugin.settings)
        return plugin.coder
    raise RuntimeError("casus worker plugin is not registered on this worker")


def read_inputs(paths: Sequence[str], *, settings: Settings) -> Iterator[Article | InputError]:
    """Articles from files, folders, JSONL, and Parquet files/folders with ``id,text,date``."""
    plain: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.suffix == ".parquet" or (path.is_dir() and any(path.rglob("*.parquet"))):
            if plain:
                yield from ingest.iter_articles(plain, settings=settings)
                plain = []
            yield from _read_parquet(path, settings)
        else:
            plain.append(raw)
    if plain:
        yield from ingest.iter_articles(plain, settings=settings)


_PARQUET_BATCH = 1_000
"""Rows read at a time from a Parquet input (the file is never loaded whole)."""


def _read_parquet(path: Path, settings: Settings) -> Iterator[Article | InputError]:
    files = sorted(path.rglob("*.parquet")) if path.is_dir() else [path]
    for file in files:
        try:
            reader = pq.ParquetFile(file)
        except (OSError, pa.ArrowException) as exc:
            yield InputError(f"cannot read Parquet: {exc}", where=str(file))
            continue
        names = set(reader.schema_arrow.names)
        missing = {"id", "text"} - names
        if missing:
            yield InputError(
                f"missing column(s) {', '.join(sorted(missing))}",
                where=str(file),
                hint="Parquet input needs columns id, text and optionally date",
            )
            continue
        n = 0
        try:
            for batch in reader.iter_batches(batch_size=_PARQUET_BATCH):
                for record in batch.to_pylist():
                    if isinstance(record.get("date"), dt.date):
                        record["date"] = record["date"].isoformat()
                    try:
                        yield ingest.article_from_record(
                            record, origin=f"{file}:{n}", settings=settings
                        )
                    except InputError as exc:
                        yield exc
                    n += 1
        except (OSError, pa.ArrowException) as exc:
            yield InputError(f"cannot read Parquet: {exc}", where=f"{file}:{n}")


def partitions(articles: Iterable[Article], size: int) -> Iterator[tuple[str, list[Article]]]:
    """Cut articles into partitions of ``size`` in input order, with deterministic ids."""
    chunk: list[Article] = []
    number = 0
    for article in articles:
        chunk.append(article)
        if len(chunk) == size:
            yield _partition_id(number, chunk), chunk
            number, chunk = number + 1, []
    if chunk:
        yield _partition_id(number, chunk), chunk


def _partition_id(number: int, chunk: Sequence[Article]) -> str:
    digest = hashlib.sha1("\x1f".join(a.id for a in chunk).encode("utf-8")).hexdigest()[:10]
    return f"{number:06d}-{digest}"


def _month(day: dt.date | None) -> str:
    return day.strftime("%Y-%m") if day else "unknown"


def code_partition(
    partition: str, articles: Sequence[Article], out: str, coder: Coder | None = None
) -> PartitionResult:
    """Code one partition and write its Parquet files atomically (runs on a worker)."""
    coder = coder or _worker_coder()
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {
        "events": {},
        "articles": {},
        "sentences": {},
    }
    n_events = 0
    failed: list[tuple[str, str]] = []
    for article in _code_each(coder, articles, failed):
        month = _month(article.date)
        for event in article.events:
            row = event_row_dict(event, published=article.date)
            rows["events"].setdefault(_month(event.date or article.date), []).append(row)
        n_events += len(article.events)
        rows["articles"].setdefault(month, []).append(
            {
                "id": article.id,
                "title": article.title,
                "text": article.text,
                "date": article.date,
                "url": article.url,
                "outlet": article.outlet,
                "origin": article.origin,
                "n_sentences": len(article.sentences),
                "n_events": len(article.events),
            }
        )
        rows["sentences"].setdefault(month, []).extend(
            {
                "article_id": article.id,
                "idx": s.index,
                "start_char": s.start,
                "end_char": s.end,
                "text": s.text,
            }
            for s in article.sentences
        )
    files: list[str] = []
    for table, schema in (
        ("events", EVENTS_SCHEMA),
        ("articles", ARTICLES_SCHEMA),
        ("sentences", SENTENCES_SCHEMA),
    ):
        files.extend(_write_months(Path(out) / table, partition, rows[table], schema))
    return PartitionResult(partition, len(articles), n_events, tuple(files), tuple(failed))


def _code_each(
    coder: Coder, articles: Sequence[Article], failed: list[tuple[str, str]]
) -> Iterator[Article]:
    """Code the partition with ``nlp.pipe``; if that raises, code it article by article and
    record each article that still fails, so one bad article never fails the partition."""
    try:
        yield from list(coder.code(articles))
        return
    except Exception:  # fall back to one by one below
        pass
    for article in articles:
        try:
            yield from list(coder.code([article]))
        except Exception as exc:
            failed.append((article.id, coding_failure(article.id, exc).message))


def _write_months(
    root: Path, partition: str, rows: dict[str, list[dict[str, Any]]], schema: pa.Schema
) -> Iterator[str]:
    for month, month_rows in sorted(rows.items()):
        folder = root / f"month={month}"
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"part-{partition}.parquet"
        tmp = folder / f".part-{partition}.parquet.tmp"
        pq.write_table(pa.Table.from_pylist(month_rows, schema=schema), tmp)
        os.replace(tmp, target)
        yield str(target.relative_to(root.parent))


def local_cluster_options(memory_limit: str = "2GB") -> dict[str, Any]:
    """Options of the local Dask cluster: scheduler, workers and dashboard listen on
    127.0.0.1 only (``dashboard_address=":0"`` listened on every interface)."""
    return {
        "threads_per_worker": 1,
        "processes": True,
        "memory_limit": memory_limit,
        "host": "127.0.0.1",
        "dashboard_address": "127.0.0.1:0",
        "silence_logs": 40,
    }


def _worker_environ() -> dict[str, object]:
    """Dask's worker environment without ``MALLOC_TRIM_THRESHOLD_``: setting it turns off
    glibc's dynamic mmap threshold, and spaCy's many mid-sized arrays then cost a fresh mmap
    each (measured: one worker coded 13.2 articles/s with it, 14.3 without)."""
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ", default={}))
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


def _peak_rss_mb() -> float:
    """Peak resident memory of this process in MiB. Linux's ``VmHWM`` is the process's own
    high-water mark; ``ru_maxrss`` survives exec, so a spawned worker would report its
    parent's peak."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_manifest(out: Path) -> dict[str, dict[str, Any]]:
    """Finished partitions by id (a torn last line from a kill is ignored)."""
    done: dict[str, dict[str, Any]] = {}
    path = out / MANIFEST
    if not path.exists():
        return done
    with path.open(encoding="utf-8", errors="replace") as fh:  # line by line
        for line in fh:
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(record, dict) and "partition" in record:
                done[str(record["partition"])] = record
    return done


def _append_manifest(out: Path, result: PartitionResult) -> None:
    with (out / MANIFEST).open("a", encoding="utf-8") as fh:
        fh.write(json.dumps(result.to_dict()) + "\n")
        fh.flush()
        os.fsync(fh.fileno())


@dataclass
class _Job:
    """One batch run's inputs and callbacks; :meth:`drive` feeds a Dask client."""

    inputs: Sequence[str]
    out: Path
    settings: Settings
    partition_size: int
    on_error: Callable[[CasusError], None] | None
    on_progress: Callable[[int, int | None], None] | None
    errors: list[InputError] = field(default_factory=list)
    seen: int = 0
    total: int | None = None
    """Articles in the input: ``None`` until it has been read to the end."""

    def articles(self) -> Iterator[Article]:
        for item in read_inputs(self.inputs, settings=self.settings):
            if isinstance(item, InputError):
                self.errors.append(item)
                if self.on_error:
                    self.on_error(item)
            else:
                yield item

    def drive(self, client: Client, n_workers: int, started: float) -> BatchResult:
        """Read the input ONCE, as partitions are needed (at most ``2 * n_workers`` in
        flight): the total is known, and given to ``on_progress``, once the input ends."""
        ready = time.perf_counter()
        done = read_manifest(self.out)
        pending = partitions(self._counted(), self.partition_size)
        queue = as_completed()
        finished: list[PartitionResult] = []
        articles_done = skipped = 0

        def submit_next() -> bool:
            nonlocal articles_done, skipped
            for pid, chunk in pending:
                if pid in done:
                    skipped += 1
                    articles_done += len(chunk)
                    continue
                future = client.submit(
                    code_partition, pid, chunk, str(self.out), key=f"casus-{pid}", retries=3
                )
                queue.add(future)
                return True
            return False

        for _ in range(max(2, 2 * n_workers)):
            if not submit_next():
                break
        self._progress(articles_done)
        for future in queue:
            result: PartitionResult = future.result()
            _append_manifest(self.out, result)
            for article_id, message in result.failed:
                if self.on_error:
                    self.on_error(CodingError(message, where=article_id))
            finished.append(result)
            articles_done += result.articles
            future.release()
            submit_next()
            self._progress(articles_done)
        all_done = read_manifest(self.out)
        peaks = client.run(_peak_rss_mb)
        return BatchResult(
            out=self.out,
            partitions=len(all_done),
            skipped=skipped,
            articles=sum(int(r.get("articles", 0)) for r in all_done.values()),
            events=sum(int(r.get("events", 0)) for r in all_done.values()),
            errors=len(self.errors) + sum(len(r.get("failed") or ()) for r in all_done.values()),
            seconds=time.perf_counter() - started,
            coded=sum(r.articles for r in finished),
            coding_seconds=time.perf_counter() - ready,
            workers=n_workers,
            dashboard=client.dashboard_link,
            worker_peak_rss_mb=tuple(sorted(float(v) for v in peaks.values())),
            done=tuple(finished),
        )

    def _counted(self) -> Iterator[Article]:
        self.seen = 0
        self.total = None
        for article in self.articles():
            self.seen += 1
            yield article
        self.total = self.seen

    def _progress(self, done: int) -> None:
        if self.on_progress:
            self.on_progress(done, self.total)


def run_batch(
    inputs: Sequence[str],
    out: Path,
    *,
    settings: Settings,
    scheduler: str | None = None,
    workers: int = 2,
    partition_size: int = 200,
    memory_limit: str = "2GB",
    on_error: Callable[[CasusError], None] | None = None,
    on_progress: Callable[[int, int | None], None] | None = None,
    on_start: Callable[[int | None, str | None], None] | None = None,
) -> BatchResult:
    """Code ``inputs`` on Dask into ``out`` and return what was done.

    The input is read once, as the workers need partitions (so ``-`` works, and a large
    input is never held whole). ``on_start(None, dashboard_link)`` is called once the cluster
    is up; ``on_progress(articles_done, total)`` after each partition, with ``total``
    ``None`` until the input has been read to its end. Input errors go to ``on_error`` once.
    """
    if partition_size < 1:
        raise InputError("--partition-size must be at least 1")
    out.mkdir(parents=True, exist_ok=True)
    job = _Job(inputs, out, settings, partition_size, on_error, on_progress)
    started = time.perf_counter()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        with dask.config.set({"distributed.nanny.pre-spawn-environ": _worker_environ()}):
            cluster = LocalCluster(n_workers=workers, **local_cluster_options(memory_limit))
        client = Client(cluster)
    try:
        client.register_plugin(_CoderPlugin(settings), name=_PLUGIN)
        n_workers = len(client.scheduler_info()["workers"]) or workers
        if on_start:
            on_start(None, client.dashboard_link)
        return job.drive(client, n_workers, started)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
