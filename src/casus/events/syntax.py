"""Dependency-parse helpers for the events stage: a per-sentence view with child lists, clause
subjects through conjunction/control chains, negation and mood, and the actor lookup from a
token to the resolved mentions it stands for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..model import Actor, Article, Mention, Participant, Sentence, Token

__all__ = ["ActorLookup", "Found", "SentenceView", "in_country", "national"]

SUBJ = ("nsubj", "nsubjpass", "csubj", "csubjpass", "expl")
NOMINAL_MODS = ("poss", "compound", "amod", "nmod", "npadvmod")
CLAUSE_DEPS = frozenset({"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "pcomp"})
RELATIVE = frozenset({"which", "who", "that", "whom", "whose"})
OBJECT_PREPS = frozenset({"for", "of", "into"})
"""Prepositions whose gerund takes the governing verb's object as its subject."""
SUBJECT_CONTROL = frozenset(
    {"promise", "pledge", "vow", "visit", "meet", "call", "phone", "host", "receive", "use"}
)
"""Verbs with an object whose infinitive complement is still the subject's act: *promised
Kyiv to send*, *visited Y to press*, *called Y to discuss*, *used drones to strike*."""
MODALS = frozenset({"will", "would", "shall", "may", "might", "could", "can", "'ll", "wo"})
HEDGES = frozenset({"may", "might", "could", "can"})
NEG_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
HYPO_MARKS = frozenset({"if", "unless", "whether", "before", "until", "till", "lest", "once"})


@dataclass(frozen=True, slots=True)
class Found:
    """Actors found for one argument slot and how (for cues)."""

    mentions: tuple[Mention, ...]
    how: str


_AUTHORING = frozenset(
    {"impose", "take", "make", "carry", "launch", "announce", "issue", "adopt", "propose",
     "order", "commit", "conduct", "pass", "introduce", "sign", "draft", "submit", "table",
     "put", "file", "bring", "stage", "mount", "enact", "perpetrate", "initiate", "unveil"}
)  # fmt: skip
"""Verbs of doing or making: *the sanctions imposed by X* are X's."""


