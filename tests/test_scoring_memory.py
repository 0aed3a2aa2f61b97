"""What scoring holds while it runs (score.py, scoring.py): per-term facts are kept once per
term, not once per pair, on real text (the tico19 slice)."""

from __future__ import annotations

import pytest
from conftest import TICO

from termx.extract.corpus import Analyser, Stats, collect
from termx.extract.learn import learn_from_corpus
from termx.extract.score import Scorer, _initials, abbreviates
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


def test_short_and_long_forms_are_found_per_chinese_term(
    counted: tuple[Stats, Analyser],
) -> None:
    """A term's short and long forms (上合组织 of 上海合作组织) are looked up once per Chinese
    key among the counted Chinese keys, not in an index of every English key's partners (a
    dict of lists per English key was a third of what a scoring process grew by): the
    agreeing counts are those of the per-English-key search, for every counted pair."""
    stats, analyser = counted
    scorer = _scored(stats, analyser)

    def per_english_key(zk: str, ek: str) -> int:
        # What the index by English key summed: the partners of ``ek`` that share the first
        # character of ``zk``, differ in length and abbreviate it (or it them).
        joint = stats.joint[(zk, ek)]
        for other in stats.partners(ek, english=False):
            if other[0] != zk[0] or len(other) == len(zk):
                continue
            short, long = (other, zk) if len(other) < len(zk) else (zk, other)
            if set(short) <= set(long) and abbreviates(short, analyser.words(long)):
                joint += stats.joint[(other, ek)]
        return joint

    found = 0
    for zk, ek in stats.joint:
        f_zh, f_en = stats.f_zh[zk], stats.f_en[ek]
        if stats.joint[(zk, ek)] >= max(f_zh, f_en) or not _spelling_free(ek, zk, scorer):
            continue
        expected = min(per_english_key(zk, ek), max(f_zh, f_en))
        assert scorer._agreeing(zk, ek, f_zh, f_en) == expected, (zk, ek)
        found += expected > stats.joint[(zk, ek)]
    assert found > 0  # the slice has short and long forms counted with the same English
    assert len(stats.joint) == len(list(stats.joint))  # the look-ups added no pair


def _spelling_free(ek: str, zk: str, scorer: Scorer) -> bool:
    """No acronym or spelled-out English adds to the pair's count (the other short cut of
    ``_agreeing``, left out of the comparison)."""
    if " " in ek:
        return len(_initials(ek)) < 2 or (zk, _initials(ek)) not in scorer.stats.joint
    return len(ek) < 2 or not scorer._spelled(zk).get(ek)
