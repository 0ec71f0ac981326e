"""What the HTTP API does, without HTTP: parameter checks, store access with retry, coded spans,
CSV/JSONL rendering and the lazily loaded coder. ``casus.api.app`` (the only FastAPI importer)
wires these into routes; everything here is testable without a server.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ..errors import CodingError, ConfigError, InputError, StoreError, coding_failure
from ..model import Article, Event, Evidence
from .labels import labels_for, mentions_of

__all__ = [
    "PLOVER_NAMES",
    "CoderHolder",
    "Span",
    "StoreAccess",
    "Tiles",
    "article_spans",
    "check_actor",
    "check_cameo",
    "check_event_id",
    "check_plover",
    "check_text",
    "events_csv",
    "events_jsonl",
    "parse_date",
    "parse_dyad",
    "tile_source",
]

T = TypeVar("T")

PLOVER_NAMES = frozenset(
    {
        "AGREE",
        "CONSULT",
        "SUPPORT",
        "CONCEDE",
        "COOPERATE",
        "AID",
        "RETREAT",
        "INVESTIGATE",
        "DEMAND",
        "DISAPPROVE",
        "REJECT",
        "THREATEN",
        "PROTEST",
        "MOBILIZE",
        "SANCTION",
        "COERCE",
        "ASSAULT",
        "FIGHT",
    }
)
MAX_TEXT = 200
"""Longest free-text filter value (place, text search) accepted."""
_ACTOR_RE = re.compile(r"[A-Za-z][A-Za-z0-9]{1,31}")
_CAMEO_RE = re.compile(r"[0-9]{2,4}")
_EVENT_ID_RE = re.compile(r"[0-9a-f]{8,64}")
_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


# --- parameter checks: each raises InputError (answered 422) -------------------------------


def parse_date(value: str | None, name: str) -> dt.date | None:
    """``YYYY-MM-DD`` → date; ``None``/empty → ``None``."""
    if value is None or value == "":
        return None
    if len(value) != 10 or not _DATE_RE.fullmatch(value):
        raise InputError(f"{name} must be a date YYYY-MM-DD", where=name, hint="e.g. 2025-06-13")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"{value} is not a calendar date", where=name) from None


def check_actor(value: str | None, name: str = "actor") -> str | None:
    """An actor code (``ISR``, ``RUSGOV``, ``IGOUNO``): letters then letters/digits, ≤ 32."""
    if value is None or value == "":
        return None
    if not _ACTOR_RE.fullmatch(value):
        raise InputError(
            "an actor code is 2-32 letters or digits", where=name, hint="e.g. ISR or RUSGOV"
        )
    return value.upper()


def parse_dyad(value: str | None) -> tuple[str, str] | None:
    """``ISR,IRN`` → ``("ISR", "IRN")``."""
    if value is None or value == "":
        return None
    parts = value.split(",")
    if len(parts) != 2:
        raise InputError(
            "dyad is two actor codes separated by a comma", where="dyad", hint="ISR,IRN"
        )
    a = check_actor(parts[0].strip(), "dyad")
    b = check_actor(parts[1].strip(), "dyad")
    if a is None or b is None:
        raise InputError("dyad needs two actor codes", where="dyad", hint="ISR,IRN")
    return a, b


def check_cameo(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _CAMEO_RE.fullmatch(value):
        raise InputError("a CAMEO code is 2 to 4 digits", where="cameo", hint="e.g. 19 or 190")
    return value


def check_plover(value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if value.upper() not in PLOVER_NAMES:
        raise InputError(
            "unknown PLOVER category",
            where="plover",
            hint="one of " + ", ".join(sorted(PLOVER_NAMES)),
        )
    return value.upper()


def check_text(value: str | None, name: str = "q") -> str | None:
    """A free-text filter (matched as a value, never spliced into SQL): at most 200 chars."""
    if value is None or value == "":
        return None
    if len(value) > MAX_TEXT:
        raise InputError(f"{name} is longer than {MAX_TEXT} characters", where=name)
    if any(ord(c) < 32 for c in value):
        raise InputError(f"{name} contains control characters", where=name)
    return value


def check_event_id(value: str) -> str:
    if not _EVENT_ID_RE.fullmatch(value):
        raise InputError("an event id is a lower-case hex string", where="event_id")
    return value


# --- database access -----------------------------------------------------------------------


class StoreAccess:
    """Short-lived store connections for one request each.

    Reads open the DuckDB file read-only, run, and close; when ``casus ingest`` holds the
    write lock at that moment, the open is retried with a growing pause until
    ``retry_seconds`` have passed, so a reader only waits for one write batch, never fails
    because of it. Writes (``POST /api/ingest``) open read-write the same way.
    """

    def __init__(self, db: Path, *, retry_seconds: float = 10.0) -> None:
        self.db = Path(db)
        self.retry_seconds = retry_seconds

    def check(self) -> None:
        """At server start: a database file that exists must open and hold the casus tables,
        else one :class:`StoreError` (a corrupt file must not become a 503 per request). A
        file locked by a writer at that moment is fine."""
        if not self.db.exists():
            return
        try:
            self.read(lambda store: store.query("SELECT count(*) AS n FROM articles"))
        except StoreError as err:
            if err.reason == "locked":
                return
            raise StoreError(
                "not a readable casus database",
                where=str(self.db),
                hint="is it a casus DuckDB file (made by casus ingest)? pass --db with another",
                reason=err.reason or "corrupt",
            ) from None

    def read(self, fn: Callable[[Any], T]) -> T:
        return self._with_store(fn, read_only=True)

    def write(self, fn: Callable[[Any], T]) -> T:
        return self._with_store(fn, read_only=False)

    def _with_store(self, fn: Callable[[Any], T], *, read_only: bool) -> T:
        from ..store import Store  # the store opens DuckDB; imported late to keep start-up light

        if read_only and not self.db.exists():
            raise StoreError(
                f"no database at {self.db}",
                where="store",
                hint=f"store some articles first: casus ingest FILE --db {self.db}",
                reason="missing",
            )
        deadline = time.monotonic() + self.retry_seconds
        pause = 0.01
        while True:
            try:
                with Store(self.db, read_only=read_only) as store:
                    return fn(store)
            except StoreError as err:
                if err.reason != "locked" or time.monotonic() + pause > deadline:
                    raise
            time.sleep(pause)
            pause = min(pause * 2, 0.25)


# --- events from rows, spans ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Span:
    """A coded stretch of article text: ``kind`` is ``sentence``, ``trigger``, ``source``,
    ``target``, ``actor`` (a resolved mention) or ``place``; offsets are in ``Article.text``."""

    kind: str
    start: int
    end: int
    text: str
    event_id: str | None = None
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "event_id": self.event_id,
            "label": self.label,
        }


def _find_near(text: str, needle: str, lo: int, hi: int, near: int) -> int | None:
    """Start of the occurrence of ``needle`` in ``text[lo:hi]`` closest to ``near``."""
    if not needle:
        return None
    best: int | None = None
    pos = text.find(needle, lo, hi)
    while pos != -1:
        if best is None or abs(pos - near) < abs(best - near):
            best = pos
        pos = text.find(needle, pos + 1, hi)
    return best


def _event_spans(text: str, event: Event) -> list[Span]:
    ev = event.evidence
    lo, hi = ev.start, ev.end
    if not (0 <= lo < hi <= len(text)) or (ev.sentence and text[lo:hi] != ev.sentence):
        found = text.find(ev.sentence) if ev.sentence else -1
        lo, hi = (found, found + len(ev.sentence)) if found >= 0 else (0, len(text))
    spans: list[Span] = []
    t_start, t_end = ev.trigger_start, ev.trigger_end
    if t_start is None or t_end is None or text[t_start:t_end] == "":
        pos = _find_near(text, ev.trigger, lo, hi, lo)
        t_start, t_end = (pos, pos + len(ev.trigger)) if pos is not None else (None, None)
    near = t_start if t_start is not None else lo
    if t_start is not None and t_end is not None:
        spans.append(
            Span("trigger", t_start, t_end, text[t_start:t_end], event.event_id, event.cameo)
        )
    parts: list[tuple[str, str, str | None]] = []
    if event.source:
        parts.append(("source", event.source.text, event.source.code))
    if event.target:
        parts.append(("target", event.target.text, event.target.code))
    if event.location:
        parts.append(("place", event.location.text, event.location.name))
    for kind, needle, label in parts:
        pos = _find_near(text, needle, lo, hi, near)
        if pos is not None:
            spans.append(Span(kind, pos, pos + len(needle), needle, event.event_id, label))
    return spans


def article_spans(
    text: str,
    sentences: Iterable[tuple[int, int, int]],
    events: Iterable[Event],
    mentions: Iterable[Any] = (),
) -> list[Span]:
    """Every coded span of an article: its sentences ``(index, start, end)``, the resolved
    actor mentions (when the article still has them), and per event its trigger, source,
    target and place, sorted by position."""
    spans = [Span("sentence", s, e, text[s:e], None, str(i)) for i, s, e in sentences]
    for m in mentions:
        if getattr(m, "actor", None) is not None:
            spans.append(Span("actor", m.start, m.end, text[m.start : m.end], None, m.actor.code))
    for event in events:
        spans.extend(_event_spans(text, event))
    spans.sort(key=lambda s: (s.start, -s.end, s.kind))
    return spans


def coded_article(article: Article) -> dict[str, Any]:
    """An article as the API returns it: its fields, its events and every coded span (actor
    mentions only while the article still has them, i.e. fresh from the coder)."""
    spans = article_spans(
        article.text,
        ((s.index, s.start, s.end) for s in article.sentences),
        article.events,
        article.mentions,
    )
    return {
        "article": article.to_dict(),
        "events": [e.to_dict() for e in article.events],
        "spans": [s.to_dict() for s in spans],
        "labels": labels_for(mentions_of(article.events)),
    }


# --- map tiles -----------------------------------------------------------------------------

OSM_ATTRIBUTION = "&copy; OpenStreetMap contributors"
_TILE_RE = re.compile(r"(https?)://([A-Za-z0-9.\-{}]+)(:[0-9]{1,5})?(/[^\s'\";]*)?")


@dataclass(frozen=True, slots=True)
class Tiles:
    """The dashboard's map tiles: ``url`` is a Leaflet URL template (``None``: the bundled
    country outlines only, nothing is fetched), ``origin`` the CSP source the page may load
    images from, ``attribution`` the credit line."""

    url: str | None = None
    origin: str | None = None
    attribution: str = ""


def tile_source(value: str | None) -> Tiles:
    """``casus serve --tiles``: ``none`` (the default), or an http(s) URL template with
    ``{z}``, ``{x}`` and ``{y}`` (``{s}`` for subdomains); anything else is a ConfigError."""
    text = (value or "").strip()
    if text.lower() in ("", "none", "off"):
        return Tiles()
    m = _TILE_RE.fullmatch(text)
    if m is None or not all(k in text for k in ("{z}", "{x}", "{y}")):
        raise ConfigError(
            f"--tiles {text!r} is not a tile URL template",
            where="serve",
            hint="give http(s)://host/{z}/{x}/{y}.png, or none for the bundled outlines",
        )
    host = m.group(2).replace("{s}", "*")
    if "{" in host or "}" in host:
        raise ConfigError(f"--tiles: only {{s}} may stand in the host of {text!r}", where="serve")
    osm = host.endswith("openstreetmap.org")
    return Tiles(text, f"{m.group(1)}://{host}{m.group(3) or ''}", OSM_ATTRIBUTION if osm else "")


# --- renderings ----------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def events_csv(events: Sequence[Event]) -> str:
    """Events as CSV with the ``events`` table's columns (``Event.to_row``)."""
    out = io.StringIO()
    rows = [e.to_row() for e in events]
    header = list(rows[0]) if rows else list(_empty_row_keys())
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_cell(row.get(k)) for k in header])
    return out.getvalue()


