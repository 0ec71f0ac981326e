"""A self-governing territory's story: the sovereign's mentions count for the territory,
and only the sectors the sovereign keeps there fall back to it (issue #12)."""

from __future__ import annotations

from collections import Counter

import pytest

from casus.actors import ActorIndex, resolve
from casus.actors.territories import story_country
from tests._builders.actors import article, code_at


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def test_territories_sovereign_counts_for_the_territory() -> None:
    story = story_country(Counter({"DNK": 3, "GRL": 2}))
    assert story.country == "GRL"
    assert story.for_sector("CVL") == "GRL"
    assert story.for_sector("COP") == "DNK"
    assert story.for_sector(None) == "GRL"


def test_territories_a_passing_mention_does_not_take_the_story() -> None:
    # Named once, or far less than the sovereign: the sovereign's own story.
    assert story_country(Counter({"USA": 6, "PRI": 1})).country == "USA"
    assert story_country(Counter({"USA": 12, "PRI": 2})).country == "USA"
    assert story_country(Counter({"USA": 6, "PRI": 2, "MEX": 4})).country is None


def test_territories_story_codes_people_and_kept_sectors(index: ActorIndex) -> None:
    greenland = "Greenland/PROPN/dobj/1"
    art = resolve(
        article(
            f"Denmark/PROPN/nsubj/1 criticised/VERB/ROOT/1 {greenland}",
            f"Denmark/PROPN/nsubj/1 warned/VERB/ROOT/1 {greenland}",
            "Denmark/PROPN/nsubj/1 spoke/VERB/ROOT/1",
            "protesters/NOUN/nsubj/1/protester marched/VERB/ROOT/1",
            "police/NOUN/nsubj/1 arrived/VERB/ROOT/1",
            ents=[
                (0, "GPE", 0, 1),
                (0, "GPE", 2, 3),
                (1, "GPE", 0, 1),
                (1, "GPE", 2, 3),
                (2, "GPE", 0, 1),
            ],
        ),
        index,
    )
    assert code_at(art, 3, 0).startswith("GRL")
    assert code_at(art, 4, 0) == "DNKCOP"


@pytest.mark.parametrize(
    ("name", "code"),
    [("Macau", "MAC"), ("Hong Kongers", "HKG"), ("Falklands", "FLK"), ("Puerto Rican", "PRI")],
)
def test_territories_common_names(index: ActorIndex, name: str, code: str) -> None:
    entry = index.lookup(name, False)
    assert entry is not None
    assert index.entry_actor(entry, None)[0].country == code
