"""Issue #15: a FIFO named like an article is refused at once, never read (it would block)."""

from __future__ import annotations

import os
from pathlib import Path

from casus.errors import InputError
from casus.ingest import iter_articles
from casus.settings import Settings


def test_ingest_refuses_a_fifo_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "news.txt"
    os.mkfifo(fifo)
    good = tmp_path / "good.txt"
    good.write_text("Israel struck Iran on Friday.\n", encoding="utf-8")
    items = list(iter_articles([str(fifo), str(good)], settings=Settings.load()))
    assert isinstance(items[0], InputError) and "not a regular file" in str(items[0])
    assert [type(i).__name__ for i in items[1:]] == ["Article"]
