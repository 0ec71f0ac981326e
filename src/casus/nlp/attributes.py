"""Faster stand-ins for the model's ``attribute_ruler`` and ``lemmatizer``, with the same
output. Private helper of :mod:`casus.nlp`.

spaCy's ``AttributeRuler`` runs a ``Matcher`` of its ~180 token patterns (the tag map, the
morphology rules and a few exceptions) over every token: about a seventh of the whole
pipeline's time on news. Nearly all patterns are one token long and test only the token's
tag, lower-case form, dependency label and whether it is a space, so which rules fire on a
token depends on those four values alone: :class:`FastAttributes` works that out once per
distinct combination (a dictionary lookup after that) and checks the few two-token patterns
directly. The attributes are then set as the ruler sets them: rules in the order they were
added, a later rule overriding an earlier one (``AttributeRuler.match`` sorts by rule).
``tests/nlp/test_attributes.py`` checks the output against the ruler's own on real text.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ConfigError

__all__ = ["FACTORY", "LEMMAS", "FastAttributes", "FastLemmas", "install", "model_pipeline"]

FACTORY = "casus_attribute_ruler"
"""The spaCy factory name of :class:`FastAttributes`."""
LEMMAS = "casus_lemmatizer"
"""The spaCy factory name of :class:`FastLemmas`."""

_KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
"""The token attributes the patterns may test (one value each per token)."""

_READ = [TAG, LOWER, DEP, IS_SPACE, POS, MORPH, LEMMA]
_LEMMA_READ = [ORTH, POS, MORPH, LEMMA]
_WRITE = [POS, MORPH, LEMMA]

_Key = tuple[str, str, str, bool]
_Test = Callable[[_Key], bool]


def _value_test(attr: str, spec: Any) -> _Test:
    """One attribute test of a pattern token, as spaCy's ``Matcher`` reads it."""
    at = _KEYS.index(attr)
    if isinstance(spec, Mapping):
        if set(spec) == {"IN"}:
            allowed = frozenset(spec["IN"])
            return lambda key: key[at] in allowed
        if set(spec) == {"NOT_IN"}:
            banned = frozenset(spec["NOT_IN"])
            return lambda key: key[at] not in banned
        if set(spec) == {"REGEX"}:
            pattern = re.compile(spec["REGEX"])
            return lambda key: bool(pattern.search(str(key[at])))
        raise ConfigError(f"attribute_ruler pattern test {spec!r} is not supported")
    return lambda key: key[at] == spec


def _text(strings: Any, row: Sequence[int]) -> _Key:
    """A token's tag, lower-case word, dependency and space flag from the hashes of its
    ``_READ`` row, as the pattern tests read them."""
    return (strings[row[0]], strings[row[1]], strings[row[2]], bool(row[3]))


def _listed(spec: Mapping[str, Any]) -> tuple[int, tuple[str, ...] | None]:
    """The column (of ``_READ``) and the values one of which a pattern token needs: its
    lower-case word if it tests one by equality or ``IN``, else its dependency label so
    tested; ``None`` if neither."""
    for attr in ("LOWER", "DEP"):
        value = spec.get(attr)
        if isinstance(value, str):
            return _KEYS.index(attr), (value,)
        if isinstance(value, Mapping) and set(value) == {"IN"}:
            return _KEYS.index(attr), tuple(value["IN"])
    return 0, None


def _token_test(spec: Mapping[str, Any]) -> _Test:
    unknown = set(spec) - set(_KEYS)
    if unknown:
        raise ConfigError(f"attribute_ruler pattern tests {sorted(unknown)}, not supported")
    tests = [_value_test(attr, value) for attr, value in spec.items()]
    return lambda key: all(test(key) for test in tests)


