"""The members named in an event's object (private helper of :mod:`casus.events`).

English names the undergoers of an act in a list hung on its object as often as in the
object itself: *thanked several foreign leaders, including A and B*, *met delegations such
as those of A and B*, *criticised the region, particularly A*. Each member is a target of
the event. An object with no country of its own (*leaders*, *delegations*) gives way to its
members; a located one (*met Chile and other neighbours, including Peru*) keeps its own
event. (The members and companions of a subject are found by the subject rules, in
:mod:`casus.events.context`.)
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from ..model import Article, Event, Participant, make_event_id
from .syntax import ActorLookup, SentenceView, located

__all__ = ["MEMBER_PREPS", "with_members"]

MEMBER_PREPS = frozenset({"including", "like"})
"""Prepositions of an object that list its members (and *such as*, found by its ``as``)."""
_FOREMOST = frozenset({"particularly", "notably", "especially", "chiefly", "mainly"})
"""Adverbs that mark an apposition as the group's foremost members (*the region,
particularly A*)."""
_OBJECT_HOWS = frozenset({"target:object", "target:role"})
_GROUPS = ("IGO", "NGO", "IMG", "MNC")


def with_members(article: Article, actors: ActorLookup | None = None) -> Iterator[Event]:
    """The article's events, each (when its target is located) followed by one event per
    member listed in its object (cue ``target:member``); an event whose target is empty or
    has no country is replaced by its members' events when the object lists any."""
    lookup = actors or ActorLookup(article)
    for event in article.events:
        yield from _members(article, lookup, event) or [event]


def _located(p: Participant) -> bool:
    return bool(p.country) or p.code[:3] in _GROUPS


def _members(article: Article, actors: ActorLookup, event: Event) -> list[Event]:
    """The copies of ``event`` with each member listed in its object, after the event
    itself when its own target is located; empty when the object lists no member."""
    found = _listed(article, actors, event)
    own, source = event.target, event.source
    if not found or (source is not None and any(p.code == source.code for p in found)):
        return []  # "countries condemned the strikes, including A and B": the subject's list
    out = [event] if own is not None and _located(own) else []
    have = {p.country for p in (own, source) if p is not None and p.country}
    codes = {p.code for p in (own, source) if p is not None}
    for p in found:
        if p.code in codes or (p.country and p.country in have):
            continue
        codes.add(p.code)
        if p.country:
            have.add(p.country)
        out.append(_targeted(event, p))
    return out if len(out) > (own is not None and _located(own)) else []


def _listed(article: Article, actors: ActorLookup, event: Event) -> list[Participant]:
    """The located actors listed as members of the object of the event's verb."""
    si, ti = event.sentence_index, event.trigger_index
    if ti < 0 or si >= len(article.sentences):
        return []
    if event.target is not None and not set(event.evidence.cues) & _OBJECT_HOWS:
        return []
    view = SentenceView(article.sentences[si])
    toks = view.tokens
    if not 0 <= ti < len(toks):
        return []
    v = ti
    if toks[v].pos == "NOUN" and toks[v].dep == "dobj":
        v = toks[v].head  # "held talks with ...": the light verb's objects
    if toks[v].pos not in ("VERB", "AUX") or view.is_passive(v):
        return []
    heads = view.kids(v, ("dobj",)) + view.prep_objects(v, "with")
    out: list[Participant] = []
    for head in (c for h in heads for c in view.conjuncts(h)):
        for tok in _member_heads(view, head):
            for c in view.conjuncts(tok):
                for m in actors.shallow(view, c).mentions:
                    if located(m) and m.actor is not None:
                        out.append(Participant.from_mention(m))
    return out


def _member_heads(view: SentenceView, head: int) -> list[int]:
    """The heads of the members listed on the phrase ``head``."""
    out: list[int] = []
    for p in view.kids(head, ("prep",)):
        word = view.tokens[p].text.lower()
        such = word == "as" and any(view.lemma(k) == "such" for k in view.kids(p))
        if word in MEMBER_PREPS or such:
            out += view.kids(p, ("pobj",))
    for a in view.kids(head, ("appos",)):
        if any(view.lemma(k) in _FOREMOST for k in view.kids(a, ("advmod",))):
            out.append(a)
    return out


def _targeted(event: Event, p: Participant) -> Event:
    cues = (*event.evidence.cues, "target:member")
    ev = replace(event, target=p, evidence=replace(event.evidence, cues=cues))
    return replace(
        ev,
        event_id=make_event_id(
            ev.article_id,
            ev.sentence_index,
            ev.source.code if ev.source else None,
            ev.cameo,
            p.code,
        ),
    )
