"""Text normalisation for ingest: one canonical form that every offset refers to.

Private helper of :mod:`casus.ingest`; import the public names from there.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

import ftfy
from ftfy.badness import is_bad

__all__ = ["clean_line", "content_id", "normalise", "split_outlet"]

# ftfy, used conservatively: repair mojibake, but leave curly quotes, ligatures, full-width
# characters and ellipses alone (they are not errors), and HTML entities too (the HTML and feed
# readers decode those; unescaping plain text would not be idempotent: ``&amp;amp;``).
_FTFY_OPTIONS: dict[str, object] = {
    "uncurl_quotes": False,
    "fix_latin_ligatures": False,
    "fix_character_width": False,
    "unescape_html": False,
    "normalization": "NFC",
    "explain": False,
}

# ``â€`` followed by U+FFFD is double-decoded UTF-8 whose last byte (0x9D, the right double
# quotation mark ”) was lost by a cp1252 decoder. 0x9D is the only one of the five bytes
# cp1252 leaves undefined that gives a printable character after ``E2 80``, so restore it
# and let ftfy repair the whole sequence.
_LOST_RDQUO = ("â€\ufffd", "â€\x9d")
# ``Â`` + U+FFFD is a C1 control character (U+0080-U+009F) mangled the same way: dropped.
_LOST_C1 = "Â\ufffd"
# A lone ``Â`` before a space is a no-break space (C2 A0) whose second byte became a space.
# No language has a one-letter word ``Â``, so outside a word it is always this mojibake.
_LONE_A_CIRC = re.compile(r"(?<![^\W\d_])Â(?= |\n|$)")

# Characters that become a plain space, and invisible ones that are dropped.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"), " ")
_SPACES.update(dict.fromkeys(map(ord, "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t"), " "))
_DROP = dict.fromkeys(map(ord, "\u200b\u00ad\ufeff\u2060"), None)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0b\x0c\x1c\x1d\x1e\u2028\u2029]")
_SPACE_RUN = re.compile(r" {2,}")
_BULLET = re.compile(r"^(?:[·•●▪◦‣∙⁃]+ ?|[-–*] )+")

# A sentence glued to the next one: ``dialogue.The Kremlin``. The word before the full stop
# must be all lower case and at least two letters long (not ``U.S.``, ``e.g.``, ``Mr.``), an
# optional closing quote or bracket may follow the punctuation, then a capitalised word.
_GLUED = re.compile(r"(?<![\w@/.:-])([a-z]{2,}[.!?][”’)]?)(?=[A-Z][a-z])")
_URLISH = re.compile(r"://|www\.|@", re.IGNORECASE)
# An acute accent typed for an apostrophe between letters (``Russia´s``, ``N´Djamena``): the
# right single quotation mark, so that the tokenizer splits the possessive ``’s``.
_ACUTE_APOSTROPHE = re.compile(r"(?<=[^\W\d_])\u00b4(?=[^\W\d_])")


def normalise(text: str) -> str:
    """Return the canonical form of ``text`` that casus stores and takes offsets in.

    Unicode NFC; mojibake repaired by ftfy where that is unambiguous
    (quotes, ligatures and ellipses are kept); line endings unified to ``\\n``; runs of
    spaces and tabs collapsed; invisible and control characters dropped; blank lines removed
    (a paragraph break is one ``\\n``); leading list bullets (``·``, ``•``, ``- ``) removed;
    every line trimmed; and a missing space inserted after a sentence glued to the next one
    (``dialogue.The Kremlin`` → ``dialogue. The Kremlin``). ``normalise`` is idempotent.
    """
    out = _normalise_once(text)
    # ftfy judges mojibake in context, so removing a bullet or a control character can
    # change its verdict on what is left: repeat while ftfy still sees mojibake (ASCII and
    # clean text are left alone by a second pass, so they need none).
    for _ in range(3):
        if out.isascii() or not is_bad(out):
            break
        again = _normalise_once(out)
        if again == out:
            break
        out = again
    return out


def _normalise_once(text: str) -> str:
    if not text:
        return ""
    if "\ufffd" in text:
        text = text.replace(*_LOST_RDQUO).replace(_LOST_C1, "")
    text = _LINE_BREAKS.sub("\n", text)
    if not text.isascii():
        text = ftfy.fix_text(text, **_FTFY_OPTIONS)  # type: ignore[arg-type]
        text = _LINE_BREAKS.sub("\n", text)
        text = text.translate(_SPACES).translate(_DROP)
        if "Â" in text:
            text = _LONE_A_CIRC.sub(" ", text)
        if "\u00b4" in text:
            text = _ACUTE_APOSTROPHE.sub("\u2019", text)
    else:
        text = text.replace("\t", " ")
    text = _CONTROL.sub("", text)
    lines = []
    for raw in text.split("\n"):
        line = clean_line(raw)
        if line:
            lines.append(line)
    out = "\n".join(lines)
    return out if out.isascii() else unicodedata.normalize("NFC", out)


def clean_line(line: str) -> str:
    """One line: collapse spaces, trim, drop leading bullets, unglue sentences."""
    line = _SPACE_RUN.sub(" ", line).strip(" ")
    if line and not line[0].isalnum():
        line = _BULLET.sub("", line).strip(" ")
    if "." in line or "!" in line or "?" in line:
        line = _GLUED.sub(_unglue, line)
    return line


def _unglue(match: re.Match[str]) -> str:
    # Leave URLs, e-mail addresses and file names alone: look at the whole token.
    text = match.string
    start = text.rfind(" ", 0, match.start()) + 1
    end = text.find(" ", match.end())
    token = text[start : end if end >= 0 else len(text)]
    if _URLISH.search(token):
        return match.group(1)
    return match.group(1) + " "


def content_id(text: str) -> str:
    """A stable short id for an article without one: 16 hex digits of the SHA-1 of the
    normalised text (so the same story in a different encoding or spacing gets the same id)."""
    return hash_normalised(normalise(text))


def hash_normalised(text: str) -> str:
    """:func:`content_id` of text that is already normalised."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


