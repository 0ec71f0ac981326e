"""Completing an event's missing source or target (private helper of :mod:`casus.events`).

Real news almost always names both sides of an event, but often not where the parse puts
them: the target of "condemned the attack" is in another clause, an earlier sentence or only
the article's subject. When the syntax rules leave a role empty, every other actor of the
article (grouped by country, or IGO/NGO/IMG group) is a candidate, described by features that
are general and language-level: how far it is from the trigger (sentences, tokens, before or
after), its dependency relation and governing preposition, whether it sits under the trigger,
how often and how early the article names it, its entity label, and the event's CAMEO root.
A linear model learned from ``news_train`` (``casus train``) scores them, and the best one
fills the role. The weights are a small JSON file in ``data/`` (``roles.json``); without it,
:data:`RULE_WEIGHTS`, a hand-set ranking (nearest located actor on the right side), is used.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from types import MappingProxyType

from ..errors import ConfigError
from ..model import Article, Event, Mention, Participant, Token, make_event_id
from ._roles_things import met_nobody, objects, probe_of_thing
from .frame import THIRD_PARTY
from .lexicon import VIOLENT
from .members import with_members
from .syntax import in_country, national

__all__ = [
    "ROLES",
    "RULE_WEIGHTS",
    "Candidate",
    "RoleModel",
    "candidates",
    "complete_roles",
    "country_key",
    "features",
    "unlocated",
]

ROLES = ("target", "source")
_GROUPS = ("IGO", "NGO", "IMG", "MNC")
_FILE = "roles.json"

RULE_WEIGHTS: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        # Nearest actor after the trigger in its sentence, else before it, else the sentence
        # before, else the article's most named actor.
        "target": MappingProxyType(
            {"sd=0": 4.0, "side=after": 1.0, "sd=-1": 2.0, "sd=-2": 1.0, "near=1": 0.5}
        ),
        "source": MappingProxyType(
            {"sd=0": 4.0, "side=before": 1.0, "sd=-1": 2.0, "sd=-2": 1.0, "near=1": 0.5}
        ),
    }
)


def country_key(code: str, country: str | None) -> str:
    """The level events are compared at: the ISO3 country, else the group (``IGOUNO`` →
    ``IGO``), else the code itself."""
    if country:
        return country
    head = code[:3]
    return head if head in _GROUPS else code


def _key(m: Mention) -> str | None:
    a = m.actor
    if a is None:
        return None
    if a.country or a.code[:3] in _GROUPS:
        return country_key(a.code, a.country)
    return None


def _pkey(p: Participant | None) -> str | None:
    return None if p is None else country_key(p.code, p.country)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One actor (at country level) that could fill a role, with the mention nearest the
    trigger and the string features the model scores."""

    key: str
    mention: Mention
    features: tuple[str, ...]


