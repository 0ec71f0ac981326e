"""Pronouns and the subject/number facts they need (private helper of the actors stage)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Mention, Token
from .atoms import (
    _LEFT_DEPS,
    _PERSON_PRONOUNS,
    _RELATIVE_PRONOUNS,
    _SUBJECT_DEPS,
    _THING_PRONOUNS,
    _Context,
    _Ref,
    _Sent,
)


def _ref_plural(tokens: tuple[Token, ...], children: list[list[int]], h: int, label: str) -> bool:
    if label == "PRON":
        return tokens[h].text.lower() in _PLURAL_PRONOUNS
    return _plural(tokens[h]) or any(tokens[c].dep == "conj" for c in children[h])


def _is_subject(tokens: tuple[Token, ...], h: int) -> bool:
    """The token is a subject, or modifies one ("Israel" in "Israel's army said")."""
    for _ in range(4):
        tok = tokens[h]
        if tok.dep in _SUBJECT_DEPS:
            return True
        if (tok.dep not in _LEFT_DEPS and tok.dep != "appos") or tok.head == h:
            return False
        h = tok.head
    return False


def _plural(tok: Token) -> bool:
    if tok.tag:
        return tok.tag in ("NNS", "NNPS")
    return tok.text.lower() != tok.lemma.lower() and tok.text.lower().endswith("s")


def _pronoun(st: _Sent, tok: Token, ctx: _Context) -> tuple[Mention | None, bool]:
    word = tok.text.lower()
    h = tok.i
    s = st.sentence.index
    if word in _RELATIVE_PRONOUNS:
        verb = st.tokens[tok.head]
        if word == "whose":  # "Chile, whose army ...": up through the possessed noun
            verb = st.tokens[verb.head]
        if verb.dep != "relcl":
            return None, False
        ante = st.by_head.get(verb.head)
        if ante is None or ante.actor is None:
            return None, False
        person = ante.label == "PERSON" or (ante.label == "ACTOR" and ante.via == "title")
        return st.mention(h, h + 1, h, "PRON", ante.actor, "coref"), person
    want_person = word in _PERSON_PRONOUNS
    if not want_person and (word not in _THING_PRONOUNS or _expletive(st, tok)):
        return None, False
    plural = word in _PLURAL_PRONOUNS
    speaker = None if plural else _speaker(st, tok)
    if speaker is not None and speaker.actor is not None and speaker.label != "PRON":
        # (a pronoun speaker, "he said it ...", may be a person or not: the nearest rule)
        person = speaker.label == "PERSON" or (speaker.label == "ACTOR" and speaker.via == "title")
        if person == want_person:  # "X criticised Y, saying it ...": X, not Y
            return st.mention(h, h + 1, h, "PRON", speaker.actor, "coref"), person
    back = s - 1  # the sentence before, and any unparsed "He ..." ones before that
    while want_person and back in ctx.continued:
        back -= 1
    for ref in reversed(ctx.refs):
        if ref.sentence < back:
            break
        if ref.sentence == s and ref.head >= h:
            continue
        if want_person and ref.person and ref.subject:
            return st.mention(h, h + 1, h, "PRON", ref.actor, "coref"), True
        if not want_person and not ref.person and not ref.modifier and ref.plural == plural:
            if plural and _group_ref(ref):
                # "Peru and Chile ... they agreed": each of the listed actors.
                more = [st.mention(h, h + 1, h, "PRON", a, "coref") for a in ref.group[1:]]
                st.extra[h] = more
            return st.mention(h, h + 1, h, "PRON", ref.actor, "coref"), False
    return None, False


_SAYING = frozenset(
    {"say", "add", "insist", "state", "stress", "note", "warn", "claim", "argue", "announce",
     "declare", "confirm", "write", "tweet", "reiterate", "emphasise", "emphasize"}
)  # fmt: skip
"""Verbs whose subject is who a pronoun subject of their complement clause stands for."""


def _speaker(st: _Sent, tok: Token) -> Mention | None:
    """The resolved subject of the saying verb whose complement clause ``tok`` is the
    subject of (*X criticised Y, saying it opposed ...*: the participle's subject, X)."""
    clause = st.tokens[tok.head]
    if tok.dep != "nsubj" or clause.dep != "ccomp" or clause.head == clause.i:
        return None
    v = clause.head
    if st.tokens[v].lemma.lower() not in _SAYING:
        return None
    for _ in range(3):
        subj = next((c for c in st.children[v] if st.tokens[c].dep == "nsubj"), None)
        if subj is not None:
            return st.by_head.get(subj)
        vt = st.tokens[v]
        if vt.dep not in ("advcl", "conj") or vt.head == v:
            return None
        v = vt.head
    return None


def join_group(ctx: _Context, st: _Sent, h: int, actor: Actor) -> None:
    """A resolved conjunct ("Chile" in "Peru and Chile") joins the group of the first
    conjunct's reference, so that a later "they" stands for both."""
    first = h
    for _ in range(8):
        if st.tokens[first].dep != "conj" or st.tokens[first].head == first:
            break
        first = st.tokens[first].head
    s = st.sentence.index
    for n in range(len(ctx.refs) - 1, -1, -1):
        ref = ctx.refs[n]
        if ref.sentence != s:
            return
        if ref.head == first and not ref.person:
            group = ref.group or (ref.actor,)
            if all(a.code != actor.code for a in group):
                ctx.refs[n] = replace(ref, group=(*group, actor))
            return


def _located(actor: Actor) -> bool:
    return bool(actor.country) or actor.code[:3] in ("IGO", "NGO", "IMG")


def _group_ref(ref: _Ref) -> bool:
    return len(ref.group) > 1 and all(_located(a) for a in ref.group)


_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_EMPTY_VERBS = frozenset({"be", "seem", "appear", "look", "become", "remain", "happen", "take"})


def _expletive(st: _Sent, tok: Token) -> bool:
    """ "it" that is not an actor: expletive ("it was decided", "it seems"), or an object
    ("we accept it"), which is almost always a thing."""
    if tok.text.lower() != "it":
        return False
    if tok.dep != "nsubj":
        return True
    verb = st.tokens[tok.head]
    if verb.lemma.lower() in _EMPTY_VERBS:
        return True
    return any(st.tokens[c].dep in ("auxpass", "nsubjpass") for c in st.children[verb.i])


_NAMED_HEADS = frozenset(
    {
        "council", "court", "tribunal", "commission", "committee", "union", "alliance",
        "movement", "coalition", "front", "party", "fund", "bank", "mission", "agency",
        "organization", "organisation",
    }
)  # fmt: skip
"""Definite heads that name an organisation by a word of its name ("the council")."""
_GROUP_HEADS = {"group": "", "bloc": "IGO", "organization": "IGO"}
"""Definite heads that stand for the last organisation of a kind ("" any but an IGO)."""
_ORG_LOOKBACK = 5


def definite_org(st: _Sent, tok: Token, ctx: _Context) -> Mention | None:
    """ "The group said", "the council voted": a bare singular definite noun that repeats
    a named organisation of the last few sentences (a word of its name, or for *group*,
    *bloc*, *organization* the last one of that kind) is that organisation."""
    word = tok.lemma.lower()
    if tok.pos != "NOUN" or _plural(tok) or (word not in _NAMED_HEADS and word not in _GROUP_HEADS):
        return None
    h = tok.i
    kids = st.children[h]
    left = [c for c in kids if c < h]
    if [st.tokens[c].text.lower() for c in left] != ["the"]:
        return None
    if any(c > h and st.tokens[c].dep in ("prep", "relcl", "acl", "appos") for c in kids):
        return None  # "the council of elders", "the group that ...": a new one
    s = st.sentence.index
    for ref in reversed(ctx.refs):
        if ref.sentence < s - _ORG_LOOKBACK:
            break
        if not ref.org_words or (ref.sentence == s and ref.head >= h):
            continue
        kind = _GROUP_HEADS.get(word)
        igo = ref.actor.code.startswith("IGO")
        if (
            word in ref.org_words
            or (kind is not None and (igo if kind == "IGO" else not igo))
            or (word == "alliance" and ref.actor.code == "IGONATO")
        ):
            return st.mention(left[0], h + 1, h, "ACTOR", ref.actor, "coref")
    return None


_PAIR_HEADS = {
    "country": None,
    "nation": None,
    "state": None,
    "neighbour": None,
    "neighbor": None,
    "government": "GOV",
}
"""Plural heads of *both countries*, *the two governments* ... (with their sector). Not
*sides* (of a civil war, often no two states) nor *leaders*: both lost on `news_train`."""


def the_two(st: _Sent, tok: Token, ctx: _Context) -> Mention | None:
    """ "Both countries agreed", "the two governments signed": as a subject, the last two
    countries the story named before (one mention each at the same token, like a plural
    pronoun)."""
    word = tok.lemma.lower()
    if tok.pos != "NOUN" or not _plural(tok) or word not in _PAIR_HEADS:
        return None
    if tok.dep not in _SUBJECT_DEPS:
        return None  # an object: the events stage's conflict-dyad fallback knows better
    h = tok.i
    left = [st.tokens[c].text.lower() for c in st.children[h] if c < h]
    if left not in (["both"], ["the", "two"], ["two"]):
        return None
    s = st.sentence.index
    found: list[Actor] = []
    for ref in reversed(ctx.refs):
        c = ref.actor.country
        if ref.sentence == s and ref.head >= h:
            continue
        if c and c != "WST" and all(a.country != c for a in found):
            found.append(ref.actor)
            if len(found) == 2:
                break
    if len(found) < 2:
        return None
    sector = _PAIR_HEADS[word]
    lo = min(c for c in st.children[h] if c < h)
    actors = [ctx.index.country_actor(a.country or "", sector) for a in reversed(found)]
    st.extra[h] = [st.mention(lo, h + 1, h, "PRON", actors[1], "coref")]
    return st.mention(lo, h + 1, h, "PRON", actors[0], "coref")
