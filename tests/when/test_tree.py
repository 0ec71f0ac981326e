"""The tree helpers on random head arrays, cycles and bad heads included, and the date
prefilter on random word strings (no model)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.model import Token
from casus.when.tree import ancestors, subtree


def _tokens(heads: list[int]) -> tuple[Token, ...]:
    return tuple(
        Token(i=n, text=f"w{n}", lemma=f"w{n}", pos="NOUN", tag="NN", dep="x", head=h, start=3 * n)
        for n, h in enumerate(heads)
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(st.integers(-2, 12), min_size=1, max_size=12), st.integers(-1, 12))
def test_subtree_is_every_token_whose_head_chain_passes_through(heads: list[int], i: int) -> None:
    tokens = _tokens(heads)
    expected = frozenset(t.i for t in tokens if i in ancestors(tokens, t.i))
    assert subtree(tokens, i) == expected


def test_subtree_of_a_small_tree() -> None:
    # 0 <- 1 -> 2, 3 -> 2, 4 a root of its own
    tokens = _tokens([1, 1, 1, 2, 4])
    assert subtree(tokens, 1) == frozenset({0, 1, 2, 3})
    assert subtree(tokens, 2) == frozenset({2, 3})
    assert subtree(tokens, 4) == frozenset({4})


_DATE_WORDS = [
    "on", "Monday", "monday,", "March", "mid-March", "midmarch", "in", "5", "5th", "2024",
    "2024-03-05", "last", "week", "ago", "two", "days", "yesterday", "tonight", "this",
    "morning", "may", "Dec.", "the", "talks", "x", "of", "early", "year", "next", "month",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_DATE_WORDS), max_size=10), st.sampled_from([" ", "", "-"]))
def test_the_date_prefilter_never_hides_an_expression(words: list[str], sep: str) -> None:
    from casus.when.parse import _find_all, find_expressions

    text = sep.join(words)
    assert find_expressions(text, 7) == _find_all(text, 7)
