"""The Scorer's caches keyed by the Chinese term being scored are bounded (score.py:
``_PER_TERM``) and bounding them changes no score, on real text (a tico19 slice)."""

from __future__ import annotations

from itertools import islice

import pytest
from conftest import TICO

from termx.extract import score
from termx.extract.corpus import Analyser, Stats, collect
from termx.extract.learn import learn_from_corpus
from termx.extract.score import Scorer
from termx.io import read_pairs


@pytest.fixture(scope="module")
def counted() -> tuple[Stats, Analyser]:
    analyser = Analyser()
    stats = collect(islice(read_pairs(TICO / "pairs.tsv"), 400), analyser)
    return stats, learn_from_corpus(stats, analyser)


def _scores(stats: Stats, analyser: Analyser) -> tuple[Scorer, list[object]]:
    scorer = Scorer(stats, analyser)
    by_zh: dict[str, list[str]] = {}
    for zk, ek in stats.joint:
        by_zh.setdefault(zk, []).append(ek)
    found = [scorer.score_term(zk, eks, 0.05) for zk, eks in by_zh.items()]
    return scorer, found


def test_bounded_caches_change_no_score(
    counted: tuple[Stats, Analyser], monkeypatch: pytest.MonkeyPatch
) -> None:
    stats, analyser = counted
    _, unbounded = _scores(stats, analyser)
    monkeypatch.setattr(score, "_PER_TERM", 3)
    scorer, bounded = _scores(stats, analyser)
    assert bounded == unbounded
    for cache in (scorer._zh_surfaces, scorer._zh_sides, scorer._spelled_out):
        assert len(cache) <= 3
