"""A generic crowd takes the country of a place in its own phrase or clause."""

from __future__ import annotations

from dataclasses import replace

from casus.model import Actor, Article, Mention, Sentence
from casus.where import place_countries, place_crowds, resolve_places
from tests._builders.whenwhere import article, gazetteer, mention, with_parts


def _crowd(
    s: Sentence, start: int, end: int, sector: str = "OPP", head: int | None = None
) -> Mention:
    m = mention(s, start, end, label="ACTOR", via="sector")
    actor = Actor(code=sector, name="crowd", country=None, sector=sector)
    return replace(m, actor=actor, head=end - 1 if head is None else head)


def _codes(a: Article) -> list[str | None]:
    return [m.actor.code if m.actor else None for m in place_crowds(a, gazetteer()).mentions]


def test_crowds_in_phrase_take_the_city_country() -> None:
    spec = (
        "Protesters|nsubj|3 in|prep|0|ADP Arequipa|pobj|1 blocked|ROOT|3|VERB "
        "roads|dobj|3 near|prep|3|ADP Chile|pobj|5"
    )
    a = article([spec])
    s = a.sentences[0]
    a = with_parts(a, [_crowd(s, 0, 1), mention(s, 2, 3), mention(s, 6, 7, country="CHL")])
    assert _codes(a) == ["PEROPP", None, "CHL"]


def test_crowds_compound_place_and_clause_place() -> None:
    first = "Cusco|compound|1 residents|nsubj|2 marched|ROOT|2|VERB"
    second = "Villagers|nsubj|1 gathered|ROOT|1|VERB in|prep|1|ADP Valparaiso|pobj|2"
    a = article([first, second])
    s0, s1 = a.sentences
    a = with_parts(a, [_crowd(s0, 0, 2, "CVL"), _crowd(s1, 0, 1, "CVL")])
    assert _codes(a) == ["PERCVL", "CHLCVL"]


def test_crowds_refugees_are_not_of_the_place_they_reached() -> None:
    spec = (
        "Refugees|nsubj|1 arrived|ROOT|1|VERB in|prep|1|ADP Santiago|pobj|2 "
        "and|cc|1 protesters|nsubj|8 from|prep|5|ADP Lima|pobj|6 waited|conj|1|VERB"
    )
    a = article([spec])
    s = a.sentences[0]
    a = with_parts(a, [_crowd(s, 0, 1, "REF"), _crowd(s, 5, 6)])
    assert _codes(a) == ["REF", "PEROPP"]


def test_crowds_as_object_take_the_place_of_their_clause() -> None:
    spec = (
        "Police|nsubj|1 fired|ROOT|1|VERB on|prep|1|ADP protesters|pobj|2 "
        "in|prep|1|ADP Lima|pobj|4 and|cc|1 detained|conj|1|VERB students|dobj|7 "
        "in|prep|7|ADP Valparaiso|pobj|9"
    )
    a = article([spec])
    s = a.sentences[0]
    a = with_parts(a, [_crowd(s, 3, 4), _crowd(s, 8, 9, "EDU")])
    assert _codes(a) == ["PEROPP", "CHLEDU"]


def test_crowds_acting_at_home_take_the_story_country() -> None:
    # Peru named twice, Chile once: protesters with no place of their own are Peru's;
    # residents (CVL) may be any side's victims and keep no country.
    first = "Peru|nsubj|1 accused|ROOT|1|VERB Chile|dobj|1"
    second = "Peru|nsubj|1 protested|ROOT|1|VERB"
    third = "Protesters|nsubj|1 marched|ROOT|1|VERB and|cc|1 residents|nsubj|4 fled|conj|1|VERB"
    a = article([first, second, third])
    s0, s1, s2 = a.sentences
    parts = [
        mention(s0, 0, 1, country="PER"),
        mention(s0, 2, 3, country="CHL"),
        mention(s1, 0, 1, country="PER"),
        _crowd(s2, 0, 1),
        _crowd(s2, 3, 4, "CVL"),
    ]
    assert _codes(with_parts(a, parts)) == ["PER", "CHL", "PER", "PEROPP", "CVL"]
    # Peru and Chile named as often: no story country, the protesters keep none.
    assert _codes(with_parts(a, parts[:2] + parts[3:])) == ["PER", "CHL", "OPP", "CVL"]


def test_crowds_pronoun_follows_its_placed_crowd() -> None:
    # "Protesters in Arequipa blocked roads. They marched": the pronoun's crowd is Peru's.
    first = "Protesters|nsubj|3 in|prep|0|ADP Arequipa|pobj|1 blocked|ROOT|3|VERB roads|dobj|3"
    second = "They|nsubj|1 marched|ROOT|1|VERB"
    a = article([first, second])
    s0, s1 = a.sentences
    crowd = _crowd(s0, 0, 1)
    they = replace(mention(s1, 0, 1, label="PRON", via="coref"), actor=crowd.actor, head=0)
    assert _codes(with_parts(a, [crowd, mention(s0, 2, 3), they])) == ["PEROPP", None, "PEROPP"]


def test_place_countries_of_unresolved_place_names() -> None:
    spec = "Chile|nsubj|1 shelled|ROOT|1|VERB Arequipa|dobj|1 and|cc|2 Lima|conj|2"
    a = article([spec])
    s = a.sentences[0]
    a = with_parts(a, [mention(s, 0, 1, country="CHL"), mention(s, 2, 3), mention(s, 4, 5)])
    found = place_countries(a, gazetteer())
    assert found.get((0, 2)) == "PER" and found.get((0, 4)) == "PER"
    assert found.get((0, 0)) is None
    # with every place already an actor there is nothing to resolve
    b = with_parts(a, [mention(s, 0, 1, country="CHL")])
    assert dict(place_countries(b, gazetteer())) == {}


def test_place_countries_resolves_places_once_for_events_and_locations() -> None:
    spec = "Chile|nsubj|1 shelled|ROOT|1|VERB Arequipa|dobj|1"
    a = article([spec])
    s = a.sentences[0]
    a = with_parts(a, [mention(s, 0, 1, country="CHL"), mention(s, 2, 3)])
    found = place_countries(a, gazetteer())
    first = found.resolved()
    assert found.get((0, 2)) == "PER"
    assert found.resolved() is first  # made once, shared with locate_events
    assert [p.span for p in first] == [p.span for p in resolve_places(gazetteer(), a)]
