"""The coding rules of the events stage: from the trigger matches of one parsed sentence to
:class:`Frame` values (a CAMEO code, its trigger tokens, sources, targets and cues).

The rules are documented in ``docs/CODING.md``; in short:

- a **verbal** trigger is coded in its own clause: source = subject (``by`` agent if passive,
  the passive subject being the target), inherited through conjunction, control and participle
  chains; target = the object or preposition the entry names;
- a **matrix** trigger (``offer``, ``threaten``, ``refuse``, ``urge``, ``call for``, ...)
  takes the action in its complement and frames it (intent 03x, threat 13x, reject 12x,
  demand 10x, appeal 02x); the complement gives no event of its own;
- a **nominal** trigger is coded through a light verb (``held talks with``), in subject
  position (``X's offensive began, hitting Y``) or on its own when it has both a possessor or
  modifier actor and a target (``X's airstrikes on Y``);
- negation, questions and if/unless clauses give nothing; modal and future clauses turn
  actions into intents (03x) or threats (13x); ``X said Y must ...`` is a demand on Y.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from ..model import Event, Participant
from ._frames_guards import (
    PROTEST_DEMAND,
    backdrop,
    characterisation,
    denied_object,
    idiom,
    office_removal,
    others_act_wished,
    own_threat,
    past_report,
    protest_demand,
    protest_subject,
    shown_thing,
    topic,
    unnamed_protests,
    withdrawn_thing,
)
from ._frames_joint import hosted_parties, occasion, parties, partner_frames, presence
from ._frames_light import PROVOKE, UNDERGO, light_verb
from .context import SentenceContext, participants
from .frame import JOINT_ROOTS, PROTEST, SIDES, VIOLENT, Frame, finish, hearsay, unasserted
from .lexicon import CONFLICT_ROOTS, LexiconData, Trigger, frame_code
from .match import match_trigger, stranded
from .reported import MUST, reported_demands, reported_judgements
from .syntax import HEDGES, MODALS, ActorLookup, SentenceView, in_country

__all__ = ["PROTEST", "Frame", "match_trigger", "sentence_frames"]

_COOP_ROOTS = frozenset({"04", "06", "07", "08"})
_UNCONVENTIONAL = "18"
_FORCE_VERBS = frozenset({"storm", "fire", "rain"})
"""Disaster words that, as verbs, are acts of force: *stormed*, *fired on*, *rained shells*."""
_LABOUR_LIGHT = frozenset({"call", "hold", "stage", "organise", "organize"})
"""Light verbs of a labour strike: unions call, hold or stage a strike; forces launch,
carry out or conduct one."""
_GENERAL_STRIKE = "143"
_DEONTIC = MUST


def _depth(view: SentenceView, i: int) -> int:
    d, seen = 0, set()
    while view.tokens[i].head != i and i not in seen:
        seen.add(i)
        i = view.tokens[i].head
        d += 1
    return d


def sentence_frames(
    view: SentenceView, data: LexiconData, actors: ActorLookup, history: Sequence[Event]
) -> Iterator[Frame]:
    """Every frame the sentence states (see the module docstring)."""
    ctx = SentenceContext(view, data, actors, history)
    frames: list[Frame] = list(reported_demands(ctx)) + list(reported_judgements(ctx))
    order = sorted(ctx.matches, key=lambda i: (_depth(view, i), i))
    for i in order:
        if i in ctx.consumed:
            continue
        trig = ctx.matches[i]
        if trig.needs_comp and not _has_complement(ctx, i, trig):
            continue
        frame = _matrix(ctx, i, trig) if trig.comp else None
        if frame is None and i not in ctx.consumed and trig.comp != "negate":
            frame = _nominal(ctx, i, trig) if trig.pos == "NOUN" else _verbal(ctx, i, trig)
        if frame is not None:
            for f in hosted_parties(ctx, i, trig, frame):  # the frame, then its parties
                frames.extend(partner_frames(ctx, f))
    yield from _interlocutors(frames)


def _has_complement(ctx: SentenceContext, i: int, trig: Trigger) -> bool:
    """A matrix that says nothing without its complement (``asked him to ...``, ``called on
    X to ...``, ``failed to ...``) has an action or at least a clause to frame."""
    if trig.comp and ctx.complement(i, trig.comp):
        return True
    v = ctx.view
    if v.kids(i, ("xcomp",)):
        return True
    return any(v.marks(c) & {"that"} for c in v.kids(i, ("ccomp",)))


def _interlocutors(frames: list[Frame]) -> list[Frame]:
    """An appeal or demand with no addressee, made by the source of a consultation in the
    same sentence (``during his call with X, he called for talks``), is addressed to X."""
    out: list[Frame] = []
    for f in frames:
        if not f.targets and f.sources and f.code[:2] in ("02", "10"):
            codes = {s.code for s in f.sources}
            for g in frames:
                if g.code[:2] == "04" and g.targets and codes & {s.code for s in g.sources}:
                    cues = (*f.cues[:-1], "target:interlocutor", f.cues[-1])
                    f = replace(f, targets=g.targets, target_how="interlocutor", cues=cues)
                    break
        out.append(f)
    return out


def _reported(ctx: SentenceContext, clause: int) -> bool:
    """The clause is what someone said, announced or warned (``X said it would ...``)."""
    v = ctx.view
    for _ in range(3):
        tok = v.tokens[clause]
        if tok.head == clause:
            return False
        if tok.dep == "ccomp" and v.lemma(tok.head) in ctx.data.reporting:
            return True
        if tok.dep not in ("conj", "xcomp"):
            return False
        clause = tok.head
    return False


def _modal_code(
    code: str, neg: bool, aux: set[str], ctx: SentenceContext, clause: int
) -> str | None:
    """The code of an action in a modal/future clause, or ``None`` when nothing is stated."""
    root = code[:2]
    unless = ctx.view.has_condition(clause, ("unless",))
    if_cond = ctx.view.has_condition(clause, ("if",))
    if aux & _DEONTIC:
        return None  # "X should apologise": an obligation, not an act (see reported demands)
    if aux & MODALS and not (unless or if_cond):
        if aux & HEDGES:
            return None  # "X could attack Y": speculation
        if "would" in aux and not _reported(ctx, clause):
            return None  # "X would attack Y" on its own is hypothetical
    if aux & MODALS:
        if neg:
            return frame_code("reject", code, "120") if root in _COOP_ROOTS | {"03"} else None
        if unless and root not in ("10", "11", "12", "13"):
            return frame_code("threat", code, "130")
        if if_cond and root in CONFLICT_ROOTS - {"13"}:
            return frame_code("threat", code, "130")
        if root in ("15", "16"):
            return code  # "will deploy troops", "will cut ties": the posture or measure itself
        return frame_code("promise", code, code)
    if neg:
        return None
    if unless and root in CONFLICT_ROOTS - {"13"}:
        return frame_code("threat", code, "130")
    return code


_EXCLUDE = frozenset({"rule"})
"""Rejections that, negated, keep an option open: ``did not rule out military action``."""


def _matrix(ctx: SentenceContext, m: int, trig: Trigger) -> Frame | None:
    v = ctx.view
    if trig.comp is None:
        return None
    chain = ctx.complement(m, trig.comp)
    if not chain:
        return None
    if protest_subject(v, m, trig.comp):
        ctx.consumed.update([*chain, m])
        return None
    protest = protest_demand(ctx, m, trig)
    if (unasserted(v, m) and not protest) or _under_matrix(ctx, m):
        ctx.consumed.update(chain)
        return None
    ctx.consumed.update(chain)
    if trig.comp == "negate":  # "failed to reach a deal": the action did not happen
        return None
    actions = [c for c in chain if c in ctx.matches]
    action = ctx.matches[actions[-1]] if actions else None
    loose: list[int] = []  # "called for pauses [in] the fighting": the parse hung "in" high
    if action is not None and action.prep and action.pos == "NOUN":
        for p in stranded(v, actions[-1], action.prep):
            loose += v.kids(p, ("pobj",))
    ctx.consumed.update(loose)
    neg, aux = ctx.mood(m)
    mode = trig.comp
    if neg and v.lemma(m) in _EXCLUDE and action is not None and action.code[:2] in VIOLENT:
        mode = "threat"  # "did not rule out military action": force kept on the table
    elif neg:
        return None
    comp_neg = bool(chain) and v.is_negated(chain[0])
    if comp_neg and mode in ("intent", "promise"):
        mode = "reject"
    elif comp_neg:
        return None
    code = frame_code(mode, action.code if action else None, trig.code)
    if mode == "reject" and action is None and office_removal(ctx, m):
        code = "172"  # "dismissed the minister": removed from office, no rejection
    sources, passive_targets, _ = ctx.subject(m)
    if mode == "threat" and not own_threat(ctx, chain[0], sources):
        ctx.consumed.add(m)  # "X warned that executions may follow": a prediction by X
        return None
    places = [(m, trig)] + [(c, ctx.matches[c]) for c in reversed(actions)]
    places += [(c, action) for c in loose if action is not None]
    places += [
        (c, Trigger(lemma=v.lemma(c), pos="VERB", code=trig.code, targets=_LIGHT_ROLES))
        for c in chain
        if c not in ctx.matches and v.tokens[c].pos == "VERB"
    ]
    src = participants(sources.mentions)
    targets = (
        (participants(passive_targets.mentions), passive_targets.how)
        if passive_targets.mentions
        else ctx.targets(places, src, chain)
    )
    mood = "framed" if not aux & HEDGES else "modal"
    cues = [f"trigger:{trig.words}", f"frame:{trig.comp}"]
    if action is not None:
        cues.append(f"action:{action.words}")
    if protest:
        cues.append(PROTEST_DEMAND)
    return finish(
        ctx,
        code=code,
        index=m,
        tokens=[m, *actions[-1:]],
        sources=sources,
        targets=targets,
        cues=cues,
        strength="phrase",
        mood=mood,
        retaliation=trig.retaliation or bool(action and action.retaliation),
    )


def _purpose_target(
    ctx: SentenceContext, i: int, sources: Sequence[Participant]
) -> tuple[tuple[Participant, ...], str]:
    """A protest's target named in its purpose: ``blocked roads to press demands on X``."""
    v = ctx.view
    skip = frozenset(s.code for s in sources)
    for c in v.kids(i, ("advcl", "xcomp")):
        if "to" in v.auxiliaries(c):
            found = ctx.actors.deep(v, c, skip)
            if found.mentions:
                return participants(found.mentions), "purpose"
    return (), ""


