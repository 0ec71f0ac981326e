"""Core commands (issue #2): ``ingest``, ``code``, ``events``, ``articles``, ``stats``, ``demo``."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

import typer

from ..errors import CasusError, InputError
from ..settings import Settings
from .base import QUICK_EXIT, _DateOption, _DbOption, _WaitOption, app
from .output import (
    EVENT_FORMATS,
    UNBOUNDED,
    DelayedProgress,
    EventWriter,
    events_table,
    records_table,
)
from .output import out_console as _out_console
from .support import Skips
from .support import check_inputs as _check_inputs
from .support import choice as _choice
from .support import fail as _fail
from .support import ingest_and_report as _ingest
from .support import load_coder as _coder
from .support import open_output as _output
from .support import parse_date as _parse_date
from .support import report as _report
from .support import stderr_console as _stderr
from .support import write_pending as _write_pending
from .support import writing_store as _writing_store


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(None, help="Files, folders, or - for JSONL on stdin."),
    db: Path | None = _DbOption,
    date: str | None = _DateOption,
    from_parquet: Path | None = typer.Option(
        None, "--from-parquet", help="Load the --out folder of `casus batch` (no re-coding)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List each skipped file."),
    wait: float | None = _WaitOption,
) -> None:
    """Read, code and store articles (re-ingesting an article replaces it, never duplicates).

    Without PATH: store the articles earlier runs kept in DB.pending/ (database was locked).

    Example: casus ingest ../shared/seed/article-403.txt news/ --db events.duckdb
    Example: casus ingest --from-parquet out/
    """
    from ..ingest import iter_articles

    try:
        settings = Settings.load(db=db, write_wait=wait)
        if from_parquet is not None:
            _load_parquet(from_parquet, settings, paths or [])
            return
        if not paths:
            _write_pending(settings)
            return
        default_date = _parse_date(date, "--date")
        _check_inputs(paths)  # before the model and tables load
        skips = Skips(verbose)
        items = iter_articles(paths, settings=settings, default_date=default_date, on_skip=skips)
        read = _ingest(items, settings, command="ingest " + " ".join(paths))
        skips.print()
    except CasusError as err:
        raise _fail(err) from None
    if read == 0:
        raise typer.Exit(1)


def _load_parquet(folder: Path, settings: Settings, paths: Sequence[str]) -> None:
    from ..store import RunCounts

    if paths:
        raise InputError("give either PATH... or --from-parquet, not both")
    store = _writing_store(settings)
    store.write_pending()
    # the lexicon that coded the Parquet is the batch run's, not necessarily this install's
    run_id = store.start_run(settings, "batch", command=f"ingest --from-parquet {folder}")
    articles, events = store.load_parquet(folder, run_id=run_id)
    store.finish_run(run_id, RunCounts(articles, events, 0))
    _stderr().print(
        f"{articles} articles, {events} events loaded from {folder} → {settings.db}", markup=False
    )


@app.command("code")
def code_command(
    paths: list[str] = typer.Argument(..., help="Files, folders, or - for JSONL on stdin."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl, json, csv or table."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
    date: str | None = _DateOption,
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List each skipped file."),
) -> None:
    """Read and code articles; print one CONTRACT event record a line. No database.

    Example: casus code ../shared/seed/article-403.txt --format jsonl
    """
    try:
        _choice(fmt, EVENT_FORMATS, "--format")
        date_value = _parse_date(date, "--date")
        _check_inputs(paths)  # before the model and tables load
        from ..ingest import iter_articles
        from .jobs import code_items

        settings = Settings.load()
        skips = Skips(verbose)
        items = iter_articles(paths, settings=settings, default_date=date_value, on_skip=skips)
        coder = _coder(settings)
        read = 0
        with _output(output) as stream, DelayedProgress(_stderr(), "coding") as progress:
            writer = EventWriter(stream, fmt)
            for article in code_items(items, coder, on_error=_report):
                read += 1
                progress.advance(1, len(article.events))
                writer.write(article.events)
            writer.close()
        skips.print()
    except CasusError as err:
        raise _fail(err) from None
    QUICK_EXIT[0] = True  # nothing left to close: main() may skip the interpreter teardown
    if read == 0:
        raise typer.Exit(1)


@app.command("events")
def events_command(
    db: Path | None = _DbOption,
    actor: str | None = typer.Option(None, "--actor", help="Code prefix, country or name."),
    dyad: tuple[str, str] | None = typer.Option(
        None, "--dyad", help="Two actors (countries or codes), either direction."
    ),
    directed: bool = typer.Option(False, "--directed", help="--dyad only from A to B."),
    since: str | None = typer.Option(None, "--since", help="From this date, YYYY-MM-DD."),
    until: str | None = typer.Option(None, "--until", help="Up to this date, YYYY-MM-DD."),
    cameo: str | None = typer.Option(None, "--cameo", help="CAMEO code prefix, e.g. 19."),
    plover: str | None = typer.Option(None, "--plover", help="PLOVER type, e.g. ASSAULT."),
    quad: int | None = typer.Option(None, "--quad", min=1, max=4, help="Quad class 1-4."),
    place: str | None = typer.Option(None, "--place", help="Location name or ISO3 country."),
    text: str | None = typer.Option(None, "--text", help="Words in the evidence sentence."),
    limit: int = typer.Option(100, "--limit", min=0, help="At most this many events."),
    after: str | None = typer.Option(None, "--after", help="Cursor: the last event_id seen."),
    fmt: str = typer.Option("table", "--format", help="table, jsonl, json or csv."),
    output: Path | None = typer.Option(None, "--output", "-o", help="Write here, not stdout."),
) -> None:
    """Query stored events.

    Example: casus events --dyad ISR IRN --since 2025-06-13 --plover ASSAULT --format jsonl
    """
    from ..store import EventQuery, Store

    try:
        _choice(fmt, EVENT_FORMATS, "--format")
        query = EventQuery(
            actor=actor,
            dyad=(dyad[0], dyad[1]) if dyad and all(dyad) else None,
            directed=directed,
            since=_parse_date(since, "--since"),
            until=_parse_date(until, "--until"),
            cameo=cameo,
            plover=plover,
            quad=quad,
            place=place,
            text=text,
            limit=limit,
            after=after,
            order="event_id" if after else "date",
        )
        found = Store(Settings.load(db=db).db, read_only=True).events(query)
        with _output(output) as stream:
            writer = EventWriter(stream, fmt)
            writer.write(found)
            writer.close()
    except CasusError as err:
        raise _fail(err) from None


@app.command("articles")
def articles_command(
    db: Path | None = _DbOption,
    limit: int = typer.Option(50, "--limit", min=0, help="At most this many, newest first."),
    fmt: str = typer.Option("table", "--format", help="table, jsonl or csv."),
) -> None:
    """List stored articles: id, date, outlet, title, sentences and events.

    Example: casus articles --limit 10
    """
    from ..store import Store

    columns = ("id", "date", "outlet", "title", "n_sentences", "n_events")
    try:
        _choice(fmt, ("table", "jsonl", "csv"), "--format")
        rows = [
            s.to_dict()
            for s in Store(Settings.load(db=db).db, read_only=True).article_summaries(limit=limit)
        ]
    except CasusError as err:
        raise _fail(err) from None
    if fmt == "jsonl":
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=[*columns, "origin"])
        writer.writeheader()
        writer.writerows(rows)
    else:
        _out_console().print(records_table(rows, columns, title=f"{len(rows)} articles"))


@app.command("stats")
def stats_command(
    db: Path | None = _DbOption,
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Counts of stored articles, sentences, events and runs.

    Example: casus stats --db events.duckdb
    """
    from ..store import Store

    try:
        _choice(fmt, ("table", "json"), "--format")
        stats = Store(Settings.load(db=db).db, read_only=True).stats()
    except CasusError as err:
        raise _fail(err) from None
    data = stats.to_dict()
    if fmt == "json":
        typer.echo(json.dumps(data, indent=1))
        return
    rows = [{"what": k, "value": v} for k, v in data.items() if not isinstance(v, dict)]
    rows += [{"what": f"events in quad {q}", "value": n} for q, n in data["by_quad"].items()]
    rows += [
        {"what": f"events with CAMEO root {c}", "value": n} for c, n in data["top_codes"].items()
    ]
    _out_console().print(records_table(rows, ("what", "value")))


@app.command("demo")
def demo_command(
    db: Path | None = _DbOption,
    limit: int = typer.Option(20, "--limit", min=1, help="Events shown in the table."),
    wait: float | None = _WaitOption,
) -> None:
    """Ingest the bundled sample articles and show their events and dyads.

    Example: casus demo --db demo.duckdb
    """
    from ..ingest import iter_samples
    from ..store import EventQuery, Store

    try:
        settings = Settings.load(db=db, write_wait=wait)
        _ingest(iter_samples(settings), settings, command="demo")
        store = Store(settings.db, read_only=True)
        found = store.events(EventQuery(limit=limit, order="date"))
        dyads = [d.to_dict() for d in store.dyad_counts(limit=15)]
    except CasusError as err:
        raise _fail(err) from None
    console = _out_console()
    fit = console.width < UNBOUNDED
    console.print(events_table(found, title=f"events (first {len(found)} by date)", fit=fit))
    console.print(records_table(dyads, ("a", "b", "events", "first", "last"), title="dyads"))
