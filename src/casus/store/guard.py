"""The read-only guard of :meth:`Store.query` (private helper of :mod:`casus.store.db`).

Two layers, both needed:

1. **One read statement.** The SQL must parse as exactly one ``SELECT`` (``WITH ...
   SELECT``) or ``EXPLAIN`` statement.
2. **No way out of the database file.** A ``SELECT`` can still call table functions that read
   the file system or load extensions (``read_text('/etc/hostname')``, ``glob('/etc/*')``,
   ``read_csv``, ``read_parquet``, ``ATTACH`` through ``query()``...). Every read-only
   connection casus opens, and the in-memory store, run with DuckDB's
   ``enable_external_access = false``: DuckDB refuses any file, directory, network or
   extension access other than the database itself, and the setting cannot be turned back on
   while the database is open. :func:`check_sandboxed` refuses to run a query on a
   connection where it is not off, so a future connection without it fails closed.
"""

from __future__ import annotations

import duckdb

from ..errors import StoreError
from .conn import SANDBOX, one_line

__all__ = ["SANDBOX", "check_sandboxed", "check_statement", "refused"]

_READ_STATEMENTS = frozenset({"SELECT", "EXPLAIN"})


def check_statement(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    try:
        statements = con.extract_statements(sql)
    except duckdb.Error as exc:
        raise StoreError(f"invalid SQL: {one_line(exc)}") from None
    if len(statements) != 1:
        raise StoreError("expected exactly one SQL statement", hint="split the query")
    kind = statements[0].type.name
    if kind not in _READ_STATEMENTS:
        raise StoreError(f"only read-only queries are allowed, not {kind}")


def check_sandboxed(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute("SELECT current_setting('enable_external_access')").fetchall()
    if rows != [(False,)]:
        raise StoreError("refused: this connection may read files outside the database")


def refused(exc: duckdb.PermissionException) -> StoreError:
    return StoreError(
        "only the tables of the database can be read: the query uses files, directories "
        "or extensions outside it",
        hint=one_line(exc).removeprefix("Permission Error: ")[:120],
    )
