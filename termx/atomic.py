"""Atomic file replacement: a reader (or a crash) sees the old file or the new one, never half.

The temp file lives in the target's directory so that ``os.replace`` is a rename on one file
system; it is fsynced before the rename and the directory after it, so a power cut right after
a review decision does not bring back the previous glossary.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from termx.errors import TermxError


def _fsync_directory(directory: Path) -> None:
    # Not every platform lets a directory be opened (Windows); the rename is still atomic there.
    with contextlib.suppress(OSError):
        handle = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


def write_bytes_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically; on any failure the old file is untouched."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{target.name}.", suffix=".tmp", dir=directory
        )
    except FileNotFoundError:
        raise TermxError("directory does not exist", str(directory)) from None
    except OSError as error:
        raise TermxError(f"cannot write here: {error.strerror}", str(target)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            # Keep the permissions the user gave the file (mkstemp creates it 0600).
            with contextlib.suppress(OSError):
                os.chmod(temp_name, target.stat().st_mode & 0o7777)
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temp_name, 0o666 & ~umask)
        os.replace(temp_name, target)
    except OSError as error:
        Path(temp_name).unlink(missing_ok=True)
        raise TermxError(f"cannot write: {error.strerror}", str(target)) from None
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


def write_text_atomic(path: str | Path, text: str) -> None:
    """UTF-8, ``\\n`` line ends exactly as given (no newline translation)."""
    write_bytes_atomic(path, text.encode("utf-8"))
