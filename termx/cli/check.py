"""`termx check`: the CI gate — translations against a glossary, findings and an exit code."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from termx.check.report import FORMATS, REPORTS
from termx.check.rules import RULE_IDS, RULES
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
    read_options,
)
from termx.errors import TermxError

# The choices come from the registries, so a new rule or report format needs no edit here.
ReportFormat = StrEnum("ReportFormat", {name: name for name in FORMATS})  # type: ignore[misc]
Rule = StrEnum("Rule", {rule_id: rule_id for rule_id in RULE_IDS})  # type: ignore[misc]
_TEXT = ReportFormat("text")


class FailOn(StrEnum):
    error = "error"
    warning = "warning"
    never = "never"


# The rules' lines come from the registry, so the help always lists the rules that run.
CHECK_HELP = "\n\n".join(
    [
        "Check translations against a glossary; exit 1 when a finding at --fail-on remains.",
        *(f"[bold]{rule.id}[/] ({rule.severity}): {rule.short}." for rule in RULES),
        "Both zh→en and en→zh; Traditional and Simplified sources match the same entry. "
        'Silence one finding with "termx: ignore\\[missing-term]" on its line (e.g. a third '
        "TSV column); adopt the gate on an old corpus with --baseline FILE --write-baseline.",
        "Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input error.",
        "Examples:",
        "  termx check seeds/ --glossary glossary/seeds.tsv",
        "  termx check po/ -g glossary/terms.tsv --format sarif -o termx.sarif",
        "  termx check tm.tmx -g terms.tsv --baseline termx-baseline.json --write-baseline",
    ]
)


@app.command(help=CHECK_HELP)
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
            help="Report format: "
            + "; ".join(f"{report.name} ({report.help})" for report in REPORTS)
            + ".",
        ),
    ] = _TEXT,
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
    source_lang: SourceLang = None,
    include_untranslated: IncludeUntranslated = False,
) -> None:
    """Check translations against a glossary (help: CHECK_HELP, built from the rules)."""
    from termx.check import CheckOptions, run
    from termx.check.report import render, summary_line

    if (zh_file is None) != (en_file is None):
        raise TermxError("--zh and --en go together (two parallel files)")
    if zh_file is not None and en_file is not None and inputs:
        raise TermxError("give either INPUT files or --zh/--en, not both")
    options = CheckOptions(
        rules=frozenset(RULE_IDS) - {rule.value for rule in ignore_rule or []},
        include_pending=include_pending,
        fail_on=fail_on.value,
        baseline=baseline,
        write_baseline=write_baseline,
        report=output,
        read=read_options(
            input_format, zh_col, en_col, encoding, source_lang, include_untranslated
        ),
        parallel=(zh_file, en_file) if zh_file is not None and en_file is not None else None,
    )
    result = run(inputs or [], glossary or [], options)
    for note in result.notes:
        print(f"termx check: {note}", file=sys.stderr)
    if not result.rendered:
        raise typer.Exit(result.exit_code)
    findings, summary = result.findings, result.summary
    if output is not None:
        from termx.files import write_bytes_atomic

        write_bytes_atomic(output, render(fmt.value, findings, summary).encode("utf-8"))
        print(f"termx check: {summary_line(findings, summary)} → {output}", file=sys.stderr)
    elif fmt.value == "text" and sys.stdout.isatty():
        from rich.console import Console

        from termx.check.report.text import write

        write(findings, summary, Console(highlight=False))
    else:
        sys.stdout.write(render(fmt.value, findings, summary))
        sys.stdout.flush()
    raise typer.Exit(result.exit_code)
