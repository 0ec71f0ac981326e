"""The when stage picks each event's own clause's date, handles future dates and news pegs."""

from __future__ import annotations

import datetime as dt

import pytest

from casus.when import date_events
from tests._builders.whenwhere import article, event, with_parts

PUB = dt.date(2025, 6, 14)  # a Saturday

TWO_CLAUSES = (
    "The|det|1 army|nsubj|2 said|ROOT|2|VERB on|prep|2|ADP Monday|pobj|3 that|mark|7 "
    "rebels|nsubj|7 attacked|ccomp|2|VERB the|det|9 convoy|dobj|7 on|prep|7|ADP Friday|pobj|10"
)


@pytest.mark.parametrize(
    ("trigger", "expected"), [(2, dt.date(2025, 6, 9)), (7, dt.date(2025, 6, 13))]
)
def test_when_events_use_their_own_clause(trigger: int, expected: dt.date) -> None:
    a = article([TWO_CLAUSES], date=PUB)
    a = with_parts(a, events=[event(a.sentences[0], trigger)])
    e = date_events(a).events[0]
    assert (e.date, e.date_precision) == (expected, "day")


def test_when_events_conjoined_verb_shares_the_date_of_its_head() -> None:
    spec = (
        "Officials|nsubj|2 on|prep|2|ADP Friday|pobj|1 denounced|ROOT|2|VERB the|det|4 raid|dobj|2 "
        "and|cc|2 offered|conj|2|VERB help|dobj|6"
    )
    a = article([spec], date=PUB)
    s = a.sentences[0]
    a = with_parts(a, events=[event(s, 2, "111", 3), event(s, 6, "033", 1)])
    dates = [(e.date, e.date_precision) for e in date_events(a).events]
    assert dates == [(dt.date(2025, 6, 13), "day")] * 2


FUTURE_WEEKDAY = (
    "The|det|1 minister|nsubj|3 will|aux|3|AUX visit|ROOT|3|VERB Cairo|dobj|3 "
    "on|prep|3|ADP Friday|pobj|5"
)


@pytest.mark.parametrize(
    ("spec", "cameo", "expected", "precision"),
    [
        # future tense looks forward from publication and may keep a later date
        (FUTURE_WEEKDAY, "036", dt.date(2025, 6, 20), "day"),
        (
            "The|det|1 minister|nsubj|3 will|aux|3|AUX visit|ROOT|3|VERB Cairo|dobj|3 "
            "on|prep|3|ADP June|pobj|5 20|nummod|6",
            "036",
            dt.date(2025, 6, 20),
            "day",
        ),
        # an intent or threat (03x, 13x) keeps its announced date after publication
        (
            "Iran|nsubj|1 threatened|ROOT|1|VERB to|aux|3 close|xcomp|1|VERB the|det|5 "
            "strait|dobj|3 on|prep|3|ADP 2025-07-01|pobj|6",
            "138",
            dt.date(2025, 7, 1),
            "day",
        ),
        # a past-tense fact cannot happen after publication: fall back to publication
        (
            "Rebels|nsubj|1 attacked|ROOT|1|VERB the|det|3 convoy|dobj|1 on|prep|1|ADP "
            "2025-07-01|pobj|4",
            "190",
            dt.date(2025, 6, 14),
            "publication",
        ),
        (
            "Rebels|nsubj|1 attacked|ROOT|1|VERB the|det|3 convoy|dobj|1 in|prep|1|ADP 2026|pobj|4",
            "190",
            dt.date(2025, 6, 14),
            "publication",
        ),
        (
            "Rebels|nsubj|1 attacked|ROOT|1|VERB the|det|3 convoy|dobj|1 tomorrow|npadvmod|1",
            "190",
            dt.date(2025, 6, 14),
            "publication",
        ),
    ],
)
def test_when_events_future_dates(spec: str, cameo: str, expected: dt.date, precision: str) -> None:
    a = article([spec], date=PUB)
    s = a.sentences[0]
    a = with_parts(a, events=[event(s, 1 if s.tokens[1].pos == "VERB" else 3, cameo)])
    e = date_events(a).events[0]
    assert (e.date, e.date_precision) == (expected, precision)


@pytest.mark.parametrize(
    ("first", "expected", "precision"),
    [
        ("Rebels attacked|ROOT|1|VERB the convoy on Thursday", dt.date(2025, 6, 12), "day"),
        ("Rebels attacked|ROOT|1|VERB the convoy on June 1", dt.date(2025, 6, 14), "publication"),
        ("Rebels attacked|ROOT|1|VERB the convoy in May", dt.date(2025, 6, 14), "publication"),
        # a dateline naming the publication day itself is no news peg
        ("This story is|ROOT|2|AUX from June 14, 2025", dt.date(2025, 6, 14), "publication"),
    ],
)
def test_when_events_inherit_a_recent_news_peg(
    first: str, expected: dt.date, precision: str
) -> None:
    a = article([first, "Troops returned|ROOT|1|VERB fire"], date=PUB)
    a = with_parts(a, events=[event(a.sentences[1], 1)])
    e = date_events(a).events[0]
    assert (e.date, e.date_precision) == (expected, precision)


def test_when_events_article_without_events_is_unchanged() -> None:
    a = article(["Rebels attacked|ROOT|1|VERB the convoy on Thursday"], date=PUB)
    assert date_events(a) is a
