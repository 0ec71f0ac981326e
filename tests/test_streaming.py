"""Issue #15: reads whose size has no bound stream. ``casus batch`` reads its input once
(so ``-`` works, and nothing is held whole for a count), Parquet input is read in batches,
and the store's reads fetch in batches (``iter_query``, ``query_reader``) with bounded memory.
Real files, a real DuckDB database and a real Dask run; memory measured, not mocked."""

from __future__ import annotations

import gc
import json
import tracemalloc
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from casus import batch
from casus.model import Article
from casus.settings import Settings
from casus.store import Store
from tests._builders.cli import run_casus

_BIG = "SELECT range AS i, repeat('x', 1000) AS pad FROM range(200000)"
"""200,000 rows of 1 KB: about 200 MB when fetched whole."""


@pytest.fixture
def store(tmp_db: Path) -> Store:
    s = Store(tmp_db)
    s.write([Article(id="a1", text="Peru criticised Ghana.")])
    return s


def test_store_iter_query_holds_one_batch_not_the_result(store: Store) -> None:
    gc.collect()
    tracemalloc.start()
    try:
        rows = store.iter_query(_BIG, batch_size=1_000)
        first = [next(rows) for _ in range(10)]
        _, peak = tracemalloc.get_traced_memory()
        rows.close()
    finally:
        tracemalloc.stop()
    assert [r["i"] for r in first] == list(range(10))
    assert peak < 20_000_000, peak  # fetchall() of the result: ~200 MB of Python objects


def test_store_query_reader_streams_record_batches(store: Store) -> None:
    gc.collect()
    before = pa.total_allocated_bytes()
    with store.query_reader(_BIG, batch_size=1_000) as reader:
        first = reader.read_next_batch()
        held = pa.total_allocated_bytes() - before
    assert first.num_rows <= 1_000 and first.column("i")[0].as_py() == 0
    assert held < 20_000_000, held  # the whole result as Arrow is ~200 MB
    assert store.query("SELECT count(*) AS n FROM articles") == [{"n": 1}]


def test_batch_parquet_input_is_read_in_batches(tmp_path: Path) -> None:
    n = 40_000
    texts = [f"Peru criticised Ghana on Tuesday in report {i}. " * 40 for i in range(n)]
    table = pa.table({"id": [f"a{i}" for i in range(n)], "text": texts})
    del texts
    pq.write_table(table, tmp_path / "in.parquet")
    whole = table.nbytes
    del table
    gc.collect()
    before = pa.total_allocated_bytes()
    items = batch.read_inputs([str(tmp_path / "in.parquet")], settings=Settings())
    first = next(items)
    held = pa.total_allocated_bytes() - before
    assert isinstance(first, Article) and first.id == "a0"
    assert held < whole / 4, (held, whole)  # read_table() held the whole file (~80 MB)
    assert sum(1 for _ in items) == n - 1


@pytest.mark.model
@pytest.mark.slow
def test_cli_batch_reads_stdin_once(tmp_path: Path) -> None:
    records = [
        {"id": f"s{i}", "date": "2025-06-10", "text": "Peru criticised Ghana on Tuesday."}
        for i in range(3)
    ]
    stdin = "".join(json.dumps(r) + "\n" for r in records)
    result = run_casus(
        "batch", "-", "--out", "out", "--workers", "1", "--partition-size", "2",
        cwd=tmp_path, stdin=stdin,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    done = batch.read_manifest(tmp_path / "out")
    assert sum(int(r["articles"]) for r in done.values()) == 3, result.stderr
