"""Fit the scoring model, and judge it against the hand-set scoring, on data it did not see.

Corpora (each extracted on its own, as a user would run ``termx extract`` on it):

- tico19-dev cut into 5 folds **by document** (document = the TMX tuid prefix before ":",
  e.g. CMU_1; pairs.tsv has the same pairs in the same order), documents dealt largest first
  to the smallest fold, so every document is in exactly one fold;
- the two halves of ``bench/halves.py`` (first and second 767 pairs);
- the seeds (two documents);
- the whole of tico19-dev as one corpus (the size a user runs), its gold terms held out by
  document (a term belongs to the fold of the first pair that holds it).

Labels (never a gold term in code or in the weights: only the gold *files* are read):
pairing labels everywhere — for a gold Chinese term, its gold English is right, every other
English scored for it wrong; the model is fitted on these only (``pairing``). Pairs whose
Chinese is not a gold term are unlabelled on TICO-19 (its gold list is far from exhaustive);
on the seeds, whose gold + ``ok`` list is near-exhaustive, they count as wrong in the
calibration table (``labels``), not in the fit.

Each figure is held out: a tico fold is scored by a model fitted on the other folds + seeds;
a half by a model fitted on the other half + seeds; the seeds by a model fitted on tico19-dev;
the whole file's fold-k terms by a model fitted on its other terms + seeds. The model is L2
logistic regression (numpy, standardised features, ``--l2``), compared in the three modes of
``ScoringParams.scoring``: hand (the default), pairing, fitted.

    python bench/fit.py            # figures: hand-set vs fitted, per fold, halves, seeds
    python bench/fit.py --write    # also fit on all data and write termx/extract/weights.json
    python bench/fit.py --calibration   # calibration table of the held-out fitted scores
    python bench/fit.py --conditional   # the pairing column ordered by a conditional logit

The extracted features are cached in ``$TMPDIR/termx-fit/`` keyed by the extraction code.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import pickle
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from termx.extract import MIN_SCORE  # the default cut of the hand-set scoring

if TYPE_CHECKING:
    from termx.extract.params import ScoringParams

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT.parent / "shared" / "dev" / "tico19-dev"
SEED_GOLD = ROOT.parent / "shared" / "seed-gold.tsv"
WEIGHTS = ROOT / "termx" / "extract" / "weights.json"
FOLDS = 5
K = 60
COMMAND = "python bench/fit.py --write"


@dataclass
class Corpus:
    """One extracted corpus: every scored pair's keys, surfaces, features and hand score."""

    name: str
    zh: list[str]
    en: list[str]
    zh_surface: list[str]
    en_surface: list[str]
    x: np.ndarray
    hand: np.ndarray
    joint: Counter[tuple[str, str]]
    gold: object  # termx.extract.evaluate.Gold
    label: np.ndarray  # 1 right, 0 wrong, -1 unlabelled


def documents() -> list[str]:
    """The document id of each pair of tico19-dev, in file order."""
    text = (DEV / "pairs.tmx").read_text("utf-8")
    return [m.split(":")[0] for m in re.findall(r'<tu\b[^>]*\btuid="([^"]*)"', text)]


def tico_rows() -> list[tuple[str, str]]:
    lines = (DEV / "pairs.tsv").read_text("utf-8").splitlines()
    return [tuple(line.split("\t")[:2]) for line in lines]  # type: ignore[misc]


def folds(ids: Sequence[str], k: int = FOLDS) -> list[list[str]]:
    """Documents dealt largest first to the fold with the fewest pairs (ties: lowest fold)."""
    sizes = Counter(ids)
    buckets: list[list[str]] = [[] for _ in range(k)]
    totals = [0] * k
    for doc, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        i = totals.index(min(totals))
        buckets[i].append(doc)
        totals[i] += size
    return buckets


def _gold_for(rows: Sequence[tuple[str, str]], gold_path: Path) -> object:
    """The gold pairs occurring in ``rows`` (the dev README's rule, as bench/halves.py)."""
    from termx.extract.evaluate import parse_gold

    terms = [line.split("\t") for line in gold_path.read_text("utf-8").splitlines() if line]
    found = [
        f"{zh}\t{en}"
        for zh, en in terms
        if any(zh in z and en.lower() in e.lower() for z, e in rows)
    ]
    return parse_gold("\n".join(found) + "\n", "gold")


