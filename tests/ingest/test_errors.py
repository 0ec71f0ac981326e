"""Bad input: one InputError per bad file or record, inline, one line, good articles kept."""

from __future__ import annotations

import gzip
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casus.errors import InputError
from casus.ingest import article_from_record, iter_articles, normalise, read_text_article
from casus.model import Article
from casus.settings import Settings

SETTINGS = Settings()


def read(*paths: str | Path, settings: Settings = SETTINGS) -> list[Article | InputError]:
    return list(iter_articles([str(p) for p in paths], settings=settings))


def only_error(items: list[Article | InputError]) -> InputError:
    assert len(items) == 1, items
    [err] = items
    assert isinstance(err, InputError), err
    text = str(err)
    assert "\n" not in text and "Traceback" not in text
    return err


# (file name, content, words the one-line message must contain)
BAD_FILES: list[tuple[str, bytes, tuple[str, ...]]] = [
    ("empty.txt", b"", ("empty file",)),
    ("blank.txt", b"  \n\t\n", ("empty file",)),
    ("blank.jsonl", b"\n\n", ("empty file",)),
    ("nul.txt", b"Some text\x00\x01\x02 more", ("binary", "offset 9")),
    ("controls.txt", bytes(range(1, 9)) * 50, ("binary",)),
    ("doc.txt", b"%PDF-1.7 something", ("PDF",)),
    ("binary.jsonl", b"\x00\x01\x02\x03", ("binary",)),
    ("latin1.txt", "Z\u00fcrich talks.".encode("latin-1"), ("UTF-8", "offset 1", "-f latin1")),
    ("cp1252.txt", "\u201cNo,\u201d she said.".encode("cp1252"), ("offset 0", "-f windows-1252")),
    ("bad.json", b'{"id": "x", "text": }', ("not valid JSON", "line 1")),
    ("badgz.jsonl.gz", b"not gzip at all", ("gzip",)),
    ("truncated.txt.gz", gzip.compress(b"Hello there, world.")[:-8], ("gzip",)),
    ("notfeed.xml", b"<?xml version='1.0'?><catalog><book/></catalog>", ("feed",)),
    ("header-only.txt", b" date 2025-06-14 1\nJust a title\n", ("no article text",)),
    ("impossible.txt", b" date 2025-02-30 9\nTitle\nBody.", ("impossible date", "2025-02-30")),
    ("format.txt", b" date 14/06/2025 9\nTitle\nBody.", ("YYYY-MM-DD",)),
    ("controls-only.txt", b"\x1b\x1b\x1b", ("no article text",)),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), ("PNG image",)),
    ("photo.html", b"\xff\xd8\xff\xe0" + bytes(range(128, 256)) * 4, ("JPEG image",)),
    ("noise.txt", bytes(range(128, 256)) * 20, ("binary", "non-text")),
    ("u16.txt", "Talks resumed in Doha.".encode("utf-16-le"), ("UTF-16", "iconv")),
    ("u16.jsonl", '{"id": "x", "text": "y"}'.encode("utf-16-le"), ("UTF-16",)),
]


