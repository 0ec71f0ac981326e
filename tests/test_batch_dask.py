"""Batch coding on a real Dask LocalCluster: same events as one process, resumable, no dups."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from casus import batch
from casus.pipeline import Coder
from casus.settings import Settings
from casus.store import Store

pytestmark = [pytest.mark.model, pytest.mark.slow]

_SUBJECTS = [
    ("Russian troops", "Ukrainian positions"),
    ("The Israeli army", "Hamas fighters"),
    ("Chinese officials", "the Japanese government"),
    ("The French president", "his German counterpart"),
    ("Indian police", "protesters"),
    ("The Turkish foreign minister", "the Greek ambassador"),
]
_ACTIONS = [
    "shelled {o} near the border on {d}.",
    "met {o} in the capital on {d} to discuss trade.",
    "criticized {o} sharply on {d}.",
    "arrested dozens of {o} on {d}.",
    "threatened {o} with sanctions on {d}.",
    "praised {o} for their cooperation on {d}.",
]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def _articles(n: int, seed: int = 7) -> list[dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        sentences = []
        for _ in range(3):
            subject, obj = rng.choice(_SUBJECTS)
            action = rng.choice(_ACTIONS).format(o=obj, d=rng.choice(_DAYS))
            sentences.append(f"{subject} {action}")
        month = 1 + i % 3
        out.append({"id": f"syn-{i:04d}", "date": f"2025-0{month}-15", "text": " ".join(sentences)})
    return out


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("batch") / "articles.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in _articles(120)) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def single_process_ids(corpus: Path, coder: Coder) -> list[str]:
    items = list(batch.read_inputs([str(corpus)], settings=Settings.load()))
    articles = [a for a in items if not isinstance(a, Exception)]
    assert len(articles) == 120
    return sorted(e.event_id for a in coder.code(articles) for e in a.events)


def _batch_ids(out: Path) -> list[str]:
    table = pq.read_table(out / "events")
    return sorted(table.column("event_id").to_pylist())


def test_batch_equals_single_process(corpus: Path, single_process_ids: list[str], tmp_path: Path):
    assert len(single_process_ids) > 120, "the coder should find events in synthetic news"
    result = batch.run_batch(
        [str(corpus)], tmp_path, settings=Settings.load(), workers=2, partition_size=20
    )
    assert result.articles == 120
    assert result.partitions == 6
    assert _batch_ids(tmp_path) == single_process_ids
    months = sorted(p.name for p in (tmp_path / "events").iterdir())
    assert months == ["month=2025-01", "month=2025-02", "month=2025-03"]
    articles = pq.read_table(tmp_path / "articles")
    assert sorted(articles.column("id").to_pylist()) == [f"syn-{i:04d}" for i in range(120)]
    # load the output into a real DuckDB store, twice: same rows, no duplicates
    db = tmp_path / "casus.duckdb"
    for _ in range(2):
        run = subprocess.run(
            [sys.executable, "-m", "casus", "ingest", "--from-parquet", str(tmp_path)],
            env={**os.environ, "CASUS_DB": str(db)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert run.returncode == 0, run.stderr
    store = Store(db, read_only=True)
    stored = store.query("SELECT event_id FROM events ORDER BY event_id")
    assert [r["event_id"] for r in stored] == single_process_ids
    n_sentences = store.query("SELECT count(*) AS n FROM sentences")[0]["n"]
    assert n_sentences == sum(articles.column("n_sentences").to_pylist())


def _start_cli(corpus: Path, out: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "casus", "batch", str(corpus), "--out", str(out)]
    cmd += ["--workers", "2", "--partition-size", "10"]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def _wait_for_manifest(out: Path, lines: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 240
    manifest = out / batch.MANIFEST
    while time.monotonic() < deadline:
        if manifest.exists() and len(manifest.read_text().splitlines()) >= lines:
            return
        if proc.poll() is not None:
            pytest.fail(f"batch ended early: {proc.stderr.read().decode() if proc.stderr else ''}")
        time.sleep(0.2)
    pytest.fail("batch made no progress")


def _worker_pids(parent: int) -> list[int]:
    import psutil

    return [
        p.pid
        for p in psutil.Process(parent).children(recursive=True)
        if "spawn_main" in " ".join(p.cmdline())
    ]


def test_batch_survives_killed_worker(corpus: Path, single_process_ids: list[str], tmp_path: Path):
    proc = _start_cli(corpus, tmp_path)
    _wait_for_manifest(tmp_path, 1, proc)
    pids = _worker_pids(proc.pid)
    assert pids, "no worker processes found"
    os.kill(pids[-1], signal.SIGKILL)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert _batch_ids(tmp_path) == single_process_ids


def test_batch_resumes_after_interrupt(corpus: Path, single_process_ids: list[str], tmp_path: Path):
    proc = _start_cli(corpus, tmp_path)
    _wait_for_manifest(tmp_path, 2, proc)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    finished_before = len(batch.read_manifest(tmp_path))
    assert 0 < finished_before < 12
    proc = _start_cli(corpus, tmp_path)
    _, err = proc.communicate(timeout=600)
    assert proc.returncode == 0, err.decode()
    assert len(batch.read_manifest(tmp_path)) == 12
    assert _batch_ids(tmp_path) == single_process_ids
