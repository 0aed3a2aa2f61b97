"""What scoring holds while it runs (score.py, scoring.py): per-term facts are kept once per
term, not once per pair, on real text (the tico19 slice)."""

from __future__ import annotations

import pytest
from conftest import TICO

from termx.extract.corpus import Analyser, Stats, collect
from termx.extract.learn import learn_from_corpus
from termx.extract.score import Scorer
from termx.io import read_pairs


@pytest.fixture(scope="module")
def counted() -> tuple[Stats, Analyser]:
    analyser = Analyser()
    stats = collect(read_pairs(TICO / "pairs.tsv"), analyser)
    return stats, learn_from_corpus(stats, analyser)


def _scored(stats: Stats, analyser: Analyser) -> Scorer:
    scorer = Scorer(stats, analyser)
    by_zh: dict[str, list[str]] = {}
    for zk, ek in stats.joint:
        by_zh.setdefault(zk, []).append(ek)
    for zk, eks in by_zh.items():
        scorer.score_term(zk, eks, 0.05)
    return scorer


def test_abbreviation_index_keeps_one_entry_per_chinese_key(
    counted: tuple[Stats, Analyser],
) -> None:
    """The index of each English key's Chinese partners by first character (used to find
    abbreviations, 上合组织 of 上海合作组织) refers to one shared entry per Chinese key: an
    entry (with its character set) per pair was most of the scoring memory."""
    stats, analyser = counted
    scorer = _scored(stats, analyser)
    entries = [
        entry
        for by_first in scorer._by_first.values()
        for group in by_first.values()
        for entry in group
    ]
    distinct = {entry[0] for entry in entries}
    assert len({id(entry) for entry in entries}) == len(distinct)
    assert len(entries) > 2 * len(distinct)  # Chinese keys recur across English partners
    for zk, size, chars in entries:
        assert (size, chars) == (len(zk), frozenset(zk))
