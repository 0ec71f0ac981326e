"""Trigger matching for the events stage: the most specific lexicon entry a token matches,
by lemma (gerund nouns also by their verb), with its particle, preposition, object and
modifier conditions."""

from __future__ import annotations

from types import MappingProxyType

from .lexicon import LexiconData, Trigger
from .syntax import SentenceView

__all__ = ["marked_clauses", "match_trigger", "stranded"]

_POS = MappingProxyType({"VERB": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "PROPN": "NOUN"})
_SKIP_DEPS = frozenset({"compound", "aux", "auxpass", "det", "case", "punct", "prt", "amod"})
# Objects of a preposition that only date the act: "called X on Monday to discuss" holds no
# "call on" (an appeal), "agreed on Friday to" no "agree on".
_TIME = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "weekend",
        "morning",
        "afternoon",
        "evening",
        "night",
        "eve",
    ]
)


def _variants(lemma: str) -> list[str]:
    """Verb lemmas a gerund noun may stand for: ``shelling`` → shell, ``mediating`` →
    mediate, ``stopping`` → stop."""
    if not lemma.endswith("ing") or len(lemma) < 6:
        return []
    stem = lemma[:-3]
    out = [stem, stem + "e"]
    if len(stem) > 2 and stem[-1] == stem[-2]:
        out.append(stem[:-1])
    return out


def marked_clauses(view: SentenceView, i: int, word: str) -> list[int]:
    """Infinitival clauses under ``i`` introduced by ``word`` (``called for X to resign``:
    the parse makes ``for`` the mark of an adverbial clause, not a preposition)."""
    return [
        c
        for c in view.kids(i, ("advcl",))
        if any(view.lemma(m) == word for m in view.kids(c, ("mark",)))
        and any(view.lemma(a) == "to" for a in view.kids(c, ("aux",)))
    ]


def _object_gap(view: SentenceView, i: int) -> bool:
    """Whether relative clause ``i`` has no object of its own but a relative word or none
    (``the contacts that X severed``, ``the sanctions X imposed``), so its head noun is the
    object; not ``the country that severed ties``, ``the man who left``."""
    subjects = [c for c in view.kids(i) if view.tokens[c].dep == "nsubj"]
    if not subjects or any(view.tokens[c].tag in ("WDT", "WP") for c in subjects):
        return False
    objs = view.kids(i, ("dobj",))
    return all(view.tokens[o].tag in ("WDT", "WP") for o in objs)


_ASPECT = frozenset({"continue", "keep", "resume", "begin", "start"})


def _purpose(view: SentenceView, i: int, verbs: frozenset[str]) -> bool:
    """Whether ``i`` (or its object) has a to-infinitive purpose clause headed by one of
    ``verbs``: ``sent troops to Peru to help the army``, ``sent troops to support X``."""
    heads = [i, *view.kids(i, ("dobj",))]
    clauses = [c for h in heads for c in view.kids(h, ("advcl", "xcomp", "relcl", "acl"))]
    clauses = [c for c in clauses if any(view.lemma(a) == "to" for a in view.kids(c, ("aux",)))]
    # through an aspect verb: "vowed to keep hunting X", "pledged to continue to fight"
    clauses += [x for c in clauses if view.lemma(c) in _ASPECT for x in view.kids(c, ("xcomp",))]
    return any(view.lemma(c) in verbs for c in clauses)


def _dating(view: SentenceView, p: int) -> bool:
    """Whether preposition ``p`` only dates the act (``on Monday``, ``on the morning of``)."""
    objs = view.kids(p, ("pobj",))
    return bool(objs) and all(view.lemma(o) in _TIME for o in objs)


def stranded(view: SentenceView, i: int, word: str) -> list[int]:
    """The preposition ``word`` right after noun ``i`` that the parse hung on the noun's
    governor instead (``called for pauses in the fighting``, ``demanded a halt to the
    bombing``: *in* / *to* under the verb)."""
    j = i + 1
    if j >= len(view.tokens) or view.lemma(j) != word or view.tokens[j].dep != "prep":
        return []
    gov = view.tokens[i].head
    return [j] if view.tokens[j].head in (gov, view.tokens[gov].head) and gov != i else []


def match_trigger(data: LexiconData, view: SentenceView, i: int) -> Trigger | None:
    """The most specific lexicon entry whose conditions hold at token ``i``, if any."""
    tok = view.tokens[i]
    pos = _POS.get(tok.pos)
    carried = tok.dep == "compound" and view.lemma(tok.head) in data.carriers
    if pos is None or (tok.dep in _SKIP_DEPS and not carried):
        return None
    if tok.pos == "PROPN" and not tok.text.islower():
        return None
    lemma = tok.lemma.lower()
    keys = [(lemma, pos)]
    low = tok.text.lower()
    if low != lemma:
        keys.append((low, pos))
    if pos == "NOUN":
        keys.extend((v, "VERB") for v in _variants(lemma))
    for key in keys:
        for trig in data.triggers.get(key, ()):
            if _fits(view, i, trig):
                return trig
    return None


def _fits(view: SentenceView, i: int, trig: Trigger) -> bool:
    if trig.prt is not None and not any(
        view.lemma(c) == trig.prt for c in view.kids(i, ("prt", "prep", "advmod"))
    ):
        return False
    if trig.prep is not None:
        preps = [
            c
            for c in view.kids(i, ("prep", "agent", "dative"))
            if view.lemma(c) == trig.prep and not _dating(view, c)
        ]
        if not preps and trig.pobj and trig.pos == "NOUN":
            preps = stranded(view, i, trig.prep)
        if not preps and (trig.pobj or not marked_clauses(view, i, trig.prep)):
            return False
        if trig.pobj and not any(
            view.lemma(o) in trig.pobj for p in preps for o in view.kids(p, ("pobj",))
        ):
            return False
    if trig.obj or trig.not_obj:
        odeps = (
            ("dobj", "attr", "oprd", "nsubjpass", "xcomp") if trig.pos != "NOUN" else ("compound",)
        )
        heads = view.kids(i, odeps)
        tok = view.tokens[i]
        if trig.pos != "NOUN" and tok.dep == "acl" and tok.tag == "VBN":
            heads.append(tok.head)  # "villages captured by X": the noun is the object
        if trig.pos != "NOUN" and tok.dep == "relcl" and _object_gap(view, i):
            heads.append(tok.head)  # "the ties that X severed": the noun is the object
        if trig.pos != "NOUN":
            for h in list(heads):
                heads += view.kids(h, ("compound", "amod"))
                for p in view.kids(h, ("prep",)):
                    if view.lemma(p) == "of":
                        heads += view.kids(p, ("pobj",))
        objs = {view.lemma(c) for c in heads}
        if trig.obj and not objs & trig.obj:
            return False
        if objs & trig.not_obj:
            return False
        if trig.pos != "NOUN" and tok.dep == "acl" and view.lemma(tok.head) in trig.not_obj:
            return False  # "the deal, struck in X" tagged as a past verb: still its object
    if trig.purpose and not _purpose(view, i, trig.purpose):
        return False
    if trig.mod or trig.not_mod:
        deps = ("compound", "amod", "nmod", "advmod", "npadvmod")
        mods = {view.lemma(c) for c in view.kids(i, deps)}
        if trig.mod and not mods & trig.mod:
            return False
        if mods & trig.not_mod:
            return False
    return True
