"""Build parsed articles by hand (no spaCy model): sentences from compact token specs.

A sentence spec is a string of space-separated tokens ``text/POS/dep/head[/lemma]``, where
``head`` is the index of the head token within the sentence (the root points to itself);
use ``_`` for a space inside a token text. Entities are ``(sentence, label, tok_start,
tok_end)`` tuples (``tok_end`` exclusive; the head is the span's last token, or give a 5th
element). Example::

    art = article(
        "Iranian/ADJ/amod/1 troops/NOUN/nsubj/2 attacked/VERB/ROOT/2 ./PUNCT/punct/2",
        ents=[(0, "NORP", 0, 1)],
        date=dt.date(2024, 5, 1),
    )

Tokens are joined by one space, except before punctuation and possessive ``'s``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from casus.model import Article, Mention, Sentence, Token

__all__ = ["article", "code_at", "mention_at", "parse_spec"]

_NO_SPACE_BEFORE = {",", ".", "!", "?", ";", ":", "'s", "’s", "'", ")", "n't"}


def parse_spec(spec: str) -> list[tuple[str, str, str, int, str]]:
    """``"Putin/PROPN/nsubj/1 said/VERB/ROOT/1"`` → ``[(text, pos, dep, head, lemma), ...]``."""
    rows: list[tuple[str, str, str, int, str]] = []
    for item in spec.split():
        last = item.rsplit("/", 1)[-1]
        if last.lstrip("-").isdigit():
            text, pos, dep, head = item.rsplit("/", 3)
            lemma = text.lower()
        else:
            text, pos, dep, head, lemma = item.rsplit("/", 4)
        rows.append((text.replace("_", " "), pos, dep, int(head), lemma))
    return rows


def article(
    *specs: str,
    ents: Sequence[tuple[int, str, int, int] | tuple[int, str, int, int, int]] = (),
    date: dt.date | None = None,
    article_id: str = "t",
) -> Article:
    """An :class:`Article` with parsed sentences (one per spec) and NER mentions ``ents``."""
    text = ""
    sentences: list[Sentence] = []
    for index, spec in enumerate(specs):
        if text:
            text += " "
        rows = parse_spec(spec)
        starts: list[int] = []
        sent_start = len(text)
        for n, (word, *_rest) in enumerate(rows):
            if n > 0 and word not in _NO_SPACE_BEFORE:
                text += " "
            starts.append(len(text))
            text += word
        tokens = tuple(
            Token(
                i=n,
                text=word,
                lemma=lemma,
                pos=pos,
                tag="",
                dep=dep,
                head=head,
                start=starts[n],
                whitespace=(
                    "" if n + 1 < len(rows) and rows[n + 1][0] in _NO_SPACE_BEFORE else " "
                ),
            )
            for n, (word, pos, dep, head, lemma) in enumerate(rows)
        )
        sentences.append(
            Sentence(
                index=index,
                start=sent_start,
                end=len(text),
                text=text[sent_start:],
                tokens=tokens,
            )
        )
    mentions: list[Mention] = []
    for ent in ents:
        s_idx, label, a, b = ent[0], ent[1], ent[2], ent[3]
        head = ent[4] if len(ent) == 5 else b - 1  # type: ignore[misc]
        toks = sentences[s_idx].tokens
        start, end = toks[a].start, toks[b - 1].end
        mentions.append(
            Mention(
                sentence_index=s_idx,
                start=start,
                end=end,
                tok_start=a,
                tok_end=b,
                text=text[start:end],
                label=label,
                head=head,
            )
        )
    return Article(
        id=article_id, text=text, date=date, sentences=tuple(sentences), mentions=tuple(mentions)
    )


def mention_at(art: Article, sentence: int, head: int) -> Mention:
    """The one mention whose head is token ``head`` of sentence ``sentence``."""
    found = [m for m in art.mentions if m.sentence_index == sentence and m.head == head]
    assert len(found) == 1, f"expected one mention at {sentence}:{head}, got {art.mentions}"
    return found[0]


def code_at(art: Article, sentence: int, head: int) -> str | None:
    """The actor code of :func:`mention_at` (``None`` when unresolved)."""
    m = mention_at(art, sentence, head)
    return m.actor.code if m.actor else None
