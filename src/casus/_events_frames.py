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
from dataclasses import dataclass, replace

from ._events_lexicon import CONFLICT_ROOTS, LexiconData, Trigger, frame_code
from ._events_syntax import HEDGES, MODALS, NOMINAL_MODS, ActorLookup, Found, SentenceView
from .model import Event, Mention, Participant

__all__ = ["Frame", "match_trigger", "sentence_frames"]

_POS = {"VERB": "VERB", "NOUN": "NOUN", "ADJ": "ADJ", "PROPN": "NOUN"}
_SKIP_DEPS = frozenset({"compound", "aux", "auxpass", "det", "case", "punct", "prt", "amod"})
_COOP_ROOTS = frozenset({"04", "06", "07", "08"})
_MUST = frozenset({"must", "should", "ought"})
_COMP_PREPS = frozenset({"for", "to", "on", "upon", "in", "of", "as", "into", "with"})
_BELOW_PREPS = frozenset({"for", "to", "in", "of", "on", "as"})
_GENERIC = frozenset({"020", "030", "050", "051", "070", "100", "120", "130"})
"""Codes of nouns that only carry the action named below them (``assistance in
mediating``, ``offer of talks``, ``proposal for a truce``)."""
_HEARSAY = frozenset({"suspect", "accuse", "allege", "charge", "blame", "rumour", "rumor"})
_STATIVE = frozenset(
    {"oppose", "commit", "determine", "prepare", "dedicate", "resolve", "concern", "worry"}
)
_INSTRUMENT_PREPS = ("with", "by", "in", "using", "from")

# Confidence weights (docs/CODING.md): base + trigger + source + target + mood <= 1.0.
BASE = 0.1
W_TRIGGER = {"phrase": 0.3, "lemma": 0.2}
W_SOURCE = {"syntax": 0.25, "fallback": 0.15}
W_TARGET = {"syntax": 0.2, "fallback": 0.1}
W_MOOD = {"plain": 0.15, "framed": 0.1, "modal": 0.05}
_SYNTAX_HOWS = frozenset({"subject", "agent", "possessor", "object", "mention", "role"})


@dataclass(frozen=True, slots=True)
class Frame:
    """One coded predication before it is multiplied into events."""

    code: str
    trigger_index: int
    trigger_tokens: frozenset[int]
    sources: tuple[Participant, ...]
    targets: tuple[Participant, ...]
    cues: tuple[str, ...]
    strength: str
    source_how: str
    target_how: str
    mood: str

    def confidence(self, *, source: bool, target: bool) -> float:
        score = BASE + W_TRIGGER[self.strength] + W_MOOD[self.mood]
        if source:
            score += W_SOURCE["syntax" if self.source_how in _SYNTAX_HOWS else "fallback"]
        if target:
            score += W_TARGET["syntax" if self.target_how in _SYNTAX_HOWS else "fallback"]
        return round(min(score, 1.0), 3)


# --- trigger matching ------------------------------------------------------------------------


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
        preps = [c for c in view.kids(i, ("prep", "agent", "dative")) if view.lemma(c) == trig.prep]
        if not preps:
            return False
        if trig.pobj and not any(
            view.lemma(o) in trig.pobj for p in preps for o in view.kids(p, ("pobj",))
        ):
            return False
    if trig.obj or trig.not_obj:
        odeps = ("dobj", "attr", "oprd", "nsubjpass") if trig.pos != "NOUN" else ("compound",)
        heads = view.kids(i, odeps)
        if trig.pos != "NOUN":
            for h in list(heads):
                heads += view.kids(h, ("compound",))
                for p in view.kids(h, ("prep",)):
                    if view.lemma(p) == "of":
                        heads += view.kids(p, ("pobj",))
        objs = {view.lemma(c) for c in heads}
        if trig.obj and not objs & trig.obj:
            return False
        if objs & trig.not_obj:
            return False
    if trig.mod or trig.not_mod:
        deps = ("compound", "amod", "nmod", "advmod", "npadvmod")
        mods = {view.lemma(c) for c in view.kids(i, deps)}
        if trig.mod and not mods & trig.mod:
            return False
        if mods & trig.not_mod:
            return False
    return True


