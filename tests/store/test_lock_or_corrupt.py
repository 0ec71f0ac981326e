"""Issue #15, item 3: a lock and a damaged file are told apart by DuckDB's exception types,
not by a substring ("lock" is in "block"): a lock is retried, a damaged file fails at once."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from casus.errors import StoreError
from casus.store import Store
from tests._builders.api import seed_store


def test_store_damaged_file_fails_at_once_as_corrupt(tmp_db: Path) -> None:
    seed_store(tmp_db, n=2)
    data = tmp_db.read_bytes()
    tmp_db.write_bytes(data[:8192] + b"\xff" * (len(data) - 8192))  # "... in block at ..."
    started = time.monotonic()
    with pytest.raises(StoreError) as err:
        Store(tmp_db, read_only=True, lock_timeout=5).stats()
    assert time.monotonic() - started < 1
    assert err.value.reason == "corrupt"


def test_store_not_a_duckdb_file_is_corrupt(tmp_db: Path) -> None:
    tmp_db.write_text("a text file with the word block in it\n" * 100)
    with pytest.raises(StoreError) as err:
        Store(tmp_db, read_only=True).stats()
    assert err.value.reason == "corrupt"


def test_store_file_held_by_another_process_is_locked(tmp_db: Path) -> None:
    seed_store(tmp_db, n=1)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"import duckdb, time; c = duckdb.connect({str(tmp_db)!r}); print('ok', flush=True); "
            "time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        started = time.monotonic()
        with pytest.raises(StoreError) as err:
            Store(tmp_db, lock_timeout=0.5).stats()
        assert time.monotonic() - started >= 0.5  # retried for the lock_timeout
        assert err.value.reason == "locked"
    finally:
        holder.kill()
        holder.wait()
