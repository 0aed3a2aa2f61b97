"""`termx align`: show the aligned segment pairs termx reads from the inputs."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated

import typer

from termx.cli import app
from termx.cli._inputs import (
    Encoding,
    EnCol,
    EnFile,
    Format,
    IncludeUntranslated,
    Inputs,
    SourceLang,
    ZhCol,
    ZhFile,
)
from termx.errors import TermxError

if TYPE_CHECKING:
    from termx.io import ReadStats
    from termx.model import SegmentPair

_HEADER = "zh\ten\tsource\torigin\n"
_PREVIEW = 70
_TABLE_ROWS = 500


ALIGN_HELP = "\n\n".join(
    [
        "Read aligned Chinese–English pairs and show them (a table, or TSV with -o or a pipe).",
        (
            "Bilingual documents (Chinese and English paragraphs interleaved, like web pages) are"
            " aligned by script, length and position; titles, bylines and page debris with no "
            "counterpart are left out and counted."
        ),
        "Examples:",
        "termx align seeds/ -o pairs.tsv",
        "termx align memory.tmx --show-unpaired",
        "termx align --zh book.zh.txt --en book.en.txt -o pairs.tsv",
        "termx align glossary.csv --zh-col 2 --en-col 1",
    ]
)


@app.command(help=ALIGN_HELP)
def align(
    inputs: Inputs = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the pairs to this TSV file (zh, en, source, origin)."
        ),
    ] = None,
    show_unpaired: Annotated[
        bool,
        typer.Option(
            "--show-unpaired", help="List every block or unit that was read but not used, and why."
        ),
    ] = False,
    fmt: Format = None,
    zh_file: ZhFile = None,
    en_file: EnFile = None,
    zh_col: ZhCol = None,
    en_col: EnCol = None,
    encoding: Encoding = None,
    source_lang: SourceLang = None,
    include_untranslated: IncludeUntranslated = False,
) -> None:
    """`termx align`: see ALIGN_HELP."""
    from termx.cli._inputs import open_inputs, read_options
    from termx.io import ReadStats

    stats = ReadStats()
    options = read_options(fmt, zh_col, en_col, encoding, source_lang, include_untranslated)
    pairs = open_inputs(inputs, zh_file, en_file, options, stats)

    if output is not None:
        _write_atomic(output, pairs, stats)
    elif sys.stdout.isatty():
        _show_table(pairs)
    else:
        try:
            _write_tsv(pairs, sys.stdout)
            sys.stdout.flush()
        except BrokenPipeError:
            # `termx align big.tmx | head`: the reader went away, which is not an error.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return
    if stats.pairs == 0:
        raise TermxError(f"no aligned pairs found in {_files(stats)}{_skip_note(stats)}")
    _summary(stats, output, show_unpaired)


def _files(stats: ReadStats) -> str:
    if len(stats.files) <= 3:
        return ", ".join(stats.files)
    return f"{len(stats.files)} files ({stats.files[0]}, …)"


def _skip_note(stats: ReadStats) -> str:
    if not stats.reasons:
        return ""
    top = ", ".join(f"{count} {reason}" for reason, count in stats.reasons.most_common(3))
    return f" ({top})"


def _write_tsv(pairs: Iterable[SegmentPair], out: IO[str]) -> None:
    # The header goes out with the first pair, so an input that fails at once prints nothing.
    for number, pair in enumerate(pairs):
        if number == 0:
            out.write(_HEADER)
        out.write(f"{pair.zh}\t{pair.en}\t{pair.source}\t{pair.origin}\n")


def _write_atomic(path: Path, pairs: Iterable[SegmentPair], stats: ReadStats) -> None:
    """Stream the TSV to a temp file beside ``path`` and rename it: an error half-way (bad
    input, Ctrl-C) or an input with no pairs leaves any previous file untouched."""
    from termx.files import atomic_writer

    with atomic_writer(path) as out:
        _write_tsv(pairs, out)
        if stats.pairs == 0:
            raise TermxError(f"no aligned pairs found in {_files(stats)}{_skip_note(stats)}")


def _show_table(pairs: Iterable[SegmentPair]) -> None:
    """A table of the first pairs; the rest are read (for the counts) but not held in memory."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    table.add_column("#", justify="right", style="dim")
    table.add_column("zh", ratio=1, overflow="fold")
    table.add_column("en", ratio=1, overflow="fold")
    table.add_column("origin", style="dim", overflow="fold")
    hidden = 0
    for number, pair in enumerate(pairs, start=1):
        if number <= _TABLE_ROWS:
            table.add_row(str(number), pair.zh, pair.en, str(pair.origin))
        else:
            hidden += 1
    console = Console()
    if table.row_count:
        console.print(table)
    if hidden:
        console.print(f"… and {hidden} more pairs: write them all with -o FILE", style="dim")


def _short(text: str) -> str:
    return text if len(text) <= _PREVIEW else text[: _PREVIEW - 1] + "…"


def _summary(stats: ReadStats, output: Path | None, show_unpaired: bool) -> None:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    console = Console(stderr=True, highlight=False)
    files = len(stats.files)
    where = f" → {escape(str(output))}" if output is not None else ""
    console.print(
        f"{stats.pairs} pair{'s' if stats.pairs != 1 else ''} from {files} "
        f"file{'s' if files != 1 else ''}{where}; "
        f"{stats.skipped_count} blocks/units not used"
    )
    for reason, count in stats.reasons.most_common():
        console.print(f"  {count:>6}  {escape(reason)}")
    if stats.skipped_files:
        count = len(stats.skipped_files)
        console.print(
            f"{count} file{'s' if count != 1 else ''} skipped (not Chinese–English): "
            + ", ".join(escape(str(item.origin.path)) for item in stats.skipped_files[:5])
            + (", …" if count > 5 else "")
        )
    if stats.skipped_count and not show_unpaired:
        console.print("  (see them with --show-unpaired)", style="dim")
    if show_unpaired and stats.skipped:
        if console.is_terminal:
            table = Table(title="Not used", header_style="bold")
            table.add_column("origin", no_wrap=True)
            table.add_column("lang")
            table.add_column("text", overflow="fold")
            table.add_column("reason")
            for item in stats.skipped:
                table.add_row(
                    str(item.origin),
                    item.lang or "-",
                    escape(_short(item.text)),
                    escape(item.reason),
                )
            console.print(table)
        else:
            # Redirected: one greppable line per item rather than a table wrapped at 80 columns.
            for item in stats.skipped:
                print(
                    f"{item.origin}\t{item.lang or '-'}\t{item.reason}\t{_short(item.text)}",
                    file=sys.stderr,
                )
        if len(stats.skipped) < stats.skipped_count:
            console.print(f"  (first {len(stats.skipped)} of {stats.skipped_count} shown)")
