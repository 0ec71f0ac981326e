"""Guards of the verbal and matrix rules of :mod:`.frames`: whether a warning reports what
has happened (no threat), whether a threat's clause is the speaker's own act, whether a verb
of calling characterises its object (``called the plan a gamble``: no telephone call), whether
a demand states what a protest is for, whether protests with nobody named are told as
having happened."""

from __future__ import annotations

from .context import SentenceContext, participants
from .frame import PROTEST
from .lexicon import Trigger
from .syntax import MODALS, Found, SentenceView

__all__ = [
    "PROTEST_DEMAND",
    "backdrop",
    "characterisation",
    "office_removal",
    "others_act_wished",
    "own_threat",
    "past_report",
    "protest_demand",
    "protest_subject",
    "shown_thing",
    "topic",
    "unnamed_protests",
]

_PAST_AUX = frozenset({"had", "has", "have", "was", "were", "did"})


def past_report(v: SentenceView, i: int) -> bool:
    """Whether a warning's clause (``warned that X had ...``, ``warned that the claims were
    credible``) tells what has happened: past tense or perfect, no modal. A warning of what
    already happened threatens nothing."""
    for c in v.kids(i, ("ccomp",)):
        aux = v.auxiliaries(c)
        if aux & MODALS or _conditional(v, c):
            continue
        if v.tokens[c].tag == "VBD" or aux & _PAST_AUX:
            return True
    return False


def _conditional(v: SentenceView, c: int) -> bool:
    """Whether a clause holds a condition (``that it faced strikes if it did not ...``): a
    warning with a condition threatens, whatever the tense of its clause."""
    return any(
        v.tokens[m].text.lower() in ("if", "unless")
        for a in v.kids(c, ("advcl",))
        for m in v.kids(a, ("mark",))
    )


def own_threat(ctx: SentenceContext, clause: int, sources: Found) -> bool:
    """Whether a threat's clause (``warned that it would strike``) is the speaker's own act:
    its subject is a pronoun or one of the speaker's actors, or it has none (``warned of
    strikes``, ``threatened to strike``)."""
    v = ctx.view
    if v.tokens[clause].dep != "ccomp":
        return True
    subj, _, _ = v.clause_subject(clause)
    if subj is None or v.tokens[subj].pos == "PRON":
        return True
    mine = {p.code for p in participants(sources.mentions)}
    theirs = {p.code for p in participants(ctx.actors.many(v, [subj]).mentions)}
    return bool(theirs & mine)


_CALLING = frozenset({"call", "dub", "brand", "label", "term"})
"""Verbs of calling: with a predicate they characterise their object."""


def characterisation(v: SentenceView, i: int) -> bool:
    """Whether verb ``i`` of calling names what its object is (``called the plan a gamble``,
    ``called the decision as reckless``, ``calling them a vile attempt``, ``a rally that X
    called a circus``): a comment on the object, no telephone call. A damning predicate is
    coded as a criticism by :func:`.reported.reported_judgements`."""
    if v.lemma(i) not in _CALLING:
        return False
    preds = [k for k in v.kids(i, ("oprd", "xcomp")) if v.tokens[k].pos in ("NOUN", "PROPN", "ADJ")]
    objs = v.kids(i, ("dobj",))
    if any(v.tokens[k].pos != "PROPN" or objs or v.is_passive(i) for k in preds):
        return True  # a bare name as predicate is the misparsed object: "called President X"
    if any(v.lemma(p) == "as" for p in v.kids(i, ("prep",))):
        return True
    if any(v.kids(o, ("appos",)) for o in objs):
        return True
    # "the ceremony that X called a farce": the relative word is the object, the noun phrase
    # with an indefinite article its predicate
    return v.tokens[i].dep == "relcl" and any(
        v.tokens[d].text.lower() in ("a", "an") for o in objs for d in v.kids(o, ("det",))
    )


def denied_object(v: SentenceView, i: int) -> bool:
    """Whether verb ``i`` has its object denied by ``no`` (``has shown no desire to ...``,
    ``no results had been agreed``): nothing is done, like a negated verb."""
    return any(
        v.tokens[d].text.lower() == "no"
        for o in v.kids(i, ("dobj", "nsubjpass", "attr"))
        for d in v.kids(o, ("det",))
    )


