"""Acts the news reports with nobody named in their sentence (issue #12): the syntax codes
them without actors, the role model gives them their sides from the article."""

from __future__ import annotations

import pytest

from casus import events
from tests._builders.events import article, sent


@pytest.fixture(scope="module")
def lexicon() -> events.Lexicon:
    return events.Lexicon.load()


def _peru():  # "Peru's government banned the march."
    return sent(
        "Peru/PROPN/poss/2 's/PART/case/0 government/NOUN/nsubj/3/government "
        "banned/VERB/ROOT/3/ban the/DET/det/5 march/NOUN/dobj/3/march ./PUNCT/punct/3",
        {0: "PER", 2: "PERGOV"},
    )


def _arrest_story():
    # "Peru's government banned the march." "Two students were arrested."
    return article(
        _peru(),
        sent(
            "Two/NUM/nummod/1/two students/NOUN/nsubjpass/3/student were/AUX/auxpass/3/be "
            "arrested/VERB/ROOT/3/arrest/VBN ./PUNCT/punct/3"
        ),
    )


def test_an_arrest_with_nobody_named_is_no_event_of_the_syntax_alone(
    lexicon: events.Lexicon,
) -> None:
    art = events.extract(_arrest_story(), lexicon, fill_roles=False)
    assert [e for e in art.events if e.sentence_index == 1] == []


def test_an_arrest_with_nobody_named_takes_its_sides_from_the_story(
    lexicon: events.Lexicon,
) -> None:
    art = events.extract(_arrest_story(), lexicon)
    (event,) = [e for e in art.events if e.sentence_index == 1]
    assert event.cameo_root == "17"
    sides = {p.country for p in (event.source, event.target) if p is not None}
    assert sides == {"PER"}


def test_an_actorless_act_of_another_root_stays_no_event(lexicon: events.Lexicon) -> None:
    # "Peru's government banned the march." "A meeting was held." (no one named, no 04)
    art = article(
        _peru(),
        sent(
            "A/DET/det/1 meeting/NOUN/nsubjpass/3/meeting was/AUX/auxpass/3/be "
            "held/VERB/ROOT/3/hold/VBN ./PUNCT/punct/3"
        ),
    )
    assert [e for e in events.extract(art, lexicon).events if e.sentence_index == 1] == []


def test_a_reaction_drawn_by_an_act_with_nobody_named_takes_its_sides_from_the_story(
    lexicon: events.Lexicon,
) -> None:
    # "Peru's government banned the march." "The ban drew condemnation."
    art = article(
        _peru(),
        sent(
            "The/DET/det/1 ban/NOUN/nsubj/2/ban drew/VERB/ROOT/2/draw "
            "condemnation/NOUN/dobj/2/condemnation ./PUNCT/punct/2"
        ),
    )
    (event,) = [e for e in events.extract(art, lexicon).events if e.sentence_index == 1]
    assert event.cameo_root == "11"
    assert "PER" in {p.country for p in (event.source, event.target) if p is not None}