# --- the rules -----------------------------------------------------------------------------


def _located(p: Participant) -> bool:
    """An actor with a country or an international/non-state group code (not a bare
    sector such as ``MIL``): at least one is needed for an event."""
    return bool(p.country) or p.code[:3] in ("IGO", "NGO", "IMG", "MNC")


def _participants(mentions: Sequence[Mention]) -> tuple[Participant, ...]:
    return tuple(Participant.from_mention(m) for m in mentions if m.actor is not None)


class _Sentence:
    """Rule context for one sentence."""

    def __init__(
        self,
        view: SentenceView,
        data: LexiconData,
        actors: ActorLookup,
        history: Sequence[Event],
    ) -> None:
        self.view = view
        self.data = data
        self.actors = actors
        self.history = history
        n = len(view.tokens)
        self.matches: dict[int, Trigger] = {}
        for i in range(n):
            trig = match_trigger(data, view, i)
            if trig is not None:
                self.matches[i] = trig
        self.consumed: set[int] = set()

    # complements ---------------------------------------------------------------------------

    def _next(self, s: int, trigger: bool) -> list[int]:
        v = self.view
        out: list[int] = []
        tok = v.tokens[s]
        if trigger and (tok.pos != "NOUN" or self.matches[s].code not in _GENERIC):
            return out
        if tok.pos in ("VERB", "AUX") and not self._passable(s):
            return out
        preps = _BELOW_PREPS if trigger else _COMP_PREPS
        if not trigger:
            out += v.kids(s, ("xcomp",))
            out += v.kids(s, ("dobj", "acl", "attr"))
        for p in v.kids(s, ("prep",)):
            if v.lemma(p) in preps:
                out += v.kids(p, ("pobj", "pcomp"))
        return out

    def _passable(self, s: int) -> bool:
        """A non-trigger verb the complement search may pass through: a light or
        transparent verb (``agreed to provide aid``), not one that changes the action
        (``agreed to postpone the rally``)."""
        lemma = self.view.lemma(s)
        return lemma in self.data.light_verbs or lemma in self.data.transparent

    def _descend(self, s: int, depth: int) -> list[int]:
        if s in self.matches:
            if depth > 0:
                for nxt in self._next(s, trigger=True):
                    if nxt in self.matches:
                        return [s, *self._descend(nxt, depth - 1)]
            return [s]
        if self.view.tokens[s].pos in ("VERB", "AUX") and not self._passable(s):
            return []
        if depth <= 0:
            return []
        for nxt in self._next(s, trigger=False):
            sub = self._descend(nxt, depth - 1)
            if sub:
                return [s, *sub]
        return []

    def complement(self, m: int, mode: str) -> list[int]:
        """The chain of tokens from matrix ``m`` down to the action it frames (empty if
        none): ``offered [assistance] [in mediating]``, ``ready to [act] as a [mediator]``."""
        v = self.view
        starts = v.kids(m, ("xcomp",))
        starts += [c for c in v.kids(m, ("advcl",)) if "to" in v.auxiliaries(c)]
        if mode != "reject":
            starts += v.kids(m, ("ccomp",))
        starts += v.kids(m, ("dobj",))
        for p in v.kids(m, ("prep",)):
            if v.lemma(p) in _COMP_PREPS:
                starts += v.kids(p, ("pobj", "pcomp"))
        for s in starts:
            chain = self._descend(s, 3)
            if chain:
                return chain
        return []

    # arguments -----------------------------------------------------------------------------

    def role_heads(self, i: int, trig: Trigger) -> list[tuple[str, list[int]]]:
        v = self.view
        out: list[tuple[str, list[int]]] = []
        for role in trig.targets:
            if role == "dobj":
                heads = v.kids(i, ("dobj",))
            elif role == "dative":
                heads = v.kids(i, ("iobj",))
                for d in v.kids(i, ("dative",)):
                    heads += v.kids(d, ("pobj",)) or [d]
            elif role == "ccomp":
                heads = []
                for c in v.kids(i, ("ccomp",)):
                    subj, _, _ = v.clause_subject(c)
                    heads += [subj] if subj is not None else []
            else:
                heads = v.prep_objects(i, role)
            heads = [h for h in heads if h not in self.consumed or h not in self.matches]
            if heads:
                out.append((role, heads))
        return out

    def targets(
        self, places: Sequence[tuple[int, Trigger]], sources: Sequence[Participant]
    ) -> tuple[tuple[Participant, ...], str]:
        """Targets from the roles of each ``(token, entry)`` in turn, the first that names an
        actor; then the first actor inside those phrases; then ``the two countries``."""
        tried: list[int] = []
        src_codes = frozenset(s.code for s in sources)
        for i, trig in places:
            for _role, heads in self.role_heads(i, trig):
                found = self.actors.many(self.view, heads)
                parts = tuple(p for p in _participants(found.mentions) if p.code not in src_codes)
                if parts:
                    return parts, "role"
                tried.extend(heads)
        for i, trig in places:
            for _role, heads in self.role_heads_below(i, trig):
                found = self.actors.many(self.view, heads)
                parts = tuple(p for p in _participants(found.mentions) if p.code not in src_codes)
                if parts:
                    return parts, "role-below"
        for h in tried:
            group = self.group(h, sources)
            if group:
                return group, "group"
            found = self.actors.deep(self.view, h, src_codes)
            parts = _participants(found.mentions)
            if parts:
                return parts, "deep"
        return (), ""

    def role_heads_below(self, i: int, trig: Trigger) -> list[tuple[str, list[int]]]:
        """Preposition roles one level down, on the trigger's object or prepositional
        object: ``withdrawal of forces [from X]``, ``for a war [against X]``."""
        v = self.view
        out: list[tuple[str, list[int]]] = []
        below = v.kids(i, ("dobj",))
        for p in v.kids(i, ("prep",)):
            below += v.kids(p, ("pobj",))
        preps = [r for r in trig.targets if r not in ("dobj", "dative", "ccomp")]
        for b in below:
            for role in preps:
                heads = v.prep_objects(b, role)
                if heads:
                    out.append((role, heads))
        return out

    def place(
        self, tokens: Sequence[int], sources: Sequence[Participant]
    ) -> tuple[Participant, ...]:
        """Last resort target: the country of an ``in``/``into`` place phrase on the trigger,
        its clause or its object (``imposed a curfew in X``)."""
        v = self.view
        codes = {s.code for s in sources}
        heads: list[int] = []
        for t in tokens:
            heads += [t, *v.kids(t, ("dobj",))]
        for h in heads:
            for role in ("in", "into", "inside"):
                for o in v.prep_objects(h, role):
                    found = self.actors.many(v, [o])
                    parts = tuple(
                        p
                        for p in _participants(found.mentions)
                        if p.country and p.code not in codes
                    )
                    if parts:
                        return parts
        return ()

    def chain_targets(
        self, chain: Sequence[int], sources: Sequence[Participant]
    ) -> tuple[tuple[Participant, ...], str]:
        """Targets of a framed action that names none: the actor behind a proposal or
        demand (``rejected an Indian proposal``, ``a call by X``, ``an offer from X``), else
        the subject of an unless/if clause (``... unless X complies``)."""
        v = self.view
        codes = {s.code for s in sources}
        for c in chain:
            if v.tokens[c].pos != "NOUN":
                continue
            found = self.own_modifiers(c)
            mentions = list(found.mentions) or list(
                self.actors.many(v, v.prep_objects(c, "from")).mentions
            )
            parts = tuple(p for p in _participants(mentions) if p.code not in codes)
            if parts:
                return parts, "modifier"
        for c in chain:
            for a in v.kids(c, ("advcl",)):
                if v.marks(a) & {"unless", "if"}:
                    subj, _, _ = v.clause_subject(a)
                    if subj is None:
                        continue
                    found = self.actors.many(v, [subj])
                    parts = tuple(p for p in _participants(found.mentions) if p.code not in codes)
                    if parts:
                        return parts, "condition"
        return (), ""

    def group(self, h: int, sources: Sequence[Participant]) -> tuple[Participant, ...]:
        """``the two nations``/``both countries``: the last two other countries named."""
        v = self.view
        if v.lemma(h) not in self.data.group_nouns:
            return ()
        dets = {v.lemma(c) for c in v.kids(h, ("det", "nummod", "predet", "preconj"))}
        if not dets & {"two", "both"}:
            return ()
        skip = {s.country for s in sources if s.country}
        found: list[Participant] = []
        for m in reversed(self.actors.before(v.sentence.index, h)):
            a = m.actor
            if a is None or a.country is None or a.country in skip:
                continue
            if all(p.country != a.country for p in found):
                found.append(Participant(m.text, a.country, a.country, a.country, None))
            if len(found) == 2:
                break
        return tuple(found) if len(found) == 2 else ()

    def subject(self, clause: int) -> tuple[Found, Found, bool]:
        """``(sources, passive targets, inherited)`` of a clause."""
        v = self.view
        subj, passive, inherited = v.clause_subject(clause)
        if subj is None:
            return Found((), ""), Found((), ""), inherited
        if passive and v.lemma(clause) in _STATIVE:
            passive = False
        if passive:
            agents = v.prep_objects(clause, "by")
            return (
                Found(self.actors.many(v, agents).mentions, "agent"),
                Found(self.actors.many(v, [subj]).mentions, "object"),
                inherited,
            )
        found = self.actors.many(v, [subj], place=True)
        how = "subject" if found.how == "mention" and not inherited else "inherited"
        if found.how in ("modifier", "of", "appos"):
            how = "possessor" if not inherited else "inherited"
        return Found(found.mentions, how), Found((), ""), inherited

    def own_modifiers(self, n: int) -> Found:
        """Actors of a nominal trigger's possessor/modifiers or its ``by`` phrase."""
        v = self.view
        si = v.sentence.index
        found: list[Mention] = []
        for c in v.kids(n, NOMINAL_MODS):
            for cc in v.conjuncts(c):
                f = self.actors.shallow(v, cc)
                found += [m for m in f.mentions if m not in found]
        if not found:
            found += list(self.actors.many(v, v.prep_objects(n, "by")).mentions)
        own = self.actors.at(si, n)
        if own is not None and own.head != n and own not in found:
            found.append(own)
        return Found(tuple(found), "possessor" if found else "")

    # mood ---------------------------------------------------------------------------------

    def mood(self, clause: int) -> tuple[bool, set[str]]:
        """``(negated, auxiliaries)`` of a clause, through transparent governors (``did not
        begin to``) and ``going to``."""
        v = self.view
        neg = v.is_negated(clause)
        aux = v.auxiliaries(clause)
        i = clause
        while v.tokens[i].dep == "xcomp" and v.tokens[i].head != i:
            h = v.tokens[i].head
            if v.lemma(h) == "go" and v.tokens[h].tag == "VBG":
                aux.add("will")
            elif v.lemma(h) not in self.data.transparent:
                break
            neg = neg or v.is_negated(h)
            aux |= v.auxiliaries(h)
            i = h
        return neg, aux

    def instrument(self, clause: int, subj: int | None) -> tuple[str, str] | None:
        """A weapon that refines a generic violent code: ``aircraft killed`` → 195."""
        v = self.view
        heads: list[int] = [subj] if subj is not None else []
        for p in v.kids(clause, ("prep", "agent")):
            if v.lemma(p) in _INSTRUMENT_PREPS:
                heads += v.kids(p, ("pobj",))
        for c in v.kids(clause, ("advcl", "acl")) + (v.kids(subj, ("acl",)) if subj else []):
            if v.lemma(c) == "use":
                heads += v.kids(c, ("dobj",))
        for h in heads:
            for j in v.conjuncts(h):
                for k in [j, *v.kids(j, ("compound", "amod"))]:
                    lemma = v.lemma(k)
                    if lemma in self.data.instruments:
                        return self.data.instruments[lemma], lemma
                    trig = self.matches.get(k)
                    if trig is not None and trig.code[:2] in ("18", "19", "20"):
                        return trig.code, lemma
        return None

    def retaliation_target(self, sources: Sequence[Participant]) -> tuple[Participant, ...]:
        """Who a retaliation is against: the source of the latest violent event in the
        article whose target is the retaliating country."""
        countries = {s.country for s in sources if s.country}
        for e in reversed(self.history):
            if e.cameo_root not in ("18", "19", "20") or e.target is None or e.source is None:
                continue
            if e.target.country in countries and e.source.country not in countries:
                return (e.source,)
        return ()


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
    ctx = _Sentence(view, data, actors, history)
    frames: list[Frame] = list(_reported_demands(ctx))
    order = sorted(ctx.matches, key=lambda i: (_depth(view, i), i))
    for i in order:
        if i in ctx.consumed:
            continue
        trig = ctx.matches[i]
        frame = _matrix(ctx, i, trig) if trig.comp else None
        if frame is None and i not in ctx.consumed:
            frame = _nominal(ctx, i, trig) if trig.pos == "NOUN" else _verbal(ctx, i, trig)
        if frame is not None:
            frames.append(frame)
    yield from _interlocutors(frames)


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


