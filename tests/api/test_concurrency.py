"""The API reads while ``casus ingest`` writes the same DuckDB file from another process: a
real ``casus serve`` subprocess is read in a loop while a ``casus ingest`` subprocess stores
500 synthetic articles. No request may fail and every article must be there at the end."""

from __future__ import annotations

import json
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from casus.store import Store
from tests._builders.api import casus_exe, seed_store, start_server, stop_server

pytestmark = [pytest.mark.slow, pytest.mark.model]

N_ARTICLES = 500
PAIRS = [
    ("France", "Germany", "Paris"),
    ("Egypt", "Jordan", "Cairo"),
    ("Brazil", "Argentina", "Brasilia"),
    ("Japan", "India", "Tokyo"),
    ("Kenya", "Ethiopia", "Nairobi"),
]
VERBS = ["met officials from", "criticised", "signed a trade agreement with", "praised"]


def synthetic_corpus(path: Path) -> list[str]:
    ids = []
    with path.open("w", encoding="utf-8") as out:
        for i in range(N_ARTICLES):
            a, b, city = PAIRS[i % len(PAIRS)]
            verb = VERBS[i % len(VERBS)]
            text = (
                f"The government of {a} {verb} {b} in {city} on Monday, in talks numbered {i}. "
                f"Officials said more meetings would follow."
            )
            ids.append(f"syn-{i:04d}")
            day = f"2025-0{1 + i % 9}-1{i % 10}"
            out.write(json.dumps({"id": ids[-1], "text": text, "date": day}) + "\n")
    return ids


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_api_reads_while_another_process_ingests(tmp_path: Path) -> None:
    db = tmp_path / "shared.duckdb"
    seed_store(db, n=3)
    ids = synthetic_corpus(tmp_path / "synthetic.jsonl")
    server = start_server(db, tmp_path, "--tiles", "none")
    paths = [
        "/api/events?limit=50",
        "/api/events?dyad=ISR,IRN&format=csv",
        "/api/articles/t001",
        "/api/dyads/ISR/IRN/series",
        "/api/dyads?limit=5",
        "/api/watch",
    ]
    failures: list[tuple[str, int, bytes]] = []
    requests = 0
    log = (tmp_path / "ingest.log").open("wb")
    try:
        ingest = subprocess.Popen(
            [*casus_exe(), "ingest", str(tmp_path / "synthetic.jsonl"), "--db", str(db)],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 900
        while ingest.poll() is None and time.monotonic() < deadline:
            path = paths[requests % len(paths)]
            status, body = get(server.url + path)
            requests += 1
            if status != 200:
                failures.append((path, status, body[:300]))
        if ingest.poll() is None:
            ingest.kill()
            pytest.fail("casus ingest did not finish within 900 s")
        for path in paths:
            status, body = get(server.url + path)
            requests += 1
            if status != 200:
                failures.append((path, status, body[:300]))
    finally:
        stop_server(server)
        log.close()
    output = (tmp_path / "ingest.log").read_text(errors="replace")
    assert ingest.returncode == 0, output[-2000:]
    assert failures == []
    assert requests > len(paths)
    with Store(db, read_only=True) as store:
        stored = {str(r["id"]) for r in store.query("SELECT id FROM articles")}
    assert set(ids) <= stored
    print(f"concurrency: {requests} API reads, 0 failed, {len(stored)} articles stored")
    assert {"t000", "t001", "t002"} <= stored
