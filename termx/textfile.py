"""Reading a small UTF-8 text file the user named (candidates, gold lists), with errors that
name the file and, for bad bytes, the line."""

from __future__ import annotations

from pathlib import Path

from termx.errors import TermxError


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
