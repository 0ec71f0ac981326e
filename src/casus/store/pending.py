"""Coded work kept for later when the database stays locked (issue #15).

When another process holds the DuckDB file for longer than a writing command may wait, the
coded articles of each batch are kept as Parquet (the store's own columns, so nothing is
recoded or lost) in ``<db>.pending/``, one folder per batch, written atomically. The next
writing command on the same database (``casus ingest``, with or without paths) stores them
first and removes each folder once its transaction has committed. A run's final counts are
kept the same way (``run-<id>.json``) when the ``runs`` row could not be updated.

No DuckDB here: :mod:`casus.store.db` reads the folders back.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

__all__ = [
    "TABLES",
    "count",
    "folders",
    "keep_run",
    "keep_tables",
    "pending_dir",
    "read",
    "remove",
    "runs",
]

TABLES = ("articles", "sentences", "events")


def pending_dir(db: Path) -> Path:
    """``events.duckdb`` → ``events.duckdb.pending`` beside it."""
    return db.with_name(db.name + ".pending")


def keep_tables(db: Path, run_id: str | None, tables: Mapping[str, pa.Table]) -> Path:
    """Write one batch's tables under ``<db>.pending/``; returns the folder. The folder is
    renamed into place only once every file is written, so a kill leaves no half batch."""
    root = pending_dir(db)
    root.mkdir(parents=True, exist_ok=True)
    name = f"{run_id or 'run'}-{uuid.uuid4().hex[:8]}"
    tmp = root / f".{name}.tmp"
    tmp.mkdir()
    for table in TABLES:
        pq.write_table(tables[table], tmp / f"{table}.parquet")
    target = root / f"batch-{_sequence(root):06d}-{name}"
    os.replace(tmp, target)
    return target


def keep_run(db: Path, run_id: str, counts: Mapping[str, int]) -> Path:
    root = pending_dir(db)
    root.mkdir(parents=True, exist_ok=True)
    target = root / f"run-{run_id}.json"
    tmp = root / f".run-{run_id}.json.tmp"
    tmp.write_text(json.dumps({"run_id": run_id, **counts}), encoding="utf-8")
    os.replace(tmp, target)
    return target


def _sequence(root: Path) -> int:
    """Next batch number: folders are stored in the order they were kept."""
    numbers = [int(p.name.split("-")[1]) for p in root.glob("batch-*") if p.is_dir()]
    return max(numbers, default=-1) + 1


def folders(db: Path) -> list[Path]:
    """Kept batches, oldest first."""
    root = pending_dir(db)
    if not root.is_dir():
        return []
    return sorted(p for p in root.glob("batch-*") if p.is_dir())


def runs(db: Path) -> Iterator[tuple[Path, dict[str, object]]]:
    root = pending_dir(db)
    for path in sorted(root.glob("run-*.json")) if root.is_dir() else ():
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError):
            continue
        if isinstance(record, dict):
            yield path, record


def read(folder: Path) -> dict[str, pa.Table]:
    return {table: pq.read_table(folder / f"{table}.parquet") for table in TABLES}


def count(db: Path) -> int:
    """Articles kept under ``<db>.pending/`` (from the Parquet metadata, no data read)."""
    return sum(pq.ParquetFile(f / "articles.parquet").metadata.num_rows for f in folders(db))


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
    root = path.parent
    if root.is_dir() and not any(root.iterdir()):
        root.rmdir()
