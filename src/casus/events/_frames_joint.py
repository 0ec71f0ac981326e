"""Reciprocal meetings of :mod:`.frames`: the parties of an event noun (*talks between A and
B*) and the meeting of those parties when a third side holds it (*C hosted talks between A
and B*)."""

from __future__ import annotations

from dataclasses import replace

from .context import SentenceContext, participants
from .frame import Frame, finish
from .lexicon import Trigger
from .syntax import Found

__all__ = ["hosted_parties", "occasion", "parties"]


def parties(ctx: SentenceContext, n: int) -> Found:
    """The parties of a reciprocal event noun: ``talks between A and B``, ``clashes among
    A, B and C`` (at least two located actors)."""
    v = ctx.view
    heads = v.prep_objects(n, "between") + v.prep_objects(n, "among")
    found = ctx.actors.many(v, heads)
    located = [m for m in found.mentions if m.actor is not None and m.actor.country]
    return Found(tuple(located), "subject") if len(located) >= 2 else Found((), "")


_BROKERING = frozenset({"facilitate", "broker", "sponsor", "mediate"})
"""Participles that make a meeting's author its mediator: *a C-brokered meeting*."""


def hosted_parties(ctx: SentenceContext, i: int, trig: Trigger, frame: Frame) -> list[Frame]:
    """``frame`` and, for a meeting between A and B that a third side C holds, hosts or
    brokers (*C hosted talks between A and B*, *a C-facilitated meeting between A and B*),
    the meeting of A and B with each other; C's own act towards each party is a mediation
    (045) when a brokering participle names it."""
    if trig.pos != "NOUN" or frame.code[:2] != "04" or "frame:reciprocal" in frame.cues:
        return [frame]
    v = ctx.view
    n = v.tokens[i].head if v.tokens[i].dep == "compound" else i
    found = parties(ctx, n)
    hosts = {s.country for s in frame.sources}
    if not frame.sources or any(m.actor and m.actor.country in hosts for m in found.mentions):
        return [frame]
    if frame.code in ("040", "046") and any(
        v.lemma(c) in _BROKERING and v.tokens[c].tag == "VBN" for c in v.kids(n, ("amod", "acl"))
    ):
        frame = replace(frame, code="045", cues=(*frame.cues, "frame:mediator"))
    cues = [f"trigger:{trig.words}", "frame:reciprocal", "frame:third-party"]
    out = finish(
        ctx, code=trig.code if frame.code == "045" else frame.code, index=n, tokens=[n],
        sources=found, targets=((), ""), cues=cues, strength=frame.strength, mood=frame.mood,
    )  # fmt: skip
    return [frame, out] if out is not None else [frame]


_OCCASION = frozenset({"during", "in", "at"})
"""Prepositions of a meeting noun that is the occasion of another act: *X thanked Y during a
phone call*, *X, in talks with Y, ...*."""
_GATHERINGS = frozenset({"summit", "conference", "forum", "session", "encounter"})
"""Meetings of many: acts at them are not meetings of the two sides."""


def occasion(ctx: SentenceContext, n: int, trig: Trigger, cues: list[str]) -> Frame | None:
    """A consultation noun that is the occasion of an act between two actors: *X congratulated
    Y during a phone call*, *X told Y in talks on Monday* are X's call or talks with Y (the
    noun's own ``with`` side first)."""
    v = ctx.view
    tok = v.tokens[n]
    if trig.code[:2] != "04" or trig.lemma in _GATHERINGS or tok.dep != "pobj":
        return None
    prep = v.tokens[tok.head]
    verb = prep.head
    if v.lemma(tok.head) not in _OCCASION or v.tokens[verb].pos != "VERB" or verb == tok.head:
        return None
    neg, aux = ctx.mood(verb)
    if neg or aux:
        return None  # "would not thank Y at a meeting", "will discuss it with Y during talks"
    sources = ctx.subject(verb)[0]
    src = participants(sources.mentions)
    if not src:
        return None
    targets = ctx.targets([(n, trig)], src)
    if not targets[0]:
        found = ctx.actors.many(v, v.kids(verb, ("dobj", "dative")))
        parts = tuple(p for p in participants(found.mentions) if p not in src)
        if not parts:
            return None
        targets = (parts, "role")
    return finish(
        ctx, code=trig.code, index=n, tokens=[verb, n], sources=sources, targets=targets,
        cues=[*cues, "frame:occasion"], strength="phrase", mood="plain",
        need_both=True,
    )  # fmt: skip
