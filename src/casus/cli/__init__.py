"""casus command line: thin Typer commands over library functions.

One module per command group: ``core`` (ingest, code, events, articles, stats, demo; issue #2),
``evaluation`` (evaluate, bench; #3), ``places`` (#5), ``analysis`` (dyad, watch, mediation,
incidents, export; #6), ``serve`` (#7) and ``batch`` (#8), all on the Typer ``app`` of ``base``;
``support``, ``output``, ``analysis_output`` and ``jobs`` are their helpers.
Errors: every :class:`~casus.errors.CasusError` becomes one ``error: ...`` line on stderr and
exit code 1, never a traceback. Heavy modules (spaCy, DuckDB) are imported inside commands.
"""

from __future__ import annotations

from .base import app, main

# The command modules register their commands on ``app`` when imported: this order is the
# order of ``casus --help``.
# isort: off
from . import core, evaluation, places, analysis, serve, batch  # noqa: F401
# isort: on

__all__ = ["app", "main"]
