"""iter_articles on every input kind of CONTRACT.md, built in tmp_path (no shared data)."""

from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import sys
from pathlib import Path

import pytest

from casus.errors import InputError
from casus.ingest import (
    article_from_record,
    content_id,
    iter_articles,
    iter_samples,
    read_text_article,
    samples_dir,
)
from casus.model import Article
from casus.settings import Settings

SETTINGS = Settings()

SEED = (
    " date 2024-11-29 wire-7\n"
    "Georgia Suspends EU Talks\n"
    "(GNA) Georgian Prime Minister Irakli Kobakhidze said on Thursday that talks would wait."
    "The opposition called protests.\n"
    "· Police closed the avenue near parliament.\n"
)

BODY = "Finland's foreign minister met her Estonian counterpart in Tallinn on Monday."


def read(*paths: str | Path, default_date: dt.date | None = None) -> list[Article | InputError]:
    return list(
        iter_articles([str(p) for p in paths], settings=SETTINGS, default_date=default_date)
    )


def articles(items: list[Article | InputError]) -> list[Article]:
    assert all(isinstance(i, Article) for i in items), [str(i) for i in items]
    return [i for i in items if isinstance(i, Article)]


def test_ingest_read_seed_style_text(tmp_path: Path) -> None:
    path = tmp_path / "seed.txt"
    path.write_text(SEED, encoding="utf-8")
    [art] = articles(read(path))
    assert art.id == "wire-7"
    assert art.date == dt.date(2024, 11, 29)
    assert art.title == "Georgia Suspends EU Talks"
    assert art.outlet == "GNA"
    assert art.origin == str(path)
    assert art.text.startswith("Georgian Prime Minister Irakli Kobakhidze said on Thursday")
    assert "wait. The opposition" in art.text
    assert "\nPolice closed the avenue" in art.text
    assert "(GNA)" not in art.text and "·" not in art.text


@pytest.mark.parametrize(
    "header",
    ["date 2024-11-29 wire-7", " date 2024-11-29 wire-7", "\tdate 2024-11-29 wire-7  "],
)
def test_ingest_read_seed_header_variants(header: str) -> None:
    art = read_text_article(f"{header}\nA title\nBody text here.", origin="x", settings=SETTINGS)
    assert (art.id, art.date, art.title, art.text) == (
        "wire-7",
        dt.date(2024, 11, 29),
        "A title",
        "Body text here.",
    )


def test_ingest_read_seed_header_without_id_uses_content_hash() -> None:
    art = read_text_article(" date 2025-01-02\nTitle\nSome body.", origin="x", settings=SETTINGS)
    assert art.id == content_id("Some body.")
    assert art.date == dt.date(2025, 1, 2)


def test_ingest_read_plain_text_default_date_and_hash_id(tmp_path: Path) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(BODY + "\n", encoding="utf-8")
    [art] = articles(read(path, default_date=dt.date(2025, 3, 3)))
    assert art.text == BODY
    assert art.date == dt.date(2025, 3, 3)
    assert art.title is None
    assert art.id == content_id(BODY) == content_id(art.text)
    [undated] = articles(read(path))
    assert undated.date is None
    assert undated.id == art.id


def test_ingest_read_plain_text_starting_with_the_word_date() -> None:
    art = read_text_article("Date night in Paris was calm.", origin="x", settings=SETTINGS)
    assert art.text == "Date night in Paris was calm."
    assert art.date is None


def test_ingest_read_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {"id": "a1", "text": BODY, "date": "2025-06-13", "title": "T", "url": "https://x.test/a1"},
        {"id": 42, "text": "(MENAFN) Oman hosted talks on Sunday.", "source": "Muscat Daily"},
        {"text": "Qatar mediated.", "date": "2025-06-23T18:00:00Z"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    a, b, c = articles(read(path))
    assert (a.id, a.date, a.title, a.url, a.origin) == (
        "a1",
        dt.date(2025, 6, 13),
        "T",
        "https://x.test/a1",
        f"{path}:1",
    )
    assert (b.id, b.outlet, b.text) == ("42", "Muscat Daily", "Oman hosted talks on Sunday.")
    assert (c.id, c.date, c.origin) == (
        content_id("Qatar mediated."),
        dt.date(2025, 6, 23),
        f"{path}:3",
    )


def test_ingest_read_json_list_and_single_object(tmp_path: Path) -> None:
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"id": "x", "text": "One."}, {"id": "y", "text": "Two."}]))
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "z", "text": "Three.", "source": "Desk"}, indent=2))
    got = articles(read(many, one))
    assert [(a.id, a.text, a.origin) for a in got] == [
        ("x", "One.", f"{many}#1"),
        ("y", "Two.", f"{many}#2"),
        ("z", "Three.", str(one)),
    ]
    assert got[2].outlet == "Desk"


def test_ingest_read_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "lines.json"
    path.write_text('{"id": "p", "text": "One."}\n{"id": "q", "text": "Two."}\n')
    assert [a.id for a in articles(read(path))] == ["p", "q"]


