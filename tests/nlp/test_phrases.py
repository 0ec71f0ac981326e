"""Our phrase matching sets the entities spaCy's own entity ruler would set."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from casus.nlp.phrases import Phrases, phrase_tables

PATTERNS = [
    ("GPE", "north korea", False),
    ("GPE", "korea", False),
    ("ORG", "korea electric power", False),
    ("ORG", "united nations", False),
    ("GPE", "Georgia", True),
    ("PERSON", "Ana Silva", True),
    ("NORP", "korean", False),
]

TEXTS = [
    "North Korea and the United Nations met; korea electric power said nothing.",
    "Officials in Georgia and georgia met Ana Silva, not ana silva, in Korea.",
    "The Korean envoy flew from north korea to South Korea on Monday.",
    "Nothing here matches at all.",
    "",
]


def _ruler_ents(nlp: spacy.language.Language, doc: Doc) -> list[tuple[int, int, str]]:
    for name, attr, exact in (("lower", "LOWER", False), ("exact", "ORTH", True)):
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=name,
            config={"overwrite_ents": True, "phrase_matcher_attr": attr},
        )
        ruler.add_patterns(
            [
                {"label": lab, "pattern": p if ex else p.lower()}
                for lab, p, ex in PATTERNS
                if ex == exact
            ]
        )
    for name in ("lower", "exact"):
        doc = nlp.get_pipe(name)(doc)
    for name in ("lower", "exact"):
        nlp.remove_pipe(name)
    return [(e.start, e.end, e.label_) for e in doc.ents]


def test_phrases_set_the_entities_the_entity_ruler_sets(tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    tables = phrase_tables(nlp, PATTERNS, str(tmp_path))
    ours = [Phrases(tables[exact], exact) for exact in (False, True)]
    for text in TEXTS:
        for preset in (False, True):
            a, b = nlp.make_doc(text), nlp.make_doc(text)
            if preset and len(a) > 3:  # a statistical entity the phrases must overwrite
                a.ents = [Span(a, 0, 2, label="ORG")]
                b.ents = [Span(b, 0, 2, label="ORG")]
            expected = _ruler_ents(nlp, a)
            for p in ours:
                p.mark(b)
            assert [(e.start, e.end, e.label_) for e in b.ents] == expected, text


def test_longest_phrase_wins_and_case_sensitive_phrases_need_their_spelling(tmp_path) -> None:  # type: ignore[no-untyped-def]
    nlp = spacy.blank("en")
    tables = phrase_tables(nlp, PATTERNS, str(tmp_path))
    doc = nlp.make_doc("georgia and Georgia sent korea electric power staff to north korea")
    for exact in (False, True):
        Phrases(tables[exact], exact).mark(doc)
    got = [(e.text, e.label_) for e in doc.ents]
    assert got == [
        ("Georgia", "GPE"),
        ("korea electric power", "ORG"),
        ("north korea", "GPE"),
    ]


def test_an_exact_phrase_does_not_cut_an_earlier_tables_longer_phrase(tmp_path) -> None:  # type: ignore[no-untyped-def]
    patterns = [("GPE", "republic of ruritania", False), ("GPE", "Ruritania", True)]
    nlp = spacy.blank("en")
    tables = phrase_tables(nlp, patterns, str(tmp_path))
    doc = nlp.make_doc("The Republic of Ruritania and Ruritania met.")
    kept: frozenset[int] = frozenset()
    for exact in (False, True):
        kept = Phrases(tables[exact], exact).mark(doc, None, kept)
    assert [e.text for e in doc.ents] == ["Republic of Ruritania", "Ruritania"]
