"""Command ``serve`` (issue #7): the REST API and the dashboard."""

from __future__ import annotations

from pathlib import Path

import typer

from ..errors import CasusError
from ..settings import Settings
from .base import app


@app.command("serve")
def serve_command(
    db: Path | None = typer.Option(
        None,
        "--db",
        help="DuckDB file to serve (default ./casus.duckdb; the CASUS_DB variable overrides it).",
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    allow_ingest: bool = typer.Option(
        False, "--allow-ingest", help="Enable POST /api/ingest (needs CASUS_TOKEN)."
    ),
    allow_code: bool = typer.Option(
        False, "--allow-code", help="Enable POST /api/code (needs the token if CASUS_TOKEN is set)."
    ),
    tiles: str = typer.Option(
        "none",
        "--tiles",
        envvar="CASUS_TILES",
        help="Map tile URL template, e.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png "
        "(default none: the bundled country outlines only, nothing fetched from outside).",
    ),
) -> None:
    """Serve the REST API (/api, docs at /docs) and the dashboard (/).

    Example: casus serve --db events.duckdb --port 8000
    """
    from ..api import create_app, run

    try:
        settings = Settings.load(db=db)
        app = create_app(
            settings, allow_ingest=allow_ingest, allow_code=allow_code, host=host, tiles=tiles
        )
        typer.echo(f"casus: serving {settings.db} on http://{host}:{port}/", err=True)
        run(app, host=host, port=port)
    except CasusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
