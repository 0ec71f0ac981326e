"""The incident rule (issue #6): edge cases on units, then through a real DuckDB store."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from casus import analysis
from casus.analysis.incident_rule import Unit, group_units
from casus.model import Article
from tests._builders.analysis import D, article, ev, store_with


def unit(
    date: dt.date | None,
    *,
    country: str = "",
    city: str = "",
    n: int = 1,
    src: str = "ISR",
    tgt: str = "IRN",
    root: str = "19",
    precision: str = "day",
    first: str = "e",
) -> Unit:
    return Unit(
        source=src,
        target=tgt,
        root=root,
        date=date,
        precision=precision,
        country=country,
        city=city,
        place_name=city or country,
        n_events=n,
        n_articles=n,
        goldstein_sum=-10.0 * n,
        quad_class=4,
        first_event_id=first + str(date) + city,
    )


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        # same day, same place: one incident
        ([unit(D(2025, 6, 13), city="tehran", country="IRN")] * 2, [2]),
        # next day joins (±1 day window)
        ([unit(D(2025, 6, 13)), unit(D(2025, 6, 14))], [2]),
        # two days later does not
        ([unit(D(2025, 6, 13)), unit(D(2025, 6, 15))], [1, 1]),
        # window anchored at the first day: 13, 14, 15 -> {13, 14} and {15}
        ([unit(D(2025, 6, 13)), unit(D(2025, 6, 14)), unit(D(2025, 6, 15))], [2, 1]),
        # different cities in the same country stay apart
        (
            [
                unit(D(2025, 6, 13), country="IRN", city="tehran"),
                unit(D(2025, 6, 13), country="IRN", city="isfahan"),
            ],
            [1, 1],
        ),
        # a country-level place joins the larger city incident
        (
            [
                unit(D(2025, 6, 13), country="IRN", city="tehran", n=3),
                unit(D(2025, 6, 13), country="IRN", city="isfahan"),
                unit(D(2025, 6, 13), country="IRN"),
            ],
            [4, 1],
        ),
        # a missing place is compatible with anything
        ([unit(D(2025, 6, 13), country="IRN", city="tehran"), unit(D(2025, 6, 13))], [2]),
        # different location countries never merge
        ([unit(D(2025, 6, 13), country="IRN"), unit(D(2025, 6, 13), country="IRQ")], [1, 1]),
        # direction matters (retaliation is another incident)
        ([unit(D(2025, 6, 13)), unit(D(2025, 6, 13), src="IRN", tgt="ISR")], [1, 1]),
        # another CAMEO root is another incident
        ([unit(D(2025, 6, 13)), unit(D(2025, 6, 13), root="18")], [1, 1]),
        # month precision and missing dates never merge
        (
            [
                unit(D(2025, 6, 1), precision="month"),
                unit(D(2025, 6, 1), precision="month", first="f"),
            ],
            [1, 1],
        ),
        ([unit(None), unit(None, first="f")], [1, 1]),
        # publication-date fallbacks merge like day dates
        ([unit(D(2025, 6, 13)), unit(D(2025, 6, 14), precision="publication")], [2]),
    ],
)
def test_analysis_incident_rule(units: list[Unit], expected: list[int]) -> None:
    groups = group_units(units)
    assert sorted((g.n_events for g in groups), reverse=True) == sorted(expected, reverse=True)


def test_analysis_incident_ids_deterministic() -> None:
    units = [unit(D(2025, 6, 13), country="IRN", city="tehran"), unit(D(2025, 6, 14))]
    ids1 = [g.incident_id for g in group_units(units)]
    ids2 = [g.incident_id for g in group_units(list(reversed(units)))]
    assert ids1 == ids2
    assert all(i.startswith("inc-") for i in ids1)


def _three_reports() -> list[Article]:
    # One strike told three ways by three outlets, plus an unrelated consultation.
    return [
        article(
            "wire-a",
            D(2025, 3, 4),
            [
                ev(
                    "wire-a",
                    0,
                    "ISRMIL",
                    "195",
                    "IRN",
                    D(2025, 3, 3),
                    place="Isfahan",
                    sentence="Israeli jets bombed a depot outside Isfahan late on Monday.",
                )
            ],
        ),
        article(
            "wire-b",
            D(2025, 3, 4),
            [
                ev(
                    "wire-b",
                    2,
                    "ISR",
                    "190",
                    "IRNGOV",
                    D(2025, 3, 4),
                    place="Iran",
                    sentence="Iran said an Israeli air raid had hit one of its storage sites.",
                )
            ],
        ),
        article(
            "wire-c",
            D(2025, 3, 5),
            [
                ev(
                    "wire-c",
                    1,
                    "ISRGOV",
                    "195",
                    "IRN",
                    D(2025, 3, 3),
                    sentence="The strike on the Iranian facility was carried out by Israel.",
                ),
                ev("wire-c", 3, "USAGOV", "040", "ISRGOV", D(2025, 3, 5)),
            ],
        ),
    ]


@pytest.mark.parametrize(("dedup", "expected"), [("none", 3), ("daily", 2), ("incident", 1)])
def test_analysis_incident_three_reports_count_once(
    tmp_db: Path, dedup: str, expected: int
) -> None:
    store = store_with(tmp_db, _three_reports())
    rows = analysis.dyad_series(store, "ISR", "IRN", by="week", dedup=dedup)
    assert sum(r.material_conflict for r in rows) == expected
    assert sum(r.reports for r in rows) == 3
    assert sum(r.incidents for r in rows) == 1


def test_analysis_incidents_lists_reports_and_evidence(tmp_db: Path) -> None:
    store = store_with(tmp_db, _three_reports())
    found = analysis.incidents(store, "Israel", "Iran", evidence=3)
    assert len(found) == 1
    inc = found[0]
    assert (inc.source, inc.target, inc.cameo_root, inc.quad_class) == ("ISR", "IRN", "19", 4)
    assert inc.n_reports == 3 and inc.n_articles == 3
    assert inc.date == D(2025, 3, 3)
    assert inc.place_name == "Isfahan"
    assert len(inc.evidence) == 3
    assert any("Isfahan" in r.sentence for r in inc.evidence)
    assert inc.to_dict()["date"] == "2025-03-03"
    assert analysis.incidents(store, min_reports=2)[0].incident_id == inc.incident_id
    assert len(analysis.incidents(store)) == 2