HTML = """<!DOCTYPE html>
<html><head><title>Talks in Istanbul | Example News</title>
<meta property="og:site_name" content="Example News">
<meta name="date" content="2025-05-16">
<script>var tracking = "Do not include me.";</script>
<style>p { color: red; }</style></head>
<body><nav><a href="/">Home</a></nav>
<article><h1>Talks in Istanbul</h1>
<p>Russian and Ukrainian negotiators met in Istanbul on Friday for the first direct talks in
three years, with Turkish diplomats hosting the meeting at a palace on the Bosphorus.</p>
<p>The delegations agreed to exchange prisoners of war but did not agree on a ceasefire,
according to officials from both sides who spoke after the meeting ended.</p>
<p>Turkey&#39;s foreign minister said the meeting was a first step &amp; more would follow.</p>
</article><footer>Copyright</footer></body></html>
"""


def test_ingest_read_html(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [art] = articles(read(path))
    assert "Russian and Ukrainian negotiators met in Istanbul on Friday" in art.text
    assert "Turkey's foreign minister said the meeting was a first step & more" in art.text
    assert "tracking" not in art.text and "color" not in art.text
    assert art.title is not None and "Talks in Istanbul" in art.title
    assert art.text.startswith("Russian and Ukrainian negotiators"), "the <h1> is the title"
    assert art.id == content_id(art.text)


def test_ingest_read_tiny_html_page_falls_back_to_page_text(tmp_path: Path) -> None:
    path = tmp_path / "tiny.htm"
    path.write_text("<html><body><p>Oman mediated.</p><p>Talks went on.</p></body></html>")
    [art] = articles(read(path))
    assert art.text == "Oman mediated.\nTalks went on."


RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World Desk</title><link>https://desk.test/</link>
<description>News</description>
<item><title>Ceasefire announced</title><link>https://desk.test/ceasefire</link>
<guid>desk-0624</guid><pubDate>Tue, 24 Jun 2025 06:00:00 GMT</pubDate>
<description>&lt;p&gt;The truce took effect on &lt;b&gt;Tuesday&lt;/b&gt; morning.&lt;/p&gt;
&lt;p&gt;Both sides claimed victory.&lt;/p&gt;</description></item>
<item><title>Talks resume</title><link>https://desk.test/talks</link>
<pubDate>Mon, 02 Jun 2025 10:00:00 GMT</pubDate>
<description>Delegations met again in Istanbul.</description></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id>
<updated>2025-03-12T00:00:00Z</updated>
<entry><title type="html">Duterte flown to &lt;i&gt;The Hague&lt;/i&gt;</title>
<id>urn:desk:1</id><link href="https://atom.test/1"/>
<published>2025-03-12T08:00:00Z</published><updated>2025-03-12T09:00:00Z</updated>
<content type="html">&lt;p&gt;The former president arrived on Wednesday.&lt;/p&gt;</content>
<summary>Short summary.</summary></entry>
</feed>
"""


def test_ingest_read_rss_feed(tmp_path: Path) -> None:
    path = tmp_path / "desk.rss"
    path.write_text(RSS, encoding="utf-8")
    first, second = articles(read(path))
    assert first.id == "desk-0624"
    assert first.title == "Ceasefire announced"
    assert first.text == "The truce took effect on Tuesday morning.\nBoth sides claimed victory."
    assert first.url == "https://desk.test/ceasefire"
    assert first.date == dt.date(2025, 6, 24)
    assert first.outlet == "World Desk"
    assert first.origin == f"{path}#1"
    assert second.id == "https://desk.test/talks"
    assert second.date == dt.date(2025, 6, 2)


def test_ingest_read_atom_feed_and_xml_sniffing(tmp_path: Path) -> None:
    atom = tmp_path / "desk.atom"
    atom.write_text(ATOM, encoding="utf-8")
    sniffed = tmp_path / "desk.xml"
    sniffed.write_text(RSS, encoding="utf-8")
    [entry] = articles(read(atom))
    assert entry.title == "Duterte flown to The Hague"
    assert entry.text == "The former president arrived on Wednesday."
    assert entry.date == dt.date(2025, 3, 12)
    assert entry.url == "https://atom.test/1"
    assert len(articles(read(sniffed))) == 2


def test_ingest_read_folder_recursive_sorted_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First article.")
    (tmp_path / "b" / "c.jsonl").write_text('{"id": "c", "text": "Second article."}\n')
    (tmp_path / "b" / "d.html").write_text("<html><body><p>Third article.</p></body></html>")
    (tmp_path / "notes.md").write_text("Not read.")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden.txt").write_text("Not read either.")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("Nor this.")
    got = articles(read(tmp_path))
    assert [a.text for a in got] == ["First article.", "Second article.", "Third article."]


def test_ingest_read_gzip_variants(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl.gz").write_bytes(gzip.compress(b'{"id": "g1", "text": "Zipped."}\n'))
    (tmp_path / "b.txt.gz").write_bytes(gzip.compress(b"Zipped text."))
    got = articles(read(tmp_path))
    assert [a.text for a in got] == ["Zipped.", "Zipped text."]


def test_ingest_read_utf16_and_bom(tmp_path: Path) -> None:
    (tmp_path / "u16.txt").write_bytes("Zürich talks.".encode("utf-16"))
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf date 2025-01-01 bom\nT\nBody.")
    bom, u16 = articles(read(tmp_path))
    assert (bom.id, bom.text) == ("bom", "Body.")
    assert u16.text == "Zürich talks."


def test_ingest_read_explicit_file_with_unknown_suffix_is_sniffed(tmp_path: Path) -> None:
    seed = tmp_path / "article-1"
    seed.write_text(" date 2025-06-14 1\nTitle\nBody.")
    lines = tmp_path / "dump.log"
    lines.write_text('{"id": "j", "text": "From JSON."}\n')
    got = articles(read(seed, lines))
    assert [(a.id, a.text) for a in got] == [("1", "Body."), ("j", "From JSON.")]


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b'{"id": "s1", "text": "One."}\n\n{"id": "s2", "text": "Two."}\n', ["s1", "s2"]),
        (b'\n[{"id": "s3", "text": "Three."}]', ["s3"]),
        (b" date 2025-06-14 s4\nTitle\nFour.\n", ["s4"]),
    ],
)
def test_ingest_read_stdin(
    monkeypatch: pytest.MonkeyPatch, data: bytes, expected: list[str]
) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    assert [a.id for a in articles(read("-"))] == expected


def test_ingest_read_stdin_error_names_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(b'\n{"id": "ok", "text": "Fine."}\n{"id": 1}\n'))
    ok, bad = read("-")
    assert isinstance(ok, Article) and ok.origin == "-:2"
    assert isinstance(bad, InputError) and str(bad).startswith("-:3: ")


def test_ingest_read_record_api() -> None:
    art = article_from_record(
        {"id": "r", "text": " Oman  hosted\ttalks. ", "date": "2025-04-12"},
        origin="api",
        settings=SETTINGS,
    )
    assert (art.id, art.text, art.date, art.origin) == (
        "r",
        "Oman hosted talks.",
        dt.date(2025, 4, 12),
        "api",
    )


def test_ingest_read_samples() -> None:
    samples = list(iter_samples())
    assert len(samples) >= 8
    assert len({a.id for a in samples}) == len(samples)
    assert sorted(p.name for p in samples_dir().glob("*.txt")) == [f"{a.id}.txt" for a in samples]
    for art in samples:
        assert art.id.startswith("sample-")
        assert art.date is not None and dt.date(2024, 1, 1) <= art.date <= dt.date(2025, 12, 31)
        assert art.title
        sentences = [s for s in art.text.replace("\n", " ").split(". ") if s]
        assert 4 <= len(sentences) <= 9, art.id
    via_iter = articles(read(samples_dir()))
    assert [a.text for a in via_iter] == [a.text for a in samples]


def test_ingest_read_gzip_data_under_a_plain_name(tmp_path: Path) -> None:
    path = tmp_path / "packed.txt"
    path.write_bytes(gzip.compress(b"Compressed without saying so."))
    [art] = articles(read(path))
    assert art.text == "Compressed without saying so."


def test_ingest_read_single_path_argument_is_not_split_into_characters(tmp_path: Path) -> None:
    path = tmp_path / "one.txt"
    path.write_text("One article.")
    items = list(iter_articles(str(path), settings=SETTINGS))  # type: ignore[arg-type]
    assert [a.text for a in articles(items)] == ["One article."]
    items = list(iter_articles([path], settings=SETTINGS))
    assert [a.text for a in articles(items)] == ["One article."]


def test_ingest_read_record_accepts_date_objects() -> None:
    record = {"id": "d", "text": "Dated.", "date": dt.datetime(2025, 6, 22, 3, 0)}
    art = article_from_record(record, origin="parquet:0", settings=SETTINGS)
    assert art.date == dt.date(2025, 6, 22)
    art = article_from_record(
        {**record, "date": dt.date(2025, 6, 21)}, origin="o", settings=SETTINGS
    )
    assert art.date == dt.date(2025, 6, 21)


def test_ingest_read_outlet_then_bullet_stays_normalised() -> None:
    art = read_text_article("(MENAFN) · Talks resumed.", origin="o", settings=SETTINGS)
    assert (art.outlet, art.text) == ("MENAFN", "Talks resumed.")


def test_ingest_read_html_in_declared_legacy_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>\u201cNo deal,\u201d the envoy said in Z\u00fcrich.</p></body></html>"
    )
    path = tmp_path / "legacy.html"
    path.write_bytes(page.encode("cp1252"))
    [art] = articles(read(path))
    assert art.text == "\u201cNo deal,\u201d the envoy said in Z\u00fcrich."