@pytest.mark.parametrize(("name", "content", "words"), BAD_FILES)
def test_ingest_errors_bad_file(
    tmp_path: Path, name: str, content: bytes, words: tuple[str, ...]
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    err = only_error(read(path))
    assert str(err).startswith(f"{path}: ") or str(err).startswith(f"{path}:1: ")
    for word in words:
        assert word in str(err)
    assert err.hint, "every input error says what to do"


def test_ingest_errors_missing_path(tmp_path: Path) -> None:
    err = only_error(read(tmp_path / "nope.txt"))
    assert str(err).startswith(f"{tmp_path / 'nope.txt'}: no such file or folder")


def test_ingest_errors_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("not an input format")
    err = only_error(read(tmp_path))
    assert "no readable files" in str(err)


BAD_LINES = [
    ("not json at all", "not valid JSON"),
    ('{"id": "x", "text": "unterminated}', "not valid JSON"),
    ('{"id": "x"}', 'no "text" field'),
    ('{"id": "x", "body": "Talks."}', 'no "text" field (its fields: body, id)'),
    ('{"id": "x", "text": 5}', '"text" must be a string'),
    ('{"id": "x", "text": null}', '"text" must be a string'),
    ('{"id": "x", "text": "   "}', "no article text"),
    ('{"id": "x", "text": "ok", "date": "2025-02-30"}', "impossible date"),
    ('{"id": "x", "text": "ok", "date": "yesterday"}', "YYYY-MM-DD"),
    ('{"id": "x", "text": "ok", "date": 20250101}', '"date" must be'),
    ('{"id": ["x"], "text": "ok"}', '"id" must be a string'),
    ('{"id": "x", "text": "ok", "title": {"a": 1}}', '"title" must be a string'),
    ('["a", "list"]', "expected a JSON object"),
    ('"just a string"', "expected a JSON object"),
]


@pytest.mark.parametrize(("line", "words"), BAD_LINES)
def test_ingest_errors_bad_jsonl_line_between_good_ones(
    tmp_path: Path, line: str, words: str
) -> None:
    path = tmp_path / "batch.jsonl"
    good1 = json.dumps({"id": "g1", "text": "Good one."})
    good2 = json.dumps({"id": "g2", "text": "Good two."})
    path.write_text(f"{good1}\n{line}\n{good2}\n", encoding="utf-8")
    first, bad, last = read(path)
    assert isinstance(first, Article) and first.id == "g1"
    assert isinstance(last, Article) and last.id == "g2"
    assert isinstance(bad, InputError)
    assert str(bad).startswith(f"{path}:2: ")
    assert words in str(bad)
    assert "\n" not in str(bad)


def test_ingest_errors_invalid_utf8_in_jsonl_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"id": "a", "text": "Fine."}\n{"id": "b", "text": "Z\xfcrich"}\n')
    good, bad = read(path)
    assert isinstance(good, Article)
    assert isinstance(bad, InputError)
    assert str(bad).startswith(f"{path}:2: not valid UTF-8: byte 0xFC at column 23")
    assert "iconv" in str(bad)


def test_ingest_errors_bad_items_in_json_list(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"id": "a", "text": "Fine."}, {"id": "b"}, 7]))
    good, missing, number = read(path)
    assert isinstance(good, Article)
    assert isinstance(missing, InputError) and str(missing).startswith(f"{path}#2: ")
    assert isinstance(number, InputError) and "got a number" in str(number)


def test_ingest_errors_article_over_size_limit(tmp_path: Path) -> None:
    small = Settings(max_article_bytes=1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 1000)
    lines = tmp_path / "big.jsonl"
    lines.write_text(
        json.dumps({"id": "ok", "text": "Short."})
        + "\n"
        + json.dumps({"id": "huge", "text": "é" * 600})
        + "\n"
    )
    err = only_error(read(big, settings=small))
    assert "over the limit of" in str(err) and "CASUS_MAX_ARTICLE_BYTES" in str(err)
    ok, huge = read(lines, settings=small)
    assert isinstance(ok, Article)
    assert isinstance(huge, InputError)
    assert "1,200 bytes, over the limit of 1,000" in str(huge)
    assert len(read(big)) == 1 and isinstance(read(big)[0], Article)


def test_ingest_errors_size_limit_from_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CASUS_MAX_ARTICLE_BYTES", "50")
    path = tmp_path / "a.txt"
    path.write_text("A sentence that is clearly longer than fifty bytes in all.")
    assert "over the limit of 50" in str(only_error(read(path, settings=Settings.load())))


def test_ingest_errors_api_functions_raise_input_error() -> None:
    with pytest.raises(InputError, match="impossible date"):
        read_text_article(" date 2025-13-01 x\nT\nBody.", origin="o", settings=SETTINGS)
    with pytest.raises(InputError, match='no "text" field'):
        article_from_record({"id": "x"}, origin="o", settings=SETTINGS)
    with pytest.raises(InputError, match="no article text"):
        read_text_article("   ", origin="o", settings=SETTINGS)


