"""Invariants of actor resolution on random hand-built parses (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.actors import ActorIndex, resolve
from tests._builders.actors import article

_INDEX = ActorIndex.load()
_WORDS = [
    ("Iran", "PROPN"),
    ("Iranian", "ADJ"),
    ("troops", "NOUN"),
    ("the", "DET"),
    ("us", "PRON"),
    ("he", "PRON"),
    ("it", "PRON"),
    ("they", "PRON"),
    ("his", "PRON"),
    ("who", "PRON"),
    ("president", "NOUN"),
    ("minister", "NOUN"),
    ("Putin", "PROPN"),
    ("Kremlin", "PROPN"),
    ("office", "NOUN"),
    ("of", "ADP"),
    ("'s", "PART"),
    ("said", "VERB"),
    ("and", "CCONJ"),
    ("ethnic", "ADJ"),
    ("Serbs", "PROPN"),
    ("police", "NOUN"),
    ("officials", "NOUN"),
    ("UN", "PROPN"),
    ("Hamas", "PROPN"),
    ("Jean", "PROPN"),
    ("Dupont", "PROPN"),
    (",", "PUNCT"),
]
_DEPS = [
    "nsubj",
    "dobj",
    "pobj",
    "poss",
    "compound",
    "amod",
    "conj",
    "appos",
    "det",
    "ROOT",
    "prep",
    "relcl",
    "expl",
    "case",
    "punct",
    "nsubjpass",
]
_LABELS = ["PERSON", "GPE", "NORP", "ORG", "DATE"]


@st.composite
def _sentence(draw: st.DrawFn) -> tuple[str, list[tuple[int, str, int, int]]]:
    n = draw(st.integers(1, 9))
    parts = []
    for i in range(n):
        word, pos = draw(st.sampled_from(_WORDS))
        dep = draw(st.sampled_from(_DEPS))
        head = draw(st.integers(0, n - 1))
        parts.append(f"{word}/{pos}/{dep}/{head if dep != 'ROOT' else i}")
    ents = []
    if draw(st.booleans()):
        a = draw(st.integers(0, n - 1))
        b = draw(st.integers(a + 1, n))
        ents.append((0, draw(st.sampled_from(_LABELS)), a, b))
    return " ".join(parts), ents


@settings(max_examples=150, deadline=None)
@given(st.lists(_sentence(), min_size=1, max_size=4), st.sampled_from([None, dt.date(2020, 1, 1)]))
def test_actors_resolve_invariants(
    sentences: list[tuple[str, list[tuple[int, str, int, int]]]], day: dt.date | None
) -> None:
    specs = [spec for spec, _ in sentences]
    ents = [(i, label, a, b) for i, (_, e) in enumerate(sentences) for (_, label, a, b) in e]
    art = article(*specs, ents=ents, date=day)
    out = resolve(art, _INDEX)
    heads = [(m.sentence_index, m.head) for m in out.mentions]
    # one mention per head, but a plural pronoun may stand for each actor of a list
    # ("Peru and Chile ... they agreed"): then every mention at that head is that pronoun's,
    # each with its own actor
    for key in {h for h in heads if heads.count(h) > 1}:
        same = [m for m in out.mentions if (m.sentence_index, m.head) == key]
        assert all(m.label == "PRON" and m.via == "coref" and m.actor for m in same)
        assert len({m.actor.code for m in same if m.actor}) == len(same)
    for m in out.mentions:
        sent = out.sentences[m.sentence_index]
        assert 0 <= m.tok_start < m.tok_end <= len(sent.tokens)
        assert 0 <= m.head < len(sent.tokens)
        assert m.text == out.text[m.start : m.end]
        if m.actor is not None:
            assert m.actor.code
            assert m.via
