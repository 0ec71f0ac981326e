"""The event store: one DuckDB file (the only module that imports DuckDB).

Tables ``articles``, ``sentences``, ``events`` (every CONTRACT field as a column) and ``runs``.
Each :meth:`Store.write` is one transaction, so a process killed mid-run leaves the file
readable and consistent, and re-running the same ingest completes it without duplicates:
writing an article replaces its earlier sentences and events.

A connection is opened per call and closed after it, so other processes can read between
batches. Opening retries with backoff for ``lock_timeout`` seconds while another process holds
the file (``conn``), then raises a :class:`~casus.errors.StoreError` (``reason="locked"``);
writers can then :meth:`Store.keep` their coded batch for later (``pending``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from .. import __version__
from ..errors import StoreError
from ..model import Article, Event, Sentence
from ..settings import Settings
from . import pending
from .conn import OnWait, open_db, quiet, rollback
from .conn import one_line as _one_line
from .conn import reason as _reason
from .guard import SANDBOX, check_sandboxed, check_statement, refused
from .records import event_from_row
from .rows import now, replace_articles, tables
from .sql import SCHEMA, EventQuery, event_sql
from .types import ArticleSummary, DyadCount, RunCounts, Stats

FETCH_ROWS = 10_000
"""Rows fetched from DuckDB at a time by the streaming reads (issue #15)."""

__all__ = [
    "FETCH_ROWS",
    "ArticleSummary",
    "DyadCount",
    "EventQuery",
    "RunCounts",
    "Stats",
    "Store",
]


class Store:
    """A casus DuckDB database. ``Store(path)`` does not touch the file until first used.

    ``path`` may be ``":memory:"`` (one private in-memory database, kept open until
    :meth:`close`). ``read_only`` stores refuse writes and open the file shared.
    ``lock_timeout``: seconds to retry while another process holds the file (``on_wait`` is
    told once per open that has to wait).
    """

    def __init__(
        self,
        path: str | Path,
        *,
        read_only: bool = False,
        lock_timeout: float = 5.0,
        on_wait: OnWait | None = None,
    ) -> None:
        self.memory = str(path) == ":memory:"
        self.path = Path(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        self.on_wait = on_wait
        self._schema_ready = False
        self._con: duckdb.DuckDBPyConnection | None = None
        if self.memory:
            self._con = quiet(duckdb.connect(":memory:", config=SANDBOX))
            self._init_schema(self._con)

    @classmethod
    def from_settings(cls, settings: Settings, *, read_only: bool = False) -> Store:
        return cls(settings.db, read_only=read_only)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}, read_only={self.read_only})"

    # -- connections ---------------------------------------------------------------------

    def _open(self, write: bool) -> duckdb.DuckDBPyConnection:
        if not self.path.exists():
            if not write:
                raise StoreError(
                    "no casus database here",
                    where=str(self.path),
                    hint="run `casus ingest PATH` or `casus demo` first, or pass --db",
                    reason="missing",
                )
            if self.path.parent and not self.path.parent.is_dir():
                raise StoreError(
                    "the folder of the database does not exist",
                    where=str(self.path),
                    hint="create the folder or pass --db with another path",
                )
        return open_db(
            self.path,
            read_only=self.read_only or not write,
            timeout=self.lock_timeout,
            on_wait=self.on_wait,
        )

    @contextmanager
    def _connect(self, *, write: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
        if write and self.read_only:
            raise StoreError("the store is read-only", where=str(self.path))
        if self._con is not None:
            yield self._con
            return
        con = self._open(write)
        try:
            if write and not self._schema_ready:
                self._init_schema(con)
                self._schema_ready = True
            yield con
        except duckdb.Error as exc:
            raise StoreError(
                f"database error: {_one_line(exc)}", where=str(self.path), reason=_reason(exc)
            ) from None
        finally:
            con.close()

    def _init_schema(self, con: duckdb.DuckDBPyConnection) -> None:
        for statement in SCHEMA:
            con.execute(statement)

    # -- writing -------------------------------------------------------------------------

    def write(self, articles: Sequence[Article], *, run_id: str | None = None) -> int:
        """Store coded articles in ONE transaction: each article replaces any earlier copy
        with the same id, with its sentences and events. Returns the number of articles."""
        batch = tables(articles, run_id)
        if not batch["articles"].num_rows:
            return 0
        with self._connect(write=True) as con:
            replace_articles(con, batch)
        return int(batch["articles"].num_rows)

    def keep(self, articles: Sequence[Article], *, run_id: str | None = None) -> Path:
        """Keep coded articles under ``<db>.pending/`` for a later :meth:`write_pending`
        (when the database stays locked): the same rows :meth:`write` would store."""
        return pending.keep_tables(self.path, run_id, tables(articles, run_id))

    def keep_finish(self, run_id: str, counts: RunCounts) -> None:
        """Keep the end of a run for :meth:`write_pending` (its ``runs`` row is updated then)."""
        pending.keep_run(
            self.path,
            run_id,
            {"articles": counts.articles, "events": counts.events, "errors": counts.errors},
        )

    def pending(self) -> int:
        """Articles kept under ``<db>.pending/`` by runs that found the database locked."""
        return 0 if self.memory else pending.count(self.path)

    def write_pending(self) -> int:
        """Store every batch kept under ``<db>.pending/`` (oldest first, one transaction
        each, each folder removed once committed), then the kept run ends. Returns the
        number of articles stored."""
        batches = [] if self.memory else pending.folders(self.path)
        ends = [] if self.memory else list(pending.runs(self.path))
        if not batches and not ends:
            return 0
        done = 0
        with self._connect(write=True) as con:
            for folder in batches:
                kept = pending.read(folder)
                replace_articles(con, kept)
                pending.remove(folder)
                done += int(kept["articles"].num_rows)
            for path, record in ends:
                con.execute(
                    "UPDATE runs SET finished = coalesce(finished, ?), n_articles = ?, "
                    "n_events = ?, n_errors = ? WHERE run_id = ?",
                    [
                        now(),
                        record.get("articles", 0),
                        record.get("events", 0),
                        record.get("errors", 0),
                        str(record.get("run_id")),
                    ],
                )
                pending.remove(path)
        return done

    def unchanged(self, article: Article, run_id: str) -> bool:
        """True when ``article`` is stored with the same text and metadata by a run of the
        same casus, lexicon and model versions as run ``run_id`` (so re-coding it is moot)."""
        a = article
        params = [run_id, a.id, a.text, a.title, a.date, a.url, a.outlet, a.origin]
        with self._connect() as con:
            row = con.execute(
                "SELECT 1 FROM articles a JOIN runs old ON old.run_id = a.run_id "
                "JOIN runs new ON new.run_id = ? WHERE a.id = ? AND a.text = ? "
                "AND a.title IS NOT DISTINCT FROM ? AND a.date IS NOT DISTINCT FROM ? "
                "AND a.url IS NOT DISTINCT FROM ? AND a.outlet IS NOT DISTINCT FROM ? "
                "AND a.origin IS NOT DISTINCT FROM ? "
                "AND old.casus_version = new.casus_version "
                "AND old.lexicon_version = new.lexicon_version AND old.model = new.model",
                params,
            ).fetchone()
        return row is not None

    def load_parquet(self, folder: Path, *, run_id: str | None = None) -> tuple[int, int]:
        """Load ``casus batch`` output (``articles/``, ``sentences/``, ``events/`` Parquet
        under ``folder``) in ONE transaction; articles already stored are replaced, as with
        :meth:`write`. Returns ``(articles, events)`` loaded."""
        parts = {t: folder / t for t in ("articles", "sentences", "events")}
        if not any(parts["articles"].rglob("*.parquet")):
            raise StoreError(
                "no articles/*.parquet here",
                where=str(folder),
                hint="pass the --out folder of a finished `casus batch` run",
            )
        scan = "read_parquet(?, hive_partitioning = false, union_by_name = true)"
        globs = {t: str(p / "**" / "*.parquet") for t, p in parts.items()}
        ids = f"SELECT id FROM {scan}"
        with self._connect(write=True) as con:
            try:
                con.execute("BEGIN TRANSACTION")
                for table, key in (("events", "article_id"), ("sentences", "article_id")):
                    con.execute(f"DELETE FROM {table} WHERE {key} IN ({ids})", [globs["articles"]])
                con.execute(f"DELETE FROM articles WHERE id IN ({ids})", [globs["articles"]])
                con.execute(
                    f"INSERT INTO articles BY NAME SELECT * EXCLUDE (coded_at, run_id), "
                    f"? AS coded_at, ? AS run_id FROM {scan}",
                    [now(), run_id, globs["articles"]],
                )
                if any(parts["sentences"].rglob("*.parquet")):
                    con.execute(
                        f"INSERT INTO sentences BY NAME SELECT * FROM {scan}",
                        [globs["sentences"]],
                    )
                if any(parts["events"].rglob("*.parquet")):
                    con.execute(
                        f"INSERT INTO events BY NAME SELECT * EXCLUDE (run_id), ? AS run_id "
                        f"FROM {scan}",
                        [run_id, globs["events"]],
                    )
                row = con.execute(
                    f"SELECT count(*), (SELECT count(*) FROM events WHERE article_id IN ({ids})) "
                    f"FROM {scan}",
                    [globs["articles"], globs["articles"]],
                ).fetchone()
                con.execute("COMMIT")
            except BaseException:
                rollback(con)
                raise
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def start_run(
        self,
        settings: Settings,
        lexicon_version: str,
        *,
        command: str = "",
        model: str | None = None,
    ) -> str:
        """Record the start of a run; returns its id (stored with every article it writes)."""
        run_id = f"{now():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}"
        with self._connect(write=True) as con:
            con.execute(
                "INSERT INTO runs (run_id, started, casus_version, lexicon_version, model, "
                "n_articles, n_events, n_errors, command) VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?)",
                [run_id, now(), __version__, lexicon_version, model or settings.model, command],
            )
        return run_id

    def finish_run(self, run_id: str, counts: RunCounts | Mapping[str, int]) -> None:
        """Record the end of a run and its counts (``articles``, ``events``, ``errors``)."""
        if not isinstance(counts, RunCounts):
            get = {k.removeprefix("n_"): int(v) for k, v in counts.items()}
            counts = RunCounts(get.get("articles", 0), get.get("events", 0), get.get("errors", 0))
        with self._connect(write=True) as con:
            con.execute(
                "UPDATE runs SET finished = ?, n_articles = ?, n_events = ?, n_errors = ? "
                "WHERE run_id = ?",
                [now(), counts.articles, counts.events, counts.errors, run_id],
            )

    # -- reading -------------------------------------------------------------------------

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, object]]:
        with self._connect() as con:
            return list(_dicts(con.execute(sql, list(params))))

    def events(self, q: EventQuery | None = None) -> list[Event]:
        """Events matching ``q`` (see :class:`EventQuery`), rebuilt as :class:`Event`."""
        sql, params = event_sql(q or EventQuery())
        return [event_from_row(row) for row in self._rows(sql, params)]

    def articles(
        self,
        limit: int | None = 100,
        offset: int = 0,
        *,
        since: dt.date | None = None,
        until: dt.date | None = None,
        with_sentences: bool = False,
    ) -> list[Article]:
        """Stored articles by date then id (sentences only when asked; never events)."""
        where, params = _date_filter(since, until)
        sql = "SELECT id, title, text, date, url, outlet, origin FROM articles" + where
        sql += " ORDER BY date NULLS LAST, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        sql += " OFFSET ?"
        params.append(offset)
        found = [_article(row) for row in self._rows(sql, params)]
        if not with_sentences or not found:
            return found
        sentences = self._sentences([a.id for a in found])
        return [_with(a, sentences=sentences.get(a.id, ())) for a in found]

    def article(self, article_id: str) -> Article | None:
        """One article with its sentences and events, or ``None``."""
        rows = self._rows(
            "SELECT id, title, text, date, url, outlet, origin FROM articles WHERE id = ?",
            [article_id],
        )
        if not rows:
            return None
        events = self.events(EventQuery(article_id=article_id, limit=None))
        events.sort(key=lambda e: (e.sentence_index, e.evidence.trigger_start or 0, e.event_id))
        return _with(
            _article(rows[0]),
            sentences=self._sentences([article_id]).get(article_id, ()),
            events=tuple(events),
        )

    def _sentences(self, ids: Sequence[str]) -> dict[str, tuple[Sentence, ...]]:
        rows = self._rows(
            "SELECT article_id, idx, start_char, end_char, text FROM sentences "
            "WHERE article_id IN (SELECT unnest(?)) ORDER BY article_id, idx",
            [list(ids)],
        )
        out: dict[str, list[Sentence]] = {}
        for r in rows:
            out.setdefault(str(r["article_id"]), []).append(
                Sentence(
                    index=_int(r["idx"]),
                    start=_int(r["start_char"]),
                    end=_int(r["end_char"]),
                    text=str(r["text"]),
                )
            )
        return {k: tuple(v) for k, v in out.items()}

    def article_summaries(self, limit: int | None = 100, offset: int = 0) -> list[ArticleSummary]:
        """Stored articles as one line each, newest first."""
        sql = (
            "SELECT id, date, outlet, title, origin, n_sentences, n_events FROM articles "
            "ORDER BY date DESC NULLS LAST, id"
        )
        params: list[object] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        sql += " OFFSET ?"
        params.append(offset)
        return [
            ArticleSummary(
                id=str(r["id"]),
                date=_date(r["date"]),
                outlet=_opt(r["outlet"]),
                title=_opt(r["title"]),
                origin=_opt(r["origin"]),
                n_sentences=_int(r["n_sentences"]),
                n_events=_int(r["n_events"]),
            )
            for r in self._rows(sql, params)
        ]

    def dyad_counts(
        self, limit: int = 20, *, directed: bool = False, with_self: bool = True
    ) -> list[DyadCount]:
        """Pairs of actors (country, else actor code) with the most events; ``with_self=False``
        leaves out pairs of one actor with itself (before the ``LIMIT``)."""
        a = "coalesce(source_country, source_code)"
        b = "coalesce(target_country, target_code)"
        if not directed:
            a, b = f"least({a}, {b})", f"greatest({a}, {b})"
        sql = (
            f"SELECT {a} AS a, {b} AS b, count(*) AS n, min(coalesce(date, published)) AS first, "
            f"max(coalesce(date, published)) AS last FROM events "
            "WHERE source_code IS NOT NULL AND target_code IS NOT NULL "
            f"GROUP BY ALL {'HAVING a <> b ' if not with_self else ''}"
            "ORDER BY n DESC, a, b LIMIT ?"
        )
        return [
            DyadCount(
                a=str(r["a"]),
                b=str(r["b"]),
                events=_int(r["n"]),
                first=_date(r["first"]),
                last=_date(r["last"]),
            )
            for r in self._rows(sql, [limit])
        ]

    def stats(self) -> Stats:
        """Counts of what is stored."""
        with self._connect() as con:

            def scalar(sql: str) -> Any:
                row = con.execute(sql).fetchone()
                return row[0] if row else None

            first, last = con.execute(
                "SELECT min(coalesce(date, published)), max(coalesce(date, published)) FROM events"
            ).fetchone() or (None, None)
            by_quad = con.execute(
                "SELECT quad_class, count(*) FROM events GROUP BY 1 ORDER BY 1"
            ).fetchall()
            top = con.execute(
                "SELECT cameo_root, count(*) AS n FROM events GROUP BY 1 ORDER BY n DESC, 1 "
                "LIMIT 10"
            ).fetchall()
            return Stats(
                path=str(self.path),
                articles=int(scalar("SELECT count(*) FROM articles")),
                sentences=int(scalar("SELECT count(*) FROM sentences")),
                events=int(scalar("SELECT count(*) FROM events")),
                runs=int(scalar("SELECT count(*) FROM runs")),
                first_date=_date(first),
                last_date=_date(last),
                by_quad=tuple((int(q), int(n)) for q, n in by_quad if q is not None),
                top_codes=tuple((str(c), int(n)) for c, n in top if c is not None),
            )

    def query(self, sql: str, params: Sequence[object] = ()) -> list[dict[str, object]]:
        """Run one read-only statement (``SELECT``/``WITH``/``EXPLAIN``) with parameters, on
        a connection that cannot reach files, directories or extensions (``guard``)."""
        return list(self.iter_query(sql, params))

    def iter_query(
        self, sql: str, params: Sequence[object] = (), *, batch_size: int = FETCH_ROWS
    ) -> Iterator[dict[str, object]]:
        """Like :meth:`query`, one row at a time, fetched ``batch_size`` rows at a time: memory
        stays bounded whatever the size of the result. The read-only connection stays open
        (a writer in another process waits) until the iterator is exhausted or closed."""
        with self._connect() as con:
            check_statement(con, sql)
            check_sandboxed(con)
            try:
                cur = con.execute(sql, list(params))
            except duckdb.PermissionException as exc:
                raise refused(exc) from None
            yield from _dicts(cur, batch_size)

    def query_arrow(self, sql: str, params: Sequence[object] = ()) -> pa.Table:
        """Like :meth:`query`, as a ``pyarrow.Table`` (the whole result in memory: for large
        results, :meth:`query_reader`)."""
        with self.query_reader(sql, params) as reader:
            return reader.read_all()

    @contextmanager
    def query_reader(
        self, sql: str, params: Sequence[object] = (), *, batch_size: int = FETCH_ROWS
    ) -> Iterator[pa.RecordBatchReader]:
        """Like :meth:`query_arrow`, as a stream of record batches of at most ``batch_size``
        rows, produced as they are read (``with store.query_reader(sql) as reader: for batch
        in reader: ...``); the connection is closed when the block ends."""
        with self._connect() as con:
            check_statement(con, sql)
            check_sandboxed(con)
            try:
                relation = con.sql(sql, params=list(params))
                # DuckDB >= 1.4 calls it to_arrow_reader; older releases fetch_arrow_reader.
                name = (
                    "to_arrow_reader"
                    if hasattr(relation, "to_arrow_reader")
                    else "fetch_arrow_reader"
                )
                reader: pa.RecordBatchReader = getattr(relation, name)(batch_size)
            except duckdb.PermissionException as exc:
                raise refused(exc) from None
            yield pa.RecordBatchReader.from_batches(reader.schema, self._batches(reader))

    def _batches(self, reader: pa.RecordBatchReader) -> Iterator[pa.RecordBatch]:
        """An error while the result streams reaches Arrow as an ``OSError``: one StoreError."""
        try:
            yield from reader
        except (OSError, pa.ArrowException) as exc:
            raise StoreError(f"database error: {_one_line(exc)}", where=str(self.path)) from None


