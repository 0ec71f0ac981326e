"""Readers: files, folders and standard input → :class:`~casus.model.Article` values.

:func:`iter_articles` reads every input of ``CONTRACT.md`` — seed-style text (`` date
YYYY-MM-DD ID`` line, title line, body), plain text, JSONL/JSON, HTML pages, RSS/Atom feeds,
folders (recursively) and ``-`` (JSONL on standard input), each also gzip-compressed — and
yields the good articles and, inline, one :class:`~casus.errors.InputError` per unreadable
file or record, so callers report the error and carry on. Nothing is raised out of it.

Article text is :func:`normalise`\\ d once, here; every later offset refers to that text.
An article without an id gets :func:`content_id` of its text.
"""

from __future__ import annotations

import datetime as dt
import gzip
import importlib.resources
import io
import json
import os
import sys
import warnings
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

from ..errors import InputError, InputWarning, json_problem
from ..model import Article
from ..settings import Settings
from .build import (
    article_from_record,
    from_extracted,
    guard,
    read_text_article,
    record_article,
    too_big,
)
from .bytes import FORMATS, SNIFF_BYTES, binary_reason, decode, iconv_hint
from .formats import FeedError, extract_html, has_real_text, parse_feed, sniff_feed
from .norm import content_id, normalise

__all__ = [
    "SUPPORTED_SUFFIXES",
    "OnSkip",
    "article_from_record",
    "content_id",
    "iter_articles",
    "iter_samples",
    "normalise",
    "read_text_article",
    "samples_dir",
    "skip_reason",
]

OnSkip = Callable[[str, str], None]
"""Called with ``(path, reason)`` for each file of a folder that is not read."""

