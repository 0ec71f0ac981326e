"""Issue #15: what the audit broke in the API. ``POST /api/code`` off by default, JSON only,
capped, with a bounded queue whose timed-out work stops; readiness; corrupt file vs lock;
``Host`` check; nested bodies; no paths or exception texts in answers. Stand-in coders keep
these fast; the queue test runs a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from casus.api import create_app
from casus.errors import StoreError
from casus.model import Article
from casus.settings import Settings
from tests._builders.api import seed_store

GOOD = {"id": "p1", "text": "Israel struck Iran near Tehran.", "date": "2025-06-13"}
LOCAL = "http://127.0.0.1"


class SlowCoder:
    """Returns each article as it is after ``delay`` seconds; counts what it coded."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.coded = 0

    def code(self, articles: Iterable[Article]) -> Iterator[Article]:
        for art in articles:
            time.sleep(self.delay)
            self.coded += 1
            yield art


def _client(db: Path, coder: object = None, **options: object) -> TestClient:
    settings = {k: v for k, v in options.items() if k not in ("allow_code", "allow_ingest")}
    app = create_app(
        Settings.load(db=db, **settings),
        allow_code=bool(options.get("allow_code", True)),
        allow_ingest=bool(options.get("allow_ingest", False)),
        coder_factory=lambda: coder or SlowCoder(0.0),
    )
    return TestClient(app, base_url=LOCAL)


# --- item 2: POST /api/code ----------------------------------------------------------------


def test_api_code_is_off_by_default(tmp_db: Path) -> None:
    app = create_app(Settings.load(db=tmp_db), coder_factory=lambda: SlowCoder(0.0))
    res = TestClient(app, base_url=LOCAL).post("/api/code", json=GOOD)
    assert res.status_code == 403 and "--allow-code" in res.json()["detail"]


def test_api_code_needs_the_token_when_one_is_set(tmp_db: Path) -> None:
    client = _client(tmp_db, token="s3cret")
    assert client.post("/api/code", json=GOOD).status_code == 401
    ok = client.post("/api/code", json=GOOD, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200, ok.text


@pytest.mark.parametrize("kind", ["text/plain", "application/x-www-form-urlencoded", None])
def test_api_code_refuses_a_body_that_is_not_declared_json(tmp_db: Path, kind: str | None) -> None:
    headers = {"content-type": kind} if kind else {}
    res = _client(tmp_db).post("/api/code", content=json.dumps(GOOD), headers=headers)
    assert res.status_code == 415


def test_api_code_body_is_capped_at_a_hundred_kilobytes(tmp_db: Path) -> None:
    body = {**GOOD, "text": "Israel struck Iran. " * 7_500}  # 150 kB: under the old 1 MB
    assert _client(tmp_db).post("/api/code", json=body).status_code == 413


@contextmanager
def _live(app: FastAPI) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 (a free port) in a thread."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="error"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not (server.started and server.servers) and time.monotonic() < deadline:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


def _post(url: str, body: object) -> int:
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"content-type": "application/json"}
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as res:
            return int(res.status)
    except urllib.error.HTTPError as err:
        return int(err.code)


