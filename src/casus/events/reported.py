"""Reported speech that is an event of its own: ``X said Y must ...`` is a demand by X on Y
(10x); a judgement with a damning predicate (``X said the vote was illegal``, ``X called the
strikes a provocation``) is a criticism (111) by its author (``docs/CODING.md``, rule 5)."""

from __future__ import annotations

from collections.abc import Iterator

from .context import SentenceContext, participants
from .frame import Frame, finish, unasserted
from .lexicon import frame_code
from .syntax import SentenceView

__all__ = ["JUDGING", "MUST", "reported_demands", "reported_judgements"]

MUST = frozenset({"must", "should", "ought"})
"""Modals that make a reported clause a demand on its subject."""


def reported_demands(ctx: SentenceContext) -> Iterator[Frame]:
    """``X said Y must do Z``: a demand (10x) by the speaker on the clause's subject."""
    v = ctx.view
    for r, tok in enumerate(v.tokens):
        if tok.pos != "VERB" or v.lemma(r) not in ctx.data.reporting:
            continue
        for c in v.kids(r, ("ccomp",)):
            if not v.auxiliaries(c) & MUST or v.is_negated(c):
                continue
            sources, _, _ = ctx.subject(r)
            src = participants(sources.mentions)
            subj, _, _ = v.clause_subject(c)
            if subj is None or not src:
                continue
            own = ctx.actors.at(v.sentence.index, subj)
            if v.is_passive(c) and (own is None or own.actor is None):
                continue  # "X's launch should be understood as a warning": no one is asked
            tgt = tuple(
                p
                for p in participants(ctx.actors.many(v, [subj]).mentions)
                if p.code not in {s.code for s in src}
            )
            if not tgt:
                continue
            action = ctx.matches.get(c)
            code = frame_code("demand", action.code if action else None, "100")
            cues = [f"trigger:{v.lemma(r)}+must", "frame:reported-must"]
            if action is not None:
                cues.append(f"action:{action.words}")
            frame = finish(
                ctx, code=code, index=c, tokens=[c], sources=sources,
                targets=(tgt, "role"), cues=cues, strength="phrase", mood="framed",
            )  # fmt: skip
            if frame is not None:
                ctx.consumed.add(c)
                yield frame


_PHONE = "041"
"""The code of a telephone call, which a bare ``called X`` is taken to be."""
JUDGING = frozenset({"call", "describe", "brand", "label", "term", "dub", "consider", "deem"})
"""Verbs that state a judgement of their object: ``called the vote illegal``."""


def _judged(v: SentenceView, c: int, damning: frozenset[str]) -> bool:
    """Whether clause or phrase ``c`` predicates a damning word (``was illegal``, ``is a
    provocation``, ``a dangerous escalation``)."""
    heads = [c, *v.kids(c, ("acomp", "attr", "oprd"))]
    for h in list(heads):
        heads += v.kids(h, ("amod", "compound", "conj"))
    return any(v.lemma(h) in damning or v.tokens[h].text.lower() in damning for h in heads)


def reported_judgements(ctx: SentenceContext) -> Iterator[Frame]:
    """``X said the vote was illegal``, ``X called the strikes a provocation``: a criticism
    (111) by the author of the judgement of whoever the judged clause names."""
    v = ctx.view
    damning = ctx.data.damning
    for r, tok in enumerate(v.tokens):
        lemma = v.lemma(r)
        if tok.pos != "VERB" or v.is_negated(r) or unasserted(v, r):
            continue
        matched = ctx.matches.get(r)
        if matched is not None and not (lemma in JUDGING and matched.code == _PHONE):
            continue  # a trigger of its own ("called X a Y" is no phone call when Y damns)
        if tok.dep == "relcl":  # "the attacks, which it described as illegal": the judged
            continue  # is the antecedent's author, for the main clause to code
        if lemma in ctx.data.reporting:
            judged = [
                c for c in v.kids(r, ("ccomp",))
                if v.lemma(c) == "be" and not v.is_negated(c) and _judged(v, c, damning)
            ]  # fmt: skip
            objects = [subj for c in judged if (subj := v.clause_subject(c)[0]) is not None]
        elif lemma in JUDGING:
            judged = [c for c in v.kids(r, ("oprd", "ccomp")) if _judged(v, c, damning)]
            judged += [
                o for p in v.kids(r, ("prep",)) if v.lemma(p) == "as"
                for o in v.kids(p, ("pobj", "amod", "acomp")) if _judged(v, o, damning)
            ]  # fmt: skip
            judged += [  # "called the president a dictator": the judgement in apposition
                a for o in v.kids(r, ("dobj",)) for a in v.kids(o, ("appos",))
                if _judged(v, a, damning)
            ]  # fmt: skip
            objects = v.kids(r, ("dobj",)) if judged else []
        else:
            continue
        if not judged:
            continue
        sources, _, _ = ctx.subject(r)
        src = participants(sources.mentions)
        if not src:
            continue
        codes = {p.code for p in src}
        found = ctx.actors.many(v, objects)
        tgt = tuple(p for p in participants(found.mentions) if p.code not in codes)
        cues = [f"trigger:{lemma}+judgement", "frame:reported-judgement"]
        frame = finish(
            ctx, code="111", index=r, tokens=[r], sources=sources,
            targets=(tgt, "object") if tgt else ((), ""), cues=cues, strength="phrase",
            mood="framed",
        )  # fmt: skip
        if frame is not None:
            ctx.consumed.update(judged)
            if matched is not None:
                ctx.consumed.add(r)
            yield frame
