"""``doc_to_article``: spaCy's output as casus types, and its check of the text."""

from __future__ import annotations

import pytest

from casus.errors import CodingError
from casus.model import Article
from casus.nlp import doc_to_article
from casus.pipeline import Coder

pytestmark = pytest.mark.model

TEXT = "Chile's army attacked  the post.\n\nBolivia protested, officials said."


def test_tokens_keep_their_offsets_heads_and_entities(coder: Coder) -> None:
    article = Article(id="own-c1", text=TEXT, date=None)
    doc = coder.parser.nlp(TEXT)
    out = doc_to_article(doc, article)
    words = [t for s in out.sentences for t in s.tokens]
    assert all(TEXT[t.start : t.start + len(t.text)] == t.text for t in words)
    assert not any(t.text.isspace() for t in words)
    for s in out.sentences:
        assert s.text == TEXT[s.start : s.end]
        assert all(0 <= t.head < len(s.tokens) for t in s.tokens)
        assert sum(t.head == t.i for t in s.tokens) >= 1  # a root
    attacked = next(t for t in words if t.text == "attacked")
    assert attacked.lemma == "attack" and attacked.pos == "VERB"
    assert {m.text for m in out.mentions} >= {"Chile", "Bolivia"}


@pytest.mark.parametrize(
    "other",
    [
        TEXT.replace("post", "pest"),  # a word differs
        TEXT.replace("  the", " \tthe"),  # only a space differs
        TEXT + " ",  # the article is longer
    ],
)
def test_a_doc_of_another_text_is_a_coding_error(coder: Coder, other: str) -> None:
    article = Article(id="own-c2", text=other, date=None)
    with pytest.raises(CodingError):
        doc_to_article(coder.parser.nlp(TEXT), article)