def _empty_row_keys() -> Iterable[str]:
    dummy = Event(
        event_id="",
        article_id="",
        sentence_index=0,
        cameo="",
        cameo_root="",
        plover=None,
        mode=None,
        quad_class=0,
        goldstein=0.0,
        evidence=Evidence(sentence="", start=0, end=0, trigger=""),
        confidence=0.0,
    )
    return dummy.to_row().keys()


def events_jsonl(events: Sequence[Event]) -> str:
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events)


# --- the coder, loaded once per app --------------------------------------------------------


class CoderHolder:
    """The coder and its one worker thread (the spaCy pipeline is not meant for concurrent
    calls). ``factory`` builds it; tests pass a stand-in.

    :meth:`start` loads it in that thread at server start (``state``: ``loading`` →
    ``ready`` or ``failed``), so readiness can be reported on ``/api/health``. At most
    ``max_pending`` jobs (running or queued) are accepted: :meth:`submit` returns ``None``
    beyond that. A job whose request timed out is cancelled through its ``cancel`` event:
    if still queued it never runs, if running it stops before its next article, and until
    it stops it keeps its place in the count, so timed-out work can never pile up.
    """

    def __init__(self, factory: Callable[[], Any], *, max_pending: int = 2) -> None:
        self._factory = factory
        self._coder: Any = None
        self.state = "idle"
        self.max_pending = max(1, max_pending)
        self.pending = 0
        self.abandoned = 0
        """Jobs stopped early because their request had timed out."""
        self._guard = threading.Lock()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="casus-coder")

    def start(self) -> None:
        """Begin loading the coder in the worker thread (once)."""
        with self._guard:
            if self.state != "idle":
                return
            self.state = "loading"
        self._executor.submit(self._load)

    def _load(self) -> Any:
        if self._coder is None:
            try:
                self._coder = self._factory()
            except Exception:
                self.state = "failed"
                raise
            self.state = "ready"
        return self._coder

    def submit(
        self, articles: Sequence[Article], cancel: threading.Event
    ) -> Future[list[Article | CodingError]] | None:
        """Queue a coding job, or ``None`` when ``max_pending`` jobs are already waiting."""
        with self._guard:
            if self.pending >= self.max_pending:
                return None
            self.pending += 1
        future = self._executor.submit(self._run, list(articles), cancel)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _: object) -> None:
        with self._guard:
            self.pending -= 1

    def _run(self, articles: list[Article], cancel: threading.Event) -> list[Article | CodingError]:
        coder = self._load()
        out: list[Article | CodingError] = []
        for article in articles:
            if cancel.is_set():
                self.abandoned += 1
                break
            try:
                out.extend(coder.code([article]))
            except Exception as exc:  # one article's failure is reported, not raised
                out.append(coding_failure(article.id, exc))
        return out

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)
