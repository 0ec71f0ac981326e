"""The acceptance rule of ``expected.json`` specs, on hand-made specs and events."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from casus.evaluate.expected import Coded, check_expected, haversine_km, parse_spec
from casus.model import Event, Evidence, Location, Participant

D = dt.date(2030, 3, 1)

SPEC: dict[str, Any] = {
    "must": [
        {"source": "AAA", "cameo_root": "04", "target": "BBB", "date": "2030-03-01"},
        {"source": "AAA", "cameo_root": "03", "target": ["BBB", "CCC"]},
        {"source": "BBB", "cameo_root": "19", "target": "CCC", "locations": ["Alpha", "Beta"]},
    ],
    "may": [
        {"source": "AAA", "cameo_root": "01", "target": ["BBB", None]},
    ],
    "places": {
        "Alpha": {"lat": 10.0, "lon": 20.0},
        "Beta": {"lat": -5.0, "lon": 100.0},
    },
}

GOOD = [
    Coded("AAA", "BBB", "04", D),
    Coded("AAA", "CCC", "03"),
    Coded("BBB", "CCC", "19", lat=10.1, lon=20.1),
]


def test_evaluate_expected_all_musts_pass() -> None:
    spec = parse_spec(SPEC)
    assert check_expected(GOOD, spec).passed
    assert check_expected(GOOD, spec, dates_places=True).passed


def test_evaluate_expected_missing_must_fails() -> None:
    result = check_expected(GOOD[:2], parse_spec(SPEC))
    assert not result.passed
    assert [m.cameo_root for m in result.missing] == ["19"]
    assert "missing 1" in result.explain()


def test_evaluate_expected_target_alternatives_and_wrong_target() -> None:
    spec = parse_spec(SPEC)
    wrong = [GOOD[0], Coded("AAA", "DDD", "03"), GOOD[2]]
    result = check_expected(wrong, spec)
    assert [m.cameo_root for m in result.missing] == ["03"]
    assert len(result.spurious) == 1


def test_evaluate_expected_root_must_match() -> None:
    result = check_expected([Coded("AAA", "BBB", "05", D), *GOOD[1:]], parse_spec(SPEC))
    assert [m.cameo_root for m in result.missing] == ["04"]


def test_evaluate_expected_spurious_limit() -> None:
    spec = parse_spec(SPEC)
    extra = [Coded("ZZZ", None, "17"), Coded("YYY", "AAA", "11")]
    assert check_expected([*GOOD, *extra], spec).passed
    third = [*extra, Coded(None, None, "10")]
    result = check_expected([*GOOD, *third], spec)
    assert not result.passed and not result.missing and len(result.spurious) == 3


def test_evaluate_expected_may_and_duplicates_are_not_spurious() -> None:
    spec = parse_spec(SPEC)
    events = [*GOOD, GOOD[0], Coded("AAA", None, "01"), Coded("AAA", "BBB", "01")]
    result = check_expected(events, spec, max_spurious=0)
    assert result.passed


def test_evaluate_expected_each_must_needs_its_own_event() -> None:
    spec = parse_spec(
        {
            "must": [
                {"source": "AAA", "cameo_root": "04", "target": ["BBB", "CCC"]},
                {"source": "AAA", "cameo_root": "04", "target": "BBB"},
            ]
        }
    )
    assert not check_expected([Coded("AAA", "BBB", "04")], spec).passed
    # the matching finds the assignment a greedy pass would miss
    assert check_expected([Coded("AAA", "BBB", "04"), Coded("AAA", "CCC", "04")], spec).passed


def test_evaluate_expected_dates_checked_only_with_dates_places() -> None:
    spec = parse_spec(SPEC)
    events = [Coded("AAA", "BBB", "04", dt.date(2030, 2, 28)), *GOOD[1:]]
    assert check_expected(events, spec).passed
    result = check_expected(events, spec, dates_places=True)
    assert [m.cameo_root for m in result.missing] == ["04"]
    assert not result.spurious  # a wrong date is a miss, not a spurious event
    undated = [Coded("AAA", "BBB", "04"), *GOOD[1:]]
    assert not check_expected(undated, spec, dates_places=True).passed


@pytest.mark.parametrize(
    ("lat", "lon", "ok"),
    [
        (10.1, 20.1, True),  # ~16 km from Alpha
        (-5.2, 100.0, True),  # ~22 km from Beta
        (10.3, 20.0, False),  # ~33 km from Alpha
        (None, None, False),  # not located
    ],
)
def test_evaluate_expected_location_within_radius(
    lat: float | None, lon: float | None, ok: bool
) -> None:
    events = [*GOOD[:2], Coded("BBB", "CCC", "19", lat=lat, lon=lon)]
    assert check_expected(events, parse_spec(SPEC), dates_places=True).passed is ok


def test_evaluate_expected_haversine() -> None:
    assert haversine_km(0.0, 0.0, 0.0, 0.0) == 0.0
    assert haversine_km(0.0, 0.0, 1.0, 0.0) == pytest.approx(111.19, abs=0.1)
    assert haversine_km(51.5074, -0.1278, 48.8566, 2.3522) == pytest.approx(343.5, abs=1)


def test_evaluate_expected_country_level_codes_and_unknown_place() -> None:
    spec = parse_spec({"must": [{"source": "JAP", "cameo_root": "04", "target": "IGO"}]})
    assert spec.must[0].source == "JPN"
    with pytest.raises(ValueError, match="Gamma"):
        parse_spec({"must": [{"source": "A", "cameo_root": "1", "locations": ["Gamma"]}]})


def test_evaluate_expected_coded_from_event() -> None:
    event = Event(
        event_id="e",
        article_id="a",
        sentence_index=0,
        cameo="1951",
        cameo_root="19",
        plover="FIGHT",
        mode=None,
        quad_class=4,
        goldstein=-10.0,
        evidence=Evidence(sentence="s", start=0, end=1, trigger="shelled"),
        confidence=0.9,
        source=Participant("the army", "Army", "BBBMIL", "BBB", "MIL"),
        target=Participant("the UN", "United Nations", "IGOUNO", None, "IGO"),
        date=D,
        location=Location("Alpha", "Alpha", "CCC", None, 10.0, 20.0),
    )
    coded = Coded.from_event(event)
    assert (coded.source, coded.target, coded.cameo_root, coded.date) == ("BBB", "IGO", "19", D)
    assert (coded.lat, coded.lon) == (10.0, 20.0)
    assert "1951" in str(coded)


def test_evaluate_expected_coded_from_contract_record() -> None:
    record = {
        "source": {"code": "BBBGOV", "country": "BBB"},
        "target": {"code": "IGOUNO", "country": None},
        "cameo": "0431",
        "cameo_root": "04",
        "date": "2030-03-01",
        "location": {"lat": 10.0, "lon": 20.0},
        "evidence": {"trigger": "visited"},
    }
    coded = Coded.from_record(record)
    assert coded == Coded("BBB", "IGO", "04", D, 10.0, 20.0, "0431 'visited'")
    bare = Coded.from_record({"source": None, "target": None, "cameo": "190", "location": None})
    assert (bare.source, bare.target, bare.cameo_root, bare.lat) == (None, None, "19", None)