# ``(MENAFN)``, ``(AFP) -``, ``(Reuters) —``: a parenthesised outlet at the start of the body.
_MARKER = re.compile(r"^\(([A-Z][A-Za-z0-9&.'/ -]{1,30}?)\)(\s*[-–—]{1,2})?\s*")
# ``LONDON (Reuters) -``, ``KYIV, Ukraine (AP) —``, ``MOSCOW, June 13 (Reuters) -``.
_DATELINE = re.compile(
    r"^[A-Z][A-Z.'\- ]{1,30}(?:, [A-Z][A-Za-z.'\- ]{1,30}){0,2}(?:,? [A-Z][a-z]{2,8}\.? \d{1,2})?"
    r" \(([A-Z][A-Za-z0-9&.'/ -]{1,30}?)\) ?[-–—]{1,2}\s+"
)


def split_outlet(text: str) -> tuple[str | None, str]:
    """Split a leading outlet marker off normalised body text: ``(outlet, rest)``.

    Recognised: ``(MENAFN) ...`` (an upper-case name in brackets; a mixed-case one such as
    ``(Reuters)`` needs a dash after it) and wire datelines ``LONDON (Reuters) - ...``.
    Returns ``(None, text)`` when there is none.
    """
    if not text:
        return None, text
    first = text[0]
    if first == "(":
        m = _MARKER.match(text)
        if m is not None and _looks_like_outlet(m.group(1), dashed=m.group(2) is not None):
            rest = text[m.end() :]
            if rest:
                return m.group(1).strip(), rest
        return None, text
    if first.isupper():
        m = _DATELINE.match(text)
        if m is not None and _looks_like_outlet(m.group(1), dashed=True):
            rest = text[m.end() :]
            if rest:
                return m.group(1).strip(), rest
    return None, text


# Bracketed upper-case tags that are not outlets (wire-copy status tags, photo directions).
_NOT_OUTLETS = frozenset(
    [
        "UPDATE",
        "UPDATED",
        "UPDATES",
        "CORRECTED",
        "CORRECTION",
        "REFILE",
        "REPEAT",
        "LEAD",
        "WRAPUP",
        "ANALYSIS",
        "EXCLUSIVE",
        "PHOTO",
        "PHOTOS",
        "VIDEO",
        "FILE",
        "FILES",
        "LIVE",
        "OPINION",
        "EDITORIAL",
        "BREAKING",
        "URGENT",
    ]
)
_WORD = re.compile(r"[A-Za-z]{2,}")


def _looks_like_outlet(name: str, *, dashed: bool) -> bool:
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 2 or len(name.split()) > 4 or not _WORD.search(name):
        return False
    if name.split()[0].upper() in _NOT_OUTLETS:
        return False
    upper = sum(c.isupper() for c in letters)
    if upper * 2 >= len(letters):
        return True
    return dashed and name[0].isupper()
