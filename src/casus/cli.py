"""casus command line: thin Typer commands over library functions. STUB (issue #2 fills it).

Each issue adds its commands inside its own marked section below; keep to your section.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from .settings import Settings

app = typer.Typer(
    help="casus: who did what to whom, when and where: political events from news text.",
    no_args_is_help=True,
    add_completion=False,
)

# --- core commands: ingest, code, events, articles, stats, demo (issue #2) ---

# --- evaluate, bench (issue #3) ---


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
    import json

    from . import evaluate as ev
    from .errors import CasusError, InputError

    try:
        if scheme not in ev.SCHEMES:
            raise InputError(f"unknown scheme {scheme!r}", where="--scheme", hint="plover or cameo")
        if fmt not in ("table", "json"):
            raise InputError(f"unknown format {fmt!r}", where="--format", hint="table or json")
        result = ev.evaluate_file(gold, scheme=scheme, settings=Settings.load())
    except CasusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
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
    import json

    from .bench import format_bench, run_bench
    from .errors import CasusError, InputError

    try:
        if fmt not in ("table", "json"):
            raise InputError(f"unknown format {fmt!r}", where="--format", hint="table or json")
        result = run_bench(
            corpus, limit=limit, repeat=repeat, settings=Settings.load(), store=not no_store
        )
    except CasusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), indent=1))
    else:
        typer.echo(format_bench(result))


# --- places (issue #5) ---

# --- dyad, watch, mediation, export (issue #6) ---

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
    from .api import serve
    from .errors import CasusError

    try:
        settings = Settings.load(db=db)
        typer.echo(f"casus: serving {settings.db} on http://{host}:{port}/", err=True)
        serve(settings, host=host, port=port, allow_ingest=allow_ingest, tiles=tiles)
    except CasusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None


# --- batch (issue #8) ---


@app.command("batch")
def batch_command(
    inputs: list[str] = typer.Argument(..., help="Files, folders, JSONL, or Parquet (id,text,date)."),
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
    from .errors import CasusError

    console = Console(stderr=True)
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
            console.print(f"Dask dashboard: {dashboard}")
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
                on_error=lambda err: console.print(f"error: {err}", markup=False, highlight=False),
                on_progress=lambda n, total: progress.update(task, completed=n, total=total),
                on_start=started,
            )
    except CasusError as err:
        console.print(f"error: {err}", markup=False, highlight=False)
        raise typer.Exit(1) from None
    console.print(
        f"{result.articles} articles, {result.events} events in {result.partitions} partitions "
        f"({result.skipped} already done) → {result.out} in {result.seconds:.1f}s "
        f"({result.articles_per_second:.1f} articles/s on {result.workers} workers)"
    )
    if result.articles == 0 and result.errors:
        raise typer.Exit(1)


def main() -> None:
    app()
