"""Per-sentence rule context of the events stage: trigger matches, the complement search of
matrix words, and the argument finders (subjects, roles, fallbacks) that turn tokens into
:class:`~casus.model.Participant` values."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..model import Event, Mention, Participant
from .lexicon import VIOLENT, LexiconData, Trigger
from .match import marked_clauses, match_trigger
from .syntax import NOMINAL_MODS, ActorLookup, Found, SentenceView

__all__ = ["HEARSAY", "SentenceContext", "located_participant", "participants"]

_COMP_PREPS = frozenset({"for", "to", "on", "upon", "in", "of", "as", "into", "with"})
_BELOW_PREPS = frozenset({"for", "to", "in", "of", "on", "as"})
_SETTING = frozenset({"wake", "aftermath", "light", "face", "midst", "context", "view"})
"""Nouns of a phrase that sets the scene of an act, not its content: ``urged X to hold a vote
in the wake of the attack`` is no appeal to attack."""
_RECEIVING = frozenset(
    {"draw", "attract", "earn", "elicit", "receive", "get", "win", "face", "suffer", "endure"}
)
"""Verbs whose object comes from someone: the ``from`` phrase on the verb is the author of
the object noun (*drew condemnation from X*, *received aid from X*)."""
_SCENES = _SETTING | {"spirit", "response", "name", "course", "run-up", "event", "case"}
"""Nouns of an ``in`` phrase that sets the scene, not a place: ``in the spirit of``."""
_GENERIC = frozenset({"020", "030", "050", "051", "070", "100", "120", "130"})
"""Codes of nouns that only carry the action named below them (``assistance in
mediating``, ``offer of talks``, ``proposal for a truce``)."""
HEARSAY = frozenset({"suspect", "accuse", "allege", "charge", "blame", "rumour", "rumor"})
_DOCUMENTS = frozenset(
    {"resolution", "declaration", "statement", "communique", "communiqué", "text", "motion"}
)
"""Documents that demand, urge or call for what their authors do."""
_ISSUE = frozenset({"adopt", "pass", "issue", "approve", "release", "publish", "unveil", "table"})
"""Verbs by which an actor makes a document its own."""
_STATIVE = frozenset(
    {"oppose", "commit", "determine", "prepare", "dedicate", "resolve", "concern", "worry"}
)
_INSTRUMENT_PREPS = ("with", "by", "in", "using", "from")
_ATTACK_NOUNS = frozenset(
    {"attack", "strike", "airstrike", "raid", "shelling", "bombardment", "barrage", "salvo"}
)
"""Subjects that make a destruction an attack (190) when no weapon or lexicon entry says more."""
_BLASTS = frozenset({"bombing", "blast", "explosion", "shooting", "ambush", "bomb"})
"""Further violent subjects whose ``in`` phrase is where they struck, not who struck."""


def located_participant(p: Participant) -> bool:
    """An actor with a country or an international/non-state group code (not a bare
    sector such as ``MIL``): at least one is needed for an event."""
    return bool(p.country) or p.code[:3] in ("IGO", "NGO", "IMG", "MNC")


def participants(mentions: Sequence[Mention]) -> tuple[Participant, ...]:
    return tuple(Participant.from_mention(m) for m in mentions if m.actor is not None)


class SentenceContext:
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
                out += [o for o in v.kids(p, ("pobj", "pcomp")) if v.lemma(o) not in _SETTING]
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
        starts += [c for s in list(starts) for c in v.kids(s, ("conj",))]
        if mode != "reject":
            starts += v.kids(m, ("ccomp",))
        starts += v.kids(m, ("dobj",))
        for p in v.kids(m, ("prep",)):
            if v.lemma(p) in _COMP_PREPS or (mode == "negate" and v.lemma(p) == "from"):
                starts += v.kids(p, ("pobj", "pcomp"))  # "refrained from sending"
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
            if role == "dobj":  # a bare name read as a predicate is the object ("called X")
                heads = v.kids(i, ("dobj",)) or [
                    k for k in v.kids(i, ("oprd",)) if v.tokens[k].pos == "PROPN"
                ]
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
                for c in marked_clauses(v, i, role):  # "called for X to resign": X
                    subj, _, _ = v.clause_subject(c)
                    heads += [subj] if subj is not None else []
            heads = [h for h in heads if h not in self.consumed or h not in self.matches]
            if heads:
                out.append((role, heads))
        return out

    def targets(
        self,
        places: Sequence[tuple[int, Trigger]],
        sources: Sequence[Participant],
        chain: Sequence[int] = (),
    ) -> tuple[tuple[Participant, ...], str]:
        """Targets from the roles of each ``(token, entry)`` in turn, the first that names an
        actor; then the actor behind a framed noun of ``chain``; then roles one level down;
        then ``the two countries``; then, for violence, the first actor inside the role
        phrases, and for any act the subject of a relative clause on one."""
        tried: list[int] = []
        src_codes = frozenset(s.code for s in sources)
        for i, trig in places:
            for _role, heads in self.role_heads(i, trig):
                found = self.actors.many(self.view, heads)
                parts = tuple(p for p in participants(found.mentions) if p.code not in src_codes)
                if parts:
                    return parts, "role"
                tried.extend(heads)
        if chain:
            behind = self.chain_targets(chain, sources)
            if behind[0]:
                return behind
        authors = self.view.object_authors(tried)
        if authors:
            found = self.actors.many(self.view, authors)
            parts = tuple(p for p in participants(found.mentions) if p.code not in src_codes)
            if parts:
                return parts, "object-author"
        for i, trig in places:
            for _role, heads in self.role_heads_below(i, trig):
                found = self.actors.many(self.view, heads)
                parts = tuple(p for p in participants(found.mentions) if p.code not in src_codes)
                if parts:
                    return parts, "role-below"
        violent = any(trig.code[:2] in VIOLENT for _, trig in places)
        if violent and (named := self.actors.place_names(self.view, tried)):
            return named, "place-name"  # "struck Kharkiv": the country attacked
        for h in tried:
            group = self.group(h, sources)
            if group:
                return group, "group"
            # only violence takes an actor inside the phrase ("backed the transfer of arms to
            # X": the role model decides); any act takes the subject of a relative clause on
            # it ("offered condolences for the losses X suffered")
            found = self.actors.deep(self.view, h, src_codes, inside=violent)
            parts = participants(found.mentions)
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
        self, tokens: Sequence[int], sources: Sequence[Participant], *, named: bool = False
    ) -> tuple[Participant, ...]:
        """Last resort target: the country of an ``in``/``into`` place phrase on the trigger,
        its clause or its object (``imposed a curfew in X``); with ``named``, a place name
        no actor covers counts too (``shelled positions in Bakhmut``)."""
        v = self.view
        codes = {s.code for s in sources}
        countries = {s.country for s in sources}
        heads: list[int] = []
        for t in tokens:
            heads += [t, *v.kids(t, ("dobj",))]
        for h in heads:
            for role in ("in", "into", "inside"):
                for o in v.prep_objects(h, role):
                    if v.tokens[o].pos == "PRON" or v.lemma(o) in _SCENES:
                        continue  # "in the aftermath of X's invasion", "in what X called"
                    found = self.actors.many(v, [o])
                    parts = tuple(
                        p for p in participants(found.mentions) if p.country and p.code not in codes
                    )
                    if not parts and named:
                        parts = tuple(
                            p for p in self.actors.place_names(v, [o]) if p.country not in countries
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
        countries = {s.country for s in sources if s.country}
        for c in chain:
            if v.tokens[c].pos != "NOUN":
                continue
            found = self.own_modifiers(c)
            mentions = list(found.mentions) or list(
                self.actors.many(v, v.prep_objects(c, "from") + v.prep_objects(c, "by")).mentions
            )
            parts = tuple(
                p
                for p in participants(mentions)
                if p.code not in codes and p.country not in countries
            )
            if parts:
                return parts, "modifier"
        for c in chain:
            for a in v.kids(c, ("advcl",)):
                if v.marks(a) & {"unless", "if"}:
                    subj, _, _ = v.clause_subject(a)
                    if subj is None:
                        continue
                    found = self.actors.many(v, [subj])
                    parts = tuple(p for p in participants(found.mentions) if p.code not in codes)
                    if parts:
                        return parts, "condition"
        return (), ""

    def group(self, h: int, sources: Sequence[Participant]) -> tuple[Participant, ...]:
        """``the two nations``/``both countries``: the last two other countries named."""
        v = self.view
        if v.lemma(h) not in self.data.group_nouns:
            return ()
        dets = {v.lemma(c) for c in v.kids(h, ("det", "nummod", "predet", "preconj"))}
        if not dets & {"two", "both", "all"}:
            return ()
        skip = {s.country for s in sources if s.country}
        fighting = self._conflict_pair(skip)
        if fighting:  # "urged both sides to stop": the two sides the story has fighting
            return fighting
        if "all" in dets:
            return ()
        found: list[Participant] = []
        for m in reversed(self.actors.before(v.sentence.index, h)):
            a = m.actor
            if a is None or a.country is None or a.country in skip:
                continue
            if all(p.country != a.country for p in found):
                name = a.name if a.code == a.country else a.country
                found.append(Participant(m.text, name, a.country, a.country, None))
            if len(found) == 2:
                break
        return tuple(found) if len(found) == 2 else ()

    def _conflict_pair(self, skip: set[str]) -> tuple[Participant, ...]:
        """The two countries of the story's busiest conflict dyad so far (threats, force,
        violence), neither of them in ``skip``; ``()`` when there is none."""
        pairs: Counter[tuple[str, str]] = Counter()
        for e in self.history:
            if e.cameo_root < "13" or e.source is None or e.target is None:
                continue
            a, b = e.source.country, e.target.country
            if a and b and a != b and a not in skip and b not in skip:
                pairs[(min(a, b), max(a, b))] += 1
        if not pairs:
            return ()
        (a, b), _ = pairs.most_common(1)[0]
        return tuple(Participant("", c, c, c, None) for c in (a, b))

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
                self._patient(subj),
                inherited,
            )
        found = self.actors.many(v, [subj], place=True)
        if found.how == "in" and v.lemma(subj) in _ATTACK_NOUNS | _BLASTS:
            found = Found((), "")  # "bombings in X's churches killed ...": X is the place
        if not found.mentions and v.lemma(subj) in _DOCUMENTS:
            found = self._author(subj)  # "the Assembly's resolution demands ..."
        if v.tokens[subj].pos == "NOUN" and not any(_located(m) for m in found.mentions):
            found = self._members(subj, clause) or found
        if not found.mentions and v.tokens[subj].pos == "PRON":
            reporter = self.reporter(subj)
            if reporter.mentions:
                return reporter, Found((), ""), True
        if found.mentions:
            extra = [m for m in self._companions(subj, clause) if m not in found.mentions]
            found = Found(found.mentions + tuple(extra), found.how)
        how = "subject" if found.how == "mention" and not inherited else "inherited"
        if found.how in ("modifier", "of", "appos"):
            how = "possessor" if not inherited else "inherited"
        return Found(found.mentions, how), Found((), ""), inherited

    def _author(self, doc: int) -> Found:
        """The author of a document noun that acts (*the Assembly resolution urges*, *a
        resolution, adopted by X, demands*, *X adopted a resolution demanding*): its own
        modifiers, else the subject of the verb that adopts or issues it."""
        v = self.view
        found = self.own_modifiers(doc)
        if not found.mentions and v.tokens[doc].dep == "dobj":
            head = v.tokens[doc].head
            if v.lemma(head) in _ISSUE:
                subj, passive, _ = v.clause_subject(head)
                if subj is not None and not passive and v.lemma(subj) not in _DOCUMENTS:
                    found = self.actors.many(v, [subj])
        return Found(found.mentions, "possessor" if found.mentions else "")

    def _companions(self, subj: int, clause: int) -> tuple[Mention, ...]:
        """Actors who act with the subject: *A, along with B, signed ...*, *A together with
        B attacked ...* (the phrase on the subject, or on the verb before it)."""
        v = self.view
        heads = v.kids(subj, ("prep", "advmod")) + [
            k
            for k in v.kids(clause, ("prep", "advmod"))
            if subj < k < clause or v.tokens[k].text.lower() == "with"
        ]
        withs: list[int] = []
        for h in heads:
            word = v.tokens[h].text.lower()
            if word == "along" or word == "together":
                withs += [w for w in v.kids(h, ("prep",)) if v.lemma(w) == "with"]
            elif word == "with" and any(
                v.tokens[c].text.lower() == "together"
                or (v.tokens[c].text.lower() == "along" and h < clause)
                for c in v.kids(h, ("advmod", "prep"))
            ):
                withs.append(h)
        if not withs:
            return ()
        objs = [o for w in withs for o in v.kids(w, ("pobj",))]
        return self.actors.many(v, objs).mentions

    def _members(self, subj: int, clause: int) -> Found | None:
        """The actors a group subject is said to include: *several countries, including A
        and B, condemned ...*, *countries such as A have ...* (the list may also hang on the
        verb or its object: *countries condemned the strikes, including A and B*)."""
        v = self.view
        if v.lemma(subj) not in self.data.group_nouns | _MEMBER_GROUPS:
            return None
        for h in (subj, clause, *self._clause_nouns(clause)):
            for p in v.kids(h, ("prep",)):
                word = v.tokens[p].text.lower()
                if word == "such" or word == "like":
                    continue
                if word == "including" or (
                    word == "as"
                    and v.lemma(h) != "as"
                    and any(
                        v.tokens[c].text.lower() == "such" for c in v.kids(p, ("amod", "advmod"))
                    )
                ):
                    found = self.actors.many(v, v.kids(p, ("pobj",)))
                    if h not in (subj, clause) and any(m.via == "metonym" for m in found.mentions):
                        continue  # "strikes on cities including Kyiv": places, not members
                    if any(_located(m) for m in found.mentions):
                        return Found(found.mentions, "mention")
        return None

    def _clause_nouns(self, clause: int) -> list[int]:
        """The object of the clause and the nouns of its prepositional phrases, one level
        down (where a parser may hang a trailing *including ...* list)."""
        v = self.view
        out = v.kids(clause, ("dobj",))
        for p in v.kids(clause, ("prep",)) + [q for o in out for q in v.kids(o, ("prep",))]:
            out = out + v.kids(p, ("pobj",))
        return out

    def passive_place(self, clause: int) -> tuple[Participant, ...]:
        """The country of a place name that is the passive subject of ``clause`` (``Kharkiv
        was shelled``)."""
        subj, passive, _ = self.view.clause_subject(clause)
        if subj is None or not passive:
            return ()
        return self.actors.place_names(self.view, [subj])

    def _patient(self, subj: int) -> Found:
        """Actors of a passive subject, with the first actor inside it as a fallback (``a
        camp for X refugees was attacked``)."""
        found = self.actors.many(self.view, [subj], place=True)
        if found.mentions:
            return Found(found.mentions, "object")
        deep = self.actors.deep(self.view, subj)
        return Found(deep.mentions, "deep")

    def reporter(self, pron: int) -> Found:
        """An unresolved pronoun subject of a clause reported by a speaker stands for that
        speaker: ``the Kremlin said it was ready to ...``."""
        v = self.view
        clause = v.tokens[pron].head
        for _ in range(3):
            tok = v.tokens[clause]
            if tok.head == clause:
                return Found((), "")
            head = tok.head
            if tok.dep == "ccomp" and v.lemma(head) in self.data.reporting:
                speaker = v.kid(head, ("nsubj",))
                if speaker is None or v.tokens[speaker].pos == "PRON":
                    return Found((), "")
                found = self.actors.many(v, [speaker])
                return Found(found.mentions, "inherited")
            if tok.dep not in ("conj", "xcomp", "acomp"):
                return Found((), "")
            clause = head
        return Found((), "")

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
        if not found:  # "condemnation from X", "a request made by X"
            heads = v.prep_objects(n, "from")
            tok = v.tokens[n]
            if tok.dep == "dobj" and v.lemma(tok.head) in _RECEIVING:
                heads += v.prep_objects(tok.head, "from")  # "drew condemnation from X"
            for c in v.kids(n, ("acl",)):
                if v.tokens[c].tag == "VBN":
                    heads += v.prep_objects(c, "by")
            found += list(self.actors.many(v, heads).mentions)
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
        tok = v.tokens[clause]
        if tok.dep == "conj" and not aux and not v.kids(clause, ("nsubj", "nsubjpass")):
            aux = v.auxiliaries(tok.head)  # "will hunt and kill them": the modal is shared
        i = clause
        seen = {i}
        while v.tokens[i].dep == "xcomp" and v.tokens[i].head not in seen:
            h = v.tokens[i].head
            seen.add(h)
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
        for h in list(heads):  # "militiamen armed with machetes"
            for c in v.kids(h, ("acl",)):
                heads += v.prep_objects(c, "with") + v.kids(c, ("dobj",))
        return self._weapon(heads, subject=False)

    def weapon_subject(self, subj: int) -> tuple[str, str] | None:
        """The attack a destruction's subject names: a weapon (``drones damaged``, code from
        ``instruments``) or a violent noun (``the shelling destroyed``); otherwise 190 when
        the subject is the generic ``attack`` or ``strike``."""
        return self._weapon([subj], subject=True)

    def _weapon(self, heads: list[int], subject: bool) -> tuple[str, str] | None:
        """The first weapon or violent trigger among the heads, their conjuncts and their
        modifiers, with its code. As a destruction's ``subject`` a violent trigger must be a
        noun, and a generic attack noun gives 190."""
        v = self.view
        for h in heads:
            for j in v.conjuncts(h):
                for k in [j, *v.kids(j, ("compound", "amod"))]:
                    lemma = v.lemma(k)
                    if lemma in self.data.instruments:
                        return self.data.instruments[lemma], lemma
                    trig = self.matches.get(k)
                    if (
                        trig is not None
                        and trig.code[:2] in VIOLENT
                        and (trig.pos == "NOUN" or not subject)
                    ):
                        return trig.code, lemma
                    if subject and lemma in _ATTACK_NOUNS:
                        return "190", lemma
        return None

    def last_attack(self) -> Event | None:
        """The latest violent event before this one in the article with a located author:
        what *the attacks* or *the strikes* of a later sentence refer to."""
        for e in reversed(self.history):
            if e.cameo_root in ("18", "19", "20") and e.source is not None and e.source.country:
                return e
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


_MEMBER_GROUPS = frozenset({"leader", "body", "organization", "organisation", "member"})
"""Group nouns besides the lexicon's (``group_nouns``) whose members a list can name."""


def _located(m: Mention) -> bool:
    a = m.actor
    return a is not None and bool(a.country or a.code[:3] in ("IGO", "NGO", "IMG"))