def _under_matrix(ctx: SentenceContext, i: int) -> bool:
    """``i`` sits inside what a matrix word frames (``demanded that X cancel plans to sell
    arms``, ``agreed that they should cooperate to encourage ...``): not an asserted event."""
    v = ctx.view
    j = i
    for _ in range(5):
        tok = v.tokens[j]
        if tok.head == j:
            return False
        h = tok.head
        if j in ctx.consumed and j != i:
            return True
        trig = ctx.matches.get(h)
        if (
            trig is not None
            and trig.comp
            and (
                tok.dep in ("xcomp", "ccomp", "dobj")
                or (tok.dep == "advcl" and "to" in v.auxiliaries(j))
            )
        ):
            return True
        j = h
    return False


def _verbal(ctx: SentenceContext, i: int, trig: Trigger) -> Frame | None:
    v = ctx.view
    protest = protest_demand(ctx, i, trig)
    if (unasserted(v, i) and not protest) or _under_matrix(ctx, i):
        return None
    if others_act_wished(v, i):
        return None  # "expects Chile to cooperate": wished of another, not done
    tok = v.tokens[i]
    if tok.dep == "relcl" and tok.tag in ("VBZ", "VBP") and not v.auxiliaries(i):
        return None  # "Qatar, which hosts US troops": a standing state, not an event
    if denied_object(v, i) or idiom(v, i):
        return None  # "has shown no desire to ...", "no deal was agreed": nothing is done
    if withdrawn_thing(ctx, i, trig.code, bool(trig.obj)):
        return None  # "pulling bricks from the sidewalks": no military withdrawal
    if trig.code[:2] == PROTEST and shown_thing(v, i):
        return None  # "demonstrated the strength of its missiles": a showing, no protest
    if trig.code == "041" and characterisation(v, i):
        return None  # "called the plan a gamble": a comment on the plan, no telephone call
    if trig.comp == "threat" and past_report(v, i):
        return None  # "X warned that attempts had been detected": a report, not a threat
    if v.lemma(i) in ctx.data.stative_passives and v.is_passive(i):
        return None  # "troops stationed in X": where they are, no deployment
    neg, aux = ctx.mood(i)
    code = "172" if trig.comp == "reject" and office_removal(ctx, i) else trig.code
    cues = [f"trigger:{trig.words}", *([PROTEST_DEMAND] if protest else [])]
    subj, _, _ = v.clause_subject(i)
    disasters = ctx.data.disasters
    after = tok.dep in ("advcl", "conj") and v.lemma(tok.head) in disasters
    if v.tokens[tok.head].pos == "VERB" and v.lemma(tok.head) in _FORCE_VERBS:
        after = False  # "stormed the town and killed 12", "fired on the crowd, killing 12"
    agents = [o for a in v.kids(i, ("agent",)) for o in v.kids(a, ("pobj",))]
    natural = after or any(
        v.lemma(w) in disasters for w in [*agents, *([] if subj is None else [subj])]
    )
    if (code[:2] in VIOLENT or code == "171") and natural:
        return None  # "a bridge collapse killed 12", "homes destroyed by a tsunami": no actor
    if code == "171" and not trig.obj and subj is not None and not v.is_passive(i):
        weapon = ctx.weapon_subject(subj)
        if weapon is not None:  # "drones damaged the port", "the shelling destroyed homes"
            code = weapon[0]
            cues.append(f"weapon:{weapon[1]}")
    if code[:2] in ("18", "19") and code.endswith("0"):
        inst = ctx.instrument(i, subj)
        if inst is not None:
            code = inst[0]
            cues.append(f"instrument:{inst[1]}")
    head = tok.head
    if tok.dep == "xcomp" and v.lemma(head) in ctx.data.intent_verbs:
        neg = neg or v.is_negated(head)
        aux |= {"will"} | ctx.mood(head)[1]
        cues.append(f"frame:intent:{v.lemma(head)}")
    framed = _modal_code(code, neg, aux, ctx, i)
    if framed is None:
        return None
    sources, passive_targets, _ = ctx.subject(i)
    src = participants(sources.mentions)
    if tok.dep == "acl" and tok.tag == "VBN" and not src:
        return None  # "forces, supported by artillery": a description, no actor acts
    if passive_targets.mentions:
        targets = (participants(passive_targets.mentions), passive_targets.how)
    elif code[:2] in VIOLENT and (attacked := ctx.passive_place(i)):
        targets = (attacked, "place-name")
    else:
        targets = ctx.targets([(i, trig)], src)
    joint = len(src) > 1 and (code[:2] in JOINT_ROOTS or trig.mutual)  # "A and B fought"
    if joint and trig.mutual:
        cues.append("frame:mutual")  # "A and B traded accusations": each with the other
    if trig.needs_target and not targets[0] and not joint:
        targets = (ctx.place([i], src, named=code[:2] in VIOLENT), "place")
        if not targets[0]:
            return None
    if not targets[0] and framed[:2] == "13":
        targets = ctx.chain_targets([i], src)
    if not targets[0] and framed[:2] == "14":
        targets = _purpose_target(ctx, i, src)
    if not targets[0] and framed[:2] in JOINT_ROOTS and _rival_sides(ctx, subj, src):
        cues.append(SIDES)  # "the warring parties in Yemen agreed": each side with the other
    mood = "plain" if framed == code and not aux & MODALS else "modal"
    author = None
    if not src and subj is not None and framed[:2] in VIOLENT:
        noun = ctx.matches.get(subj)
        earlier = ctx.last_attack() if noun and noun.code[:2] in VIOLENT else None
        if earlier is not None and noun is not None and noun.pos == "NOUN":
            # "the attacks killed commanders": the attacker's, on the side it attacked
            author = earlier.source
            targets = (_located_as(targets[0], earlier.target), targets[1])
    return finish(
        ctx,
        author=author,
        code=framed,
        index=i,
        tokens=[i],
        sources=sources,
        targets=targets,
        cues=cues,
        strength="phrase" if trig.specificity else "lemma",
        mood=mood,
        retaliation=trig.retaliation,
    )