def _bucket(n: int, edges: Sequence[int]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f"{edges[-1]}+"


def _governor(article: Article, m: Mention) -> tuple[str, str]:
    """The dependency relation of the mention's head, and the preposition governing it."""
    toks = article.sentences[m.sentence_index].tokens
    if not 0 <= m.head < len(toks):
        return "?", ""
    tok = toks[m.head]
    prep = ""
    if tok.dep == "pobj" and 0 <= tok.head < len(toks):
        prep = toks[tok.head].lemma.lower()
    return tok.dep or "?", prep


def _under(article: Article, m: Mention, trigger: int) -> bool:
    """Whether the mention's head lies in the trigger's syntactic subtree."""
    toks = article.sentences[m.sentence_index].tokens
    i, seen = m.head, set()
    while 0 <= i < len(toks) and i not in seen:
        if i == trigger:
            return True
        seen.add(i)
        if toks[i].head == i:
            return False
        i = toks[i].head
    return False


def _trigger_dominates(article: Article, m: Mention, trigger: int) -> bool:
    """Whether the mention's head is an ancestor of the trigger (the trigger sits inside
    the phrase or clause the mention heads or is an argument of)."""
    toks = article.sentences[m.sentence_index].tokens
    i, seen = trigger, set()
    while 0 <= i < len(toks) and i not in seen:
        seen.add(i)
        if toks[i].head == i:
            return False
        i = toks[i].head
        if i == m.head:
            return True
    return False


def features(
    article: Article,
    event: Event,
    role: str,
    key: str,
    mentions: Sequence[Mention],
    counts: Counter[str],
    first: Mapping[str, int],
    others: Mapping[str, set[str]],
) -> tuple[Mention, tuple[str, ...]]:
    """The features of one candidate ``key`` (its ``mentions`` in the article) for ``role``
    of ``event``, and the mention they describe (the nearest one to the trigger)."""
    si, ti = event.sentence_index, event.trigger_index

    def distance(m: Mention) -> tuple[int, int]:
        sd = abs(m.sentence_index - si)
        return (sd if m.sentence_index <= si else sd + 100, abs(m.tok_start - ti))

    near = min(mentions, key=distance)
    sd = near.sentence_index - si
    out = [f"sd={max(min(sd, 2), -3)}"]
    rank = sorted(counts, key=lambda k: (-counts[k], first[k])).index(key) + 1
    out.append(f"rank={min(rank, 4)}")
    out.append(f"count={_bucket(counts[key], (1, 2, 4))}")
    out.append(f"first={_bucket(first[key], (0, 1, 3))}")
    out.append(f"label={near.label}")
    root = event.cameo_root
    if sd == 0:
        side = "after" if near.tok_start > ti else "before"
        dep, prep = _governor(article, near)
        gap = _bucket(abs(near.tok_start - ti), (2, 5, 10, 20))
        same = [m for m in mentions if m.sentence_index == si]
        out += [
            f"side={side}",
            f"gap={gap}",
            f"side={side}|gap={gap}",
            f"dep={dep}",
            f"prep={prep}",
            f"root={root}|side={side}",
            f"root={root}|dep={dep}",
            f"root={root}|prep={prep}",
            f"under={_under(article, near, ti)}",
            f"dominates={_trigger_dominates(article, near, ti)}",
            f"nsame={_bucket(len(same), (1, 2))}",
        ]
        out.append(f"near={int(abs(near.tok_start - ti) <= 3)}")
    else:
        out.append(f"root={root}|sd={max(min(sd, 2), -3)}")
    for other_role, keys in others.items():
        if key in keys:
            out.append(f"also={other_role}")
    out.append(f"root={root}|rank={min(rank, 4)}")
    return near, tuple(out)


def candidates(article: Article, event: Event, role: str) -> list[Candidate]:
    """Every located actor of the article (by actor code: ``COLGOV`` and ``COLREB`` are two)
    but the event's other participant, as candidates for its empty ``role`` (``"target"`` or
    ``"source"``). ``Candidate.key`` is the country level the event is scored at."""
    by_code: dict[str, list[Mention]] = {}
    for m in article.mentions:
        if _key(m) is not None and m.sentence_index < len(article.sentences):
            assert m.actor is not None
            by_code.setdefault(m.actor.code, []).append(m)
    other_p = event.source if role == "target" else event.target
    own: Participant | None = getattr(event, role)
    other_key = _pkey(other_p)
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for ms in by_code.values():
        for m in ms:
            k = _key(m)
            assert k is not None
            counts[k] += 1
            first[k] = min(first.get(k, m.sentence_index), m.sentence_index)
    others: dict[str, set[str]] = {"source": set(), "target": set()}
    for e in article.events:
        if e.sentence_index == event.sentence_index:
            for r, p in (("source", e.source), ("target", e.target)):
                k = _pkey(p)
                if k is not None:
                    others[r].add(k)
    # how often the article pairs each actor with the event's known participant (either
    # direction, in the events the syntax found): "condemned the attack" targets the side the
    # condemner is in conflict with elsewhere in the story
    paired: Counter[str] = Counter()
    paired_root: Counter[str] = Counter()
    if other_key is not None:
        for e in article.events:
            a, b = _pkey(e.source), _pkey(e.target)
            if a is None or b is None or e is event:
                continue
            for mine, theirs in ((a, b), (b, a)):
                if mine == other_key:
                    paired[theirs] += 1
                    if e.cameo_root == event.cameo_root:
                        paired_root[theirs] += 1
    # conjoined mediators act between others, not on each other ("brokered by A and B")
    co_mediators = {
        k
        for e in article.events
        if role == "target"
        and event.cameo[:3] in THIRD_PARTY
        and e.sentence_index == event.sentence_index
        and e.trigger_index == event.trigger_index
        and (k := _pkey(e.source)) is not None
    }
    out = []
    for code, ms in by_code.items():
        if other_p is not None and code == other_p.code:
            continue
        if _key(ms[0]) in co_mediators:
            continue
        k = _key(ms[0])
        assert k is not None
        near, feats = features(article, event, role, k, ms, counts, first, others)
        sector = ms[0].actor.sector if ms[0].actor is not None else None
        same = k == other_key
        # a generic agent ("police") keeps its own sector and takes only the country
        if same and not _two_sides(own.sector if own is not None else sector, other_p):
            continue
        extra: tuple[str, ...] = (
            f"same={same}",
            f"sector={sector}",
            f"same={same}|sector={sector}",
        )
        if same:
            extra += (f"same|root={event.cameo_root}",)
        if other_key is not None:
            extra += (
                f"paired={_bucket(paired[k], (0, 1, 3))}",
                f"paired_root={_bucket(paired_root[k], (0, 1))}",
            )
        out.append(Candidate(k, near, feats + extra))
    return out


@dataclass(frozen=True)
class RoleModel:
    """Linear weights per role over candidate features; ``bias`` is the score a candidate
    must beat to fill the role at all."""

    weights: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: RULE_WEIGHTS)
    bias: Mapping[str, float] = field(default_factory=lambda: {"target": 0.0, "source": 0.0})
    version: str = "rules"

    @classmethod
    def off(cls) -> RoleModel:
        """A model that never fills a role (to see what the syntax alone finds)."""
        return cls(bias=MappingProxyType({r: float("inf") for r in ROLES}), version="off")

    @classmethod
    def load(cls) -> RoleModel:
        """The learned weights shipped in ``data/roles.json``, else the rule weights."""
        path = resources.files("casus").joinpath("data", _FILE)
        if not path.is_file():
            return cls()
        return cls.from_json(path.read_text(encoding="utf-8"), where=f"data/{_FILE}")

    @classmethod
    def from_json(cls, text: str, *, where: str = _FILE) -> RoleModel:
        try:
            raw = json.loads(text)
            weights = {
                r: MappingProxyType({str(f): float(w) for f, w in raw["weights"][r].items()})
                for r in ROLES
            }
            bias = {r: float(raw["bias"][r]) for r in ROLES}
            version = str(raw["version"])
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(
                f"{where}: not a role model ({exc})", hint="run `casus train` to rebuild it"
            ) from None
        return cls(MappingProxyType(weights), MappingProxyType(bias), version)

    @property
    def is_off(self) -> bool:
        """Whether this model never fills a role (:meth:`off`)."""
        return all(b == float("inf") for b in self.bias.values())

    def score(self, role: str, feats: Iterable[str]) -> float:
        w = self.weights[role]
        return sum(w.get(f, 0.0) for f in feats)

    def choose(self, role: str, cands: Sequence[Candidate]) -> Candidate | None:
        """The best candidate if it scores above the role's bias."""
        best: tuple[float, int, Candidate] | None = None
        for n, c in enumerate(cands):
            s = self.score(role, c.features)
            if best is None or (s, -n) > (best[0], -best[1]):
                best = (s, n, c)
        if best is None or best[0] <= self.bias[role]:
            return None
        return best[2]


