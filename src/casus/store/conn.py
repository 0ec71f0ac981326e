"""Opening the DuckDB file (private helper of :mod:`casus.store.db`): retries with backoff
while another process holds the file, and tells a lock from a damaged file by exception type.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import duckdb

from ..errors import StoreError

SANDBOX: dict[str, str | bool | int | float | list[str]] = {"enable_external_access": False}
"""``duckdb.connect(config=...)`` of read-only and in-memory connections (see ``guard``)."""

__all__ = ["is_lock_conflict", "one_line", "open_db", "quiet", "reason", "rollback"]

_LOCK_MESSAGE = "IO Error: Could not set lock on file"
_LOCK_HINT = "wait for the other casus command to finish (or pass a longer --wait), or --db"
_MAX_DELAY = 1.0
"""Longest pause between two attempts to open a locked file (seconds)."""

OnWait = Callable[[Path, float], None]
"""Called once per open that finds the file locked: (database path, seconds it will wait)."""


def one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def is_lock_conflict(exc: duckdb.Error) -> bool:
    """Another connection holds the file: told apart by type. ``ConnectionException`` is this
    process opening the file with another configuration; an ``IOException`` is a lock only
    when DuckDB failed to set its file lock (the same type reports an invalid file). A damaged
    file is a plain ``duckdb.Error`` ("Corrupt database file"), never a lock."""
    if isinstance(exc, duckdb.ConnectionException):
        return True
    return isinstance(exc, duckdb.IOException) and str(exc).startswith(_LOCK_MESSAGE)


def reason(exc: duckdb.Error) -> str | None:
    """``corrupt`` for DuckDB's damaged-file errors: a plain ``duckdb.Error`` (no subclass)
    or an ``IOException`` that is not a lock; ``None`` for errors of a query."""
    if type(exc) is duckdb.Error or type(exc) is duckdb.FatalException:
        return "corrupt"
    if isinstance(exc, duckdb.IOException) and not is_lock_conflict(exc):
        return "corrupt"
    return None


def quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """No DuckDB progress bar: long queries must never write to stdout. (A session setting:
    DuckDB >= 1.4 refuses it in ``connect(config=...)``.)"""
    con.execute("SET enable_progress_bar = false")
    return con


def rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.Error:
        return


def open_db(
    path: Path, *, read_only: bool, timeout: float, on_wait: OnWait | None = None
) -> duckdb.DuckDBPyConnection:
    """Connect to ``path``; while another process holds it, retry with exponential backoff
    (20 ms doubling up to 1 s) for ``timeout`` seconds, then raise ``StoreError(reason=
    "locked")``. A file that is not a DuckDB database fails at once (``reason="corrupt"``)."""
    deadline = time.monotonic() + timeout
    delay = 0.02
    told = False
    while True:
        try:
            # read-only connections never reach files outside the database (``guard``)
            config = SANDBOX if read_only else {}
            return quiet(duckdb.connect(str(path), read_only=read_only, config=config))
        except (duckdb.IOException, duckdb.ConnectionException) as exc:
            if not is_lock_conflict(exc):
                raise StoreError(
                    f"cannot open the database: {one_line(exc)}",
                    where=str(path),
                    hint="is it a casus DuckDB file? pass --db with another path",
                    reason="corrupt",
                ) from None
            left = deadline - time.monotonic()
            if left <= 0:
                raise StoreError(
                    f"the database is in use by another process (waited {timeout:g} s)",
                    where=str(path),
                    hint=_LOCK_HINT,
                    reason="locked",
                ) from None
            if on_wait is not None and not told:
                told = True
                on_wait(path, timeout)
            time.sleep(min(delay, left))
            delay = min(delay * 2, _MAX_DELAY)
        except duckdb.Error as exc:
            raise StoreError(
                f"cannot open the database: {one_line(exc)}", where=str(path), reason=reason(exc)
            ) from None
