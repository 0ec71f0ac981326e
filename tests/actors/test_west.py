"""Blocs and bodies by world fact: the West (``WST``: "the West", "Western governments"; not
the "West" or "Western" of a place's name) and the Catholic Church (the Holy See's), issue #12."""

from __future__ import annotations

import pytest

from casus.actors import ActorIndex, resolve
from tests._builders.actors import article, code_at, mention_at


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def test_west_the_west_is_an_actor(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Peru/PROPN/nsubj/1 criticised/VERB/ROOT/1 the/DET/det/3 West/PROPN/dobj/1",
            ents=[(0, "GPE", 0, 1), (0, "LOC", 3, 4)],
        ),
        index,
    )
    assert code_at(art, 0, 3) == "WST"


def test_west_western_governments(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Western/ADJ/amod/1 governments/NOUN/nsubj/2/government protested/VERB/ROOT/2",
            ents=[(0, "NORP", 0, 1)],
        ),
        index,
    )
    m = mention_at(art, 0, 1)
    assert m.actor is not None
    assert m.actor.country == "WST"


def test_west_inside_a_place_name_is_no_actor(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Chile/PROPN/nsubj/1 sent/VERB/ROOT/1 aid/NOUN/dobj/1 to/ADP/prep/1 "
            "West/PROPN/compound/6 African/ADJ/amod/6 states/NOUN/pobj/3/state"
        ),
        index,
    )
    assert all(
        m.actor is None or m.actor.country != "WST" for m in art.mentions if m.sentence_index == 0
    )


def test_catholic_church_is_the_holy_see(index: ActorIndex) -> None:
    # Peru three times: a Peru story, yet the Catholic Church is the Holy See's.
    art = resolve(
        article(
            "Peru/PROPN/nsubj/1 thanked/VERB/ROOT/1 Peru/PROPN/dobj/1",
            "Peru/PROPN/nsubj/1 spoke/VERB/ROOT/1",
            "the/DET/det/2 Catholic/PROPN/compound/2 Church/PROPN/nsubj/3 mediated/VERB/ROOT/3",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 2, 3), (1, "GPE", 0, 1), (2, "ORG", 1, 3)],
        ),
        index,
    )
    assert code_at(art, 2, 2) == "VATREL"
