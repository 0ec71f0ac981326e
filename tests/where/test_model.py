"""When and where on real parses (the spaCy model) of our own sentences.

Events are placed by hand on the verb, so these tests do not depend on the events stage."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from casus import actors, when, where
from casus.model import Article
from casus.pipeline import Coder
from tests._builders.whenwhere import event

PUB = dt.date(2025, 6, 14)  # a Saturday


def _code(coder: Coder, text: str, trigger: str, cameo: str) -> Article:
    a = coder.parser.parse_one(Article(id="m", text=text, date=PUB))
    a = actors.resolve(a, coder.actors)
    s = a.sentences[0]
    i = next(t.i for t in s.tokens if t.text == trigger)
    a = replace(a, events=(event(s, i, cameo),))
    return where.locate_events(when.date_events(a), coder.gazetteer)


@pytest.mark.model
@pytest.mark.parametrize(
    ("text", "trigger", "cameo", "date", "place"),
    [
        (
            "Government troops shelled rebel positions outside Homs early Monday, and the army "
            "said it had regained two villages.",
            "shelled",
            "190",
            dt.date(2025, 6, 9),
            ("Homs", "SYR"),
        ),
        (
            "The foreign minister will travel to Cairo on Thursday for talks with Egyptian "
            "officials.",
            "travel",
            "036",
            dt.date(2025, 6, 19),
            ("Cairo", "EGY"),
        ),
        (
            "Thousands of people marched through Tabriz and Qom yesterday to protest the fuel "
            "prices.",
            "marched",
            "141",
            dt.date(2025, 6, 13),
            ("Tabriz", "IRN"),
        ),
    ],
)
def test_where_model_date_and_place_of_own_sentences(
    coder: Coder, text: str, trigger: str, cameo: str, date: dt.date, place: tuple[str, str]
) -> None:
    e = _code(coder, text, trigger, cameo).events[0]
    assert (e.date, e.date_precision) == (date, "day")
    assert e.location is not None
    assert (e.location.text, e.location.country) == place