TEXT_SUFFIXES = frozenset({".txt", ".text"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
FEED_SUFFIXES = frozenset({".xml", ".rss", ".atom"})
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | JSON_SUFFIXES | HTML_SUFFIXES | FEED_SUFFIXES
"""File name endings read inside folders (each also with ``.gz`` appended)."""

_FILE_FACTOR = {"text": 1, "html": 10, "feed": 10, "json": 50, "": 10}
_LINE_FACTOR = 6  # a JSON Lines record: \uXXXX escapes take six bytes a character
"""A file of this kind may be this many times ``max_article_bytes`` (markup is bulky, and a
JSON file holds many articles); JSON Lines files are read line by line, without a limit."""


# --------------------------------------------------------------------------- public API


def iter_articles(
    paths: Sequence[str | os.PathLike[str]],
    *,
    settings: Settings,
    default_date: dt.date | None = None,
    on_skip: OnSkip | None = None,
) -> Iterator[Article | InputError]:
    """Read every path (file, folder, or ``-`` for standard input) in order.

    Yields :class:`Article` values and, inline, an :class:`InputError` for each file or
    record that cannot be read (missing, empty, binary, invalid UTF-8, bad JSON, impossible
    date, too large, ...). ``default_date`` is the date of articles that carry none.
    ``on_skip(path, reason)`` hears of each file in a folder that is not read (unsupported
    type, broken link, hidden, not a regular file).
    """
    if isinstance(paths, str | os.PathLike):  # one path, not a list of paths
        paths = [paths]
    for raw in paths:
        name = _display(os.fspath(raw))
        try:
            if name == "-":
                yield from _read_stdin(settings, default_date)
                continue
            path = Path(os.fspath(raw))
            if path.is_dir():
                yield from _read_folder(path, settings, default_date, on_skip or _no_skip)
            elif path.is_file():
                yield from _read_file(path, settings, default_date)
            elif path.exists():  # a FIFO, socket or device: reading could block forever
                yield InputError(
                    "not a regular file (a FIFO, socket or device): skipped",
                    where=name,
                    hint="pass regular files or folders; use - for a stream on stdin",
                )
            else:
                yield InputError(
                    "no such file or folder", where=name, hint="check the path and spelling"
                )
        except OSError as err:
            yield InputError(
                f"cannot read: {err.strerror or err}",
                where=name,
                hint="check that the file exists and is readable",
            )


def samples_dir() -> Path:
    """Folder of the bundled sample articles (seed-style ``.txt``), for ``casus demo``."""
    return Path(str(importlib.resources.files("casus").joinpath("data", "samples")))


def iter_samples(settings: Settings | None = None) -> Iterator[Article]:
    """The bundled sample articles, in file-name order."""
    settings = settings or Settings()
    root = importlib.resources.files("casus").joinpath("data", "samples")
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt") and not entry.name.startswith("."):
            text = entry.read_text(encoding="utf-8")
            yield read_text_article(text, origin=f"samples/{entry.name}", settings=settings)


# --------------------------------------------------------------------------- files


def _kind(path: Path) -> tuple[str, bool]:
    """``(kind, gzipped)`` from the file name; kind ``""`` when unsupported."""
    name = path.name.lower()
    gz = name.endswith(".gz")
    suffix = Path(name[:-3]).suffix if gz else path.suffix.lower()
    for kind, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("json", JSON_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("feed", FEED_SUFFIXES),
    ):
        if suffix in suffixes:
            return kind, gz
    return "", gz


def _no_skip(path: str, reason: str) -> None:
    return None


def skip_reason(path: Path) -> str | None:
    """Why a file found in a folder is not read, or ``None`` when it is read."""
    if path.name.startswith((".", "~")):
        return "hidden or backup file"
    if path.is_symlink() and not path.exists():
        return "broken link"
    kind, gz = _kind(path)
    if not kind:
        suffix = "".join(path.suffixes[-2:] if gz else path.suffixes[-1:]).lower()
        return f"unsupported type {suffix}" if suffix else "unsupported type (no suffix)"
    if not path.is_file():
        return "not a regular file"
    return None


def _read_folder(
    folder: Path, settings: Settings, default_date: dt.date | None, on_skip: OnSkip
) -> Iterator[Article | InputError]:
    found = False
    problems: list[OSError] = []
    files: list[Path] = []
    for root, dirs, names in os.walk(folder, onerror=problems.append):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root, n) for n in names)
    for err in problems:
        yield InputError(
            f"cannot list folder: {err.strerror or err}",
            where=_display(str(err.filename or folder)),
            hint="check its permissions",
        )
    for path in sorted(files):
        reason = skip_reason(path)
        if reason is not None:
            on_skip(_display(str(path)), reason)
        else:
            found = True
            try:
                yield from _read_file(path, settings, default_date)
            except OSError as err:
                yield InputError(
                    f"cannot read: {err.strerror or err}",
                    where=_display(str(path)),
                    hint="check that the file is readable",
                )
    if not found and not problems:
        yield InputError(
            "no readable files in this folder",
            where=_display(str(folder)),
            hint=f"casus reads {FORMATS} files (also .gz)",
        )


def _display(name: str) -> str:
    """A path as printable, storable text (undecodable bytes in file names become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _read_file(
    path: Path, settings: Settings, default_date: dt.date | None
) -> Iterator[Article | InputError]:
    where = _display(str(path))
    kind, gz = _kind(path)
    if not gz:
        with path.open("rb") as fh:
            gz = fh.read(2) == b"\x1f\x8b"  # gzip data under another name
    if kind == "jsonl":
        with _open(path, gz) as fh:
            yield from _read_jsonl(fh, where, settings, default_date)
        return
    factor = _FILE_FACTOR[kind]
    limit = settings.max_article_bytes * factor
    try:
        data = _read_limited(path, gz, limit)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        yield InputError(
            f"broken gzip data ({err})", where=where, hint="re-compress or unzip the file"
        )
        return
    if data is None:
        hint = "convert it to JSON Lines (.jsonl), which is read line by line"
        size = max(path.stat().st_size, limit + 1)
        big = too_big(
            size,
            settings.max_article_bytes,
            where,
            what="article" if factor == 1 else "file",
            factor=factor,
        )
        yield InputError(big.message, where=where, hint=hint) if kind == "json" else big
        return
    yield from _read_bytes(data, kind, where, settings, default_date)


def _open(path: Path, gz: bool) -> io.BufferedIOBase:
    if gz:
        return gzip.GzipFile(path, "rb")
    return path.open("rb")


def _read_limited(path: Path, gz: bool, limit: int) -> bytes | None:
    """The file's bytes (decompressed), or ``None`` when they exceed ``limit``."""
    with _open(path, gz) as fh:
        data = fh.read(limit + 1)
    return None if len(data) > limit else data


