"""People, titles and coreference on hand-built parses (no spaCy model): one rule per test."""

from __future__ import annotations

import datetime as dt

import pytest

from casus import events
from casus.actors import ActorIndex, resolve
from casus.model import Article
from tests._builders.actors import article, code_at, mention_at


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def test_actors_listed_person_phrase(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Russian/ADJ/amod/1 President/PROPN/compound/3 Vladimir/PROPN/compound/3 "
            "Putin/PROPN/nsubj/4 spoke/VERB/ROOT/4",
            ents=[(0, "NORP", 0, 1), (0, "PERSON", 2, 4)],
            date=dt.date(2024, 3, 1),
        ),
        index,
    )
    m = mention_at(art, 0, 3)
    assert m.actor is not None
    assert (m.actor.code, m.actor.name) == ("RUSGOV", "Vladimir Putin")
    assert m.text == "Russian President Vladimir Putin"
    assert m.label == "PERSON" and m.via == "person"
    assert code_at(art, 0, 0) == "RUS"  # the modifier keeps its own mention


@pytest.mark.parametrize(
    ("name", "day", "code"),
    [
        ("Taliban", dt.date(2019, 6, 1), "AFGREB"),
        ("Taliban", dt.date(2022, 6, 1), "AFGGOV"),
        ("Mark Rutte", dt.date(2020, 6, 1), "NLDGOV"),
        ("Mark Rutte", dt.date(2025, 6, 1), "IGONATO"),
        ("Ahmed al-Sharaa", dt.date(2020, 6, 1), "SYRREB"),
        ("Ahmed al-Sharaa", dt.date(2025, 6, 1), "SYRGOV"),
    ],
)
def test_actors_office_chosen_by_article_date(
    index: ActorIndex, name: str, day: dt.date, code: str
) -> None:
    n = len(name.split())
    toks = " ".join(f"{w}/PROPN/compound/{n - 1}" for w in name.split()[:-1])
    spec = f"{toks} {name.split()[-1]}/PROPN/nsubj/{n} spoke/VERB/ROOT/{n}".strip()
    label = "ORG" if name == "Taliban" else "PERSON"
    art = resolve(article(spec, ents=[(0, label, 0, n)], date=day), index)
    assert code_at(art, 0, n - 1) == code


def test_actors_people_outside_office_keep_nearest_role(index: ActorIndex) -> None:
    netanyahu = index.people["benjamin netanyahu"]
    gap = netanyahu.office_on(dt.date(2000, 1, 1))
    assert gap.actor.code == "ISRGOV" and gap.end == dt.date(1999, 7, 6)
    assert netanyahu.office_on(dt.date(2023, 1, 1)).start == dt.date(2022, 12, 29)
    assert netanyahu.office_on(None).start == dt.date(2022, 12, 29)
    shoigu = index.people["sergei shoigu"]
    assert shoigu.office_on(dt.date(2020, 1, 1)).title == "defence minister"
    assert shoigu.office_on(dt.date(2025, 1, 1)).title == "security council secretary"


def _president_story(day: dt.date) -> Article:
    # Raisi, then "the president" two sentences later.
    return article(
        "Ebrahim/PROPN/compound/1 Raisi/PROPN/nsubj/2 spoke/VERB/ROOT/2",
        "Pezeshkian/PROPN/nsubj/1 listened/VERB/ROOT/1",
        "the/DET/det/1 president/NOUN/nsubj/2 left/VERB/ROOT/2",
        ents=[(0, "PERSON", 0, 2), (1, "PERSON", 0, 1)],
        date=day,
    )


def test_actors_the_president_follows_office_dates(index: ActorIndex) -> None:
    # In 2023 Raisi is president and Pezeshkian is not: "the president" is Raisi.
    art = resolve(_president_story(dt.date(2023, 5, 1)), index)
    m = mention_at(art, 2, 1)
    assert m.actor is not None and m.actor.name == "Ebrahim Raisi" and m.via == "coref"
    # In 2025 only Pezeshkian holds the office (Raisi keeps IRNGOV but not the title).
    art = resolve(_president_story(dt.date(2025, 5, 1)), index)
    m = mention_at(art, 2, 1)
    assert m.actor is not None and m.actor.name == "Masoud Pezeshkian"


