"""The rules of the actors stage (private helper of :mod:`casus.actors`).

Per sentence: NER/ruler spans and single known words become *atoms* (a country, demonym,
capital, organisation or person with its token span); every nominal phrase head then gets at
most one :class:`Mention`, built from the atom at its head or from a sector noun / title at its
head plus the country cues among its modifiers. Pronouns, bare titles ("the president") and
surnames are resolved against what the article said before. See ``docs/ACTORS.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..model import Actor, Article, Mention, Sentence, Token
from .apposition import current_role, name_apposed_person
from .atoms import (
    _LEFT_DEPS,
    _MODIFIER_DEPS,
    _Atom,
    _atoms,
    _Context,
    _ethnic,
    _generic_party,
    _inside_longer_name,
    _Ref,
    _Sent,
    _single_country,
    _span_text,
)
from .data import fold
from .layout import layout_tokens
from .nouns import _forms, _noun_key, _of_name
from .placenames import _dateline, _part_of_a_name
from .pronouns import (
    _is_subject,
    _plural,
    _pronoun,
    _ref_plural,
    definite_org,
    join_group,
    the_two,
)

if TYPE_CHECKING:
    from .index import ActorIndex

__all__ = ["resolve", "resolve_article"]


def cased_tokens(sentence: Sentence) -> tuple[bool, ...]:
    """For each token, whether its line of text is written with capitals, so that a
    lower-case "turkey" there is an ordinary word. Decided per line: edited English starts
    every sentence with a capital, while a feed that lower-cases its stories may carry a
    capitalised boilerplate line ("This story is from March 10, 2002") that the parser
    joins to the first lower-case sentence."""
    if "\n" not in sentence.text:  # one line: the common case, no per-token counting
        return (any(t.text[:1].isupper() for t in sentence.tokens),) * len(sentence.tokens)
    line_of = [sentence.text.count("\n", 0, t.start - sentence.start) for t in sentence.tokens]
    cased_lines = {line_of[t.i] for t in sentence.tokens if t.text[:1].isupper()}
    return tuple(line in cased_lines for line in line_of)


def resolve_article(article: Article, index: ActorIndex) -> Article:
    ctx = _Context(index, article.date, continued=_continued(article.sentences))
    by_sentence: dict[int, list[Mention]] = {}
    for m in article.mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    atoms: list[list[_Atom]] = []
    for sentence in article.sentences:
        ctx.cased = cased_tokens(sentence)
        atoms.append(_atoms(sentence, by_sentence.get(sentence.index, []), ctx))
    ctx.story = _single_country(atoms, article.sentences)
    ctx.fallback = ctx.story.country
    out: list[Mention] = []
    for sentence, sentence_atoms in zip(article.sentences, atoms, strict=True):
        out.extend(_resolve_sentence(sentence, sentence_atoms, ctx))
    return replace(article, mentions=tuple(out))


_SINGULAR_PERSONS = frozenset({"he", "she"})


def _continued(sentences: Sequence[Sentence]) -> frozenset[int]:
    """The unparsed sentences (no dependency labels) whose first word is *he* or *she*."""
    return frozenset(
        s.index
        for s in sentences
        if s.tokens
        and s.tokens[0].text.lower() in _SINGULAR_PERSONS
        and not any(t.dep for t in s.tokens)
    )


# -- phrases -----------------------------------------------------------------------------


def _resolve_sentence(sentence: Sentence, atoms: list[_Atom], ctx: _Context) -> list[Mention]:
    tokens = sentence.tokens
    n = len(tokens)
    children: list[list[int]] = [[] for _ in range(n)]
    for t in tokens:
        if t.head != t.i and 0 <= t.head < n:
            children[t.head].append(t.i)
    atom_of: list[_Atom | None] = [None] * n
    for a in atoms:
        for i in range(a.start, min(a.end, n)):
            atom_of[i] = a
    st = _Sent(sentence, tokens, children, atom_of, {})
    layout = layout_tokens(sentence)  # a dateline's or byline's words are no title or group
    for tok in tokens:
        h = tok.i
        atom = atom_of[h]
        if atom is not None and atom.head != h:
            continue
        m: Mention | None = None
        person = False
        if atom is not None and atom.actor is not None:
            m, person = _known_atom(st, atom, ctx)
        elif atom is not None and atom.label == "ORG" and _ngo_atom(st, atom, ctx):
            m = _ngo_mention(st, atom, ctx)
        elif atom is not None and (atom.label == "PERSON" or _named_before(st, atom, ctx)):
            m = _unknown_person(st, atom, ctx)
            person = m.actor is not None
        elif atom is None and _repeated_name(st, tok, ctx):
            m = _unknown_person(st, _Atom(h, h + 1, h, "PERSON", "", None, ""), ctx)
            person = m.actor is not None
        elif tok.pos == "PRON" or tok.tag in ("PRP", "PRP$", "WP", "WDT"):
            m, person = _pronoun(st, tok, ctx)
        elif tok.pos in ("NOUN", "PROPN") and tok.dep not in _MODIFIER_DEPS and h not in layout:
            m = definite_org(st, tok, ctx) or the_two(st, tok, ctx)
            if m is None:
                m, person = _noun_phrase(st, tok, ctx)
        if m is None and atom is not None:
            m = st.mention(atom.start, atom.end, h, atom.label, None, "")
        if m is None:
            continue
        st.by_head[h] = m
        if m.actor is not None:
            ctx.refs.append(
                _Ref(
                    sentence.index,
                    h,
                    m.actor,
                    person,
                    _is_subject(tokens, h),
                    plural=_ref_plural(tokens, children, h, m.label),
                    modifier=tok.dep in _MODIFIER_DEPS,
                    group=tuple(x.actor for x in (m, *st.extra.get(h, ())) if x.actor)
                    if h in st.extra
                    else (),
                    org_words=tuple(fold(f"{m.text} {m.actor.name}").split())
                    if atom is not None and atom.kind == "org" and m.via == "gazetteer"
                    else (),
                )
            )
            if tok.dep == "conj" and not person:
                join_group(ctx, st, h, m.actor)
    return _drop_nested(st)


def _ngo_atom(st: _Sent, atom: _Atom, ctx: _Context) -> bool:
    return ctx.index.ngo_like(_span_text(st.tokens, atom.start, atom.end))


def _ngo_mention(st: _Sent, atom: _Atom, ctx: _Context) -> Mention:
    """An unlisted organisation named like an NGO; a country in its phrase makes it that
    country's NGO ("Egyptian Initiative for Personal Rights" → EGYNGO)."""
    lo = min(atom.start, _left_edge(st, atom.head))
    cue = _country_cue(st, lo, atom.start, atom)
    name = _span_text(st.tokens, atom.start, atom.end)
    country = cue.actor.country if cue is not None and cue.actor is not None else None
    if country is None:
        actor = Actor(code="NGO", name=name, country=None, sector="NGO")
    else:
        actor = replace(_actor(ctx, country, "NGO"), name=name)
    return st.mention(lo, atom.end, atom.head, "ORG", actor, "pattern")