def _two_sides(sector: str | None, other: Participant | None) -> bool:
    """Whether an actor of the other participant's own country is a second side: only two
    different sectors are ("police" and "protesters"); the country itself, or its
    government twice ("Moscow" and "the Kremlin"), is the same actor."""
    if other is None or sector is None or other.sector is None:
        return False
    return sector != other.sector


def located(p: Participant) -> bool:
    """An actor with a country, or an international body or group of none."""
    return bool(p.country) or p.code[:3] in _GROUPS


def unlocated(p: Participant | None) -> bool:
    """No actor, or one with a sector and no country ("police", "the militants")."""
    return p is None or not located(p)


def _filled(event: Event, role: str, cand: Candidate) -> Event:
    old: Participant | None = getattr(event, role)
    p = Participant.from_mention(cand.mention)
    if old is not None:
        # A generic agent keeps its words and sector and takes the country of the article's
        # actor ("police" in a story about Kenya → KENCOP).
        if cand.key in _GROUPS or len(cand.key) != 3:
            return event
        p = in_country(old, cand.key)
    ev = _with(event, role, p, "inferred")
    return replace(ev, confidence=round(max(ev.confidence - 0.1, 0.05), 3))


def complete_roles(article: Article, model: RoleModel) -> Iterator[Event]:
    """The article's events with each empty source or target filled by the best-scoring
    actor of the article (cue ``target:inferred`` / ``source:inferred``), when one scores
    above the model's threshold. The members listed in an object (*thanked several leaders,
    including A and B*) are targets first (:mod:`casus.events.members`)."""
    for event in with_members(article):
        if met_nobody(article, event):
            continue  # "met air force pilots": a meeting with one's own people, no event
        protest = event.cameo_root == _PROTEST or _PROTEST_DEMAND in event.evidence.cues
        for role in ("source", "target") if protest else ROLES:
            if protest and role == "target" and unlocated(event.target):
                event = _own_government(event)
            if protest and role == "source" and unlocated(event.source):
                event = _protesters_of(event)
            if role == "target" and event.cameo == _RESIGN and unlocated(event.target):
                event = _own_people(event)
            if role == "target" and event.target is None:
                event = _voted_body(article, event)
            if role == "target":
                event = _author(article, event)
            if role == "source" and _unknown_perpetrator(event):
                continue
            if role == "target" and probe_of_thing(article, event):
                continue
            if unlocated(getattr(event, role)):
                cand = model.choose(role, candidates(article, event, role))
                if cand is not None:
                    event = _filled(event, role, cand)
                    if protest and role == "source":
                        event = _civilians(event)
        yield event


