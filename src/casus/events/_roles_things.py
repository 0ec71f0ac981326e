"""Events whose missing side names a thing or nobody of the news, so the role model must not
fill it from the article: an investigation of a thing (*a probe into the crash*), a meeting
with common nouns only (*met air force pilots*)."""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Article, Event, Token

__all__ = ["met_nobody", "objects", "probe_of_thing"]

_INVESTIGATE = "09"


def probe_of_thing(article: Article, event: Event) -> bool:
    """An investigation whose sentence names what it looks into, and no actor there
    (*investigating the incident*, *a probe into the crash*), is of no one: the article's
    other actors are not its target."""
    if event.cameo_root != _INVESTIGATE or event.target is not None or event.trigger_index < 0:
        return False
    toks = article.sentences[event.sentence_index].tokens
    ti = event.trigger_index
    return any(t.pos == "NOUN" for t in objects(toks, ti, _PROBED))


def met_nobody(article: Article, event: Event) -> bool:
    """A meeting whose other side the sentence names with common nouns only (*met air force
    pilots*, *after meeting with security officials*) is with the source's own people: no
    event between actors of the news."""
    if event.cameo not in ("040", "046") or event.target is not None or event.trigger_index < 0:
        return False
    toks = article.sentences[event.sentence_index].tokens
    objs = objects(toks, event.trigger_index, _MET)
    if not objs or any(o.pos != "NOUN" for o in objs):
        return False
    return not any(_named(toks, o.i) for o in objs)


def _named(toks: Sequence[Token], i: int) -> bool:
    """Whether the phrase of token ``i`` holds a capitalised word (a name, a nationality)."""
    for t in toks:
        j, seen = t.i, set()
        while j != i and toks[j].head != j and j not in seen:
            seen.add(j)
            j = toks[j].head
        if j == i and t.i != i and t.text[:1].isupper():
            return True
    return False


_MET = frozenset({"with"})
_PROBED = frozenset({"into", "of", "on"})


def objects(toks: tuple[Token, ...], ti: int, preps: frozenset[str]) -> list[Token]:
    """The direct objects of token ``ti``, then the objects of its prepositions ``preps``."""
    objs = [t for t in toks if t.head == ti and t.dep == "dobj" and t.i != ti]
    for p in [t for t in toks if t.head == ti and t.dep == "prep" and t.lemma.lower() in preps]:
        objs += [t for t in toks if t.head == p.i and t.dep == "pobj"]
    return objs