def _repeated_name(st: _Sent, tok: Token, ctx: _Context) -> bool:
    """A bare proper noun the NER missed that repeats a person's earlier name."""
    return (
        tok.pos == "PROPN"
        and tok.dep not in _MODIFIER_DEPS
        and tok.text.lower() in ctx.names
        and not _inside_longer_name(st.tokens, tok, ctx.index.noun_words)
    )


def _named_before(st: _Sent, atom: _Atom, ctx: _Context) -> bool:
    """An entity the NER mislabelled ("Wang" as ORG) that repeats a person's earlier name."""
    if atom.label not in ("ORG", "GPE", "NORP") or atom.end - atom.start > 3:
        return False
    return fold(_span_text(st.tokens, atom.start, atom.end)) in ctx.names


def _drop_nested(st: _Sent) -> list[Mention]:
    """Mentions in token order, without unresolved entities inside a resolved phrase."""
    spans = [(m.tok_start, m.tok_end) for m in st.by_head.values() if m.actor is not None]
    out: list[Mention] = []
    for h in sorted(st.by_head):
        m = st.by_head[h]
        if m.actor is None and any(a <= h < b for a, b in spans):
            continue
        out.append(m)
        out.extend(st.extra.get(h, ()))
    return out


def _poss(st: _Sent, i: int) -> bool:
    return st.tokens[i].dep == "poss"


