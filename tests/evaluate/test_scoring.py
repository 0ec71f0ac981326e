"""Pure scoring of ``casus evaluate`` on hand-made cases."""

from __future__ import annotations

import pycountry
import pytest

from casus.evaluate.scoring import (
    CAMEO_TO_ISO3,
    GROUP_CODES,
    ConfusionCell,
    Counts,
    Triple,
    compare,
    country_level,
    miss_reason,
    score,
    score_record,
)

T = Triple


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (None, None),
        ("", None),
        ("USA", "USA"),
        ("USAGOV", "USA"),
        ("usamil", "USA"),
        ("JAP", "JPN"),
        ("ITL", "ITA"),
        ("GMY", "DEU"),
        ("UKG", "GBR"),
        ("SPN", "ESP"),
        ("VTN", "VNM"),
        ("ROM", "ROU"),
        ("IGO", "IGO"),
        ("IGOUNO", "IGO"),
        ("IGOEUREEC", "IGO"),
        ("NGO", "NGO"),
        ("NGOHRIAMN", "NGO"),
        ("IMG", "IMG"),
        ("REB", None),
        ("GOV", None),
        ("SWZ", "SWZ"),  # ISO Eswatini, not COW Switzerland
        ("AUS", "AUS"),  # ISO Australia, not COW Austria
        ("PSE", "PSE"),
    ],
)
def test_evaluate_country_level(code: str | None, expected: str | None) -> None:
    assert country_level(code) == expected


def test_evaluate_country_table_maps_only_non_iso_codes_to_iso() -> None:
    iso = {c.alpha_3 for c in pycountry.countries}
    clashes = sorted(k for k in CAMEO_TO_ISO3 if k in iso)
    assert clashes == [], "a key that is a valid ISO3 code would rename a real country"
    bad = sorted(v for v in CAMEO_TO_ISO3.values() if v not in iso and v != "XKX")
    assert bad == []
    assert not GROUP_CODES & iso


def test_evaluate_counts_prf() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.p == pytest.approx(0.75)
    assert c.r == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Counts().p == Counts().r == Counts().f1 == 0.0
    assert c + Counts(1, 1, 1) == Counts(4, 2, 3)
    assert c.to_dict() == {"p": 0.75, "r": 0.6, "f1": 0.6667, "tp": 3, "fp": 1, "fn": 2}


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ([], [], Counts(0, 0, 0)),
        (["A"], [], Counts(0, 0, 1)),
        ([], ["A"], Counts(0, 1, 0)),
        (["A", "A", "B"], ["A", "A"], Counts(1, 0, 1)),
        (["A"], ["B", "B"], Counts(0, 1, 1)),
    ],
)
def test_evaluate_compare_sets(gold: list[str], pred: list[str], expected: Counts) -> None:
    assert compare(gold, pred) == expected


def test_evaluate_record_empty_gold_counts_every_prediction_false() -> None:
    r = score_record("x", [], [T("USA", "FIGHT", "IRQ"), T(None, "PROTEST", None)])
    assert r.type == Counts(0, 2, 0)
    assert r.triple == Counts(0, 2, 0)
    assert r.dyad == Counts(0, 1, 0)


def test_evaluate_record_empty_prediction_counts_every_gold_missed() -> None:
    r = score_record("x", [T("ISR", "FIGHT", "PSE"), T("ISR", "FIGHT", "LBN")], [])
    assert r.type == Counts(0, 0, 1)
    assert r.triple == Counts(0, 0, 2)
    assert r.dyad == Counts(0, 0, 2)


def test_evaluate_record_none_actors_compare_equal() -> None:
    r = score_record("x", [T("HUN", "AGREE", None)], [T("HUN", "AGREE", None)])
    assert r.triple == Counts(1, 0, 0)
    assert r.dyad == Counts(0, 0, 0)  # one-sided triples are not dyads


def test_evaluate_record_wrong_target_is_type_hit_but_triple_miss() -> None:
    r = score_record("x", [T("USA", "DEMAND", "RUS")], [T("USA", "DEMAND", None)])
    assert r.type == Counts(1, 0, 0)
    assert r.triple == Counts(0, 1, 1)
    assert r.dyad == Counts(0, 0, 1)


def test_evaluate_record_dyad_excludes_one_sided_on_both_sides() -> None:
    gold = [T("FRA", "CONSULT", "DEU"), T("FRA", "CONSULT", None)]
    pred = [T("FRA", "CONSULT", "DEU"), T(None, "CONSULT", "DEU")]
    r = score_record("x", gold, pred)
    assert r.triple == Counts(1, 1, 1)
    assert r.dyad == Counts(1, 0, 0)


