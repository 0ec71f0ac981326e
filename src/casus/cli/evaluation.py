"""Commands ``evaluate`` and ``bench`` (issue #3)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import CasusError
from ..settings import Settings
from .base import app
from .support import choice as _choice
from .support import fail as _fail

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
    from .. import evaluate as ev

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
    from ..bench import format_bench, run_bench

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
