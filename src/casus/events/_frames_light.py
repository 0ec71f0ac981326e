"""The light verbs of :mod:`.frames`: the verb that carries an event noun (*held talks with
X*, *engaged in talks*, *suffered an attack*, *the vote drew condemnation*)."""

from __future__ import annotations

from .context import SentenceContext

__all__ = ["PROVOKE", "UNDERGO", "light_verb"]

_HAVE = frozenset({"have"})
"""A light verb of consultation nouns only: ``had talks with X``, ``has had a call with X``
(``had the support of X``, ``has a deal with X`` are states, not acts)."""
_CONSULT = "04"

UNDERGO = frozenset(
    {"suffer", "endure", "sustain", "face", "undergo", "survive", "withstand", "receive", "get"}
)
"""Verbs whose subject undergoes the event in their object: ``Chile suffered an attack``."""
PROVOKE = frozenset(
    {"draw", "attract", "earn", "spark", "provoke", "prompt", "trigger", "ignite", "elicit"}
)
"""Verbs whose subject is the target of the reaction in their object: ``the vote drew
condemnation``, ``the law sparked protests``."""


def light_verb(ctx: SentenceContext, n: int, code: str = "") -> int | None:
    """The light verb that carries event noun ``n`` (*held talks with X*, *took part in talks*,
    *suffered an attack*, *sent 40 tonnes of aid*), or None when the noun has none."""
    v = ctx.view
    tok = v.tokens[n]
    h = tok.head
    n0 = n
    for _ in range(2):  # "sent 40 tonnes of aid", "sent thousands of tonnes of aid"
        if not (
            tok.dep == "pobj"
            and v.lemma(h) in ("of", "in")
            and v.tokens[v.tokens[h].head].pos in ("NOUN", "NUM", "SYM")
        ):
            break
        q = v.tokens[h].head
        if q in ctx.matches or v.tokens[q].dep not in ("dobj", "attr", "nsubjpass", "pobj"):
            break
        n, tok, h = q, v.tokens[q], v.tokens[q].head
    if tok.dep == "pobj":  # not a quantity's object after all: "in the wake of the X"
        tok = v.tokens[n0]
        n, h = n0, tok.head
    if tok.dep in ("dobj", "attr", "nsubjpass") and v.tokens[h].pos in ("VERB", "AUX"):
        if v.kids(h, ("oprd",)):  # "called the strikes an escalation": a characterisation
            return None
        lemma = v.lemma(h)
        data = ctx.data
        return (
            h
            if lemma in data.light_verbs
            or lemma in data.intent_verbs
            or lemma in UNDERGO
            or lemma in PROVOKE
            or (lemma in _HAVE and code[:2] == _CONSULT)
            else None
        )
    if tok.dep == "pobj" and v.lemma(h) in ("in", "into", "under"):
        if v.lemma(h) == "in" and any(
            v.lemma(k) in ("between", "among") for k in v.kids(n, ("prep",))
        ):
            return None  # "delegations taking part in talks between A and B": A's and B's
        g = v.tokens[h].head
        lemma = v.lemma(g)
        # "engaged in talks", not "imposed sanctions in response": a verb with an object of
        # its own is not the light verb of a noun in its adjunct ("took part in talks" is
        # one verb, "part" attached to "took" or to "in")
        if v.tokens[g].pos == "NOUN" and lemma == "part":
            g = v.tokens[g].head
            lemma = v.lemma(g)
        objects = v.kids(g, ("dobj",))
        if lemma == "take" and [v.lemma(o) for o in objects] == ["part"]:
            return g
        if objects:
            return None
        if v.tokens[g].pos == "VERB" and (lemma in ctx.data.light_verbs or lemma in UNDERGO):
            return g
    return None
