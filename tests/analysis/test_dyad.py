"""Dyad series, escalation watch and mediation (issue #6) on hand-built stored events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casus import analysis
from casus.analysis.mediators import resolve_parties
from casus.analysis.sql import country_name, period_start, resolve_actor, sparkline
from casus.errors import InputError
from casus.model import Article
from casus.store import Store
from tests._builders.analysis import D, article, ev, store_with


def _history() -> list[Article]:
    """Calm weeks of ISR-IRN talk, then a week of strikes; RUS-UKR steady conflict; RUS
    offering to mediate between ISR and IRN."""
    arts: list[Article] = []
    for w in range(4):
        day = D(2025, 5, 5) + dt.timedelta(days=7 * w)
        arts.append(
            article(
                f"calm-{w}",
                day,
                [
                    ev(f"calm-{w}", 0, "ISRGOV", "040", "IRNGOV", day),
                    ev(f"calm-{w}", 1, "IRN", "111", "ISR", day),
                    ev(f"calm-{w}", 2, "RUSMIL", "190", "UKR", day, place="Kyiv"),
                    ev(f"calm-{w}", 3, "UKRMIL", "190", "RUS", day),
                ],
            )
        )
    strikes = []
    for i, day in enumerate([D(2025, 6, 2), D(2025, 6, 3), D(2025, 6, 4), D(2025, 6, 5)]):
        strikes.append(ev(f"war-{i}", 0, "ISRMIL", "195", "IRN", day, place="Tehran"))
        strikes.append(ev(f"war-{i}", 1, "IRNMIL", "190", "ISR", day))
    for i in range(4):
        arts.append(article(f"war-{i}", strikes[2 * i].date, strikes[2 * i : 2 * i + 2]))
    arts.append(
        article(
            "med-1",
            D(2025, 6, 5),
            [
                ev(
                    "med-1",
                    0,
                    "RUSGOV",
                    "039",
                    None,
                    D(2025, 6, 5),
                    sentence="Moscow said it stood ready to broker talks between the two foes.",
                ),
                ev("med-1", 0, "ISR", "190", "IRN", D(2025, 6, 5)),
                ev("med-1", 3, "RUSGOV", "111", "ISR", D(2025, 6, 5)),
            ],
        )
    )
    arts.append(
        article(
            "med-2",
            D(2025, 6, 6),
            [
                ev("med-2", 0, "IGOUNO", "045", "UKR", D(2025, 6, 6)),
                ev("med-2", 1, "RUS", "190", "UKR", D(2025, 6, 6)),
            ],
        )
    )
    return arts


@pytest.fixture
def store(tmp_db: Path) -> Store:
    return store_with(tmp_db, _history())


def test_analysis_dyad_series_counts_by_quad(store: Store) -> None:
    rows = analysis.dyad_series(store, "ISR", "IRN", by="week")
    weeks = {r.period: r for r in rows}
    assert len(rows) == 5  # four calm weeks + the strike week, no gaps
    calm = weeks[D(2025, 5, 5)]
    assert (calm.verbal_cooperation, calm.verbal_conflict, calm.material_conflict) == (1, 1, 0)
    war = weeks[D(2025, 6, 2)]
    assert war.material_conflict == 9 and war.events == 9
    assert war.goldstein_sum == pytest.approx(-90.0)
    assert war.goldstein_mean == pytest.approx(-10.0)
    # 4 daily ISR->IRN strikes anchored on 2, 4 (window of 2 days) + IRN->ISR on 2, 4 + med-1
    assert war.incidents == 4


def test_analysis_dyad_series_directed_and_filters(store: Store) -> None:
    rows = analysis.dyad_series(
        store,
        "Israel",
        "Iran",
        by="day",
        directed=True,
        since=D(2025, 6, 1),
        until=D(2025, 6, 7),
        fill=True,
    )
    assert [r.period for r in rows] == [D(2025, 6, d) for d in range(1, 8)]
    assert [r.material_conflict for r in rows] == [0, 1, 1, 1, 2, 0, 0]
    assert rows[0].goldstein_mean is None
    month = analysis.dyad_series(store, "IRN", "ISR", by="month", fill=False)
    assert [r.period for r in month] == [D(2025, 5, 1), D(2025, 6, 1)]


def test_analysis_dyad_series_rejects_bad_input(store: Store) -> None:
    with pytest.raises(InputError, match="--by"):
        analysis.dyad_series(store, "ISR", "IRN", by="year")
    with pytest.raises(InputError, match="--dedup"):
        analysis.dyad_series(store, "ISR", "IRN", dedup="weekly")
    with pytest.raises(InputError, match="unknown country"):
        analysis.dyad_series(store, "Atlantis", "IRN")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("ISR", "ISR"),
        ("isr", "ISR"),
        ("Israel", "ISR"),
        ("Russia", "RUS"),
        ("UK", "GBR"),
        ("Iran", "IRN"),
        ("IGOUNO", "IGOUNO"),
        ("United States", "USA"),
    ],
)
def test_analysis_resolve_actor(text: str, code: str) -> None:
    assert resolve_actor(text) == code


def test_analysis_helpers() -> None:
    assert sparkline([0, 1, 2, 4]) == "▁▃▅█"
    assert sparkline([0, 0]) == "▁▁"
    assert period_start(D(2025, 6, 13), "week") == D(2025, 6, 9)
    assert period_start(D(2025, 6, 13), "month") == D(2025, 6, 1)
    assert country_name("IRN") == "Iran" or "Iran" in country_name("IRN")
    assert country_name("IGOUNO") == "IGOUNO"


def test_analysis_watch_puts_escalating_dyad_first(store: Store) -> None:
    items = analysis.watch(store, limit=5, min_count=2)
    assert items, "no dyad listed"
    top = items[0]
    assert (top.a, top.b) == ("IRN", "ISR")
    assert top.period == D(2025, 6, 2)
    assert top.share > top.baseline_share
    # daily-deduplicated: 8 strike-days against 8 calm events; store-wide share 17/27
    assert (top.events, top.material_conflict, top.baseline_events) == (8, 8, 8)
    assert top.index == pytest.approx(analysis.escalation_index(8, 8, 8, 0, 17 / 27), abs=1e-3)
    assert [i.index for i in items] == sorted((i.index for i in items), reverse=True)
    assert top.top_incidents and top.top_incidents[0].evidence
    assert top.top_incidents[0].quad_class == 4
    assert top.to_dict()["period"] == "2025-06-02"
    # RUS-UKR is steady conflict: no rise against its own baseline
    rus = [i for i in items if (i.a, i.b) == ("RUS", "UKR")]
    assert not rus or rus[0].index < top.index


def test_analysis_watch_since_and_min_count(store: Store) -> None:
    assert analysis.watch(store, since=D(2025, 7, 1)) == []
    assert all(i.events >= 5 for i in analysis.watch(store, min_count=5, dedup="none"))
    with pytest.raises(InputError):
        analysis.watch(store, dedup="incident")


def test_analysis_escalation_index_formula() -> None:
    assert analysis.escalation_index(9, 9, 8, 0, 0.5) == pytest.approx((1 - 1 / 10) * 3)
    assert analysis.escalation_index(0, 0, 5, 5, 0.5) == 0.0
    assert analysis.escalation_index(4, 0, 4, 4, 0.5) < 0


def test_analysis_mediation_parties_from_sentence_and_target(store: Store) -> None:
    items = analysis.mediation(store)
    assert [i.cameo for i in items] == ["045", "039"]
    un, rus = items
    assert rus.third_party == "RUS" and rus.role == "offer"
    assert set(rus.parties) == {"ISR", "IRN"} and rus.parties_from == "sentence"
    assert "broker talks" in rus.sentence
    assert rus.date == D(2025, 6, 5)
    assert un.third_party == "IGOUNO" and un.role == "mediate"
    assert un.parties == ("UKR", "RUS") and un.parties_from == "article"
    assert analysis.mediation(store, since=D(2025, 6, 6)) == [un]
    assert rus.to_dict()["parties"] == list(rus.parties)


def test_analysis_mediation_party_fallbacks() -> None:
    from casus.analysis.mediators import _Ctx

    ctx = [
        _Ctx(0, "FRA", "DEU", 1),
        _Ctx(2, "ARM", "AZE", 4),
        _Ctx(3, "AZE", "ARM", 3),
        _Ctx(4, "FRA", "ARM", 4),
    ]
    # the article's main conflict dyad not involving the mediator
    assert resolve_parties("FRA", [""], 0, ctx) == (("DEU", "ARM"), "article")
    assert resolve_parties("TUR", [""], 9, ctx) == (("ARM", "AZE"), "article")
    assert resolve_parties("TUR", ["AZE"], 9, ctx) == (("AZE", "ARM"), "article")
    assert resolve_parties("TUR", ["AZE", "ARM"], 9, ctx) == (("AZE", "ARM"), "target")
    assert resolve_parties("TUR", [""], 9, []) == ((), "none")


def test_analysis_watch_lists_only_rising_dyads_by_default(store: Store) -> None:
    rising = analysis.watch(store, min_count=1)
    everything = analysis.watch(store, min_count=1, min_index=None, limit=50)
    assert rising and all(i.index > 0 for i in rising)
    assert any(i.index <= 0 for i in everything)
    assert {(i.a, i.b) for i in rising} < {(i.a, i.b) for i in everything}


def test_analysis_mediation_one_line_per_sentence_and_pair(tmp_db: Path) -> None:
    sentence = "Ankara offered to host talks between the two neighbours after the clashes."
    day = D(2025, 2, 3)
    store = store_with(
        tmp_db,
        [
            article(
                "pair",
                day,
                [
                    ev("pair", 0, "TURGOV", "039", "ARM", day, sentence=sentence),
                    ev("pair", 0, "TURGOV", "039", "AZE", day, sentence=sentence),
                    ev("pair", 1, "AZEMIL", "190", "ARM", day),
                ],
            )
        ],
    )
    items = analysis.mediation(store)
    assert len(items) == 1
    item = items[0]
    assert set(item.parties) == {"ARM", "AZE"} and item.third_party == "TUR"
    assert len(item.event_ids) == 2 and item.event_id in item.event_ids


@pytest.mark.parametrize("by", ["day", "week", "month"])
@pytest.mark.parametrize("day", [D(1999, 12, 31), D(2024, 2, 29), D(2025, 6, 13), D(2026, 1, 5)])
def test_analysis_period_numbers_round_trip(by: str, day: dt.date) -> None:
    from casus.analysis.sql import period_from_index, period_index

    start = period_from_index(period_index(day, by), by)
    assert start == period_start(day, by)
    assert period_index(start, by) == period_index(day, by)


def test_analysis_dyad_series_empty_range_is_zeros(store: Store) -> None:
    rows = analysis.dyad_series(
        store, "FRA", "DEU", since=D(2025, 1, 1), until=D(2025, 1, 3), fill=True
    )
    assert [r.period for r in rows] == [D(2025, 1, 1), D(2025, 1, 2), D(2025, 1, 3)]
    assert all(r.events == 0 and r.goldstein_mean is None for r in rows)
    assert analysis.dyad_series(store, "FRA", "DEU", fill=True) == []
    assert analysis.dyad_series(store, "FRA", "DEU", since=D(2025, 1, 1), until=D(2025, 1, 3)) == []


@pytest.mark.parametrize(("by", "period"), [("day", D(2025, 6, 2)), ("month", D(2025, 6, 1))])
def test_analysis_watch_other_periods(store: Store, by: str, period: dt.date) -> None:
    top = analysis.watch(store, by=by, min_count=2, baseline=3)[0]
    assert (top.a, top.b, top.period) == ("IRN", "ISR", period)
    assert top.material_conflict == top.events
