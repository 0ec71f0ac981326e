"""Plain violence with no author in its sentence, given by the role model to the victims' own
country, is by unknown perpetrators (180, no source): ``stage.unknown_killers``."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casus import events
from casus.events.stage import unknown_killers
from casus.model import Article, Event, Participant
from tests._builders.events import article, sent


@pytest.fixture(scope="module")
def lexicon() -> events.Lexicon:
    return events.Lexicon.load()


def _coded(art: Article, lexicon: events.Lexicon) -> tuple[Article, Event]:
    coded = events.extract(art, lexicon, fill_roles=False)
    (event,) = coded.events
    return coded, event


def _inferred(event: Event, code: str, country: str) -> Event:
    """``event`` as if the role model had filled its source with ``code``."""
    src = Participant(text=code, name=code, code=code, country=country, sector=None)
    cues = (*event.evidence.cues, "source:inferred")
    return replace(event, source=src, evidence=replace(event.evidence, cues=cues))


_PASSIVE = (
    "Kenyans/PROPN/nsubjpass/2 were/AUX/auxpass/2/be killed/VERB/ROOT/2/kill/VBN ./PUNCT/punct/2"
)


def test_a_passive_killing_given_to_the_victims_country_has_no_source(
    lexicon: events.Lexicon,
) -> None:
    art, event = _coded(article(sent(_PASSIVE, {0: "KEN"})), lexicon)
    assert event.source is None and event.cameo_root == "19"
    out = unknown_killers(_inferred(event, "KEN", "KEN"), article=art, lexicon=lexicon)
    assert (out.source, out.cameo, out.target) == (None, "180", event.target)
    assert "frame:unknown-perpetrator" in out.evidence.cues
    assert "source:inferred" not in out.evidence.cues


def test_a_passive_killing_given_to_another_country_is_kept(lexicon: events.Lexicon) -> None:
    art, event = _coded(article(sent(_PASSIVE, {0: "KEN"})), lexicon)
    given = _inferred(event, "SOM", "SOM")
    assert unknown_killers(given, article=art, lexicon=lexicon) == given


def test_an_active_killing_is_kept(lexicon: events.Lexicon) -> None:
    active = "Gunmen/NOUN/nsubj/1 killed/VERB/ROOT/1/kill/VBD Kenyans/PROPN/dobj/1 ./PUNCT/punct/1"
    art, event = _coded(article(sent(active, {2: "KEN"})), lexicon)
    given = _inferred(event, "KEN", "KEN")
    assert unknown_killers(given, article=art, lexicon=lexicon) == given


def test_a_passive_killing_left_with_no_source_is_by_unknown_perpetrators(
    lexicon: events.Lexicon,
) -> None:
    art, event = _coded(article(sent(_PASSIVE, {0: "KEN"})), lexicon)
    assert event.source is None and event.cameo_root == "19"
    out = unknown_killers(event, article=art, lexicon=lexicon)
    assert (out.source, out.cameo, out.target) == (None, "180", event.target)
    assert "frame:unknown-perpetrator" in out.evidence.cues


def test_a_killing_by_unrest_has_no_source(lexicon: events.Lexicon) -> None:
    mayhem = (
        "The/DET/det/1 unrest/NOUN/nsubj/2/unrest killed/VERB/ROOT/2/kill/VBD "
        "Kenyans/PROPN/dobj/2 ./PUNCT/punct/2"
    )
    coded = events.extract(article(sent(mayhem, {3: "KEN"})), lexicon, fill_roles=False)
    (event,) = [e for e in coded.events if e.cameo_root == "19"]
    given = _inferred(event, "KEN", "KEN")
    out = unknown_killers(given, article=coded, lexicon=lexicon)
    assert (out.source, out.cameo, out.target) == (None, "180", event.target)


def test_riots_that_killed_have_no_source(lexicon: events.Lexicon) -> None:
    relcl = (
        "Riots/NOUN/nsubj/4/riot that/PRON/nsubj/2/that/WDT killed/VERB/relcl/0/kill/VBD "
        "Kenyans/PROPN/dobj/2 spread/VERB/ROOT/4/spread ./PUNCT/punct/4"
    )
    art = article(sent(relcl, {3: "KEN"}))
    coded = events.extract(art, lexicon, fill_roles=False)
    (event,) = [e for e in coded.events if e.cameo_root == "19"]
    given = _inferred(event, "KEN", "KEN")
    out = unknown_killers(given, article=coded, lexicon=lexicon)
    assert (out.source, out.cameo) == (None, "180")
