"""The fast stand-ins set what the model's own ``attribute_ruler`` and ``lemmatizer`` set."""

from __future__ import annotations

import pytest

from casus.errors import ConfigError
from casus.nlp.attributes import FACTORY, LEMMAS, FastAttributes, model_pipeline
from casus.pipeline import Coder

pytestmark = pytest.mark.model

# our own sentences, chosen to reach the ruler's exceptions: "there is", "gonna", "y'all",
# "ain't", "let's", pronoun case by dependency, auxiliaries, "do" as a main verb, "but" as an
# adverb, determiners as pronouns, spaces and line breaks
TEXTS = [
    "There is no deal yet, and there were no talks.\n\nThe ministers met in Oslo.",
    "We're gonna hold talks, y'all know that; it ain't over, let's go.",
    "I told you it was done. You saw me and I saw it.  They did it, but that was all.",
    "He has done what he had to do. Those who voted against it lost.\n",
    "The army said it would not attack the town, but only this once.\t Police  arrested two.",
    "Mice and oxen fled the villages; better talks went worse, shellings ceased, the best lied.",
    "Ruritania's envoys were meeting Zembla's ministers, who'd flown in; 3.5% 2026-12-01 ok.",
]


def _signature(doc: object) -> list[tuple[str, str, str, str, str]]:
    return [(t.pos_, t.tag_, t.dep_, t.morph.key, t.lemma_) for t in doc]  # type: ignore[attr-defined]


def test_same_attributes_as_the_model_ruler(coder: Coder) -> None:
    nlp = coder.parser.nlp
    ours = {FACTORY, LEMMAS}
    assert ours <= set(nlp.pipe_names) and {"attribute_ruler", "lemmatizer"}.isdisjoint(
        nlp.pipe_names
    )
    fast = [_signature(d) for d in nlp.pipe(TEXTS)]
    with model_pipeline(nlp) as shipped:
        assert {"attribute_ruler", "lemmatizer"} <= set(shipped.pipe_names)
        assert ours.isdisjoint(shipped.pipe_names)
        slow = [_signature(d) for d in shipped.pipe(TEXTS)]
    assert ours <= set(nlp.pipe_names)  # restored
    assert fast == slow
    poses = {p for doc in fast for p, *_ in doc}
    assert {"AUX", "PRON", "SPACE", "VERB"} <= poses  # the rules did run


def test_patterns_it_cannot_read_are_a_config_error(coder: Coder) -> None:
    nlp = coder.parser.nlp
    with pytest.raises(ConfigError):
        FastAttributes(nlp, [{"patterns": [[{"SHAPE": "Xxx"}]], "attrs": {"POS": "X"}}])
    with pytest.raises(ConfigError):
        FastAttributes(nlp, [{"patterns": [[{"LOWER": {"FUZZY": "x"}}]], "attrs": {"POS": "X"}}])


def test_a_negative_index_counts_from_the_end_of_each_pattern(coder: Coder) -> None:
    nlp = coder.parser.nlp
    rule = {
        "patterns": [[{"LOWER": "peace"}, {"LOWER": "talks"}], [{"LOWER": "cease"}, {}, {}]],
        "attrs": {"LEMMA": "last"},
        "index": -1,
    }
    fast = FastAttributes(nlp, [rule])
    doc = fast(nlp.make_doc("peace talks cease fire now"))
    assert [t.lemma_ for t in doc] == ["", "last", "", "", "last"]
    with pytest.raises(ConfigError):
        FastAttributes(nlp, [{**rule, "index": 2}])


def test_later_rules_override_earlier_ones(coder: Coder) -> None:
    nlp = coder.parser.nlp
    rules = [
        {"patterns": [[{"LOWER": "talks"}]], "attrs": {"POS": "VERB", "LEMMA": "talk"}},
        {"patterns": [[{"TAG": {"IN": ["NNS", "VBZ"]}}]], "attrs": {"POS": "NOUN"}},
        {
            "patterns": [[{"LOWER": "peace"}, {"LOWER": "talks"}]],
            "attrs": {"LEMMA": "x"},
            "index": 1,
        },
    ]
    fast = FastAttributes(nlp, rules)
    doc = nlp.make_doc("peace talks resumed")
    for t in doc:
        t.tag_ = "NNS" if t.text == "talks" else "VBD"
    fast(doc)
    talks = doc[1]
    assert talks.pos_ == "NOUN" and talks.lemma_ == "x"