class SentenceView:
    """Indexes one parsed sentence: children by head, the root, question-ness."""

    __slots__ = ("children", "sentence", "tokens")

    def __init__(self, sentence: Sentence) -> None:
        self.sentence = sentence
        self.tokens: Sequence[Token] = sentence.tokens
        kids: list[list[int]] = [[] for _ in self.tokens]
        for t in self.tokens:
            if t.head != t.i and 0 <= t.head < len(kids):
                kids[t.head].append(t.i)
        self.children = kids

    @property
    def is_question(self) -> bool:
        return bool(self.tokens) and self.tokens[-1].text == "?"

    def kids(self, i: int, deps: Iterable[str] | None = None) -> list[int]:
        if deps is None:
            return self.children[i]
        want = set(deps)
        return [c for c in self.children[i] if self.tokens[c].dep in want]

    def kid(self, i: int, deps: Iterable[str]) -> int | None:
        found = self.kids(i, deps)
        return found[0] if found else None

    def lemma(self, i: int) -> str:
        return self.tokens[i].lemma.lower()

    def object_authors(self, heads: Sequence[int]) -> list[int]:
        """Who did the thing an object names, by its ``by`` phrase: *the raid by X*, *the
        sanctions imposed by X*, *the decision taken by X*."""
        out: list[int] = []
        for h in heads:
            if self.tokens[h].pos != "NOUN":
                continue
            out += self.prep_objects(h, "by")
            for a in self.kids(h, ("acl",)):
                if self.lemma(a) in _AUTHORING:  # not "the deal welcomed by X"
                    for g in self.kids(a, ("agent",)):
                        out += self.kids(g, ("pobj",))
        return out

    def prep_objects(self, i: int, prep: str) -> list[int]:
        """Objects of preposition ``prep`` attached to ``i`` (``spoke with A``)."""
        out: list[int] = []
        for p in self.kids(i, ("prep", "agent", "dative")):
            tok = self.tokens[p]
            if tok.lemma.lower() != prep and tok.text.lower() != prep:
                continue
            out.extend(self.kids(p, ("pobj", "pcomp")))
        return out

    def conjuncts(self, i: int) -> list[int]:
        """``i`` and every token conjoined to it (``A, B and C``); a name in apposition
        that heads conjoined names is a list the parser misread (``A, the B, C and D``)."""
        out, todo = [i], [i]
        while todo:
            for c in self.kids(todo.pop(), ("conj", "appos")):
                if c not in out and (self.tokens[c].dep == "conj" or self._listed(c)):
                    out.append(c)
                    todo.append(c)
        return out

    def _listed(self, c: int) -> bool:
        tok = self.tokens[c]
        names = [k for k in self.kids(c, ("conj",)) if self.tokens[k].pos == "PROPN"]
        return tok.dep == "appos" and tok.pos == "PROPN" and bool(names)

    def clause_subject(self, v: int) -> tuple[int | None, bool, bool]:
        """The subject of the clause of verb ``v``: ``(token, passive, inherited)``.

        Climbs conjunction, control (xcomp), participle (advcl) and prepositional gerund
        chains; the subject of a relative clause is its head noun; a participle modifying a
        noun (``forces using missiles``) has that noun as its subject (its patient when it is
        a past participle: ``weapons seized``).
        """
        inherited = False
        start: int | None = v
        seen: set[int] = set()
        while v not in seen:
            seen.add(v)
            subjects = self.kids(v, SUBJ)
            # two subjects: the later one, nearer the verb; the first is a dateline or a
            # misparse ("MOSCOW - The Kremlin condemned")
            subj = subjects[-1] if subjects else None
            if subj is not None:
                passive = self.tokens[subj].dep in ("nsubjpass", "csubjpass")
                if passive and inherited and start is not None and not self.is_passive(start):
                    passive = False
                if not passive and start is not None and self._passive_conjunct(start):
                    passive = True  # "X held Y and was freed by Z": X is freed, not freeing
                if self.tokens[subj].lemma.lower() in RELATIVE and self.tokens[v].dep == "relcl":
                    return self.tokens[v].head, passive, True
                return subj, passive, inherited
            tok = self.tokens[v]
            if tok.head == v:
                break
            if tok.dep == "xcomp" and (obj := self.controller(tok.head)) is not None:
                return obj, False, True
            if tok.dep in ("conj", "xcomp", "advcl", "acomp"):
                v, inherited = tok.head, True
                continue
            if tok.dep in ("acl", "relcl"):
                return tok.head, tok.tag == "VBN", True
            if tok.dep in ("pcomp", "pobj"):
                prep = tok.head
                if (
                    self.lemma(prep) in OBJECT_PREPS
                    and (obj := self.controller(self.tokens[prep].head)) is not None
                ):
                    return obj, False, True
                v, inherited = self.tokens[prep].head, True
                continue
            break
        return None, False, inherited

    def _passive_conjunct(self, v: int) -> bool:
        """``v`` is a conjoined verb with a passive auxiliary of its own and no subject (``...
        and was freed by Z``): the subject it inherits undergoes it."""
        tok = self.tokens[v]
        return tok.dep == "conj" and bool(self.kids(v, ("auxpass",))) and self.kid(v, SUBJ) is None

    def controller(self, v: int) -> int | None:
        """The direct object of verb ``v`` that is the understood subject of its complement
        (object control): ``forced Poland to send``, ``praised Poland for sending``, ``accused
        Kenya of shelling`` (``promised Kyiv to send`` keeps its subject)."""
        if self.tokens[v].pos not in ("VERB", "AUX") or self.lemma(v) in SUBJECT_CONTROL:
            return None
        return self.kid(v, ("dobj",))

    def is_passive(self, v: int) -> bool:
        tok = self.tokens[v]
        return bool(self.kids(v, ("auxpass", "nsubjpass"))) or (
            tok.tag == "VBN" and not self.kids(v, ("aux",))
        )

    def is_negated(self, i: int) -> bool:
        for c in self.children[i]:
            t = self.tokens[c]
            if t.dep == "neg" or (t.dep in ("advmod", "det") and t.text.lower() in NEG_WORDS):
                return True
        return False

    def auxiliaries(self, i: int) -> set[str]:
        return {self.tokens[c].text.lower() for c in self.kids(i, ("aux", "auxpass"))}

    def marks(self, i: int) -> set[str]:
        return {self.tokens[c].text.lower() for c in self.kids(i, ("mark",))}

    def is_hypothetical(self, i: int) -> bool:
        """``i`` sits in an if/unless/whether clause (between it and its clause root)."""
        seen: set[int] = set()
        while i not in seen:
            seen.add(i)
            if self.marks(i) & HYPO_MARKS:
                return True
            tok = self.tokens[i]
            if tok.head == i or tok.dep not in ("conj", "xcomp", "dobj", "pobj", "prep", "acomp"):
                return False
            i = tok.head
        return False

    def has_condition(self, i: int, marks: Iterable[str] = ("if", "unless")) -> bool:
        """``i`` governs an if/unless clause: ``will withdraw unless ...``."""
        want = set(marks)
        return any(self.marks(c) & want for c in self.kids(i, ("advcl",)))

    def subtree(self, i: int, skip: frozenset[str] = CLAUSE_DEPS) -> list[int]:
        out, todo, seen = [], [i], {i}
        while todo:
            j = todo.pop()
            out.append(j)
            for c in self.children[j]:
                if c not in seen and self.tokens[c].dep not in skip:
                    seen.add(c)
                    todo.append(c)
        return sorted(out)


