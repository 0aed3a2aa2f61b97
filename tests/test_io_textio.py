"""Line reading in blocks gives exactly the lines, numbers and errors of reading line by line."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from termx.errors import TermxError
from termx.io import _textio
from termx.io._textio import iter_blocks, iter_lines

# Line endings, a BOM, blank lines, a lone CR inside a line, multi-byte characters.
TEXT = "\ufeff上合組織\tSCO\r\n\n  \na\rb\t中\r\r\n最後一行\tlast"


def _one_by_one(raw: bytes) -> list[tuple[int, str]]:
    """The reference: every line decoded on its own (how iter_lines first worked)."""
    lines = []
    for number, line in enumerate(_split_at_newlines(raw), start=1):
        text = line.decode("utf-8")
        if number == 1 and text.startswith("\ufeff"):
            text = text[1:]
        lines.append((number, text.rstrip("\r\n")))
    return lines


def _split_at_newlines(raw: bytes) -> Iterator[bytes]:
    pieces = raw.split(b"\n")
    for piece in pieces[:-1]:
        yield piece + b"\n"
    if pieces[-1]:
        yield pieces[-1]


@pytest.mark.parametrize("block", [1, 3, 7, 1 << 20])
@pytest.mark.parametrize("ending", ["", "\n", "\r\n\n"])
def test_blocks_are_the_lines_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int, ending: str
) -> None:
    monkeypatch.setattr(_textio, "_BLOCK_BYTES", block)
    raw = (TEXT + ending).encode()
    path = tmp_path / "lines.tsv"
    path.write_bytes(raw)
    assert list(iter_lines(path, "lines.tsv")) == _one_by_one(raw)
    numbers = [first for first, _ in iter_blocks(path, "lines.tsv")]
    assert numbers == sorted(set(numbers))


@pytest.mark.parametrize("block", [4, 1 << 20])
def test_bad_bytes_in_a_block_name_line_and_offset_after_the_good_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, block: int
) -> None:
    monkeypatch.setattr(_textio, "_BLOCK_BYTES", block)
    good = "上合組織\tSCO\nok\tok\n".encode()
    path = tmp_path / "bad.tsv"
    path.write_bytes(good + "和平\tPeace\n".encode("gb18030") + b"x\ty\n")
    seen: list[tuple[int, str]] = []
    with pytest.raises(TermxError) as caught:
        seen.extend(iter_lines(path, "bad.tsv"))
    assert seen == [(1, "上合組織\tSCO"), (2, "ok\tok")]
    assert str(caught.value).startswith(
        f"bad.tsv:3: bytes that are not valid utf-8 at byte offset {len(good)} "
    )


def test_other_codecs_still_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "sig.tsv"
    path.write_bytes(TEXT.encode("utf-8-sig"))
    first = list(iter_lines(path, "sig.tsv", "utf-8-sig"))
    assert first[0] == (1, "上合組織\tSCO")
    path.write_bytes(TEXT.encode("gb18030"))
    assert [text for _, text in iter_lines(path, "gb.tsv", "gb18030")] == [
        text for _, text in _one_by_one(TEXT.encode())
    ]
