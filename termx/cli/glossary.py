"""`termx glossary`: show, export, import and lint a glossary file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from termx.cli import app
from termx.cli.review import reflow
from termx.errors import TermxError

if TYPE_CHECKING:
    from rich.console import Console

glossary_app = typer.Typer(
    name="glossary",
    help=reflow(
        """
        Show, export, import and lint glossaries (canonical TSV, CSV, JSON, TBX).

        The canonical file is glossary/NAME.tsv with the columns zh, en, status, variants,
        forbidden, note; status is approved, rejected or pending; variants and forbidden hold
        English forms separated by |. `termx review` writes it.
        """
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
)
app.add_typer(glossary_app)


class StatusFilter(StrEnum):
    approved = "approved"
    rejected = "rejected"
    pending = "pending"


class ExportFormat(StrEnum):
    tsv = "tsv"
    csv = "csv"
    json = "json"
    tbx = "tbx"


class Prefer(StrEnum):
    ours = "ours"
    theirs = "theirs"


GlossaryPath = Annotated[
    Path,
    typer.Argument(
        help="Glossary file (TSV, CSV, JSON or TBX).", show_default=False, metavar="GLOSSARY"
    ),
]


# ---------------------------------------------------------------------- show

_SHOW_HELP = """
    Show a glossary as a table, optionally only one status.

    Examples:

    termx glossary show glossary/sco.tsv

    termx glossary show glossary/sco.tsv --status rejected
    """


@glossary_app.command(help=reflow(_SHOW_HELP))
def show(
    glossary: GlossaryPath,
    status: Annotated[
        StatusFilter | None,
        typer.Option("--status", "-s", help="Only entries with this status.", show_default=False),
    ] = None,
) -> None:
    """Show a glossary (see --help)."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from termx.glossary import load_glossary

    entries = load_glossary(glossary).sorted().entries
    if status is not None:
        entries = [entry for entry in entries if entry.status == status.value]
    table = Table(title=f"{glossary} ({len(entries)} entries)", title_justify="left")
    for column in ("zh", "en", "status", "variants", "forbidden", "note"):
        table.add_column(column, overflow="fold")
    colours = {"approved": "green", "rejected": "red", "pending": "yellow"}
    for entry in entries:
        table.add_row(
            entry.zh,
            entry.en,
            Text(entry.status, style=colours[entry.status]),
            " | ".join(entry.variants),
            " | ".join(entry.forbidden),
            entry.note,
        )
    Console(highlight=False, markup=False).print(table)


# ---------------------------------------------------------------------- export

_EXPORT_HELP = """
    Export a glossary as TBX (TBX-Basic, ISO 30042:2019), CSV, JSON or canonical TSV.

    The output goes to standard output unless --output is given (written atomically). Every
    entry is exported by default, with its status (approved → preferredTerm, pending →
    admittedTerm, rejected → deprecatedTerm), so that the export round-trips; a CAT tool's
    termbase usually wants only the approved entries: --status approved.

    Examples:

    termx glossary export glossary/sco.tsv --format tbx -o sco.tbx

    termx glossary export glossary/sco.tsv --status approved -o sco-approved.tbx

    termx glossary export glossary/sco.tsv --format csv > sco.csv
    """


