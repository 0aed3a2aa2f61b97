"""Scoring leaves pairs out before writing their evidence only where that changes nothing:
the signals' bounds are never below a pair's score, and the list select makes is the same."""

from __future__ import annotations

import pytest
from conftest import TICO

from termx.extract.corpus import Analyser, Stats, collect
from termx.extract.evidence import SIGNALS
from termx.extract.learn import learn_from_corpus
from termx.extract.params import ScoringParams
from termx.extract.score import Scorer, score_pair
from termx.extract.scoring import score_all
from termx.extract.select import select, variants
from termx.glossary import Glossary
from termx.io import read_pairs

MIN_SCORE = 0.05


@pytest.fixture(scope="module")
def counted() -> tuple[Stats, Analyser]:
    analyser = Analyser()
    stats = collect(read_pairs(TICO / "pairs.tsv"), analyser)
    return stats, learn_from_corpus(stats, analyser)


def _one_by_one(stats: Stats, analyser: Analyser) -> list[tuple[float, str, str, list]]:
    """Every pair scored on its own, as if no other pair existed."""
    found = []
    for zk, ek in stats.joint:
        value, evidence = score_pair(zk, ek, stats, analyser)
        if value >= MIN_SCORE:
            found.append((value, zk, ek, evidence))
    return found


def test_no_pair_scores_above_its_bound(counted: tuple[Stats, Analyser]) -> None:
    stats, analyser = counted
    scorer = Scorer(stats, analyser)
    assert scorer._bounds is not None  # every registered signal bounds what it adds
    checked = 0
    for zk, ek in stats.joint:
        ctx = scorer._linked(scorer.zh_term(zk), scorer.en_term(ek))
        if ctx is None:
            continue
        bound, _, _ = scorer._bound(ctx, scorer._bounds)
        assert scorer._assessed(ctx).hand <= bound + 1e-4, (zk, ek)
        checked += 1
    assert checked > 1000


def test_leaving_pairs_out_changes_nothing_select_offers(
    counted: tuple[Stats, Analyser],
) -> None:
    stats, analyser = counted
    alone = _one_by_one(stats, analyser)
    # Below min_score only: exactly the pairs scored one by one, in counting order.
    assert score_all(stats, analyser, SIGNALS, Glossary(()), MIN_SCORE, 1, offered=False) == alone
    # Also out of select's reach: fewer pairs, the same list, the same variants.
    offered = score_all(stats, analyser, SIGNALS, Glossary(()), MIN_SCORE, 1)
    assert len(offered) < 0.8 * len(alone)
    params = analyser.params
    chosen = select(offered, stats.joint, params)
    assert chosen == select(alone, stats.joint, params)
    forms = variants(offered, chosen, params)
    assert forms  # the slice has terms seen in two forms, so this compares something
    assert forms == variants(alone, chosen, params)


def test_a_signal_without_a_bound_is_always_asked(counted: tuple[Stats, Analyser]) -> None:
    import types

    stats, analyser = counted
    unbounded = types.SimpleNamespace(
        NAME="toy", links=lambda ctx: [], opens=lambda ctx: False, evidence=lambda ctx, e: None
    )
    signals = (*SIGNALS, unbounded)
    assert Scorer(stats, analyser, signals)._bounds is None
    found = score_all(stats, analyser, signals, Glossary(()), MIN_SCORE, 1)
    assert len(found) == len(_one_by_one(stats, analyser))


def test_fitted_scores_are_never_left_out(counted: tuple[Stats, Analyser]) -> None:
    stats, _ = counted
    fitted = Analyser(params=ScoringParams(scoring="fitted"))
    fitted = learn_from_corpus(stats, fitted)
    found = score_all(stats, fitted, SIGNALS, Glossary(()), MIN_SCORE, 1)
    assert found == _one_by_one(stats, fitted)


def test_places_are_counted_by_family(counted: tuple[Stats, Analyser]) -> None:
    """A term with two English of one inflection family (a word and its plural) still has
    pairs left out because enough others are sure to be offered before them: select gives a
    family one place, so the scorer counts places by family instead of cutting nothing."""
    from termx.extract.lexicon import Families
    from termx.extract.select import reach

    stats, analyser = counted
    scorer, families, rule = Scorer(stats, analyser), Families(), reach(analyser.params)
    by_zh: dict[str, list[str]] = {}
    for zk, ek in stats.joint:
        by_zh.setdefault(zk, []).append(ek)
    cut_by_places = 0
    for zk, eks in by_zh.items():
        kinds = [families[ek] for ek in eks]
        if len(set(kinds)) == len(kinds):
            continue  # no two of one family
        alone = [scorer.score(zk, ek)[0] for ek in eks]
        best = max(alone)
        found = scorer.score_term(zk, eks, MIN_SCORE, rule)
        for value, result in zip(alone, found, strict=True):
            # Left out, though it makes min_score within plain reach of the best.
            if result is None and value >= max(MIN_SCORE, best - rule.plain + 1e-4):
                cut_by_places += 1
    assert cut_by_places > 0
