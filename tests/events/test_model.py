"""End to end with the real spaCy model and actor index: our own short news sentences."""

from __future__ import annotations

import pytest

from casus.model import Article
from casus.pipeline import Coder

Triple = tuple[str | None, str, str | None]

CASES: list[tuple[str, set[Triple]]] = [
    (
        "Brazil's foreign minister on Monday condemned the Argentine missile strikes on "
        "Uruguayan border towns.",
        {("BRA", "11", "ARG"), ("ARG", "19", "URY")},
    ),
    (
        "The Japanese prime minister spoke by telephone with the South Korean president on "
        "Tuesday.",
        {("JPN", "04", "KOR")},
    ),
    (
        "Egypt offered to mediate between Sudan and Ethiopia.",
        {("EGY", "03", "SDN"), ("EGY", "03", "ETH")},
    ),
    ("Turkey threatened to impose sanctions on Greece.", {("TUR", "13", "GRC")}),
    (
        "Germany praised Poland for sending tanks to Ukraine.",
        {("DEU", "05", "POL"), ("POL", "15", "UKR")},
    ),
    ("Kenya did not attack Somalia.", set()),
    ("Will Canada recognise Palestine?", set()),
]


def _country(p: object) -> str | None:
    return getattr(p, "country", None)


@pytest.mark.model
@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_events_model_codes_own_sentences(coder: Coder, text: str, expected: set[Triple]) -> None:
    article = next(coder.code([Article(id="m", text=text)]))
    got = {(_country(e.source), e.cameo_root, _country(e.target)) for e in article.events}
    assert got == expected
    for e in article.events:
        assert text[e.evidence.trigger_start : e.evidence.trigger_end].startswith(
            e.evidence.trigger.split()[0]
        )
