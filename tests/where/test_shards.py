"""The gazetteer's sharded name index: a read-only mapping unpickled a shard at a time."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casus.where.shards import Shards


@given(st.dictionaries(st.text(max_size=12), st.tuples(st.integers()), max_size=60))
def test_shards_behave_as_the_dict_they_were_built_from(data: dict[str, tuple[int]]) -> None:
    shards = Shards(data, count=7)
    assert len(shards) == len(data)
    assert dict(shards) == data
    for key, value in data.items():
        assert shards[key] == value
        assert shards.get(key) == value
        assert key in shards
    assert shards.get("\x00missing") is None
    assert "\x00missing" not in shards or "\x00missing" in data
    assert 5 not in shards


def test_unpickled_shards_build_only_the_shards_looked_up() -> None:
    shards = Shards({f"city {n}": (n,) for n in range(5000)}, count=64)
    loaded = pickle.loads(pickle.dumps(shards))
    assert loaded.built() == 0
    assert loaded.get("city 42") == (42,)
    assert loaded.built() == 1
    assert loaded["city 4999"] == (4999,)
    assert 1 <= loaded.built() <= 2
    with pytest.raises(KeyError):
        loaded["no such city"]
    assert len(loaded) == 5000 and sorted(loaded) == sorted(shards)
    assert loaded.built() == 64


def test_shards_need_at_least_one_shard() -> None:
    with pytest.raises(ValueError):
        Shards({}, count=0)


def test_absent_keys_mostly_build_no_shard() -> None:
    shards = Shards({f"city {n}": (n,) for n in range(5000)}, count=64)
    loaded = pickle.loads(pickle.dumps(shards))
    misses = [f"word {n}" for n in range(2000)]
    assert all(loaded.get(w) is None and w not in loaded for w in misses)
    # 5,000 keys in 2**23 bits: about one absent key in 1,700 finds its bit set
    assert loaded.built() <= 5
    assert loaded.get("city 7") == (7,)
