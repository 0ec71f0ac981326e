"""Events stage (issue #4): CAMEO 2.0 / PLOVER coding from the dependency parse.

For every sentence, trigger words from ``data/triggers.yaml`` are matched by lemma (with their
required particle, preposition, object or modifier); each trigger is framed by the words that
govern it (``offered to mediate`` → intent 039, ``threatened to impose sanctions`` → 1312,
``refused to meet`` → 125, ``urged X to release`` → 0253, modal ``will attack`` → 138,
negation → nothing) and gets its source (subject, ``by`` agent of a passive, possessor of a
nominal event) and target (object or the preposition the trigger names) from resolved actor
mentions. Conjunctions on either side multiply events. See ``docs/CODING.md``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any

from ..errors import CodingError
from ..model import Article, Event, Evidence, Participant, Sentence, make_event_id
from .frame import JOINT_ROOTS, ONE_SIDED, SIDES, THIRD_PARTY, UNNAMED_ROOTS
from .frames import PROTEST, Frame, sentence_frames
from .lexicon import CameoCode, LexiconData, Trigger, load_data
from .match import match_trigger
from .reported import JUDGING, MUST
from .roles import RoleModel, complete_roles, unlocated
from .syntax import ActorLookup, SentenceView

__all__ = ["Lexicon", "domestic_violence", "extract"]


@dataclass(frozen=True)
class Lexicon:
    """Event triggers and the CAMEO table, loaded and validated once from the package's data
    files (``data/cameo.tsv``, ``data/triggers.yaml``)."""

    data: LexiconData = field(repr=False)
    version: str = "0"
    roles: RoleModel = field(default_factory=RoleModel, repr=False)
    """Fills a source or target the syntax left empty (``data/roles.json``)."""

    @classmethod
    def load(cls, cache_dir: str | None = None) -> Lexicon:
        data = load_data(cache_dir)
        roles = RoleModel.load()
        return cls(data=data, version=f"{data.version}+roles{roles.version}", roles=roles)

    def code(self, code: str) -> CameoCode:
        try:
            return self.data.codes[code]
        except KeyError:
            raise CodingError(f"unknown CAMEO code {code!r}", where="events") from None

    def cues(self) -> tuple[tuple[str, str, tuple[frozenset[str], ...], bool], ...]:
        """What a sentence must contain to hold an event: for every trigger entry, its lemma
        and part of speech, for each condition it has (particle, preposition, preposition
        object, object, modifier) the lemmas one of which must be there too, and whether its
        act may be reported with no actor named in the sentence (``UNNAMED_ROOTS``); and
        every reporting or judging verb with the modals or damning words that make what it
        reports an event (``reported``). Lemmas, not word forms: the parser's lemmatizer
        inflects them (``nlp.Parser``, parse-less mode)."""
        d = self.data
        out: list[tuple[str, str, tuple[frozenset[str], ...], bool]] = []
        for (lemma, _), entries in d.triggers.items():
            for t in entries:
                conds = [frozenset({w}) for w in (t.prt, t.prep) if w]
                conds += [words for words in (t.pobj, t.obj, t.mod) if words]
                out.append((lemma, t.pos, tuple(conds), t.code[:2] in UNNAMED_ROOTS))
        out += [(verb, "VERB", (MUST | d.damning,), False) for verb in sorted(d.reporting)]
        out += [(verb, "VERB", (d.damning,), False) for verb in sorted(JUDGING)]
        return tuple(dict.fromkeys(out))

    def match(self, view: SentenceView, i: int) -> Trigger | None:
        """The lexicon entry that token ``i`` of ``view`` matches, if any."""
        return match_trigger(self.data, view, i)


def extract(
    article: Article,
    lexicon: Lexicon,
    *,
    fill_roles: bool = True,
    places: Mapping[tuple[int, int], str] | None = None,
) -> Article:
    """Return ``article`` with ``events`` filled from its parsed sentences and resolved mentions
    (identical event ids within the article are kept once, with the highest confidence).

    With ``fill_roles`` (the default), a source or target the syntax left empty is filled by
    the lexicon's role model from the other actors of the article (cue ``target:inferred``),
    and an event with no located actor on either side (``troops`` attacked ``rebels`` in a
    story that names no country) is dropped. Without it, or with a role model that is
    :meth:`~casus.events.roles.RoleModel.off`, the events are what the syntax found.

    ``places`` maps ``(sentence index, head token)`` of place names no actor covers to their
    country (``where.place_countries``): the side of a place attacked (*Russia struck
    Kharkiv*, *Kharkiv was shelled*), read only for violence."""
    actors = ActorLookup(article, places)
    history: list[Event] = []
    best: dict[str, Event] = {}
    for sentence in article.sentences:
        view = SentenceView(sentence)
        if view.is_question or not sentence.tokens:
            continue
        for frame in sentence_frames(view, lexicon.data, actors, history):
            for event in map(partial(domestic_violence, lexicon=lexicon),
                             _events(article, sentence, frame, lexicon)):  # fmt: skip
                old = best.get(event.event_id)
                if old is None or event.confidence > old.confidence:
                    best[event.event_id] = event
                history.append(event)
    article = replace(article, events=_ordered(best))
    if not fill_roles or lexicon.roles.is_off:
        # without the role model, an act with nobody named is no event (a protest is the
        # people's against their government even so)
        named = tuple(e for e in article.events if e.source or e.target or e.cameo_root == PROTEST)
        return replace(article, events=named)
    best = {}
    for event in map(partial(domestic_violence, lexicon=lexicon),
                     map(partial(unknown_killers, article=article, lexicon=lexicon),
                         complete_roles(article, lexicon.roles))):  # fmt: skip
        # one event per sentence, code and pair of countries ("Moscow" and "the Kremlin"
        # as two targets of one condemnation are one event)
        key = f"{event.sentence_index}|{event.cameo}|{_side(event.source)}|{_side(event.target)}"
        if unlocated(event.source) and unlocated(event.target):
            continue
        old = best.get(key)
        if old is None or event.confidence > old.confidence:
            best[key] = event
    events = list(best.values())
    if any(e.cameo_root == _FIGHT for e in events):
        events = [war_damage(e, lexicon=lexicon) for e in events]
    return replace(article, events=_ordered({e.event_id: e for e in events}))


_FIGHT = "19"
_DAMAGE = "171"
_DAMAGE_VERBS = frozenset({"trigger:destroy", "trigger:damage", "trigger:blow"})
"""Verbs of damage that, in a story of fighting, tell its damage: "a tank was destroyed"."""


def war_damage(event: Event, *, lexicon: Lexicon) -> Event:
    """Property destroyed or damaged in a story of fighting is damage done by that fighting
    (190, conventional military force), not a seizure or destruction of property (171) of its
    own: "the strikes destroyed a bridge", "a tank was destroyed"."""
    cues = event.evidence.cues
    if event.cameo != _DAMAGE or not cues or cues[0] not in _DAMAGE_VERBS:
        return event
    return _recoded(event, lexicon.code("190"), "frame:war-damage")


def _recoded(event: Event, entry: CameoCode, cue: str) -> Event:
    """``event`` coded ``entry`` instead (a new id), with the cue of the rule that said so."""
    src, tgt = event.source, event.target
    return replace(
        event,
        event_id=make_event_id(
            event.article_id,
            event.sentence_index,
            src.code if src else None,
            entry.code,
            tgt.code if tgt else None,
        ),
        **_coded(entry),
        evidence=replace(event.evidence, cues=(*event.evidence.cues, cue)),
    )


def _side(p: Participant | None) -> str:
    return "" if p is None else (p.country or p.code)


def _ordered(best: dict[str, Event]) -> tuple[Event, ...]:
    order = {eid: n for n, eid in enumerate(best)}
    return tuple(
        sorted(best.values(), key=lambda e: (e.sentence_index, e.trigger_index, order[e.event_id]))
    )


def _events(
    article: Article, sentence: Sentence, frame: Frame, lexicon: Lexicon
) -> Iterator[Event]:
    entry = lexicon.code(frame.code)
    sources: Sequence[Participant | None] = frame.sources or (None,)
    targets: Sequence[Participant | None] = frame.targets or (None,)
    toks = [sentence.tokens[i] for i in sorted(frame.trigger_tokens)]
    evidence = Evidence(
        sentence=sentence.text,
        start=sentence.start,
        end=sentence.end,
        trigger=" ".join(t.text for t in toks),
        trigger_start=toks[0].start,
        trigger_end=toks[-1].end,
        cues=frame.cues,
    )
    joint = (
        not frame.targets
        and len(frame.sources) > 1
        and (entry.code[:2] in JOINT_ROOTS or "frame:mutual" in frame.cues)
        and entry.code[:3] not in THIRD_PARTY
        and entry.code[:3] not in ONE_SIDED
    )
    sides = SIDES in frame.cues and not frame.targets  # one country's rival sides
    for src in sources:
        if joint:  # "A and B agreed to ...": each with the other
            targets = [p for p in frame.sources if p is not src and p != src]
        if sides:
            targets = [src]
        for tgt in targets:
            if tgt is not None and src is not None and tgt.code == src.code and not sides:
                tgt = None
            if src is None and tgt is None and entry.code[:2] not in UNNAMED_ROOTS:
                continue
            yield Event(
                event_id=make_event_id(
                    article.id,
                    sentence.index,
                    src.code if src else None,
                    entry.code,
                    tgt.code if tgt else None,
                ),
                article_id=article.id,
                sentence_index=sentence.index,
                **_coded(entry),
                evidence=evidence,
                confidence=frame.confidence(source=src is not None, target=tgt is not None),
                source=src,
                target=tgt,
                trigger_index=frame.trigger_index,
            )


_PLAIN_VIOLENCE = frozenset({"180", "182", "1823", "190", "193"})
"""Killing, beating, shooting and fighting in general (bombings, abductions and
assassinations keep their codes)."""
SECURITY = frozenset({"COP"})
"""The police: soldiers facing their own people are often a civil war, not repression."""
_STATE = frozenset({"GOV", "LEG", "JUD"})
"""The state's civilian institutions: a crowd storming its parliament or courts riots."""
CROWD = frozenset({"CVL", "OPP", "EDU", "LAB", "MED", "REL", "HRI", "AGR", "REF"})
"""Sectors of people who protest and are repressed: civilians, opposition, students, workers,
journalists, clergy, rights groups, farmers, refugees."""


