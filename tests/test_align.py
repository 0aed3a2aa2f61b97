"""The corpus word alignment (termx.extract.alignment) and its signal (evidence/align.py), on
real text: the CC0 TICO-19 slice (313 pairs) and the seed documents."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from pathlib import Path

from termx import read_inputs
from termx.extract.alignment import NOTHING
from termx.extract.corpus import Analyser, Stats, collect
from termx.extract.evidence import SIGNALS, align
from termx.extract.learn import learn_from_corpus
from termx.extract.params import ScoringParams
from termx.extract.score import Scorer

ROOT = Path(__file__).resolve().parents[1]
TICO = ROOT / "tests" / "data" / "tico19" / "pairs.tsv"


ALIGNED = replace(ScoringParams(), word_alignment=True)


def _counted(path: Path, params: ScoringParams = ALIGNED) -> tuple[Stats, Analyser]:
    analyser = Analyser(params=params)
    stats = collect(read_inputs([path]), analyser)
    return stats, learn_from_corpus(stats, analyser)


@cache
def _tico() -> tuple[Stats, Analyser]:
    return _counted(TICO)


def test_the_model_learns_what_the_corpus_says_beyond_the_gloss() -> None:
    stats, analyser = _tico()
    key, cedict = analyser.word_key, Analyser()  # the dictionary before the corpus taught it
    # CC-CEDICT glosses 爆发 as "to break out, to erupt, to burst"; across these pairs it is
    # "outbreak", which no gloss word anchors. 隔离 is glossed "to separate, to isolate".
    for zh, en in (("爆发", "outbreak"), ("隔离", "quarantine")):
        assert key(en) not in {k for k, _, _ in cedict.keyed_senses(zh)}
        assert stats.alignment.p(zh, key(en)) >= analyser.params.align_min_p
    # A pair the model is sure of is scored even where nothing else counted it.
    for pair, count in stats.alignment.pairs.items():
        assert stats.joint[pair] >= count >= analyser.params.cooc_min_joint


def test_its_links_explain_a_word_inside_a_compound() -> None:
    stats, analyser = _tico()
    # 累积 is glossed "to accumulate"; the corpus says "cumulative", so 累积发病率 ↔
    # "cumulative incidence" is explained on both sides, and scores higher for it.
    found = Scorer(stats, analyser).assess("累积发病率", "cumulative incidence")
    without = Scorer(stats, analyser, tuple(s for s in SIGNALS if s is not align))
    before = without.assess("累积发病率", "cumulative incidence")
    assert found is not None and before is not None
    lines = [line.reason for line in found.evidence if line.kind == align.NAME]
    assert len(lines) == 1 and lines[0].startswith("累积→cumulative p=")
    assert found.lexical > before.lexical and found.hand > before.hand


def test_the_model_is_silent_on_a_small_input() -> None:
    stats, analyser = _counted(ROOT / "seeds")
    assert stats.segments < analyser.params.cooc_min_segments
    assert stats.alignment == NOTHING
    scorer = Scorer(stats, analyser)
    for zk, ek in list(stats.joint)[:200]:
        found = scorer.assess(zk, ek)
        assert found is None or all(line.kind != align.NAME for line in found.evidence)


def test_the_model_is_trained_only_when_asked_for() -> None:
    stats, _ = _counted(TICO, ScoringParams())
    assert stats.segments >= ScoringParams().cooc_min_segments
    assert stats.alignment == NOTHING


def test_the_model_is_deterministic() -> None:
    again, _ = _counted(TICO)
    assert again.alignment == _tico()[0].alignment
    assert again.alignment.probability


def test_the_signal_is_registered_with_a_bound() -> None:
    assert align in SIGNALS
    assert callable(getattr(align, "bound", None))
