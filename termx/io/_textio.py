"""Line-by-line decoding of text files with errors that name the file, line and byte offset.

UTF-8 is the default; a UTF-8 BOM is dropped, a UTF-16/UTF-32 BOM switches the decoder, and an
explicit ``--encoding`` (gb18030, big5, …) is honoured. UTF-8 is decoded in blocks of whole
lines and other codecs a line at a time, so a huge file never sits in memory.
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
        info = codecs.lookup(encoding)
    except LookupError:
        raise TermxError(f"unknown encoding {encoding!r} (try utf-8, gb18030, big5)") from None
    # rot13, zlib_codec, base64 … transform bytes or text but do not decode a text file; idna
    # and punycode encode host names and cannot decode a file line by line.
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_FILE_ENCODINGS:
        raise TermxError(
            f"{encoding!r} is not a text file encoding (try utf-8, gb18030, big5, utf-16)"
        )
    return info.name


_NOT_FILE_ENCODINGS = frozenset({"idna", "punycode"})


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


# Bytes decoded at a time by iter_blocks: large enough that the per-call cost vanishes, small
# enough that memory stays flat however big the file.
_BLOCK_BYTES = 1 << 18


def iter_lines(path: Path, display: str, encoding: str | None = None) -> Iterator[tuple[int, str]]:
    """Yield ``(line_number, text)`` with the newline removed; line numbers start at 1."""
    for first, lines in iter_blocks(path, display, encoding):
        yield from enumerate(lines, start=first)


def iter_blocks(
    path: Path, display: str, encoding: str | None = None
) -> Iterator[tuple[int, list[str]]]:
    """The lines of :func:`iter_lines` in lists: ``(number of the first line, lines)``.

    For readers that go through every line of a big file: 256 KiB are decoded in one call
    instead of a line at a time, and the caller loops over a list instead of a generator.
    """
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
            yield from _batched(_iter_wide(handle, display, wide or encoding or "utf-16"))
            return
        codec = named or "utf-8"
        if codec == "utf-8":
            yield from _utf8_blocks(handle, display)
        else:
            yield from _batched(_iter_narrow(handle, display, codec))


def _utf8_blocks(handle: io.BufferedReader, display: str) -> Iterator[tuple[int, list[str]]]:
    # A newline byte is never part of a multi-byte UTF-8 sequence, so decoding a block of whole
    # lines gives what decoding them one by one would. Other codecs are decoded line by line:
    # some are stateful, utf-8-sig drops a BOM at every call.
    first, offset = 1, 0
    while raw := handle.read(_BLOCK_BYTES):
        if not raw.endswith(b"\n"):
            raw += handle.readline()  # end the block at the end of a line
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            # Line by line, to name the line and offset, and to yield the lines before it.
            yield from _batched(_iter_narrow(io.BytesIO(raw), display, "utf-8", first, offset))
            raise AssertionError("a block failed to decode, but none of its lines") from None
        lines = text.split("\n")
        if text.endswith("\n"):
            lines.pop()  # the empty string after the last newline is not a line
        if first == 1 and lines and lines[0].startswith("\ufeff"):
            lines[0] = lines[0][1:]
        if "\r" in text:
            lines = [line.rstrip("\r") for line in lines]
            if first == 1 and "\n" not in text:
                lines = _split_cr(lines)
        yield first, lines
        first += len(lines)
        offset += len(raw)


def _split_cr(lines: list[str]) -> list[str]:
    """A file without a single LF whose lines end in CR (classic Mac OS, some exports) has
    lines, not one line. (In a file with LF endings a lone CR is part of the line.)"""
    split: list[str] = []
    for line in lines:
        split.extend(line.split("\r"))
    return split


def _iter_narrow(
    handle: io.BufferedIOBase, display: str, codec: str, first: int = 1, offset: int = 0
) -> Iterator[tuple[int, str]]:
    number = first - 1
    for raw in handle:
        number += 1
        try:
            text = raw.decode(codec)
        except UnicodeDecodeError as error:
            raise _decode_error(
                display, number, offset + error.start, codec, raw[error.start :]
            ) from None
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        offset += len(raw)
        text = text.rstrip("\r\n")
        if number == 1 and "\r" in text and not raw.endswith(b"\n"):  # a CR-only file
            *parts, text = text.split("\r")
            for part in parts:
                yield number, part
                number += 1
        yield number, text


def _batched(lines: Iterator[tuple[int, str]]) -> Iterator[tuple[int, list[str]]]:
    """Numbered lines (consecutive numbers) as iter_blocks' lists. The lines read before an
    input error are yielded before it, as iter_lines would."""
    first, block = 0, list[str]()
    try:
        for number, text in lines:
            if not block:
                first = number
            block.append(text)
            if len(block) == 4096:
                yield first, block
                block = []
    except TermxError:
        if block:
            yield first, block
        raise
    if block:
        yield first, block


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
    except UnicodeError as error:  # "UTF-16 stream does not start with BOM"
        raise TermxError(f"cannot decode as {encoding}: {error}", display, number + 1) from None


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
