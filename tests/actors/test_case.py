"""Whether a sentence is written in capitals decides if lower-case words in it can be names."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.actors.rules import cased_tokens
from casus.model import Article
from casus.pipeline import Coder
from tests._builders.actors import article

_LOWER = (
    "the/DET/det/1 minister/NOUN/nsubj/2 visited/VERB/ROOT/2 turkey/PROPN/dobj/2 ./PUNCT/punct/2"
)
_EDITED = "The/DET/det/1 minister/NOUN/nsubj/2 ate/VERB/ROOT/2 turkey/NOUN/dobj/2 ./PUNCT/punct/2"


@pytest.mark.parametrize(("spec", "expected"), [(_EDITED, True), (_LOWER, False)])
def test_actors_cased_tokens_per_line(spec: str, expected: bool) -> None:
    assert set(cased_tokens(article(spec).sentences[0])) == {expected}


@pytest.mark.model
def test_actors_lowercase_story_under_capitalised_line_resolves_countries(coder: Coder) -> None:
    text = (
        "This story is from March 10, 2002\n\n"
        "the minister said india would hold talks with pakistan next week. "
        "officials in new delhi welcomed the decision on monday."
    )
    coded = next(coder.code([Article(id="lc", text=text, date=dt.date(2002, 3, 10))]))
    countries = {m.actor.country for m in coded.mentions if m.actor and m.actor.country}
    assert {"IND", "PAK"} <= countries


@pytest.mark.model
def test_actors_lowercase_word_in_edited_sentence_is_not_a_country(coder: Coder) -> None:
    text = "The family ate turkey and rice on Sunday. Officials in Ankara said nothing."
    coded = next(coder.code([Article(id="ed", text=text, date=dt.date(2024, 3, 10))]))
    turkey = [m for m in coded.mentions if "turkey" in m.text.split()]
    assert turkey and all(m.actor is None for m in turkey)


@pytest.mark.model
def test_actors_part_of_the_continent_is_not_the_united_states(coder: Coder) -> None:
    text = (
        "Latin American ministers met in Lima on Friday. "
        "The South American country later expelled an American diplomat."
    )
    coded = next(coder.code([Article(id="am", text=text, date=dt.date(2024, 3, 10))]))
    usa = [m for m in coded.mentions if m.actor is not None and m.actor.country == "USA"]
    assert usa, "the plain demonym still names the United States"
    before = [coded.text[max(m.start - 6, 0) : m.start] for m in usa]
    assert all(b not in ("Latin ", "South ") for b in before), before