def corpora_specs() -> list[tuple[str, list[tuple[str, str]] | None]]:
    """(name, rows) of every corpus; rows None for the seeds (read from seeds/)."""
    rows, ids = tico_rows(), documents()
    if len(rows) != len(ids):
        raise SystemExit(f"pairs.tsv has {len(rows)} pairs, pairs.tmx {len(ids)}")
    specs: list[tuple[str, list[tuple[str, str]] | None]] = []
    for i, docs in enumerate(folds(ids)):
        chosen = set(docs)
        specs.append((f"fold{i + 1}", [r for r, d in zip(rows, ids, strict=True) if d in chosen]))
    middle = len(rows) // 2
    specs += [("first", rows[:middle]), ("second", rows[middle:]), ("seeds", None), ("all", rows)]
    return specs


def _code_key() -> str:
    digest = hashlib.sha256()
    for path in sorted((ROOT / "termx").rglob("*.py")):
        if path.name != "model.py":
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def extract_corpus(name: str, rows: list[tuple[str, str]] | None) -> Corpus:
    """Run the extraction pipeline of ``termx.extract.extract`` up to scoring, keeping every
    scored pair's assessment (cached)."""
    cache = Path(tempfile.gettempdir()) / "termx-fit" / f"{name}-{_code_key()}.pickle"
    if cache.exists():
        return Corpus(**pickle.loads(cache.read_bytes()))  # our own cache, written below
    from termx.extract.corpus import Analyser, collect
    from termx.extract.evaluate import load_gold
    from termx.extract.learn import learn_from_corpus
    from termx.extract.params import ScoringParams
    from termx.extract.score import Scorer, features
    from termx.io import read_pairs
    from termx.model import Origin, SegmentPair

    if rows is None:
        pairs = [p for f in sorted((ROOT / "seeds").iterdir()) for p in read_pairs(f)]
        gold = load_gold(SEED_GOLD)
    else:
        pairs = [SegmentPair(z, e, Origin(name, i + 1)) for i, (z, e) in enumerate(rows)]
        gold = _gold_for(rows, DEV / "gold_terms.tsv")
    params = ScoringParams()
    analyser = Analyser((), params)
    stats = collect(pairs, analyser, 2 if len(pairs) > 300 else 1)
    analyser = learn_from_corpus(stats, analyser)
    scorer = Scorer(stats, analyser)  # per-term work once per term, as extract() does
    keep: list[tuple[str, str, tuple[float, ...], float]] = []
    for zk, ek in stats.joint:
        found = scorer.assess(zk, ek)
        if found is not None:
            keep.append((zk, ek, features(found), found.hand))
    corpus = Corpus(
        name,
        [k[0] for k in keep],
        [k[1] for k in keep],
        [stats.zh_surface(k[0]) for k in keep],
        [stats.en_surface(k[1]) for k in keep],
        np.array([k[2] for k in keep], dtype=float),
        np.array([k[3] for k in keep], dtype=float),
        Counter(stats.joint),
        gold,
        np.zeros(0),
    )
    corpus.label = labels(corpus, exhaustive=rows is None)
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(vars(corpus)))
    return corpus


def pairing(corpus: Corpus) -> np.ndarray:
    """The labels the model is fitted on: pairing labels only (pairs whose Chinese is a gold
    term), on every corpus alike."""
    from termx.extract.evaluate import match_key

    gold = {match_key(pair.zh) for pair in corpus.gold.pairs}  # type: ignore[attr-defined]
    keep = np.array([match_key(z) in gold for z in corpus.zh_surface], dtype=bool)
    return np.where(keep, corpus.label, -1.0)


