"""Line-by-line decoding of text files with errors that name the file, line and byte offset.

UTF-8 is the default; a UTF-8 BOM is dropped, a UTF-16/UTF-32 BOM switches the decoder, and an
explicit ``--encoding`` (gb18030, big5, …) is honoured. Lines are decoded one at a time so a huge
file never sits in memory.
"""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from pathlib import Path

from termx.errors import TermxError

_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def check_encoding(encoding: str | None) -> str | None:
    """Validate an encoding name given by the user; None means "detect (UTF-8 by default)"."""
    if encoding is None:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise TermxError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5)") from None


def wide_bom_encoding(head: bytes) -> str | None:
    """The UTF-16/32 codec named by a byte-order mark at the start of ``head``, if any."""
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            return name
    return None


def _decode_error(display: str, line: int, offset: int, encoding: str, raw: bytes) -> TermxError:
    shown = " ".join(f"0x{byte:02X}" for byte in raw[:4])
    hint = "; pass --encoding (e.g. gb18030 or big5)" if encoding.startswith("utf") else ""
    return TermxError(
        f"bytes that are not valid {encoding} at byte offset {offset} ({shown}){hint}",
        display,
        line,
    )


def iter_lines(path: Path, display: str, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, text)`` with the newline removed; line numbers start at 1."""
    try:
        handle = path.open("rb")
    except FileNotFoundError:
        raise TermxError("no such file", display) from None
    except IsADirectoryError:
        raise TermxError("is a directory, not a file", display) from None
    except OSError as error:
        raise TermxError(f"cannot read: {error.strerror}", display) from None
    with handle:
        head = handle.peek(4)[:4] if hasattr(handle, "peek") else b""
        wide = wide_bom_encoding(head)
        named = codecs.lookup(encoding).name if encoding else ""
        if wide is not None or named.startswith(("utf-16", "utf-32")):
            yield from _iter_wide(handle, display, wide or encoding or "utf-16")
            return
        codec = codecs.lookup(encoding).name if encoding else "utf-8"
        offset = 0
        for number, raw in enumerate(handle, start=1):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError as error:
                raise _decode_error(
                    display, number, offset + error.start, codec, raw[error.start :]
                ) from None
            if number == 1 and text.startswith("\ufeff"):
                text = text[1:]
            offset += len(raw)
            yield number, text.rstrip("\r\n")


def _iter_wide(handle: io.BufferedReader, display: str, encoding: str) -> Iterator[tuple[int, str]]:
    reader = io.TextIOWrapper(handle, encoding=encoding, errors="strict", newline=None)
    number = 0
    try:
        for number, text in enumerate(reader, start=1):
            line = text.rstrip("\r\n")
            yield number, line.lstrip("\ufeff") if number == 1 else line
    except UnicodeDecodeError as error:
        raise TermxError(
            f"bytes that are not valid {encoding}: {error.reason}", display, number + 1
        ) from None


def first_bad_utf8(path: Path) -> tuple[int, int] | None:
    """``(line, byte offset)`` of the first byte sequence that is not UTF-8, or None."""
    offset = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            try:
                raw.decode("utf-8")
            except UnicodeDecodeError as error:
                return number, offset + error.start
            offset += len(raw)
    return None