class FastAttributes:
    """The attributes an ``AttributeRuler`` (its ``patterns``) sets, set the same way."""

    def __init__(self, nlp: Language, patterns: Sequence[Mapping[str, Any]]) -> None:
        self.vocab = nlp.vocab
        strings = nlp.vocab.strings
        # one-token rules by what they need of the word: none (their outcome depends on tag,
        # dependency and space only), one of some words (looked up by the word), other tests
        self._plain: list[tuple[int, _Test]] = []
        self._by_word: dict[int, list[tuple[int, _Test]]] = {}
        self._other: list[tuple[int, _Test]] = []
        # longer rules: their tests, the token they set, and which token needs one of which
        # word or label hashes (its offset, column and the hashes; ``None``: no such token)
        self._multi: list[tuple[int, tuple[_Test, ...], int, int, int, frozenset[int] | None]] = []
        self._attrs: list[dict[str, Any]] = []
        for rule, entry in enumerate(patterns):
            self._attrs.append(dict(entry["attrs"]))
            index = int(entry.get("index", 0))
            for pattern in entry["patterns"]:
                tests = tuple(_token_test(t) for t in pattern)
                first = pattern[0]
                target = index if index >= 0 else len(tests) + index
                if not 0 <= target < len(tests):  # spaCy raises E1001 on the first match
                    raise ConfigError(
                        f"attribute_ruler rule {rule}: index {index} is outside its pattern"
                    )
                if len(tests) > 1:
                    # the first of its tokens that needs one of some words or labels
                    offset, at, values = next(
                        ((k, *_listed(t)) for k, t in enumerate(pattern) if _listed(t)[1]),
                        (0, 0, None),
                    )
                    needs = None if values is None else frozenset(strings.add(v) for v in values)
                    self._multi.append((rule, tests, target, offset, at, needs))
                    continue
                if "LOWER" not in first:
                    self._plain.append((rule, tests[0]))
                    continue
                _, values = _listed({"LOWER": first["LOWER"]})
                if values is None:
                    self._other.append((rule, tests[0]))
                for word in values or ():
                    self._by_word.setdefault(int(strings.add(word)), []).append((rule, tests[0]))
        self._by_shape: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self._by_key: dict[tuple[int, int, int, int], tuple[int, ...]] = {}
        self._results: dict[tuple[int, ...], tuple[dict[str, int], dict[str, str]]] = {}

    def _rules(self, key: tuple[int, int, int, int]) -> tuple[int, ...]:
        """The one-token rules that fire on a token with these attribute hashes, in order."""
        found = self._by_key.get(key)
        if found is not None:
            return found
        text = _text(self.vocab.strings, key)
        shape = (key[0], key[2], key[3])
        plain = self._by_shape.get(shape)
        if plain is None:
            plain = tuple(rule for rule, test in self._plain if test(text))
            self._by_shape[shape] = plain
        more = [rule for rule, test in self._by_word.get(key[1], ()) if test(text)]
        more += [rule for rule, test in self._other if test(text)]
        found = tuple(sorted({*plain, *more})) if more else plain
        self._by_key[key] = found
        return found

    def _result(self, rules: tuple[int, ...]) -> tuple[dict[str, int], dict[str, str]]:
        """What the rules set, in order (a later rule overrides): POS, MORPH and LEMMA as
        hashes for ``Doc.from_array``, and the rare TAG and DEP (on spaces) as strings."""
        result = self._results.get(rules)
        if result is None:
            merged: dict[str, Any] = {}
            for rule in sorted(rules):
                merged.update(self._attrs[rule])
            columns: dict[str, int] = {}
            rare: dict[str, str] = {}
            for name, value in merged.items():
                if name == "POS":
                    columns[name] = int(self.vocab.strings.add(value))
                elif name == "MORPH":
                    columns[name] = int(self.vocab.morphology.add(value))
                elif name == "LEMMA":
                    columns[name] = int(self.vocab.strings.add(value))
                elif name in ("TAG", "DEP"):
                    rare[name] = value
                else:
                    raise ConfigError(f"attribute_ruler sets {name!r}, not supported")
            result = (columns, rare)
            self._results[rules] = result
        return result

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = doc.to_array(_READ).tolist()
        extra: dict[int, list[int]] = {}
        strings = self.vocab.strings
        for rule, tests, index, offset, at, needs in self._multi:
            width = len(tests)
            for i in range(len(rows) - width + 1):
                if needs is not None and rows[i + offset][at] not in needs:
                    continue
                keys = [_text(strings, r) for r in rows[i : i + width]]
                if all(test(k) for test, k in zip(tests, keys, strict=True)):
                    extra.setdefault(i + index, []).append(rule)
        out = []
        rare: list[tuple[int, dict[str, str]]] = []
        for i, row in enumerate(rows):
            rules = self._rules((row[0], row[1], row[2], row[3]))
            more = extra.get(i)
            if more:
                rules = tuple(sorted({*rules, *more}))
            pos, morph, lemma = row[4], row[5], row[6]
            if rules:
                columns, strings_set = self._result(rules)
                pos = columns.get("POS", pos)
                morph = columns.get("MORPH", morph)
                lemma = columns.get("LEMMA", lemma)
                if strings_set:
                    rare.append((i, strings_set))
            out.append((pos, morph, lemma))
        doc.from_array(_WRITE, numpy.array(out, dtype="uint64"))  # type: ignore[arg-type]
        for i, values in rare:
            token = doc[i]
            if "TAG" in values:
                token.tag_ = values["TAG"]
            if "DEP" in values:
                token.dep_ = values["DEP"]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


