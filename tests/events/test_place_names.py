"""A place name no actor covers gives the side attacked its country (``places`` of
:func:`casus.events.extract`, which ``where.place_countries`` supplies in the pipeline)."""

from __future__ import annotations

import pytest

from casus.events import Lexicon, extract
from casus.model import Article
from tests._builders.events import article, sent

Triple = tuple[str | None, str, str | None]


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.load()


def _triples(art: Article, lexicon: Lexicon, places: dict[tuple[int, int], str]) -> set[Triple]:
    out = extract(art, lexicon, fill_roles=False, places=places)
    return {
        (e.source.code if e.source else None, e.cameo, e.target.code if e.target else None)
        for e in out.events
    }


def test_place_names_object_of_an_attack_is_its_country(lexicon: Lexicon) -> None:
    art = article(
        sent("Chile/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell Tacna/PROPN/dobj/1 ./PUNCT/punct/1",
             {0: "CHL"}),
    )  # fmt: skip
    assert _triples(art, lexicon, {(0, 2): "PER"}) == {("CHL", "194", "PER")}
    assert _triples(art, lexicon, {}) == {("CHL", "194", None)}


def test_place_names_conjoined_places_of_two_countries(lexicon: Lexicon) -> None:
    art = article(
        sent("Chile/PROPN/nsubj/1 bombed/VERB/ROOT/1/bomb Tacna/PROPN/dobj/1 and/CCONJ/cc/2 "
             "Oruro/PROPN/conj/2 ./PUNCT/punct/1", {0: "CHL"}),
    )  # fmt: skip
    got = _triples(art, lexicon, {(0, 2): "PER", (0, 4): "BOL"})
    assert got == {("CHL", "195", "PER"), ("CHL", "195", "BOL")}


def test_place_names_passive_subject_is_the_side_attacked(lexicon: Lexicon) -> None:
    art = article(
        sent("Tacna/PROPN/nsubjpass/2 was/AUX/auxpass/2/be shelled/VERB/ROOT/2/shell/VBN "
             "by/ADP/agent/2 Chile/PROPN/pobj/3 ./PUNCT/punct/2", {4: "CHL"}),
    )  # fmt: skip
    assert _triples(art, lexicon, {(0, 0): "PER"}) == {("CHL", "194", "PER")}


def test_place_names_in_phrase_of_an_attack(lexicon: Lexicon) -> None:
    art = article(
        sent("Chile/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell positions/NOUN/dobj/1/position "
             "in/ADP/prep/2 Tacna/PROPN/pobj/3 ./PUNCT/punct/1", {0: "CHL"}),
    )  # fmt: skip
    assert _triples(art, lexicon, {(0, 4): "PER"}) == {("CHL", "194", "PER")}


def test_place_names_only_for_violence_and_not_over_an_actor(lexicon: Lexicon) -> None:
    praised = article(
        sent("Chile/PROPN/nsubj/1 praised/VERB/ROOT/1/praise Tacna/PROPN/dobj/1 ./PUNCT/punct/1",
             {0: "CHL"}),
    )  # fmt: skip
    assert _triples(praised, lexicon, {(0, 2): "PER"}) == {("CHL", "051", None)}
    # an actor mention on the place keeps its own code
    art = article(
        sent("Chile/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell Lima/PROPN/dobj/1 ./PUNCT/punct/1",
             {0: "CHL", 2: "PERGOV"}),
    )  # fmt: skip
    assert _triples(art, lexicon, {(0, 2): "BOL"}) == {("CHL", "194", "PERGOV")}


def test_place_names_in_phrase_of_the_object_of_a_strike(lexicon: Lexicon) -> None:
    # "struck a market in Tacna": a strike needs a side, and the place of its object gives it
    art = article(
        sent("Chile/PROPN/nsubj/1 struck/VERB/ROOT/1/strike a/DET/det/3 market/NOUN/dobj/1/market "
             "in/ADP/prep/3 Tacna/PROPN/pobj/4 ./PUNCT/punct/1", {0: "CHL"}),
    )  # fmt: skip
    assert _triples(art, lexicon, {(0, 5): "PER"}) == {("CHL", "190", "PER")}
    assert _triples(art, lexicon, {}) == set()


def test_place_names_the_city_of_a_place(lexicon: Lexicon) -> None:
    art = article(
        sent("Chile/PROPN/nsubj/1 shelled/VERB/ROOT/1/shell the/DET/det/3 town/NOUN/dobj/1 "
             "of/ADP/prep/3 Tacna/PROPN/pobj/4 ./PUNCT/punct/1", {0: "CHL"}),
    )  # fmt: skip
    assert _triples(art, lexicon, {(0, 5): "PER"}) == {("CHL", "194", "PER")}
