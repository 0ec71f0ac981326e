"""The parse-less filter: which tokenized sentences go on to the tagger, parser and NER."""

from __future__ import annotations

from dataclasses import replace

import pytest

from casus.model import Article
from casus.nlp.cheap import Cue, SentenceFilter
from casus.pipeline import Coder

pytestmark = pytest.mark.model

CUES: list[Cue] = [
    ("attack", "VERB", (), False),
    ("hold", "VERB", (frozenset({"talk", "negotiation"}),), False),
    ("call", "VERB", (frozenset({"off"}),), False),
    ("arrest", "VERB", (), True),
    ("accord", "NOUN", (), False),
]


def _could_hold(coder: Coder, text: str, actor_words: tuple[str, ...] = ("police",)) -> bool:
    nlp = coder.parser.nlp
    flt = SentenceFilter(nlp, CUES, actor_words)
    doc = nlp.make_doc(text)
    return flt.could_hold(doc[:])


def test_an_inflected_trigger_with_an_actor_word_passes(coder: Coder) -> None:
    assert _could_hold(coder, "police attacked the crowd.")
    assert _could_hold(coder, "the policemen's attacks went on.", ("policeman",))
    assert _could_hold(coder, "the police were attacking.")


def test_a_trigger_entry_needs_the_words_of_its_conditions(coder: Coder) -> None:
    assert _could_hold(coder, "police held talks on monday.")
    assert not _could_hold(coder, "police held a concert on monday.")
    assert _could_hold(coder, "police called off the march.")
    assert not _could_hold(coder, "police called the number.")


def test_no_actor_word_no_capitalised_name_no_parse(coder: Coder) -> None:
    assert not _could_hold(coder, "a storm attacked the coast.")
    assert _could_hold(coder, "a storm and then Ruritania attacked the coast.")
    assert _could_hold(coder, "Mbeki attacked the plan.")  # a name may open the sentence
    assert _could_hold(coder, "they attacked the coast.", ("they",))


def test_a_question_is_not_parsed(coder: Coder) -> None:
    assert not _could_hold(coder, "did police attack the crowd?")
    assert not _could_hold(coder, "did police attack the crowd? \n")
    assert _could_hold(coder, "police attacked the crowd? no, they did.")
    # a caption line before a question: the parser may cut at the line break
    assert _could_hold(coder, "police attacked the crowd in Lagos Photo: AFP\nWhy did they?")


_MARCH = [("march", "NOUN", (), False)]


@pytest.mark.parametrize(
    ("cues", "exact", "text", "kept"),
    [
        # names written in capitals count as written, or lower-cased after a determiner
        (CUES, ("IS", "US"), "the decision is an attack on reason.", False),
        (CUES, ("IS", "US"), "IS attacked the town.", True),
        (CUES, ("IS", "US"), "the us attacked the town.", True),
        (CUES, ("IS", "US"), "it was said to us that talks would attack nothing.", False),
        (CUES, ("IS", "US"), "us police attacked the town.", True),
        # a month name next to a number is a date, not a trigger word
        (_MARCH, (), "police stopped the march on the capital.", True),
        (_MARCH, (), "police were deployed before march 15.", False),
        (_MARCH, (), "police said on 5 march that all was calm.", False),
        (_MARCH, (), "by march 2002 police had left.", False),
        (_MARCH, (), "police stopped the march that began on march 3.", True),
        (_MARCH, (), "police said 5,000 march through the capital.", True),
        (_MARCH, (), "ten thousand march on the palace, police said.", True),
        (_MARCH, (), "police said they will march 2 miles.", True),
        (_MARCH, (), "police left on 15th march.", False),
    ],
)
def test_names_in_capitals_and_month_names(
    coder: Coder, cues: list[Cue], exact: tuple[str, ...], text: str, kept: bool
) -> None:
    flt = SentenceFilter(coder.parser.nlp, cues, ("police",), exact_words=exact)
    assert flt.could_hold(coder.parser.nlp.make_doc(text)[:]) is kept


def test_a_trigger_counts_in_the_forms_of_its_own_part_of_speech(coder: Coder) -> None:
    # "accord" is a noun entry here: "accords" is its form, "according" (a verb form) is not
    assert _could_hold(coder, "police signed the accords.")
    assert not _could_hold(coder, "police, according to reports, were there.")
    # a verb entry is read in its gerund noun too
    assert _could_hold(coder, "the attackings by police went on.")


def test_an_act_reported_with_nobody_named_needs_no_actor_word(coder: Coder) -> None:
    assert _could_hold(coder, "two were arrested overnight.")
    assert not _could_hold(coder, "two attacked overnight.")


def test_parse_less_codes_what_the_full_parse_codes(coder: Coder) -> None:
    text = (
        "Armenian troops attacked villages in Azerbaijan on Tuesday, officials said.\n\n"
        "The weather was mild and the markets were closed for the holiday.\n\n"
        "Azerbaijan's foreign minister condemned the attack and called for talks."
    )
    article = Article(id="own-1", text=text, date=None)
    parse_less = Coder(replace(coder.settings, parse_less=True))
    coder = Coder(replace(coder.settings, parse_less=False)) if coder.settings.parse_less else coder
    less = next(iter(parse_less.code([article])))
    whole = next(iter(coder.code([article])))
    assert [e.to_dict() for e in less.events] == [e.to_dict() for e in whole.events]
    assert less.events
    assert parse_less.parser.sentences_parsed < parse_less.parser.sentences_seen == 3
