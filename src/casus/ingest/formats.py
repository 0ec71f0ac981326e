"""HTML and RSS/Atom extraction for ingest (trafilatura and feedparser, imported lazily).

Private helper of :mod:`casus.ingest`. Both work on local bytes only: nothing is fetched.
The functions return plain frozen records (:class:`Extracted`); ``ingest`` turns them into
articles, normalising text and checking sizes and dates.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

__all__ = [
    "Extracted",
    "extract_html",
    "has_real_text",
    "html_to_text",
    "parse_feed",
    "sniff_feed",
]


@dataclass(frozen=True, slots=True)
class Extracted:
    """Text and metadata pulled out of an HTML page or a feed item (not yet normalised)."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    date: dt.date | None = None
    date_text: str | None = None
    """A date string to validate (HTML metadata), when ``date`` is not already known."""
    id: str | None = None
    position: int = 0
    """1-based position of a feed item in its feed (0 for a page)."""


_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIP_TAGS = frozenset(
    ["script", "style", "noscript", "template", "svg", "head", "title", "iframe", "object"]
)


class _TextParser(HTMLParser):
    """Minimal HTML → text: keeps block structure as line breaks, drops scripts and styles."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data.replace("\n", " "))


_HAS_TAG = re.compile(r"<[A-Za-z/!]")


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment, block elements on their own lines (no normalisation)."""
    if not _HAS_TAG.search(markup):
        return html.unescape(markup)
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def extract_html(markup: str) -> Extracted:
    """Main text and metadata of an HTML page with trafilatura (falling back to all the
    page's text when trafilatura finds no main content, e.g. on very short pages)."""
    import trafilatura  # heavy: imported only when an HTML page is read

    doc: Any = trafilatura.bare_extraction(
        markup,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=False,
    )
    text = str(getattr(doc, "text", "") or "") if doc is not None else ""
    title = _opt(getattr(doc, "title", None)) if doc is not None else None
    url = _opt(getattr(doc, "url", None)) if doc is not None else None
    outlet = _opt(getattr(doc, "sitename", None)) if doc is not None else None
    date_text = _opt(getattr(doc, "date", None)) if doc is not None else None
    if not text.strip():
        text = html_to_text(_body_only(markup))
    if title is None:
        m = re.search(r"<title[^>]*>(.*?)</title>", markup, re.IGNORECASE | re.DOTALL)
        if m:
            title = _opt(html.unescape(m.group(1)))
    return Extracted(text=text, title=title, url=url, outlet=outlet, date_text=date_text)


def _body_only(markup: str) -> str:
    m = re.search(r"<body[^>]*>(.*)</body>", markup, re.IGNORECASE | re.DOTALL)
    return m.group(1) if m else markup


def _opt(value: object) -> str | None:
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


_FEED_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|RDF)[\s>]")


def sniff_feed(head: bytes) -> bool:
    """Whether the first bytes of an XML file look like an RSS, RDF or Atom feed."""
    for m in _FEED_ROOT.finditer(head):
        # The root element is the first element that is not a declaration/comment.
        before = head[: m.start()]
        stripped = re.sub(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>", b"", before, flags=re.DOTALL)
        if not stripped.strip():
            return True
    return False


class FeedError(ValueError):
    """The bytes are not a readable feed."""


def parse_feed(data: bytes) -> list[Extracted]:
    """Items of an RSS/Atom feed: title, text (content or summary, HTML stripped), link,
    published date and guid. Raises :class:`FeedError` when nothing can be read."""
    import feedparser  # imported only when a feed is read

    # A file-like object: feedparser never treats it as a URL to fetch.
    parsed: Any = feedparser.parse(io.BytesIO(data))
    entries = list(parsed.get("entries") or [])
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            raise FeedError(f"not a readable RSS/Atom feed ({_one_line(reason)})")
        raise FeedError("feed has no items")
    feed = parsed.get("feed") or {}
    outlet = _opt(feed.get("title"))
    items = []
    for n, entry in enumerate(entries, start=1):
        body = _entry_body(entry)
        title = _opt(html_to_text(str(entry.get("title") or "")))
        date = _entry_date(entry)
        items.append(
            Extracted(
                text=body,
                title=title,
                url=_opt(entry.get("link")),
                outlet=outlet,
                date=date,
                date_text=None if date else _entry_date_text(entry),
                id=_opt(entry.get("id")) or _opt(entry.get("link")),
                position=n,
            )
        )
    return items


def _entry_body(entry: Any) -> str:
    best = ""
    for content in entry.get("content") or []:
        value = str(content.get("value") or "")
        if len(value) > len(best):
            best = value
    summary = str(entry.get("summary") or "")
    if len(summary) > len(best):
        best = summary
    return html_to_text(best)


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
            except (AttributeError, ValueError):
                continue
    return None


def _entry_date_text(entry: Any) -> str | None:
    """The item's date as written, when feedparser could not read it (else ``None``)."""
    for key in ("published", "updated", "created"):
        text = _opt(entry.get(key))
        if text:
            return text[:80]
    return None


_ENTITY_REF = re.compile(r"&#?[A-Za-z0-9_]+;?")
_WORD = re.compile(r"[^\W\d_]{2,}")


def has_real_text(text: str) -> bool:
    """Whether ``text`` has a word of two letters once leftover entity references
    (``&lol9;``, ``&amp;lol9`` from an entity-expansion feed) are taken out."""
    return _WORD.search(_ENTITY_REF.sub(" ", html.unescape(text))) is not None


def _one_line(value: object) -> str:
    return " ".join(str(value).split())[:200] or "unknown error"