def _left_edge(st: _Sent, h: int) -> int:
    lo = h
    stack = [h]
    while stack:
        x = stack.pop()
        for c in st.children[x]:
            if c < x and st.tokens[c].dep in _LEFT_DEPS:
                lo = min(lo, c)
                stack.append(c)
    return lo


_PLACE_PREPS = frozenset({"to", "for", "in", "at", "on"})


def _country_cue(st: _Sent, lo: int, h: int, skip: _Atom | None) -> _Atom | None:
    """The actor among the phrase's modifiers: a possessor first, then the first atom that
    modifies the head directly ("Hungarian" in "Hungarian and Romanian officials"), then any
    other. A resolved possessive pronoun ("its troops") counts as a possessor."""
    direct: _Atom | None = None
    other: _Atom | None = None
    pron: _Atom | None = None
    for i in range(lo, h):
        a = st.atom_of[i]
        if a is None:
            m = st.by_head.get(i)
            if m is not None and m.label == "PRON" and m.actor is not None and _poss(st, i):
                pron = _Atom(i, i + 1, i, "PRON", "pron", m.actor, "coref")
            continue
        if a is skip or a.actor is None:
            continue
        tok = st.tokens[a.head]
        before = st.tokens[a.start - 1].text.lower() if a.start > lo else ""
        if before in _PLACE_PREPS or (
            tok.dep == "pobj" and st.tokens[tok.head].text.lower() in _PLACE_PREPS
        ):
            continue  # "UN envoy for Libya X", "US ambassador to Cambodia X": the host
        if tok.dep == "poss":
            return a
        if tok.head == h and direct is None:
            direct = a
        elif other is None:
            other = a
    # "his Brazilian counterpart": the demonym, not the pronoun's owner.
    return direct or pron or other


def _of_cue(
    st: _Sent, h: int, preps: frozenset[str] = frozenset({"of"}), depth: int = 0
) -> _Atom | None:
    """``the army of Sudan`` (``police in Bahrain`` with ``in``): the actor atom that is the
    object of such a preposition after the head."""
    for c in st.children[h]:
        if c > h and st.tokens[c].text.lower() in preps:
            for p in st.children[c]:
                a = st.atom_of[p]
                if a is not None and a.actor is not None:
                    return a
                for q in st.children[p]:
                    # "ambassadors of EU countries": the object's own modifier.
                    a = st.atom_of[q]
                    if (
                        q < p
                        and st.tokens[q].dep in ("compound", "amod")
                        and a is not None
                        and a.actor is not None
                    ):
                        return a
                if depth < 1:
                    # "the Ministry of Foreign Affairs of Iran": one more "of" down.
                    deeper = _of_cue(st, p, frozenset({"of"}), depth + 1)
                    if deeper is not None:
                        return deeper
    return None


_OF_IN = frozenset({"of", "in"})
_NOT_LOCAL = frozenset({"MIL", "REF", "IGO", "NGO"})
"""Sectors whose members are often foreigners where they are ("troops in Syria")."""


def _title_in(st: _Sent, lo: int, end: int, ctx: _Context) -> tuple[str, str]:
    """``(title key, sector)`` of the title or sector words among tokens ``[lo, end)``: the
    rightmost one, but a sector noun modifying an owned noun wins ("police chief" → COP)."""
    idx = ctx.index
    default: tuple[str, str] = ("", "")
    j = end - 1
    while j >= lo:
        a = st.atom_of[j]
        if a is not None and a.kind:
            if default[0]:
                return default
            j -= 1
            continue
        key, sector, width = _noun_key(st.tokens, j, lo, idx.titles)
        if width:
            return key, sector
        key, sector, width = _noun_key(st.tokens, j, lo, idx.sector_nouns)
        if width:
            return (default[0] or key), sector
        key, sector, width = _noun_key(st.tokens, j, lo, idx.owned_nouns)
        if width and not default[0]:
            default = (key, sector)
        j -= max(width, 1)
    return default