def labels(corpus: Corpus, exhaustive: bool) -> np.ndarray:
    """1/0 pairing labels for pairs whose Chinese is a gold term; on an exhaustive gold list
    (the seeds: gold + ok) every other pair is 0; else -1 (unlabelled)."""
    from termx.extract.evaluate import match_key

    right: dict[str, set[str]] = {}
    for pair in corpus.gold.pairs:  # type: ignore[attr-defined]
        right.setdefault(match_key(pair.zh), set()).update(match_key(e) for e in pair.en)
    out = np.full(len(corpus.zh), -1.0)
    for i, (z, e) in enumerate(zip(corpus.zh_surface, corpus.en_surface, strict=True)):
        accepted = right.get(match_key(z))
        if accepted is not None:
            out[i] = float(match_key(e) in accepted)
        elif exhaustive:
            out[i] = 0.0
    return out


# ------------------------------------------------------------------------------- the model


def fit(xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], l2: float) -> dict[str, object]:
    """L2 logistic regression (Newton steps) on standardised features; labelled rows only.
    Each corpus weighs the same in total, so that one large corpus does not drown the rest."""
    rows, targets, weights = [], [], []
    for x, y in zip(xs, ys, strict=True):
        mask = y >= 0
        if mask.any():
            rows.append(x[mask])
            targets.append(y[mask])
            weights.append(np.full(mask.sum(), 1.0 / mask.sum()))
    x, y, w = np.vstack(rows), np.concatenate(targets), np.concatenate(weights)
    w = w * len(y) / w.sum()
    mean, scale = _standardisation(x)
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / scale])
    beta = np.zeros(z.shape[1])
    penalty = np.full(z.shape[1], l2)
    penalty[0] = 0.0  # the bias is not shrunk
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(z @ beta, -30, 30)))
        gradient = z.T @ (w * (p - y)) + penalty * beta
        hessian = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return _as_model(COMMAND, float(beta[0]), mean, scale, beta[1:])


def fit_conditional(
    xs: Sequence[np.ndarray], ys: Sequence[np.ndarray], terms: Sequence[Sequence[str]], l2: float
) -> dict[str, object]:
    """A conditional logit for the pairing order: a softmax over each gold Chinese term's
    English (the labelled terms with a right and a wrong English), fitted by Newton steps on
    standardised features. What is the same for all of a term's English (its frequency) drops
    out, so the weights do not depend on the corpus's size; the bias is 0 and only the order
    of a term's English means anything. Each corpus weighs the same in total."""
    x = np.vstack(xs)
    mean, scale = _standardisation(x)
    rows: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    group: list[np.ndarray] = []
    weight: list[float] = []
    for xc, yc, zc in zip(xs, ys, terms, strict=True):
        by_term: dict[str, list[int]] = {}
        for i, (label, term) in enumerate(zip(yc, zc, strict=True)):
            if label >= 0:
                by_term.setdefault(term, []).append(i)
        kept = [np.array(ix) for ix in by_term.values() if 0 < yc[ix].sum() < len(ix)]
        for ix in kept:
            rows.append((xc[ix] - mean) / scale)
            labels.append(yc[ix])
            group.append(np.full(len(ix), len(weight)))
            weight.append(1.0 / len(kept))
    z, y, g = np.vstack(rows), np.concatenate(labels), np.concatenate(group)
    w = np.array(weight) * len(weight) / sum(weight)
    n, beta = len(weight), np.zeros(z.shape[1])
    for _ in range(100):
        s = z @ beta
        top = np.full(n, -np.inf)
        np.maximum.at(top, g, s)
        e = np.exp(s - top[g])
        p = e / np.bincount(g, e, n)[g]  # the softmax over a term's English
        q = e * y / np.bincount(g, e * y, n)[g]  # ... over its right ones
        gradient = ((p - q) * w[g]) @ z + l2 * beta
        centred = z - np.add.reduceat(p[:, None] * z, np.flatnonzero(np.r_[1, np.diff(g)]))[g]
        # Σ w·Cov_p(z): the Hessian where a term has one right English, above it otherwise.
        hessian = (centred * (w[g] * p)[:, None]).T @ centred + np.eye(len(beta)) * (l2 + 1e-9)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return _as_model("python bench/fit.py --conditional (not shipped)", 0.0, mean, scale, beta)


