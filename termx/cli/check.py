"""`termx check`: the CI gate — translations against a glossary, findings and an exit code."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from termx.cli import app
from termx.cli._inputs import Encoding, EnCol, EnFile, Format, Inputs, ZhCol, ZhFile, open_inputs
from termx.errors import TermxError

if TYPE_CHECKING:
    from termx.model import Finding, GlossaryEntry, SegmentPair


class ReportFormat(StrEnum):
    text = "text"
    json = "json"
    sarif = "sarif"
    junit = "junit"
    github = "github"


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


class Rule(StrEnum):
    missing_term = "missing-term"
    forbidden_term = "forbidden-term"
    inconsistent = "inconsistent"


_THRESHOLD = {"error": {"error"}, "warning": {"error", "warning"}, "never": set()}


@app.command()
def check(
    inputs: Inputs = None,
    glossary: Annotated[
        list[Path] | None,
        typer.Option(
            "--glossary",
            "-g",
            help="Glossary file (TSV, CSV, JSON or TBX); repeat to combine several.",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            "-f",
            help="Report format: text (table + summary), json, sarif (GitHub code scanning), "
            "junit, github (workflow annotations).",
        ),
    ] = ReportFormat.text,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="Exit 1 when a finding of this severity or worse remains (never: always 0).",
        ),
    ] = FailOn.error,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the report to this file (atomically) instead of stdout."
        ),
    ] = None,
    baseline: Annotated[
        Path | None,
        typer.Option(
            "--baseline",
            help="JSON file of accepted findings: only findings not in it are reported.",
        ),
    ] = None,
    write_baseline: Annotated[
        bool,
        typer.Option(
            "--write-baseline",
            help="Record the current findings in the --baseline file and exit 0.",
        ),
    ] = False,
    include_pending: Annotated[
        bool,
        typer.Option(
            "--include-pending",
            help="Also require the terms of pending entries (default: approved entries only).",
        ),
    ] = False,
    ignore_rule: Annotated[
        list[Rule] | None,
        typer.Option("--ignore-rule", help="Do not run this rule; repeat for several."),
    ] = None,
    input_format: Format = None,
    zh_file: ZhFile = None,
    en_file: EnFile = None,
    zh_col: ZhCol = None,
    en_col: EnCol = None,
    encoding: Encoding = None,
) -> None:
    """Check translations against a glossary; exit 1 when a finding at --fail-on remains.

    [bold]missing-term[/] (error): a glossary term is in the source, no approved form in the target.

    [bold]forbidden-term[/] (error): the target uses a forbidden (or rejected) form of the term.

    [bold]inconsistent[/] (warning): one source term translated with different known forms.

    Both zh→en and en→zh; Traditional and Simplified sources match the same entry.
    Silence one finding with "termx: ignore\\[missing-term]" on its line (e.g. a third TSV
    column); adopt the gate on an old corpus with --baseline FILE --write-baseline.

    Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.

    Examples:

      termx check seeds/ --glossary glossary/seeds.tsv

      termx check po/ -g glossary/terms.tsv --format sarif -o termx.sarif

      termx check tm.tmx -g terms.tsv --baseline termx-baseline.json --write-baseline
    """
    from termx.consistency import Checker, CheckOptions
    from termx.io import ReadStats
    from termx.report import Summary, render, summary_line

    if not glossary:
        raise TermxError("no glossary: give --glossary FILE (repeat for several)")
    if write_baseline and baseline is None:
        raise TermxError("--write-baseline needs --baseline FILE (where to write it)")
    entries = _load_glossaries(glossary)
    accepted = None  # read before the run, so that a bad baseline fails at once
    if baseline is not None and not write_baseline:
        from termx.baseline import load_baseline

        accepted = load_baseline(baseline)
    skip = {path.resolve() for path in glossary}
    if baseline is not None:
        skip.add(baseline.resolve())
    if output is not None:
        skip.add(output.resolve())
    inputs = [path for path in inputs or [] if path.resolve() not in skip] if inputs else inputs
    if inputs == [] and zh_file is None:
        _note("nothing to check: every input is the glossary, baseline or report")
        raise typer.Exit(0)
    rules = frozenset(rule.value for rule in Rule) - {rule.value for rule in ignore_rule or []}
    options = CheckOptions(rules=rules, include_pending=include_pending)
    checker = Checker(entries, options)
    if not include_pending and not any(entry.status == "approved" for entry in entries):
        _note(
            "the glossary has no approved entries, so no term is required "
            "(review it, or use --include-pending)"
        )
    stats = ReadStats()
    pairs = open_inputs(inputs, zh_file, en_file, input_format, zh_col, en_col, encoding, stats)
    findings: list[Finding] = []
    for pair in _without(pairs, skip):
        findings.extend(checker.feed(pair))
    findings.extend(checker.finish())
    if checker.stats.pairs == 0 and stats.pairs > 0:
        _note("nothing to check: the inputs hold only the glossary, baseline or report")
        raise typer.Exit(0)
    if checker.stats.pairs == 0:
        raise TermxError(f"no aligned pairs found in {', '.join(stats.files) or 'the input'}")
    baselined = 0
    if accepted is not None:
        findings, baselined = accepted.filter(findings)
    elif baseline is not None:
        from termx.baseline import write_baseline as record

        record(findings, baseline)
        _note(f"baseline: {len(findings)} findings accepted → {baseline}")
        raise typer.Exit(0)
    summary = Summary(
        pairs=checker.stats.pairs,
        pairs_with_terms=checker.stats.pairs_with_terms,
        files=tuple(checker.stats.files),
        glossaries=tuple(str(path) for path in glossary),
        glossary_terms=checker.term_count,
        suppressed=checker.stats.suppressed,
        baselined=baselined,
        fail_on=fail_on.value,
    )
    if output is not None:
        from termx.files import write_bytes_atomic

        write_bytes_atomic(output, render(fmt.value, findings, summary).encode("utf-8"))
        _note(f"{summary_line(findings, summary)} → {output}")
    elif fmt is ReportFormat.text:
        from rich.console import Console

        from termx.report.text import write

        write(findings, summary, Console(highlight=False))
    else:
        sys.stdout.write(render(fmt.value, findings, summary))
        sys.stdout.flush()
    if any(finding.severity in _THRESHOLD[fail_on.value] for finding in findings):
        raise typer.Exit(1)


def _load_glossaries(paths: Iterable[Path]) -> list[GlossaryEntry]:
    from termx.glossary import load_glossary

    entries: list[GlossaryEntry] = []
    for path in paths:
        entries.extend(load_glossary(path).entries)
    return entries


def _without(pairs: Iterable[SegmentPair], skip: set[Path]) -> Iterator[SegmentPair]:
    """The pairs, minus those read from the glossary (or baseline) inside an input directory."""
    verdict: dict[str, bool] = {}
    for pair in pairs:
        path = pair.origin.path
        keep = verdict.get(path)
        if keep is None:
            keep = verdict[path] = Path(path).resolve() not in skip
        if keep:
            yield pair


def _note(message: str) -> None:
    print(f"termx check: {message}", file=sys.stderr)
