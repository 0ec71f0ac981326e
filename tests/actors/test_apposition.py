"""A title in apposition: a listed former office holder named as the head of an
international body is that body's for the rest of the story (issue #12)."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.actors import ActorIndex, resolve
from casus.model import Article
from tests._builders.actors import article, code_at

_DAY = dt.date(2024, 3, 1)


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def _story(index: ActorIndex, day: dt.date | None) -> Article:
    return resolve(
        article(
            # "Peru agreed, said Nicolas Sarkozy, head of the UN mediation team."
            "Peru/PROPN/nsubj/1 agreed/VERB/ccomp/3 ,/PUNCT/punct/3 said/VERB/ROOT/3 "
            "Nicolas/PROPN/compound/5 Sarkozy/PROPN/nsubj/3 ,/PUNCT/punct/5 "
            "head/NOUN/appos/5 of/ADP/prep/7 the/DET/det/12 UN/PROPN/compound/12 "
            "mediation/NOUN/compound/12 team/NOUN/pobj/8",
            # "Sarkozy thanked Chile."
            "Sarkozy/PROPN/nsubj/1 thanked/VERB/ROOT/1 Chile/PROPN/dobj/1",
            ents=[
                (0, "GPE", 0, 1),
                (0, "PERSON", 4, 6),
                (0, "ORG", 10, 11),
                (1, "PERSON", 0, 1),
                (1, "GPE", 2, 3),
            ],
            date=day,
        ),
        index,
    )


def test_apposition_former_office_holder_takes_the_body(index: ActorIndex) -> None:
    art = _story(index, _DAY)
    assert code_at(art, 0, 5) == "IGOUNO"
    assert code_at(art, 1, 0) == "IGOUNO"
    # In office on the story's day, the office stays.
    art = _story(index, dt.date(2010, 3, 1))
    assert code_at(art, 0, 5) == "FRAGOV"
    assert code_at(art, 1, 0) == "FRAGOV"
