"""``--format text`` (the default): for people on a terminal, a table per file and a summary
line (:func:`write`); in a log (stdout not a terminal, or ``-o``), one finding per line in the
convention linters use, ``path:line: rule: message``, never wrapped, then the summary line
(:func:`render`)."""

from __future__ import annotations

from collections.abc import Sequence

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from termx.check.report import Summary, summary_line
from termx.model import Finding
from termx.text import printable

_STYLE = {"error": "bold red", "warning": "yellow", "note": "cyan"}


def table(path: str, findings: Sequence[Finding]) -> Table:
    """One file's findings: line (or unit), rule coloured by severity, term, expected, found."""
    grid = Table(
        title=printable(path),
        title_justify="left",
        title_style="bold",
        header_style="bold",
        pad_edge=False,
        box=box.SIMPLE_HEAD,
    )
    grid.add_column("line", justify="right", no_wrap=True)
    grid.add_column("rule", no_wrap=True)
    grid.add_column("source term", overflow="fold")
    grid.add_column("expected", overflow="fold", ratio=3)
    grid.add_column("found", overflow="fold", ratio=2)
    for finding in findings:
        origin = finding.origin
        where = str(origin.line) if origin.line is not None else printable(f"#{origin.unit or ''}")
        grid.add_row(
            where,
            Text(finding.rule, style=_STYLE.get(finding.severity, "")),
            printable(finding.source_term),
            printable(" | ".join(finding.expected)),
            printable(finding.found) or "—",
        )
    return grid


def write(findings: Sequence[Finding], summary: Summary, console: Console) -> None:
    """Print to a console (the terminal, with colour when it is one): a table per file."""
    by_file: dict[str, list[Finding]] = {}
    for finding in findings:
        by_file.setdefault(finding.origin.path, []).append(finding)
    for path, items in by_file.items():
        items.sort(key=lambda f: (f.origin.line or 0, f.origin.unit or "", f.rule))
        console.print(table(path, items))
    style = "bold red" if any(f.severity == "error" for f in findings) else "bold yellow"
    console.print(Text(summary_line(findings, summary), style=style if findings else "green"))


def line(finding: Finding) -> str:
    """``path:line: rule: message`` (``path#unit`` when there is no line)."""
    where = str(finding.origin)
    message = finding.message.removeprefix(f"{where}: ")
    # Terms and file names come from the user's data: no raw control character in a log.
    return printable(f"{where}: {finding.rule}: {message}")


def render(findings: Sequence[Finding], summary: Summary) -> str:
    """One line per finding, in file order, then the summary line."""
    lines = [line(finding) for finding in findings]
    lines.append(summary_line(findings, summary))
    return "\n".join(lines) + "\n"