def _plausible(m: Mention) -> bool:
    """Drop a named-entity mention that is a short lower-case common word (``car`` read as
    the code of a country); pronouns and sector nouns are kept."""
    return not (m.label not in ("PRON", "ACTOR") and m.text.islower() and len(m.text) <= 3)


def _one_per_country(found: Sequence[Mention]) -> tuple[Mention, ...]:
    """Stacked modifiers of one head name one actor ("Chinese leader Xi": the leader, not
    China as well): of the mentions of one country only the first with a sector stays
    (coordinated ones, "Chilean and Peruvian officials", are of different countries)."""
    out: list[Mention] = []
    for m in found:
        a = m.actor
        assert a is not None
        same = [
            n
            for n, o in enumerate(out)
            if o.actor is not None and a.country and o.actor.country == a.country
        ]
        if not same:
            out.append(m)
            continue
        kept = out[same[0]].actor
        if a.sector and kept is not None and not kept.sector:
            out[same[0]] = m
    return tuple(out)


def located(m: Mention) -> bool:
    """The mention's actor has a country or a group code (not a bare sector like ``MIL``)."""
    a = m.actor
    return a is not None and (bool(a.country) or a.code[:3] in ("IGO", "NGO", "IMG", "MNC"))


def in_country(p: Participant, country: str) -> Participant:
    """A generic agent (``police``, ``troops``) keeping its words and sector, placed in
    ``country`` (``KENCOP``)."""
    return replace(p, code=country + (p.sector or ""), country=country)


def national(country: str, sector: str, name: str) -> Participant:
    """A country's sector named by no mention: its people (``CVL``), its government (``GOV``)."""
    return Participant(
        text="", name=f"{country} {name}", code=country + sector, country=country, sector=sector
    )


_SETTLEMENTS = frozenset(
    {"city", "town", "village", "port", "region", "province", "district", "capital", "suburb"}
)
"""Nouns that name a place by an ``of`` phrase: *the city of X*, *the port of Y*."""