@glossary_app.command(help=reflow(_EXPORT_HELP))
def export(
    glossary: GlossaryPath,
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="Output format.")
    ] = ExportFormat.tbx,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write here instead of standard output.", show_default=False
        ),
    ] = None,
    status: Annotated[
        list[StatusFilter] | None,
        typer.Option(
            "--status",
            "-s",
            help="Only entries with this status (repeatable); all entries by default.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Export a glossary (see --help)."""
    import sys

    from termx.files import write_text_atomic
    from termx.glossary import Glossary, load_glossary, render_glossary

    entries = load_glossary(glossary)
    if status:
        wanted = {item.value for item in status}
        entries = Glossary(tuple(entry for entry in entries if entry.status in wanted))
    text = render_glossary(entries, fmt.value, source=glossary.name)
    if output is None:
        sys.stdout.write(text)
    else:
        write_text_atomic(output, text)


# ---------------------------------------------------------------------- import

_IMPORT_HELP = """
    Merge a TBX, CSV, TSV or JSON file into a glossary (created if missing).

    New pairs and new variants or forbidden forms are added. Contradictions (another status
    for the same pair, another preferred English for an approved Chinese term, a different
    note) are listed as conflicts and the glossary keeps its own entry unless --prefer theirs.
    Exit code 1 when a conflict was left unresolved. TBX 2 / MARTIF files from memoQ, Trados
    MultiTerm and translate-toolkit are read as well as TBX v3.

    Examples:

    termx glossary import client.tbx --glossary glossary/sco.tsv

    termx glossary import old.csv -g glossary/sco.tsv --prefer theirs --dry-run
    """


@glossary_app.command(name="import", help=reflow(_IMPORT_HELP))
def import_(
    source: Annotated[
        Path,
        typer.Argument(
            help="File to import (TBX, CSV, TSV or JSON).", show_default=False, metavar="FILE"
        ),
    ],
    glossary: Annotated[
        Path,
        typer.Option(
            "--glossary",
            "-g",
            help="Glossary to merge into (created if missing).",
            show_default=False,
        ),
    ],
    fmt: Annotated[
        ExportFormat | None,
        typer.Option(
            "--format",
            "-f",
            help="Format of the file to import (default: from the extension or content).",
            show_default=False,
        ),
    ] = None,
    prefer: Annotated[
        Prefer,
        typer.Option(help="On a conflict keep our entry (ours) or take the imported (theirs)."),
    ] = Prefer.ours,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Report what would change; write nothing.")
    ] = False,
) -> None:
    """Import into a glossary (see --help)."""
    from rich.console import Console

    from termx.glossary import (
        Glossary,
        format_from_path,
        load_glossary,
        merge,
        save_glossary,
        sniff_format,
    )
    from termx.glossary import tbx as tbx_format

    console = Console(highlight=False, markup=False)
    try:
        data = source.read_bytes()
    except FileNotFoundError:
        raise TermxError("no such file", str(source)) from None
    except IsADirectoryError:
        raise TermxError("is a directory, expected a glossary file", str(source)) from None
    except OSError as error:
        raise TermxError(f"cannot read: {error.strerror}", str(source)) from None
    kind = fmt.value if fmt is not None else format_from_path(source) or sniff_format(data)
    warnings: list[str] = []
    if kind == "tbx":
        imported = tbx_format.read_tbx(data, str(source))
        incoming, warnings = imported.entries, imported.warnings
        console.print(f"{source}: {imported.concepts} concepts, {len(incoming)} zh–en entries")
    else:
        incoming = load_glossary(source, kind).entries
        console.print(f"{source}: {len(incoming)} entries")
    for warning in warnings[:10]:
        console.print(f"  skipped {warning}", style="yellow")
    if len(warnings) > 10:
        console.print(f"  … and {len(warnings) - 10} more concepts skipped", style="yellow")
    base = load_glossary(glossary) if glossary.exists() else Glossary()
    result = merge(base, incoming, prefer.value)
    console.print(
        f"{glossary}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged, {len(result.conflicts)} conflicts"
    )
    _print_conflicts(console, result.conflicts)
    if dry_run:
        console.print("Dry run: nothing written.")
    elif (
        result.added
        or result.updated
        or any(conflict.resolution == "took theirs" for conflict in result.conflicts)
    ):
        save_glossary(result.glossary, glossary)
    if any(conflict.resolution != "took theirs" for conflict in result.conflicts):
        raise typer.Exit(1)


def _print_conflicts(console: Console, conflicts: list) -> None:  # type: ignore[type-arg]
    from rich.table import Table

    if not conflicts:
        return
    table = Table(title="Conflicts", title_justify="left")
    for column in ("zh", "imported", "here", "why", "resolution"):
        table.add_column(column, overflow="fold")
    for conflict in conflicts:
        here = conflict.existing
        table.add_row(
            conflict.incoming.zh,
            f"{conflict.incoming.en} ({conflict.incoming.status})",
            f"{here.en} ({here.status})" if here is not None else "",
            conflict.reason,
            conflict.resolution,
        )
    console.print(table)


# ---------------------------------------------------------------------- lint

_LINT_HELP = """
    Check glossaries for problems; exit code 1 when any is found.

    Rules: duplicate (the same pair twice, or two approved English for one Chinese term),
    shared-english (one English approved for two unrelated Chinese terms), approved-forbidden
    (an approved form also forbidden or rejected for the same Chinese term), empty-field.

    Examples:

    termx glossary lint glossary/sco.tsv

    termx glossary lint glossary/*.tsv
    """


@glossary_app.command(help=reflow(_LINT_HELP))
def lint(
    glossaries: Annotated[
        list[Path],
        typer.Argument(help="Glossary files to check.", show_default=False, metavar="GLOSSARY"),
    ],
) -> None:
    """Lint glossaries (see --help)."""
    from rich.console import Console
    from rich.table import Table

    from termx.glossary import lint as lint_glossary
    from termx.glossary import load_glossary

    console = Console(highlight=False, markup=False)
    found = 0
    for path in glossaries:
        current = load_glossary(path)
        problems = lint_glossary(current)
        found += len(problems)
        if not problems:
            console.print(f"{path}: no problems in {len(current)} entries")
            continue
        lines = _entry_lines(path)
        noun = "problem" if len(problems) == 1 else "problems"
        table = Table(title=f"{path}: {len(problems)} {noun}", title_justify="left")
        table.add_column("where", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        for column in ("entry", "problem"):
            table.add_column(column, overflow="fold")
        for problem in problems:
            where = (
                f"{path}:{lines[problem.index]}"
                if problem.index < len(lines)
                else f"{path} entry {problem.index + 1}"
            )
            table.add_row(
                where,
                problem.rule,
                f"{problem.entry.zh} → {problem.entry.en}",
                problem.message,
            )
        console.print(table)
    if found:
        raise typer.Exit(1)


def _entry_lines(path: Path) -> list[int]:
    """Line numbers of the entries of a TSV glossary (empty for other formats)."""
    from termx.glossary import format_from_path

    if (format_from_path(path) or "tsv") != "tsv":
        return []
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    if text.lstrip().startswith(("<", "{", "[")):
        return []
    numbers = [n for n, line in enumerate(text.split("\n"), start=1) if line.strip()]
    return numbers[1:]  # the first non-blank line is the header
