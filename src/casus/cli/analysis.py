"""Analysis commands (issue #6): ``dyad``, ``watch``, ``mediation``, ``incidents``, ``export``.

Rendering lives in :mod:`casus.cli.analysis_output`; this module keeps the Typer wiring.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ..errors import CasusError
from ..settings import Settings
from .base import _DbOption, app
from .support import choice as _choice
from .support import fail as _fail
from .support import parse_date as _parse_date
from .support import stderr_console as _stderr

_SinceOption = typer.Option(None, "--since", help="From this date, YYYY-MM-DD.")
_UntilOption = typer.Option(None, "--until", help="Up to this date, YYYY-MM-DD.")
_DedupOption = typer.Option(
    "none", "--dedup", help="none (every event), daily (one per dyad/root/day) or incident."
)

if TYPE_CHECKING:
    from ..store import Store


def _analysis_store(db: Path | None) -> Store:
    from ..store import Store

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
    fill: bool = typer.Option(
        True,
        "--fill/--no-fill",
        help="Also list the empty periods, with zeros (at most 2,000); --no-fill: only "
        "periods with events.",
    ),
    fmt: str = typer.Option("table", "--format", help="table, csv or jsonl."),
) -> None:
    """Events between two countries per period: quad classes, Goldstein, incidents.

    Example: casus dyad ISR IRN --by day --since 2025-06-01 --dedup incident
    """
    from .. import analysis
    from .analysis_output import print_series

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
            fill=fill,
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
    from .. import analysis
    from .analysis_output import print_watch

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
    from .. import analysis
    from .analysis_output import print_mediation

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
    from .. import analysis
    from .analysis_output import print_incidents

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
    from .. import analysis

    try:
        n = analysis.export(_analysis_store(db), fmt, path)
    except CasusError as err:
        raise _fail(err) from None
    _stderr().print(f"{n} events → {path} ({fmt})", markup=False)
