"""Every read endpoint of the API over a store filled with hand-coded articles (no model)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from casus.api import create_app
from casus.settings import Settings
from tests._builders.api import seed_store


@pytest.fixture
def client(tmp_db: Path) -> TestClient:
    seed_store(tmp_db)
    return TestClient(
        create_app(Settings.load(db=tmp_db), tiles="none"), base_url="http://127.0.0.1"
    )


def all_pages(client: TestClient, **params: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    after = None
    for _ in range(100):
        res = client.get("/api/events", params={**params, "after": after or ""})
        assert res.status_code == 200, res.text
        body = res.json()
        assert body["count"] == len(body["events"])
        found += body["events"]
        after = body["next"]
        if after is None:
            return found
    raise AssertionError("pagination did not end")


def test_api_events_lists_contract_records(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 1000}).json()
    assert body["count"] == 18 and body["next"] is None
    first = body["events"][0]
    assert set(first) >= {"event_id", "source", "target", "cameo", "plover", "evidence", "location"}


@pytest.mark.parametrize("limit", [1, 4, 7, 18, 50])
def test_api_events_cursor_pagination_visits_each_event_once(
    client: TestClient, limit: int
) -> None:
    events = all_pages(client, limit=limit)
    ids = [e["event_id"] for e in events]
    assert len(ids) == 18 and len(set(ids)) == 18


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "RUS"}, 6),
        ({"dyad": "ISR,IRN"}, 6),
        ({"dyad": "IRN,ISR", "directed": "true"}, 0),
        ({"dyad": "ISR,IRN", "directed": "true"}, 6),
        ({"quad": 4}, 6),
        ({"cameo": "11"}, 6),
        ({"plover": "consult"}, 6),
        ({"place": "Tehran"}, 6),
        ({"q": "raid 3"}, 3),
        ({"since": "2025-06-13"}, 6),
        ({"since": "2025-06-11", "until": "2025-06-11"}, 3),
    ],
)
def test_api_events_filters(client: TestClient, params: dict[str, object], expected: int) -> None:
    assert len(all_pages(client, limit=5, **params)) == expected


def test_api_events_csv_and_jsonl(client: TestClient) -> None:
    res = client.get("/api/events", params={"format": "csv", "limit": 5})
    assert res.status_code == 200 and res.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert len(rows) == 5 and rows[0]["event_id"] and "location_lat" in rows[0]
    assert res.headers["x-next-cursor"] == rows[-1]["event_id"]
    res = client.get("/api/events", params={"format": "jsonl", "limit": 1000})
    lines = [json.loads(line) for line in res.text.splitlines()]
    assert len(lines) == 18 and "x-next-cursor" not in res.headers


def test_api_event_detail_has_evidence_article_and_spans(client: TestClient) -> None:
    strike = client.get("/api/events", params={"dyad": "ISR,IRN", "limit": 1}).json()["events"][0]
    res = client.get(f"/api/events/{strike['event_id']}")
    assert res.status_code == 200
    body = res.json()
    assert body["event"] == strike
    text = body["article"]["text"]
    ev = strike["evidence"]
    assert text[ev["start"] : ev["end"]] == ev["sentence"]
    mine = {s["kind"]: s for s in body["spans"] if s["event_id"] == strike["event_id"]}
    assert set(mine) == {"trigger", "source", "target", "place"}
    for span in mine.values():
        assert text[span["start"] : span["end"]] == span["text"]
    assert mine["place"]["text"] == "Tehran"


def test_api_article_has_text_and_every_coded_span(client: TestClient) -> None:
    body = client.get("/api/articles/t002").json()
    assert body["article"]["id"] == "t002"
    kinds = [s["kind"] for s in body["spans"]]
    assert kinds.count("sentence") == 3 and kinds.count("trigger") == 3
    assert kinds.count("place") == 1 and len(body["events"]) == 3


@pytest.mark.parametrize("path", ["/api/events/0123456789abcdef0123", "/api/articles/nope"])
def test_api_missing_things_are_404_in_the_error_shape(client: TestClient, path: str) -> None:
    res = client.get(path)
    assert res.status_code == 404
    assert set(res.json()) == {"error", "detail"}


def test_api_unknown_route_is_404_in_the_error_shape(client: TestClient) -> None:
    res = client.get("/api/nothing-here")
    assert res.status_code == 404 and res.json()["error"] == "not found"


def test_api_dyad_series_watch_mediation(client: TestClient) -> None:
    series = client.get("/api/dyads/ISR/IRN/series").json()
    periods = {row["period"]: row for row in series["series"]}
    assert set(periods) == {f"2025-06-{d}" for d in range(10, 15)}
    assert sum(row["events"] for row in series["series"]) == 6
    weekly = client.get("/api/dyads/ISR/IRN/series", params={"by": "week"}).json()
    assert sum(row["events"] for row in weekly["series"]) == 6
    assert client.get("/api/dyads").json()["dyads"][0]["events"] == 6
    watch = client.get("/api/watch", params={"limit": 5})
    assert watch.status_code == 200 and isinstance(watch.json()["watch"], list)
    med = client.get("/api/mediation")
    assert med.status_code == 200 and isinstance(med.json()["mediation"], list)


def test_api_missing_database_says_what_to_do(tmp_path: Path) -> None:
    client = TestClient(
        create_app(Settings.load(db=tmp_path / "none.duckdb")), base_url="http://127.0.0.1"
    )
    res = client.get("/api/events")
    assert res.status_code == 503
    assert "casus ingest" in res.json()["detail"]
    assert not (tmp_path / "none.duckdb").exists()


def test_api_docs_and_dashboard_are_served_locally(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs.text
    assert "cdn" not in docs.text.lower()
    assert client.get("/static/vendor/swagger-ui/swagger-ui-bundle.js").status_code == 200
    spec = client.get("/openapi.json").json()
    assert {"/api/events", "/api/code", "/api/ingest", "/api/watch"} <= set(spec["paths"])
    page = client.get("/")
    assert (
        page.status_code == 200 and "script-src 'self'" in page.headers["content-security-policy"]
    )
    for ref in ("/static/app.js", "/static/vendor/leaflet/leaflet.js"):
        assert ref in page.text and client.get(ref).status_code == 200
    assert client.get("/api/config").json()["tiles"] is None