def test_actors_title_resolves_unlisted_person_and_surname(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Kenyan/ADJ/amod/2 police/NOUN/compound/2 chief/NOUN/compound/4 "
            "Otieno/PROPN/compound/4 Wafula/PROPN/nsubj/5 resigned/VERB/ROOT/5",
            "Wafula/PROPN/nsubj/1 denied/VERB/ROOT/1 wrongdoing/NOUN/dobj/1",
            ents=[(0, "NORP", 0, 1), (0, "PERSON", 3, 5), (1, "PERSON", 0, 1)],
        ),
        index,
    )
    first = mention_at(art, 0, 4)
    assert first.actor is not None
    assert (first.actor.code, first.actor.name, first.via) == ("KENCOP", "Otieno Wafula", "title")
    later = mention_at(art, 1, 0)
    assert later.actor == first.actor and later.via == "coref"


@pytest.mark.parametrize(
    ("spec", "ents", "head", "code"),
    [
        (
            "Hungary/PROPN/poss/3 's/PART/case/0 foreign/ADJ/amod/3 minister/NOUN/nsubj/4 "
            "resigned/VERB/ROOT/4",
            [(0, "GPE", 0, 1)],
            3,
            "HUNGOV",
        ),
        (
            "the/DET/det/3 Turkish/ADJ/amod/3 defence/NOUN/compound/3 minister/NOUN/nsubj/4 "
            "resigned/VERB/ROOT/4",
            [(0, "NORP", 1, 2)],
            3,
            "TURGOV",
        ),
    ],
)
def test_actors_title_phrases_without_names(
    index: ActorIndex, spec: str, ents: list[tuple[int, str, int, int]], head: int, code: str
) -> None:
    art = resolve(article(spec, ents=ents), index)
    m = mention_at(art, 0, head)
    assert m.actor is not None and m.actor.code == code and m.via == "title"


def test_actors_the_minister_refers_back_to_the_titled_actor(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Hungary/PROPN/poss/3 's/PART/case/0 foreign/ADJ/amod/3 minister/NOUN/nsubj/4 "
            "arrived/VERB/ROOT/4",
            "the/DET/det/1 minister/NOUN/nsubj/2 left/VERB/ROOT/2",
            ents=[(0, "GPE", 0, 1)],
        ),
        index,
    )
    m = mention_at(art, 1, 1)
    assert m.actor is not None and m.actor.code == "HUNGOV" and m.via == "coref"


def test_actors_apposed_title_names_the_person(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Ana/PROPN/compound/1 Pereira/PROPN/nsubj/7 ,/PUNCT/punct/1 Brazil/PROPN/poss/5 "
            "'s/PART/case/3 ambassador/NOUN/appos/1 ,/PUNCT/punct/1 protested/VERB/ROOT/7",
            ents=[(0, "PERSON", 0, 2), (0, "GPE", 3, 4)],
        ),
        index,
    )
    person = mention_at(art, 0, 1)
    assert person.actor is not None and person.actor.code == "BRAGOV"
    assert person.actor.name == "Ana Pereira"


def test_actors_unknown_person_stays_unresolved(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Tomas/PROPN/compound/1 Vrba/PROPN/nsubj/2 arrived/VERB/ROOT/2",
            ents=[(0, "PERSON", 0, 2)],
        ),
        index,
    )
    m = mention_at(art, 0, 1)
    assert m.actor is None and m.label == "PERSON"


def test_actors_pronouns_follow_subject_person(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Macron/PROPN/nsubj/1 called/VERB/ROOT/1 Scholz/PROPN/dobj/1",
            "He/PRON/nsubj/1 urged/VERB/ROOT/1 his/PRON/poss/3 allies/NOUN/dobj/1",
            ents=[(0, "PERSON", 0, 1), (0, "PERSON", 2, 3)],
            date=dt.date(2023, 1, 1),
        ),
        index,
    )
    he, his = mention_at(art, 1, 0), mention_at(art, 1, 2)
    assert he.actor is not None and he.actor.name == "Emmanuel Macron"
    assert he.label == "PRON" and he.via == "coref"
    assert his.actor == he.actor


