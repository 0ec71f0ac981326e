"""Ambiguous place names are resolved by the article's context (our own sentences)."""

from __future__ import annotations

import pytest

from casus.model import Article
from casus.where import locate_events
from tests._builders.whenwhere import article, event, gazetteer, mention, with_parts

# "<verb> in <place>": the place is token 3 of the last sentence, the trigger token 1.
CLASH = "Gunmen|nsubj|1 clashed|ROOT|1|VERB in|prep|1|ADP {}|pobj|2"


def _place_article(place: str, context: list[tuple[str, int, int, str, str | None]]) -> Article:
    """Context sentences (spec, mention start, end, label, actor country) then the clash."""
    specs = [c[0] for c in context]
    if "_" in place:
        specs.append(CLASH.format(place))
    else:
        specs.append(CLASH.format(place))
    a = article(specs)
    mentions = [
        mention(a.sentences[n], start, end, label, country)
        for n, (_, start, end, label, country) in enumerate(context)
    ]
    last = a.sentences[-1]
    mentions.append(mention(last, 3, 4, "GPE"))
    return with_parts(a, mentions, [event(last, 1)])


def _where(a: Article) -> tuple[str | None, str | None, str]:
    e = locate_events(a, gazetteer()).events[0]
    assert e.location is not None
    return e.location.country, e.location.admin1, e.location.precision


def _ctx(
    spec: str, start: int, end: int, label: str = "GPE", country: str | None = None
) -> tuple[str, int, int, str, str | None]:
    return (spec, start, end, label, country)


MOURN = "{}|nsubj|1 mourned|ROOT|1|VERB the|det|3 dead|dobj|1"
VISIT = "Officials|nsubj|1 arrived|ROOT|1|VERB from|prep|1|ADP {}|pobj|2"

CASES = [
    # Tripoli: Libya's capital by default, Lebanon's city in a Lebanese story
    ("Tripoli", [], "LBY"),
    ("Tripoli", [_ctx(MOURN.format("Lebanon"), 0, 1)], "LBN"),
    ("Tripoli", [_ctx(VISIT.format("Beirut"), 3, 4)], "LBN"),
    ("Tripoli", [_ctx(MOURN.format("Libya"), 0, 1)], "LBY"),
    # Paris: France by default, Texas when Texas is named
    ("Paris", [], "FRA"),
    ("Paris", [_ctx(MOURN.format("Texas"), 0, 1)], "USA"),
    ("Paris", [_ctx(VISIT.format("Dallas"), 3, 4)], "USA"),
    # Alexandria: Egypt by default, Virginia when Virginia is named
    ("Alexandria", [], "EGY"),
    ("Alexandria", [_ctx(MOURN.format("Virginia"), 0, 1)], "USA"),
    ("Alexandria", [_ctx(MOURN.format("Egypt"), 0, 1)], "EGY"),
    # Hyderabad: India by default, Pakistan in a Pakistani story
    ("Hyderabad", [], "IND"),
    ("Hyderabad", [_ctx(MOURN.format("Pakistan"), 0, 1)], "PAK"),
    ("Hyderabad", [_ctx(VISIT.format("Karachi"), 3, 4)], "PAK"),
    ("Hyderabad", [_ctx(MOURN.format("Sindh"), 0, 1)], "PAK"),
    # Georgia: the country by default, the US state beside Atlanta
    ("Georgia", [], "GEO"),
    ("Georgia", [_ctx(VISIT.format("Tbilisi"), 3, 4)], "GEO"),
    ("Georgia", [_ctx(VISIT.format("Atlanta"), 3, 4)], "USA"),
]


@pytest.mark.parametrize(("place", "context", "country"), CASES)
def test_where_disambiguation_by_article_context(
    place: str, context: list[tuple[str, int, int, str, str | None]], country: str
) -> None:
    assert _where(_place_article(place, context))[0] == country


def test_where_disambiguation_actor_in_the_same_sentence() -> None:
    spec = "Lebanese|amod|1 troops|nsubj|2 clashed|ROOT|2|VERB in|prep|2|ADP Tripoli|pobj|3"
    a = article([spec])
    s = a.sentences[0]
    a = with_parts(a, [mention(s, 0, 2, "ORG", "LBN"), mention(s, 4, 5)], [event(s, 2)])
    assert _where(a)[0] == "LBN"


@pytest.mark.parametrize(
    ("spec", "country", "admin1"),
    [
        (
            "Storms|nsubj|1 hit|ROOT|1|VERB Paris|dobj|1 ,|punct|2 Texas|appos|2",
            "USA",
            "Texas",
        ),
        (
            "Storms|nsubj|1 hit|ROOT|1|VERB Alexandria|dobj|1 ,|punct|2 Virginia|appos|2",
            "USA",
            "Virginia",
        ),
    ],
)
def test_where_disambiguation_by_qualifier(spec: str, country: str, admin1: str) -> None:
    a = article([spec])
    s = a.sentences[0]
    a = with_parts(a, [mention(s, 2, 3), mention(s, 4, 5)], [event(s, 1)])
    assert _where(a)[:2] == (country, admin1)


def test_where_disambiguation_georgia_state_is_a_region() -> None:
    a = _place_article("Georgia", [_ctx(VISIT.format("Atlanta"), 3, 4)])
    assert _where(a) == ("USA", "Georgia", "admin1")


def test_where_disambiguation_georgia_country_precision() -> None:
    assert _where(_place_article("Georgia", []))[2] == "country"
