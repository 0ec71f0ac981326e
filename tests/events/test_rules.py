"""Each coding rule of ``casus.events`` on its own small hand-parsed sentence (no model)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casus.events import Lexicon, extract
from casus.model import Article, make_event_id
from tests._builders.events import SentSpec, article, sent


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def triples(art: Article, lexicon: Lexicon) -> set[tuple[str | None, str, str | None]]:
    """What the syntax rules code (the role model that completes them is tested apart)."""
    out = extract(art, lexicon, fill_roles=False)
    return {
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None)
        for e in out.events
    }


CASES_FILE = Path(__file__).parent / "cases" / "events_rules.jsonl"
Triple = tuple[str | None, str, str | None]


def _cases() -> list[tuple[str, list[SentSpec], set[Triple]]]:
    """One rule a line: ``{"name", "sentences": [{"tokens", "actors"}], "expected"}``."""
    out = []
    for line in CASES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        case = json.loads(line)
        specs = [
            sent(s["tokens"], {int(k): v for k, v in s["actors"].items()})
            for s in case["sentences"]
        ]
        out.append((case["name"], specs, {(x[0], x[1], x[2]) for x in case["expected"]}))
    return out


CASES = _cases()


@pytest.mark.parametrize(("name", "specs", "expected"), CASES, ids=[c[0] for c in CASES])
def test_events_rules_code_each_rule(
    name: str,
    specs: list[SentSpec],
    expected: set[Triple],
    lexicon: Lexicon,
) -> None:
    assert triples(article(*specs), lexicon) == expected, name


def test_events_rules_evidence_ids_and_confidence(lexicon: Lexicon) -> None:
    art = article(
        sent(
            "Peru/PROPN/nsubj/1 met/VERB/ROOT/1/meet Chile/PROPN/dobj/1 ./PUNCT/punct/1",
            {0: "PER", 2: "CHL"},
        ),
        sent(
            "Chile/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn Peru/PROPN/dobj/1 ./PUNCT/punct/1",
            {0: "CHL", 2: "PER"},
        ),
    )
    out = extract(art, lexicon)
    assert len(out.events) == 2
    e = out.events[1]
    assert e.event_id == make_event_id("t1", 1, "CHL", "111", "PER")
    assert (e.cameo_root, e.plover, e.quad_class, e.goldstein) == ("11", "DISAPPROVE", 3, -2.0)
    s = art.sentences[1]
    assert (e.evidence.start, e.evidence.end, e.evidence.sentence) == (s.start, s.end, s.text)
    assert art.text[e.evidence.trigger_start : e.evidence.trigger_end] == "condemned"
    assert e.evidence.trigger == "condemned" and e.trigger_index == 1
    assert "source:subject" in e.evidence.cues and "target:role" in e.evidence.cues
    assert 0.0 < e.confidence <= 1.0


def test_events_rules_confidence_falls_without_target(lexicon: Lexicon) -> None:
    both = article(
        sent(
            "Chile/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn Peru/PROPN/dobj/1 ./PUNCT/punct/1",
            {0: "CHL", 2: "PER"},
        )
    )
    alone = article(
        sent(
            "Chile/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn it/PRON/dobj/1 ./PUNCT/punct/1",
            {0: "CHL"},
        )
    )
    c_both = extract(both, lexicon).events[0].confidence
    c_alone = extract(alone, lexicon).events[0].confidence
    assert c_alone < c_both


def test_events_rules_identical_ids_are_kept_once(lexicon: Lexicon) -> None:
    art = article(
        sent(
            "Chile/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn Peru/PROPN/dobj/1 and/CCONJ/cc/1 "
            "denounced/VERB/conj/1/denounce Peru/PROPN/dobj/4 ./PUNCT/punct/1",
            {0: "CHL", 2: "PER", 5: "PER"},
        )
    )
    events = extract(art, lexicon).events
    assert len(events) == 1
    assert len({e.event_id for e in events}) == 1
