"""POST /api/code and /api/ingest: body size and time limits, the token, the lazily loaded
coder. A stand-in coder keeps these fast; one test runs the real pipeline."""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.testclient import TestClient

from casus.api import create_app
from casus.errors import ConfigError
from casus.model import Article
from casus.settings import Settings
from casus.store import Store
from tests._builders.api import coded_article, seed_store

if TYPE_CHECKING:
    from casus.pipeline import Coder

GOOD = {"id": "p1", "text": "Israel struck Iran near Tehran.", "date": "2025-06-13"}


class StandInCoder:
    """Codes by hand: one strike event per article, whatever the text (``delay`` seconds)."""

    built = 0

    def __init__(self, delay: float = 0.0) -> None:
        StandInCoder.built += 1
        self.delay = delay

    def code(self, articles: Iterable[Article]) -> Iterator[Article]:
        for art in articles:
            time.sleep(self.delay)
            if "Israel struck Iran" not in art.text:
                yield art
                continue
            day = art.date or dt.date(2025, 6, 13)
            hand = coded_article(art.id, day, [(art.text, "Israel", "struck", "Iran", None)])
            yield replace(art, sentences=hand.sentences, events=hand.events)


def make_client(db: Path, *, delay: float = 0.0, **settings: object) -> TestClient:
    app = create_app(
        Settings.load(db=db, **settings),
        allow_ingest=bool(settings.get("token")),
        allow_code=True,
        coder_factory=lambda: StandInCoder(delay),
    )
    return TestClient(app, base_url="http://127.0.0.1")


def test_api_code_returns_events_and_spans_without_storing(tmp_db: Path) -> None:
    client = make_client(tmp_db)
    res = client.post("/api/code", json=GOOD)
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["article"]["id"] == "p1"
    assert [e["cameo"] for e in body["events"]] == ["190"]
    assert {s["kind"] for s in body["spans"]} >= {"sentence", "trigger", "source", "target"}
    assert not tmp_db.exists()


def test_api_code_loads_the_coder_once(tmp_db: Path) -> None:
    StandInCoder.built = 0
    client = make_client(tmp_db)
    for i in range(3):
        assert client.post("/api/code", json={**GOOD, "id": f"p{i}"}).status_code == 200
    assert StandInCoder.built == 1


@pytest.mark.parametrize("chunked", [False, True])
def test_api_code_body_over_the_limit_is_413(tmp_db: Path, chunked: bool) -> None:
    client = make_client(tmp_db, api_max_body_bytes=2000)
    body = json.dumps({**GOOD, "text": "word " * 1000}).encode()
    if chunked:
        res = client.post(
            "/api/code",
            content=iter([body[:1000], body[1000:]]),
            headers={"content-type": "application/json"},
        )
    else:
        res = client.post("/api/code", content=body, headers={"content-type": "application/json"})
    assert res.status_code == 413
    assert set(res.json()) == {"error", "detail"}


def test_api_code_default_limit_is_a_hundred_kilobytes(tmp_db: Path) -> None:
    client = make_client(tmp_db)
    big = {**GOOD, "text": "Israel struck Iran. " * 6_000}
    assert client.post("/api/code", json=big).status_code == 413


@pytest.mark.parametrize(
    "payload",
    [
        b"{not json",
        b"[]",
        b'"text"',
        json.dumps({"id": "x"}).encode(),
        json.dumps({"id": "x", "text": "A sentence.", "date": "2025-99-99"}).encode(),
        json.dumps([GOOD]).encode(),
        "caf\u00e9".encode("latin-1"),
    ],
)
def test_api_code_invalid_body_is_422(tmp_db: Path, payload: bytes) -> None:
    client = make_client(tmp_db)
    res = client.post("/api/code", content=payload, headers={"content-type": "application/json"})
    assert res.status_code == 422, res.text
    assert set(res.json()) == {"error", "detail"}


def test_api_code_over_the_time_limit_is_504(tmp_db: Path) -> None:
    client = make_client(tmp_db, delay=2.0, api_timeout_seconds=0.2)
    res = client.post("/api/code", json=GOOD)
    assert res.status_code == 504
    assert res.json()["error"] == "timeout"


def test_api_ingest_is_off_by_default(tmp_db: Path) -> None:
    client = make_client(tmp_db)
    res = client.post("/api/ingest", json=GOOD, headers={"Authorization": "Bearer x"})
    assert res.status_code == 403 and set(res.json()) == {"error", "detail"}
    assert not tmp_db.exists()


def test_api_ingest_needs_a_token_to_start(tmp_db: Path) -> None:
    with pytest.raises(ConfigError):
        create_app(Settings.load(db=tmp_db, token=None), allow_ingest=True)


@pytest.mark.parametrize("header", [None, "Bearer wrong", "Bearer", "s3cret", "Basic s3cret"])
def test_api_ingest_refuses_a_missing_or_wrong_token(tmp_db: Path, header: str | None) -> None:
    seed_store(tmp_db, n=2)
    client = make_client(tmp_db, token="s3cret")
    headers = {"Authorization": header} if header else {}
    res = client.post("/api/ingest", json={**GOOD, "id": "new"}, headers=headers)
    assert res.status_code == 401
    with Store(tmp_db, read_only=True) as store:
        assert store.article("new") is None and store.stats().articles == 2


def test_api_ingest_with_the_token_stores(tmp_db: Path) -> None:
    client = make_client(tmp_db, token="s3cret")
    batch = [{**GOOD, "id": "n1"}, {**GOOD, "id": "n2"}]
    res = client.post("/api/ingest", json=batch, headers={"Authorization": "Bearer s3cret"})
    assert res.status_code == 200, res.text
    assert res.json() == {"stored": ["n1", "n2"], "events": 2}
    with Store(tmp_db, read_only=True) as store:
        stored = store.article("n2")
    assert stored is not None and len(stored.events) == 1
    listed = client.get("/api/events", params={"actor": "ISR"}).json()
    assert listed["count"] == 2


@pytest.mark.model
def test_api_code_runs_the_real_pipeline(tmp_db: Path, coder: Coder) -> None:
    app = create_app(Settings.load(db=tmp_db), allow_code=True, coder_factory=lambda: coder)
    client = TestClient(app, base_url="http://127.0.0.1")
    text = (
        "The foreign minister of France met his Iranian counterpart in Paris on Tuesday. "
        "Hours later, Israeli aircraft bombed a depot outside Tehran."
    )
    res = client.post("/api/code", json={"id": "real1", "text": text, "date": "2025-06-20"})
    assert res.status_code == 200, res.text
    body = res.json()
    assert body["article"]["text"] == text
    assert [s["kind"] for s in body["spans"]].count("sentence") == 2
    for event in body["events"]:
        ev = event["evidence"]
        assert text[ev["start"] : ev["end"]] == ev["sentence"]
    for span in body["spans"]:
        assert text[span["start"] : span["end"]] == span["text"]
    assert not tmp_db.exists()
