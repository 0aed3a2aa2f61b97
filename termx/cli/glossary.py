"""`termx glossary`: show, export, import and lint a glossary file."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from termx.cli import app
from termx.cli.review import reflow

if TYPE_CHECKING:
    from rich.console import Console

    from termx.glossary import Conflict

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


def _format_enum() -> type[StrEnum]:
    from termx.glossary.formats import NAMES

    return StrEnum("GlossaryFormat", {name: name for name in NAMES})  # type: ignore[return-value]


# Built from the format registry: a new format module shows up here by itself.
ExportFormat = _format_enum()


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
    from termx.text import printable

    entries = load_glossary(glossary).sorted().entries
    if status is not None:
        entries = [entry for entry in entries if entry.status == status.value]
    table = Table(title=printable(f"{glossary} ({len(entries)} entries)"), title_justify="left")
    for column in ("zh", "en", "status", "variants", "forbidden", "note"):
        table.add_column(column, overflow="fold")
    colours = {"approved": "green", "rejected": "red", "pending": "yellow"}
    for entry in entries:
        table.add_row(
            _cell(entry.zh),
            _cell(entry.en),
            Text(entry.status, style=colours[entry.status]),
            _cell(" | ".join(entry.variants)),
            _cell(" | ".join(entry.forbidden)),
            _cell(entry.note),
        )
    Console(highlight=False, markup=False).print(table)


def _cell(value: str) -> str:
    """A glossary field as a table shows it: control characters escaped, and cut after
    SHOW_LIMIT characters (wrapping one huge field into a table costs time quadratic in its
    length: a 2 MB note took 16 s; a term is never that long)."""
    from termx.text import printable

    if len(value) > SHOW_LIMIT:
        value = f"{value[:SHOW_LIMIT]}… ({len(value) - SHOW_LIMIT:,} more characters)"
    return printable(value)


SHOW_LIMIT = 1000


# ---------------------------------------------------------------------- export

_EXPORT_HELP = """
    Export a glossary as TBX, CSV, JSON or canonical TSV.

    Formats: tbx (TBX v3 TBX-Basic, DCA style, ISO 30042:2019: the standard), tbx2 (TBX 2008 /
    MARTIF: what OmegaT, translate-toolkit, memoQ and Trados MultiTerm import), csv, json, tsv.
    With --output and no --format the extension decides (.tbx → tbx, .mtf → tbx2, .csv, .json,
    .tsv); TBX otherwise. The output goes to standard output unless --output is given (written
    atomically). Every entry is exported by default, with its status (approved → preferredTerm,
    pending → admittedTerm, rejected → deprecatedTerm), so that the export round-trips; a CAT
    tool's termbase usually wants only the approved entries: --status approved.

    Examples:

    termx glossary export glossary/sco.tsv -o sco.tbx

    termx glossary export glossary/sco.tsv --format tbx2 --status approved -o sco-omegat.tbx

    termx glossary export glossary/sco.tsv --format csv > sco.csv
    """


@glossary_app.command(help=reflow(_EXPORT_HELP))
def export(
    glossary: GlossaryPath,
    fmt: Annotated[
        ExportFormat | None,  # type: ignore[valid-type]
        typer.Option(
            "--format",
            "-f",
            help="Output format (default: from the --output extension, else tbx).",
            show_default=False,
        ),
    ] = None,
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

    from termx.glossary import export_glossary

    text, used = export_glossary(
        glossary,
        fmt.value if fmt is not None else None,
        output,
        [item.value for item in status or ()],  # type: ignore[misc]
    )
    if output is None:
        sys.stdout.write(text)
    else:
        from rich.console import Console

        Console(stderr=True, highlight=False, markup=False).print(
            f"{glossary}: exported as {used} → {output}"
        )


# ---------------------------------------------------------------------- import

_IMPORT_HELP = """
    Merge a TBX, CSV, TSV or JSON file into a glossary (created if missing).

    New pairs and new variants or forbidden forms are added. Contradictions (another status
    for the same pair, another preferred English for an approved Chinese term, a different
    note) are listed as conflicts and the glossary keeps its own entry unless --prefer theirs.
    Exit code 1 when a conflict was left unresolved. TBX 2 / MARTIF files from memoQ, Trados
    MultiTerm and translate-toolkit are read as well as TBX v3 (synonyms of one Chinese term
    become variants, language subtags, definitions, part of speech and subject field are kept);
    so are OmegaT's glossary.txt (UTF-8 or UTF-16) and any two-column zh/en list without a
    header row (the Chinese column is told by its script).

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
        ExportFormat | None,  # type: ignore[valid-type]
        typer.Option(
            "--input-format",
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
    from contextlib import nullcontext

    from rich.console import Console

    from termx.files import locked
    from termx.glossary import import_glossary

    console = Console(highlight=False, markup=False)
    # The read, merge and write under the glossary's lock, as review saves: an import while
    # someone reviews the same glossary loses neither's entries.
    with nullcontext() if dry_run else locked(glossary):
        report = import_glossary(
            source,
            glossary,
            fmt.value if fmt is not None else None,
            prefer.value,  # type: ignore[arg-type]
            dry_run,
        )
    parsed, result = report.parsed, report.result
    if parsed.unit != "entries":  # concepts of a termbase, rows of a plain list
        console.print(
            f"{source}: {parsed.records} {parsed.unit}, {len(parsed.entries)} zh–en entries"
        )
    else:
        console.print(f"{source}: {len(parsed.entries)} entries")
    for warning in parsed.warnings[:10]:
        console.print(_cell(f"  skipped {warning}"), style="yellow")
    if len(parsed.warnings) > 10:
        console.print(f"  … and {len(parsed.warnings) - 10} more concepts skipped", style="yellow")
    console.print(
        f"{glossary}: {result.added} added, {result.updated} updated, "
        f"{result.unchanged} unchanged, {len(result.conflicts)} conflicts"
    )
    _print_conflicts(console, result.conflicts)
    if dry_run:
        console.print("Dry run: nothing written.")
    if report.unresolved:
        raise typer.Exit(1)


def _print_conflicts(console: Console, conflicts: list[Conflict]) -> None:
    from rich.table import Table

    if not conflicts:
        return
    table = Table(title="Conflicts", title_justify="left")
    for column in ("zh", "imported", "here", "why", "resolution"):
        table.add_column(column, overflow="fold")
    for conflict in conflicts:
        here = conflict.existing
        table.add_row(
            _cell(conflict.incoming.zh),
            _cell(f"{conflict.incoming.en} ({conflict.incoming.status})"),
            _cell(f"{here.en} ({here.status})") if here is not None else "",
            _cell(conflict.reason),
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
    top: Annotated[
        int,
        typer.Option(
            "--top", "-n", min=0, help="Show at most this many problems per file (0: all)."
        ),
    ] = 50,
) -> None:
    """Lint glossaries (see --help)."""
    from rich.console import Console
    from rich.table import Table

    from termx.glossary import lint_file

    console = Console(highlight=False, markup=False)
    found = 0
    for path in glossaries:
        report = lint_file(path)
        found += len(report.problems)
        if not report.problems:
            console.print(f"{path}: no problems in {report.entries} entries")
            continue
        noun = "problem" if len(report.problems) == 1 else "problems"
        counts = ", ".join(f"{rule} {count}" for rule, count in report.counts().items())
        shown = report.problems if top == 0 else report.problems[:top]
        table = Table(
            title=f"{path}: {len(report.problems)} {noun} ({counts})", title_justify="left"
        )
        table.add_column("where", no_wrap=True)
        table.add_column("rule", no_wrap=True)
        for column in ("entry", "problem"):
            table.add_column(column, overflow="fold")
        for problem in shown:
            table.add_row(
                _cell(report.location(problem)),
                problem.rule,
                _cell(f"{problem.entry.zh} → {problem.entry.en}"),
                _cell(problem.message),
            )
        console.print(table)
        if len(shown) < len(report.problems):
            console.print(f"… and {len(report.problems) - len(shown)} more (--top 0 shows all)")
    if found:
        raise typer.Exit(1)
