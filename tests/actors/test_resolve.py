"""Actor resolution on hand-built parses (no spaCy model): one rule per test."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.actors import ActorIndex, resolve
from tests._builders.actors import article, code_at, mention_at


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


@pytest.mark.parametrize(
    ("spec", "ents", "head", "code"),
    [
        ("Egypt/PROPN/nsubj/1 protested/VERB/ROOT/1", [(0, "GPE", 0, 1)], 0, "EGY"),
        (
            "The/DET/det/2 United/PROPN/compound/2 States/PROPN/nsubj/3 objected/VERB/ROOT/3",
            [(0, "GPE", 1, 3)],
            2,
            "USA",
        ),
        ("Britain/PROPN/nsubj/1 agreed/VERB/ROOT/1", [(0, "GPE", 0, 1)], 0, "GBR"),
        ("the/DET/det/1 us/PROPN/nsubj/2 agreed/VERB/ROOT/2", [], 1, "USA"),
        (
            "south/PROPN/compound/1 korea/PROPN/nsubj/2 agreed/VERB/ROOT/2",
            [(0, "GPE", 0, 2)],
            1,
            "KOR",
        ),
        (
            "Ivory/PROPN/compound/1 Coast/PROPN/nsubj/2 voted/VERB/ROOT/2",
            [(0, "GPE", 0, 2)],
            1,
            "CIV",
        ),
        ("Czechia/PROPN/nsubj/1 voted/VERB/ROOT/1", [], 0, "CZE"),
        ("Gaza/PROPN/nsubj/1 burned/VERB/ROOT/1", [(0, "GPE", 0, 1)], 0, "PSE"),
    ],
)
def test_actors_country_names(
    index: ActorIndex, spec: str, ents: list[tuple[int, str, int, int]], head: int, code: str
) -> None:
    art = resolve(article(spec, ents=ents), index)
    m = mention_at(art, 0, head)
    assert m.actor is not None
    assert m.actor.code == code
    assert m.actor.country == code
    assert m.actor.sector is None


def test_actors_lowercase_us_pronoun_is_not_a_country(index: ActorIndex) -> None:
    art = resolve(
        article("they/PRON/nsubj/1 told/VERB/ROOT/1 us/PRON/dobj/1 nothing/PRON/dobj/1"), index
    )
    assert all(m.actor is None or m.actor.code != "USA" for m in art.mentions)


def test_actors_uppercase_short_form_is_case_sensitive(index: ActorIndex) -> None:
    assert index.lookup("US") is not None
    assert index.lookup("us") is None
    assert index.lookup("us", after_the=True) is not None
    assert index.lookup("chad") is None
    assert index.lookup("Chad") is not None


@pytest.mark.parametrize(
    ("spec", "head", "code", "via"),
    [
        ("Iranian/ADJ/amod/1 territory/NOUN/pobj/1", 0, "IRN", "demonym"),
        ("Palestinians/PROPN/nsubj/1 marched/VERB/ROOT/1", 0, "PSE", "demonym"),
        ("Moscow/PROPN/nsubj/1 responded/VERB/ROOT/1", 0, "RUSGOV", "metonym"),
        ("the/DET/det/1 Kremlin/PROPN/nsubj/2 said/VERB/ROOT/2", 1, "RUSGOV", "metonym"),
        ("the/DET/det/1 Pentagon/PROPN/nsubj/2 said/VERB/ROOT/2", 1, "USAMIL", "metonym"),
        ("Downing/PROPN/compound/1 Street/PROPN/nsubj/2 said/VERB/ROOT/2", 1, "GBRGOV", "metonym"),
        (
            "the/DET/det/2 Zionist/ADJ/amod/2 regime/NOUN/nsubj/3 said/VERB/ROOT/3",
            2,
            "ISRGOV",
            "metonym",
        ),
        ("Uyghurs/PROPN/nsubj/1 marched/VERB/ROOT/1", 0, "CHN", "demonym"),
    ],
)
def test_actors_demonyms_and_metonyms(
    index: ActorIndex, spec: str, head: int, code: str, via: str
) -> None:
    rows = spec.split()
    ents = (
        [(0, "NORP", 0, 1)]
        if any(w in spec for w in ("Iranian", "Palestinians", "Uyghurs"))
        else []
    )
    if "Downing" in spec:
        ents = [(0, "FAC", 0, 2)]
    if "Zionist" in spec:
        ents = [(0, "ORG", 1, 3)]  # as the parser's phrase tables mark it
    art = resolve(article(*[" ".join(rows)], ents=ents), index)
    m = mention_at(art, 0, head)
    assert m.actor is not None and m.actor.code == code
    assert m.via == via


@pytest.mark.parametrize(
    ("spec", "ents", "head", "code", "sector"),
    [
        (
            "the/DET/det/1 UN/PROPN/nsubj/2 warned/VERB/ROOT/2",
            [(0, "ORG", 1, 2)],
            1,
            "IGOUNO",
            "IGO",
        ),
        ("NATO/PROPN/nsubj/1 met/VERB/ROOT/1", [(0, "ORG", 0, 1)], 0, "IGONATO", "IGO"),
        (
            "the/DET/det/2 African/PROPN/compound/2 Union/PROPN/nsubj/3 met/VERB/ROOT/3",
            [(0, "ORG", 1, 3)],
            2,
            "IGOAFU",
            "IGO",
        ),
        (
            "Amnesty/PROPN/compound/1 International/PROPN/nsubj/2 said/VERB/ROOT/2",
            [(0, "ORG", 0, 2)],
            1,
            "NGOAMN",
            "NGO",
        ),
        ("Hezbollah/PROPN/nsubj/1 fired/VERB/ROOT/1", [(0, "ORG", 0, 1)], 0, "LBNREB", "REB"),
        ("SDF/PROPN/nsubj/1 fired/VERB/ROOT/1", [(0, "ORG", 0, 1)], 0, "SYRREB", "REB"),
        ("KFOR/PROPN/nsubj/1 patrolled/VERB/ROOT/1", [(0, "ORG", 0, 1)], 0, "IGONATO", "IGO"),
        ("CCG/PROPN/nsubj/1 blocked/VERB/ROOT/1", [(0, "ORG", 0, 1)], 0, "CHNMIL", "MIL"),
        # "European officials" speak for the EU (issue #12)
        (
            "European/ADJ/amod/1 diplomats/NOUN/nsubj/2 objected/VERB/ROOT/2",
            [(0, "ORG", 0, 2)],
            1,
            "IGOEU",
            "IGO",
        ),
    ],
)
def test_actors_organisations(
    index: ActorIndex,
    spec: str,
    ents: list[tuple[int, str, int, int]],
    head: int,
    code: str,
    sector: str,
) -> None:
    art = resolve(article(spec, ents=ents), index)
    m = mention_at(art, 0, head)
    assert m.actor is not None
    assert (m.actor.code, m.actor.sector) == (code, sector)
    if code.startswith(("IGO", "NGO")):
        assert m.actor.country is None


@pytest.mark.parametrize(
    ("spec", "ents", "head", "code"),
    [
        # demonym modifier
        (
            "Iranian/ADJ/amod/1 troops/NOUN/nsubj/2 advanced/VERB/ROOT/2",
            [(0, "NORP", 0, 1)],
            1,
            "IRNMIL",
        ),
        # possessive
        (
            "Israel/PROPN/poss/2 's/PART/case/0 military/NOUN/nsubj/3 struck/VERB/ROOT/3",
            [(0, "GPE", 0, 1)],
            2,
            "ISRMIL",
        ),
        # of-phrase
        (
            "the/DET/det/1 army/NOUN/nsubj/4 of/ADP/prep/1 Sudan/PROPN/pobj/2 withdrew/VERB/ROOT/4",
            [(0, "GPE", 3, 4)],
            1,
            "SDNMIL",
        ),
        # compound country
        (
            "Kenya/PROPN/compound/1 police/NOUN/nsubj/2 arrested/VERB/ROOT/2",
            [(0, "GPE", 0, 1)],
            1,
            "KENCOP",
        ),
        # two-word sector noun wins over the one-word one
        (
            "Syrian/ADJ/amod/2 security/NOUN/compound/2 forces/NOUN/nsubj/3 fired/VERB/ROOT/3",
            [(0, "NORP", 0, 1)],
            2,
            "SYRCOP",
        ),
        # three-word sector noun
        (
            "Kenya/PROPN/poss/4 's/PART/case/0 Criminal/PROPN/compound/4 "
            "Investigation/PROPN/compound/4 Department/PROPN/nsubj/5 arrested/VERB/ROOT/5",
            [(0, "GPE", 0, 1)],
            4,
            "KENCOP",
        ),
        (
            "Syrian/ADJ/amod/1 forces/NOUN/nsubj/2 fired/VERB/ROOT/2/fire",
            [(0, "NORP", 0, 1)],
            1,
            "SYRMIL",
        ),
        (
            "Colombian/ADJ/amod/1 rebels/NOUN/nsubj/2 attacked/VERB/ROOT/2",
            [(0, "NORP", 0, 1)],
            1,
            "COLREB",
        ),
        (
            "Thai/ADJ/amod/1 protesters/NOUN/nsubj/2 marched/VERB/ROOT/2",
            [(0, "NORP", 0, 1)],
            1,
            "THAOPP",
        ),
        (
            "Chinese/ADJ/amod/1 lawmakers/NOUN/nsubj/2 voted/VERB/ROOT/2",
            [(0, "NORP", 0, 1)],
            1,
            "CHNLEG",
        ),
        (
            "Greek/ADJ/amod/1 judges/NOUN/nsubj/2 ruled/VERB/ROOT/2",
            [(0, "NORP", 0, 1)],
            1,
            "GRCJUD",
        ),
    ],
)
def test_actors_sector_phrases_take_country_cues(
    index: ActorIndex, spec: str, ents: list[tuple[int, str, int, int]], head: int, code: str
) -> None:
    art = resolve(article(spec, ents=ents), index)
    m = mention_at(art, 0, head)
    assert m.actor is not None and m.actor.code == code
    assert m.label == "ACTOR"


def test_actors_sector_phrase_text_covers_the_phrase(index: ActorIndex) -> None:
    art = resolve(
        article(
            "the/DET/det/1 army/NOUN/nsubj/4 of/ADP/prep/1 Sudan/PROPN/pobj/2 withdrew/VERB/ROOT/4",
            ents=[(0, "GPE", 3, 4)],
        ),
        index,
    )
    m = mention_at(art, 0, 1)
    assert m.text == "army of Sudan"
    assert code_at(art, 0, 3) == "SDN"


def test_actors_sector_without_country_single_country_story(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Peru/PROPN/nsubj/1 declared/VERB/ROOT/1 an/DET/det/3 emergency/NOUN/dobj/1",
            "rebels/NOUN/nsubj/1 attacked/VERB/ROOT/1 a/DET/det/3 town/NOUN/dobj/1",
            ents=[(0, "GPE", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 1, 0) == "PERREB"


def test_actors_sector_without_country_in_multi_country_story(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Peru/PROPN/nsubj/1 thanked/VERB/ROOT/1 Chile/PROPN/dobj/1",
            "rebels/NOUN/nsubj/1 attacked/VERB/ROOT/1 a/DET/det/3 town/NOUN/dobj/1",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 2, 3)],
        ),
        index,
    )
    m = mention_at(art, 1, 0)
    assert m.actor is not None
    assert (m.actor.code, m.actor.country, m.actor.sector) == ("REB", None, "REB")


def test_actors_lowercase_text_without_ner(index: ActorIndex) -> None:
    art = resolve(
        article(
            "iranian/ADJ/amod/1 troops/NOUN/nsubj/2 entered/VERB/ROOT/2 "
            "iraq/PROPN/dobj/2 near/ADP/prep/2 baghdad/PROPN/pobj/4"
        ),
        index,
    )
    assert code_at(art, 0, 1) == "IRNMIL"
    assert code_at(art, 0, 3) == "IRQ"
    assert code_at(art, 0, 5) == "IRQGOV"  # a capital is exposed as a metonym; events decide


def test_actors_keeps_unresolved_entities(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Chile/PROPN/nsubj/1 voted/VERB/ROOT/1 on/ADP/prep/1 Friday/PROPN/pobj/2",
            ents=[(0, "GPE", 0, 1), (0, "DATE", 3, 4)],
        ),
        index,
    )
    date = mention_at(art, 0, 3)
    assert date.label == "DATE" and date.actor is None


def test_actors_conjoined_demonyms_share_the_sector(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Peruvian/ADJ/amod/3 and/CCONJ/cc/0 Bolivian/ADJ/conj/0 officials/NOUN/nsubj/4 "
            "met/VERB/ROOT/4",
            ents=[(0, "NORP", 0, 1), (0, "NORP", 2, 3)],
        ),
        index,
    )
    assert code_at(art, 0, 3) == "PERGOV"
    assert code_at(art, 0, 2) == "BOLGOV"
    assert code_at(art, 0, 0) == "PERGOV"


def test_actors_organisation_owner_gives_its_code(index: ActorIndex) -> None:
    art = resolve(
        article(
            "NATO/PROPN/compound/1 officials/NOUN/nsubj/2 warned/VERB/ROOT/2",
            ents=[(0, "ORG", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 0, 1) == "IGONATO"


def test_actors_possessive_pronoun_is_a_country_cue(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Chile/PROPN/nsubj/1 moved/VERB/ROOT/1 its/PRON/poss/3 troops/NOUN/dobj/1",
            ents=[(0, "GPE", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 0, 2) == "CHL"
    assert code_at(art, 0, 3) == "CHLMIL"


def test_actors_owned_noun_takes_the_person_owner(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Macron/PROPN/poss/2 's/PART/case/0 office/NOUN/nsubj/3 said/VERB/ROOT/3",
            ents=[(0, "PERSON", 0, 1)],
            date=dt.date(2024, 1, 1),
        ),
        index,
    )
    m = mention_at(art, 0, 2)
    assert m.actor is not None and m.actor.code == "FRAGOV" and m.via == "owner"


def test_actors_owned_noun_without_owner_is_not_an_actor(index: ActorIndex) -> None:
    art = resolve(
        article("the/DET/det/1 office/NOUN/nsubj/2 closed/VERB/ROOT/2"),
        index,
    )
    assert art.mentions == ()


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        (
            "Nepali/ADJ/amod/2 police/NOUN/compound/2 officials/NOUN/nsubj/3 said/VERB/ROOT/3/say",
            "NPLCOP",
        ),
        (
            "Nepali/ADJ/amod/2 army/NOUN/compound/2 officers/NOUN/nsubj/3 said/VERB/ROOT/3/say",
            "NPLMIL",
        ),
        (
            "Nepali/ADJ/amod/2 senior/ADJ/amod/2 officials/NOUN/nsubj/3 said/VERB/ROOT/3/say",
            "NPLGOV",
        ),
    ],
)
def test_actors_generic_heads_take_the_modifier_sector(
    index: ActorIndex, spec: str, code: str
) -> None:
    art = resolve(article(spec, ents=[(0, "NORP", 0, 1)]), index)
    assert code_at(art, 0, 2) == code


def test_actors_party_government_is_the_country_government(index: ActorIndex) -> None:
    art = resolve(
        article(
            "the/DET/det/2 BJP/PROPN/compound/2 government/NOUN/nsubj/3 fell/VERB/ROOT/3",
            ents=[(0, "ORG", 1, 2)],
        ),
        index,
    )
    assert code_at(art, 0, 1) == "INDPTY"
    assert code_at(art, 0, 2) == "INDGOV"


def test_actors_people_named_by_another_country(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Moldovan/ADJ/amod/1 Russians/PROPN/nsubj/2 voted/VERB/ROOT/2",
            ents=[(0, "NORP", 0, 1), (0, "NORP", 1, 2)],
        ),
        index,
    )
    assert code_at(art, 0, 1) == "MDA"
    assert code_at(art, 0, 0) == "MDA"


def test_actors_ethnic_group_without_story_country_is_unresolved(index: ActorIndex) -> None:
    art = resolve(
        article(
            "ethnic/ADJ/amod/1 Hungarians/PROPN/nsubj/2 marched/VERB/ROOT/2 "
            "to/ADP/prep/2 Slovakia/PROPN/pobj/3 from/ADP/prep/2 Austria/PROPN/pobj/5",
            ents=[(0, "NORP", 1, 2), (0, "GPE", 4, 5), (0, "GPE", 6, 7)],
        ),
        index,
    )
    m = mention_at(art, 0, 1)
    assert m.actor is None


def test_actors_not_national_modifier_blocks_the_fallback(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Peru/PROPN/nsubj/1 declared/VERB/ROOT/1 an/DET/det/3 emergency/NOUN/dobj/1",
            "foreign/ADJ/amod/1 troops/NOUN/nsubj/2/troop arrived/VERB/ROOT/2",
            ents=[(0, "GPE", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 1, 1) == "MIL"


def test_actors_fallback_needs_a_dominant_country(index: ActorIndex) -> None:
    # Chile three times, Peru once: not clearly a one-country story (needs 3x and 60%).
    spec = "Chile/PROPN/nsubj/1 spoke/VERB/ROOT/1"
    art = resolve(
        article(
            spec,
            spec,
            "Chile/PROPN/nsubj/1 thanked/VERB/ROOT/1 Peru/PROPN/dobj/1",
            "police/NOUN/nsubj/1 arrived/VERB/ROOT/1",
            ents=[(0, "GPE", 0, 1), (1, "GPE", 0, 1), (2, "GPE", 0, 1), (2, "GPE", 2, 3)],
        ),
        index,
    )
    assert code_at(art, 3, 0) == "CHLCOP"
    art = resolve(
        article(
            spec,
            "Chile/PROPN/nsubj/1 thanked/VERB/ROOT/1 Peru/PROPN/dobj/1",
            "police/NOUN/nsubj/1 arrived/VERB/ROOT/1",
            ents=[(0, "GPE", 0, 1), (1, "GPE", 0, 1), (1, "GPE", 2, 3)],
        ),
        index,
    )
    assert code_at(art, 2, 0) == "COP"


def test_actors_ethnic_group_takes_the_story_country(index: ActorIndex) -> None:
    art = resolve(
        article(
            "ethnic/ADJ/amod/1 Hungarians/PROPN/nsubj/2 marched/VERB/ROOT/2 "
            "in/ADP/prep/2 Slovakia/PROPN/pobj/3",
            ents=[(0, "NORP", 1, 2), (0, "GPE", 4, 5)],
        ),
        index,
    )
    assert code_at(art, 0, 1) == "SVK"


@pytest.mark.parametrize(
    ("spec", "ents", "head", "code"),
    [
        ("a/DET/det/2 us/PROPN/compound/2 drone/NOUN/dobj/2", [], 2, "USAMIL"),
        (
            "us/PROPN/compound/1 officials/NOUN/nsubj/2 said/VERB/ROOT/2/say",
            [(0, "GPE", 0, 1)],
            1,
            "USAGOV",
        ),
        (
            "police/NOUN/nsubj/3 in/ADP/prep/0 Nepal/PROPN/pobj/1 fired/VERB/ROOT/3",
            [(0, "GPE", 2, 3)],
            0,
            "NPLCOP",
        ),
        (
            "officials/NOUN/nsubj/3/official in/ADP/prep/0 Kathmandu/PROPN/pobj/1 met/VERB/ROOT/3",
            [(0, "GPE", 2, 3)],
            0,
            "NPLGOV",
        ),
        (
            "the/DET/det/2 Nepali/ADJ/amod/2 embassy/NOUN/nsubj/3 protested/VERB/ROOT/3",
            [(0, "NORP", 1, 2)],
            2,
            "NPLGOV",
        ),
    ],
)
def test_actors_lowercase_us_in_noun_positions_and_in_phrases(
    index: ActorIndex, spec: str, ents: list[tuple[int, str, int, int]], head: int, code: str
) -> None:
    art = resolve(article(spec, ents=ents), index)
    assert code_at(art, 0, head) == code


def test_actors_troops_in_a_country_are_not_its_army(index: ActorIndex) -> None:
    art = resolve(
        article(
            "troops/NOUN/nsubj/3/troop in/ADP/prep/0 Mali/PROPN/pobj/1 withdrew/VERB/ROOT/3 "
            "to/ADP/prep/3 Chad/PROPN/pobj/4",
            ents=[(0, "GPE", 2, 3), (0, "GPE", 5, 6)],
        ),
        index,
    )
    assert code_at(art, 0, 0) == "MIL"


def test_actors_of_phrase_one_level_down(index: ActorIndex) -> None:
    art = resolve(
        article(
            "the/DET/det/1 Ministry/PROPN/nsubj/7 of/ADP/prep/1 Foreign/PROPN/compound/4 "
            "Affairs/PROPN/pobj/2 of/ADP/prep/4 Peru/PROPN/pobj/5 protested/VERB/ROOT/7",
            ents=[(0, "ORG", 1, 5, 1), (0, "GPE", 6, 7)],
        ),
        index,
    )
    assert code_at(art, 0, 1) == "PERGOV"


def test_actors_party_needs_an_owner(index: ActorIndex) -> None:
    art = resolve(
        article(
            "the/DET/det/1 parties/NOUN/nsubj/2/party met/VERB/ROOT/2",
            "the/DET/det/2 Cuban/ADJ/amod/2 party/NOUN/nsubj/3 met/VERB/ROOT/3",
            ents=[(1, "NORP", 1, 2)],
        ),
        index,
    )
    assert not [m for m in art.mentions if m.sentence_index == 0]
    assert code_at(art, 1, 2) == "CUBPTY"


def test_actors_of_phrase_modifier_gives_the_body(index: ActorIndex) -> None:
    # "Ambassadors of EU states protested": the modifier of the "of" object.
    art = resolve(
        article(
            "Ambassadors/NOUN/nsubj/4/ambassador of/ADP/prep/0 EU/PROPN/compound/3 "
            "states/NOUN/pobj/1/state protested/VERB/ROOT/4",
            ents=[(0, "ORG", 2, 3)],
        ),
        index,
    )
    assert code_at(art, 0, 0) == "IGOEU"


def test_actors_bare_congo_is_the_drc_as_news_wire_style_has_it(index: ActorIndex) -> None:
    # AP style: "Congo" is the Democratic Republic; the other is "Republic of Congo"
    art = resolve(
        article("Congo/PROPN/nsubj/1 protested/VERB/ROOT/1", ents=[(0, "GPE", 0, 1)]), index
    )
    assert mention_at(art, 0, 0).actor.code[:3] == "COD"  # type: ignore[union-attr]
    entry = index.lookup("Republic of Congo")
    assert entry is not None and entry.key == "COG"


def test_actors_the_pope_is_the_holy_see(index: ActorIndex) -> None:
    art = resolve(
        article("the/DET/det/1 Pope/PROPN/nsubj/2 urged/VERB/ROOT/2", ents=[(0, "ORG", 0, 2)]),
        index,
    )
    m = mention_at(art, 0, 1)
    assert m.actor is not None and m.actor.code == "VATREL"