def _dicts(cur: duckdb.DuckDBPyConnection, size: int = 0) -> Iterator[dict[str, object]]:
    """The rows of an executed cursor as dicts, fetched ``size`` rows at a time."""
    names = [d[0] for d in cur.description or ()]
    while rows := cur.fetchmany(size or FETCH_ROWS):
        for row in rows:
            yield dict(zip(names, row, strict=True))


def _date_filter(since: dt.date | None, until: dt.date | None) -> tuple[str, list[object]]:
    clauses: list[str] = []
    params: list[object] = []
    if since:
        clauses.append("date >= ?")
        params.append(since)
    if until:
        clauses.append("date <= ?")
        params.append(until)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def _opt(v: object) -> str | None:
    return None if v is None else str(v)


def _int(v: object) -> int:
    if isinstance(v, int | float | str):
        return int(v)
    return 0


def _date(v: object) -> dt.date | None:
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    return None


def _article(row: Mapping[str, object]) -> Article:
    return Article(
        id=str(row["id"]),
        text=str(row["text"] or ""),
        date=_date(row["date"]),
        title=_opt(row["title"]),
        url=_opt(row["url"]),
        outlet=_opt(row["outlet"]),
        origin=_opt(row["origin"]),
    )


def _with(article: Article, **changes: Any) -> Article:
    return replace(article, **changes)
