"""Bytes to text for ingest: empty, binary and encoding checks with one-line reasons.

Private helper of :mod:`casus.ingest`.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputError

__all__ = ["FORMATS", "SNIFF_BYTES", "binary_reason", "decode", "iconv_hint"]

FORMATS = "plain text, JSON Lines, JSON, HTML and RSS/Atom"
SNIFF_BYTES = 8192
_BINARY_OK = frozenset(b"\t\n\r\x0c\x08\x1b")
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive (or a .docx/.xlsx file)"),
    (b"\x7fELF", "an executable"),
    (b"%PDF-", "a PDF file"),
)


def decode(data: bytes, where: str, *, markup: bool = False) -> str | InputError:
    """Bytes → text, or the InputError that says why not (empty, binary, invalid UTF-8).

    HTML and XML that are not UTF-8 are decoded with the charset they declare
    (``<meta charset=...>``, ``<?xml encoding=...?>``), if any."""
    if not data.strip():
        return InputError("empty file", where=where, hint="remove it or put an article in it")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as err:
            return InputError(
                f"not valid UTF-16 at byte {err.start}",
                where=where,
                hint="convert it to UTF-8, e.g. iconv -f utf-16 -t utf-8 IN > OUT",
            )
    reason = binary_reason(data)
    if reason:
        hint = reason[1] or f"casus reads {FORMATS} files"
        return InputError(reason[0], where=where, hint=hint)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        declared = _declared_charset(data) if markup else None
        if declared is not None:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass
        offset = err.start + (3 if data.startswith(b"\xef\xbb\xbf") else 0)
        head = data[:SNIFF_BYTES]
        if sum(b >= 0x80 for b in head) * 10 > len(head) * 3:
            return InputError(
                "binary file, not text (mostly non-text bytes)",
                where=where,
                hint=f"casus reads {FORMATS} files",
            )
        return InputError(
            f"not valid UTF-8: byte 0x{data[offset]:02X} at offset {offset}",
            where=where,
            hint=iconv_hint(data),
        )


_CHARSET = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]{2,40})""", re.I)


def _declared_charset(data: bytes) -> str | None:
    """The non-UTF-8 charset an HTML/XML document declares in its first bytes, if known."""
    m = _CHARSET.search(data[:4096])
    if m is None:
        return None
    try:
        name = codecs.lookup(m.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name.startswith("utf") else name


def iconv_hint(data: bytes) -> str:
    """How to convert: Windows-1252 when its typographic bytes (0x80-0x9F) occur, else Latin-1."""
    source = "windows-1252" if any(0x80 <= b <= 0x9F for b in data) else "latin1"
    return f"convert it to UTF-8 first, e.g. iconv -f {source} -t utf-8 IN > OUT"


def binary_reason(data: bytes) -> tuple[str, str | None] | None:
    """Why ``data`` is not text, and what to do (``None`` when it may be text)."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            hint = "extract its text first, e.g. with pdftotext" if magic == b"%PDF-" else None
            return f"{what}, not text", hint
    nul = data.find(b"\x00")
    if nul >= 0:
        head = data[:SNIFF_BYTES]
        if head[1::2].count(0) * 10 > len(head) * 4 or head[0::2].count(0) * 10 > len(head) * 4:
            return (
                "looks like UTF-16 text without a byte-order mark",
                "convert it to UTF-8, e.g. iconv -f utf-16le -t utf-8 IN > OUT",
            )
        return f"binary file, not text (NUL byte at offset {nul})", None
    head = data[:SNIFF_BYTES]
    control = sum(1 for b in head if b < 0x20 and b not in _BINARY_OK)
    if control * 10 > len(head):
        return "binary file, not text (mostly control bytes)", None
    return None