def _known_atom(st: _Sent, atom: _Atom, ctx: _Context) -> tuple[Mention, bool]:
    tok = st.tokens[atom.head]
    actor = atom.actor
    assert actor is not None
    person = atom.kind == "person"
    if atom.kind == "capital" and _dateline(st, atom):
        return st.mention(atom.start, atom.end, atom.head, atom.label, None, ""), False
    if atom.kind in ("country", "capital", "seat") and _part_of_a_name(st, atom, ctx):
        # "the Washington Post", "Iran Air", "Michael Jordan", "Chad Smith": another name.
        return st.mention(atom.start, atom.end, atom.head, atom.label, None, ""), False
    if tok.dep in _MODIFIER_DEPS:
        start, end = atom.start, atom.end
        if _ethnic(st.tokens, atom):
            return st.mention(start, end, atom.head, atom.label, _home(ctx), atom.via), False
    else:
        start, end = min(atom.start, _left_edge(st, atom.head)), atom.end
    if atom.kind == "demonym" and tok.dep not in _MODIFIER_DEPS:
        group, end = _demonym_group(st, atom, start, ctx)
        if group is not actor:
            return st.mention(start, end, atom.head, atom.label, group, atom.via), False
    if atom.kind in ("org", "seat") and tok.dep not in _MODIFIER_DEPS:
        actor = _relocated(st, atom, start, actor, ctx)
    if person:
        name = _span_text(st.tokens, atom.start, atom.end)
        if not atom.title and ctx.day is not None:
            ctx.former.add(fold(name))  # listed, but out of that office on the story's day
        actor = current_role(ctx, name) or actor
    m = st.mention(start, end, atom.head, atom.label, actor, atom.via)
    if person:
        ctx.remember_person(actor, _span_text(st.tokens, atom.start, atom.end), atom.title)
        title, _ = _title_in(st, start, atom.start, ctx)
        ctx.remember_title(actor, title)
    return m, person


def _relocated(st: _Sent, atom: _Atom, lo: int, actor: Actor, ctx: _Context) -> Actor:
    """A national organisation or seat named with another country before it is that
    country's namesake: *the Kenyan Democratic Party*, *Ghana's Labour Party*, *Chile's
    Ministry of Defence* (sector kept). Not a hyphenated modifier (*the Iran-backed
    militia*) nor a group without a country."""
    if not actor.country or not actor.sector:
        return actor
    cue = _country_cue(st, lo, atom.head, atom)
    if cue is None and _generic_party(actor) and ctx.fallback not in (None, actor.country):
        # "the Democratic Party" in a one-country story elsewhere: that country's party.
        return _actor(ctx, ctx.fallback, actor.sector)
    if cue is None or cue.kind not in ("country", "demonym") or cue.actor is None:
        return actor
    country = cue.actor.country
    ctok = st.tokens[cue.head]
    if not country or country == actor.country or "-" in ctok.text:
        return actor
    if not (atom.start <= ctok.head < atom.end) or ctok.dep not in ("amod", "compound", "poss"):
        return actor
    if any("-" in st.tokens[i].text for i in range(cue.end, atom.start)):
        return actor
    return _actor(ctx, country, actor.sector)


def _demonym_group(st: _Sent, atom: _Atom, start: int, ctx: _Context) -> tuple[Actor | None, int]:
    """A demonym used as a noun names a people. Another country in the phrase says where
    they are ("Bosnian Serbs", "the Albanians of Serbia"); "ethnic Albanians" are an ethnic
    group, of the story's country if it has one, else unresolved."""
    cue = _country_cue(st, start, atom.head, atom)
    end = atom.end
    if cue is None:
        cue = _of_cue(st, atom.head)
        if cue is not None:
            end = max(end, cue.end)
    own = atom.actor.country if atom.actor else None
    if cue is not None and cue.actor is not None and cue.actor.country not in (None, own):
        return ctx.index.country_actor(cue.actor.country), end
    if any(t.text.lower() == "ethnic" for t in st.tokens[start : atom.head]):
        return _home(ctx), atom.end
    return atom.actor, atom.end