_WITHDRAWAL = "087"
_FORCES = frozenset(
    {"troop", "force", "soldier", "unit", "army", "contingent", "personnel", "fighter",
     "battalion", "brigade", "division", "ship", "warship", "vessel", "fleet", "equipment",
     "weapon", "convoy", "vehicle", "navy", "military", "marine", "reservist", "mercenary",
     "man", "peacekeeper", "staff", "diplomat", "envoy", "ambassador"}
)  # fmt: skip
"""What a military withdrawal withdraws (with the lexicon's weapons)."""


def withdrawn_thing(ctx: SentenceContext, i: int, code: str, obj_condition: bool) -> bool:
    """Whether a bare withdrawal verb (``withdraw``, ``pull``) takes an object that is no
    force, weapon or actor (``pulling bricks from the sidewalks``, ``withdrew its
    application``): no military withdrawal."""
    if code != _WITHDRAWAL or obj_condition:
        return False
    v = ctx.view
    si = v.sentence.index
    for o in v.kids(i, ("dobj",)):
        lemma = v.lemma(o)
        if lemma in _FORCES or lemma in ctx.data.instruments or v.tokens[o].pos == "PRON":
            continue
        mention = ctx.actors.at(si, o)
        if mention is None or mention.actor is None:
            return True
    return False


_SHOWING = frozenset({"demonstrate"})
_SHOWN = ("dobj", "ccomp", "nsubjpass", "csubjpass")


def shown_thing(v: SentenceView, i: int) -> bool:
    """Whether ``demonstrate`` shows something (``demonstrated its resolve``, ``it was
    demonstrated that ...``): a protester demonstrates with no object or clause."""
    return v.lemma(i) in _SHOWING and bool(v.kids(i, _SHOWN))


def idiom(v: SentenceView, i: int) -> bool:
    """Whether trigger ``i`` is a word of an idiom that tells no act: ``in response to``
    (the cause of what the clause does), ``is engaged in activities`` (takes part in)."""
    tok = v.tokens[i]
    lemma = v.lemma(i)
    if lemma == "response" and tok.dep == "pobj" and v.lemma(tok.head) == "in":
        return any(v.lemma(p) == "to" for p in v.kids(i, ("prep",)))
    return lemma == "engage" and bool(v.kids(i, ("auxpass",)))


PROTEST_DEMAND = "frame:protest-demand"
"""Cue of a demand that a protest makes (roles.py gives it the protest's sides)."""


_PRESSING = frozenset({"press", "pressure", "push", "pressurize", "pressurise"})


def protest_demand(ctx: SentenceContext, m: int, trig: Trigger) -> bool:
    """Whether matrix ``m`` states what a protest is for, so the protesters demand or appeal
    although it is a purpose clause (otherwise no act of its own): a demand hung on the
    protest (*marched, demanding X*, *took to the streets to demand X*), or a demand or appeal
    in its to-clause by a crowd the sentence names (*marched to call for the release of ...*).
    *Protests demanding that X resign* is the protest's alone (``protest_subject``), and
    pressing demands is the protest itself."""
    v = ctx.view
    tok = v.tokens[m]
    if trig.comp not in ("demand", "appeal") or tok.head == m or v.lemma(m) in _PRESSING:
        return False
    head = ctx.matches.get(tok.head)
    if head is None or head.code[:2] != "14":
        return False
    if trig.comp == "demand" and tok.dep in ("advcl", "acl", "xcomp", "conj"):
        return True
    if tok.dep != "advcl" or "to" not in v.auxiliaries(m):
        return False
    sources, _, _ = ctx.subject(m)
    return bool(sources.mentions)  # a crowd the text names, not one the role model guesses


_REMOVALS = frozenset({"dismiss"})


def office_removal(ctx: SentenceContext, m: int) -> bool:
    """``dismissed the minister``, ``dismissed X``: the object is an office holder or body
    (an actor with a sector), so the act removes them from office (172), it rejects nothing
    (``dismissed the proposal`` still does)."""
    v = ctx.view
    if v.lemma(m) not in _REMOVALS or v.is_passive(m):
        return False
    si = v.sentence.index
    for o in v.kids(m, ("dobj",)):
        mention = ctx.actors.at(si, o)
        if mention is not None and mention.head == o and mention.actor and mention.actor.sector:
            return True
    return False


_PROTEST_NOUNS = frozenset(
    {"protest", "demonstration", "rally", "march", "uprising", "sit-in", "strike", "movement"}
)


