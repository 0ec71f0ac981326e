"""Failure families of false triples and root 01 left out of CAMEO scoring (issue #12)."""

from __future__ import annotations

import pytest

from casus.evaluate.gold import _scored, detect_scheme
from casus.evaluate.scoring import FAMILIES, Triple, family, score

T = Triple
GOLD = (T("FRA", "11", "DEU"), T("ITA", "19", "ESP"), T("PRT", "04", "GRC"))


@pytest.mark.parametrize(
    ("triple", "expected"),
    [
        (T("FRA", "11", None), "target missing"),
        (T(None, "11", "DEU"), "source missing"),
        (T("FRA", "11", "ESP"), "wrong country"),
        (T("ITA", "18", "ESP"), "wrong root"),
        (T("NOR", "14", "SWE"), "spurious"),
        (T("FRA", "11", "DEU"), None),
    ],
)
def test_false_positives_fall_in_one_family(triple: Triple, expected: str | None) -> None:
    predicted = [T("FRA", "11", "DEU"), triple]
    assert family(triple, GOLD, predicted) == expected


def test_false_negatives_are_missed_roots_or_missed_pairs() -> None:
    predicted = [T("ITA", "19", "PRT")]
    assert family(T("PRT", "04", "GRC"), GOLD, predicted) == "missed root"
    assert family(T("ITA", "19", "ESP"), GOLD, predicted) == "missed pair"


def test_score_counts_every_false_triple_once() -> None:
    predicted = (T("FRA", "11", None), T("NOR", "14", "SWE"), T("ITA", "19", "ESP"))
    s = score([("r1", GOLD, predicted)])
    fams = dict(s.families)
    assert list(fams) == list(FAMILIES)
    assert fams["target missing"] == 1 and fams["spurious"] == 1
    assert fams["missed root"] == 1  # 04 coded nowhere
    assert fams["missed pair"] == 1  # 11 coded, without its target
    assert sum(fams.values()) == s.triple.fp + s.triple.fn


def test_root_01_is_left_out_of_cameo_scoring_unless_kept() -> None:
    triples = (T("FRA", "01", None), T("FRA", "11", "DEU"))
    assert _scored(triples, "cameo", keep_01=False) == (T("FRA", "11", "DEU"),)
    assert _scored(triples, "cameo", keep_01=True) == triples
    assert _scored(triples, "plover", keep_01=False) == triples


def test_the_scheme_is_read_off_the_gold() -> None:
    from casus.evaluate.gold import GoldEvent, GoldRecord

    def rec(code: str) -> GoldRecord:
        return GoldRecord(id="x", text="t", date=None, events=(GoldEvent("FRA", code, None),))

    assert detect_scheme([rec("111")]) == "cameo"
    assert detect_scheme([rec("DISAPPROVE")]) == "plover"
