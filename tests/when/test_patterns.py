"""Every date pattern of the when stage, relative to a fixed publication date.

Publication: Saturday 14 June 2025. Sentences are our own; each is built by hand (flat tree,
the verb is the root and the event trigger).
"""

from __future__ import annotations

import datetime as dt

import pytest

from casus.when import date_events
from tests._builders.whenwhere import article, event, with_parts

PUB = dt.date(2025, 6, 14)
D = dt.date

CASES = [
    # weekdays: the most recent such day on or before publication
    ("Rebels attacked|ROOT|1|VERB the convoy on Friday", D(2025, 6, 13), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy early Friday", D(2025, 6, 13), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy Friday night", D(2025, 6, 13), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on Monday", D(2025, 6, 9), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on Saturday", D(2025, 6, 14), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on Sunday", D(2025, 6, 8), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy last Saturday", D(2025, 6, 7), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on Tuesday last week", D(2025, 6, 3), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy Thursday of last week", D(2025, 6, 5), "day"),
    # today / yesterday / N days ago
    ("Rebels attacked|ROOT|1|VERB the convoy today", D(2025, 6, 14), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy this morning", D(2025, 6, 14), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy yesterday", D(2025, 6, 13), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy the day before yesterday", D(2025, 6, 12), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy three days ago", D(2025, 6, 11), "day"),
    # explicit dates with and without a year
    ("Rebels attacked|ROOT|1|VERB the convoy on June 12", D(2025, 6, 12), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on June 12th", D(2025, 6, 12), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on 12 June", D(2025, 6, 12), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on 12 June 2024", D(2024, 6, 12), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on June 12, 2023", D(2023, 6, 12), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on Sept. 3, 2022", D(2022, 9, 3), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on 2024-11-30", D(2024, 11, 30), "day"),
    ("Rebels attacked|ROOT|1|VERB the convoy on Thursday, June 12", D(2025, 6, 12), "day"),
    # a year-less date after publication is last year's (the verb is past)
    ("Rebels attacked|ROOT|1|VERB the convoy on August 2", D(2024, 8, 2), "day"),
    # months and years
    ("Rebels attacked|ROOT|1|VERB the convoy in March", D(2025, 3, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy in October", D(2024, 10, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy in March 2021", D(2021, 3, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy last March", D(2025, 3, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy last June", D(2024, 6, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy last month", D(2025, 5, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy last week", D(2025, 6, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy two months ago", D(2025, 4, 1), "month"),
    ("Rebels attacked|ROOT|1|VERB the convoy in 2023", D(2023, 1, 1), "year"),
    ("Rebels attacked|ROOT|1|VERB the convoy last year", D(2024, 1, 1), "year"),
    # nothing said: the publication date
    ("Rebels attacked|ROOT|1|VERB the convoy near the border", D(2025, 6, 14), "publication"),
    # "may" the verb is no month
    ("Rebels attacked|ROOT|1|VERB what may be a convoy", D(2025, 6, 14), "publication"),
]


@pytest.mark.parametrize(("spec", "expected", "precision"), CASES)
def test_when_patterns_resolve_against_publication(
    spec: str, expected: dt.date, precision: str
) -> None:
    a = article([spec], date=PUB)
    a = with_parts(a, events=[event(a.sentences[0], 1)])
    e = date_events(a).events[0]
    assert (e.date, e.date_precision) == (expected, precision)


@pytest.mark.parametrize(
    ("spec", "expected", "precision"),
    [
        ("Rebels attacked|ROOT|1|VERB the convoy on 12 June 2024", D(2024, 6, 12), "day"),
        ("Rebels attacked|ROOT|1|VERB the convoy on 2024-11-30", D(2024, 11, 30), "day"),
        ("Rebels attacked|ROOT|1|VERB the convoy in March 2021", D(2021, 3, 1), "month"),
        ("Rebels attacked|ROOT|1|VERB the convoy in 2023", D(2023, 1, 1), "year"),
        ("Rebels attacked|ROOT|1|VERB the convoy on Friday", None, None),
        ("Rebels attacked|ROOT|1|VERB the convoy yesterday", None, None),
        ("Rebels attacked|ROOT|1|VERB the convoy on June 12", None, None),
        ("Rebels attacked|ROOT|1|VERB the convoy in March", None, None),
        ("Rebels attacked|ROOT|1|VERB the convoy near the border", None, None),
    ],
)
def test_when_patterns_without_publication_date_keep_only_absolute(
    spec: str, expected: dt.date | None, precision: str | None
) -> None:
    a = article([spec], date=None)
    a = with_parts(a, events=[event(a.sentences[0], 1)])
    e = date_events(a).events[0]
    assert (e.date, e.date_precision) == (expected, precision)