def domestic_violence(event: Event, *, lexicon: Lexicon) -> Event:
    """Violence between a state's security forces and its own people is repression or a riot,
    not war: police firing on or killing protesters is violent repression (175); protesters
    clashing with or attacking police, or storming their government's buildings, is a violent
    protest (145) by the protesters; one crowd attacking another (or its places of worship,
    its press) is an assault (180), not war."""
    if event.cameo == _BOYCOTT:
        return _state_boycott(event, lexicon)
    if event.cameo not in _PLAIN_VIOLENCE or event.source is None or event.target is None:
        return event
    src, tgt = event.source, event.target
    if not src.country or src.country != tgt.country:
        return event
    if src.sector in SECURITY and tgt.sector in CROWD:
        code = "175"
    elif src.sector in CROWD and tgt.sector in SECURITY | _STATE and src.sector != "MED":
        code = "145"
    elif src.sector in CROWD and tgt.sector in CROWD and event.cameo != _UNKNOWN_VIOLENCE:
        code = _UNKNOWN_VIOLENCE  # a mob attacking a mosque or rival marchers: assault
    else:
        return event
    return _recoded(event, lexicon.code(code), "frame:domestic")


_BOYCOTT = "143"
_EMBARGO = "163"
_STATE_SIDE = frozenset({None, "GOV"})
"""A country or its government: the side that boycotts another state by policy."""