_PROTEST = "14"
_RESIGN = "0831"
_PROTEST_DEMAND = "frame:protest-demand"
"""A protest's demand (``events/frames.py``) has the protest's default sides."""


_OF = frozenset({"of"})


_UNCONVENTIONAL = "18"
"""Bombings, kidnappings, assassinations: often by nobody the news can name."""


def _unknown_perpetrator(event: Event) -> bool:
    """An act of unconventional violence (root 18: a bombing, a kidnapping, an assassination)
    whose sentence names nobody as its author is one by unknown perpetrators, which the news
    guide codes without a source: the article's other actors are its victims, its
    investigators or the side it is blamed on, not its author."""
    return event.cameo_root == _UNCONVENTIONAL and event.source is None


_MOTIONS = frozenset({"resolution", "motion", "draft"})
"""What a body votes on: backing or opposing one is an act towards the body."""


def _voted_body(article: Article, event: Event) -> Event:
    """Backing, opposing or vetoing a resolution or motion with no target named is an act
    towards the international body that votes on it: the article's most named IGO."""
    if event.cameo_root not in ("05", "12") or event.source is None:
        return event
    toks = article.sentences[event.sentence_index].tokens
    ti = event.trigger_index
    heads = [t.i for t in toks if t.head == ti and t.dep in ("dobj", "prep")]
    objs = [t for t in toks if t.i in heads or (t.head in heads and t.dep == "pobj")]
    if not any(t.lemma.lower() in _MOTIONS and t.dep in ("dobj", "pobj") for t in objs):
        return event
    bodies: Counter[str] = Counter()
    first: dict[str, Mention] = {}
    for m in article.mentions:
        if m.actor is not None and m.actor.code.startswith("IGO"):
            bodies[m.actor.code] += 1
            first.setdefault(m.actor.code, m)
    if not bodies:
        return event
    code, _ = bodies.most_common(1)[0]
    return _with(event, "target", Participant.from_mention(first[code]), "voted-body")


_OVER = frozenset({"over", "about", "at"})
_JUDGED_PREPS = _OF | _OVER
"""Prepositions of what a judgement is about: *condemnation of*, *regret over*, *anger at*."""
_ATTACKS = frozenset(
    {"attack", "strike", "airstrike", "raid", "bombing", "shelling", "bombardment", "assault"}
)
"""Nouns for any act of violence: *condemned the attack* after *jets bombed* is the bombers'."""
_JUDGED = frozenset({"11", "05"})
"""Roots whose object may be an act: condemning or praising an act is an act towards its
author."""


