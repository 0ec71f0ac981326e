"""Commands ``evaluate`` and ``bench`` (issue #3)."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from ..errors import CasusError, InputError
from ..settings import Settings
from .base import app
from .support import check_inputs
from .support import choice as _choice
from .support import fail as _fail

_REPORT_FORMATS = ("table", "json")


@app.command("evaluate")
def evaluate_command(
    gold: Path = typer.Argument(..., help="Gold JSONL: {id, text, date, events: [...]} a line."),
    scheme: str = typer.Option(
        "auto", "--scheme", help="Event types: plover, cameo (at root), or auto from the gold."
    ),
    keep_01: bool = typer.Option(
        False, "--keep-01", help="CAMEO: also score root 01 (left out by default)."
    ),
    fmt: str = typer.Option("table", "--format", help="table or json."),
    errors: int = typer.Option(0, "--errors", min=0, help="Also show the N worst records."),
) -> None:
    """Code gold records with the real pipeline; print P/R/F1 for types, triples and dyads.

    CAMEO gold is scored at root level, actors at country level, root 01 left out.

    Example: casus evaluate ../shared/gold/news_dev.jsonl --errors 10
    """
    try:
        _choice(scheme, ("plover", "cameo", "auto"), "--scheme")
        _choice(fmt, _REPORT_FORMATS, "--format")
        if not gold.is_file():  # before the model and tables load
            raise InputError("no such file", where=str(gold), hint="check the path and spelling")
        from .. import evaluate as ev

        result = ev.evaluate_file(
            gold,
            scheme=None if scheme == "auto" else ev.as_scheme(scheme),
            settings=Settings.load(),
            keep_01=keep_01,
        )
    except CasusError as err:
        raise _fail(err) from None
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(errors=errors), ensure_ascii=False, indent=1))
    else:
        typer.echo(ev.format_report(result, errors=errors))


@app.command("train")
def train_command(
    gold: Path = typer.Argument(..., help="Article-level CAMEO gold JSONL (news_train.jsonl)."),
    output: Path = typer.Option(
        None, "--output", help="Model file to write (default: the package's data/roles.json)."
    ),
) -> None:
    """Learn which actor fills an empty source or target, from article-level gold.

    Train on news_train.jsonl only, then score news_dev.jsonl with casus evaluate.

    Example: casus train ../shared/gold/news_train.jsonl --output /tmp/roles.json
    """
    from ..evaluate.train import default_output, train

    target = output or default_output()
    try:
        if not gold.is_file():
            raise InputError(f"{gold}: no such file", hint="give article-level CAMEO gold JSONL")
        model = train(gold, target)
    except CasusError as err:
        raise _fail(err) from None
    fits = ", ".join(
        f"{role} {model['groups'][role]} groups, C={f['c']}, cv top-1 {f['cv_top1']:.3f}"
        for role, f in model["fit"].items()
    )
    typer.echo(f"role model → {target} ({fits})")


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
    try:
        _choice(fmt, _REPORT_FORMATS, "--format")
        check_inputs(corpus)  # before the model and tables load
        from ..bench import format_bench, run_bench

        result = run_bench(
            corpus, limit=limit, repeat=repeat, settings=Settings.load(), store=not no_store
        )
    except CasusError as err:
        raise _fail(err) from None
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), indent=1))
    else:
        typer.echo(format_bench(result))