def _state_boycott(event: Event, lexicon: Lexicon) -> Event:
    """A state boycotting another state (``Saudi Arabia boycotted Qatar``) cuts relations
    (163, an embargo), it does not protest: the protest boycott (143) is people's."""
    src, tgt = event.source, event.target
    if src is None or tgt is None or not src.country or not tgt.country:
        return event
    if src.country == tgt.country or src.sector not in _STATE_SIDE:
        return event
    if tgt.sector not in _STATE_SIDE:
        return event
    return _recoded(event, lexicon.code(_EMBARGO), "frame:state-boycott")


_INFERRED_SOURCE = "source:inferred"
_UNKNOWN_VIOLENCE = "180"


_KILLING = frozenset({"kill", "shoot", "injure", "wound"})
"""Verbs whose passive (``were killed``, ``was shot``) tells the victims, not the killers."""


def _passive_killing(article: Article, event: Event) -> bool:
    """Whether the event's trigger is a passive killing with no ``by`` agent."""
    if event.trigger_index < 0:
        return False
    toks = article.sentences[event.sentence_index].tokens
    ti = event.trigger_index
    if toks[ti].lemma.lower() not in _KILLING or toks[ti].tag != "VBN":
        return False
    kids = [t for t in toks if t.head == ti and t.i != ti]
    return any(t.dep == "auxpass" for t in kids) and not any(t.dep == "agent" for t in kids)


