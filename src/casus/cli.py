"""casus command line: thin Typer commands over library functions.

Each issue adds its commands inside its own marked section below; keep to your section.
Errors: every :class:`~casus.errors.CasusError` becomes one ``error: ...`` line on stderr and
exit code 1, never a traceback. Heavy modules (spaCy, DuckDB) are imported inside commands.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.console import Console

from ._cli_output import EVENT_FORMATS, DelayedProgress, EventWriter, events_table, records_table
from ._cli_support import choice as _choice
from ._cli_support import fail as _fail
from ._cli_support import ingest_and_report as _ingest
from ._cli_support import load_coder as _coder
from ._cli_support import open_output as _output
from ._cli_support import parse_date as _parse_date
from ._cli_support import print_version as _version
from ._cli_support import report as _report
from ._cli_support import stderr_console as _stderr
from .errors import CasusError, InputError
from .model import Article
from .settings import Settings

app = typer.Typer(
    help="casus: who did what to whom, when and where: political events from news text.\n\n"
    "Example: casus ingest news/ && casus events --actor RUS --since 2025-06-01",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

# --- core commands: ingest, code, events, articles, stats, demo (issue #2) ---

_DbOption = typer.Option(
    None, "--db", help="DuckDB file (default ./casus.duckdb, or the CASUS_DB variable)."
)
_DateOption = typer.Option(
    None, "--date", help="Publication date YYYY-MM-DD for articles that carry none."
)


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    """casus: who did what to whom, when and where: political events from news text.

    Example: casus demo
    """


@app.command("ingest")
def ingest_command(
    paths: list[str] = typer.Argument(None, help="Files, folders, or - for JSONL on stdin."),
    db: Path | None = _DbOption,
    date: str | None = _DateOption,
    from_parquet: Path | None = typer.Option(
        None, "--from-parquet", help="Load the --out folder of `casus batch` (no re-coding)."
    ),
) -> None:
    """Read, code and store articles (re-ingesting an article replaces it, never duplicates).

    Example: casus ingest ../shared/seed/article-403.txt news/ --db events.duckdb
    Example: casus ingest --from-parquet out/
    """
    from .ingest import iter_articles

    try:
        settings = Settings.load(db=db)
        if from_parquet is not None:
            _load_parquet(from_parquet, settings, paths or [])
            return
        if not paths:
            raise InputError("nothing to ingest", hint="give PATH... or --from-parquet DIR")
        items = iter_articles(paths, settings=settings, default_date=_parse_date(date, "--date"))
        read = _ingest(items, settings, command="ingest " + " ".join(paths))
    except CasusError as err:
        raise _fail(err) from None
    if read == 0:
        raise typer.Exit(1)


def _load_parquet(folder: Path, settings: Settings, paths: Sequence[str]) -> None:
    from .store import RunCounts, Store

    if paths:
        raise InputError("give either PATH... or --from-parquet, not both")
    store = Store(settings.db)
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
) -> None:
    """Read and code articles; print one CONTRACT event record a line. No database.

    Example: casus code ../shared/seed/article-403.txt --format jsonl
    """
    from ._jobs import code_items
    from .ingest import iter_articles

    try:
        _choice(fmt, EVENT_FORMATS, "--format")
        settings = Settings.load()
        items = iter_articles(paths, settings=settings, default_date=_parse_date(date, "--date"))
        coder = _coder(settings)
        read = 0
        with _output(output) as stream, DelayedProgress(_stderr(), "coding") as progress:
            writer = EventWriter(stream, fmt)
            for article in code_items(items, coder, on_error=_report):
                read += 1
                progress.advance(1, len(article.events))
                writer.write(article.events)
            writer.close()
    except CasusError as err:
        raise _fail(err) from None
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
    from .store import EventQuery, Store

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
    from .store import Store

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
        Console().print(records_table(rows, columns, title=f"{len(rows)} articles"))


@app.command("stats")
def stats_command(
    db: Path | None = _DbOption,
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Counts of stored articles, sentences, events and runs.

    Example: casus stats --db events.duckdb
    """
    from .store import Store

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
    Console().print(records_table(rows, ("what", "value")))


@app.command("demo")
def demo_command(
    db: Path | None = _DbOption,
    limit: int = typer.Option(20, "--limit", min=1, help="Events shown in the table."),
) -> None:
    """Ingest the bundled sample articles and show their events and dyads.

    Example: casus demo --db demo.duckdb
    """
    from .ingest import iter_samples
    from .store import EventQuery, Store

    try:
        settings = Settings.load(db=db)
        _ingest(iter_samples(settings), settings, command="demo")
        store = Store(settings.db, read_only=True)
        found = store.events(EventQuery(limit=limit, order="date"))
        dyads = [d.to_dict() for d in store.dyad_counts(limit=15)]
    except CasusError as err:
        raise _fail(err) from None
    console = Console()
    console.print(events_table(found, title=f"events (first {len(found)} by date)"))
    console.print(records_table(dyads, ("a", "b", "events", "first", "last"), title="dyads"))


