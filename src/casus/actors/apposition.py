"""A person named with a title in apposition (private helper of the actors stage):
*John Doe, Kenya's police chief,* names the unresolved John Doe; and a listed person who
no longer holds the listed office takes the international body of the apposition (*X, a
former president, head of the AU mediation team*: the AU, for the rest of the story)."""

from __future__ import annotations

from dataclasses import replace

from ..model import Actor, Mention
from .atoms import _Context, _Sent
from .data import fold

_GROUPS = ("IGO", "NGO")
_LEADS = frozenset({"head", "chief", "leader", "chair", "chairman", "chairwoman", "member"})


def current_role(ctx: _Context, name: str) -> Actor | None:
    """The international role the story gave a former office holder called ``name``."""
    key = fold(name)
    return ctx.roles.get(key) or ctx.roles.get(key.split()[-1] if key else "")


def _is_group(actor: Actor) -> bool:
    return actor.country is None and actor.code[:3] in _GROUPS


def name_apposed_person(st: _Sent, m: Mention, ctx: _Context, title: str) -> None:
    """``John Doe, Kenya's police chief,``: the title names the unresolved person it follows;
    ``X, head of the UN mission,`` gives a listed former office holder the body's code."""
    tok = st.tokens[m.head]
    if tok.dep == "pobj" and st.tokens[tok.head].text.lower() == "of":
        # "X, head of the AU mediation team": the leading noun stands in apposition.
        lead = st.tokens[st.tokens[tok.head].head]
        if lead.lemma.lower() in _LEADS and lead.dep == "appos":
            tok = lead
    if tok.dep != "appos" or m.actor is None:
        return
    p = st.by_head.get(tok.head)
    if p is None or p.label != "PERSON":
        return
    if p.actor is not None:
        key = fold(p.text)
        if p.via != "person" or key not in ctx.former or not _is_group(m.actor):
            return
        actor = replace(m.actor, name=p.actor.name)
        st.by_head[p.head] = replace(p, actor=actor, via="title")
        ctx.roles[key] = actor
        words = key.split()
        if len(words) > 1 and len(words[-1]) > 2:
            ctx.roles[words[-1]] = actor
        ctx.remember_person(actor, p.text, title)
        return
    actor = replace(m.actor, name=p.text)
    st.by_head[p.head] = replace(p, actor=actor, via="title")
    ctx.remember_person(actor, p.text, title)
