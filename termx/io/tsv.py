"""Two-column (or wider) tables: TSV and CSV, with or without a header row.

Which column is Chinese and which English is detected from the script of the first rows, or
given as a 1-based number or a header name (``--zh-col 2 --en-col source``). Either column order
works; the left one of the two is taken as the source language.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterable, Iterator
from pathlib import Path

from termx.errors import TermxError
from termx.io._common import ReadOptions, ReadStats, lang_of, script_of
from termx.io._textio import iter_blocks, iter_lines
from termx.io.directives import merge, parse_directive, strip_directive
from termx.model import Lang, Origin, SegmentPair
from termx.text import clean

_SAMPLE_ROWS = 200
_HEADER_NAMES = frozenset(
    {
        "zh",
        "en",
        "chinese",
        "english",
        "source",
        "target",
        "src",
        "tgt",
        "trg",
        "term",
        "translation",
        "中文",
        "英文",
        "汉语",
        "漢語",
        "英语",
        "英語",
        "原文",
        "译文",
        "譯文",
        "zh-cn",
        "zh-tw",
        "zh-hans",
        "zh-hant",
        "en-us",
        "en-gb",
        "cn",
        "origin",
        "note",
        "id",
        "source text",
        "target text",
        "zh_cn",
        "en_us",
    }
)

Row = tuple[int, list[str]]


def sniff(head: str) -> bool:
    lines = [line for line in head.splitlines()[:20] if line.strip()]
    return bool(lines) and sum("\t" in line for line in lines) >= max(1, len(lines) * 0.8)


def read(path: Path, display: str, options: ReadOptions, stats: ReadStats) -> Iterator[SegmentPair]:
    return _read_rows(_tsv_rows(path, display, options), display, options, stats)


def read_csv(
    path: Path, display: str, options: ReadOptions, stats: ReadStats
) -> Iterator[SegmentPair]:
    return _read_rows(_csv_rows(path, display, options), display, options, stats)


def _tsv_rows(path: Path, display: str, options: ReadOptions) -> Iterator[Row]:
    for first, lines in iter_blocks(path, display, options.encoding):
        for number, line in enumerate(lines, start=first):
            if not line or line.isspace():
                continue
            cells = line.split("\t")
            # Without a quote the cells are left unstripped: every consumer strips what it
            # reads (clean() collapses and strips whitespace, the header test strips names).
            yield number, [_unquote(cell) for cell in cells] if '"' in line else cells


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        return cell[1:-1].replace('""', '"')
    return cell


def _csv_rows(path: Path, display: str, options: ReadOptions) -> Iterator[Row]:
    lines = (text + "\n" for _, text in iter_lines(path, display, options.encoding))
    reader = csv.reader(lines)
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                yield start, [cell.strip() for cell in cells]
            start = reader.line_num + 1
    except csv.Error as error:
        raise TermxError(f"malformed CSV: {error}", display, reader.line_num) from None


def _read_rows(
    rows: Iterable[Row], display: str, options: ReadOptions, stats: ReadStats
) -> Iterator[SegmentPair]:
    iterator = iter(rows)
    sample = list(itertools.islice(iterator, _SAMPLE_ROWS))
    if not sample:
        raise TermxError("empty input (no rows)", display)
    zh_col, en_col, has_header = _columns(sample, display, options)
    body = itertools.chain(sample[1:] if has_header else sample, iterator)
    default_source: Lang = options.source_lang or ("zh" if zh_col < en_col else "en")
    # termx's own output (zh, en, source, origin) says the direction per row: keep it, unless
    # the user said otherwise.
    source_col = None
    if has_header and options.source_lang is None:
        source_col = _source_column(sample[0][1], zh_col, en_col)
    for line, cells in body:
        source = default_source
        if source_col is not None and source_col < len(cells):
            source = lang_of(cells[source_col]) or default_source
        zh = clean(cells[zh_col]) if zh_col < len(cells) else ""
        en = clean(cells[en_col]) if en_col < len(cells) else ""
        ignore = None
        if any("termx" in cell for cell in cells):
            # A directive in any column of the row (a note column, or inside a field).
            for cell in cells:
                ignore = merge(ignore, parse_directive(cell))
            zh, en = strip_directive(zh), strip_directive(en)
        origin = Origin(display, line)
        if not zh or not en:
            missing = "Chinese" if not zh else "English"
            stats.skip(origin, f"row without {missing} text", zh or en, "zh" if zh else "en")
            continue
        stats.pairs += 1
        yield SegmentPair(zh, en, origin, source, ignore)


def _source_column(header: list[str], zh_col: int, en_col: int) -> int | None:
    for index, name in enumerate(header):
        if name.strip().lower() in ("source", "srclang") and index not in (zh_col, en_col):
            return index
    return None


def _columns(sample: list[Row], display: str, options: ReadOptions) -> tuple[int, int, bool]:
    header = [cell.strip().lower() for cell in sample[0][1]]
    named = bool(header) and all(cell in _HEADER_NAMES for cell in header if cell)
    zh_col = _given(options.zh_col, header, display, "--zh-col")
    en_col = _given(options.en_col, header, display, "--en-col")
    data = sample[1:] if named else sample
    width = max(len(cells) for _, cells in sample)
    if width < 2:
        raise TermxError(
            "need at least two columns (Chinese and English); is the delimiter right?",
            display,
            sample[0][0],
        )
    for flag, column in (("--zh-col", zh_col), ("--en-col", en_col)):
        if column is not None and column >= width:
            raise TermxError(f"{flag} {column + 1}: the file has {width} columns", display)
    if zh_col is not None and zh_col == en_col:
        raise TermxError("--zh-col and --en-col name the same column", display)
    votes = {"zh": [0] * width, "en": [0] * width}
    for _, cells in data:
        for index, cell in enumerate(cells):
            # A directive column is not English, whatever its letters.
            script = script_of(strip_directive(cell))
            if script is not None:
                votes[script][index] += 1
    if zh_col is None:
        zh_col = _best(votes["zh"], exclude=en_col)
    if en_col is None:
        en_col = _best(votes["en"], exclude=zh_col)
    if zh_col is None or en_col is None or zh_col == en_col:
        raise TermxError(
            "cannot tell which column is Chinese and which English; use --zh-col and --en-col",
            display,
        )
    by_name = any(
        value is not None and not str(value).strip().isdigit()
        for value in (options.zh_col, options.en_col)
    )
    has_header = named or by_name
    if not has_header and len(sample) > 1:
        first = sample[0][1]
        zh_first = first[zh_col] if zh_col < len(first) else ""
        en_first = first[en_col] if en_col < len(first) else ""
        has_header = script_of(zh_first) != "zh" or script_of(en_first) != "en"
        # A real first data row can also fail that test; only call it a header if the rest agree.
        has_header = has_header and votes["zh"][zh_col] > len(data) / 2
    return zh_col, en_col, has_header


def _best(counts: list[int], exclude: int | None) -> int | None:
    ranked = [(count, -index) for index, count in enumerate(counts) if index != exclude and count]
    return -max(ranked)[1] if ranked else None


def _given(value: str | int | None, header: list[str], display: str, flag: str) -> int | None:
    if value is None:
        return None
    text = str(value).strip()
    if text.isdigit():
        if int(text) < 1:
            raise TermxError(f"{flag} counts from 1")
        return int(text) - 1
    if text.lower() in header:
        return header.index(text.lower())
    raise TermxError(
        f"{flag} {text!r}: no such column in the header ({', '.join(header)})", display
    )