class FastLemmas:
    """The model's lemmatizer, run once per distinct (word, part of speech, morphology): its
    lemma depends on those alone (spaCy's own cache key), so each token after the first of
    its kind costs a dictionary lookup, read and written as arrays. The first costs a
    hundredth of what it did: the rule lemmatizer's steps are those of spaCy's
    ``rule_lemmatize``, with its word index looked up as a set (:meth:`_by_rules`)."""

    def __init__(self, lemmatizer: Any) -> None:
        self.lemmatizer = lemmatizer
        self._memo: dict[tuple[int, int, int], int] = {}
        self._base: dict[tuple[int, str], bool] = {}
        self._tables: dict[str, tuple[frozenset[str] | None, Any, list[tuple[str, ...]]]] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        overwrite = bool(getattr(self.lemmatizer, "overwrite", False))
        rows = doc.to_array(_LEMMA_READ).tolist()
        memo = self._memo
        lemmas = []
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            found = memo.get(key)
            if found is None:
                found = memo[key] = int(doc.vocab.strings.add(self._lemma(doc[i])))
            lemmas.append(found)
            changed = True
        if changed:
            doc.from_array([LEMMA], numpy.array(lemmas, dtype="uint64"))  # type: ignore[arg-type]
        return doc

    def _lemma(self, token: Any) -> str:
        """The model lemmatizer's lemma. In its rule mode, a word it takes for a base form
        (a test of part of speech and morphology alone, so asked once per pair) is its own
        lemma in lower case, as ``Lemmatizer.rule_lemmatize`` has it; the rest go through
        that method."""
        lemmatizer = self.lemmatizer
        if getattr(lemmatizer, "mode", None) != "rule":
            return str(lemmatizer.lemmatize(token)[0])
        pos = token.pos_.lower()
        if pos in ("eol", "space"):
            return str(token.lower_)
        key = (token.pos, token.morph.key)
        base = self._base.get(key)
        if base is None:
            base = self._base[key] = bool(pos) and bool(lemmatizer.is_base_form(token))
        if base:
            return str(token.lower_)
        return self._by_rules(token.text, pos)

    def _by_rules(self, text: str, pos: str) -> str:
        """``Lemmatizer.rule_lemmatize`` past its base-form test, with its word index as a
        set (spaCy keeps it a list, and a look-up scanned it: a tenth of a millisecond)."""
        tables = self._tables.get(pos)
        if tables is None:
            lookups = self.lemmatizer.lookups
            index = lookups.get_table("lemma_index", {}).get(pos)
            exc = lookups.get_table("lemma_exc", {}).get(pos)
            rules = lookups.get_table("lemma_rules", {}).get(pos)
            tables = self._tables[pos] = (
                None if not (index or exc or rules) else frozenset(index or ()),
                exc or {},
                [tuple(r) for r in rules or ()],
            )
        index, exceptions, rules = tables
        if index is None:
            return text if pos == "propn" else text.lower()
        string = text.lower()
        forms: list[str] = []
        oov: list[str] = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index:
                    forms.insert(0, form)
                elif not form.isalpha():
                    forms.append(form)
                else:
                    oov.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(string, []):
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov)
        return forms[0] if forms else text

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)
def _make(nlp: Language, name: str) -> FastAttributes:
    return FastAttributes(nlp, nlp.get_pipe("attribute_ruler").patterns)  # type: ignore[attr-defined]


@Language.factory(LEMMAS)
def _make_lemmas(nlp: Language, name: str) -> FastLemmas:
    return FastLemmas(nlp.get_pipe("lemmatizer"))


_STAND_INS = (("attribute_ruler", FACTORY), ("lemmatizer", LEMMAS))


def install(nlp: Language) -> None:
    """Put :class:`FastAttributes` and :class:`FastLemmas` in the places of the model's
    ``attribute_ruler`` and ``lemmatizer``, which stay loaded but disabled
    (:func:`model_pipeline` runs the pipeline as shipped)."""
    for shipped, ours in _STAND_INS:
        if shipped in nlp.pipe_names:
            nlp.add_pipe(ours, after=shipped)
            nlp.disable_pipe(shipped)


@contextlib.contextmanager
def model_pipeline(nlp: Language) -> Iterator[Language]:
    """``nlp`` as the model ships it, with its own ``attribute_ruler`` and ``lemmatizer``,
    for the while."""
    swapped = [(shipped, ours) for shipped, ours in _STAND_INS if ours in nlp.pipe_names]
    for shipped, ours in swapped:
        nlp.disable_pipe(ours)
        nlp.enable_pipe(shipped)
    try:
        yield nlp
    finally:
        for shipped, ours in swapped:
            nlp.disable_pipe(shipped)
            nlp.enable_pipe(ours)
