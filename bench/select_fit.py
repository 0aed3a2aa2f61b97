"""Fit the selection numbers of ``ScoringParams`` on both halves of tico19-dev, a value at a time.

Selection (``termx.extract.select``) decides which scored pairs are offered and in which order:
how many alternatives a Chinese term keeps (``alternatives``), how close to its best they must
score (``alternative_margin``, ``nested_margin`` for a longer or shorter form of an English
already kept), how much lower they rank (``alternative_discount``), and how a piece of a longer
pair is ranked (``nested_discount``, ``headed_terms``) or a long form lifted over its acronym
(``long_form_margin``). They were hand-set. Here each is chosen on data, one at a time in the
order of ``GRID``, on the scored pairs ``bench/fit.py`` extracts and caches (the same corpora:
the two halves of ``bench/halves.py``, the seeds, the document folds, the whole file), with the
hand-set scoring:

- the objective on a half is gold pairs found + gold terms paired right (counts, as
  ``termx eval``);
- a value is *safe* when neither half's objective falls below the current value's, the
  seeds' recall, recall@60, precision@60 and pairing do not fall either, and the list is not
  diluted: the share of rows that are gold pairs (both halves pooled) does not fall. A longer
  list always finds a few more gold pairs; the rows it adds must be as likely to be right as
  the rows already there, or a reviewer reads more for less;
- among safe values the one with the largest sum over both halves is taken, ties going to the
  current value, then to the shorter list (fewer candidates in the two halves).

A value that helps one half and hurts the other is never taken (a fit to that half). The folds
and the whole file are printed as a further check, not used to choose (they are the same pairs
as the halves, cut another way).

    python bench/select_fit.py          # the table of every value tried, and the choice
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import fit  # bench/fit.py: the corpora, their cache and the candidate list

from termx.extract.params import ScoringParams

GRID: dict[str, tuple[float, ...]] = {
    "alternatives": (1, 2, 3, 4),
    "alternative_margin": (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
    "nested_margin": (0.05, 0.1, 0.15, 0.2, 0.25, 0.3),
    "alternative_discount": (0.7, 0.8, 0.9, 0.95, 1.0),
    "long_form_margin": (0.2, 0.25, 0.3, 0.35, 0.4, 0.5),
    "nested_discount": (0.4, 0.5, 0.6, 0.7, 0.8, 1.0),
    "headed_terms": (1, 2, 3, 4),
}
HALVES = ("first", "second")
SEED_FIGURES = ("found", "recall@k", "p@k", "paired")


def _with(params: ScoringParams, name: str, value: float) -> ScoringParams:
    changed: dict[str, Any] = {name: value}
    return replace(params, **changed)


def measure(
    corpora: Mapping[str, fit.Corpus], params: ScoringParams
) -> dict[str, dict[str, float]]:
    """``bench/fit.py``'s figures of every corpus with ``params`` (hand-set scoring)."""
    return {
        name: fit.figures(corpus, corpus.hand, fit.MIN_SCORE, params=params)
        for name, corpus in corpora.items()
    }


def objective(f: Mapping[str, float]) -> float:
    return f["found"] + f["paired"]


def density(f: Mapping[str, dict[str, float]]) -> float:
    """Gold pairs found per row of the list, both halves pooled."""
    return sum(f[h]["found"] for h in HALVES) / max(1.0, sum(f[h]["candidates"] for h in HALVES))


def safe(new: Mapping[str, dict[str, float]], old: Mapping[str, dict[str, float]]) -> bool:
    return (
        all(objective(new[h]) >= objective(old[h]) for h in HALVES)
        and all(new["seeds"][k] >= old["seeds"][k] - 1e-9 for k in SEED_FIGURES)
        and density(new) >= density(old)
    )


def _preference(f: Mapping[str, dict[str, float]], current: bool) -> tuple[float, bool, float]:
    """Larger is preferred: both halves' objective, then the current value, then fewer rows."""
    both = sum(objective(f[h]) for h in HALVES)
    return (both, current, -sum(f[h]["candidates"] for h in HALVES))


def _row(name: str, value: object, f: Mapping[str, dict[str, float]], mark: str) -> str:
    folds = [f[n] for n in f if n.startswith("fold")]
    found = sum(x["found"] for x in folds)
    paired, offered = sum(x["paired"] for x in folds), sum(x["offered"] for x in folds)
    s = f["seeds"]
    return (
        f"| {name} | {value}{mark} | "
        + " | ".join(
            f"{f[h]['found']:.0f} / {f[h]['paired']:.0f} of {f[h]['offered']:.0f}" for h in HALVES
        )
        + f" | {found:.0f} / {paired:.0f} of {offered:.0f} | {f['all']['found']:.0f} / "
        f"{f['all']['paired']:.0f} | {s['found']:.0f}, {s['recall@k']:.3f}, {s['p@k']:.3f}, "
        f"{s['paired']:.0f} | {f['first']['candidates'] + f['second']['candidates']:.0f} | "
        f"{1000 * density(f):.2f} |"
    )


def choose(
    corpora: Mapping[str, fit.Corpus], start: ScoringParams, grid: Mapping[str, Sequence[float]]
) -> tuple[ScoringParams, list[str]]:
    """Coordinate-wise choice of each number of ``grid`` (see the module docstring)."""
    params, lines = start, []
    lines.append(
        "| number | value | first half: found / paired | second half | folds pooled |"
        " whole file | seeds: found, recall@60, P@60, paired | candidates (halves) |"
        " gold per 1,000 rows |"
    )
    lines.append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, values in grid.items():
        current = getattr(params, name)
        base = measure(corpora, params)
        tried = {value: measure(corpora, _with(params, name, value)) for value in values}
        tried[current] = base

        best = max(
            (v for v in tried if safe(tried[v], base)),
            key=lambda v: _preference(tried[v], v == current),
        )
        for value in sorted(tried):
            mark = " (was)" if value == current else ""
            mark += " **chosen**" if value == best and best != current else ""
            lines.append(_row(name, value, tried[value], mark))
        params = _with(params, name, best)
    return params, lines


def main() -> int:
    corpora = {}
    for name, rows in fit.corpora_specs():
        print(f"extracting {name} …", file=sys.stderr)
        corpora[name] = fit.extract_corpus(name, rows)
    start = ScoringParams()
    chosen, lines = choose(corpora, start, GRID)
    print("\n".join(lines))
    print()
    for name in GRID:
        old, new = getattr(start, name), getattr(chosen, name)
        print(f"{name}: {old}" + (f" → {new}" if new != old else " (kept)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