def _finish(
    ctx: _Sentence,
    *,
    code: str,
    index: int,
    tokens: Sequence[int],
    sources: Found,
    targets: tuple[tuple[Participant, ...], str],
    cues: list[str],
    strength: str,
    mood: str,
    retaliation: bool = False,
    need_both: bool = False,
) -> Frame | None:
    src = _participants(sources.mentions)
    tgt, tgt_how = targets
    if not tgt and retaliation:
        tgt, tgt_how = ctx.retaliation_target(src), "retaliation"
    if not tgt and not need_both:
        tgt, tgt_how = ctx.place(tokens, src), "place"
    if src and tgt:
        codes = {s.code for s in src}
        tgt = tuple(t for t in tgt if t.code not in codes)
    if need_both and not (src and tgt):
        return None
    if not any(_located(p) for p in (*src, *tgt)):
        return None
    if src:
        cues.append(f"source:{sources.how}")
    if tgt:
        cues.append(f"target:{tgt_how}")
    cues.append(f"mood:{mood}")
    return Frame(
        code=code,
        trigger_index=index,
        trigger_tokens=frozenset(tokens),
        sources=src,
        targets=tgt,
        cues=tuple(cues),
        strength=strength,
        source_how=sources.how,
        target_how=tgt_how,
        mood=mood,
    )