def _author(article: Article, event: Event) -> Event:
    """ "Chile condemned the strike": the target is whoever struck, the source of the act
    the object names, reported in this sentence or before it (the latest such act whose
    trigger is the object word or the same word, by another country)."""
    if event.cameo_root not in _JUDGED or event.source is None or event.trigger_index < 0:
        return event
    si = event.sentence_index
    toks = article.sentences[si].tokens
    ti = event.trigger_index
    objs = objects(toks, ti, _JUDGED_PREPS)
    if toks[ti].dep == "dobj" and toks[ti].head != ti:
        # "expressed regret over the strikes": the phrase may hang on the light verb
        objs += [o for o in objects(toks, toks[ti].head, _OVER) if o.i != ti]
    if event.target is not None:
        # "condemned the attacks on the base": the victim named gives way to the author
        objs = [o for o in objs if _victim_words(toks, o) >= set(event.target.text.split())]
        if not event.target.text or not objs:
            return event
    own = event.source.country or event.source.code
    lemma = {id(e): _trigger_lemma(article, e) for e in article.events}
    violent_words = {lemma[id(e)] for e in article.events if e.cameo_root in VIOLENT}
    for obj in objs:
        word = obj.lemma.lower()
        best: Event | None = None
        for e in article.events:
            if e is event or e.source is None or not located(e.source) or e.trigger_index < 0:
                continue
            if (e.source.country or e.source.code) == own or e.sentence_index > si:
                continue
            here = e.sentence_index == si and e.trigger_index == obj.i
            # "the attack" after "jets bombed": any violence, when the article calls
            # violence by that word
            violent = e.cameo_root in VIOLENT and (word in violent_words or word in _ATTACKS)
            if here or lemma[id(e)] == word or violent:
                if best is None or here or e.sentence_index >= best.sentence_index:
                    best = e
                if here:
                    break
        if best is not None and best.source is not None:
            return _with(event, "target", best.source, "author")
    return event


def _victim_words(toks: Sequence[Token], obj: Token) -> set[str]:
    """The words of the ``on``/``against`` phrase of an act noun (its victim)."""
    heads = [t.i for t in toks if t.head == obj.i and t.dep == "prep" and t.lemma.lower() in _ON]
    out: set[str] = set()
    todo = [t.i for t in toks if t.head in heads and t.dep == "pobj"]
    while todo:
        i = todo.pop()
        out.add(toks[i].text)
        todo += [t.i for t in toks if t.head == i and t.i != i]
    return out


_ON = frozenset({"on", "against"})


def _trigger_lemma(article: Article, e: Event) -> str:
    toks = article.sentences[e.sentence_index].tokens
    return toks[e.trigger_index].lemma.lower() if 0 <= e.trigger_index < len(toks) else ""


def _civilians(event: Event) -> Event:
    """A protest placed in a country by the article is its people's ("protests erupted in
    Nairobi" → KENCVL), unless the words say who protests."""
    p = event.source
    if p is None or p.sector or not p.country:
        return event
    return _with(event, "source", replace(p, code=p.country + "CVL", sector="CVL"), "civilians")


def _protesters_of(event: Event) -> Event:
    """A protest against a named country's actor with nobody named as protesting is that
    country's people's ("protests against the Ugandan government" → UGACVL): almost every
    protest in the news is a domestic one."""
    t = event.target
    if t is None or not t.country:
        return event
    return _with(event, "source", national(t.country, "CVL", "civilians"), "civilians")


def _own_people(event: Event) -> Event:
    """A resignation named with nobody it yields to yields to the leader's own people (a
    minister resigning after protests: their country's civilians, not a foreign actor)."""
    p = event.source
    if p is None or not p.country:
        return event
    return _with(event, "target", national(p.country, "CVL", "civilians"), "own-people")


def _own_government(event: Event) -> Event:
    """A protest names its target rarely: the protesters' own government."""
    p = event.source
    if p is None or not p.country:
        return event
    return _with(event, "target", national(p.country, "GOV", "government"), "own-government")


def _with(event: Event, role: str, p: Participant, how: str) -> Event:
    ev = replace(event, target=p) if role == "target" else replace(event, source=p)
    ev = replace(ev, evidence=replace(ev.evidence, cues=(*ev.evidence.cues, f"{role}:{how}")))
    return replace(
        ev,
        event_id=make_event_id(
            ev.article_id,
            ev.sentence_index,
            ev.source.code if ev.source else None,
            ev.cameo,
            ev.target.code if ev.target else None,
        ),
    )
