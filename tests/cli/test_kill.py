"""A SIGKILL in the middle of ``casus ingest`` leaves a consistent database, and re-running
the same command completes the job with every article exactly once."""

from __future__ import annotations

import datetime as dt
import json
import signal
import subprocess
import time
from pathlib import Path

import duckdb
import pytest

from tests._builders.cli import casus_argv, casus_env, run_casus

pytestmark = [pytest.mark.model, pytest.mark.slow]

N_ARTICLES = 300

_PLACES = ["Nairobi", "Lima", "Oslo", "Hanoi", "Accra", "Quito", "Riga", "Dakar"]
_COUNTRIES = ["Kenya", "Peru", "Norway", "Vietnam", "Ghana", "Ecuador", "Latvia", "Senegal"]
_ACTIONS = [
    "hosted talks with",
    "criticised",
    "signed a fisheries deal with",
    "expelled two diplomats from",
    "promised flood relief to",
]


def _synthetic_article(i: int) -> dict[str, str]:
    a = _COUNTRIES[i % len(_COUNTRIES)]
    b = _COUNTRIES[(i * 3 + 1) % len(_COUNTRIES)]
    place = _PLACES[(i * 5) % len(_PLACES)]
    action = _ACTIONS[i % len(_ACTIONS)]
    day = dt.date(2025, 1, 1) + dt.timedelta(days=i % 300)
    text = (
        f"{a} {action} {b} on Tuesday, officials in {place} said in report number {i}. "
        f"The government of {b} said it would respond within {i % 9 + 2} days. "
        f"Analysts in {place} expect further meetings before the end of the month."
    )
    return {"id": f"synthetic-{i:04d}", "date": day.isoformat(), "text": text}


def _read(db: Path, sql: str) -> list[tuple[object, ...]]:
    """Query the database from this process, retrying while the ingest holds the lock (or
    has not created the tables yet)."""
    deadline = time.monotonic() + 30
    while True:
        try:
            con = duckdb.connect(str(db), read_only=True)
            try:
                return con.execute(sql).fetchall()
            finally:
                con.close()
        except duckdb.Error:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _count(db: Path) -> int:
    (n,) = _read(db, "SELECT count(*) FROM articles")[0]
    assert isinstance(n, int)
    return n


def _check_consistent(db: Path) -> int:
    """Every stored article has all its sentences and events; nothing is orphaned."""
    mismatched = _read(
        db,
        "SELECT a.id FROM articles a "
        "LEFT JOIN (SELECT article_id, count(*) AS n FROM sentences GROUP BY 1) s "
        "ON s.article_id = a.id "
        "LEFT JOIN (SELECT article_id, count(*) AS n FROM events GROUP BY 1) e "
        "ON e.article_id = a.id "
        "WHERE coalesce(s.n, 0) <> a.n_sentences OR coalesce(e.n, 0) <> a.n_events "
        "OR a.n_sentences = 0",
    )
    assert mismatched == []
    for table in ("sentences", "events"):
        orphans = _read(
            db, f"SELECT count(*) FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)"
        )
        assert orphans == [(0,)], table
    return _count(db)


def test_cli_kill_mid_ingest_then_rerun_completes_once(tmp_path: Path, tmp_db: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text(
        "".join(json.dumps(_synthetic_article(i)) + "\n" for i in range(N_ARTICLES)),
        encoding="utf-8",
    )
    env = casus_env(CASUS_STORE_BATCH_SIZE="10", CASUS_NLP_BATCH_SIZE="5")
    proc = subprocess.Popen(
        casus_argv("ingest", str(corpus), "--db", str(tmp_db)),
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 300
        while proc.poll() is None and time.monotonic() < deadline:
            if tmp_db.exists() and _count(tmp_db) >= 30:
                break
            time.sleep(0.05)
        assert proc.poll() is None, "ingest ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    assert proc.returncode == -signal.SIGKILL

    stored = _check_consistent(tmp_db)
    assert 30 <= stored < N_ARTICLES
    assert _read(tmp_db, "SELECT count(*), count(finished) FROM runs") == [(1, 0)]

    result = run_casus("ingest", str(corpus), "--db", str(tmp_db), cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert _check_consistent(tmp_db) == N_ARTICLES
    ids = _read(tmp_db, "SELECT id, count(*) FROM articles GROUP BY id ORDER BY id")
    assert ids == [(f"synthetic-{i:04d}", 1) for i in range(N_ARTICLES)]
    assert _read(tmp_db, "SELECT count(*), count(finished) FROM runs") == [(2, 1)]
