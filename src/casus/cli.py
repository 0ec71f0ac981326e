"""casus command line: thin Typer commands over library functions. STUB (issue #2 fills it).

Each issue adds its commands inside its own marked section below; keep to your section.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    help="casus: who did what to whom, when and where: political events from news text.",
    no_args_is_help=True,
    add_completion=False,
)

# --- core commands: ingest, code, events, articles, stats, demo (issue #2) ---

# --- evaluate, bench (issue #3) ---

# --- places (issue #5) ---

# --- dyad, watch, mediation, export (issue #6) ---

# --- serve (issue #7) ---

# --- batch (issue #8) ---


def main() -> None:
    app()
