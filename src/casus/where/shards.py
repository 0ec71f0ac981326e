"""A read-only string-keyed map stored as pickled shards, each unpickled on first lookup.

The gazetteer's name indexes hold about 350,000 keys. Unpickling them as dicts costs a
quarter of a CPU second at every start, although coding one article looks up a few dozen
names. :class:`Shards` keeps each of its shards as bytes (which unpickle at the cost of a
copy) and builds a shard's dict only when a key in it is first looked up. A bitmap of the
keys' hashes answers most lookups of absent keys (most of the words and phrases a sentence
offers are no place name) without building their shard, so a run over many articles builds
only the shards its names are in.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterator, Mapping
from types import MappingProxyType
from typing import Generic, TypeVar, cast

__all__ = ["Shards"]

V = TypeVar("V")


class Shards(Mapping[str, V], Generic[V]):
    """``Mapping[str, V]`` over ``count`` shards chosen by the CRC-32 of the key's UTF-8.

    Safe to share between threads: two threads building the same shard build equal dicts,
    and the one stored last is kept.
    """

    __slots__ = ("_bits", "_blobs", "_built", "_len")

    def __init__(self, data: Mapping[str, V], count: int = 256) -> None:
        if count < 1:
            raise ValueError("count must be at least 1")
        parts: list[dict[str, V]] = [{} for _ in range(count)]
        bits = bytearray(_BITS // 8)
        for key, value in data.items():
            h = _hash(key)
            parts[h % count][key] = value
            b = h % _BITS
            bits[b >> 3] |= 1 << (b & 7)
        self._bits = bytes(bits)
        self._blobs = tuple(pickle.dumps(p, protocol=pickle.HIGHEST_PROTOCOL) for p in parts)
        self._built: list[dict[str, V] | None] = [None] * count
        self._len = len(data)

    def _part(self, key: str) -> dict[str, V]:
        h = _hash(key)
        b = h % _BITS
        if not self._bits[b >> 3] >> (b & 7) & 1:
            return cast(dict[str, V], _EMPTY)  # no key has this hash: no shard to build
        return self._shard_at(h % len(self._blobs))

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

    def __getstate__(self) -> tuple[tuple[bytes, ...], int, bytes]:
        return self._blobs, self._len, self._bits

    def __setstate__(self, state: tuple[tuple[bytes, ...], int, bytes]) -> None:
        self._blobs, self._len, self._bits = state
        self._built = [None] * len(self._blobs)


_BITS = 1 << 23
"""Bits of the key bitmap (1 MiB): with the gazetteer's 350,000 keys about 4 % of absent
keys still find their bit set and build their shard for nothing."""

_EMPTY: Mapping[str, object] = MappingProxyType({})


def _hash(key: str) -> int:
    return zlib.crc32(key.encode("utf-8", "surrogatepass"))
