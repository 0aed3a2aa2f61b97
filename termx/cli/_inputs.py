"""Input options shared by every command that reads aligned pairs (align, extract, check)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from termx.errors import TermxError

if TYPE_CHECKING:
    from termx.io import ReadOptions, ReadStats
    from termx.model import SegmentPair

Inputs = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="INPUT...",
        help="Files or directories (read recursively): .tmx, .xlf/.xliff, .tsv, .csv, or .txt "
        "bilingual documents. The format is sniffed from the extension and content.",
        show_default=False,
    ),
]
Format = Annotated[
    str | None,
    typer.Option("--input-format", help="Force the input format: tmx, xliff, tsv, csv or bidoc."),
]
ZhFile = Annotated[
    Path | None, typer.Option("--zh", help="Chinese side of two parallel text files.")
]
EnFile = Annotated[
    Path | None, typer.Option("--en", help="English side of two parallel text files.")
]
ZhCol = Annotated[
    str | None, typer.Option("--zh-col", help="TSV/CSV: the Chinese column (number or name).")
]
EnCol = Annotated[
    str | None, typer.Option("--en-col", help="TSV/CSV: the English column (number or name).")
]
SourceLang = Annotated[
    str | None,
    typer.Option(
        "--source-lang",
        metavar="zh|en",
        help="The language translated from, whatever the files say (XLIFF: the language of "
        "<source>; TMX: srclang; tables and text: every pair's direction).",
        show_default=False,
    ),
]
IncludeUntranslated = Annotated[
    bool,
    typer.Option(
        "--include-untranslated",
        help="XLIFF: also read targets marked untranslated (state new, needs-translation, "
        "initial).",
    ),
]
Encoding = Annotated[
    str | None,
    typer.Option("--encoding", help="Encoding of the inputs (default UTF-8; e.g. gb18030)."),
]


def read_options(
    fmt: str | None,
    zh_col: str | None,
    en_col: str | None,
    encoding: str | None,
    source_lang: str | None = None,
    include_untranslated: bool = False,
) -> ReadOptions:
    """The readers' options from the shared command-line options (one meaning everywhere)."""
    from termx.io import ReadOptions
    from termx.io._common import lang_of

    lang = None
    if source_lang is not None:
        lang = lang_of(source_lang)
        if lang is None:
            raise TermxError(f"--source-lang {source_lang!r}: give zh or en")
    return ReadOptions(
        fmt=fmt,
        zh_col=zh_col,
        en_col=en_col,
        encoding=encoding,
        source_lang=lang,
        include_untranslated=include_untranslated,
    )


def open_inputs(
    inputs: list[Path] | None,
    zh_file: Path | None,
    en_file: Path | None,
    options: ReadOptions,
    stats: ReadStats,
) -> Iterator[SegmentPair]:
    """The pairs named on the command line, read lazily."""
    from termx.io import read_inputs, read_parallel

    if (zh_file is None) != (en_file is None):
        raise TermxError("--zh and --en go together (two parallel files)")
    if zh_file is not None and en_file is not None:
        if inputs:
            raise TermxError("give either INPUT files or --zh/--en, not both")
        return read_parallel(zh_file, en_file, options, stats=stats)
    if inputs:
        return read_inputs([str(path) for path in inputs], options, stats=stats)
    raise TermxError("no input: give files or directories, or --zh FILE --en FILE")