@pytest.mark.parametrize(
    ("unparsed", "resolved"),
    [
        ("He///0 had///1 long///2 said///3 so///4", True),  # the person goes on
        ("The///0 talks///1 had///2 failed///3", False),  # someone else may come in
    ],
)
def test_actors_pronoun_looks_past_an_unparsed_he_sentence(
    index: ActorIndex, unparsed: str, resolved: bool
) -> None:
    """Parse-less mode leaves a sentence with no trigger unparsed; one that opens with
    *he* carries the story's person on to the next sentence's *he*."""
    art = resolve(
        article(
            "Macron/PROPN/nsubj/1 called/VERB/ROOT/1 Scholz/PROPN/dobj/1",
            unparsed,
            "Later/ADV/advmod/2 he/PRON/nsubj/2 urged/VERB/ROOT/2 calm/NOUN/dobj/2",
            ents=[(0, "PERSON", 0, 1), (0, "PERSON", 2, 3)],
            date=dt.date(2023, 1, 1),
        ),
        index,
    )
    he = [m for m in art.mentions if m.sentence_index == 2 and m.label == "PRON"]
    if resolved:
        assert he and he[0].actor is not None and he[0].actor.name == "Emmanuel Macron"
    else:
        assert not he


def test_actors_it_refers_to_nonperson_and_needs_one(index: ActorIndex) -> None:
    art = resolve(
        article(
            "NATO/PROPN/nsubj/1 met/VERB/ROOT/1",
            "It/PRON/nsubj/1 agreed/VERB/ROOT/1",
            "nobody/PRON/nsubj/1 came/VERB/ROOT/1",
            "It/PRON/nsubj/1 rained/VERB/ROOT/1",
            ents=[(0, "ORG", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 1, 0) == "IGONATO"
    assert not [m for m in art.mentions if m.sentence_index == 3]


def test_actors_relative_pronoun_takes_its_noun(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Yemeni/ADJ/amod/1 rebels/NOUN/nsubj/5 ,/PUNCT/punct/1 who/PRON/nsubj/4 "
            "fled/VERB/relcl/1 ,/PUNCT/punct/1 returned/VERB/ROOT/5",
            ents=[(0, "NORP", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 0, 3) == "YEMREB"


def test_actors_one_mention_per_head(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Israeli/ADJ/amod/2 Prime/PROPN/compound/2 Minister/PROPN/compound/4 "
            "Benjamin/PROPN/compound/4 Netanyahu/PROPN/nsubj/5 spoke/VERB/ROOT/5",
            ents=[(0, "NORP", 0, 1), (0, "PERSON", 3, 5)],
            date=dt.date(2024, 1, 1),
        ),
        index,
    )
    heads = [(m.sentence_index, m.head) for m in art.mentions]
    assert len(heads) == len(set(heads))
    m = mention_at(art, 0, 4)
    assert m.text == "Israeli Prime Minister Benjamin Netanyahu"
    assert m.actor is not None and m.actor.code == "ISRGOV"


def test_actors_apposed_organisation_title_names_the_person(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Lena/PROPN/compound/1 Moreau/PROPN/nsubj/8 ,/PUNCT/punct/1 the/DET/det/6 "
            "African/PROPN/compound/5 Union/PROPN/compound/6 envoy/NOUN/appos/1 ,/PUNCT/punct/1 "
            "spoke/VERB/ROOT/8",
            ents=[(0, "PERSON", 0, 2), (0, "ORG", 4, 6)],
        ),
        index,
    )
    person = mention_at(art, 0, 1)
    assert person.actor is not None and person.actor.code == "IGOAFU"
    assert person.actor.name == "Lena Moreau"


def test_actors_they_needs_a_plural_antecedent(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Malian/ADJ/amod/1 rebels/NOUN/nsubj/2/rebel attacked/VERB/ROOT/2 Niger/PROPN/dobj/2",
            "They/PRON/nsubj/1 withdrew/VERB/ROOT/1",
            "It/PRON/nsubj/1 protested/VERB/ROOT/1",
            ents=[(0, "NORP", 0, 1), (0, "GPE", 3, 4)],
        ),
        index,
    )
    assert code_at(art, 1, 0) == "MLIREB"
    # "It" may only take a singular non-person from this or the previous sentence: none.
    assert not [m for m in art.mentions if m.sentence_index == 2]


@pytest.mark.parametrize(
    "spec",
    [
        "it/PRON/nsubj/1 seems/VERB/ROOT/1/seem clear/ADJ/acomp/1",
        "it/PRON/nsubjpass/2 was/AUX/auxpass/2/be decided/VERB/ROOT/2/decide",
        "we/PRON/nsubj/1 accept/VERB/ROOT/1 it/PRON/dobj/1",
    ],
)
def test_actors_expletive_or_object_it_is_not_resolved(index: ActorIndex, spec: str) -> None:
    art = resolve(
        article("Ghana/PROPN/nsubj/1 protested/VERB/ROOT/1", spec, ents=[(0, "GPE", 0, 1)]),
        index,
    )
    assert not [m for m in art.mentions if m.sentence_index == 1]


def test_actors_lowercase_surname_alias(index: ActorIndex) -> None:
    art = resolve(
        article(
            "president/PROPN/compound/1 lukashenko/PROPN/nsubj/2 spoke/VERB/ROOT/2",
            "anna/PROPN/compound/1 lukashenko/PROPN/compound/2 sinha/PROPN/nsubj/3 "
            "spoke/VERB/ROOT/3",
            date=dt.date(2024, 1, 1),
        ),
        index,
    )
    assert code_at(art, 0, 1) == "BLRGOV"
    assert not [m for m in art.mentions if m.sentence_index == 1 and m.actor is not None]


def test_actors_surname_first_names_and_mislabelled_repeats(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Chinese/ADJ/amod/2 envoy/NOUN/compound/3 Zhou/PROPN/compound/3 "
            "Ming/PROPN/nsubj/4 arrived/VERB/ROOT/4",
            "Zhou/PROPN/nsubj/1 said/VERB/ROOT/1",
            ents=[(0, "NORP", 0, 1), (0, "PERSON", 2, 4), (1, "ORG", 0, 1)],
        ),
        index,
    )
    first = mention_at(art, 0, 3)
    assert first.actor is not None and first.actor.code == "CHNGOV"
    again = mention_at(art, 1, 0)
    assert again.actor == first.actor and again.via == "coref"


def test_actors_demonym_beats_pronoun_owner(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Macron/PROPN/nsubj/1 met/VERB/ROOT/1 his/PRON/poss/4 Kenyan/ADJ/amod/4 "
            "counterpart/NOUN/dobj/1",
            ents=[(0, "PERSON", 0, 1), (0, "NORP", 3, 4)],
            date=dt.date(2024, 1, 1),
        ),
        index,
    )
    assert code_at(art, 0, 2) == "FRAGOV"
    assert code_at(art, 0, 4) == "KENGOV"


