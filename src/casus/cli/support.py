"""Helpers shared by the CLI commands (``casus.cli`` imports them under ``_``-names):
one-line error reporting, option parsing, output files, and the ingest loop with its
progress display and summary line."""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO, TYPE_CHECKING

import typer
from rich.console import Console

from ..errors import InputError
from ..model import Article
from ..settings import Settings
from .output import DelayedProgress

if TYPE_CHECKING:
    from ..pipeline import Coder
    from ..store import Store

__all__ = [
    "Skips",
    "check_inputs",
    "choice",
    "fail",
    "ingest_and_report",
    "load_coder",
    "open_output",
    "parse_date",
    "print_version",
    "report",
    "show_warnings",
    "stderr_console",
    "write_pending",
    "writing_store",
]


def print_version(value: bool) -> None:
    if value:
        from .. import __version__

        typer.echo(f"casus {__version__}")
        raise typer.Exit()


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False)


def report(err: Exception) -> None:
    """One line on stderr for an error, never a traceback."""
    stderr_console().print(f"error: {err}", markup=False, highlight=False, soft_wrap=True)


def show_warnings() -> None:
    """Print each :class:`~casus.errors.InputWarning` as one ``warning:`` line on stderr
    (every time, not once per place in the code); other warnings as Python prints them."""
    import warnings

    from ..errors import InputWarning

    shown = warnings.showwarning
    if getattr(shown, "_casus", False):
        return

    def show(message: Warning | str, category: type[Warning], *args: object, **kw: object) -> None:
        if issubclass(category, InputWarning):
            stderr_console().print(f"warning: {message}", markup=False, soft_wrap=True)
        else:
            shown(message, category, *args, **kw)  # type: ignore[arg-type]

    show._casus = True  # type: ignore[attr-defined]
    warnings.showwarning = show
    warnings.filterwarnings("always", category=InputWarning)


def fail(err: Exception) -> typer.Exit:
    report(err)
    return typer.Exit(1)


def parse_date(value: str | None, option: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(f"not a date: {value!r}", where=option, hint="use YYYY-MM-DD") from None


def check_inputs(paths: Sequence[str]) -> None:
    """Fail before anything heavy loads when no input can be read at all: none of ``paths``
    is ``-`` (stdin) or an existing file or folder. (When some can, the readers report the
    others one line each, inline, as before.)"""
    if not paths:
        raise InputError("nothing to read", hint="give files, folders, or - for stdin")
    if any(p == "-" or Path(p).exists() for p in paths):
        return
    raise InputError("no such file or folder", where=paths[0], hint="check the path and spelling")


def choice(value: str, allowed: Sequence[str], option: str) -> str:
    if value not in allowed:
        raise InputError(f"unknown value {value!r}", where=option, hint=" or ".join(allowed))
    return value


@contextlib.contextmanager
def open_output(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    try:
        handle = path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(
            f"cannot write: {exc.strerror}", where=str(path), hint="check the folder exists"
        ) from None
    with handle:
        yield handle


class Skips:
    """Collects the files of folders that were not read; prints a count by reason at the end
    (``--verbose``: each file as it is skipped)."""

    def __init__(self, verbose: bool = False) -> None:
        self.verbose = verbose
        self.by_reason: dict[str, int] = {}

    def __call__(self, path: str, reason: str) -> None:
        self.by_reason[reason] = self.by_reason.get(reason, 0) + 1
        if self.verbose:
            stderr_console().print(f"skipped {path}: {reason}", markup=False, soft_wrap=True)

    def summary(self) -> str | None:
        """``skipped 3 files: 2 unsupported type .png, 1 broken link``, or ``None``."""
        total = sum(self.by_reason.values())
        if not total:
            return None
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.by_reason.items()))
        more = "" if self.verbose else " (--verbose lists them)"
        return f"skipped {total} file{'s' if total != 1 else ''}: {reasons}{more}"

    def print(self) -> None:
        line = self.summary()
        if line:
            stderr_console().print(line, markup=False, soft_wrap=True)


def load_coder(settings: Settings) -> Coder:
    from ..pipeline import Coder

    return Coder(settings)


def writing_store(settings: Settings) -> Store:
    """The store of a writing command: waits ``settings.write_wait`` seconds for a database
    another process holds, saying so on stderr (once)."""
    from ..store import Store

    told: list[Path] = []

    def waiting(path: Path, seconds: float) -> None:
        if not told:
            told.append(path)
            stderr_console().print(
                f"{path}: in use by another process; waiting up to {seconds:g} s (--wait)",
                markup=False,
                soft_wrap=True,
            )

    return Store(settings.db, lock_timeout=settings.write_wait, on_wait=waiting)


def kept_line(store: Store, n: int) -> str:
    from ..store.pending import pending_dir

    return (
        f"{n} coded articles kept in {pending_dir(store.path)} (the database stayed locked "
        f"past --wait {store.lock_timeout:g} s); `casus ingest --db {store.path}` stores them"
    )


def write_pending(settings: Settings) -> int:
    """``casus ingest`` without paths: store what earlier runs kept. Returns the count."""
    store = writing_store(settings)
    if not store.pending():
        raise InputError("nothing to ingest", hint="give PATH... or --from-parquet DIR")
    n = store.write_pending()
    stderr_console().print(f"{n} kept articles stored → {settings.db}", markup=False)
    return n


def ingest_and_report(
    items: Iterable[Article | InputError], settings: Settings, command: str
) -> int:
    """Code and store reader output with a progress display; print the summary line.
    Returns the number of articles read. Exits 1 (after the summary) when coded articles
    had to be kept for later because the database stayed locked."""
    from .jobs import ingest_items

    console = stderr_console()
    coder = load_coder(settings)
    store = writing_store(settings)
    with DelayedProgress(console, "ingesting") as progress:
        result = ingest_items(
            items,
            coder,
            store,
            command=command,
            on_error=report,
            on_article=lambda a: progress.advance(1, len(a.events)),
        )
    console.print(
        f"{result.read} articles read, {result.stored} stored, "
        + (f"{result.unchanged} unchanged, " if result.unchanged else "")
        + f"{result.events} events, "
        f"{result.errors} errors → {settings.db}",
        markup=False,
    )
    if result.resumed:
        console.print(f"{result.resumed} articles kept by earlier runs stored", markup=False)
    if result.kept:
        console.print(kept_line(store, result.kept), markup=False, soft_wrap=True)
        raise typer.Exit(1)
    return result.read
