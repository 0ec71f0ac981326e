"""Issue #15: a writer blocked by another process's lock waits as long as ``--wait`` allows,
and coded work is never dropped: when the lock outlasts the wait, the coded articles are kept
in ``<db>.pending/`` and the next writing command stores them. The lock is held by a real
second process with a read-write DuckDB connection, taken in the middle of the run."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from casus.cli.jobs import ingest_items
from casus.model import Article
from casus.pipeline import Coder
from casus.store import Store
from tests._builders.cli import casus_argv, casus_env, run_casus
from tests.cli.test_kill import _synthetic_article

pytestmark = [pytest.mark.model, pytest.mark.slow]

_HOLDER = """
import sys, time, duckdb
db, hold = sys.argv[1], float(sys.argv[2])
deadline = time.monotonic() + 300
while True:  # take the write lock once the run has started (its runs row exists)
    if time.monotonic() > deadline:
        print("gave up", flush=True)
        sys.exit(1)
    try:
        con = duckdb.connect(db)
    except duckdb.Error:
        time.sleep(0.02)
        continue
    try:
        started = con.execute("SELECT count(*) FROM runs").fetchone()[0] > 0
    except duckdb.Error:
        started = False
    if started:
        break
    con.close()
    time.sleep(0.02)
print("held", flush=True)
time.sleep(hold)
con.close()
"""


def pending_dir(db: Path) -> Path:
    return db.with_name(db.name + ".pending")


def _holder(db: Path, seconds: float) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True
    )


def _corpus(tmp_path: Path, n: int) -> Path:
    path = tmp_path / "corpus.jsonl"
    path.write_text("".join(json.dumps(_synthetic_article(i)) + "\n" for i in range(n)))
    return path


def _ids(db: Path) -> list[str]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return [str(r[0]) for r in con.execute("SELECT event_id FROM events ORDER BY 1").fetchall()]
    finally:
        con.close()


def test_cli_ingest_waits_out_a_lock_held_longer_than_five_seconds(
    tmp_path: Path, tmp_db: Path
) -> None:
    corpus = _corpus(tmp_path, 40)
    env = casus_env(CASUS_STORE_BATCH_SIZE="10", CASUS_NLP_BATCH_SIZE="5")
    ingest = subprocess.Popen(
        casus_argv("ingest", str(corpus), "--db", str(tmp_db)),
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    holder = _holder(tmp_db, 8)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        _, stderr = ingest.communicate(timeout=300)
    finally:
        for proc in (ingest, holder):
            if proc.poll() is None:
                proc.kill()
            proc.wait()
    assert ingest.returncode == 0, stderr
    assert "in use by another process; waiting up to 120 s (--wait)" in stderr
    assert "40 articles read, 40 stored" in stderr
    assert not pending_dir(tmp_db).exists()


def test_ingest_keeps_coded_articles_when_the_lock_outlasts_the_wait(
    coder: Coder, tmp_db: Path
) -> None:
    articles = [Article(id=a["id"], text=a["text"]) for a in map(_synthetic_article, range(6))]
    coded: list[Article] = []
    holders: list[subprocess.Popen[str]] = []

    def on_article(article: Article) -> None:
        coded.append(article)
        if not holders:  # the lock is taken after the run started, before its first write
            holders.append(_holder(tmp_db, 60))
            out = holders[0].stdout
            assert out is not None and out.readline().strip() == "held"

    try:
        started = time.monotonic()
        result = ingest_items(articles, coder, Store(tmp_db, lock_timeout=1), on_article=on_article)
        assert time.monotonic() - started < 30
    finally:
        for proc in holders:
            proc.kill()
            proc.wait()
    assert (result.read, result.stored, result.kept) == (6, 0, 6)
    assert pending_dir(tmp_db).is_dir()
    store = Store(tmp_db)
    assert store.pending() == 6
    assert store.write_pending() == 6
    assert not pending_dir(tmp_db).exists()
    assert _ids(tmp_db) == sorted(e.event_id for a in coded for e in a.events)
    assert store.query("SELECT n_articles, finished IS NOT NULL AS f FROM runs") == [
        {"n_articles": 6, "f": True}
    ]


def test_cli_ingest_past_wait_keeps_articles_and_a_later_ingest_stores_them(
    tmp_path: Path, tmp_db: Path
) -> None:
    corpus = _corpus(tmp_path, 30)
    env = casus_env(CASUS_STORE_BATCH_SIZE="10", CASUS_NLP_BATCH_SIZE="5")
    ingest = subprocess.Popen(
        casus_argv("ingest", str(corpus), "--db", str(tmp_db), "--wait", "1"),
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    holder = _holder(tmp_db, 120)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        _, stderr = ingest.communicate(timeout=300)
    finally:
        holder.kill()
        holder.wait()
        if ingest.poll() is None:
            ingest.kill()
            ingest.wait()
    assert ingest.returncode == 1, stderr
    kept = [line for line in stderr.splitlines() if "coded articles kept in" in line]
    assert len(kept) == 1 and str(pending_dir(tmp_db)) in kept[0], stderr
    n_kept = int(kept[0].split()[0])
    summary = next(line for line in stderr.splitlines() if "articles read" in line)
    assert n_kept > 0 and int(summary.split()[3]) + n_kept == 30, summary

    again = run_casus("ingest", "--db", str(tmp_db), cwd=tmp_path, env=env)
    assert again.returncode == 0, again.stderr
    assert f"{n_kept} kept articles stored" in again.stderr
    con = duckdb.connect(str(tmp_db), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (30,)
    finally:
        con.close()
    assert not pending_dir(tmp_db).exists()
