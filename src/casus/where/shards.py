"""A read-only string-keyed map stored as pickled shards, each unpickled on first lookup.

The gazetteer's name indexes hold about 350,000 keys. Unpickling them as dicts costs a
quarter of a CPU second at every start, although coding one article looks up a few dozen
names. :class:`Shards` keeps each of its shards as bytes (which unpickle at the cost of a
copy) and builds a shard's dict only when a key in it is first looked up; a run over many
articles ends up building them all, at the same total cost as before.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator, Mapping
from typing import Generic, TypeVar

__all__ = ["Shards"]

V = TypeVar("V")


class Shards(Mapping[str, V], Generic[V]):
    """``Mapping[str, V]`` over ``count`` shards chosen by the CRC-32 of the key's UTF-8.

    Safe to share between threads: two threads building the same shard build equal dicts,
    and the one stored last is kept.
    """

    __slots__ = ("_blobs", "_built", "_len")

    def __init__(self, data: Mapping[str, V], count: int = 256) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        parts: list[dict[str, V]] = [{} for _ in range(count)]
        for key, value in data.items():
            parts[_shard(key, count)][key] = value
        self._blobs = tuple(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL) for p in parts)
        self._built: list[dict[str, V] | None] = [None] * count
        self._len = len(data)

    def _part(self, key: str) -> dict[str, V]:
        return self._shard_at(_shard(key, len(self._blobs)))

    def _shard_at(self, n: int) -> dict[str, V]:
        part = self._built[n]
        if part is None:
            part = pickle.loads(self._blobs[n])
            self._built[n] = part
        return part

    def __getitem__(self, key: str) -> V:
        return self._part(key)[key]

    def get(self, key: str, default: V | None = None) -> V | None:  # type: ignore[override]
        return self._part(key).get(key, default)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._part(key)

    def __iter__(self) -> Iterator[str]:
        for n in range(len(self._blobs)):
            yield from self._shard_at(n)

    def __len__(self) -> int:
        return self._len

    def built(self) -> int:
        """How many shards have been unpickled so far."""
        return sum(p is not None for p in self._built)

    def __getstate__(self) -> tuple[tuple[bytes, ...], int]:
        return self._blobs, self._len

    def __setstate__(self, state: tuple[tuple[bytes, ...], int]) -> None:
        self._blobs, self._len = state
        self._built = [None] * len(self._blobs)


def _shard(key: str, count: int) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass")) % count
