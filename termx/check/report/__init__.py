"""Report formats for ``termx check``: one module per format, each with a ``render`` function.

``render(findings, summary) -> str`` is the whole interface, so a new format is a new module
here plus one line in :data:`REPORTS` (the CLI's ``--format`` choices are built from it).
``text`` is for people (a table on a terminal, one line per finding in a log);
``json``, ``sarif``, ``junit`` and ``github`` are for machines and CI systems.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import import_module

from termx.model import Finding


@dataclass(frozen=True, slots=True)
class ReportFormat:
    """One report format: its name (``--format NAME``), its module here, one line of help."""

    name: str
    help: str

    @property
    def module(self) -> str:
        return f"termx.check.report.{self.name}"


# The registry of report formats.
REPORTS: tuple[ReportFormat, ...] = (
    ReportFormat("text", "a table per file on a terminal, one line per finding otherwise"),
    ReportFormat("json", "termx's own schema, see docs/check.md"),
    ReportFormat("sarif", "SARIF 2.1.0, for GitHub code scanning"),
    ReportFormat("junit", "JUnit XML, for GitLab, Jenkins and Azure test results"),
    ReportFormat("github", "GitHub Actions workflow annotations"),
)
FORMATS: tuple[str, ...] = tuple(report.name for report in REPORTS)
SEVERITY_ORDER = {"error": 0, "warning": 1, "note": 2}


@dataclass(frozen=True, slots=True)
class Summary:
    """What a report says besides the findings: how much was checked, and what was silenced."""

    pairs: int = 0
    pairs_with_terms: int = 0
    files: tuple[str, ...] = ()
    glossaries: tuple[str, ...] = ()
    glossary_terms: int = 0
    suppressed: int = 0  # by ``termx: ignore`` directives
    baselined: int = 0  # accepted by --baseline
    fail_on: str = "error"
    # Files found in an input directory and not read (other languages), as (path, reason).
    skipped_files: tuple[tuple[str, str], ...] = ()


def counts(findings: Sequence[Finding]) -> Counter[str]:
    """Findings per severity."""
    return Counter(finding.severity for finding in findings)


def summary_line(findings: Sequence[Finding], summary: Summary) -> str:
    """One line for people and CI logs: what was found, in how much, what was silenced."""
    by_severity = counts(findings)
    parts = [
        f"{by_severity.get('error', 0)} error{'s' * (by_severity.get('error', 0) != 1)}",
        f"{by_severity.get('warning', 0)} warning{'s' * (by_severity.get('warning', 0) != 1)}",
    ]
    files = len(summary.files)
    line = (
        f"{', '.join(parts)} in {summary.pairs} pair{'s' * (summary.pairs != 1)} "
        f"({files} file{'s' * (files != 1)}; {summary.pairs_with_terms} with glossary terms; "
        f"{summary.glossary_terms} glossary term{'s' * (summary.glossary_terms != 1)})"
    )
    silenced = []
    if summary.suppressed:
        silenced.append(f"{summary.suppressed} ignored by termx: ignore")
    if summary.baselined:
        silenced.append(f"{summary.baselined} accepted by the baseline")
    if silenced:
        line += "; " + ", ".join(silenced)
    if summary.skipped_files:
        skipped = len(summary.skipped_files)
        first = summary.skipped_files[0][0]
        line += f"; {skipped} file{'s' * (skipped != 1)} skipped: {first}"
        line += ", …" if skipped > 1 else ""
    return line


def render(fmt: str, findings: Sequence[Finding], summary: Summary) -> str:
    """The report in format ``fmt`` (one of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; known: {', '.join(FORMATS)}")
    module = import_module(f"termx.check.report.{fmt}")
    return module.render(findings, summary)