def _read_bytes(
    data: bytes,
    kind: str,
    where: str,
    settings: Settings,
    default_date: dt.date | None,
) -> Iterator[Article | InputError]:
    text = decode(data, where, markup=kind in ("html", "feed", ""))
    if isinstance(text, InputError):
        yield text
        return
    if not kind:
        kind = _sniff(text)
    if kind == "feed" or (kind == "html" and sniff_feed(data[:SNIFF_BYTES])):
        yield from _read_feed(data, where, settings, default_date)
    elif kind == "html":
        yield guard(_read_html, text, where, settings, default_date)
    elif kind == "json":
        yield from _read_json(text, where, settings, default_date)
    elif kind == "jsonl":
        yield from _read_jsonl_text(text, where, settings, default_date)
    else:
        yield guard(
            read_text_article, text, origin=where, default_date=default_date, settings=settings
        )


def _sniff(text: str) -> str:
    head = text.lstrip("\ufeff \t\r\n")[:512]
    if head.startswith("{"):
        return "jsonl"
    if head.startswith("["):
        return "json"
    if head.startswith("<"):
        low = head.lower()
        if low.startswith("<?xml") or "<rss" in low or "<feed" in low:
            return "feed" if sniff_feed(head.encode("utf-8", "replace")) else "html"
        return "html"
    return "text"


# --------------------------------------------------------------------------- formats


def _read_html(text: str, where: str, settings: Settings, default_date: dt.date | None) -> Article:
    try:
        page = extract_html(text)
    except Exception as err:  # a third-party parser failure is this file's problem, no crash
        raise InputError(
            f"could not extract text from HTML ({type(err).__name__})",
            where=where,
            hint="save the page as text, or check that it is an HTML page",
        ) from None
    return from_extracted(page, where, settings, default_date)


def _read_feed(
    data: bytes, where: str, settings: Settings, default_date: dt.date | None
) -> Iterator[Article | InputError]:
    try:
        items = parse_feed(data)
    except FeedError as err:
        yield InputError(str(err), where=where, hint="check that it is an RSS or Atom feed")
        return
    except Exception as err:  # a third-party parser failure is this file's problem, no crash
        yield InputError(
            f"could not parse the feed ({type(err).__name__})",
            where=where,
            hint="check that it is an RSS or Atom feed",
        )
        return
    for item in items:
        origin = f"{where}#{item.position}"
        junk = " ".join((item.text.strip() or item.title or "").split())[:40]
        if junk and not has_real_text(f"{item.text} {item.title or ''}"):  # empty: InputError
            warnings.warn(
                f"{origin}: feed item has no real text ({junk!r}): dropped",
                InputWarning,
                stacklevel=2,
            )
            continue
        yield guard(from_extracted, item, origin, settings, default_date)


def _read_json(
    text: str, where: str, settings: Settings, default_date: dt.date | None
) -> Iterator[Article | InputError]:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        if err.msg == "Extra data":  # several objects, one a line: JSON Lines after all
            yield from _read_jsonl_text(text, where, settings, default_date)
            return
        yield InputError(
            f"not valid JSON: {json_problem(err)} at line {err.lineno} column {err.colno}",
            where=where,
            hint="fix the JSON (a list of objects, or one object per line as .jsonl)",
        )
        return
    except RecursionError:
        yield InputError("JSON nested too deeply", where=where, hint="flatten the records")
        return
    records = value if isinstance(value, list) else [value]
    for n, record in enumerate(records, start=1):
        origin = where if len(records) == 1 and not isinstance(value, list) else f"{where}#{n}"
        yield guard(record_article, record, origin, settings, default_date)


def _read_jsonl_text(
    text: str, where: str, settings: Settings, default_date: dt.date | None
) -> Iterator[Article | InputError]:
    lines = (line.encode("utf-8", "surrogatepass") for line in text.split("\n"))
    yield from _jsonl_lines(lines, where, settings, default_date, check_binary=False)


