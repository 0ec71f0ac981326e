"""Command ``places`` (issue #5): the when/where stages' view of a text."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import typer

from ..errors import CasusError, InputError
from ..model import Article
from ..settings import Settings
from .base import _DateOption, app
from .support import choice as _choice
from .support import fail as _fail
from .support import load_coder as _coder
from .support import parse_date as _parse_date
from .support import report as _report


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
    from ..ingest import iter_articles, read_text_article
    from ..where.report import format_places, places_report

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
