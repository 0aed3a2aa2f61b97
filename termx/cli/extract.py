"""`termx extract`: candidate term pairs with scores and evidence."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

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
    open_inputs,
    read_options,
)
from termx.errors import TermxError
from termx.extract import MIN_SCORE
from termx.extract.engines import ENGINES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from termx.extract import Extraction, ExtractOptions
    from termx.glossary import Glossary
    from termx.model import SegmentPair, TermPair


class OutFormat(StrEnum):
    tsv = "tsv"
    csv = "csv"
    json = "json"
    jsonl = "jsonl"


# The --engine choices, from the registry (an engine added there is offered here); mypy
# cannot see the members of an Enum built from data.
EngineName = StrEnum("EngineName", [entry.name for entry in ENGINES])  # type: ignore[misc]
LOCAL = EngineName("local")
ENGINE_HELP = (
    "Where the per-segment analysis runs: "
    # Escaped: the help is rich markup, where [dask] would be a style tag.
    + "; ".join(f"{entry.name}: {entry.summary}".replace("[", "\\[") for entry in ENGINES)
    + ". Counting and scoring run here; the candidates are the same with every engine."
)


class Scoring(StrEnum):
    hand = "hand"
    pairing = "pairing"
    fitted = "fitted"


EXTRACT_HELP = "\n\n".join(
    [
        "Find candidate term pairs in aligned Chinese–English material, best first.",
        (
            "Each pair has a 0–1 score, the number of segment pairs where both sides occur, the "
            "evidence behind the score (dictionary, transliteration, acronym, quotes/headings, "
            "co-occurrence) and an example origin. On a terminal the best pairs are shown as a "
            "table; with -o or a pipe the full list is written as TSV (or --format "
            "csv/json/jsonl). Inputs are read like termx align reads them."
        ),
        "Examples:",
        "termx extract seeds/",
        "termx extract memory.tmx -o candidates.tsv --jobs 2",
        "termx extract corpus.tsv -g glossary/project.tsv -o new-candidates.tsv",
        "termx extract memory.tmx -o candidates.tsv --engine dask --scheduler tcp://HOST:8786",
    ]
)


@app.command(help=EXTRACT_HELP)
def extract(
    inputs: Inputs = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the candidates to this file.")
    ] = None,
    fmt: Annotated[
        OutFormat | None,
        typer.Option(
            "--format", "-f", help="Output format (default: from -o's extension, else tsv)."
        ),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", "-n", min=1, help="Keep the N best pairs.")
    ] = None,
    min_score: Annotated[
        float,
        typer.Option(
            "--min-score",
            min=0.0,
            max=1.0,
            help="Drop pairs scoring below S. The default is where, on held-out data, fewer "
            "than 1 pair in 100 scored lower is right (docs/eval.md); the summary says how many "
            "Chinese terms it left out, and 0 keeps every counted pair.",
        ),
    ] = MIN_SCORE,
    glossary: Annotated[
        Path | None,
        typer.Option(
            "--glossary",
            "-g",
            help="A reviewed glossary: its approved entries help the dictionary, and pairs it "
            "already decides (approved or rejected) are left out.",
        ),
    ] = None,
    jobs: Annotated[
        int,
        typer.Option(
            "--jobs",
            "-j",
            min=1,
            help="Worker processes (with --engine dask and no --scheduler: the local "
            "cluster's workers).",
        ),
    ] = 1,
    engine: Annotated[EngineName, typer.Option("--engine", help=ENGINE_HELP)] = LOCAL,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            metavar="ADDRESS",
            help="With --engine dask: the address of a running Dask scheduler, as `dask "
            "scheduler` prints it (e.g. tcp://10.0.0.5:8786), whose workers have this termx "
            "version installed; without it a local cluster of --jobs workers starts and stops "
            "with the run.",
        ),
    ] = None,
    scoring: Annotated[
        Scoring,
        typer.Option(
            "--scoring",
            help="hand: the hand-set scores (default); pairing: the same scores, each Chinese "
            "term's English ordered by the fitted model; fitted: the fitted model's probability "
            "(see docs/eval.md for how each does held out).",
        ),
    ] = Scoring.hand,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")] = False,
    input_format: Format = None,
    zh_file: ZhFile = None,
    en_file: EnFile = None,
    zh_col: ZhCol = None,
    en_col: EnCol = None,
    encoding: Encoding = None,
    source_lang: SourceLang = None,
    include_untranslated: IncludeUntranslated = False,
) -> None:
    """`termx extract`: see EXTRACT_HELP."""
    from termx.extract import ExtractOptions
    from termx.io import ReadStats

    decided: Glossary | tuple[()] = ()
    if glossary is not None:
        from termx.glossary import load_glossary

        decided = load_glossary(glossary)
    stats = ReadStats()
    read = read_options(input_format, zh_col, en_col, encoding, source_lang, include_untranslated)
    pairs = open_inputs(inputs, zh_file, en_file, read, stats)
    from termx.extract import ScoringParams

    params = ScoringParams(scoring=scoring.value)
    if scheduler is not None and engine.value == "local":
        raise TermxError(
            "--scheduler is the address of a Dask scheduler: use it with --engine dask"
        )
    options = ExtractOptions(
        top=top,
        min_score=min_score,
        jobs=jobs,
        glossary=decided,
        params=params,
        engine=engine.value,
        scheduler=scheduler,
    )
    found = _run(pairs, options, quiet)
    result = list(found.pairs)
    if stats.pairs == 0:
        raise TermxError(f"no aligned pairs found in {', '.join(stats.files) or 'the input'}")
    out_format = fmt.value if fmt else _format_for(output)
    if output is not None:
        from termx.extract.candidate_file import save_candidates

        save_candidates(result, output, out_format)
    elif sys.stdout.isatty() and fmt is None:
        _show_table(result[: top or 30], len(result))
    else:
        from termx.extract.candidate_file import write_candidates

        write_candidates(result, sys.stdout, out_format)
    if not quiet:
        where = f" → {output}" if output else ""
        skipped = len(stats.skipped_files)
        files = f"; {skipped} file{'s' * (skipped != 1)} skipped (termx align says why)"
        below = found.below_min_score
        cut = (
            f"; {below} more Chinese term{'s' * (below != 1)} scored below --min-score"
            f" {min_score:g}"
        )
        print(
            f"{len(result)} candidate pairs from {stats.pairs} segment pairs{where}"
            f"{cut if below else ''}{files if skipped else ''}",
            file=sys.stderr,
        )


def _run(pairs: Iterable[SegmentPair], options: ExtractOptions, quiet: bool) -> Extraction:
    """The one library call, with a progress bar on a terminal."""
    from termx.extract import extraction as run

    if quiet or not sys.stderr.isatty():
        return run(pairs, options)
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TextColumn("{task.completed} pairs"),
        TimeElapsedColumn(),
    )
    with Progress(*columns, transient=True) as progress:
        task = progress.add_task("extracting", total=None)
        return run(pairs, options, lambda n: progress.advance(task, n))


def _format_for(output: Path | None) -> str:
    if output is None:
        return "tsv"
    from termx.extract.candidate_file import format_from_path

    return format_from_path(output)


def _show_table(rows: list[TermPair], total: int) -> None:
    from rich.console import Console
    from rich.table import Table

    from termx.text import printable

    table = Table(
        header_style="bold", caption=f"{len(rows)} of {total} pairs (all of them with -o FILE)"
    )
    for name, justify in (
        ("#", "right"),
        ("zh", "left"),
        ("en", "left"),
        ("score", "right"),
        ("freq", "right"),
        ("evidence", "left"),
    ):
        table.add_column(name, justify=justify, overflow="fold")  # type: ignore[arg-type]
    for rank, pair in enumerate(rows, 1):
        evidence = "; ".join(f"{e.kind}: {e.reason}" for e in pair.evidence if e.kind != "cooc")
        table.add_row(
            str(rank),
            printable(pair.zh),
            printable(pair.en + "".join(f"\n| {form}" for form in pair.variants)),
            f"{pair.score:.2f}",
            str(pair.frequency),
            printable(evidence),
        )
    Console().print(table)