def _read_jsonl(
    fh: io.BufferedIOBase, where: str, settings: Settings, default_date: dt.date | None
) -> Iterator[Article | InputError]:
    lines = _bounded_lines(fh, _line_limit(settings))
    try:
        yield from _jsonl_lines(lines, where, settings, default_date, check_binary=True)
    except (EOFError, gzip.BadGzipFile, zlib.error) as err:
        yield InputError(
            f"broken gzip data ({err})", where=where, hint="re-compress or unzip the file"
        )


def _line_limit(settings: Settings) -> int:
    return settings.max_article_bytes * _LINE_FACTOR


def _bounded_lines(fh: IO[bytes] | io.BufferedIOBase, limit: int) -> Iterator[bytes | int]:
    """Lines of a binary stream; a line longer than ``limit`` is skipped without holding it
    in memory and reported as its length (an ``int``)."""
    while True:
        line = fh.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while True:
            more = fh.readline(1 << 20)
            size += len(more)
            if not more or more.endswith(b"\n"):
                break
        yield size


def _jsonl_lines(
    lines: Iterable[bytes | int],
    where: str,
    settings: Settings,
    default_date: dt.date | None,
    *,
    check_binary: bool,
    first_number: int = 1,
) -> Iterator[Article | InputError]:
    limit = _line_limit(settings)
    seen_text = False
    for number, raw in enumerate(lines, start=first_number):
        origin = f"{where}:{number}"
        if isinstance(raw, int):
            seen_text = True
            yield too_big(raw, settings.max_article_bytes, origin, "line", factor=_LINE_FACTOR)
            continue
        line = raw.strip()
        if not seen_text:
            line = line.removeprefix(b"\xef\xbb\xbf")
            if check_binary:
                reason = binary_reason(raw)
                if reason:
                    hint = reason[1] or f"casus reads {FORMATS} files"
                    yield InputError(reason[0], where=where, hint=hint)
                    return
        if not line:
            continue
        seen_text = True
        if len(line) > limit:
            yield too_big(
                len(line), settings.max_article_bytes, origin, "line", factor=_LINE_FACTOR
            )
            continue
        yield _jsonl_line(line, origin, settings, default_date)
    if not seen_text:
        yield InputError("empty file", where=where, hint="remove it or put articles in it")


def _jsonl_line(
    line: bytes, origin: str, settings: Settings, default_date: dt.date | None
) -> Article | InputError:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputError(
            f"not valid UTF-8: byte 0x{line[err.start]:02X} at column {err.start + 1}",
            where=origin,
            hint=iconv_hint(line),
        )
    if "\x00" in text:
        return InputError("NUL byte in line", where=origin, hint="remove binary data")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        return InputError(
            f"line is not valid JSON: {json_problem(err)} at column {err.colno}",
            where=origin,
            hint='fix the line: one {"id": ..., "text": ...} object per line',
        )
    except RecursionError:
        return InputError("JSON nested too deeply", where=origin, hint="flatten the record")
    return guard(record_article, value, origin, settings, default_date)


def _read_stdin(settings: Settings, default_date: dt.date | None) -> Iterator[Article | InputError]:
    stream: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        yield InputError("standard input is not available", where="-", hint="pass file paths")
        return
    lines = _bounded_lines(stream, _line_limit(settings))
    first: bytes | int = b""
    number = 0
    for line in lines:
        number += 1
        if isinstance(line, int) or line.strip():
            first = line
            break
    if not first:
        yield InputError("nothing on standard input", where="-", hint="pipe JSON Lines into casus")
        return
    if isinstance(first, int) or first.lstrip().startswith(b"{"):
        yield from _jsonl_lines(
            _chain(first, lines),
            "-",
            settings,
            default_date,
            check_binary=True,
            first_number=number,
        )
        return
    factor = _FILE_FACTOR["json"]
    limit = settings.max_article_bytes * factor
    data = first + stream.read(limit + 1)
    if len(data) > limit:
        yield too_big(len(data), settings.max_article_bytes, "-", "input", factor=factor)
        return
    kind = "json" if first.lstrip().startswith(b"[") else ""
    yield from _read_bytes(data, kind, "-", settings, default_date)


def _chain(first: bytes | int, rest: Iterable[bytes | int]) -> Iterator[bytes | int]:
    yield first
    yield from rest