def test_api_code_queue_is_bounded_and_refuses_with_503(tmp_db: Path) -> None:
    coder = SlowCoder(1.0)
    app = create_app(
        Settings.load(db=tmp_db, api_code_queue=1, api_timeout_seconds=5),
        allow_code=True,
        coder_factory=lambda: coder,
    )
    with _live(app) as base:
        codes: list[int] = []
        started = time.monotonic()
        threads = [
            threading.Thread(
                target=lambda i=i: codes.append(_post(f"{base}/api/code", {**GOOD, "id": f"q{i}"}))
            )
            for i in range(4)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
        elapsed = time.monotonic() - started
    assert sorted(codes) == [200, 503, 503, 503]
    assert elapsed < 4  # the refused ones did not wait for the coder
    assert coder.coded == 1


def test_api_work_of_a_timed_out_request_stops(tmp_db: Path) -> None:
    coder = SlowCoder(0.3)
    client = _client(
        tmp_db, coder, allow_ingest=True, token="t", api_timeout_seconds=0.5, api_code_queue=1
    )
    batch = [{**GOOD, "id": f"n{i}"} for i in range(30)]
    res = client.post("/api/ingest", json=batch, headers={"Authorization": "Bearer t"})
    assert res.status_code == 504
    holder = client.app.state.coder  # type: ignore[attr-defined]
    deadline = time.monotonic() + 5
    while holder.pending and time.monotonic() < deadline:
        time.sleep(0.05)
    assert holder.pending == 0 and holder.abandoned == 1
    assert coder.coded <= 4  # stopped at the next article, not after all 30 (9 s)
    again = client.post("/api/code", json=GOOD, headers={"Authorization": "Bearer t"})
    assert again.status_code == 200  # the slot is free again


def test_api_health_reports_readiness_while_the_model_loads(tmp_db: Path) -> None:
    gate = threading.Event()

    def factory() -> SlowCoder:
        gate.wait(10)
        return SlowCoder(0.0)

    app = create_app(Settings.load(db=tmp_db), allow_code=True, coder_factory=factory)
    client = TestClient(app, base_url=LOCAL)
    health = client.get("/api/health")
    assert health.status_code == 503 and health.json()["coder"] == "loading"
    started = time.monotonic()
    assert client.post("/api/code", json=GOOD).status_code == 503
    assert time.monotonic() - started < 1  # answered at once, not after the 10 s timeout
    gate.set()
    deadline = time.monotonic() + 5
    while client.get("/api/health").status_code != 200 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert client.get("/api/health").json() == {"ready": True, "coder": "ready", "pending": 0}
    assert client.post("/api/code", json=GOOD).status_code == 200


# --- item 3: a corrupt database is not a lock ----------------------------------------------


def _corrupt(db: Path) -> None:
    data = db.read_bytes()
    db.write_bytes(data[:8192] + b"\xff" * (len(data) - 8192))


def test_api_corrupt_database_is_one_error_at_start(tmp_db: Path) -> None:
    seed_store(tmp_db, n=2)
    _corrupt(tmp_db)
    started = time.monotonic()
    with pytest.raises(StoreError) as err:
        create_app(Settings.load(db=tmp_db))
    assert time.monotonic() - started < 2
    assert "\n" not in str(err.value) and err.value.reason == "corrupt"


def test_api_database_corrupted_while_serving_is_503_at_once(tmp_db: Path) -> None:
    seed_store(tmp_db, n=2)
    client = TestClient(create_app(Settings.load(db=tmp_db)), base_url=LOCAL)
    assert client.get("/api/events").status_code == 200
    _corrupt(tmp_db)
    started = time.monotonic()
    res = client.get("/api/events")
    assert res.status_code == 503
    assert time.monotonic() - started < 2  # no lock retries for a damaged file
    assert str(tmp_db.parent) not in res.text and "checksum" not in res.text


# --- item 5: network exposure --------------------------------------------------------------


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.evil.example"])
def test_api_refuses_a_foreign_host_header(tmp_db: Path, host: str) -> None:
    seed_store(tmp_db, n=1)
    client = TestClient(create_app(Settings.load(db=tmp_db)), base_url=LOCAL)
    assert client.get("/api/events", headers={"host": host}).status_code == 421
    for name in ("127.0.0.1:8000", "localhost:8000", "localhost"):
        assert client.get("/api/events", headers={"host": name}).status_code == 200


def test_api_host_check_follows_the_bound_name(tmp_db: Path) -> None:
    seed_store(tmp_db, n=1)
    app = create_app(Settings.load(db=tmp_db), host="casus.lan")
    client = TestClient(app, base_url="http://casus.lan")
    assert client.get("/api/events").status_code == 200
    assert client.get("/api/events", headers={"host": "localhost"}).status_code == 421


@pytest.mark.parametrize("depth", [30, 40_000])
def test_api_deeply_nested_body_is_400(tmp_db: Path, depth: int) -> None:
    body = '{"id": "x", "text": "A.", "title": ' + "[" * depth + "]" * depth + "}"
    res = _client(tmp_db).post(
        "/api/code", content=body, headers={"content-type": "application/json"}
    )
    assert res.status_code == 400
    assert "Recursion" not in res.text


def test_api_store_errors_name_no_path(tmp_path: Path) -> None:
    db = tmp_path / "secret-folder" / "none.duckdb"
    res = TestClient(create_app(Settings.load(db=db)), base_url=LOCAL).get("/api/events")
    assert res.status_code == 503
    assert "secret-folder" not in res.text and str(tmp_path) not in res.text
    assert "casus ingest" in res.json()["detail"]


# --- also found: /api/dyads?limit=1 --------------------------------------------------------


def test_api_dyads_limit_applies_after_leaving_out_self_pairs(tmp_db: Path) -> None:
    import datetime as dt

    from casus.store import Store
    from tests._builders.api import coded_article

    seed_store(tmp_db, n=1)
    own = [
        coded_article(
            f"self{i}",
            dt.date(2025, 6, 1),
            [(f"Israel criticised Israel in debate {i}.", "Israel", "criticised", "Israel", None)],
        )
        for i in range(8)
    ]
    with Store(tmp_db) as store:
        store.write(own)
        assert store.dyad_counts(1)[0].a == store.dyad_counts(1)[0].b  # the top pair is a self pair
    client = TestClient(create_app(Settings.load(db=tmp_db)), base_url=LOCAL)
    dyads = client.get("/api/dyads", params={"limit": 1}).json()["dyads"]
    assert len(dyads) == 1 and dyads[0]["a"] != dyads[0]["b"]