def test_actors_whose_takes_the_noun_of_the_relative_clause(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Chile/PROPN/nsubj/6 ,/PUNCT/punct/0 whose/PRON/poss/3 army/NOUN/nsubj/4 "
            "mutinied/VERB/relcl/0 ,/PUNCT/punct/0 appealed/VERB/ROOT/6",
            ents=[(0, "GPE", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 0, 2) == "CHL"
    assert code_at(art, 0, 3) == "CHLMIL"


def test_actors_they_stands_for_each_listed_country(index: ActorIndex) -> None:
    # "Peru and Chile met. They condemned Bolivia."
    art = resolve(
        article(
            "Peru/PROPN/nsubj/3 and/CCONJ/cc/0 Chile/PROPN/conj/0 met/VERB/ROOT/3",
            "They/PRON/nsubj/1/they condemned/VERB/ROOT/1/condemn Bolivia/PROPN/dobj/1",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 2, 3), (1, "GPE", 2, 3)],
        ),
        index,
    )
    they = sorted(
        m.actor.code for m in art.mentions if m.sentence_index == 1 and m.head == 0 and m.actor
    )
    assert they == ["CHL", "PER"]
    coded = events.extract(art, events.Lexicon.load()).events
    got = sorted(
        (e.source.code if e.source else None, e.cameo[:2], e.target.code if e.target else None)
        for e in coded
    )
    assert ("CHL", "11", "BOL") in got
    assert ("PER", "11", "BOL") in got


