"""When stage (issue #5): each event's date, resolved against the publication date.

For every event, the date expressions of its sentence (``casus.when.parse``) are ranked: those in
the trigger's own subtree first, then by dependency-tree distance from the trigger, then by
distance in the text. The first one that resolves wins. A sentence without any expression
inherits the "news peg" (the last day-precision date of an earlier sentence, if it lies within
a week before publication); failing that the publication date is used with precision
``publication``. Rules and examples: ``docs/WHEN_WHERE.md``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from ..model import Article, Event, Sentence, Token
from .parse import DateExpr, find_expressions, resolve
from .tree import ancestors, children, clause, tree_distance, trigger_index

__all__ = ["DateChoice", "date_events", "date_of", "sentence_dates"]

_FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})
_FUTURE_HEADS = frozenset(
    {"plan", "intend", "schedule", "expect", "due", "set", "prepare", "aim", "go", "hope"}
)
_INTENT_ROOTS = frozenset({"03", "13"})
PEG_WINDOW_DAYS = 7
"""An earlier sentence's day is inherited only if it is 1 to this many days before publication."""


@dataclass(frozen=True, slots=True)
class DateChoice:
    """The date chosen for one event and why (``via``: ``text``, ``peg``, ``publication``)."""

    date: dt.date | None
    precision: str | None
    via: str
    expression: str | None = None


def _token_at(tokens: Sequence[Token], char: int) -> int:
    for t in tokens:
        if t.start <= char < t.end:
            return t.i
    best = 0
    for t in tokens:
        if t.start <= char:
            best = t.i
    return best


def _is_future(tokens: Sequence[Token], i: int) -> bool:
    """Is the clause governing token ``i`` future-tensed ("will meet", "plans to visit")?"""
    if not tokens:
        return False
    for j in ancestors(tokens, i):
        tok = tokens[j]
        if tok.pos not in ("VERB", "AUX") and j != i:
            continue
        for c in children(tokens, j):
            ct = tokens[c]
            if ct.dep in ("aux", "auxpass") and ct.text.lower() in _FUTURE_AUX:
                return True
            if ct.dep in ("aux",) and ct.lemma.lower() == "be" and _next_is_going(tokens, c):
                return True
        if tok.dep == "xcomp":
            head = tokens[tok.head] if 0 <= tok.head < len(tokens) else tok
            if head.lemma.lower() in _FUTURE_HEADS:
                return True
        if tok.pos in ("VERB", "AUX"):
            return False
    return False


def _next_is_going(tokens: Sequence[Token], c: int) -> bool:
    return c + 1 < len(tokens) and tokens[c + 1].text.lower() == "going"


def _resolved(
    sentence: Sentence, expr: DateExpr, pub: dt.date | None, *, intent: bool
) -> tuple[dt.date, str] | None:
    anchor = _token_at(sentence.tokens, expr.start) if sentence.tokens else 0
    forward = _is_future(sentence.tokens, anchor) if sentence.tokens else False
    return resolve(expr, pub, forward=forward, keep_future=forward or intent)


def sentence_dates(sentence: Sentence, pub: dt.date | None) -> list[tuple[DateExpr, int]]:
    """Date expressions of a sentence with the token each is anchored to."""
    exprs = find_expressions(sentence.text, sentence.start)
    if not sentence.tokens:
        return [(e, 0) for e in exprs]
    return [(e, _token_at(sentence.tokens, e.start)) for e in exprs]


def _ranked(sentence: Sentence, trigger: int, pub: dt.date | None) -> list[DateExpr]:
    found = sentence_dates(sentence, pub)
    toks = sentence.tokens
    if not toks or len(found) < 2:
        return [e for e, _ in found]
    own = clause(toks, trigger)

    def key(item: tuple[DateExpr, int]) -> tuple[int, int, int]:
        _, anchor = item
        return (
            0 if anchor in own else 1,
            tree_distance(toks, trigger, anchor),
            abs(anchor - trigger),
        )

    return [e for e, _ in sorted(found, key=key)]


def date_of(
    sentence: Sentence,
    trigger: int,
    pub: dt.date | None,
    *,
    intent: bool = False,
    peg: tuple[dt.date, str] | None = None,
) -> DateChoice:
    """The date of an event triggered at token ``trigger`` of ``sentence``."""
    t = trigger_index(sentence.tokens, trigger) if sentence.tokens else 0
    for expr in _ranked(sentence, t, pub):
        got = _resolved(sentence, expr, pub, intent=intent)
        if got is not None:
            return DateChoice(got[0], got[1], "text", expr.text)
    if peg is not None:
        return DateChoice(peg[0], peg[1], "peg")
    if pub is not None:
        return DateChoice(pub, "publication", "publication")
    return DateChoice(None, None, "none")


def _sentence_peg(sentence: Sentence, pub: dt.date | None) -> tuple[dt.date, str] | None:
    """The day a sentence is about, if it says so: its expression nearest the root."""
    if pub is None:
        return None
    root = trigger_index(sentence.tokens, -1) if sentence.tokens else 0
    choice = date_of(sentence, root, pub)
    if choice.via != "text" or choice.precision != "day" or choice.date is None:
        return None
    if not dt.timedelta(days=1) <= pub - choice.date <= dt.timedelta(days=PEG_WINDOW_DAYS):
        return None  # the publication day itself is no peg (datelines: "This story is from")
    return choice.date, "day"


def _intent(event: Event) -> bool:
    return event.cameo[:2] in _INTENT_ROOTS


def date_events(article: Article) -> Article:
    """Fill ``date`` and ``date_precision`` of every event of ``article``."""
    if not article.events:
        return article
    pub = article.date
    pegs: list[tuple[dt.date, str] | None] = []
    current: tuple[dt.date, str] | None = None
    last = max(e.sentence_index for e in article.events)
    for sentence in article.sentences:
        pegs.append(current)
        if sentence.index >= last:
            continue  # no event after it needs its peg
        own = _sentence_peg(sentence, pub)
        if own is not None:
            current = own
    by_index = {s.index: n for n, s in enumerate(article.sentences)}
    dated: list[Event] = []
    for event in article.events:
        n = by_index.get(event.sentence_index)
        if n is None:
            choice = (
                DateChoice(pub, "publication", "publication")
                if pub
                else DateChoice(None, None, "none")
            )
        else:
            choice = date_of(
                article.sentences[n],
                event.trigger_index,
                pub,
                intent=_intent(event),
                peg=pegs[n],
            )
        dated.append(replace(event, date=choice.date, date_precision=choice.precision))
    return replace(article, events=tuple(dated))