def test_ingest_errors_folder_mixing_good_and_bad_files(tmp_path: Path) -> None:
    """The issue's case: good articles come through, each bad file is named once."""
    (tmp_path / "01-good.txt").write_text(" date 2025-06-14 good-1\nTitle\nTehran was hit.")
    (tmp_path / "02-empty.txt").write_bytes(b"")
    (tmp_path / "03-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00")
    (tmp_path / "04-latin1.txt").write_bytes("Caf\u00e9 talks.".encode("latin-1"))
    (tmp_path / "05-broken.jsonl").write_text('{"id": "j1", "text": "Oman mediated."}\n{oops\n')
    (tmp_path / "06-good.json").write_text(json.dumps({"id": "good-2", "text": "Qatar helped."}))
    (tmp_path / "07-impossible.txt").write_text(" date 2025-02-30 x\nTitle\nBody.")
    items = read(tmp_path)
    good = [i.id for i in items if isinstance(i, Article)]
    bad = [str(i) for i in items if isinstance(i, InputError)]
    assert good == ["good-1", "j1", "good-2"]
    assert len(bad) == 5
    named = ["02-empty.txt", "03-binary.txt", "04-latin1.txt", "05-broken.jsonl:2", "07-impossible"]
    for name, message in zip(named, bad, strict=True):
        assert name in message
        assert "\n" not in message


def test_ingest_errors_overlong_jsonl_line_is_skipped_not_held(tmp_path: Path) -> None:
    small = Settings(max_article_bytes=100)
    limit = 100 * 6
    path = tmp_path / "long.jsonl"
    long_line = json.dumps({"id": "long", "text": "x" * (limit + 5000)})
    path.write_text(f'{long_line}\n{{"id": "after", "text": "Still read."}}\n')
    too_long, after = read(path, settings=small)
    assert isinstance(too_long, InputError)
    assert str(too_long).startswith(f"{path}:1: line is {len(long_line) + 1:,} bytes")
    assert isinstance(after, Article) and after.id == "after"


def test_ingest_errors_big_json_file_suggests_jsonl(tmp_path: Path) -> None:
    small = Settings(max_article_bytes=100)
    path = tmp_path / "big.json"
    path.write_text(json.dumps([{"id": str(n), "text": "x" * 90} for n in range(1000)]))
    err = only_error(read(path, settings=small))
    assert "over the limit" in str(err) and "JSON Lines" in str(err)


SUFFIXES = [".txt", ".jsonl", ".json", ".html", ".xml", ".rss", ".atom", ".txt.gz", ""]
CHUNKS = st.sampled_from(
    [
        b"{",
        b"}",
        b"[",
        b'"text": ',
        b'"id": 1,',
        b"\n",
        b"<rss>",
        b"<item>",
        b"<p>",
        b" date ",
        b"2025-02-30",
        b"\x00",
        b"\xff",
        b"\xc3\xa9",
        b"\xe2\x80",
        b"Talks resumed. ",
        b"<?xml?>",
    ]
)
RANDOM_BYTES = st.one_of(st.binary(max_size=400), st.lists(CHUNKS, max_size=30).map(b"".join))


@settings(
    max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.sampled_from(SUFFIXES), RANDOM_BYTES)
def test_ingest_errors_never_raise_on_arbitrary_files(suffix: str, content: bytes) -> None:
    """Whatever a file holds, reading it yields articles and InputErrors, never an exception."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(gzip.compress(content) if suffix.endswith(".gz") else content)
        for item in iter_articles([str(path), tmp], settings=SETTINGS):
            assert isinstance(item, Article | InputError)
            if isinstance(item, InputError):
                assert "\n" not in str(item)
            else:
                assert item.text and normalise(item.text) == item.text


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("cut.jsonl", '{"id": "a", "text": "cut\n', "Unterminated string starting at column 21"),
        ("ctrl.jsonl", '{"id": "a", "text": "a\x01b"}\n', "Invalid control character at column 23"),
        ("cut.json", '[{"id": "a", "text": "cut off', "starting at line 1 column 22"),
    ],
)
def test_ingest_errors_json_position_reads_once(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    """Python's "... starting at" / "... character at" messages end in "at": the position
    follows once ("starting at column 21"), never "starting at at column 21" (#14)."""
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    text = str(only_error(read(path)))
    assert expected in text
    assert " at at " not in text