def _located_as(
    parts: tuple[Participant, ...], like: Participant | None
) -> tuple[Participant, ...]:
    """Generic agents (a sector, no country) given the country of ``like``."""
    if like is None or not like.country:
        return parts
    country = like.country
    return tuple(in_country(p, country) if not p.country and p.sector else p for p in parts)


def _negated_predicate(ctx: SentenceContext, n: int) -> bool:
    """Whether event noun ``n`` is the subject of a negated verb."""
    tok = ctx.view.tokens[n]
    head = ctx.view.tokens[tok.head]
    if tok.dep not in ("nsubj", "nsubjpass") or head.pos not in ("VERB", "AUX"):
        return False
    return ctx.mood(tok.head)[0]


_SIDES = frozenset({"party", "side", "faction", "rival", "belligerent"})
"""Nouns whose plural, resolved to one country, names the rival sides inside it."""


def _rival_sides(ctx: SentenceContext, subj: int | None, src: Sequence[Participant]) -> bool:
    """The subject is the plural sides of one country (*Sudan's rival parties*, *the
    warring factions in Libya*)."""
    if subj is None or len(src) != 1 or not src[0].country:
        return False
    tok = ctx.view.tokens[subj]
    return ctx.view.lemma(subj) in _SIDES and tok.tag in ("NNS", "NNPS")