def _modal_code(code: str, neg: bool, aux: set[str], ctx: _Sentence, clause: int) -> str | None:
    """The code of an action in a modal/future clause, or ``None`` when nothing is stated."""
    root = code[:2]
    unless = ctx.view.has_condition(clause, ("unless",))
    if aux & MODALS:
        if neg:
            return frame_code("reject", code, "120") if root in _COOP_ROOTS | {"03"} else None
        if unless and root not in ("10", "11", "12", "13"):
            return frame_code("threat", code, "130")
        if root == "16":
            return code
        return frame_code("promise", code, code)
    if neg:
        return None
    if unless and root in CONFLICT_ROOTS - {"13"}:
        return frame_code("threat", code, "130")
    return code


def _matrix(ctx: _Sentence, m: int, trig: Trigger) -> Frame | None:
    v = ctx.view
    assert trig.comp is not None
    chain = ctx.complement(m, trig.comp)
    if not chain:
        return None
    if v.is_hypothetical(m):
        ctx.consumed.update(chain)
        return None
    ctx.consumed.update(chain)
    actions = [c for c in chain if c in ctx.matches]
    action = ctx.matches[actions[-1]] if actions else None
    neg, aux = ctx.mood(m)
    if neg:
        return None
    mode = trig.comp
    comp_neg = bool(chain) and v.is_negated(chain[0])
    if comp_neg and mode in ("intent", "promise"):
        mode = "reject"
    elif comp_neg:
        return None
    code = frame_code(mode, action.code if action else None, trig.code)
    sources, passive_targets, _ = ctx.subject(m)
    places = [(m, trig)] + [(c, ctx.matches[c]) for c in reversed(actions)]
    src = _participants(sources.mentions)
    targets = (
        (_participants(passive_targets.mentions), "object")
        if passive_targets.mentions
        else ctx.targets(places, src)
    )
    if not targets[0]:
        targets = ctx.chain_targets(chain, src)
    mood = "framed" if not aux & HEDGES else "modal"
    cues = [f"trigger:{trig.words}", f"frame:{trig.comp}"]
    if action is not None:
        cues.append(f"action:{action.words}")
    return _finish(
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


def _hearsay(v: SentenceView, i: int) -> bool:
    """``i`` is in what someone is suspected/accused of (``suspected of bombing``)."""
    for _ in range(4):
        tok = v.tokens[i]
        if tok.head == i or tok.dep not in ("pcomp", "pobj", "prep", "xcomp", "ccomp", "acl"):
            return False
        i = tok.head
        if v.lemma(i) in _HEARSAY:
            return True
    return False


def _unasserted(v: SentenceView, i: int) -> bool:
    """A verbal trigger that states no event: hypothetical, hearsay, a purpose (``to
    allow``), or a bare past participle with no agent (``a letter handed over``)."""
    tok = v.tokens[i]
    if v.is_hypothetical(i) or _hearsay(v, i):
        return True
    if tok.dep == "advcl" and "to" in v.auxiliaries(i):
        return True
    return tok.dep == "acl" and tok.tag == "VBN" and not v.prep_objects(i, "by")


def _verbal(ctx: _Sentence, i: int, trig: Trigger) -> Frame | None:
    v = ctx.view
    if _unasserted(v, i):
        return None
    neg, aux = ctx.mood(i)
    code = trig.code
    cues = [f"trigger:{trig.words}"]
    subj, _, _ = v.clause_subject(i)
    if code[:2] in ("18", "19") and code.endswith("0"):
        inst = ctx.instrument(i, subj)
        if inst is not None:
            code = inst[0]
            cues.append(f"instrument:{inst[1]}")
    tok = v.tokens[i]
    head = tok.head
    if tok.dep == "xcomp" and v.lemma(head) in ctx.data.intent_verbs:
        neg = neg or v.is_negated(head)
        aux |= {"will"} | ctx.mood(head)[1]
        cues.append(f"frame:intent:{v.lemma(head)}")
    framed = _modal_code(code, neg, aux, ctx, i)
    if framed is None:
        return None
    sources, passive_targets, _ = ctx.subject(i)
    src = _participants(sources.mentions)
    if passive_targets.mentions:
        targets = (_participants(passive_targets.mentions), "object")
    else:
        targets = ctx.targets([(i, trig)], src)
    if trig.needs_target and not targets[0]:
        return None
    mood = "plain" if framed == code and not aux & MODALS else "modal"
    return _finish(
        ctx,
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


def _light_verb(ctx: _Sentence, n: int) -> int | None:
    v = ctx.view
    tok = v.tokens[n]
    h = tok.head
    if tok.dep == "pobj" and v.lemma(h) == "of" and v.tokens[v.tokens[h].head].pos == "NOUN":
        q = v.tokens[h].head
        if q not in ctx.matches and v.tokens[q].dep in ("dobj", "attr", "nsubjpass"):
            n, tok, h = q, v.tokens[q], v.tokens[q].head
    if tok.dep in ("dobj", "attr", "nsubjpass") and v.tokens[h].pos in ("VERB", "AUX"):
        return h if v.lemma(h) in ctx.data.light_verbs else None
    if tok.dep == "pobj" and v.lemma(h) in ("in", "into", "under"):
        g = v.tokens[h].head
        lemma = v.lemma(g)
        if v.tokens[g].pos == "VERB" and (lemma in ctx.data.light_verbs or lemma in _UNDERGO):
            return g
    return None


def _standalone(code: str) -> bool:
    """Codes a noun phrase states on its own (``X's airstrikes on Y``, ``his call with Y``):
    violence and meetings; other nominals (``French mediation``, ``a pullback``) are often
    proposals or topics, not events."""
    return code[:2] in ("18", "19", "20") or (code[:2] == "04" and code != "045")


def _nominal(ctx: _Sentence, n: int, trig: Trigger) -> Frame | None:
    v = ctx.view
    if v.tokens[n].dep == "compound":
        n = v.tokens[n].head  # "a mediation effort": the carrier noun takes the arguments
    tok = v.tokens[n]
    if v.is_negated(n) or v.is_hypothetical(n):
        return None
    cues = [f"trigger:{trig.words}"]
    strength = "phrase" if trig.specificity else "lemma"
    lv = _light_verb(ctx, n)
    if lv is not None:
        neg, aux = ctx.mood(lv)
        code = _modal_code(trig.code, neg, aux, ctx, lv)
        if code is None:
            return None
        sources, _, _ = ctx.subject(lv)
        undergoer = v.lemma(lv) in _UNDERGO
        if undergoer:
            subject_as_target = (_participants(sources.mentions), "object")
            sources = ctx.own_modifiers(n)
        elif not sources.mentions:
            sources = ctx.own_modifiers(n)
        src = _participants(sources.mentions)
        light = Trigger(lemma=v.lemma(lv), pos="VERB", code=trig.code, targets=_LIGHT_ROLES)
        targets = subject_as_target if undergoer else ctx.targets([(n, trig), (lv, light)], src)
        cues.append(f"frame:light:{v.lemma(lv)}")
        mood = "plain" if code == trig.code and not aux & MODALS else "modal"
        return _finish(
            ctx, code=code, index=n, tokens=[lv, n], sources=sources, targets=targets,
            cues=cues, strength="phrase", mood=mood, retaliation=trig.retaliation,
        )  # fmt: skip
    sources = ctx.own_modifiers(n)
    src = _participants(sources.mentions)
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
            parts = tuple(p for p in _participants(found.mentions) if p not in src)
            if parts:
                targets = (parts, "role")
        cues.append("frame:nominal-subject")
        return _finish(
            ctx, code=trig.code, index=n, tokens=[n], sources=sources, targets=targets,
            cues=cues, strength=strength, mood="plain", need_both=not trig.retaliation,
            retaliation=trig.retaliation,
        )  # fmt: skip
    if not _standalone(trig.code) or _hearsay(v, n):
        return None
    cues.append("frame:nominal")
    return _finish(
        ctx, code=trig.code, index=n, tokens=[n], sources=sources, targets=targets,
        cues=cues, strength=strength, mood="plain", need_both=True,
    )  # fmt: skip


_UNDERGO = frozenset({"suffer", "endure", "sustain", "face", "undergo", "survive", "withstand"})
"""Verbs whose subject undergoes the event in their object: ``Chile suffered an attack``."""
_LIGHT_ROLES = ("with", "to", "against", "on", "between", "at", "dative", "for")


def _reported_demands(ctx: _Sentence) -> Iterator[Frame]:
    """``X said Y must do Z``: a demand (10x) by the speaker on the clause's subject."""
    v = ctx.view
    for r, tok in enumerate(v.tokens):
        if tok.pos != "VERB" or v.lemma(r) not in ctx.data.reporting:
            continue
        for c in v.kids(r, ("ccomp",)):
            if not v.auxiliaries(c) & _MUST or v.is_negated(c):
                continue
            sources, _, _ = ctx.subject(r)
            src = _participants(sources.mentions)
            subj, _, _ = v.clause_subject(c)
            if subj is None or not src:
                continue
            tgt = tuple(
                p
                for p in _participants(ctx.actors.many(v, [subj]).mentions)
                if p.code not in {s.code for s in src}
            )
            if not tgt:
                continue
            action = ctx.matches.get(c)
            code = frame_code("demand", action.code if action else None, "100")
            cues = [f"trigger:{v.lemma(r)}+must", "frame:reported-must"]
            if action is not None:
                cues.append(f"action:{action.words}")
            frame = _finish(
                ctx, code=code, index=c, tokens=[c], sources=sources,
                targets=(tgt, "role"), cues=cues, strength="phrase", mood="framed",
            )  # fmt: skip
            if frame is not None:
                ctx.consumed.add(c)
                yield frame
