"""`termx eval`: score a candidates file against a gold list of term pairs."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from termx.cli import app

if TYPE_CHECKING:
    from rich.console import Console

    from termx.extract.evaluate import EvalReport, Gold


class EvalFormat(StrEnum):
    text = "text"
    json = "json"


PRECISION_NOTE = (
    "precision@{k} counts a candidate as correct only if the gold list has it (ok rows "
    "included): with a gold list that does not cover every term of the material it is a "
    "lower bound, not a measure."
)


EVAL_HELP = "\n\n".join(
    [
        "Measure extraction against a gold list: recall, recall@K, precision@K and pairing "
        "accuracy, with the gold pairs that were missed.",
        "A candidate matches a gold pair when both sides are equal after folding Traditional "
        "and Simplified Chinese, width, case, quotes, apostrophes, spaces, hyphens and a "
        "plural -s: 上合組織 matches 上合组织, and “Defense Ministers’ Meeting” matches "
        "defense minister's meeting. Recall counts every tier except 'ok', per tier and "
        "overall; pairing accuracy is the share of gold Chinese terms in the list whose "
        "best-ranked English is a gold English.",
        "Example:\n  termx extract seeds/ -o candidates.tsv\n"
        "  termx eval candidates.tsv --gold seed-gold.tsv --top 60 --show-missed",
    ]
)


@app.command("eval", help=EVAL_HELP)
def evaluate_command(
    candidates: Annotated[
        Path,
        typer.Argument(
            help="Candidates file from `termx extract` (tsv, csv, json, jsonl by extension); "
            "its row order is the ranking. A hand-made zh<TAB>en list works too.",
            show_default=False,
        ),
    ],
    gold: Annotated[
        Path,
        typer.Option(
            "--gold",
            help="Gold list: zh<TAB>en or tier<TAB>zh<TAB>en lines, English alternatives "
            "separated by ' | ', '#' comments. Tier 'ok' rows count for precision, not recall.",
            show_default=False,
        ),
    ],
    top: Annotated[
        int,
        typer.Option(
            "--top", "-n", min=1, help="K for recall@K and precision@K (the first K rows)."
        ),
    ] = 60,
    show_missed: Annotated[
        bool,
        typer.Option(
            "--show-missed",
            help="List the gold pairs missed or ranked below K, the wrong pairings, and the "
            "top-K candidates that are not in the gold list.",
        ),
    ] = False,
    output_format: Annotated[
        EvalFormat,
        typer.Option("--format", "-f", help="text (tables) or json (figures plus every miss)."),
    ] = EvalFormat.text,
    fail_under: Annotated[
        float | None,
        typer.Option(
            "--fail-under",
            min=0.0,
            max=1.0,
            help="Exit with code 1 when overall recall is below this value (for CI).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Measure extraction against a gold list (help text and example: EVAL_HELP).

    The help is built from one-line paragraphs because typer's rich help keeps single line
    breaks of a docstring, which would break sentences at the source code's line ends.
    """
    from termx.extract.evaluate import evaluate_files

    report, gold_list = evaluate_files(candidates, gold, top)

    if output_format is EvalFormat.json:
        data = {"candidates_file": str(candidates), "gold_file": str(gold), **report.as_dict()}
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        _render(report, str(candidates), gold_list, show_missed)

    recall = report.overall.recall
    if fail_under is not None and (recall is None or recall < fail_under):
        raise typer.Exit(1)


def _figure(value: float | None) -> str:
    return "–" if value is None else f"{value:.3f}"


def _render(report: EvalReport, candidates: str, gold: Gold, show_missed: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    from termx.extract.evaluate import UNTIERED

    console = Console(highlight=False)
    k = report.k
    named = [score for score in report.tiers if score.tier != UNTIERED]
    tier_sizes = " (" + ", ".join(f"{s.tier} {s.total}" for s in named) + ")" if named else ""
    console.print(
        f"[bold]Candidates[/] {candidates}: {report.candidates} rows, ranked in file order"
    )
    acceptable = f", {report.acceptable_pairs} ok" if report.acceptable_pairs else ""
    console.print(
        f"[bold]Gold[/]       {gold.path}: {report.gold_pairs} required{tier_sizes}{acceptable}"
    )
    table = Table(show_header=True, header_style="bold", box=None, pad_edge=False)
    table.add_column("figure")
    table.add_column("value", justify="right")
    table.add_column("count", justify="right")
    scores = report.tiers if len(report.tiers) > 1 else ()
    for label, attr, found in (
        ("recall", "recall", "found"),
        (f"recall@{k}", "recall_at_k", "found_at_k"),
    ):
        for score in (*scores, report.overall):
            table.add_row(
                f"{label} {score.tier}",
                _figure(getattr(score, attr)),
                f"{getattr(score, found)}/{score.total}",
            )
    table.add_row(
        f"precision@{k}",
        _figure(report.precision_at_k),
        f"{report.precision_correct}/{report.precision_total}",
    )
    table.add_row(
        "pairing accuracy",
        _figure(report.pairing_accuracy),
        f"{report.pairing_correct}/{report.pairing_offered}",
    )
    console.print(table)
    console.print(f"[dim]{PRECISION_NOTE.format(k=k)}[/]")
    if show_missed:
        _render_details(console, report)
    else:
        console.print(
            f"{len(report.missed)} gold pairs missed, {len(report.below_k)} found only below "
            f"rank {k}, {len(report.wrong_pairings)} wrong pairings: --show-missed lists them."
        )


def _render_details(console: Console, report: EvalReport) -> None:
    from rich.table import Table

    def table(title: str, *columns: str) -> Table:
        result = Table(title=title, title_justify="left", title_style="bold", box=None)
        for column in columns:
            if column in ("rank", "line"):
                result.add_column(column, justify="right", overflow="fold")
            else:
                result.add_column(column, justify="left", overflow="fold")
        return result

    missed = table(f"Missed: {len(report.missed)} gold pairs", "tier", "zh", "en", "line")
    for hit in report.missed:
        missed.add_row(hit.gold.tier, hit.gold.zh, hit.gold.en_text, str(hit.gold.line))
    below = table(
        f"Below rank {report.k}: {len(report.below_k)} gold pairs", "rank", "tier", "zh", "en"
    )
    for hit in report.below_k:
        below.add_row(str(hit.rank), hit.gold.tier, hit.gold.zh, hit.gold.en_text)
    wrong = table(
        f"Wrong pairings: {len(report.wrong_pairings)}",
        "rank",
        "zh",
        "offered en",
        "gold en",
        "right en at",
    )
    for item in report.wrong_pairings:
        wrong.add_row(
            str(item.rank),
            item.candidate.zh,
            item.candidate.en,
            " | ".join(item.expected),
            "–" if item.correct_rank is None else f"rank {item.correct_rank}",
        )
    extra = table(
        f"Top {report.k} candidates not in the gold list: {len(report.unmatched_top)}",
        "rank",
        "zh",
        "en",
        "score",
    )
    for ranked in report.unmatched_top:
        extra.add_row(
            str(ranked.rank),
            ranked.candidate.zh,
            ranked.candidate.en,
            f"{ranked.candidate.score:.3f}",
        )
    for section in (missed, below, wrong, extra):
        console.print()
        console.print(section)
