"""Pairs the corpus pass used not to count for want of a shared anchor (docs/eval.md, stop 19):
those only a corpus-learned word links (learn.linked_by_learned), on the CC0 TICO-19 slice
(313 pairs), and those a Latin-script token links (evidence.latin.anchors), on a TICO-19 pair."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from termx import read_inputs
from termx.extract.analysis import en as en_analysis
from termx.extract.analysis import zh as zh_analysis
from termx.extract.candidates.en import en_candidates
from termx.extract.candidates.zh import zh_candidates
from termx.extract.corpus import Analyser, Stats, collect
from termx.extract.evidence import latin
from termx.extract.learn import learn_from_corpus, learn_words, linked_by_learned
from termx.extract.score import Scorer

TICO = Path(__file__).resolve().parents[1] / "tests" / "data" / "tico19" / "pairs.tsv"


@cache
def _counted() -> tuple[Stats, Analyser]:
    analyser = Analyser()
    return collect(read_inputs([TICO]), analyser), analyser


def test_a_pair_only_learned_words_explain_is_counted_and_scored() -> None:
    stats, analyser = _counted()
    # CC-CEDICT glosses 监测 "to monitor" and 诊所 "clinic": no anchor links 监测诊所 to
    # "surveillance practice" while the corpus is counted, but the corpus teaches both words.
    pair = ("监测诊所", "surveillance practice")
    assert stats.f_zh[pair[0]] and stats.f_en[pair[1]] and pair not in stats.joint
    learned = learn_from_corpus(stats, analyser)
    assert learned.cedict.phrases("监测")[0] == "surveillance"
    assert learned.cedict.phrases("诊所")[0] == "practice"
    assert stats.joint[pair] == 1
    found = Scorer(stats, learned).assess(*pair)
    assert found is not None and found.coverage.zh == found.coverage.en == 1.0


def test_only_pairs_holding_a_learned_word_on_both_sides_are_added() -> None:
    analyser = Analyser()
    stats = collect(read_inputs([TICO]), analyser)  # its own: the learning changes counts
    params = analyser.params
    frequent = stats.cooccurrences.frequent_pairs(
        stats.f_zh, stats.f_en, params.cooc_min_joint, params.cooc_per_term
    )
    stats.raise_joint(frequent)
    keys: dict[str, str] = {}
    learn_words(frequent, stats, analyser, keys)
    assert keys["爆发"] == "outbreak"
    before = dict(stats.joint)
    added = linked_by_learned(keys, stats)
    assert ("武汉爆发", "outbreak") in added
    for (zk, ek), count in added.items():
        assert (zk, ek) not in before  # a counted pair keeps its count
        assert 1 <= count <= min(stats.f_zh[zk], stats.f_en[ek])
        assert any(word in zk and f" {keys[word]} " in f" {ek} " for word in keys)
    assert not linked_by_learned({}, stats)


def test_a_latin_token_on_both_sides_links_the_pair() -> None:
    # A TICO-19 pair (CC0). CC-CEDICT glosses 爆发 "to break out, to erupt": no gloss anchors
    # "outbreak", so only the shared "COVID-19" can link the pair for counting.
    zh, en = (
        "COVID-19 爆发可能对工作场所内产生严重影响。",
        "COVID-19 outbreaks can have several effects within the workplace.",
    )
    analyser = Analyser()
    assert "outbreak" not in analyser.zh_anchors("爆发", "爆发")
    assert latin.anchors("COVID-19 爆发") == {"covid"}
    assert latin.anchors("冠状病毒") == frozenset()
    zc = tuple(zh_candidates(zh, zh_analysis.analyse(zh)))
    ec = tuple(en_candidates(en, next(iter(en_analysis.analyse_many([en])))))
    linked = analyser._link(zc, ec, ())
    assert ("covid-19 爆发", "covid-19 outbreak") in linked
    # A term without the token is linked by its glosses alone, as before.
    assert not any(z == "工作场所" and "covid" in e for z, e in linked)
