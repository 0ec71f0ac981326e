"""``extract`` never fails on odd parses: random heads (cycles included), labels and actors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from casus.events import Lexicon, extract
from casus.model import Article, Event
from tests._builders.events import article, sent

_LEXICON = Lexicon.load()
_WORDS = [
    "Chile",
    "attacked",
    "talks",
    "offered",
    "to",
    "mediate",
    "Peru",
    "not",
    "will",
    "with",
    "by",
    "said",
    "must",
    "the",
    "two",
    "countries",
    "revenge",
    "vowed",
    "of",
    "'s",
    "if",
]
_POS = ["PROPN", "VERB", "NOUN", "ADP", "PART", "AUX", "DET", "NUM", "ADJ", "SCONJ"]
_DEPS = [
    "nsubj",
    "nsubjpass",
    "dobj",
    "prep",
    "pobj",
    "xcomp",
    "ccomp",
    "conj",
    "advcl",
    "acl",
    "relcl",
    "poss",
    "amod",
    "compound",
    "aux",
    "neg",
    "mark",
    "agent",
    "ROOT",
    "det",
]


@st.composite
def _sentences(draw: st.DrawFn) -> str:
    n = draw(st.integers(min_value=1, max_value=12))
    toks = []
    for _ in range(n):
        word = draw(st.sampled_from(_WORDS))
        lemma = {"attacked": "attack", "offered": "offer", "vowed": "vow", "said": "say"}.get(
            word, word.lower()
        )
        toks.append(
            f"{word}/{draw(st.sampled_from(_POS))}/{draw(st.sampled_from(_DEPS))}/"
            f"{draw(st.integers(min_value=0, max_value=n - 1))}/{lemma}"
        )
    return " ".join(toks)


@settings(max_examples=300, deadline=None)
@given(specs=st.lists(_sentences(), min_size=1, max_size=3), data=st.data())
def test_events_robust_random_parses(specs: list[str], data: st.DataObject) -> None:
    sents = []
    for spec in specs:
        n = len(spec.split())
        idx = data.draw(st.lists(st.integers(min_value=0, max_value=n - 1), max_size=3))
        codes = data.draw(
            st.lists(
                st.sampled_from(["CHL", "PERGOV", "IGOUNO", "MIL"]),
                min_size=len(idx),
                max_size=len(idx),
            )
        )
        sents.append(sent(spec, dict(zip(idx, codes, strict=True))))
    art: Article = article(*sents)
    out = extract(art, _LEXICON)
    ids = [e.event_id for e in out.events]
    assert len(ids) == len(set(ids))
    for e in out.events:
        assert isinstance(e, Event)
        assert 0.0 <= e.confidence <= 1.0
        assert e.source is not None or e.target is not None
        assert e.cameo in _LEXICON.data.codes
