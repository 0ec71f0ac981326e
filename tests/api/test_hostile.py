"""Hostile query values (quotes, SQL fragments, very long strings, invalid dates, bad numbers)
are answered with 4xx in the one error shape, and nothing stored changes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casus.api import create_app
from casus.settings import Settings
from casus.store import Store
from tests._builders.api import seed_store

LONG = "x" * 10_000
SQL = "'; DROP TABLE events; --"

BAD_QUERIES = [
    ("/api/events", {"actor": "ISR' OR '1'='1"}),
    ("/api/events", {"actor": SQL}),
    ("/api/events", {"actor": LONG}),
    ("/api/events", {"actor": "ISR\x00"}),
    ("/api/events", {"actor": "IS%"}),
    ("/api/events", {"dyad": "ISR,IRN' --"}),
    ("/api/events", {"dyad": "ISR"}),
    ("/api/events", {"dyad": "ISR,IRN,RUS"}),
    ("/api/events", {"dyad": ",IRN"}),
    ("/api/events", {"dyad": "ISR, "}),
    ("/api/events", {"since": "2025-02-30"}),
    ("/api/events", {"since": "yesterday"}),
    ("/api/events", {"until": "2025-06-13' OR 1=1 --"}),
    ("/api/events", {"until": "9999-99-99"}),
    ("/api/events", {"since": LONG}),
    ("/api/events", {"cameo": "19' OR 1=1"}),
    ("/api/events", {"cameo": "1a"}),
    ("/api/events", {"plover": "ASSAULT' --"}),
    ("/api/events", {"quad": "4 OR 1=1"}),
    ("/api/events", {"quad": "5"}),
    ("/api/events", {"place": LONG}),
    ("/api/events", {"place": "Tehran\x00"}),
    ("/api/events", {"q": LONG}),
    ("/api/events", {"limit": "-1"}),
    ("/api/events", {"limit": "100000"}),
    ("/api/events", {"limit": "1; DROP TABLE events"}),
    ("/api/events", {"after": "' OR 1=1 --"}),
    ("/api/events", {"after": LONG}),
    ("/api/events", {"format": "xml"}),
    ("/api/events", {"directed": "maybe"}),
    ("/api/events/1' OR '1'='1", {}),
    ("/api/events/" + "a" * 5000, {}),
    ("/api/articles/" + LONG, {}),
    ("/api/dyads/ISR'--/IRN/series", {}),
    ("/api/dyads/ISR/IRN/series", {"by": "year"}),
    ("/api/dyads/ISR/IRN/series", {"dedup": SQL}),
    ("/api/dyads/ISR/IRN/series", {"since": "2025-13-45"}),
    ("/api/dyads", {"limit": "all"}),
    ("/api/watch", {"limit": "abc"}),
    ("/api/watch", {"since": "'; DROP"}),
    ("/api/mediation", {"since": LONG}),
]


def fingerprint(db: Path) -> str:
    """A hash of everything stored (articles, sentences, events)."""
    with Store(db, read_only=True) as store:
        rows = [
            store.query(f"SELECT * FROM {table} ORDER BY ALL")
            for table in ("articles", "sentences", "events")
        ]
    return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


@pytest.fixture
def setup(tmp_db: Path) -> tuple[TestClient, Path, str]:
    seed_store(tmp_db, n=3)
    client = TestClient(create_app(Settings.load(db=tmp_db)), base_url="http://127.0.0.1")
    return client, tmp_db, fingerprint(tmp_db)


@pytest.mark.parametrize(("path", "params"), BAD_QUERIES)
def test_api_hostile_values_are_4xx_and_change_nothing(
    setup: tuple[TestClient, Path, str], path: str, params: dict[str, str]
) -> None:
    client, db, before = setup
    res = client.get(path, params=params)
    assert 400 <= res.status_code < 500, (res.status_code, res.text[:200])
    body = res.json()
    assert set(body) == {"error", "detail"}
    assert len(res.text) < 2000
    assert fingerprint(db) == before


@pytest.mark.parametrize(
    "params",
    [
        {"q": SQL},
        {"q": "raid' OR '1'='1"},
        {"place": "Tehran' OR '1'='1"},
        {"place": '" OR ""="'},
        {"q": "%"},
        {"q": "_"},
    ],
)
def test_api_text_filters_match_quotes_literally(
    setup: tuple[TestClient, Path, str], params: dict[str, str]
) -> None:
    """Free-text filters may contain quotes (a search for "Israel's" is legitimate): they are
    values, never SQL, so an injection attempt just matches nothing."""
    client, db, before = setup
    res = client.get("/api/events", params=params)
    assert res.status_code == 200
    assert res.json()["count"] == 0
    assert fingerprint(db) == before
    assert client.get("/api/events").json()["count"] == 9
