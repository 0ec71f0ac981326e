"""Store writes: idempotent upserts, events replaced on re-coding, one transaction per batch."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pytest

from casus.errors import StoreError
from casus.settings import Settings
from casus.store import EventQuery, RunCounts, Store
from tests._builders.store import article, corpus, event, party


def _count(db: Path, table: str) -> int:
    con = duckdb.connect(str(db), read_only=True)
    try:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else -1
    finally:
        con.close()


def test_store_write_creates_schema_and_counts(tmp_db: Path) -> None:
    store = Store(tmp_db)
    assert store.write(corpus()) == 3
    assert tmp_db.exists()
    stats = store.stats()
    assert (stats.articles, stats.sentences, stats.events) == (3, 5, 5)
    assert dict(stats.by_quad) == {1: 2, 3: 1, 4: 2}


def test_store_write_same_articles_twice_is_idempotent(tmp_db: Path) -> None:
    store = Store(tmp_db)
    store.write(corpus())
    store.write(corpus())
    store.write(corpus()[:1] + corpus()[:1])
    for table, n in (("articles", 3), ("sentences", 5), ("events", 5)):
        assert _count(tmp_db, table) == n


def test_store_write_recoding_replaces_events_and_sentences(tmp_db: Path) -> None:
    store = Store(tmp_db)
    store.write(corpus())
    recoded = article("a1", ["France met Russia in Paris."])
    recoded = replace(
        recoded,
        events=(event("a1", recoded.sentences[0], party("FRA"), "042", party("RUS")),),
    )
    store.write([recoded])
    got = store.article("a1")
    assert got is not None
    assert [s.text for s in got.sentences] == ["France met Russia in Paris."]
    assert [e.cameo for e in got.events] == ["042"]
    assert _count(tmp_db, "events") == 4


def test_store_write_roundtrips_contract_records(tmp_db: Path) -> None:
    store = Store(tmp_db)
    articles = corpus()
    store.write(articles)
    written = {e.event_id: e.to_dict() for a in articles for e in a.events}
    read = {e.event_id: e.to_dict() for e in store.events(EventQuery(limit=None))}
    assert read == written


def test_store_write_failed_batch_rolls_back(tmp_db: Path) -> None:
    store = Store(tmp_db)
    store.write(corpus())
    good = article("a1", ["Russia attacked Ukraine again."])
    broken_event = replace(
        event("a1", good.sentences[0], party("RUS"), "190", party("UKR")),
        event_id=None,  # type: ignore[arg-type]  # violates the primary key inside the txn
    )
    with pytest.raises(StoreError):
        store.write([replace(good, events=(broken_event,)), article("d4", ["New text here."])])
    assert _count(tmp_db, "articles") == 3
    assert _count(tmp_db, "events") == 5
    a1 = store.article("a1")
    assert a1 is not None and len(a1.events) == 2
    assert store.article("d4") is None


def test_store_runs_record_versions_and_counts(tmp_db: Path) -> None:
    store = Store(tmp_db)
    run_id = store.start_run(Settings.load(), "lex-7", command="ingest x")
    store.write(corpus(), run_id=run_id)
    store.finish_run(run_id, RunCounts(articles=3, events=5, errors=1))
    rows = store.query("SELECT * FROM runs WHERE run_id = ?", [run_id])
    assert len(rows) == 1
    row = rows[0]
    assert row["lexicon_version"] == "lex-7"
    assert row["casus_version"]
    assert (row["n_articles"], row["n_events"], row["n_errors"]) == (3, 5, 1)
    assert row["finished"] is not None
    assert store.query("SELECT DISTINCT run_id FROM articles") == [{"run_id": run_id}]


def test_store_read_only_refuses_writes_and_missing_files(tmp_db: Path) -> None:
    with pytest.raises(StoreError, match="no casus database"):
        Store(tmp_db, read_only=True).stats()
    Store(tmp_db).write(corpus())
    with pytest.raises(StoreError, match="read-only"):
        Store(tmp_db, read_only=True).write(corpus())
    assert Store(tmp_db, read_only=True).stats().articles == 3


def test_store_open_rejects_a_file_that_is_not_duckdb(tmp_path: Path) -> None:
    bad = tmp_path / "notes.duckdb"
    bad.write_bytes(b"this is not a database\n" * 200)
    with pytest.raises(StoreError) as info:
        Store(bad).write(corpus())
    assert str(bad) in str(info.value)
    assert "\n" not in str(info.value)


def test_store_lock_conflict_gives_a_one_line_error(tmp_db: Path) -> None:
    Store(tmp_db).write(corpus())
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
            "print('locked', flush=True); time.sleep(60)",
            str(tmp_db),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(StoreError) as info:
            Store(tmp_db, lock_timeout=0.3).write(corpus())
        message = str(info.value)
        assert str(tmp_db) in message and "another process" in message and "\n" not in message
    finally:
        holder.kill()
        holder.wait()
    assert Store(tmp_db, lock_timeout=5).write(corpus()) == 3


def test_store_memory_store_keeps_data_until_closed() -> None:
    with Store(":memory:") as store:
        store.write(corpus())
        assert store.stats().events == 5
