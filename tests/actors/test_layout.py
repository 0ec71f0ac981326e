"""Names the story's layout puts in a sentence (datelines, credits, bylines, place
attributes) are no actors; ethnic demonyms and generic party names (issue #12). Own
sentences, hand-built parses."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casus.actors import ActorIndex, resolve
from casus.actors.layout import layout_tokens
from casus.model import Article
from tests._builders.actors import article, code_at


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def _glued(art: Article, first: int, last: int) -> Article:
    """The article with tokens ``first``..``last`` of sentence 0 written without spaces
    (*Paris-based*); later tokens keep their offsets."""
    s = art.sentences[0]
    toks = list(s.tokens)
    for k in range(first + 1, last + 1):
        toks[k] = replace(toks[k], start=toks[k - 1].start + len(toks[k - 1].text))
    return replace(art, sentences=(replace(s, tokens=tuple(toks)),))


def _break_after(art: Article, sentence: int, token: int) -> Article:
    """The article with the space after token ``token`` of ``sentence`` made a line break."""
    s = art.sentences[sentence]
    t = s.tokens[token]
    at = t.start - s.start + len(t.text)
    assert s.text[at] == " "
    text = s.text[:at] + "\n" + s.text[at + 1 :]
    sentences = list(art.sentences)
    sentences[sentence] = replace(s, text=text)
    return replace(art, sentences=tuple(sentences))


def test_layout_dateline_in_capitals_names_no_actor(index: ActorIndex) -> None:
    art = resolve(
        article(
            "CAIRO/PROPN/nsubj/6 ,/PUNCT/punct/0 Egypt/PROPN/appos/0 —/PUNCT/punct/0 "
            "Sudan/PROPN/nsubj/5 protested/VERB/ROOT/5 ./PUNCT/punct/5",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 2, 3), (0, "GPE", 4, 5)],
        ),
        index,
    )
    assert code_at(art, 0, 0) is None
    assert code_at(art, 0, 2) is None
    assert code_at(art, 0, 4) == "SDN"


def test_layout_title_case_headline_with_a_dash_keeps_its_actors(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Chile/PROPN/nsubj/1 Protests/VERB/ROOT/1 —/PUNCT/punct/1 "
            "Peru/PROPN/dobj/1 ./PUNCT/punct/1",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 3, 4)],
        ),
        index,
    )
    assert code_at(art, 0, 0) == "CHL"


def test_layout_credit_and_byline_lines() -> None:
    credit = article(
        "Photo/NOUN/ROOT/0 :/PUNCT/punct/0 Reuters/PROPN/appos/0 "
        "Kenya/PROPN/nsubj/4 protested/VERB/ROOT/4"
    )
    s = _break_after(credit, 0, 2).sentences[0]
    assert layout_tokens(s) == frozenset({0, 1, 2})
    byline = article(
        "By/ADP/prep/5 Ann/PROPN/compound/2 Lee/PROPN/pobj/0 ,/PUNCT/punct/2 "
        "Reuters/PROPN/appos/2 Kenya/PROPN/nsubj/6 protested/VERB/ROOT/6"
    )
    s = _break_after(byline, 0, 4).sentences[0]
    assert layout_tokens(s) == frozenset(range(5))
    # Without the line break it is a sentence, not a byline.
    assert layout_tokens(byline.sentences[0]) == frozenset()


def test_layout_place_alone_on_its_line_in_capitals() -> None:
    art = article("NAIROBI/PROPN/nsubj/2 Kenya/PROPN/nsubj/2 protested/VERB/ROOT/2")
    s = _break_after(art, 0, 0).sentences[0]
    assert layout_tokens(s) == frozenset({0})


@pytest.mark.parametrize("suffix", ["based", "era", "made"])
def test_layout_place_attribute_compound_names_no_actor(index: ActorIndex, suffix: str) -> None:
    built = article(
        f"the/DET/det/4 Paris/PROPN/npadvmod/3 -/PUNCT/punct/3 {suffix}/VERB/amod/4 "
        "group/NOUN/nsubj/5 protested/VERB/ROOT/5",
        ents=[(0, "GPE", 1, 2)],
    )
    art = resolve(_glued(built, 1, 3), index)
    assert code_at(art, 0, 1) is None


def test_layout_flag_compound_keeps_the_country(index: ActorIndex) -> None:
    built = article(
        "a/DET/det/4 Panama/PROPN/npadvmod/3 -/PUNCT/punct/3 flagged/VERB/amod/4 "
        "ship/NOUN/nsubj/5 sank/VERB/ROOT/5",
        ents=[(0, "GPE", 1, 2)],
    )
    art = resolve(_glued(built, 1, 3), index)
    assert code_at(art, 0, 1) == "PAN"


def test_ethnic_demonym_modifier_takes_the_story_country(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Kosovo/PROPN/nsubj/1 voted/VERB/ROOT/1 ./PUNCT/punct/1",
            "ethnic/ADJ/amod/2 Serb/ADJ/amod/2 protesters/NOUN/nsubj/3 marched/VERB/ROOT/3",
            ents=[(0, "GPE", 0, 1), (1, "NORP", 1, 2)],
        ),
        index,
    )
    assert code_at(art, 1, 2) == "XKXOPP"


def test_generic_party_name_is_the_one_country_story_party(index: ActorIndex) -> None:
    spec = "the/DET/det/2 Labour/PROPN/compound/2 Party/PROPN/nsubj/3 won/VERB/ROOT/3"
    art = resolve(
        article(
            "Norway/PROPN/nsubj/1 voted/VERB/ROOT/1 ./PUNCT/punct/1",
            spec,
            ents=[(0, "GPE", 0, 1), (1, "ORG", 1, 3)],
        ),
        index,
    )
    assert code_at(art, 1, 2) == "NORPTY"
    # With no story country the listed party keeps its own.
    art = resolve(article(spec, ents=[(0, "ORG", 1, 3)]), index)
    assert code_at(art, 0, 2) == "GBRPTY"


def test_capitalised_common_word_is_no_short_form(index: ActorIndex) -> None:
    art = resolve(article("Car/NOUN/compound/1 horns/NOUN/nsubj/2 sounded/VERB/ROOT/2"), index)
    assert all(m.actor is None or m.actor.country != "CAF" for m in art.mentions)


def test_host_country_after_to_or_for_is_no_country_cue(index: ActorIndex) -> None:
    # "Peruvian envoy to Chile Ana Ruiz": the envoy is Peru's, Chile is the host.
    art = resolve(
        article(
            "Peruvian/ADJ/amod/1 envoy/NOUN/compound/5 to/ADP/prep/1 Chile/PROPN/compound/4 "
            "Ana/PROPN/compound/5 Ruiz/PROPN/nsubj/6 spoke/VERB/ROOT/6",
            ents=[(0, "NORP", 0, 1), (0, "GPE", 3, 4), (0, "PERSON", 4, 6)],
        ),
        index,
    )
    assert code_at(art, 0, 5) == "PERGOV"


def test_demonym_after_a_preposition_outside_the_phrase_is_its_country(index: ActorIndex) -> None:
    # "Chilean troops fired on Peruvian soldiers": "on" governs the phrase and is no host
    # preposition inside it ("envoy to Chile"), so the soldiers are Peru's.
    art = resolve(
        article(
            "Chilean/ADJ/amod/1 troops/NOUN/nsubj/2 fired/VERB/ROOT/2 on/ADP/prep/2 "
            "Peruvian/ADJ/amod/5 soldiers/NOUN/pobj/3 ./PUNCT/punct/2",
            ents=[(0, "NORP", 0, 1), (0, "NORP", 4, 5)],
        ),
        index,
    )
    assert code_at(art, 0, 1) == "CHLMIL"
    assert code_at(art, 0, 5) == "PERMIL"


def test_layout_dateline_of_places_joined_by_slashes() -> None:
    # A headline line, then "LIMA/SANTIAGO - Peru protested": the places it was filed from.
    art = article(
        "Talks/NOUN/ROOT/0 LIMA/PROPN/compound/3 //SYM/punct/3 SANTIAGO/PROPN/nmod/5 "
        "-/PUNCT/punct/5 Peru/PROPN/nsubj/6 protested/VERB/ROOT/6"
    )
    s = _break_after(art, 0, 0).sentences[0]
    assert layout_tokens(s) == frozenset({1, 2, 3, 4})


def test_layout_dateline_name_with_hyphens_and_agency() -> None:
    # "SAN-JOSE-DEL-NORTE, Peru (AP) — Peru protested": hyphens inside the place's name.
    spec = (
        "SAN/PROPN/compound/4 -/PUNCT/punct/4 JOSE/PROPN/compound/4 -/PUNCT/punct/4 "
        "NORTE/PROPN/nsubj/11 ,/PUNCT/punct/4 Peru/PROPN/appos/4 (/PUNCT/punct/8 "
        "AP/PROPN/appos/6 )/PUNCT/punct/8 —/PUNCT/punct/11 protested/VERB/ROOT/11"
    )
    s = _glued(article(spec), 0, 4).sentences[0]
    assert layout_tokens(s) == frozenset(range(11))


def test_layout_byline_in_capitals_the_tagger_misreads() -> None:
    # "By ANA ROJAS and LUIS PRINCE" on its own line: capitals tagged ADJ/NOUN, still a byline.
    art = article(
        "By/ADP/prep/7 ANA/ADJ/amod/2 ROJAS/NOUN/pobj/0 and/CCONJ/cc/2 LUIS/NOUN/conj/2 "
        "PRINCE/NOUN/conj/2 Kenya/PROPN/nsubj/7 protested/VERB/ROOT/7"
    )
    s = _break_after(art, 0, 5).sentences[0]
    assert layout_tokens(s) == frozenset(range(6))


def test_layout_title_word_in_a_byline_is_no_actor(index: ActorIndex) -> None:
    art = article(
        "By/ADP/prep/4 LUIS/NOUN/compound/2 PRINCE/NOUN/pobj/0 Kenya/PROPN/nsubj/4 "
        "protested/VERB/ROOT/4",
        ents=[(0, "GPE", 3, 4)],
    )
    res = resolve(_break_after(art, 0, 2), index)
    assert not [m for m in res.mentions if m.head == 2]
    assert code_at(res, 0, 3) == "KEN"


@pytest.mark.parametrize("suffix", ["occupied", "annexed"])
def test_layout_occupier_of_a_place_is_no_actor(index: ActorIndex, suffix: str) -> None:
    # "Chile protested in the Peruvian-occupied valley": the valley, not Peru, is the place.
    built = article(
        f"Chile/PROPN/nsubj/1 protested/VERB/ROOT/1 in/ADP/prep/1 the/DET/det/7 "
        f"Peruvian/ADJ/npadvmod/6 -/PUNCT/punct/6 {suffix}/VERB/amod/7 valley/NOUN/pobj/2",
        ents=[(0, "GPE", 0, 1), (0, "NORP", 4, 5)],
    )
    art = resolve(_glued(built, 4, 6), index)
    assert code_at(art, 0, 0) == "CHL"
    assert code_at(art, 0, 4) is None


@pytest.mark.parametrize("prefix", ["pro", "anti"])
def test_layout_stance_prefix_names_no_actor(index: ActorIndex, prefix: str) -> None:
    # "the pro-Peruvian party protested": whom the party sides with, not its country.
    built = article(
        f"the/DET/det/4 {prefix}/ADJ/amod/4 -/PUNCT/punct/4 Peruvian/ADJ/amod/4 "
        "party/NOUN/nsubj/5 protested/VERB/ROOT/5",
        ents=[(0, "NORP", 3, 4)],
    )
    art = resolve(_glued(built, 1, 3), index)
    assert all(m.actor is None or m.actor.country != "PER" for m in art.mentions)
    # Written apart ("a pro - Peruvian"), or without the prefix, the demonym stays a cue.
    plain = resolve(built, index)
    assert any(m.actor is not None and m.actor.country == "PER" for m in plain.mentions)
    # "the pro-Lima daily": the government's own camp; a capital keeps its reading.
    capital = article(
        f"the/DET/det/4 {prefix}/ADJ/amod/4 -/PUNCT/punct/4 Lima/PROPN/compound/4 "
        "daily/NOUN/nsubj/5 protested/VERB/ROOT/5",
        ents=[(0, "GPE", 3, 4)],
    )
    art = resolve(_glued(capital, 1, 3), index)
    assert any(m.actor is not None and m.actor.country == "PER" for m in art.mentions)


def test_plural_demonyms_in_ian_name_their_people(index: ActorIndex) -> None:
    # "Serbians", "Somalians": the -ian plurals beside "Serbs", "Somalis"
    art = resolve(
        article(
            "Thousands/NOUN/nsubj/3 of/ADP/prep/0 Serbians/PROPN/pobj/1 marched/VERB/ROOT/3 "
            "with/ADP/prep/3 Somalians/PROPN/pobj/4",
            ents=[(0, "NORP", 2, 3), (0, "NORP", 5, 6)],
        ),
        index,
    )
    assert (code_at(art, 0, 2) or "")[:3] == "SRB"
    assert (code_at(art, 0, 5) or "")[:3] == "SOM"


def test_a_body_named_head_of_noun_is_its_sector(index: ActorIndex) -> None:
    # "the House of Representatives" headed on "House" by the parse
    art = resolve(
        article(
            "The/DET/det/2 Chilean/ADJ/amod/2 House/PROPN/nsubj/5 of/ADP/prep/2 "
            "Representatives/PROPN/pobj/3 voted/VERB/ROOT/5",
            ents=[(0, "NORP", 1, 2)],
        ),
        index,
    )
    assert code_at(art, 0, 2) == "CHLLEG"
