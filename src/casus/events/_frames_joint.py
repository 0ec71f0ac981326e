"""Reciprocal acts of :mod:`.frames`: the parties of an event noun (*talks between A and
B*), the meeting of those parties when a third side holds it (*C hosted talks between A
and B*), a meeting noun that is the occasion of another act (*X thanked Y during a call*),
an agreement made with a partner (*A signed a deal with B*) and a host's guests."""

from __future__ import annotations

from dataclasses import replace

from ..model import Participant
from .context import SentenceContext, participants
from .frame import PLACED_MEETINGS, Frame, finish
from .lexicon import Trigger
from .syntax import Found

__all__ = ["hosted_parties", "occasion", "parties", "partner_frames", "presence"]


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


def _meeting_clause(
    ctx: SentenceContext, n: int, trig: Trigger, preps: frozenset[str], *, be: bool
) -> tuple[int, Found, tuple[Participant, ...]] | None:
    """The verb of the clause a consultation noun is the prepositional object of (through
    one of ``preps``; with ``be``, only *be*, else any full verb), the verb's subject and its
    actors, when the clause is plainly asserted and its subject names an actor."""
    v = ctx.view
    tok = v.tokens[n]
    if trig.code[:2] != "04" or trig.lemma in _GATHERINGS or tok.dep != "pobj":
        return None
    verb = v.tokens[tok.head].head
    if v.lemma(tok.head) not in preps or verb == tok.head:
        return None
    if (v.lemma(verb) != "be") if be else (v.tokens[verb].pos != "VERB"):
        return None
    neg, aux = ctx.mood(verb)
    if neg or aux:
        return None  # "would not thank Y at a meeting", "will be in X on a visit"
    sources = ctx.subject(verb)[0]
    src = participants(sources.mentions)
    if not src:
        return None
    return verb, sources, src


def _met(
    ctx: SentenceContext,
    n: int,
    trig: Trigger,
    verb: int,
    sources: Found,
    targets: tuple[tuple[Participant, ...], str],
    cues: list[str],
) -> Frame | None:
    return finish(
        ctx, code=trig.code, index=n, tokens=[verb, n], sources=sources, targets=targets,
        cues=cues, strength="phrase", mood="plain", need_both=True,
    )  # fmt: skip


def occasion(ctx: SentenceContext, n: int, trig: Trigger, cues: list[str]) -> Frame | None:
    """A consultation noun that is the occasion of an act between two actors: *X congratulated
    Y during a phone call*, *X told Y in talks on Monday* are X's call or talks with Y (the
    noun's own ``with`` side first)."""
    found = _meeting_clause(ctx, n, trig, _OCCASION, be=False)
    if found is None:
        return None
    verb, sources, src = found
    targets = ctx.targets([(n, trig)], src)
    if not targets[0]:
        objs = ctx.actors.many(ctx.view, ctx.view.kids(verb, ("dobj", "dative")))
        parts = tuple(p for p in participants(objs.mentions) if p not in src)
        if not parts:
            return None
        targets = (parts, "role")
    return _met(ctx, n, trig, verb, sources, targets, [*cues, "frame:occasion"])


_PRESENCE = frozenset({"on", "for"})
"""Prepositions of a consultation noun that someone is at: *X is in Y on a visit*, *X was in
Y for talks with Z*."""


def presence(ctx: SentenceContext, n: int, trig: Trigger, cues: list[str]) -> Frame | None:
    """A consultation noun that the subject of *be* is on or there for: *X is in Y on an
    official visit* (a visit to Y), *X was in Y for talks with Z* (talks with Z)."""
    found = _meeting_clause(ctx, n, trig, _PRESENCE, be=True)
    if found is None:
        return None
    verb, sources, src = found
    targets = ctx.targets([(n, trig)], src)
    if not targets[0] and trig.code in PLACED_MEETINGS:
        targets = (ctx.place([verb], src), "place")
    return _met(ctx, n, trig, verb, sources, targets, [*cues, "frame:presence"])


PARTNERED = frozenset({"057"})
"""Codes of an act that the source does together with its ``with`` partner: an agreement
signed, reached or struck with B is B's agreement with A too, as when A and B sign it."""


def partner_frames(ctx: SentenceContext, frame: Frame) -> list[Frame]:
    """``frame`` and the act it implies of the other side: for an agreement made with a
    partner named in a ``with`` phrase of the trigger, its light verb, or their object or
    prepositional object (*A signed a deal with B*, *A reached an agreement with B*, *A agreed
    on a pact with B*), the partner's agreement with A; for a hosting, each state guest's
    visit to the host (:func:`_guests`)."""
    if frame.code == _HOST:
        return [frame, *_guests(frame)]
    if frame.code not in PARTNERED or not frame.sources or not frame.targets:
        return [frame]
    v = ctx.view
    heads: list[int] = []
    for t in frame.trigger_tokens:
        below = [o for p in v.kids(t, ("prep",)) for o in v.kids(p, ("pobj",))]
        for h in (t, *v.kids(t, ("dobj",)), *below):
            heads += v.prep_objects(h, "with")
    partners = set(participants(ctx.actors.many(v, heads).mentions))
    if not partners or not set(frame.targets) <= partners:
        return [frame]
    return [frame, _reversed(frame, frame.code, frame.targets, "frame:partner")]


def _reversed(frame: Frame, code: str, sources: tuple[Participant, ...], cue: str) -> Frame:
    """``frame``'s act seen from the other side: ``sources`` act towards its sources."""
    cues = tuple(c for c in frame.cues if not c.startswith(("source:", "target:")))
    return replace(
        frame,
        code=code,
        sources=sources,
        targets=frame.sources,
        cues=(*cues[:-1], cue, "source:role", "target:subject", cues[-1]),
        source_how="role",
        target_how="subject",
    )


_HOST = "043"
_VISIT = "042"
_GUEST_SECTORS = frozenset({None, "GOV"})
"""Who visits the host: a state or its government (its leaders and envoys), not a crowd
(*hosted refugees*) or troops."""


def _guests(frame: Frame) -> list[Frame]:
    """A hosting names guests who visit the host (*A hosted B's president* is B's visit to
    A, as CAMEO's host/visit pair has it): each state guest's visit (042) to the host."""
    if not frame.sources or frame.target_how != "role":
        return []
    guests = tuple(
        t for t in frame.targets if t.sector in _GUEST_SECTORS or t.code.startswith("IGO")
    )
    return [_reversed(frame, _VISIT, guests, "frame:guest")] if guests else []
