"""Command ``batch`` (issue #8): code many articles on Dask into Parquet."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import CasusError
from ..settings import Settings
from .base import app
from .support import fail as _fail
from .support import report as _report
from .support import stderr_console as _stderr


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

    from .. import batch

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

    def started(total: int | None, dashboard: str | None) -> None:
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