def _unknown_person(st: _Sent, atom: _Atom, ctx: _Context) -> Mention:
    h = atom.head
    tok = st.tokens[h]
    modifier = tok.dep in _MODIFIER_DEPS
    lo = atom.start if modifier else min(atom.start, _left_edge(st, h))
    # Leading title words inside the NER span belong to the title, not the name.
    name_start = atom.start
    while name_start < h and (
        _noun_key(st.tokens, name_start, name_start, ctx.index.titles)[2]
        or st.tokens[name_start].text.lower() in ctx.index.titles
    ):
        name_start += 1
    name = _span_text(st.tokens, name_start, atom.end)
    key = fold(name)
    known = ctx.names.get(key) or ctx.names.get(key.split()[-1] if key else "")
    if known is not None and not _has_cue(st, lo, atom):
        return st.mention(lo, atom.end, h, "PERSON", known[0], "coref")
    title, sector = _title_in(st, lo, name_start, ctx)
    cue = _country_cue(st, lo, atom.start, atom)
    if cue is None and tok.dep == "appos":
        owner = st.by_head.get(tok.head)
        if owner is not None and owner.actor is not None and owner.label == "ACTOR":
            actor = replace(owner.actor, name=name)
            ctx.remember_person(actor, name, title)
            return st.mention(lo, atom.end, h, "PERSON", actor, "title")
    if not title and cue is None:
        if known is not None:
            return st.mention(lo, atom.end, h, "PERSON", known[0], "coref")
        return st.mention(lo, atom.end, h, "PERSON", None, "")
    country = (
        cue.actor.country
        if cue is not None and cue.actor is not None
        else _fallback(st, lo, h, ctx, sector)
    )
    if (
        cue is not None
        and cue.actor is not None
        and (cue.kind in ("org", "seat") or cue.actor.country is None)
    ):
        # "UN envoy Jean Dupont", "Hamas commander X": the body's own code.
        actor = replace(cue.actor, name=name)
    else:
        base = _actor(ctx, country, sector or None)
        actor = replace(base, name=name)
    ctx.remember_person(actor, name, title)
    return st.mention(lo, atom.end, h, "PERSON", actor, "title")


def _has_cue(st: _Sent, lo: int, atom: _Atom) -> bool:
    return _country_cue(st, lo, atom.start, atom) is not None


def _fallback(st: _Sent, lo: int, h: int, ctx: _Context, sector: str | None = None) -> str | None:
    """The story's country for a phrase without one, unless a modifier says the group is not
    national ("Arab ministers", "foreign troops", "Kurdish fighters"); in a territory's
    story, the sovereign for the sectors it keeps there ("soldiers" in a Guam story)."""
    if ctx.fallback is None:
        return None
    blockers = ctx.index.not_national
    for t in st.tokens[lo:h]:
        low = t.text.lower()
        if low in blockers or t.lemma.lower() in blockers:
            return None
    return ctx.story.for_sector(sector)


def _home(ctx: _Context) -> Actor | None:
    """The story's country as an actor (a one-country story), or none."""
    return ctx.index.country_actor(ctx.fallback) if ctx.fallback else None


def _actor(ctx: _Context, country: str | None, sector: str | None) -> Actor:
    if country is None:
        return ctx.index.sector_actor(sector) if sector else Actor("", "", None, None)
    return ctx.index.country_actor(country, sector)


_GENERIC_HEADS = frozenset({"official", "officer", "authority", "source", "member"})


