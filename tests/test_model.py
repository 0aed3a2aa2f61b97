"""The fitted scoring model: weights as data, its explanation, the fit, and the folds."""

from __future__ import annotations

import json
import math
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from conftest import REPO, SEED_GOLD, SEEDS, TICO

from termx.errors import TermxError
from termx.extract import ExtractOptions, ScoringParams, extract
from termx.extract.model import Model, load_model
from termx.extract.score import FEATURES
from termx.io import read_pairs

sys.path.insert(0, str(REPO / "bench"))
import fit  # bench/fit.py, where the shipped weights come from


def _model(weights: dict[str, float], bias: float = 0.0) -> Model:
    names = tuple(FEATURES)
    return Model(
        names,
        (0.0,) * len(names),
        (1.0,) * len(names),
        tuple(weights.get(n, 0.0) for n in names),
        bias,
    )


def _vector(**values: float) -> tuple[float, ...]:
    return tuple(values.get(n, 0.0) for n in FEATURES)


def test_a_toy_weight_vector_decides_the_ranking() -> None:
    # Pair a is a transliteration, pair b co-occurs often: which ranks first is the weights'.
    a, b = _vector(translit=1.0), _vector(cooc=0.5, joint=2.0)
    names_first = _model({"translit": 3.0, "cooc": 1.0})
    counts_first = _model({"translit": 0.5, "cooc": 4.0, "joint": 1.0})
    assert names_first.probability(a) > names_first.probability(b)
    assert counts_first.probability(b) > counts_first.probability(a)


def test_the_explanation_names_the_features_that_moved_the_score() -> None:
    model = _model({"translit": 3.0, "cooc": -2.0, "lexical": 0.1}, bias=-1.0)
    line = model.explain(_vector(translit=1.0, cooc=1.0, lexical=1.0), top=2)
    assert line.kind == "model"
    assert line.reason.startswith("fitted: translit +3.0, cooc -2.0")
    assert "lexical" not in line.reason
    assert line.value == pytest.approx(1 / (1 + math.exp(-(-1.0 + 3.0 - 2.0 + 0.1))), abs=1e-4)


def test_a_weights_file_for_other_features_is_refused(tmp_path: Path) -> None:
    data = json.loads((REPO / "termx" / "extract" / "weights.json").read_text("utf-8"))
    data["features"] = data["features"][:-1]
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data), "utf-8")
    with pytest.raises(TermxError, match="other features"):
        load_model(str(path))
    path.write_text('{"bias": 1}', "utf-8")
    with pytest.raises(TermxError, match="not a termx model"):
        load_model(str(path))


def test_the_shipped_weights_match_the_features_and_say_how_they_were_made() -> None:
    model = load_model()
    assert model.names == FEATURES
    assert model.command == "python bench/fit.py --write"


def test_the_fit_recovers_known_weights_and_is_calibrated() -> None:
    # Labels drawn with P(right) = σ(2·x - 1): the fit must find that, and its probabilities
    # must match the share right bin by bin.
    rng = np.random.default_rng(0)
    x = np.zeros((20_000, len(FEATURES)))
    column = FEATURES.index("lexical")
    x[:, column] = rng.normal(size=len(x))
    truth = 1 / (1 + np.exp(-(2 * x[:, column] - 1)))
    y = (rng.random(len(x)) < truth).astype(float)
    model = fit.fit([x], [y], l2=1e-3)
    weights = {row["name"]: row for row in model["features"]}  # type: ignore[union-attr]
    lexical = weights["lexical"]
    assert lexical["weight"] / lexical["scale"] == pytest.approx(2.0, abs=0.1)
    p = fit.predict(model, x)
    for low in (0.1, 0.3, 0.5, 0.7):
        inside = (p >= low) & (p < low + 0.2)
        assert y[inside].mean() == pytest.approx(p[inside].mean(), abs=0.03)


def test_the_conditional_fit_recovers_a_within_term_weight() -> None:
    # Each term has four English; which one is right is drawn with P ∝ exp(1.5·lexical). The
    # fit must find 1.5 for lexical and leave the term's frequency, the same for all of its
    # English, at 0.
    rng = np.random.default_rng(1)
    terms, per = 3_000, 4
    x = np.zeros((terms * per, len(FEATURES)))
    lexical, frequency = FEATURES.index("lexical"), FEATURES.index("f_zh")
    x[:, lexical] = rng.normal(size=len(x))
    x[:, frequency] = np.repeat(rng.normal(size=terms), per)
    y = np.zeros(len(x))
    for t in range(terms):
        rows = slice(t * per, (t + 1) * per)
        p = np.exp(1.5 * x[rows, lexical])
        y[t * per + rng.choice(per, p=p / p.sum())] = 1.0
    names = [f"t{t}" for t in range(terms) for _ in range(per)]
    model = fit.fit_conditional([x], [y], [names], l2=1e-3)
    weights = {row["name"]: row for row in model["features"]}  # type: ignore[union-attr]
    assert weights["lexical"]["weight"] / weights["lexical"]["scale"] == pytest.approx(1.5, abs=0.1)
    assert weights["f_zh"]["weight"] == pytest.approx(0.0, abs=1e-6)
    # A term whose labels are all right (or unlabelled) says nothing about the order.
    y[:per] = [1, 1, 1, 1]
    y[per : 2 * per] = -1
    again = fit.fit_conditional([x], [y], [names], l2=1e-3)
    trimmed = fit.fit_conditional([x[2 * per :]], [y[2 * per :]], [names[2 * per :]], l2=1e-3)
    assert [r["weight"] for r in again["features"]] == pytest.approx(  # type: ignore[union-attr]
        [r["weight"] for r in trimmed["features"]],
        abs=1e-3,  # type: ignore[union-attr]
    )


