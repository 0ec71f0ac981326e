"""A cheap language check: casus codes English, so a text whose common words are those of
another language is refused with one line instead of silently giving no events."""

from __future__ import annotations

import re

__all__ = ["foreign_language"]

_STOP = {
    "English": "the of and to in is that for on with was as by at from it are be has have "
    "this which were said but not an or their they its after will had been who would",
    "Spanish": "el la los las del que en y por con para una un es se su lo al como más "
    "pero sus le ya fue este ha sí porque esta entre cuando muy sin sobre también",
    "French": "le la les des du et est que une un dans pour qui pas sur au avec ce il "
    "elle sont ses aux par plus été cette mais ont leur entre sans sous",
    "German": "der die das und ist nicht den von zu mit sich des auf für dem ein eine "
    "auch es an wird aus er hat dass sie nach bei einer um noch wie über",
    "Portuguese": "os as do da dos das que e em um uma para com não por mais se foi "
    "ao na no pelo pela seu sua são também mas entre sobre quando",
    "Italian": "il lo gli le di del della che e è un una per con non si sono al nel alla "
    "anche più ma come dei delle ha questo tra dopo",
    "Dutch": "de het een en van in is dat op te zijn met voor niet aan er ook als bij "
    "door maar om hij werd naar uit heeft dan tot nog",
}
_SETS = {lang: frozenset(words.split()) for lang, words in _STOP.items()}
# a word common to English and another list says nothing (e.g. "in", "is", "a")
_WORDS = {lang: s - _SETS["English"] if lang != "English" else s for lang, s in _SETS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_SAMPLE = 20_000  # characters looked at
_MIN_WORDS = 30


def foreign_language(text: str) -> str | None:
    """The language ``text`` looks like when it is clearly not English, else ``None``.

    Counts the words of a short stop-word list per language in the first characters; a text
    is foreign when another language's count is at least three times English's and is at
    least a tenth of the words. Short texts (under 30 words) are never refused.
    """
    words = _WORD.findall(text[:_SAMPLE].lower())
    if len(words) < _MIN_WORDS:
        return None
    counts = {lang: sum(w in stop for w in words) for lang, stop in _WORDS.items()}
    english = counts.pop("English")
    lang, best = max(counts.items(), key=lambda kv: kv[1])
    if best >= 3 * max(english, 1) and best * 10 >= len(words):
        return lang
    return None