def _noun_phrase(st: _Sent, tok: Token, ctx: _Context) -> tuple[Mention | None, bool]:
    """A common-noun phrase headed by a title, sector noun or owned noun."""
    idx = ctx.index
    h = tok.i
    named = _of_name(st, h, idx.sector_nouns)
    if named is None and not any(f in idx.noun_words for f in _forms(tok)):
        return None, False
    lo = _left_edge(st, h)
    title, tsector, twidth = _noun_key(st.tokens, h, lo, idx.titles)
    _, ssector, swidth = _noun_key(st.tokens, h, lo, idx.sector_nouns)
    if named is not None and not twidth:
        ssector, swidth = named, 3  # "the House of Representatives": the name's own "of"
    _, osector, owidth = _noun_key(st.tokens, h, lo, idx.owned_nouns)
    if not (twidth or swidth or owidth):
        return None, False
    person = bool(twidth) and not _plural(tok)
    cue = _country_cue(st, lo, h, None)
    end = h + 1 if named is None or twidth else h + 3
    if cue is None:
        local = swidth and ssector not in _NOT_LOCAL and not twidth
        cue = _of_cue(st, h, _OF_IN if local else frozenset({"of"}))
        if cue is not None:
            end = max(end, cue.end)
            if cue.kind in ("capital", "seat") and cue.actor is not None and cue.actor.country:
                # "officials in Washington": the place's country, not its government.
                cue = replace(cue, kind="country", actor=ctx.index.country_actor(cue.actor.country))
    if cue is not None and _ethnic(st.tokens, cue):
        # "ethnic Albanian separatists": a people where they live, the story's country.
        cue = replace(cue, kind="country", actor=_home(ctx))
    cue_actor = cue.actor if cue is not None else None
    if swidth and ssector == "GOV" and not _GENERIC_HEADS.isdisjoint(_forms(tok)):
        # "police officials", "military officers": the modifier's sector.
        _, msector = _title_in(st, lo, h, ctx)
        ssector = msector or ssector
    if cue is not None and cue_actor is not None and cue.kind in ("org", "seat"):
        # "UN inspectors", "Hamas fighters", "Kremlin officials": the body itself; but a
        # party's government or lawmakers are the country's ("BJP government").
        if cue_actor.sector == "PTY" and cue_actor.country and (swidth or twidth):
            cue_actor = _actor(ctx, cue_actor.country, ssector if swidth else tsector)
        m = st.mention(lo, end, h, "ACTOR", cue_actor, "owner")
        if person:
            ctx.remember_title(cue_actor, title)
        if not _plural(tok):
            name_apposed_person(st, m, ctx, title)
        return m, person
    country = cue_actor.country if cue_actor is not None else None
    if twidth:
        if country is not None:
            actor = _actor(ctx, country, tsector)
            m = st.mention(lo, end, h, "ACTOR", actor, "title")
            if person:
                ctx.remember_title(actor, title)
                name_apposed_person(st, m, ctx, title)
            _spread_to_conjuncts(st, cue, tsector, ctx)
            return m, person
        prior = ctx.titles.get(title) or ctx.titles.get(title.split()[-1])
        if prior is not None and person:
            return st.mention(lo, end, h, "ACTOR", prior, "coref"), True
        fallback = _fallback(st, lo, h, ctx, tsector)
        if fallback is None:
            return None, False
        return st.mention(lo, end, h, "ACTOR", _actor(ctx, fallback, tsector), "sector"), (person)
    if swidth:
        actor = _actor(ctx, country or _fallback(st, lo, h, ctx, ssector), ssector)
        _spread_to_conjuncts(st, cue, ssector, ctx)
        return st.mention(lo, end, h, "ACTOR", actor, "sector"), False
    # An owned noun ("office", "spokesman", "leader") takes its owner's actor.
    if cue is None or cue_actor is None:
        return None, False
    _, msector = _title_in(st, lo, h, ctx)
    if msector:
        actor = _actor(ctx, country, msector)
    elif cue.kind in ("person", "pron") and cue_actor.sector:
        actor = cue_actor if country is None else _actor(ctx, country, cue_actor.sector)
    else:
        actor = _actor(ctx, country, osector)
    m = st.mention(lo, end, h, "ACTOR", actor, "owner")
    if not _plural(tok):
        name_apposed_person(st, m, ctx, "")
    return m, False


def _spread_to_conjuncts(st: _Sent, cue: _Atom | None, sector: str, ctx: _Context) -> None:
    """``Hungarian and Romanian officials``: each coordinated modifier denotes that sector of
    its own country; their mentions (head = that word) get those actors (HUNGOV, ROUGOV)."""
    if cue is None or cue.actor is None or cue.actor.country is None:
        return
    spread = False
    for c in [*st.children[cue.head], cue.head]:
        if c != cue.head and st.tokens[c].dep != "conj":
            continue
        if c == cue.head and not spread:
            break
        m = st.by_head.get(c)
        if m is not None and m.actor is not None and m.actor.country and m.actor.sector is None:
            st.by_head[c] = replace(m, actor=_actor(ctx, m.actor.country, sector), via="sector")
            spread = True


def resolve(article: Article, index: ActorIndex) -> Article:
    """Return ``article`` with ``mentions`` replaced by the resolved set (see ``casus.actors``)."""
    return resolve_article(article, index)
