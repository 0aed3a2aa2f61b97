"""A small on-disk cache of derived package data (the parsed CC-CEDICT, pinyin readings) in
the user's cache directory, so that every run after the first skips the parsing.

The directory is ``$TERMX_CACHE_DIR``, else ``$XDG_CACHE_HOME/termx``, else
``~/.cache/termx``. Each entry is one file: a header naming what it was built from (the
caller's *key*: package version, source file hashes) and a checksum of the payload. A file
whose key differs (the package or the data changed), that is truncated, corrupted or
unreadable is ignored and rebuilt; writes are atomic (a temp file renamed over the old one),
so concurrent runs at worst build the same entry twice. A cache that cannot be written (a
read-only home) only costs the time to rebuild next run.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

_MAGIC = b"termx-cache 1\n"
_DIGEST = 32  # sha256


def directory() -> Path:
    """Where termx keeps its caches (see the module docstring)."""
    explicit = os.environ.get("TERMX_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "termx"


def file_digest(path: Path | str) -> str:
    """The sha256 of a file's bytes (hex), to key an entry on the data it was built from."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()


def cached(name: str, key: str, build: Callable[[], Any]) -> Any:
    """The value stored under ``name`` for ``key``, else ``build()`` stored and returned.

    The value must be marshal-able (str, int, float, tuple, list, dict, set, frozenset,
    bytes and their nesting): marshal loads it several times faster than pickle, and loading
    never runs code.
    """
    path = directory() / f"{name}.bin"
    header = _MAGIC + hashlib.sha256(key.encode("utf-8")).digest()
    found = _read(path, header)
    if found is not None:
        return found
    value = build()
    _write(path, header, value)
    return value


def _write(path: Path, header: bytes, value: Any) -> None:
    from termx.errors import TermxError
    from termx.files import write_bytes_atomic

    payload = marshal.dumps(value)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomic(path, header + hashlib.sha256(payload).digest() + payload)
    except (OSError, TermxError) as error:  # a cache that cannot be written is no error
        log.debug("cannot write the cache %s: %s", path, error)


def _read(path: Path, header: bytes) -> Any | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    start = len(header) + _DIGEST
    if not data.startswith(header) or len(data) < start:
        return None  # another key (the package or its data changed), or another format
    payload = memoryview(data)[start:]
    if hashlib.sha256(payload).digest() != data[len(header) : start]:
        log.debug("ignoring the corrupted cache %s", path)
        return None
    try:
        return marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None


class Lookups:
    """A persistent memo of a pure function of package data (e.g. word frequencies): the
    answers of earlier runs are read at start, the new ones added on ``save``, so that a warm
    run need not load the library behind the function at all.

    ``key`` names what the answers depend on (the library's version): another key starts
    empty. Over ``limit`` entries the file starts again from this run's answers.
    """

    def __init__(
        self, name: str, key: str, function: Callable[..., Any], limit: int = 500_000
    ) -> None:
        self.name, self.key, self.function, self.limit = name, key, function, limit
        self.header = _MAGIC + hashlib.sha256(key.encode("utf-8")).digest()
        self.values: dict[Any, Any] | None = None  # read on first use
        self.new: dict[Any, Any] = {}

    def __call__(self, *args: Any) -> Any:
        values = self.values
        if values is None:
            found = _read(directory() / f"{self.name}.bin", self.header)
            values = self.values = found if isinstance(found, dict) else {}
        try:
            return values[args]
        except KeyError:
            pass
        value = values[args] = self.new[args] = self.function(*args)
        return value

    def save(self) -> None:
        """Add this run's new answers to the file (merged with what other runs wrote since)."""
        if not self.new:
            return
        path = directory() / f"{self.name}.bin"
        found = _read(path, self.header)
        merged = found if isinstance(found, dict) and len(found) < self.limit else {}
        merged.update(self.new)
        _write(path, self.header, merged)
        self.new = {}
