"""Coded spans and parameter checks of the API service (pure functions, no server)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from casus.api.service import (
    article_spans,
    check_actor,
    check_cameo,
    check_plover,
    check_text,
    events_csv,
    parse_date,
    parse_dyad,
)
from casus.errors import InputError
from tests._builders.api import coded_article

ART = coded_article(
    "s1",
    dt.date(2025, 6, 13),
    [
        ("France met Iran in Geneva.", "France", "met", "Iran", None),
        (
            "Israel struck Iran near Tehran, and Iran answered.",
            "Israel",
            "struck",
            "Iran",
            "Tehran",
        ),
    ],
)


def spans_of(article=ART):  # type: ignore[no-untyped-def]
    return article_spans(
        article.text, [(s.index, s.start, s.end) for s in article.sentences], article.events
    )


def test_api_spans_cover_sentences_and_each_event_part() -> None:
    spans = spans_of()
    assert [s.kind for s in spans].count("sentence") == 2
    for s in spans:
        assert ART.text[s.start : s.end] == s.text
    strike = ART.events[1]
    mine = {s.kind: s for s in spans if s.event_id == strike.event_id}
    assert set(mine) == {"trigger", "source", "target", "place"}
    # "Iran" occurs twice in the sentence: the target span is the one nearest the trigger
    assert mine["target"].start == ART.text.index("Iran", strike.evidence.start)


def test_api_spans_survive_missing_trigger_offsets_and_shifted_evidence() -> None:
    strike = ART.events[1]
    ev = replace(strike.evidence, trigger_start=None, trigger_end=None, start=0, end=5)
    broken = replace(ART, events=(replace(strike, evidence=ev),))
    mine = {s.kind: s for s in spans_of(broken) if s.event_id == strike.event_id}
    assert mine["trigger"].text == "struck" and mine["place"].text == "Tehran"
    assert mine["trigger"].start == ART.text.index("struck")


@pytest.mark.parametrize(
    ("fn", "value", "expected"),
    [
        (check_actor, "isr", "ISR"),
        (check_actor, "RUSGOV", "RUSGOV"),
        (check_actor, "", None),
        (check_cameo, "190", "190"),
        (check_plover, "assault", "ASSAULT"),
        (check_text, "Israel's", "Israel's"),
        (parse_dyad, "ISR, IRN", ("ISR", "IRN")),
    ],
)
def test_api_checks_accept(fn, value, expected) -> None:  # type: ignore[no-untyped-def]
    assert fn(value) == expected


@pytest.mark.parametrize(
    ("fn", "value"),
    [
        (check_actor, "I"),
        (check_actor, "ISR OR 1"),
        (check_actor, "1SR"),
        (check_cameo, "19a"),
        (check_cameo, "12345"),
        (check_plover, "BOMB"),
        (check_text, "x" * 201),
        (check_text, "a\nb"),
        (parse_dyad, "ISR"),
        (parse_dyad, ",IRN"),
    ],
)
def test_api_checks_reject(fn, value) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        fn(value)


@pytest.mark.parametrize("value", ["2025-02-29", "2025-6-1", "20250601", "2025-06-01T00:00"])
def test_api_parse_date_rejects(value: str) -> None:
    with pytest.raises(InputError):
        parse_date(value, "since")


def test_api_parse_date_accepts_a_calendar_day() -> None:
    assert parse_date("2024-02-29", "since") == dt.date(2024, 2, 29)


def test_api_events_csv_header_without_events() -> None:
    assert events_csv([]).startswith("event_id,article_id,sentence_index,date")
