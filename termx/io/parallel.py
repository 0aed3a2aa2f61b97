"""Two parallel plain-text files, line N of one translating line N of the other.

The line counts are compared before anything is yielded, so a misaligned pair of files is an
error (naming both counts) rather than thousands of wrong pairs. Lines empty on both sides are
skipped silently; a line empty on one side only is skipped and counted.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from termx.errors import TermxError
from termx.io._common import ReadOptions, ReadStats
from termx.io._textio import iter_lines
from termx.io.directives import merge, take
from termx.model import Origin, SegmentPair
from termx.text import clean


def _count_lines(path: Path, display: str, encoding: str | None) -> int:
    last_content = 0
    for number, text in iter_lines(path, display, encoding):
        if text.strip():
            last_content = number
    return last_content


def read_parallel(
    zh_path: Path,
    en_path: Path,
    zh_display: str,
    en_display: str,
    options: ReadOptions,
    stats: ReadStats,
) -> Iterator[SegmentPair]:
    # Trailing blank lines are not content: "a\nb\n" and "a\nb\n\n" have the same two lines.
    zh_lines = _count_lines(zh_path, zh_display, options.encoding)
    en_lines = _count_lines(en_path, en_display, options.encoding)
    if zh_lines == 0 or en_lines == 0:
        raise TermxError("empty input (no text lines)", zh_display if zh_lines == 0 else en_display)
    if zh_lines != en_lines:
        raise TermxError(
            f"parallel files differ in length: {zh_display} has {zh_lines} lines, "
            f"{en_display} has {en_lines}; line N of one must translate line N of the other"
        )
    source = options.source_lang or "zh"
    zh_iter = iter_lines(zh_path, zh_display, options.encoding)
    en_iter = iter_lines(en_path, en_display, options.encoding)
    for (number, zh_raw), (_, en_raw) in zip(zh_iter, en_iter, strict=False):
        if number > zh_lines:
            break
        zh, zh_rules = take(clean(zh_raw))
        en, en_rules = take(clean(en_raw))
        origin = Origin(en_display, number)
        if not zh and not en:
            continue
        if not zh or not en:
            missing = "Chinese" if not zh else "English"
            stats.skip(origin, f"line without {missing} text", zh or en, "zh" if zh else "en")
            continue
        stats.pairs += 1
        yield SegmentPair(zh, en, origin, source, merge(zh_rules, en_rules))
