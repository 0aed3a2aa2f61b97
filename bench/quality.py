"""Extraction quality on the project's development data, against the targets of issue 3.

Runs ``termx extract`` on ``seeds/`` and on ``../shared/dev/tico19-dev/pairs.tsv`` (each in a
subprocess, exactly as a user would), then scores the candidate files with
``termx.extract.evaluate`` (the code behind ``termx eval``) and prints the figures, the
targets, and the commands that reproduce every number.

    python bench/quality.py                     # extract + evaluate (candidates in a temp dir)
    python bench/quality.py --keep out/         # keep the candidate files in out/
    python bench/quality.py --seeds-candidates a.tsv --tico-candidates b.tsv   # evaluate only
    python bench/quality.py --strict            # exit 1 when a target is missed (CI)

TICO-19's gold list covers only part of the terms in its sentences, so precision is not
reported for it: a correct pair missing from the gold list would count as an error.
"""

from __future__ import annotations

import argparse
import json
import shlex
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from termx.errors import TermxError
from termx.extract.candidate_file import read_candidates
from termx.extract.evaluate import EvalReport, evaluate, find_rank, load_gold
from termx.model import TermPair

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS_INPUT = "seeds/"
TICO_INPUT = "../shared/dev/tico19-dev/pairs.tsv"
SEED_GOLD = "../shared/seed-gold.tsv"
TICO_GOLD = "../shared/dev/tico19-dev/gold_terms.tsv"
K = 60
MUST_HAVE_TOP = 30

# The acceptance pairs named in issue 3 (the benchmark's definition, not library knowledge).
MUST_HAVE = (
    ("上合組織", "SCO"),
    ("上海合作組織", "SCO"),
    ("和平使命", "Peace Mission"),
    ("張曉剛", "Zhang Xiaogang"),
    ("上海精神", "Shanghai Spirit"),
    ("人類命運共同體", "community with a shared future for mankind"),
)


class BenchError(Exception):
    """The extraction run failed: reported on one line, exit code 2."""


@dataclass(frozen=True)
class Figure:
    data: str
    name: str
    value: float | None
    target: float | None
    count: str
    note: str = ""

    @property
    def passed(self) -> bool | None:
        if self.target is None:
            return None
        return self.value is not None and self.value >= self.target


@dataclass(frozen=True)
class Run:
    label: str
    candidates: Path
    extract_command: str | None
    seconds: float | None


def _display(args: list[str]) -> str:
    return shlex.join(["termx", *args])


def run_extract(label: str, inputs: list[str], out: Path, extra: list[str]) -> Run:
    """Run ``termx extract`` like a user (a subprocess, from the repository root)."""
    args = ["extract", *inputs, "-o", str(out), *extra]
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "termx", *args], cwd=REPO, capture_output=True, text=True
    )
    seconds = time.perf_counter() - started
    if result.returncode != 0 or not out.exists():
        # The last line that is not rich's box drawing says what went wrong.
        lines = [line.strip("│╭╮╰╯─ ") for line in result.stderr.splitlines()]
        reason = next((line for line in reversed(lines) if line), "no output file")
        raise BenchError(f"`{_display(args)}` failed (exit {result.returncode}): {reason}")
    return Run(label, out, _display(args), seconds)


def _rank_text(rank: int | None) -> str:
    return "missing" if rank is None else str(rank)


def seed_figures(report: EvalReport) -> list[Figure]:
    core = report.tier("core")
    figures = [
        Figure(
            "seeds",
            "recall core",
            core.recall if core else None,
            0.85,
            f"{core.found}/{core.total}" if core else "–",
        ),
        Figure(
            "seeds",
            "recall core+domain",
            report.overall.recall,
            0.80,
            f"{report.overall.found}/{report.overall.total}",
        ),
        Figure(
            "seeds",
            f"precision@{report.k}",
            report.precision_at_k,
            0.75,
            f"{report.precision_correct}/{report.precision_total}",
            "ok rows count",
        ),
        Figure(
            "seeds",
            "pairing accuracy",
            report.pairing_accuracy,
            None,
            f"{report.pairing_correct}/{report.pairing_offered}",
        ),
    ]
    return figures


def tico_figures(report: EvalReport) -> list[Figure]:
    return [
        Figure(
            "tico19-dev",
            "recall",
            report.overall.recall,
            0.65,
            f"{report.overall.found}/{report.overall.total}",
        ),
        Figure(
            "tico19-dev",
            "pairing accuracy",
            report.pairing_accuracy,
            0.80,
            f"{report.pairing_correct}/{report.pairing_offered}",
        ),
        Figure(
            "tico19-dev",
            f"precision@{report.k}",
            None,
            None,
            "n/a",
            "gold list incomplete",
        ),
    ]


def must_have_ranks(candidates: list[TermPair]) -> list[tuple[str, str, int | None]]:
    return [(zh, en, find_rank(candidates, zh, en)) for zh, en in MUST_HAVE]


def _status(passed: bool | None) -> str:
    if passed is None:
        return ""
    return "[green]pass[/]" if passed else "[red]MISS[/]"