def test_actors_definite_noun_repeats_a_named_organisation(index: ActorIndex) -> None:
    # "Shining Path attacked a town. The group denied it. The group of experts met."
    art = resolve(
        article(
            "Shining/PROPN/compound/1 Path/PROPN/nsubj/2 attacked/VERB/ROOT/2 a/DET/det/4 "
            "town/NOUN/dobj/2",
            "The/DET/det/1 group/NOUN/nsubj/2 denied/VERB/ROOT/2 it/PRON/dobj/2",
            "The/DET/det/1 group/NOUN/nsubj/5 of/ADP/prep/1 experts/NOUN/pobj/2/expert "
            "later/ADV/advmod/5 met/VERB/ROOT/5/meet",
            "the/DET/det/1 EU/PROPN/nsubj/2 protested/VERB/ROOT/2",
            "The/DET/det/1 bloc/NOUN/nsubj/2 voted/VERB/ROOT/2/vote",
            ents=[(0, "ORG", 0, 2), (3, "ORG", 1, 2)],
        ),
        index,
    )
    assert code_at(art, 1, 1) == "PERREB"
    assert all(not (m.sentence_index == 2 and m.head == 1 and m.actor) for m in art.mentions)
    assert code_at(art, 4, 1) == "IGOEU"


def test_actors_definite_noun_matches_the_organisation_s_full_name(index: ActorIndex) -> None:
    # "The IAEA inspected a plant. The agency reported."
    art = resolve(
        article(
            "The/DET/det/1 IAEA/PROPN/nsubj/2 inspected/VERB/ROOT/2 a/DET/det/4 plant/NOUN/dobj/2",
            "The/DET/det/1 agency/NOUN/nsubj/2 reported/VERB/ROOT/2/report",
            ents=[(0, "ORG", 1, 2)],
        ),
        index,
    )
    assert code_at(art, 1, 1) == "IGOIAEA"


def test_actors_both_countries_as_subject_are_the_last_two_named(index: ActorIndex) -> None:
    # "Peru hosted Chile. Both countries signed a pact."
    art = resolve(
        article(
            "Peru/PROPN/nsubj/1 hosted/VERB/ROOT/1/host Chile/PROPN/dobj/1",
            "Both/DET/det/1/both countries/NOUN/nsubj/2/country signed/VERB/ROOT/2/sign "
            "a/DET/det/4 pact/NOUN/dobj/2",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 2, 3)],
        ),
        index,
    )
    both = sorted(
        m.actor.code for m in art.mentions if m.sentence_index == 1 and m.head == 1 and m.actor
    )
    assert both == ["CHL", "PER"]


def test_actors_surname_first_names_are_found_by_their_first_word(index: ActorIndex) -> None:
    # "Kim Jong Un ... Kim", "Xi Jinping ... Xi": the family name leads
    art = resolve(
        article(
            "Kim/PROPN/compound/2 Jong/PROPN/compound/2 Un/PROPN/nsubj/3 spoke/VERB/ROOT/3",
            "Xi/PROPN/compound/1 Jinping/PROPN/nsubj/2 answered/VERB/ROOT/2",
            "Kim/PROPN/nsubj/1 left/VERB/ROOT/1 and/CCONJ/cc/1 Xi/PROPN/conj/1 stayed/VERB/conj/1",
            ents=[
                (0, "PERSON", 0, 3),
                (1, "PERSON", 0, 2),
                (2, "PERSON", 0, 1),
                (2, "PERSON", 3, 4),
            ],
            date=dt.date(2024, 1, 1),
        ),
        index,
    )
    assert code_at(art, 2, 0) == "PRKGOV"
    assert code_at(art, 2, 3) == "CHNGOV"


def test_actors_it_after_saying_is_the_sayer_not_the_object(index: ActorIndex) -> None:
    # "Chile criticised Peru, saying it opposed ...": Chile opposed, not Peru
    art = resolve(
        article(
            "Chile/PROPN/nsubj/1 criticised/VERB/ROOT/1 Peru/PROPN/dobj/1 ,/PUNCT/punct/1 "
            "saying/VERB/advcl/1/say it/PRON/nsubj/6 opposed/VERB/ccomp/4/oppose "
            "sanctions/NOUN/dobj/6",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 2, 3)],
        ),
        index,
    )
    assert code_at(art, 0, 5) == "CHL"
