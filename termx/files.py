"""Files the user gave: reading small UTF-8 text files with errors that name the file, and
atomic replacement, where a reader (or a crash) sees the old file or the new one, never half.

The temp file lives in the target's directory so that ``os.replace`` is a rename on one file
system; it is fsynced before the rename and the directory after it, so a power cut right after
a review decision does not bring back the previous glossary.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from termx.errors import TermxError


def _fsync_directory(directory: Path) -> None:
    # Not every platform lets a directory be opened (Windows); the rename is still atomic there.
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextlib.contextmanager
def atomic_writer(path: str | Path, mode: str = "w") -> Iterator[IO[Any]]:
    """Write ``path`` through a stream (text UTF-8 with ``\n`` line ends, or ``"wb"``) that
    replaces the file only when the block ends without error: an exception (bad input half-way,
    Ctrl-C) removes the temp file and leaves the old file untouched."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    if target.is_dir():
        raise TermxError("is a directory; give a file name", str(target))
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except FileNotFoundError:
        raise TermxError("directory does not exist", str(directory)) from None
    except OSError as error:
        raise TermxError(f"cannot write here: {error.strerror}", str(target)) from None
    try:
        text = {} if "b" in mode else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(handle, mode, **text) as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        _set_mode(temp_name, target)
        os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise TermxError(f"cannot write: {error.strerror}", str(target)) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def _set_mode(temp_name: str, target: Path) -> None:
    """Keep the permissions the user gave the file; a new file follows the umask (mkstemp
    would leave it readable by its owner only)."""
    with contextlib.suppress(OSError):
        if target.exists():
            os.chmod(temp_name, target.stat().st_mode & 0o7777)
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temp_name, 0o666 & ~umask)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any failure the old file is untouched."""
    with atomic_writer(path, "wb") as stream:
        stream.write(data)


def write_text_atomic(path: str | Path, text: str) -> None:
    """UTF-8, ``\\n`` line ends exactly as given (no newline translation)."""
    write_bytes_atomic(path, text.encode("utf-8"))


def read_utf8(path: str | Path, expected: str) -> str:
    """The file's text without a BOM; ``expected`` names what the file should be
    ("a candidates file") for the error when ``path`` is a directory."""
    source, name = Path(path), str(path)
    if source.is_dir():
        raise TermxError(f"is a directory, expected {expected}", name)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise TermxError("no such file", name) from None
    except OSError as error:
        raise TermxError(f"cannot read: {error.strerror}", name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TermxError("not UTF-8 text (save the file as UTF-8)", name, line) from None
    return text.removeprefix("\ufeff")