# --- evaluate, bench (issue #3) ---

_REPORT_FORMATS = ("table", "json")


@app.command("evaluate")
def evaluate_command(
    gold: Path = typer.Argument(..., help="Gold JSONL: {id, text, date, events: [...]} a line."),
    scheme: str = typer.Option("plover", "--scheme", help="Event types: plover or cameo."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    errors: int = typer.Option(0, "--errors", min=0, help="Also show the N worst records."),
) -> None:
    """Code gold records with the real pipeline; print P/R/F1 for types, triples and dyads.

    Example: casus evaluate ../shared/gold/plover_dev.jsonl --errors 10
    """
    from . import evaluate as ev

    try:
        _choice(scheme, ev.SCHEMES, "--scheme")
        _choice(fmt, _REPORT_FORMATS, "--format")
        result = ev.evaluate_file(gold, scheme=ev.as_scheme(scheme), settings=Settings.load())
    except CasusError as err:
        raise _fail(err) from None
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(errors=errors), ensure_ascii=False, indent=1))
    else:
        typer.echo(ev.format_report(result, errors=errors))


@app.command("bench")
def bench_command(
    corpus: list[str] = typer.Argument(..., help="Files or folders to code (JSONL, text, ...)."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Code the first N articles."),
    repeat: int = typer.Option(1, "--repeat", min=1, help="Runs; stage times are the median."),
    no_store: bool = typer.Option(False, "--no-store", help="Skip the database stage."),
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Code a corpus end to end: throughput, time per stage, peak memory, spaCy floor.

    Example: casus bench ../shared/corpus/ipe_docs.jsonl --limit 200 --repeat 3
    """
    from .bench import format_bench, run_bench

    try:
        _choice(fmt, _REPORT_FORMATS, "--format")
        result = run_bench(
            corpus, limit=limit, repeat=repeat, settings=Settings.load(), store=not no_store
        )
    except CasusError as err:
        raise _fail(err) from None
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), indent=1))
    else:
        typer.echo(format_bench(result))


# --- places (issue #5) ---


@app.command("places")
def places_command(
    source: str = typer.Argument(..., help="A file or folder to read, or the text itself."),
    date: str | None = _DateOption,
    fmt: str = typer.Option("table", "--format", help="table or json."),
) -> None:
    """Show the places found in a text, their candidate readings and scores, and the date and
    place each event got (debugging the when/where stages).

    Example: casus places "Gunmen clashed in Tripoli, Lebanon on Friday." --date 2025-06-14
    """
    from ._where_report import format_places, places_report
    from .ingest import iter_articles, read_text_article

    try:
        _choice(fmt, ("table", "json"), "--format")
        settings = Settings.load()
        default = _parse_date(date, "--date")
        items: Iterable[Article | InputError]
        if Path(source).exists() or source == "-":
            items = iter_articles([source], settings=settings, default_date=default)
        else:
            text = read_text_article(
                source, origin="argument", default_date=default, settings=settings
            )
            items = [text]
        articles: list[Article] = []
        for item in items:
            if isinstance(item, Article):
                articles.append(item)
            else:
                _report(item)
        if not articles:
            raise typer.Exit(1)
        coder = _coder(settings)
        reports = [places_report(a, coder.gazetteer) for a in coder.code(articles)]
    except CasusError as err:
        raise _fail(err) from None
    if fmt == "json":
        typer.echo(json.dumps(reports, ensure_ascii=False, indent=1))
    else:
        typer.echo("\n\n".join(format_places(r) for r in reports))


# --- dyad, watch, mediation, export (issue #6) ---

_SinceOption = typer.Option(None, "--since", help="From this date, YYYY-MM-DD.")
_UntilOption = typer.Option(None, "--until", help="Up to this date, YYYY-MM-DD.")
_DedupOption = typer.Option(
    "none", "--dedup", help="none (every event), daily (one per dyad/root/day) or incident."
)

if TYPE_CHECKING:
    from .store import Store


def _analysis_store(db: Path | None) -> Store:
    from .store import Store

    return Store(Settings.load(db=db).db, read_only=True)


@app.command("dyad")
def dyad_command(
    a: str = typer.Argument(..., help="First actor: ISO3 code or country name."),
    b: str = typer.Argument(..., help="Second actor: ISO3 code or country name."),
    db: Path | None = _DbOption,
    since: str | None = _SinceOption,
    until: str | None = _UntilOption,
    by: str = typer.Option("day", "--by", help="day, week or month."),
    directed: bool = typer.Option(False, "--directed", help="Only events from A to B."),
    dedup: str = _DedupOption,
    fmt: str = typer.Option("table", "--format", help="table, csv or jsonl."),
) -> None:
    """Events between two countries per period: quad classes, Goldstein, incidents.

    Example: casus dyad ISR IRN --by day --since 2025-06-01 --dedup incident
    """
    from . import analysis
    from ._analysis_cli import print_series

    try:
        _choice(fmt, ("table", "csv", "jsonl"), "--format")
        rows = analysis.dyad_series(
            _analysis_store(db),
            a,
            b,
            since=_parse_date(since, "--since"),
            until=_parse_date(until, "--until"),
            by=by,
            directed=directed,
            dedup=dedup,
        )
        arrow = "→" if directed else "–"
        title = f"{a} {arrow} {b} by {by} (dedup {dedup})"
        print_series(rows, fmt, sys.stdout, title=title)
    except CasusError as err:
        raise _fail(err) from None


@app.command("watch")
def watch_command(
    db: Path | None = _DbOption,
    since: str | None = _SinceOption,
    until: str | None = _UntilOption,
    limit: int = typer.Option(10, "--limit", min=1, help="At most this many dyads."),
    by: str = typer.Option("week", "--by", help="Period: day, week or month."),
    baseline: int = typer.Option(4, "--baseline", min=1, help="Baseline periods before it."),
    min_count: int = typer.Option(3, "--min-count", min=1, help="Fewest events in a period."),
    dedup: str = typer.Option("daily", "--dedup", help="none or daily."),
    min_index: float = typer.Option(0.0, "--min-index", help="List only indices above this."),
    fmt: str = typer.Option("table", "--format", help="table or jsonl."),
) -> None:
    """Dyads whose escalation index rose most, with their top incidents and evidence.

    Example: casus watch --since 2025-06-01 --limit 5
    """
    from . import analysis
    from ._analysis_cli import print_watch

    try:
        _choice(fmt, ("table", "jsonl"), "--format")
        items = analysis.watch(
            _analysis_store(db),
            since=_parse_date(since, "--since"),
            until=_parse_date(until, "--until"),
            limit=limit,
            by=by,
            baseline=baseline,
            min_count=min_count,
            dedup=dedup,
            min_index=min_index,
        )
        print_watch(items, fmt, sys.stdout)
    except CasusError as err:
        raise _fail(err) from None


@app.command("mediation")
def mediation_command(
    db: Path | None = _DbOption,
    since: str | None = _SinceOption,
    until: str | None = _UntilOption,
    limit: int = typer.Option(100, "--limit", min=1, help="At most this many, newest first."),
    fmt: str = typer.Option("table", "--format", help="table, csv or jsonl."),
) -> None:
    """Third parties offering, attempting or urging mediation, the parties and evidence.

    Example: casus mediation --since 2025-06-01
    """
    from . import analysis
    from ._analysis_cli import print_mediation

    try:
        _choice(fmt, ("table", "csv", "jsonl"), "--format")
        items = analysis.mediation(
            _analysis_store(db),
            since=_parse_date(since, "--since"),
            until=_parse_date(until, "--until"),
            limit=limit,
        )
        print_mediation(items, fmt, sys.stdout)
    except CasusError as err:
        raise _fail(err) from None


@app.command("incidents")
def incidents_command(
    db: Path | None = _DbOption,
    dyad: tuple[str, str] | None = typer.Option(
        None, "--dyad", help="Two countries (ISO3 or names), either direction."
    ),
    directed: bool = typer.Option(False, "--directed", help="--dyad only from A to B."),
    since: str | None = _SinceOption,
    until: str | None = _UntilOption,
    root: str | None = typer.Option(None, "--root", help="CAMEO root, e.g. 19."),
    min_reports: int = typer.Option(1, "--min-reports", min=1, help="Fewest reports."),
    limit: int = typer.Option(50, "--limit", min=1, help="At most this many, newest first."),
    fmt: str = typer.Option("table", "--format", help="table, csv or jsonl."),
) -> None:
    """Incidents: events that report the same real-world event, with report counts.
    Without --dyad and --since: the 30 days up to the latest stored event.

    Example: casus incidents --dyad ISR IRN --since 2025-06-01 --min-reports 2
    """
    from . import analysis
    from ._analysis_cli import print_incidents

    try:
        _choice(fmt, ("table", "csv", "jsonl"), "--format")
        pair = (dyad[0], dyad[1]) if dyad and all(dyad) else (None, None)
        store = _analysis_store(db)
        start = _parse_date(since, "--since")
        if start is None and pair[0] is None:
            last = analysis.latest_date(store)
            start = last - dt.timedelta(days=30) if last else None
        items = analysis.incidents(
            store,
            pair[0],
            pair[1],
            since=start,
            until=_parse_date(until, "--until"),
            directed=directed,
            cameo_root=root,
            min_reports=min_reports,
            limit=limit,
        )
        print_incidents(items, fmt, sys.stdout)
    except CasusError as err:
        raise _fail(err) from None


@app.command("export")
def export_command(
    path: Path = typer.Argument(..., help="Output file (a new folder for parquet)."),
    fmt: str = typer.Option(..., "--format", help="gdelt, plover, parquet or csv."),
    db: Path | None = _DbOption,
) -> None:
    """Export every stored event: GDELT 2.0 TSV, PLOVER JSONL, Parquet by month, or CSV.

    Example: casus export --format gdelt events.tsv
    """
    from . import analysis

    try:
        n = analysis.export(_analysis_store(db), fmt, path)
    except CasusError as err:
        raise _fail(err) from None
    _stderr().print(f"{n} events → {path} ({fmt})", markup=False)


# --- serve (issue #7) ---


@app.command("serve")
def serve_command(
    db: Path | None = typer.Option(None, "--db", help="DuckDB file to serve (default: CASUS_DB)."),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest", help="Enable POST /api/ingest (needs CASUS_TOKEN)."
    ),
    tiles: str = typer.Option(
        "https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "--tiles",
        envvar="CASUS_TILES",
        help="Map tile URL template, or 'none' for bundled country outlines only.",
    ),
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/).

    Example: casus serve --db events.duckdb --port 8000
    """
    from .api import create_app, run
    from .errors import CasusError

    try:
        settings = Settings.load(db=db)
        app = create_app(settings, allow_ingest=allow_ingest, tiles=tiles)
        typer.echo(f"casus: serving {settings.db} on http://{host}:{port}/", err=True)
        run(app, host=host, port=port)
    except CasusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None


# --- batch (issue #8) ---


@app.command("batch")
def batch_command(
    inputs: list[str] = typer.Argument(
        ..., help="Files, folders, JSONL, or Parquet (id,text,date)."
    ),
    out: Path = typer.Option(..., "--out", help="Output folder for Parquet and the manifest."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Address of a running Dask scheduler (tcp://host:port)."
    ),
    workers: int = typer.Option(2, "--workers", min=1, help="Local worker processes."),
    partition_size: int = typer.Option(200, "--partition-size", min=1, help="Articles a task."),
    memory_limit: str = typer.Option("2GB", "--memory-limit", help="Memory limit per worker."),
) -> None:
    """Code many articles on Dask into month-partitioned Parquet; safe to stop and re-run.

    Example: casus batch ../shared/corpus/ipe_docs.jsonl --out out/ --workers 2
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from . import batch

    console = _stderr()
    progress = Progress(
        "[progress.description]{task.description}",
        BarColumn(),
        MofNCompleteColumn(),
        "articles",
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
    )
    task = progress.add_task("coding", total=None)

    def started(total: int, dashboard: str | None) -> None:
        if dashboard:
            console.print(f"Dask dashboard: {dashboard}", markup=False)
        progress.update(task, total=total)

    try:
        with progress:
            result = batch.run_batch(
                inputs,
                out,
                settings=Settings.load(),
                scheduler=scheduler,
                workers=workers,
                partition_size=partition_size,
                memory_limit=memory_limit,
                on_error=_report,
                on_progress=lambda n, total: progress.update(task, completed=n, total=total),
                on_start=started,
            )
    except CasusError as err:
        raise _fail(err) from None
    console.print(
        f"{result.articles} articles, {result.events} events in {result.partitions} partitions "
        f"({result.skipped} already done) → {result.out} in {result.seconds:.1f}s; "
        f"{result.coded} coded at {result.articles_per_second:.1f} articles/s "
        f"on {result.workers} workers once they were up"
    )
    if result.articles == 0 and result.errors:
        raise typer.Exit(1)


def main() -> None:
    """Entry point of the ``casus`` command: a CasusError is one line on stderr, exit 1."""
    try:
        app()
    except CasusError as err:
        _report(err)
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
