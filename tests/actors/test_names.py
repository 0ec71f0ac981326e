"""Names that are not actors, and actors found by name patterns (hand-built parses)."""

from __future__ import annotations

import pytest

from casus.actors import ActorIndex, resolve
from tests._builders.actors import article, code_at, mention_at


@pytest.fixture(scope="module")
def index() -> ActorIndex:
    return ActorIndex.load()


def test_actors_capital_inside_another_name_is_not_the_government(index: ActorIndex) -> None:
    art = resolve(
        article(
            "the/DET/det/2 Moscow/PROPN/compound/2 Times/PROPN/nsubj/3 reported/VERB/ROOT/3",
            ents=[(0, "GPE", 1, 2)],
        ),
        index,
    )
    assert all(m.actor is None for m in art.mentions)


def test_actors_dateline_capital_is_a_place(index: ActorIndex) -> None:
    art = resolve(
        article(
            "new/PROPN/compound/1 delhi/PROPN/ROOT/1 :/PUNCT/punct/1 police/NOUN/nsubj/4 "
            "arrived/VERB/ROOT/4",
            ents=[(0, "GPE", 0, 2)],
        ),
        index,
    )
    assert mention_at(art, 0, 1).actor is None


@pytest.mark.parametrize(
    ("spec", "ents", "head", "code"),
    [
        (
            "the/DET/det/3 Clean/PROPN/compound/3 Water/PROPN/compound/3 Foundation/PROPN/nsubj/4 "
            "warned/VERB/ROOT/4",
            [(0, "ORG", 1, 4)],
            3,
            "NGO",
        ),
        (
            "the/DET/det/3 Peruvian/ADJ/amod/3 Forest/PROPN/compound/3 Watch/PROPN/nsubj/4 "
            "warned/VERB/ROOT/4",
            [(0, "NORP", 1, 2), (0, "ORG", 2, 4)],
            3,
            "PERNGO",
        ),
        (
            "the/DET/det/3 National/PROPN/compound/3 Rights/PROPN/compound/3 "
            "Commission/PROPN/nsubj/4 warned/VERB/ROOT/4",
            [(0, "ORG", 1, 4)],
            3,
            None,
        ),
    ],
)
def test_actors_ngo_by_name_pattern(
    index: ActorIndex,
    spec: str,
    ents: list[tuple[int, str, int, int]],
    head: int,
    code: str | None,
) -> None:
    art = resolve(article(spec, ents=ents), index)
    assert code_at(art, 0, head) == code


@pytest.mark.parametrize(
    ("spec", "ents", "head"),
    [
        ("Michael/PROPN/compound/1 Jordan/PROPN/nsubj/2 scored/VERB/ROOT/2", [(0, "GPE", 1, 2)], 1),
        ("Chad/PROPN/compound/1 Smith/PROPN/nsubj/2 scored/VERB/ROOT/2", [(0, "GPE", 0, 1)], 0),
        ("Kenya/PROPN/compound/1 Airways/PROPN/nsubj/2 flew/VERB/ROOT/2", [(0, "GPE", 0, 1)], 0),
        ("They/PRON/nsubj/1 ate/VERB/ROOT/1 turkey/NOUN/dobj/1", [(0, "GPE", 2, 3)], 2),
    ],
)
def test_actors_place_names_inside_other_names_or_words(
    index: ActorIndex, spec: str, ents: list[tuple[int, str, int, int]], head: int
) -> None:
    art = resolve(article(spec, ents=ents), index)
    assert mention_at(art, 0, head).actor is None


def test_actors_country_before_a_title_word_stays(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Iran/PROPN/compound/1 Foreign/PROPN/compound/2 Minister/PROPN/nsubj/3 "
            "spoke/VERB/ROOT/3",
            ents=[(0, "GPE", 0, 1)],
        ),
        index,
    )
    assert code_at(art, 0, 0) == "IRN"
    assert code_at(art, 0, 2) == "IRNGOV"


def test_actors_directions_do_not_make_a_personal_name(index: ActorIndex) -> None:
    art = resolve(
        article(
            "Israel/PROPN/nsubj/1 entered/VERB/ROOT/1 South/PROPN/compound/3 Lebanon/PROPN/dobj/1",
            ents=[(0, "GPE", 0, 1), (0, "GPE", 3, 4)],
        ),
        index,
    )
    assert code_at(art, 0, 3) == "LBN"
