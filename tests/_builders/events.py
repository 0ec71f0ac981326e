"""Hand-built parsed sentences with resolved actors for the events tests (no spaCy model).

A sentence is a string of space-separated tokens ``text/POS/dep/head[/lemma[/tag]]``
(``head`` = index of the head token in the sentence, the root points to itself; ``_`` stands
for a space inside a token text). ``actors`` maps a token index to an actor code: ``"FRA"``
(a country), ``"FRAGOV"`` (country + sector), ``"IGOUNO"`` (no country), ``"MIL"`` (a bare
sector). Each becomes a one-token :class:`~casus.model.Mention` headed there, as
``actors.resolve`` would produce. Example::

    art = article(
        sent("France/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn Spain/PROPN/dobj/1",
             {0: "FRA", 2: "ESP"}),
    )
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from casus.model import Actor, Article, Mention, Sentence, Token

__all__ = ["SentSpec", "actor", "article", "sent"]

_NO_SPACE_BEFORE = {",", ".", "!", "?", ";", ":", "'s", "’s", "n't"}
_SECTORS = {"GOV", "MIL", "REB", "OPP", "JUD", "COP", "CVL", "MED", "BUS", "REF", "LAB"}


@dataclass(frozen=True)
class SentSpec:
    tokens: str
    actors: Mapping[int, str] = field(default_factory=dict)


def sent(tokens: str, actors: Mapping[int, str] | None = None) -> SentSpec:
    return SentSpec(tokens, dict(actors or {}))


def actor(code: str) -> Actor:
    """An :class:`Actor` from a CAMEO-style code (country = first three letters unless the
    code is an IGO/NGO or a bare sector)."""
    if code[:3] in ("IGO", "NGO", "IMG") or code in _SECTORS:
        return Actor(code=code, name=code, country=None, sector=code if code in _SECTORS else None)
    sector = code[3:] or None
    return Actor(code=code, name=code, country=code[:3], sector=sector)


def _rows(spec: str) -> list[tuple[str, str, str, int, str, str]]:
    rows = []
    for item in spec.split():
        parts = item.split("/")
        if item.startswith("//"):  # the token "/" itself is not needed in these tests
            raise ValueError(item)
        text, pos, dep, head = parts[:4]
        lemma = parts[4] if len(parts) > 4 else text.lower()
        tag = parts[5] if len(parts) > 5 else ""
        rows.append((text.replace("_", " "), pos, dep, int(head), lemma, tag))
    return rows


def article(*specs: SentSpec, article_id: str = "t1") -> Article:
    """An :class:`Article` whose sentences, tokens and actor mentions are the given specs."""
    text = ""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    for index, spec in enumerate(specs):
        if text:
            text += " "
        rows = _rows(spec.tokens)
        starts: list[int] = []
        sent_start = len(text)
        for n, row in enumerate(rows):
            if n > 0 and row[0] not in _NO_SPACE_BEFORE:
                text += " "
            starts.append(len(text))
            text += row[0]
        tokens = tuple(
            Token(
                i=n,
                text=word,
                lemma=lemma,
                pos=pos,
                tag=tag,
                dep=dep,
                head=head,
                start=starts[n],
            )
            for n, (word, pos, dep, head, lemma, tag) in enumerate(rows)
        )
        sentences.append(
            Sentence(
                index=index, start=sent_start, end=len(text), text=text[sent_start:], tokens=tokens
            )
        )
        for i, code in spec.actors.items():
            tok = tokens[i]
            mentions.append(
                Mention(
                    sentence_index=index,
                    start=tok.start,
                    end=tok.end,
                    tok_start=i,
                    tok_end=i + 1,
                    text=tok.text,
                    label="PRON" if tok.pos == "PRON" else "GPE",
                    head=i,
                    actor=actor(code),
                    via="test",
                )
            )
    return Article(id=article_id, text=text, sentences=tuple(sentences), mentions=tuple(mentions))