_MAYHEM = frozenset({"unrest", "violence", "riot", "rioting", "clash", "fighting", "chaos"})
"""Nouns of violence with no author in them: "the unrest killed four" names no killer."""


def _mayhem_killing(article: Article, event: Event) -> bool:
    """Whether the event's trigger is an active killing whose subject is a noun of authorless
    violence ("the unrest killed four people", "riots that killed four")."""
    if event.trigger_index < 0:
        return False
    toks = article.sentences[event.sentence_index].tokens
    t = toks[event.trigger_index]
    if t.lemma.lower() not in _KILLING or t.tag == "VBN":
        return False
    subj = [k for k in toks if k.head == t.i and k.dep == "nsubj" and k.i != t.i]
    if subj and subj[0].tag in ("WDT", "WP") and t.dep == "relcl" and t.head != t.i:
        subj = [toks[t.head]]
    return bool(subj) and subj[0].lemma.lower() in _MAYHEM


def unknown_killers(event: Event, *, article: Article, lexicon: Lexicon) -> Event:
    """Plain violence whose sentence names no author (``16 people were killed during the
    unrest``), which the role model gave to the victims' own country or left with no source,
    is by unknown perpetrators: the news guide codes it without a source, as unconventional
    violence (180), not as a state's war on its own people."""
    if event.cameo not in _PLAIN_VIOLENCE or event.target is None:
        return event
    src, tgt = event.source, event.target
    mayhem = _mayhem_killing(article, event)
    guessed = mayhem or _INFERRED_SOURCE in event.evidence.cues
    if src is not None and (not guessed or not src.country or src.country != tgt.country):
        return event
    if not mayhem and not _passive_killing(article, event):
        return event
    entry = lexicon.code(_UNKNOWN_VIOLENCE)
    cues = tuple(c for c in event.evidence.cues if not c.startswith("source:"))
    return replace(
        event,
        event_id=make_event_id(event.article_id, event.sentence_index, None, entry.code, tgt.code),
        **_coded(entry),
        source=None,
        evidence=replace(event.evidence, cues=(*cues, "frame:unknown-perpetrator")),
    )


def _coded(entry: CameoCode) -> dict[str, Any]:
    """The fields of an :class:`Event` that its CAMEO code decides."""
    return {
        "cameo": entry.code,
        "cameo_root": entry.code[:2],
        "plover": entry.plover,
        "mode": entry.mode,
        "quad_class": entry.quad,
        "goldstein": entry.goldstein,
    }
