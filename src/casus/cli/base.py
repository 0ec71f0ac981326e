"""The Typer app of the ``casus`` command: its root callback, shared options and :func:`main`.

The commands register on :data:`app` in their own modules (one per command group), which
:mod:`casus.cli` imports in ``--help`` order.
"""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
import typer.core

from ..errors import CasusError
from .support import print_version as _version
from .support import report as _report
from .support import show_warnings as _show_warnings


def _flags_show_no_type() -> None:
    """Typer's rich help prints a type after every option, flags included (``--verbose
    <bool>``, ``--help <bool>``), though a flag takes no value; its plain help leaves them
    out. Make the rich help do the same: a flag shows only its name(s)."""
    option = getattr(typer.core, "TyperOption", None)
    shown = getattr(option, "display_type_rich", None)
    if option is None or shown is None or getattr(shown, "_casus_flags", False):
        return

    def display_type_rich(self: Any, ctx: Any) -> str | None:
        if getattr(self, "is_flag", False) and not getattr(self, "count", False):
            return None
        result: str | None = shown(self, ctx)
        return result

    display_type_rich._casus_flags = True  # type: ignore[attr-defined]
    option.display_type_rich = display_type_rich


_flags_show_no_type()

app = typer.Typer(
    help="casus: who did what to whom, when and where: political events from news text.\n\n"
    "Example: casus ingest news/ && casus events --actor RUS --since 2025-06-01",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_DbOption = typer.Option(
    None, "--db", help="DuckDB file (default ./casus.duckdb; the CASUS_DB variable overrides it)."
)
_WaitOption = typer.Option(
    None,
    "--wait",
    min=0,
    help="Seconds to wait for a database another process holds (default 120); after that "
    "coded articles are kept in DB.pending/ for the next ingest, never dropped.",
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
    _show_warnings()


QUICK_EXIT: list[bool] = [False]
"""Set by a command that holds no database, server or worker (``casus code``): when it is
done, :func:`main` leaves without tearing the interpreter down."""


def main() -> None:
    """Entry point of the ``casus`` command: a CasusError is one line on stderr, exit 1.

    After ``casus code`` (output written and closed, nothing else open), the process ends
    with ``os._exit`` once stdout and stderr are flushed: freeing the spaCy model and the
    tables object by object costs about 0.3 of the 2.1 CPU s a one-article run takes."""
    QUICK_EXIT[0] = False
    try:
        app()
    except CasusError as err:
        _report(err)
        sys.exit(1)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(1)
    except SystemExit as done:
        if not QUICK_EXIT[0]:
            raise
        status = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except (BrokenPipeError, ValueError):
            status = status or 1
        os._exit(status)
