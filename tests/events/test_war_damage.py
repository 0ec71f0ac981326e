"""Property destroyed in a story of fighting is that fighting's damage (190), not a
destruction of property of its own (171): ``stage.war_damage``."""

from __future__ import annotations

import pytest

from casus import events
from casus.model import Article
from tests._builders.events import article, sent


@pytest.fixture(scope="module")
def lexicon() -> events.Lexicon:
    return events.Lexicon.load()


_FIGHTING = (
    "Chile/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell Peru/PROPN/dobj/1 ./PUNCT/punct/1",
    {0: "CHL", 2: "PER"},
)
_DESTROYED = (
    "Chilean/ADJ/amod/1 troops/NOUN/nsubj/2/troop destroyed/VERB/ROOT/2/destroy "
    "a/DET/det/5 Peruvian/ADJ/amod/5 bridge/NOUN/dobj/2 ./PUNCT/punct/2",
    {1: "CHLMIL", 4: "PER"},
)
_HOMES = (
    "Chilean/ADJ/amod/1 troops/NOUN/nsubj/2/troop destroyed/VERB/ROOT/2/destroy "
    "Peruvian/ADJ/amod/4 homes/NOUN/dobj/2/home ./PUNCT/punct/2",
    {1: "CHLMIL", 3: "PER"},
)


def _codes(art: Article, lexicon: events.Lexicon) -> list[tuple[int, str]]:
    return [(e.sentence_index, e.cameo) for e in events.extract(art, lexicon).events]


def test_war_damage_in_a_story_of_fighting_is_force(lexicon: events.Lexicon) -> None:
    art = article(sent(*_FIGHTING), sent(*_DESTROYED))
    coded = events.extract(art, lexicon).events
    assert [(e.sentence_index, e.cameo) for e in coded] == [(0, "194"), (1, "190")]
    assert "frame:war-damage" in coded[1].evidence.cues


def test_war_damage_needs_fighting_and_a_plain_damage_verb(lexicon: events.Lexicon) -> None:
    # without fighting in the story the destruction is 171
    assert _codes(article(sent(*_DESTROYED)), lexicon) == [(0, "171")]
    # homes destroyed (a demolition of property) keep their own code even in a war
    assert _codes(article(sent(*_FIGHTING), sent(*_HOMES)), lexicon) == [(0, "194"), (1, "171")]
