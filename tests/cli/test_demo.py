"""``casus demo``: the bundled samples are stored once and shown as events and dyads."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from casus.ingest import samples_dir
from tests._builders.cli import run_casus

pytestmark = [pytest.mark.model, pytest.mark.slow]


def test_cli_demo_stores_the_samples_and_prints_tables(tmp_path: Path) -> None:
    n_samples = len(list(samples_dir().glob("*.txt")))
    assert n_samples >= 8
    for run in range(2):
        result = run_casus("demo", "--limit", "5", cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        # the second run finds every sample unchanged and does not code it again (#14)
        told = f"{n_samples} stored" if run == 0 else f"0 stored, {n_samples} unchanged"
        assert f"{n_samples} articles read, {told}" in result.stderr
    db = tmp_path / "casus.duckdb"
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(
            "SELECT count(*), count(DISTINCT id), count(date) FROM articles"
        ).fetchone()
        events = con.execute("SELECT count(*) FROM events").fetchone()
    finally:
        con.close()
    assert row == (n_samples, n_samples, n_samples)
    assert "events (first" in result.stdout and "dyads" in result.stdout
    assert events is not None and events[0] > 0