def test_unlabelled_pairs_do_not_enter_the_fit() -> None:
    x = np.zeros((6, len(FEATURES)))
    x[:, 1] = [1, 1, -1, -1, 5, 5]
    with_unlabelled = fit.fit([x], [np.array([1, 1, 0, 0, -1, -1.0])], l2=1.0)
    without = fit.fit([x[:4]], [np.array([1, 1, 0, 0.0])], l2=1.0)
    assert with_unlabelled["bias"] == pytest.approx(without["bias"])


def test_folds_hold_each_document_once_and_balance_sizes() -> None:
    ids = ["A"] * 9 + ["B"] * 5 + ["C"] * 4 + ["D"] * 3 + ["E"] * 2 + ["F"]
    buckets = fit.folds(ids, 3)
    assert sorted(d for b in buckets for d in b) == list("ABCDEF")
    sizes = sorted(sum(ids.count(d) for d in b) for b in buckets)
    assert sizes == [7, 8, 9]


def test_fitted_scoring_is_an_option_and_explains_every_pair() -> None:
    pairs = list(read_pairs(TICO / "pairs.tsv"))[:60]
    fitted = extract(pairs, ExtractOptions(params=replace(ScoringParams(), scoring="fitted")))
    hand = extract(pairs, ExtractOptions())
    assert fitted and hand
    assert all(p.evidence[-1].kind == "model" for p in fitted)
    assert all(e.kind != "model" for p in hand for e in p.evidence)
    assert [(p.zh, p.en) for p in fitted] != [(p.zh, p.en) for p in hand]


def _gold_terms() -> set[str]:
    terms = set()
    for path, column in ((SEED_GOLD, 1), (TICO / "gold_terms.tsv", 0)):
        for line in path.read_text("utf-8").splitlines():
            cells = line.split("\t")
            if line.startswith("#") or len(cells) <= column:
                continue
            terms.add(cells[column])
    return {t for t in terms if len(t) >= 2}


def test_no_gold_term_in_the_model_code_or_the_fitted_data() -> None:
    assert SEEDS.exists()
    files = [
        REPO / "termx" / "extract" / "weights.json",
        REPO / "termx" / "extract" / "model.py",
        REPO / "bench" / "fit.py",
    ]
    gold = _gold_terms()
    assert len(gold) > 50
    for path in files:
        text = path.read_text("utf-8")
        assert not [t for t in gold if t in text], path


def test_pairing_mode_gives_a_terms_scores_to_its_english_in_the_models_order() -> None:
    from termx.extract.select import select
    from termx.model import Evidence

    def scored(value: float, zk: str, ek: str, p: float) -> tuple[float, str, str, list[Evidence]]:
        return (value, zk, ek, [Evidence("model", p, "fitted")])

    # The hand-set scores prefer "teacup set"; the model says "teacup" is the right English.
    pairs = [
        scored(0.9, "茶杯", "teacup set", 0.2),
        scored(0.85, "茶杯", "teacup", 0.9),
        scored(0.5, "桌子", "table", 0.7),
    ]
    joint = Counter({(zk, ek): 1 for _, zk, ek, _ in pairs})
    hand = select(pairs, joint, ScoringParams())
    paired = select(pairs, joint, ScoringParams(scoring="pairing"))
    assert [(zk, ek) for _, zk, ek, _ in hand][:2] == [("茶杯", "teacup set"), ("茶杯", "teacup")]
    assert [(zk, ek) for _, zk, ek, _ in paired][:2] == [("茶杯", "teacup"), ("茶杯", "teacup set")]
    # How term-like 茶杯 is stays the hand-set scoring's: the same scores, given in another order.
    assert sorted(v for v, *_ in hand) == sorted(v for v, *_ in paired)
    assert [v for v, zk, *_ in paired if zk == "桌子"] == [0.5]


def test_the_cli_chooses_the_scoring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # What the option reaches is the library's: fitted scoring itself is tested above.
    from conftest import run_termx

    import termx.cli.extract as extract_cli
    from termx.extract import Extraction

    seen: list[str] = []

    def run(pairs, options, quiet):  # type: ignore[no-untyped-def]
        list(pairs)  # read, as extraction would
        seen.append(options.params.scoring)
        return Extraction((), 0)

    monkeypatch.setattr(extract_cli, "_run", run)
    for choice in ("fitted", "pairing", "hand"):
        result = run_termx("extract", SEEDS, "--scoring", choice, "-o", tmp_path / "c.tsv")
        assert result.exit_code == 0, result.stderr
    assert seen == ["fitted", "pairing", "hand"]
    assert run_termx("extract", SEEDS, "--scoring", "magic").exit_code == 2