def test_evaluate_record_duplicates_count_once() -> None:
    gold = [T("IGO", "AGREE", "ROU"), T("IGO", "AGREE", "ROU")]
    pred = [T("IGO", "AGREE", "ROU")] * 3
    assert score_record("x", gold, pred).triple == Counts(1, 0, 0)


def test_evaluate_score_micro_averages_over_records() -> None:
    s = score(
        [
            ("a", [T("USA", "FIGHT", "IRQ")], [T("USA", "FIGHT", "IRQ")]),
            ("b", [T("ISR", "THREATEN", "LBN")], [T("ISR", "DISAPPROVE", "LBN")]),
            ("c", [T("KEN", "PROTEST", None)], []),
        ]
    )
    assert s.n_records == 3
    assert s.type == Counts(1, 1, 2)
    assert s.triple == Counts(1, 1, 2)
    assert s.dyad == Counts(1, 1, 1)
    assert s.to_dict()["triple"] == {"p": 0.5, "r": 0.3333, "f1": 0.4, "tp": 1, "fp": 1, "fn": 2}


def test_evaluate_score_per_type_table() -> None:
    s = score(
        [
            ("a", [T("A", "FIGHT", "B")], [T("A", "FIGHT", "B")]),
            ("b", [T("A", "FIGHT", "B")], [T("A", "ASSAULT", "B")]),
            ("c", [], [T("A", "FIGHT", None)]),
        ]
    )
    rows = {row.type: row for row in s.per_type}
    assert rows["FIGHT"].support == 2
    assert rows["FIGHT"].counts == Counts(1, 1, 1)
    assert rows["ASSAULT"].support == 0
    assert rows["ASSAULT"].counts == Counts(0, 1, 0)
    assert s.per_type[0].type == "FIGHT"  # most support first


def test_evaluate_score_confusion() -> None:
    s = score(
        [
            ("a", [T("A", "FIGHT", "B")], [T("A", "ASSAULT", "B")]),
            ("b", [T("A", "FIGHT", "B")], [T("A", "ASSAULT", "B")]),
            ("c", [T("A", "FIGHT", "B")], [T("A", "FIGHT", "B")]),
            ("d", [T("A", "DEMAND", None)], []),
            ("e", [], [T("A", "PROTEST", None)]),
        ]
    )
    assert set(s.confusion) == {
        ConfusionCell("FIGHT", "ASSAULT", 2),
        ConfusionCell("FIGHT", "FIGHT", 1),
        ConfusionCell("DEMAND", None, 1),
        ConfusionCell(None, "PROTEST", 1),
    }
    assert s.confusion[0] == ConfusionCell("FIGHT", "ASSAULT", 2)


@pytest.mark.parametrize(
    ("gold", "predicted", "reason"),
    [
        (T("A", "FIGHT", "B"), [T("A", "FIGHT", "B")], None),
        (T("A", "FIGHT", "B"), [], "type not coded"),
        (T("A", "FIGHT", "B"), [T("A", "ASSAULT", "B")], "type not coded"),
        (T("A", "FIGHT", "B"), [T("A", "FIGHT", None)], "actor left out"),
        (T("A", "FIGHT", "B"), [T(None, "FIGHT", "B")], "actor left out"),
        (T("A", "FIGHT", None), [T("A", "FIGHT", "B")], "actor added"),
        (T(None, "FIGHT", None), [T("A", "FIGHT", "B")], "actor added"),
        (T("A", "FIGHT", "B"), [T("C", "FIGHT", "B")], "wrong actor"),
        (T("A", "FIGHT", None), [T("B", "FIGHT", None)], "wrong actor"),
        (T("A", "FIGHT", "B"), [T("C", "FIGHT", "B"), T("A", "FIGHT", None)], "actor left out"),
    ],
)
def test_evaluate_miss_reason(gold: Triple, predicted: list[Triple], reason: str | None) -> None:
    assert miss_reason(gold, predicted) == reason


def test_evaluate_score_counts_miss_reasons_once_per_distinct_gold_triple() -> None:
    s = score(
        [
            ("a", [T("A", "FIGHT", "B")] * 2, [T("A", "FIGHT", None)]),
            ("b", [T("A", "DEMAND", "B")], []),
            ("c", [T("A", "DEMAND", "B")], [T("A", "DEMAND", "B")]),
        ]
    )
    assert dict(s.misses) == {
        "type not coded": 1,
        "actor left out": 1,
        "actor added": 0,
        "wrong actor": 0,
    }
    assert sum(n for _, n in s.misses) == s.triple.fn
    assert s.to_dict()["misses"]["actor left out"] == 1