def _standalone(code: str) -> bool:
    """Codes a noun phrase states on its own (``X's airstrikes on Y``, ``his call with Y``):
    violence and meetings; other nominals (``French mediation``, ``a pullback``) are often
    proposals or topics, not events."""
    return code[:2] in ("18", "19", "20") or (code[:2] == "04" and code != "045")


def _nominal(ctx: SentenceContext, n: int, trig: Trigger) -> Frame | None:
    v = ctx.view
    if v.tokens[n].dep == "compound":
        n = v.tokens[n].head  # "a mediation effort": the carrier noun takes the arguments
    tok = v.tokens[n]
    if v.is_negated(n) or v.is_hypothetical(n):
        return None
    if topic(v, n) or idiom(v, n):  # "called to discuss the fighting", "in response to"
        return None
    cues = [f"trigger:{trig.words}"]
    strength = "phrase" if trig.specificity else "lemma"
    lv = light_verb(ctx, n, trig.code)
    drawn = False  # a reaction drawn by an act with no actor named: "the raid drew anger"
    if lv is not None and v.lemma(lv) in PROVOKE:
        # "the killing sparked clashes": the clashes are not with the killing; "the raid drew
        # condemnation from X of Y": without an actor behind it, the noun's own roles, and
        # its sides may come from the article
        drawn = trig.code[:2] in _REACTIONS and not ctx.subject(lv)[0].mentions
        if drawn or trig.code[:2] not in _REACTIONS:
            lv = None
    if lv is not None:
        if unasserted(v, lv) or _under_matrix(ctx, lv):
            return None
        if trig.code[:2] in CONFLICT_ROOTS and v.lemma(lv) in _ENDING:
            return None  # "ended the war", "concluded the offensive": no new fighting
        if trig.code[:2] in VIOLENT and v.lemma(lv) in _REPORTING_LIGHT:
            return None  # "X confirmed the attacks": X reports them, whoever attacked
        if trig.code == "190" and v.lemma(n) == "strike" and v.lemma(lv) in _LABOUR_LIGHT:
            trig = replace(trig, code=_GENERAL_STRIKE)  # "the union called a strike"
        neg, aux = ctx.mood(lv)
        if v.lemma(lv) in ctx.data.intent_verbs:
            aux = aux | {"will"}
        lvt = v.tokens[lv]
        if lvt.dep == "xcomp" and v.lemma(lvt.head) in ctx.data.intent_verbs:
            # "would not seek to open talks": the intention's mood is the noun's
            neg = neg or ctx.mood(lvt.head)[0]
            aux = aux | {"will"} | ctx.mood(lvt.head)[1]
        code = _modal_code(trig.code, neg, aux, ctx, lv)
        if code is None:
            return None
        sources, _, _ = ctx.subject(lv)
        undergoer = v.lemma(lv) in UNDERGO or v.lemma(lv) in PROVOKE
        if undergoer:
            subject_as_target = (participants(sources.mentions), "object")
            sources = ctx.own_modifiers(n)
        elif not sources.mentions:
            sources = ctx.own_modifiers(n)
        src = participants(sources.mentions)
        if undergoer and not src and code[:2] == "13" and not aux & MODALS:
            return None  # "X faces an existential threat": a danger, no threat by anyone
        light = Trigger(lemma=v.lemma(lv), pos="VERB", code=trig.code, targets=_LIGHT_ROLES)
        targets = subject_as_target if undergoer else ctx.targets([(n, trig), (lv, light)], src)
        if trig.needs_target and not targets[0]:
            return None
        cues.append(f"frame:light:{v.lemma(lv)}")
        rivals = not targets[0] and code[:2] in JOINT_ROOTS
        if rivals and _rival_sides(ctx, v.clause_subject(lv)[0], src):
            cues.append(SIDES)  # "the warring sides in Libya held talks"
        mood = "plain" if code == trig.code and not aux & MODALS else "modal"
        return finish(
            ctx, code=code, index=n, tokens=[lv, n], sources=sources, targets=targets,
            cues=cues, strength="phrase", mood=mood, retaliation=trig.retaliation,
        )  # fmt: skip
    if _negated_predicate(ctx, n):  # "the talks would not take place"
        return None
    sources = ctx.own_modifiers(n)
    if not sources.mentions and trig.code[:2] in JOINT_ROOTS and trig.code[:2] != _RELATION:
        sources = parties(ctx, n)
        if sources.mentions:  # "talks between A and B resumed": each party, no target
            cues.append("frame:reciprocal")
            return finish(
                ctx, code=trig.code, index=n, tokens=[n], sources=sources, targets=((), ""),
                cues=cues, strength=strength, mood="plain",
            )  # fmt: skip
    src = participants(sources.mentions)
    targets = ctx.targets([(n, trig)], src)
    if tok.dep in ("nsubj",) and v.tokens[tok.head].pos == "VERB":
        h = tok.head
        neg, _ = ctx.mood(h)
        if neg:
            return None
        if not targets[0]:
            heads = v.kids(h, ("dobj",))
            for c in v.kids(h, ("advcl", "conj", "xcomp")):
                heads += v.kids(c, ("dobj",))
            found = ctx.actors.many(v, heads)
            parts = tuple(p for p in participants(found.mentions) if p not in src)
            if parts:
                targets = (parts, "role")
        cues.append("frame:nominal-subject")
        return finish(
            ctx, code=trig.code, index=n, tokens=[n], sources=sources, targets=targets,
            cues=cues, strength=strength, mood="plain",
            need_both=not trig.retaliation and trig.code[:2] != PROTEST,
            retaliation=trig.retaliation,
        )  # fmt: skip
    if not sources.mentions and (met := occasion(ctx, n, trig, cues)) is not None:
        return met
    if not sources.mentions and (met := presence(ctx, n, trig, cues)) is not None:
        return met
    if hearsay(v, n):
        return None
    if trig.code[:2] not in VIOLENT and backdrop(v, n):
        # "resigned after weeks of protests", "during a meeting with X", "amid warnings from
        # X": the backdrop of the news has happened; its sides may come from the article
        cues.append("frame:backdrop")
        return finish(
            ctx, code=trig.code, index=n, tokens=[n], sources=sources, targets=targets,
            cues=cues, strength=strength, mood="plain",
        )  # fmt: skip
    unnamed = not sources.mentions and not _standalone(trig.code) and not drawn
    if unnamed and not unnamed_protests(ctx, n, trig.code):
        return None  # "an American offer": a proposal or a topic ("protests" are told events)
    # "X's sanctions on Y", "a condemnation from X of Y's strikes": an event noun with its own
    # author and a target in the parse is coded whatever its root; a violent or meeting noun
    # also with the parties of its sentence. One side alone is too often a topic or a
    # proposal ("EU sanctions", "an American offer"): coded, it cost the PLOVER sentences
    # 0.04 type F1 for +0.006 triple F1 on news_dev.
    kind = "unnamed-protests" if unnamed else "nominal-own"
    cues.append("frame:nominal" if _standalone(trig.code) else f"frame:{kind}")
    return finish(
        ctx, code=trig.code, index=n, tokens=[n], sources=sources, targets=targets,
        cues=cues, strength=strength, mood="plain",
        need_both=trig.code[:2] != PROTEST and not drawn and not _unclaimed(trig, src, targets),
    )  # fmt: skip


def _unclaimed(
    trig: Trigger, src: Sequence[Participant], targets: tuple[tuple[Participant, ...], str]
) -> bool:
    """An unconventional violence noun with its victim and no author (``the assassination of
    X``, ``the kidnapping of X``): an act by unknown perpetrators, coded with no source. A
    bombing is left out: its author is usually told elsewhere (air strikes, a named group)."""
    code = trig.code
    return code[:2] == _UNCONVENTIONAL and code[:3] != "183" and not src and bool(targets[0])


_ENDING = frozenset({"end", "conclude", "finish", "complete"})
"""Light verbs that end the conflict their noun names: no act of that conflict."""
_REPORTING_LIGHT = frozenset({"confirm", "state", "publish", "repeat"})
"""Light verbs that also report: with a violent noun their subject is the reporter."""

_RELATION = "06"
"""A material-cooperation noun between two parties with no verb of its own states a relation,
no act: *cooperation between A and B remains strong*, *the partnership between A and B*."""
_REACTIONS = frozenset({"11", "14"})
"""Roots of a reaction to someone's act: disapproval and protest."""
_LIGHT_ROLES = ("with", "to", "against", "on", "between", "at", "dative", "for")
