"""Issue #15: a dyad series is bounded. Two events 54 years apart gave 20,000 zero rows
(3.9 MB from the API); now only the periods with events come back unless ``fill`` is asked
for, and a filled series spans at most ``MAX_FILL_PERIODS`` periods (else one InputError,
a 422 from the API)."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from casus import analysis
from casus.errors import InputError
from casus.store import Store
from tests._builders.analysis import D, article, ev, store_with
from tests._builders.api import start_server, stop_server


@pytest.fixture
def store(tmp_db: Path) -> Store:
    return store_with(
        tmp_db,
        [
            article("old", D(1990, 1, 2), [ev("old", 0, "ISR", "190", "IRN", D(1990, 1, 2))]),
            article("new", D(2044, 6, 1), [ev("new", 0, "IRN", "040", "ISR", D(2044, 6, 1))]),
        ],
    )


def test_dyad_series_returns_only_periods_with_events_by_default(store: Store) -> None:
    for span in ({}, {"since": D(1990, 1, 1), "until": D(2044, 12, 31)}):
        rows = analysis.dyad_series(store, "ISR", "IRN", **span)  # type: ignore[arg-type]
        assert [(r.period, r.events) for r in rows] == [(D(1990, 1, 2), 1), (D(2044, 6, 1), 1)]


def test_dyad_series_fill_is_capped(store: Store) -> None:
    with pytest.raises(InputError, match="too many to fill with zeros") as err:
        analysis.dyad_series(store, "ISR", "IRN", by="day", fill=True)
    assert "19,875 days" in str(err.value) and "2,000" in str(err.value)
    months = analysis.dyad_series(store, "ISR", "IRN", by="month", fill=True)
    assert len(months) == (2044 - 1990) * 12 + 6 <= analysis.MAX_FILL_PERIODS
    assert sum(r.events for r in months) == 2


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=30) as res:
            return res.status, res.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def test_api_dyad_series_is_small_over_a_long_span(store: Store, tmp_path: Path) -> None:
    server = start_server(store.path, tmp_path, "--tiles", "none")
    try:
        status, body = _get(f"{server.url}/api/dyads/ISR/IRN/series")
        assert status == 200 and len(body) < 2_000  # was 19,875 zero rows
        base = f"{server.url}/api/dyads/ISR/IRN/series?since=1990-01-01&until=2044-12-31"
        status, body = _get(base)
        assert status == 200
        assert len(body) < 2_000
        assert [r["period"] for r in json.loads(body)["series"]] == ["1990-01-02", "2044-06-01"]
        status, body = _get(base + "&fill=true")
        assert status == 422 and b"too many to fill with zeros" in body and len(body) < 1_000
        status, body = _get(base + "&fill=true&by=month")
        assert status == 200 and len(json.loads(body)["series"]) == 660
    finally:
        stop_server(server)