class ActorLookup:
    """Resolved mentions by ``(sentence_index, head token)`` and by covered token."""

    __slots__ = ("by_head", "by_token", "ordered", "places", "same_head")

    def __init__(
        self, article: Article, places: Mapping[tuple[int, int], str] | None = None
    ) -> None:
        self.places: Mapping[tuple[int, int], str] = {} if places is None else places
        """The country of each place name no actor covers, by ``(sentence, head token)``."""
        self.by_head: dict[tuple[int, int], Mention] = {}
        self.by_token: dict[tuple[int, int], Mention] = {}
        self.ordered: list[Mention] = sorted(
            (m for m in article.mentions if m.actor is not None),
            key=lambda m: (m.sentence_index, m.tok_start),
        )
        self.ordered = [m for m in self.ordered if _plausible(m)]
        self.same_head: dict[tuple[int, int], list[Mention]] = {}
        for m in self.ordered:
            self.by_head.setdefault((m.sentence_index, m.head), m)
            self.same_head.setdefault((m.sentence_index, m.head), []).append(m)
            for t in range(m.tok_start, m.tok_end):
                self.by_token.setdefault((m.sentence_index, t), m)

    def place_names(self, view: SentenceView, heads: Sequence[int]) -> tuple[Participant, ...]:
        """The countries of the place names among ``heads`` and their conjuncts (``struck
        Kharkiv and Odesa``), one participant per country, for the side of a place attacked."""
        si = view.sentence.index
        out: dict[str, Participant] = {}
        named = [*heads]
        for h in heads:  # "the city of Kharkiv": the name the settlement noun governs
            if view.lemma(h) in _SETTLEMENTS:
                named += view.prep_objects(h, "of")
        for h in named:
            for c in view.conjuncts(h):
                country = self.places.get((si, c))
                if country and country not in out and self.at(si, c) is None:
                    text = view.tokens[c].text
                    out[country] = Participant(
                        text=text, name=text, code=country, country=country, sector=None
                    )
        return tuple(out.values())

    def before(self, si: int, i: int) -> list[Mention]:
        """Resolved mentions of the article before token ``i`` of sentence ``si``."""
        return [m for m in self.ordered if (m.sentence_index, m.tok_start) < (si, i)]

    def at(self, si: int, i: int) -> Mention | None:
        return self.by_head.get((si, i)) or self.by_token.get((si, i))

    def shallow(self, view: SentenceView, i: int, *, place: bool = False, depth: int = 0) -> Found:
        """:meth:`_shallow`, except that the supporters of a leader or a government are its
        country's people (*X's supporters stormed the parliament*: civilians, not X's state)."""
        found = self._shallow(view, i, place=place, depth=depth)
        if view.lemma(i) not in _FOLLOWERS or self.at(view.sentence.index, i) is not None:
            return found
        return Found(tuple(_people(m) for m in found.mentions), found.how)

    def _shallow(self, view: SentenceView, i: int, *, place: bool = False, depth: int = 0) -> Found:
        """Actors of the phrase headed by ``i``: its own mention, else those of its
        possessor/compound/adjective modifiers (with their conjuncts), else its ``of``
        phrase or apposition (with ``place``, also its ``in`` phrase: ``protesters in X``).
        A mention without a country (a bare sector) gives way to located modifiers, and
        coordinated modifiers (``A and B officials``) give one actor each."""
        si = view.sentence.index
        own = self.at(si, i)
        clause = view.tokens[i].head
        if (
            depth == 0
            and view.lemma(i) in RELATIVE
            and view.tokens[clause].dep == "relcl"
            and len(view.conjuncts(view.tokens[clause].head)) > 1
        ):
            # "A, B and C, which he thanked": the relative stands for every conjunct
            listed = self.many(view, [view.tokens[clause].head])
            if listed.mentions:
                return Found(listed.mentions, "mention")
        if own is not None and located(own) and own.label == "PRON":
            # "they" may stand for several listed actors (one mention each).
            group = [m for m in self.same_head.get((si, i), ()) if m.label == "PRON"]
            return Found(tuple(group) if own in group else (own,), "mention")
        found: list[Mention] = []
        for c in view.kids(i, NOMINAL_MODS):
            for cc in view.conjuncts(c):
                m = self.at(si, cc)
                if m is None or m is own:
                    m = None
                    for g in view.kids(cc, NOMINAL_MODS):
                        m = self.at(si, g) or m
                if m is not None and m is not own and located(m) and m not in found:
                    found.append(m)
        if own is not None:
            countries = {m.actor.country for m in found if m.actor is not None}
            if located(own) and len(countries) < 2:
                return Found((own, *self._more_of(view, i, own)), "mention")
            if not found:
                sub = self._phrases(view, i, place, depth)
                return sub if sub.mentions else Found((own,), "mention")
        if found:
            return Found(_one_per_country(found), "modifier")
        if depth > 3:
            return Found((), "")
        if view.tokens[i].pos in ("VERB", "AUX"):
            subj = view.kid(i, ("nsubj",))
            if subj is not None and subj != i:
                return self.shallow(view, subj, place=place, depth=depth + 1)
        return self._phrases(view, i, place, depth)

    def _more_of(self, view: SentenceView, i: int, own: Mention) -> list[Mention]:
        """The further conjoined countries of the ``of`` phrase that gave a mention its
        country ("the leaders of Japan and Korea": Korea too)."""
        si = view.sentence.index
        out: list[Mention] = []
        for c in view.prep_objects(i, "of"):
            first = self.at(si, c)
            if first is None or first.actor is None or own.actor is None:
                continue
            if first is not own and first.actor.country != own.actor.country:
                continue
            for cc in view.conjuncts(c)[1:]:
                x = self.at(si, cc)
                if x is not None and x is not own and located(x) and x not in out:
                    out.append(x)
        return out

    def _phrases(self, view: SentenceView, i: int, place: bool, depth: int = 0) -> Found:
        si = view.sentence.index
        options = [(view.prep_objects(i, "of"), "of"), (view.kids(i, ("appos",)), "appos")]
        if place:
            options.append((view.prep_objects(i, "in"), "in"))
        if view.lemma(i) in _AUTHORED:  # "the announcement by X", "an offer from X": X's
            options += [(view.prep_objects(i, "by"), "of"), (view.prep_objects(i, "from"), "of")]
        for extra, how in options:
            for c in extra:
                m = self.at(si, c)
                if m is None or not located(m):
                    sub = (
                        self.shallow(view, c, depth=depth + 1) if how != "appos" else Found((), "")
                    )
                    if any(located(x) for x in sub.mentions):
                        return Found(sub.mentions, how)
                    continue
                return Found((m,), how)
        return Found((), "")

    def deep(
        self,
        view: SentenceView,
        i: int,
        skip: frozenset[str] = frozenset(),
        *,
        inside: bool = True,
    ) -> Found:
        """First located actor inside the phrase of ``i`` (not in its clauses; codes in
        ``skip`` ignored; only with ``inside``), else the subject of a relative clause on it
        (``the losses Chile suffered``)."""
        si = view.sentence.index
        for j in view.subtree(i) if inside else ():
            m = self.at(si, j)
            if m is not None and m.actor is not None and located(m) and m.actor.code not in skip:
                return Found((m,), "deep")
        for rc in view.kids(i, ("relcl",)):
            subj = view.kid(rc, ("nsubj",))
            if subj is not None and view.lemma(subj) not in RELATIVE:
                f = self.shallow(view, subj)
                if f.mentions:
                    return Found(f.mentions, "deep")
        return Found((), "")

    def many(self, view: SentenceView, heads: Sequence[int], *, place: bool = False) -> Found:
        """Shallow actors of each conjunct of each head; ``how`` from the first found."""
        out: list[Mention] = []
        how = ""
        for h in heads:
            for c in view.conjuncts(h):
                f = self.shallow(view, c, place=place)
                for m in f.mentions:
                    if m not in out:
                        out.append(m)
                        how = how or f.how
        return Found(tuple(out), how)


_AUTHORED = frozenset(
    {
        "announcement", "decision", "proposal", "offer", "statement", "remark", "comment",
        "move", "plan", "request", "demand", "claim", "accusation", "decree", "order", "bid",
        "initiative", "warning", "pledge", "promise", "ultimatum", "invitation", "appeal",
    }
)  # fmt: skip
"""Nouns of what someone says or decides: their ``by``/``from`` phrase names the one whose it
is, as a possessor would (*the announcement by X* is X's announcement)."""
_FOLLOWERS = frozenset({"supporter", "supporters", "follower", "followers", "backer", "backers"})
_PEOPLE_SECTORS = frozenset({"CVL", "OPP", "EDU", "LAB", "REL", "AGR", "REF"})


def _people(m: Mention) -> Mention:
    """Mention ``m`` as its country's civilians (kept when it already names a crowd)."""
    a = m.actor
    if a is None or not a.country or a.sector in _PEOPLE_SECTORS:
        return m
    code = f"{a.country}CVL"
    return replace(m, actor=Actor(code=code, name=a.name, country=a.country, sector="CVL"))