def _value(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def render(
    console: Console,
    figures: list[Figure],
    ranks: list[tuple[str, str, int | None]],
    runs: list[Run],
    eval_commands: list[str],
    keep: bool,
) -> None:
    table = Table(title="termx extraction quality", title_justify="left", box=None)
    for column in ("data", "figure", "value", "count", "target", "", "note"):
        table.add_column(column, justify="right" if column in ("value", "count") else "left")
    for figure in figures:
        table.add_row(
            figure.data,
            figure.name,
            _value(figure.value),
            figure.count,
            "" if figure.target is None else f"≥ {figure.target:.2f}",
            _status(figure.passed),
            figure.note,
        )
    console.print(table)
    console.print()
    pairs = Table(
        title=f"Must-have seed pairs (issue 3) in the top {MUST_HAVE_TOP}",
        title_justify="left",
        box=None,
    )
    for column in ("zh", "en", "rank", ""):
        pairs.add_column(column, justify="right" if column == "rank" else "left")
    for zh, en, rank in ranks:
        passed = rank is not None and rank <= MUST_HAVE_TOP
        pairs.add_row(zh, en, _rank_text(rank), _status(passed))
    console.print(pairs)
    console.print()
    console.print("[bold]Commands[/] (from the repository root)")
    for run in runs:
        if run.extract_command:
            console.print(
                f"  {run.extract_command}    [dim]# {run.seconds:.1f} s[/]", soft_wrap=True
            )
        else:
            console.print(
                f"  [dim]# {run.label}: given candidates file {run.candidates}[/]", soft_wrap=True
            )
    for command in eval_commands:
        console.print(f"  {command}", soft_wrap=True)
    if not keep:
        console.print("[dim]  (the candidate files were in a temporary directory: --keep DIR)[/]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds-candidates", type=Path, help="evaluate this file, no extraction")
    parser.add_argument("--tico-candidates", type=Path, help="evaluate this file, no extraction")
    parser.add_argument("--keep", type=Path, help="write the candidate files here (kept)")
    parser.add_argument("--jobs", type=int, help="passed to termx extract --jobs")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)

    if not SHARED.exists():
        print(f"bench/quality.py: {SHARED} not found (the shared dev data)", file=sys.stderr)
        return 2
    extra = ["--jobs", str(args.jobs)] if args.jobs else []
    console = Console(highlight=False)
    progress = Console(stderr=True, highlight=False)

    with tempfile.TemporaryDirectory(prefix="termx-quality-") as temp:
        out_dir = args.keep or Path(temp)
        out_dir.mkdir(parents=True, exist_ok=True)
        runs = []
        for label, given, inputs in (
            ("seeds", args.seeds_candidates, [SEEDS_INPUT]),
            ("tico19-dev", args.tico_candidates, [TICO_INPUT]),
        ):
            if given is not None:
                runs.append(Run(label, given, None, None))
            else:
                out = (out_dir / f"{label}.tsv").resolve()
                command = _display(["extract", *inputs, "-o", str(out)])
                progress.print(f"[dim]running {command}[/]", soft_wrap=True)
                try:
                    runs.append(run_extract(label, inputs, out, extra))
                except BenchError as error:
                    print(f"bench/quality.py: {error}", file=sys.stderr)
                    return 2

        try:
            seeds = read_candidates(runs[0].candidates)
            tico = read_candidates(runs[1].candidates)
            seed_report = evaluate(seeds, load_gold(REPO / SEED_GOLD), K)
            tico_report = evaluate(tico, load_gold(REPO / TICO_GOLD), K)
        except TermxError as error:
            print(f"bench/quality.py: {error}", file=sys.stderr)
            return 2

    figures = seed_figures(seed_report) + tico_figures(tico_report)
    ranks = must_have_ranks(seeds)
    eval_commands = [
        _display(["eval", str(runs[0].candidates), "--gold", SEED_GOLD, "--top", str(K)]),
        _display(["eval", str(runs[1].candidates), "--gold", TICO_GOLD, "--top", str(K)]),
    ]
    if args.json:
        data = {
            "figures": [
                {
                    "data": f.data,
                    "figure": f.name,
                    "value": f.value,
                    "count": f.count,
                    "target": f.target,
                    "passed": f.passed,
                }
                for f in figures
            ],
            "must_have": [
                {
                    "zh": zh,
                    "en": en,
                    "rank": rank,
                    "in_top": rank is not None and rank <= MUST_HAVE_TOP,
                }
                for zh, en, rank in ranks
            ],
            "commands": [r.extract_command for r in runs if r.extract_command] + eval_commands,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        kept = args.keep is not None or all(r.extract_command is None for r in runs)
        render(console, figures, ranks, runs, eval_commands, kept)

    missed = [f for f in figures if f.passed is False]
    missed_pairs = [r for r in ranks if r[2] is None or r[2] > MUST_HAVE_TOP]
    return 1 if args.strict and (missed or missed_pairs) else 0


if __name__ == "__main__":
    sys.exit(main())