def _standardisation(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each feature's mean and scale (1 where the feature does not vary)."""
    mean, scale = x.mean(0), x.std(0)
    scale[scale == 0] = 1.0
    return mean, scale


def _as_model(
    command: str, bias: float, mean: np.ndarray, scale: np.ndarray, weights: np.ndarray
) -> dict[str, object]:
    """The ``weights.json`` form of a fitted model (``termx.extract.model.Model.from_dict``)."""
    from termx.extract.score import FEATURES

    return {
        "command": command,
        "bias": bias,
        "features": [
            {"name": n, "mean": float(m), "scale": float(s), "weight": float(b)}
            for n, m, s, b in zip(FEATURES, mean, scale, weights, strict=True)
        ],
    }


def predict(model: dict[str, object], x: np.ndarray) -> np.ndarray:
    from termx.extract.model import Model

    m = Model.from_dict(model)
    return np.array([m.probability(row) for row in x])


# ----------------------------------------------------------------------------- evaluation


def ranked(
    corpus: Corpus,
    scores: np.ndarray,
    min_score: float,
    probability: np.ndarray | None = None,
    scoring: str = "hand",
    params: ScoringParams | None = None,
) -> list[object]:
    """The candidate list ``extract`` would return with these scores (selection included;
    ``probability``: the model's, as its evidence line, for ``scoring="pairing"``;
    ``params``: the ``ScoringParams`` whose selection numbers are used, the defaults if None;
    its ``scoring`` is replaced by ``scoring``)."""
    from dataclasses import replace

    from termx.extract.model import NAME
    from termx.extract.params import ScoringParams
    from termx.extract.select import select, variants
    from termx.model import Evidence, TermPair
    from termx.text import fold

    p = probability if probability is not None else np.zeros(len(scores))
    scored = [
        (float(s), z, e, [Evidence(NAME, float(q), "")])
        for s, q, z, e in zip(scores, p, corpus.zh, corpus.en, strict=True)
        if s >= min_score
    ]
    surfaces = {
        (z, e): (zs, es)
        for z, e, zs, es in zip(
            corpus.zh, corpus.en, corpus.zh_surface, corpus.en_surface, strict=True
        )
    }
    chosen_params = replace(params or ScoringParams(), scoring=scoring)
    chosen = select(scored, corpus.joint, chosen_params)
    # A key's own other forms (a plural) are left out: evaluation's matching folds them.
    family = variants(scored, chosen, chosen_params)
    chosen = [found for found in chosen if found[0] >= min_score]  # as extract() cuts
    out, shown = [], set()
    for value, z, e, _ in chosen:
        zs, es = surfaces[(z, e)]
        if (fold(zs), fold(es)) not in shown:
            shown.add((fold(zs), fold(es)))
            forms = tuple(surfaces[(z, other)][1] for other in family.get((z, e), ()))
            out.append(
                TermPair(zh=zs, en=es, score=value, frequency=corpus.joint[(z, e)], variants=forms)
            )
    return out


def figures(
    corpus: Corpus,
    scores: np.ndarray,
    min_score: float,
    probability: np.ndarray | None = None,
    scoring: str = "hand",
    params: ScoringParams | None = None,
) -> dict[str, float]:
    from termx.extract.evaluate import evaluate

    cands = ranked(corpus, scores, min_score, probability, scoring, params)
    report = evaluate(cands, corpus.gold, K)  # type: ignore[arg-type]
    core = report.tier("core")
    return {
        "found": report.overall.found,
        "total": report.overall.total,
        "recall": report.overall.recall or 0.0,
        "pairing": report.pairing_accuracy or 0.0,
        "paired": report.pairing_correct,
        "offered": report.pairing_offered,
        "core": (core.recall or 0.0) if core else float("nan"),
        "recall@k": report.overall.recall_at_k or 0.0,
        "p@k": report.precision_at_k or 0.0,
        "candidates": len(cands),
    }


def _line(name: str, how: str, f: dict[str, float]) -> str:
    text = (
        f"{name:<7} {how:<7} recall {f['recall']:.3f} ({f['found']}/{f['total']})"
        f"  pairing {f['pairing']:.3f} ({f['paired']}/{f['offered']})"
    )
    if name == "seeds":
        text += f"  core {f['core']:.3f}  recall@{K} {f['recall@k']:.3f}  P@{K} {f['p@k']:.3f}"
    return text + f"  [{f['candidates']} candidates]"


def held_out(
    corpora: dict[str, Corpus], l2: float, conditional: bool = False
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each corpus scored by a model that never saw it (see the module docstring): the
    logistic model's probabilities, and those that order the pairing column (the same, or
    a conditional logit's with ``conditional``)."""
    tico = [n for n in corpora if n.startswith("fold")]
    training = {
        **{n: [m for m in tico if m != n] + ["seeds"] for n in tico},
        "first": ["second", "seeds"],
        "second": ["first", "seeds"],
        "seeds": tico,
    }
    out, order = {}, {}
    for name, train in training.items():
        ys = [pairing(corpora[t]) for t in train]
        out[name] = predict(fit([corpora[t].x for t in train], ys, l2), corpora[name].x)
        order[name] = out[name]
        if conditional:
            model = fit_conditional(
                [corpora[t].x for t in train], ys, [corpora[t].zh for t in train], l2
            )
            order[name] = predict(model, corpora[name].x)
    return out, order


LEVEL = 0.01  # the documented level: below the cut, fewer than 1 labelled candidate in 100 is right
GRID = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5)


def whole_file(corpora: dict[str, Corpus], l2: float, conditional: bool = False) -> list[str]:
    """The whole of tico19-dev extracted as one corpus (the size a user runs), its gold terms
    held out by document: fold k's terms (a term belongs to the fold of the first pair that
    holds it) are scored by a model fitted on the other terms' labels + seeds."""
    from termx.extract.evaluate import evaluate, match_key, parse_gold

    whole, seeds = corpora["all"], corpora["seeds"]
    rows, ids = tico_rows(), documents()
    fold_of = {doc: i for i, docs in enumerate(folds(ids)) for doc in docs}
    gold = [line.split("\t") for line in (DEV / "gold_terms.tsv").read_text("utf-8").split("\n")]
    term_fold: dict[str, int] = {}
    for zh, en in (g for g in gold if len(g) == 2):
        for (z, e), doc in zip(rows, ids, strict=True):
            if zh in z and en.lower() in e.lower():
                term_fold.setdefault(match_key(zh), fold_of[doc])
                break
    term = np.array([term_fold.get(match_key(z), -1) for z in whole.zh_surface])
    totals: dict[str, Counter[str]] = {how: Counter() for how in ("hand", "pairing", "fitted")}
    for k in range(FOLDS):
        train = np.where(term == k, -1.0, pairing(whole))
        ys = [train, pairing(seeds)]
        p = predict(fit([whole.x, seeds.x], ys, l2), whole.x)
        order = p
        if conditional:
            order = predict(
                fit_conditional([whole.x, seeds.x], ys, [whole.zh, seeds.zh], l2), whole.x
            )
        held = parse_gold(
            "".join(
                f"{zh}\t{en}\n"
                for zh, en in (g for g in gold if len(g) == 2)
                if term_fold.get(match_key(zh)) == k
            ),
            f"fold{k + 1} terms",
        )
        for how, values, cut, ordering in (
            ("hand", whole.hand, MIN_SCORE, p),
            ("pairing", whole.hand, MIN_SCORE, order),
            ("fitted", p, 0.0, p),
        ):
            cands = ranked(whole, values, cut, ordering, how)
            report = evaluate(cands, held, K)  # type: ignore[arg-type]
            totals[how].update(
                found=report.overall.found,
                total=report.overall.total,
                paired=report.pairing_correct,
                offered=report.pairing_offered,
            )
    return [
        f"whole   {how:<7} recall {t['found'] / t['total']:.3f} ({t['found']}/{t['total']})"
        f"  pairing {t['paired'] / t['offered']:.3f} ({t['paired']}/{t['offered']})"
        "  [tico19-dev as one corpus, terms held out by document]"
        for how, t in totals.items()
    ]


def calibration(corpora: dict[str, Corpus], scores: dict[str, np.ndarray]) -> list[str]:
    """Score bins vs share right among the labelled offered candidates of held-out corpora
    (tico folds: pairing labels of gold Chinese terms; seeds: every candidate), and the
    highest cut in ``GRID`` below which fewer than ``LEVEL`` of them are right."""
    from termx.extract.evaluate import match_key

    bins = [0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    values: list[float] = []
    rights: list[float] = []
    for name in [n for n in corpora if n.startswith("fold")] + ["seeds"]:
        corpus = corpora[name]
        label = {
            (match_key(zs), match_key(es)): y
            for zs, es, y in zip(corpus.zh_surface, corpus.en_surface, corpus.label, strict=True)
        }
        for cand in ranked(corpus, scores[name], 0.0):
            y = label.get((match_key(cand.zh), match_key(cand.en)), -1)  # type: ignore[attr-defined]
            if y >= 0:
                values.append(cand.score)  # type: ignore[attr-defined]
                rights.append(y)
    v, r = np.array(values), np.array(rights)
    lines = ["| score | labelled pairs | share right |", "| --- | --- | --- |"]
    for a, b in itertools.pairwise(bins):
        m = (v >= a) & (v < b)
        share = f"{r[m].mean():.2f}" if m.any() else "–"
        lines.append(f"| {a:.2f}–{min(b, 1.0):.2f} | {int(m.sum())} | {share} |")
    high = v >= 0.8
    lines.append(
        f"\nscored ≥ 0.8: {int(r[high].sum())}/{int(high.sum())} right"
        f" ({r[high].mean() if high.any() else 0:.2f})"
    )
    cut = max((c for c in GRID if r[v < c].mean() < LEVEL), default=0.0)
    lines.append(f"cut (below it < {LEVEL:.0%} right): {cut}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--l2", type=float, default=1.0, help="L2 penalty (default 1.0)")
    parser.add_argument("--min-score", type=float, default=0.0, help="fitted-score cut")
    parser.add_argument("--write", action="store_true", help=f"write {WEIGHTS.name}")
    parser.add_argument("--calibration", action="store_true", help="print the calibration table")
    parser.add_argument(
        "--conditional",
        action="store_true",
        help="order the pairing column by a conditional logit over each term's English",
    )
    args = parser.parse_args(argv)
    corpora = {}
    for name, rows in corpora_specs():
        print(f"extracting {name} …", file=sys.stderr)
        corpora[name] = extract_corpus(name, rows)
    scores, order = held_out(corpora, args.l2, args.conditional)
    whole = corpora.pop("all")
    totals: dict[str, Counter[str]] = {how: Counter() for how in ("hand", "pairing", "fitted")}
    for name, corpus in corpora.items():
        for how, values, cut, ordering in (
            ("hand", corpus.hand, MIN_SCORE, scores[name]),
            ("pairing", corpus.hand, MIN_SCORE, order[name]),
            ("fitted", scores[name], args.min_score, scores[name]),
        ):
            f = figures(corpus, values, cut, ordering, how)
            print(_line(name, how, f))
            if name.startswith("fold"):
                totals[how].update({k: f[k] for k in ("found", "total", "paired", "offered")})
    for how, t in totals.items():
        print(
            f"folds   {how:<7} recall {t['found'] / t['total']:.3f} ({t['found']}/{t['total']})"
            f"  pairing {t['paired'] / t['offered']:.3f} ({t['paired']}/{t['offered']})"
        )
    print("\n".join(whole_file({**corpora, "all": whole}, args.l2, args.conditional)))
    if args.calibration:
        hand = {name: corpus.hand for name, corpus in corpora.items()}
        for how, values in (("hand-set", hand), ("fitted (held out)", scores)):
            print(f"\ncalibration, {how} scores")
            print("\n".join(calibration(corpora, values)))
    if args.write:
        shipped = [c for n, c in corpora.items() if n not in ("first", "second")]
        model = fit([c.x for c in shipped], [pairing(c) for c in shipped], args.l2)
        WEIGHTS.write_text(json.dumps(model, indent=1) + "\n", "utf-8")
        print(f"wrote {WEIGHTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
