"""Output of the core CLI commands: event records as JSON Lines, JSON, CSV or a rich table,
and a progress display on stderr that appears only after a second and only on a terminal."""

from __future__ import annotations

import csv
import json
import os
import time
from collections.abc import Iterable, Sequence
from types import TracebackType
from typing import IO, Any

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..model import Event
from ..store.records import CONTRACT_COLUMNS

__all__ = [
    "CSV_COLUMNS",
    "EVENT_FORMATS",
    "DelayedProgress",
    "EventWriter",
    "events_table",
    "out_console",
    "records_table",
]

EVENT_FORMATS = ("jsonl", "json", "csv", "table")
CSV_COLUMNS = CONTRACT_COLUMNS
"""Columns of CSV output: the CONTRACT fields flattened, as the ``events`` table names them."""


UNBOUNDED = 100_000
"""Width of a console off a terminal: tables then take the width of their content."""


def out_console(stream: IO[str] | None = None) -> Console:
    """A console on ``stream`` (standard output by default) for tables people read.

    On a terminal rich fits tables to its width. Off a terminal (``| less``, a file) rich would
    assume 80 columns and cut cells (``sample-…``): there the width is ``COLUMNS`` when the user
    set it, else unbounded, so each table is as wide as its content and keeps every cell.
    """
    console = Console(file=stream)
    if console.is_terminal or os.environ.get("COLUMNS", "").strip().isdigit():
        return console
    return Console(file=stream, width=UNBOUNDED)


def _csv_value(value: object) -> object:
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value)
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _actor(part: Any) -> str:
    if part is None:
        return "-"
    return str(part.code or part.name or part.text)


def events_table(events: Sequence[Event], *, title: str | None = None, fit: bool = True) -> Table:
    """A rich table of events, one line each: date, source and target codes, CAMEO and
    PLOVER, place, trigger words and ``article:sentence`` of the evidence. With ``fit``
    (a bounded width) long trigger words are cut at 22 characters, else kept whole."""
    table = Table(title=title, header_style="bold")
    for name in ("date", "source", "cameo", "plover", "target", "where"):
        table.add_column(name, no_wrap=True)
    table.add_column("trigger", no_wrap=True, max_width=22 if fit else None, overflow="ellipsis")
    table.add_column("evidence", no_wrap=True)
    for e in events:
        table.add_row(
            e.date.isoformat() if e.date else "-",
            _actor(e.source),
            e.cameo,
            e.plover or "-",
            _actor(e.target),
            e.location.name if e.location else "-",
            e.evidence.trigger,
            f"{e.article_id}:{e.sentence_index}",
        )
    return table


def records_table(
    rows: Iterable[dict[str, Any]], columns: Sequence[str], *, title: str | None = None
) -> Table:
    table = Table(title=title, header_style="bold")
    for name in columns:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*("-" if row.get(c) is None else str(row.get(c)) for c in columns))
    return table


class EventWriter:
    """Writes events to a stream as ``jsonl``, ``json``, ``csv`` or ``table``.

    JSON Lines and CSV stream one event at a time; ``json`` and ``table`` collect and write
    on :meth:`close`.
    """

    def __init__(self, stream: IO[str], fmt: str, *, console: Console | None = None) -> None:
        if fmt not in EVENT_FORMATS:
            raise ValueError(f"unknown format {fmt!r}")
        self.stream = stream
        self.fmt = fmt
        self.count = 0
        self._held: list[Event] = []
        self._console = console or out_console(stream)
        self._csv: csv.DictWriter[str] | None = None
        if fmt == "csv":
            self._csv = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            self._csv.writeheader()

    def write(self, events: Iterable[Event]) -> None:
        for event in events:
            self.count += 1
            if self.fmt == "jsonl":
                self.stream.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
            elif self._csv is not None:
                row = event.to_row()
                self._csv.writerow({c: _csv_value(row.get(c)) for c in CSV_COLUMNS})
            else:
                self._held.append(event)

    def close(self) -> None:
        if self.fmt == "json":
            json.dump([e.to_dict() for e in self._held], self.stream, ensure_ascii=False, indent=2)
            self.stream.write("\n")
        elif self.fmt == "table":
            if self._held:
                fit = self._console.width < UNBOUNDED
                self._console.print(events_table(self._held, fit=fit))
            else:
                self._console.print("no events")
        self.stream.flush()


class DelayedProgress:
    """A spinner with counts on stderr, shown only on a terminal and only after ``delay``
    seconds, so quick runs and pipes stay quiet."""

    def __init__(self, console: Console, label: str, *, delay: float = 1.0) -> None:
        self.console = console
        self.label = label
        self.delay = delay
        self.enabled = console.is_terminal
        self.started = time.monotonic()
        self.articles = 0
        self.events = 0
        self._progress: Progress | None = None
        self._task: Any = None

    def __enter__(self) -> DelayedProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._progress is not None:
            self._progress.stop()

    def advance(self, articles: int = 1, events: int = 0) -> None:
        self.articles += articles
        self.events += events
        if not self.enabled:
            return
        if self._progress is None:
            if time.monotonic() - self.started < self.delay:
                return
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(self.label)
        self._progress.update(
            self._task,
            description=f"{self.label}: {self.articles} articles, {self.events} events",
        )
