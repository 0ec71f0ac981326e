"""Issue #14: one size limit, checked before parsing; long articles are parsed in parts."""

from __future__ import annotations

import json
from pathlib import Path

from casus import Coder, Settings
from casus.errors import InputError
from casus.ingest import iter_articles, read_text_article

PARAGRAPH = (
    "Israel struck targets near Tehran on Friday. Iran condemned the strikes and "
    "threatened to retaliate against Israel.\n\n"
)


def test_split_parts_joins_back_and_cuts_at_paragraphs() -> None:
    from casus.nlp import split_parts

    text = PARAGRAPH * 40 + "x" * 500
    parts = split_parts(text, 400)
    assert "".join(parts) == text
    assert all(len(p) <= 400 for p in parts)
    paragraphs = [p for p in parts if "x" not in p]
    assert len(paragraphs) == 14 and all(p.endswith("\n\n") for p in paragraphs)
    assert parts[-2:] == ["x" * 400, "x" * 100]  # no break in reach: cut at the size


def test_long_article_is_coded_in_parts_with_offsets_in_its_text(coder: Coder) -> None:
    """An article longer than spaCy's max_length is parsed (it raised E088 before)."""
    text = PARAGRAPH * 60
    article = read_text_article(text, origin="long.txt", settings=coder.settings)
    old = coder.parser.nlp.max_length
    coder.parser.nlp.max_length = 2000
    try:
        coded = next(coder.code([article]))
    finally:
        coder.parser.nlp.max_length = old
    assert len(coded.sentences) == 120
    for sentence in coded.sentences:
        assert coded.text[sentence.start : sentence.end] == sentence.text
        for token in sentence.tokens:
            assert coded.text[token.start : token.start + len(token.text)] == token.text
    for mention in coded.mentions:
        assert coded.text[mention.start : mention.end] == mention.text
    assert len(coded.events) >= 60
    for event in coded.events:
        ev = event.evidence
        assert coded.text[ev.start : ev.end] == ev.sentence


def test_one_limit_in_every_message(tmp_path: Path) -> None:
    """A text file is refused at the article limit itself, not at limit + 65,536."""
    settings = Settings(max_article_bytes=1000)
    big = tmp_path / "big.txt"
    big.write_text("word " * 210)  # 1,050 bytes: over 1,000, under 1,000 + 65,536
    lines = tmp_path / "big.jsonl"
    lines.write_text(json.dumps({"id": "huge", "text": "x" * 7000}) + "\n")
    (err,) = iter_articles([big], settings=settings)
    assert isinstance(err, InputError)
    assert str(err).startswith(f"{big}: article is 1,050 bytes, over the limit of 1,000 (")
    (line,) = iter_articles([lines], settings=settings)
    assert isinstance(line, InputError)
    assert "over the limit of 6 × the article limit of 1,000" in str(line)


def test_language_check_refuses_clear_foreign_text_only(shared_dir: Path) -> None:
    from casus.ingest import iter_samples
    from casus.ingest.lang import foreign_language

    spanish = (
        "El gobierno de España anunció el lunes que enviará una delegación a la región para "
        "las conversaciones de paz, y el ministro dijo que la situación es muy grave. "
    ) * 3
    german = (
        "Die Regierung hat am Montag angekündigt, dass sie eine Delegation in die Region "
        "schicken wird, und der Minister sagte, die Lage sei sehr ernst. "
    ) * 3
    assert foreign_language(spanish) == "Spanish"
    assert foreign_language(german) == "German"
    assert foreign_language("El ministro dijo.") is None  # too short to tell
    for sample in iter_samples():
        assert foreign_language(sample.text) is None, sample.origin
    for path in sorted((shared_dir / "seed").glob("*.txt")):
        assert foreign_language(path.read_text(encoding="utf-8")) is None, path
