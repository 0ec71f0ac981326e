"""Date expressions of one sentence and their resolution against a publication date.

A small regular-expression parser for the patterns news copy uses (see ``docs/WHEN_WHERE.md``);
no dateparser call on the hot path. :func:`find_expressions` lists the expressions of a sentence
with their character spans; :func:`resolve` turns one into ``(date, precision)`` given the
publication date and whether the expression's clause is future-tensed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["DateExpr", "find_expressions", "resolve"]

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

_M = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_W = r"(?P<weekday>" + "|".join(_WEEKDAYS) + r")"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
_N = r"(?P<n>\d{1,2}|" + "|".join(_NUMBERS) + r")"

# Order matters: earlier patterns win where spans overlap.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(rx, re.IGNORECASE))
    for kind, rx in (
        ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b"),
        ("weekday_date", _W + r",?\s+" + _M + r"\s+" + _D + r"\b(?:,?\s+" + _Y + r"\b)?"),
        ("month_day", r"\b" + _M + r"\s+" + _D + r"\b(?:,?\s+" + _Y + r"\b)?"),
        (
            "day_month",
            r"\b" + _D + r"\s+(?:of\s+)?" + _M + r"(?:\b|(?<=\.))(?:,?\s+" + _Y + r"\b)?",
        ),
        ("weekday_last_week", r"\b" + _W + r"\s+(?:of\s+)?(?:last|the\s+previous)\s+week\b"),
        ("rel_weekday", r"\b(?P<rel>last|next|this|past)\s+" + _W + r"\b"),
        ("weekday", r"\b" + _W + r"\b(?!')"),
        ("day_before_yesterday", r"\bday\s+before\s+yesterday\b"),
        ("today", r"\b(?:today|tonight|this\s+(?:morning|afternoon|evening))\b"),
        ("yesterday", r"\byesterday\b"),
        ("tomorrow", r"\btomorrow\b"),
        ("ago", r"\b" + _N + r"\s+(?P<unit>day|week|month|year)s?\s+ago\b"),
        ("rel_unit", r"\b(?P<rel>last|this|next)\s+(?P<unit>week|month|year)\b"),
        ("rel_month", r"\b(?P<rel>last|next)\s+" + _M + r"\b"),
        ("month_year", r"\b" + _M + r",?\s+" + _Y + r"\b"),
        (
            "month",
            r"\b(?:in|during|since|until|till|by|from|of|early|late|mid|end\s+of|beginning\s+of)"
            r"\s+(?:early\s+|late\s+|mid-?)?" + _M + r"(?![\w-])",
        ),
        ("year", r"\b(?:in|during|since|by|until|early|late|of)\s+" + _Y + r"\b(?![-/])"),
    )
)


@dataclass(frozen=True, slots=True)
class DateExpr:
    """One date expression: ``kind`` (pattern name), the matched ``text`` and its character
    span in the article (``start``/``end``), and the parsed fields."""

    kind: str
    text: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    rel: str | None = None
    unit: str | None = None
    n: int | None = None


_ANY = re.compile(
    r"\d|\b(?:"
    + "|".join([*_MONTHS, *_WEEKDAYS, "yesterday", "today", "tonight", "tomorrow", "this", "ago"])
    + r"|week|month|year|mid)",
    re.IGNORECASE,
)
"""What every pattern needs somewhere in the text: a digit, or a word that starts with a
month, weekday or relative word (most sentences have none, and are done in one search)."""


def find_expressions(text: str, offset: int = 0) -> list[DateExpr]:
    """Non-overlapping date expressions of ``text`` (a sentence starting at ``offset``)."""
    if not _ANY.search(text):
        return []
    return _find_all(text, offset)


def _find_all(text: str, offset: int) -> list[DateExpr]:
    taken: list[tuple[int, int]] = []
    found: list[DateExpr] = []
    for kind, rx in _PATTERNS:
        for m in rx.finditer(text):
            a, b = m.span()
            if any(a < e and s < b for s, e in taken):
                continue
            expr = _build(kind, m, offset)
            if expr is None:
                continue
            taken.append((a, b))
            found.append(expr)
    return sorted(found, key=lambda e: e.start)


def _build(kind: str, m: re.Match[str], offset: int) -> DateExpr | None:
    g = m.groupdict()
    month_word = g.get("month")
    first = m.group(0).split()[0].lower()
    if (
        month_word
        and month_word[0].islower()
        and month_word.lower() in ("may", "march")
        and first in ("by", "of", "from", "till", "until")
    ):
        return None  # "approved by may ...", "a march from ...": a verb or noun, not a month
    month: int | None = None
    if month_word:
        month = int(month_word) if month_word.isdigit() else _MONTHS[month_word.lower()]
    n_raw = g.get("n")
    n = None
    if n_raw:
        n = int(n_raw) if n_raw.isdigit() else _NUMBERS[n_raw.lower()]
    wd = g.get("weekday")
    return DateExpr(
        kind=kind,
        text=m.group(0),
        start=offset + m.start(),
        end=offset + m.end(),
        year=int(g["year"]) if g.get("year") else None,
        month=month,
        day=int(g["day"]) if g.get("day") else None,
        weekday=_WEEKDAYS[wd.lower()] if wd else None,
        rel=g["rel"].lower() if g.get("rel") else None,
        unit=g["unit"].lower() if g.get("unit") else None,
        n=n,
    )


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_start(d: dt.date) -> dt.date:
    return d.replace(day=1)


def _add_months(d: dt.date, months: int) -> dt.date:
    k = d.year * 12 + (d.month - 1) + months
    return dt.date(k // 12, k % 12 + 1, 1)


def resolve(
    expr: DateExpr, pub: dt.date | None, *, forward: bool, keep_future: bool
) -> tuple[dt.date, str] | None:
    """``(date, precision)`` of ``expr``, or ``None`` if it cannot be resolved.

    ``forward``: the expression's clause is future-tensed ("will meet on Friday"), so bare
    weekdays and year-less dates look forward from ``pub``. ``keep_future``: a date after
    ``pub`` is acceptable (future tense, or an intent/threat event); otherwise such a date is
    rejected (``None``) so the caller falls back. Month precision dates are the 1st of the
    month, year precision dates the 1st of January.
    """
    got = _resolve(expr, pub, forward=forward)
    if got is None:
        return None
    day, precision = got
    if pub is not None and not keep_future:
        limit = pub if precision == "day" else _month_start(pub)
        if precision == "year":
            limit = dt.date(pub.year, 1, 1)
        if day > limit:
            return None
    return got


def _resolve(expr: DateExpr, pub: dt.date | None, *, forward: bool) -> tuple[dt.date, str] | None:
    k = expr.kind
    if k in ("iso", "month_day", "day_month", "weekday_date"):
        if expr.month is None or expr.day is None:
            return None
        if expr.year is not None:
            d = _safe_date(expr.year, expr.month, expr.day)
            return (d, "day") if d else None
        if pub is None:
            return None
        d = _safe_date(pub.year, expr.month, expr.day)
        if d is None:
            return None
        if d > pub and not forward:
            d = _safe_date(pub.year - 1, expr.month, expr.day)
        elif d < pub - dt.timedelta(days=183) and forward:
            d = _safe_date(pub.year + 1, expr.month, expr.day)
        return (d, "day") if d else None
    if k == "month_year" and expr.year and expr.month:
        return dt.date(expr.year, expr.month, 1), "month"
    if k == "year" and expr.year:
        return dt.date(expr.year, 1, 1), "year"
    if k == "month" and expr.month:
        if expr.year:
            return dt.date(expr.year, expr.month, 1), "month"
        if pub is None:
            return None
        d = dt.date(pub.year, expr.month, 1)
        if d > pub and not forward:
            d = dt.date(pub.year - 1, expr.month, 1)
        return d, "month"
    if pub is None:
        return None
    return _relative(expr, pub, forward=forward)


def _relative(expr: DateExpr, pub: dt.date, *, forward: bool) -> tuple[dt.date, str] | None:
    k = expr.kind
    one = dt.timedelta(days=1)
    pw = pub.weekday()
    if k == "today":
        return pub, "day"
    if k == "yesterday":
        return pub - one, "day"
    if k == "day_before_yesterday":
        return pub - 2 * one, "day"
    if k == "tomorrow":
        return pub + one, "day"
    w = expr.weekday
    if k == "weekday" and w is not None:
        if forward:
            return pub + ((w - pw) % 7) * one, "day"
        return pub - ((pw - w) % 7) * one, "day"
    if k == "rel_weekday" and w is not None:
        if expr.rel in ("last", "past"):
            return pub - (((pw - w) % 7) or 7) * one, "day"
        if expr.rel == "next":
            return pub + (((w - pw) % 7) or 7) * one, "day"
        if forward:
            return pub + ((w - pw) % 7) * one, "day"
        return pub - ((pw - w) % 7) * one, "day"
    if k == "weekday_last_week" and w is not None:
        return pub - (pw + 7 - w) * one, "day"
    if k == "ago" and expr.n is not None and expr.unit:
        if expr.unit == "day":
            return pub - expr.n * one, "day"
        if expr.unit == "week":
            return _month_start(pub - 7 * expr.n * one), "month"
        if expr.unit == "month":
            return _add_months(pub, -expr.n), "month"
        return dt.date(pub.year - expr.n, 1, 1), "year"
    if k == "rel_unit" and expr.rel and expr.unit:
        step = {"last": -1, "this": 0, "next": 1}[expr.rel]
        if expr.unit == "week":
            monday = pub - pw * one + 7 * step * one
            return _month_start(monday + 3 * one), "month"
        if expr.unit == "month":
            return _add_months(pub, step), "month"
        return dt.date(pub.year + step, 1, 1), "year"
    if k == "rel_month" and expr.month:
        if expr.rel == "last":
            year = pub.year if expr.month < pub.month else pub.year - 1
        else:
            year = pub.year if expr.month > pub.month else pub.year + 1
        return dt.date(year, expr.month, 1), "month"
    return None
