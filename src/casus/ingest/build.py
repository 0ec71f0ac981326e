"""Building articles: seed-style text and JSON records → :class:`~casus.model.Article`.

Private helper of :mod:`casus.ingest` (import the public names from there): size and date
checks, field validation, normalisation and the outlet marker, and the content-hash id.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable, Mapping
from typing import ParamSpec

from ..errors import InputError, InputWarning
from ..model import Article
from ..settings import Settings
from .formats import Extracted
from .lang import foreign_language
from .norm import hash_normalised, normalise, split_outlet

__all__ = [
    "article_from_record",
    "build_article",
    "from_extracted",
    "guard",
    "json_type",
    "read_text_article",
    "record_article",
    "too_big",
]

_HEADER = re.compile(r"^[ \t]*date[ \t]+(\d[\d./-]{5,})(?:[ \t]+(\S+))?[ \t]*$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_P = ParamSpec("_P")


def read_text_article(
    text: str,
    *,
    origin: str,
    default_date: dt.date | None = None,
    settings: Settings,
) -> Article:
    """One article from seed-style or plain text. Raises :class:`InputError`.

    Seed style: a first line `` date YYYY-MM-DD ID`` (leading space and ID optional), then
    the title line, then the body. Anything else is plain text: all body, no title, the
    date ``default_date`` and a content-hash id.
    """
    _check_size(text, origin, settings)
    lines = text.lstrip("\ufeff").split("\n", 1)
    m = _HEADER.match(lines[0].rstrip("\r"))
    if m is None:
        return build_article(text, origin=origin, settings=settings, date=default_date)
    date = _parse_date(m.group(1), origin)
    rest = lines[1] if len(lines) > 1 else ""
    title, _, body = rest.lstrip("\r\n \t").partition("\n")
    if not normalise(body):
        raise InputError(
            "no article text after the date and title lines",
            where=origin,
            hint="put the title on line 2 and the body from line 3 on",
        )
    return build_article(
        body,
        origin=origin,
        settings=settings,
        id=m.group(2),
        title=title,
        date=date or default_date,
    )


def article_from_record(
    record: Mapping[str, object],
    *,
    origin: str,
    settings: Settings,
    default_date: dt.date | None = None,
) -> Article:
    """One article from a JSON object ``{id, text, date?, title?, url?, source?}``.

    ``source`` becomes :attr:`Article.outlet` (a leading ``(MENAFN)`` marker in the text is
    removed either way). Raises :class:`InputError` naming ``origin`` when ``text`` is
    missing, not a string or empty, or a field has the wrong type or an impossible date.
    """
    if not isinstance(record, Mapping):
        raise InputError(
            f"expected a JSON object, got {json_type(record)}",
            where=origin,
            hint='write one {"id": ..., "text": ...} object per line',
        )
    if "text" not in record:
        keys = ", ".join(sorted(str(k) for k in record)[:8]) or "none"
        raise InputError(
            f'record has no "text" field (its fields: {keys})',
            where=origin,
            hint='every object needs "text" (and ideally "id" and "date")',
        )
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(
            f'"text" must be a string, got {json_type(text)}',
            where=origin,
            hint="put the article body in a JSON string",
        )
    raw_id = record.get("id")
    if raw_id is None or raw_id == "":
        given_id = None
    elif isinstance(raw_id, str | int) and not isinstance(raw_id, bool):
        given_id = str(raw_id).strip() or None
    else:
        raise InputError(
            f'"id" must be a string, got {json_type(raw_id)}',
            where=origin,
            hint='use a string id such as "afp-2025-06-13-001"',
        )
    raw_date = record.get("date")
    if raw_date is None or raw_date == "":
        date = default_date
    elif isinstance(raw_date, str):
        date = _parse_date(raw_date, origin) or default_date
    elif isinstance(raw_date, dt.datetime):
        date = raw_date.date()
    elif isinstance(raw_date, dt.date):
        date = raw_date
    else:
        raise InputError(
            f'"date" must be a "YYYY-MM-DD" string, got {json_type(raw_date)}',
            where=origin,
            hint='write dates as "2025-06-13"',
        )
    return build_article(
        text,
        origin=origin,
        settings=settings,
        id=given_id,
        title=_opt_str(record, "title", origin),
        url=_opt_str(record, "url", origin),
        outlet=_opt_str(record, "source", origin),
        date=date,
        empty_hint='"text" is empty: give the article body or drop the record',
    )


def build_article(
    raw: str,
    *,
    origin: str,
    settings: Settings,
    id: str | None = None,
    title: str | None = None,
    url: str | None = None,
    outlet: str | None = None,
    date: dt.date | None = None,
    empty_hint: str = "the file has no article text: remove it or add text",
) -> Article:
    _check_size(raw, origin, settings)
    text = normalise(raw)
    marker, text = split_outlet(text)
    if marker is not None:  # what followed the marker may still start with a bullet
        text = normalise(text)
    if not text:
        raise InputError("no article text", where=origin, hint=empty_hint)
    language = foreign_language(text)
    if language is not None:
        raise InputError(
            f"casus codes English; {origin or 'the article'} looks like {language}",
            hint="translate it to English first, or leave it out",
        )
    clean_title = " ".join(normalise(title).split()) if title else ""
    clean_outlet = " ".join(normalise(outlet).split()) if outlet else ""
    return Article(
        id=id or hash_normalised(text),
        text=text,
        date=date,
        title=clean_title or None,
        url=url.strip() if url and url.strip() else None,
        outlet=clean_outlet or marker,
        origin=origin,
    )


def _check_size(text: str, origin: str, settings: Settings) -> None:
    limit = settings.max_article_bytes
    if len(text) * 4 <= limit:
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise too_big(size, limit, origin)


def too_big(
    size: int, limit: int, origin: str, what: str = "article", *, factor: int = 1
) -> InputError:
    """The one-line error for input over the article limit ``limit`` (a container such as an
    HTML page, a JSON file or a JSON Lines line may be ``factor`` times that)."""
    bound = f"{limit:,}" if factor == 1 else f"{factor} × the article limit of {limit:,}"
    return InputError(
        f"{what} is {size:,} bytes, over the limit of {bound}",
        where=origin,
        hint="split it, or raise the limit with CASUS_MAX_ARTICLE_BYTES",
    )


def _parse_date(value: str, origin: str) -> dt.date | None:
    value = value.strip()
    if not value:
        return None
    m = _DATE.match(value)
    if m is None:
        raise InputError(
            f"date {value!r} is not in YYYY-MM-DD form",
            where=origin,
            hint="write dates as 2025-06-13",
        )
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise InputError(
            f"impossible date {value!r}",
            where=origin,
            hint="use a real calendar date as YYYY-MM-DD",
        ) from None


def _lenient_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return _parse_date(value, "")
    except InputError:
        return None


def _opt_str(record: Mapping[str, object], key: str, origin: str) -> str | None:
    value = record.get(key)
    if value is None or isinstance(value, str):
        return value
    raise InputError(
        f'"{key}" must be a string, got {json_type(value)}',
        where=origin,
        hint=f'write "{key}" as a JSON string or leave it out',
    )


def json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean"}
    if value is None:
        return "null"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "a number"
    return names.get(type(value), type(value).__name__)


def guard(
    make: Callable[_P, Article], /, *args: _P.args, **kwargs: _P.kwargs
) -> Article | InputError:
    """``make(*args, **kwargs)``, or the InputError it raised."""
    try:
        return make(*args, **kwargs)
    except InputError as err:
        return err


def record_article(
    record: object, origin: str, settings: Settings, default_date: dt.date | None
) -> Article:
    if not isinstance(record, Mapping):
        raise InputError(
            f"expected a JSON object, got {json_type(record)}",
            where=origin,
            hint='write one {"id": ..., "text": ...} object per article',
        )
    return article_from_record(record, origin=origin, settings=settings, default_date=default_date)


def from_extracted(
    item: Extracted, origin: str, settings: Settings, default_date: dt.date | None
) -> Article:
    """An article from an HTML page or feed item. A first line that repeats the title (the
    page's ``<h1>``) is dropped: the title is kept in ``Article.title``, not in the text."""
    date = item.date or _lenient_date(item.date_text)
    if date is None and item.date_text:
        left = f"given --date {default_date}" if default_date else "stored without a date"
        warnings.warn(
            f"{origin}: unreadable date {item.date_text!r}: {left}", InputWarning, stacklevel=2
        )
    date = date or default_date
    _check_size(item.text, origin, settings)
    text = normalise(item.text)
    if item.title and text:
        first, _, rest = text.partition("\n")
        if rest and first.casefold() == " ".join(normalise(item.title).split()).casefold():
            text = rest
    return build_article(
        text or item.title or "",
        origin=origin,
        settings=settings,
        id=item.id,
        title=item.title,
        url=item.url,
        outlet=item.outlet,
        date=date,
        empty_hint="no main text found: save the article body as .txt",
    )