def protest_subject(v: SentenceView, m: int, comp: str | None) -> bool:
    """Whether demand or appeal ``m`` is what a protest asks (``protests demanding that X
    resign``, ``demonstrations that called for X to leave``): the protest with its demand is
    one event, the protest's, not a demand by whoever the role model would guess."""
    if comp not in ("demand", "appeal"):
        return False
    subj, _, _ = v.clause_subject(m)
    return subj is not None and v.lemma(subj) in _PROTEST_NOUNS


_WISH = frozenset({"expect", "want", "need", "wish", "like"})


def others_act_wished(v: SentenceView, i: int) -> bool:
    """Whether verbal trigger ``i`` is an act that the subject of a verb of wishing wants from
    someone else (*I expect Chile to cooperate*, *wants protest leaders to denounce the
    roadblocks*, *expects that Chile will reciprocate*): wished, it has not happened, and it
    is not the wisher's own intent."""
    tok = v.tokens[i]
    head = tok.head
    if head == i or v.lemma(head) not in _WISH:
        return False
    if tok.dep == "ccomp":
        return v.kid(i, ("nsubj",)) is not None
    return tok.dep == "xcomp" and v.controller(head) is not None


_TOPIC_VERBS = frozenset(
    {"discuss", "debate", "address", "review", "examine", "analyse", "analyze"}
)
"""Verbs whose object is what is talked about, not an act: ``discussed the fighting``."""


def topic(v: SentenceView, n: int) -> bool:
    """Whether event noun ``n`` is the object of a discussion verb (``discussed the war``)."""
    tok = v.tokens[n]
    return tok.dep == "dobj" and v.lemma(tok.head) in _TOPIC_VERBS


_BACKDROP_PREPS = frozenset({"after", "following", "amid", "amidst", "during", "since", "despite"})
"""Prepositions whose object is an event that has taken place: ``after the talks``."""
_SPANS = frozenset(
    {"wake", "aftermath", "hour", "day", "night", "week", "month", "year", "decade", "wave",
     "series", "spate", "string", "round", "outbreak", "surge", "resumption", "start", "onset",
     "end"}
)  # fmt: skip
"""Nouns through whose ``of`` the backdrop passes: ``after weeks of protests``, ``in the wake
of the arrests``."""


def backdrop(v: SentenceView, n: int) -> bool:
    """Whether event noun ``n`` is the object of a backdrop preposition, directly or through
    the ``of`` of a span noun (``amid protests``, ``after months of talks``, ``in the
    aftermath of the vote``). Violence is left out: in single sentences the attack ``after``
    which something happened is not the sentence's event (5 false FIGHT events in
    ``plover_dev``)."""
    for _ in range(4):
        tok = v.tokens[n]
        if tok.dep != "pobj" or tok.head == n:
            return False
        word = v.tokens[tok.head].text.lower()
        if word in _BACKDROP_PREPS:
            return True
        span = v.tokens[tok.head].head
        if word != "of" or v.lemma(span) not in _SPANS:
            return False
        n = span
    return False


_PLURAL = frozenset({"NNS", "NNPS"})
_THEME_PREPS = frozenset({"of", "on", "against"})
_CARRIERS = ("dobj", "pobj", "prep", "conj", "nsubjpass")
"""Dependencies through which a noun reaches the verb of its clause."""


def unnamed_protests(ctx: SentenceContext, n: int, code: str) -> bool:
    """Whether event noun ``n`` is protests told with nobody named (*the city was paralysed
    by protests*, *police broke up demonstrations in the north*): coded with no actor, their
    sides come from the article (the country's people against its government). Only the
    plural: the singular is as often a characterisation (*a show of defiance*, *a
    demonstration of strength*) or a kind (*the right to protest*). Left out: protests
    in a modal or negated clause (*will not tolerate rallies*, *could turn to protests*),
    the theme of another event noun (*the ban on rallies*: the ban is the event), and riots
    (145), which are as often fighting between communities as protest against a government."""
    v = ctx.view
    tok = v.tokens[n]
    if code[:2] != PROTEST or code[:3] == "145" or tok.tag not in _PLURAL:
        return False
    theme = tok.dep == "pobj" and v.lemma(tok.head) in _THEME_PREPS
    if theme and v.tokens[tok.head].head in ctx.matches:
        return False
    i = n
    for _ in range(4):
        t = v.tokens[i]
        if t.head == i or t.dep not in _CARRIERS:
            break
        i = t.head
        if v.tokens[i].pos in ("VERB", "AUX"):
            neg, aux = ctx.mood(i)
            return not (neg or aux & MODALS)
    return True
