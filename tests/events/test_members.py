"""The members listed in an event's object are its targets."""

from __future__ import annotations

from casus import events
from tests._builders.events import article, sent


def _triples(tokens: str, actors: dict[int, str]) -> list[tuple[str | None, str, str | None]]:
    art = events.extract(article(sent(tokens, actors)), events.Lexicon.load())
    return sorted(
        (e.source.code if e.source else None, e.cameo[:2], e.target.code if e.target else None)
        for e in art.events
    )


def test_the_members_of_an_object_are_its_targets() -> None:
    # "Chile thanked several leaders, including Peru and Bolivia."
    got = _triples(
        "Chile/PROPN/nsubj/1 thanked/VERB/ROOT/1/thank several/ADJ/amod/3 "
        "leaders/NOUN/dobj/1 ,/PUNCT/punct/3 including/VERB/prep/3/include "
        "Peru/PROPN/pobj/5 and/CCONJ/cc/6 Bolivia/PROPN/conj/6 ./PUNCT/punct/1",
        {0: "CHL", 6: "PER", 8: "BOL"},
    )
    assert got == [("CHL", "05", "BOL"), ("CHL", "05", "PER")]


def test_such_as_lists_members_and_a_located_object_keeps_its_event() -> None:
    # "Spain praised Morocco and neighbours such as Tunisia."
    got = _triples(
        "Spain/PROPN/nsubj/1 praised/VERB/ROOT/1/praise Morocco/PROPN/dobj/1 "
        "and/CCONJ/cc/2 neighbours/NOUN/conj/2/neighbour such/ADJ/amod/6 as/ADP/prep/4 "
        "Tunisia/PROPN/pobj/6 ./PUNCT/punct/1",
        {0: "ESP", 2: "MAR", 7: "TUN"},
    )
    assert got == [("ESP", "05", "MAR"), ("ESP", "05", "TUN")]


def test_a_member_of_the_source_country_is_not_a_target() -> None:
    # "Chile thanked several officials, including Chilean ministers."
    art = article(
        sent(
            "Chile/PROPN/nsubj/1 thanked/VERB/ROOT/1/thank several/ADJ/amod/3 "
            "officials/NOUN/dobj/1/official ,/PUNCT/punct/3 including/VERB/prep/3/include "
            "Chilean/ADJ/amod/7 ministers/NOUN/pobj/5/minister ./PUNCT/punct/1",
            {0: "CHL", 6: "CHLGOV"},
        )
    )
    coded = events.extract(art, events.Lexicon.load()).events
    assert all("target:member" not in e.evidence.cues for e in coded)


def test_a_trailing_list_naming_the_source_is_the_subjects() -> None:
    # "Countries condemned the raids, including Peru and Chile." (the list is the subject's)
    art = article(
        sent(
            "Countries/NOUN/nsubj/1/country condemned/VERB/ROOT/1/condemn the/DET/det/3 "
            "raids/NOUN/dobj/1/raid ,/PUNCT/punct/3 including/VERB/prep/3/include "
            "Peru/PROPN/pobj/5 and/CCONJ/cc/6 Chile/PROPN/conj/6 ./PUNCT/punct/1",
            {6: "PER", 8: "CHL"},
        )
    )
    coded = events.extract(art, events.Lexicon.load()).events
    assert coded and all("target:member" not in e.evidence.cues for e in coded)
