"""Store reads: EventQuery filters, cursors, read-only analytic SQL, summaries."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casus.errors import StoreError
from casus.store import EventQuery, Store
from tests._builders.store import corpus


@pytest.fixture
def store(tmp_db: Path) -> Store:
    s = Store(tmp_db)
    s.write(corpus())
    return s


def _pairs(events: list[object]) -> set[tuple[str, str]]:
    out = set()
    for e in events:
        d = e.to_dict()  # type: ignore[attr-defined]
        out.add((d["article_id"], d["cameo"]))
    return out


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(), {("a1", "190"), ("a1", "111"), ("b2", "042"), ("b2", "190"), ("c3", "057")}),
        (EventQuery(actor="rus"), {("a1", "190"), ("a1", "111"), ("c3", "057")}),
        (EventQuery(actor="UKRGOV"), {("c3", "057")}),
        (EventQuery(actor="israeli army"), {("b2", "190")}),
        (EventQuery(dyad=("UKR", "RUS")), {("a1", "190"), ("c3", "057")}),
        (EventQuery(dyad=("UKR", "RUS"), directed=True), {("c3", "057")}),
        (EventQuery(dyad=("ISR", "IRN"), directed=True), {("b2", "190")}),
        (EventQuery(dyad=("IRN", "ISR"), directed=True), set()),
        (EventQuery(since=dt.date(2025, 6, 2)), {("b2", "042"), ("b2", "190"), ("c3", "057")}),
        (EventQuery(until=dt.date(2025, 5, 31)), {("a1", "190")}),
        (EventQuery(cameo="19"), {("a1", "190"), ("b2", "190")}),
        (EventQuery(cameo="0"), {("b2", "042"), ("c3", "057")}),
        (EventQuery(plover="disapprove"), {("a1", "111")}),
        (EventQuery(quad=1), {("b2", "042"), ("c3", "057")}),
        (EventQuery(place="doha"), {("b2", "042")}),
        (EventQuery(place="UKR"), {("a1", "111")}),
        (EventQuery(text="STRIKE ON"), {("a1", "111")}),
        (EventQuery(article_id="b2"), {("b2", "042"), ("b2", "190")}),
        (EventQuery(actor="RUS", cameo="19", since=dt.date(2025, 1, 1)), {("a1", "190")}),
        (EventQuery(actor="x' OR '1'='1"), set()),
        (EventQuery(text="%"), set()),
    ],
)
def test_store_query_event_filters(
    store: Store, query: EventQuery, expected: set[tuple[str, str]]
) -> None:
    assert _pairs(store.events(query)) == expected  # type: ignore[arg-type]


def test_store_query_cursor_pages_through_every_event_once(store: Store) -> None:
    seen: list[str] = []
    after = None
    while True:
        page = store.events(EventQuery(limit=2, after=after))
        if not page:
            break
        seen += [e.event_id for e in page]
        after = page[-1].event_id
    assert len(seen) == 5 and seen == sorted(seen)


def test_store_query_orders_by_date(store: Store) -> None:
    oldest = [e.article_id for e in store.events(EventQuery(order="date"))]
    newest = [e.article_id for e in store.events(EventQuery(order="-date"))]
    assert oldest[:2] == ["a1", "a1"] and oldest[-1] == "c3"
    assert newest[0] == "c3" and newest[-2:] == ["a1", "a1"]
    with pytest.raises(StoreError, match="unknown order"):
        store.events(EventQuery(order="random()"))


@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM events",
        "DROP TABLE events",
        "INSERT INTO runs (run_id) VALUES ('x')",
        "SELECT 1; DELETE FROM events",
        "COPY events TO 'out.csv'",
    ],
)
def test_store_query_refuses_anything_but_reads(store: Store, sql: str) -> None:
    with pytest.raises(StoreError):
        store.query(sql)
    assert store.stats().events == 5


def test_store_query_parameters_and_arrow(store: Store) -> None:
    rows = store.query(
        "SELECT cameo_root, count(*) AS n FROM events WHERE published >= ? GROUP BY 1 ORDER BY 1",
        [dt.date(2025, 6, 14)],
    )
    assert rows == [
        {"cameo_root": "04", "n": 1},
        {"cameo_root": "05", "n": 1},
        {"cameo_root": "19", "n": 1},
    ]
    table = store.query_arrow("SELECT event_id, cues FROM events WHERE cameo = ?", ["111"])
    assert table.num_rows == 1
    assert table.column("cues").to_pylist() == [["nsubj", "dobj"]]


def test_store_query_bad_sql_is_a_store_error(store: Store) -> None:
    with pytest.raises(StoreError, match="no_such_table"):
        store.query("SELECT * FROM no_such_table")


def test_store_articles_and_summaries(store: Store) -> None:
    arts = store.articles()
    assert [a.id for a in arts] == ["a1", "b2", "c3"]
    assert all(a.sentences == () and a.events == () for a in arts)
    with_sents = store.articles(since=dt.date(2025, 6, 10), with_sentences=True)
    assert [len(a.sentences) for a in with_sents] == [2, 1]
    assert with_sents[0].text[with_sents[0].sentences[1].start :].startswith("Israel struck")
    summaries = store.article_summaries()
    assert [(s.id, s.n_sentences, s.n_events) for s in summaries] == [
        ("c3", 1, 1),
        ("b2", 2, 2),
        ("a1", 2, 2),
    ]
    assert summaries[1].outlet == "MENAFN"
    assert store.article("missing") is None


def test_store_dyad_counts(store: Store) -> None:
    undirected = {(d.a, d.b): d.events for d in store.dyad_counts()}
    assert undirected == {
        ("RUS", "UKR"): 2,
        ("FRA", "RUS"): 1,
        ("IRN", "QAT"): 1,
        ("IRN", "ISR"): 1,
    }
    directed = {(d.a, d.b): d.events for d in store.dyad_counts(directed=True)}
    assert directed[("RUS", "UKR")] == 1 and directed[("UKR", "RUS")] == 1


@pytest.mark.parametrize(
    "sql",
    [
        "SELECT * FROM read_text('/etc/hostname')",
        "SELECT content FROM read_text('/etc/hostname')",
        "SELECT * FROM glob('/etc/*')",
        "SELECT * FROM read_blob('/etc/hostname')",
        "SELECT * FROM read_csv('/etc/passwd')",
        "SELECT * FROM read_json_auto('/etc/os-release')",
        "SELECT * FROM read_parquet('/tmp/*.parquet')",
        "SELECT * FROM parquet_metadata('/tmp/x.parquet')",
        "WITH t AS (SELECT * FROM glob('/etc/*')) SELECT count(*) FROM t",
        "SELECT (SELECT count(*) FROM glob('/*')) AS n FROM events",
        "SELECT * FROM query('SELECT * FROM read_text(''/etc/hostname'')')",
        "EXPLAIN SELECT * FROM read_text('/etc/hostname')",
    ],
)
def test_store_query_refuses_files_outside_the_database(store: Store, sql: str) -> None:
    """Issue #15: a SELECT cannot read the file system (the statement check alone let
    ``read_text('/etc/hostname')`` and ``glob('/etc/*')`` through)."""
    for run in (store.query, store.query_arrow):
        with pytest.raises(StoreError, match="only the tables of the database can be read"):
            run(sql)
    assert store.query("SELECT count(*) AS n FROM events") == [{"n": 5}]


def test_store_query_external_access_stays_off(store: Store) -> None:
    with pytest.raises(StoreError):
        store.query("SELECT * FROM query('SET enable_external_access = true')")
    assert store.query("SELECT current_setting('enable_external_access') AS on") == [{"on": False}]


def test_store_memory_store_query_is_guarded_too() -> None:
    with Store(":memory:") as memory:
        memory.write(corpus())
        with pytest.raises(StoreError, match="only the tables of the database"):
            memory.query("SELECT * FROM glob('/etc/*')")
        assert memory.query("SELECT count(*) AS n FROM events") == [{"n": 5}]
