"""The scoring's and the analysis's short cuts give what the plain computation gives.

Word keys come from a table made once per installation, coverage counts characters as the bits
of an int, the dictionary keeps each term's answers for words it has no gloss of, a term's pinyin
and stems are worked out when first asked, and the analysis workers make an English
candidate's anchors without building its ``EnTerm``: each is compared here with the obvious
computation on the real pairs of the TICO-19 slice.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conftest import TICO

from termx.extract.analysis import en as en_analysis
from termx.extract.candidates.en import en_candidates
from termx.extract.corpus import Analyser, Stats, _gloss_word_keys, collect
from termx.extract.evidence import SIGNALS, dictionary, translit
from termx.extract.evidence.base import Coverage, EnTerm, Link, _covered, coverage
from termx.extract.lexicon import content_words, word_key
from termx.extract.params import ScoringParams
from termx.extract.score import Scorer
from termx.io import read_inputs
from termx.text import clean


@pytest.fixture(scope="module")
def counted() -> tuple[Stats, Analyser]:
    analyser = Analyser()
    return collect(read_inputs([TICO / "pairs.tsv"]), analyser), analyser


def test_word_keys_are_the_stemmers(counted: tuple[Stats, Analyser]) -> None:
    stats, analyser = counted
    table = _gloss_word_keys()
    assert len(table) > 10_000  # every gloss word of CC-CEDICT
    words = {w for surface in stats.en_forms for w in content_words(surface)}
    words |= set(list(table)[::50])
    asked = 0
    for word in sorted(words):
        for form in (word, word.capitalize(), word.upper()):
            assert analyser.word_key(form) == word_key(form), form
            asked += 1
    assert asked > 3_000
    # Words no gloss has (the corpus's own) are among them, and are stemmed as before.
    assert len({w.lower() for w in words} - table.keys()) > 50


def _reference_coverage(
    zh_chars: Sequence[int], words: int, head: int, links: Sequence[Link], params: ScoringParams
) -> Coverage:
    """The coverage of links without the segment's words (``elsewhere``), with sets."""
    if not zh_chars or not words:
        return _covered(0.0, 0.0, 4, 0, params)
    covered: set[int] = set()
    explained: dict[int, float] = {}
    for link in links:
        covered.update(range(link.zh_start, link.zh_end))
        explained[link.en_index] = max(link.weight, explained.get(link.en_index, 0.0))
    zh_cov = len(covered.intersection(zh_chars)) / len(zh_chars)
    en_cov = sum(explained.values()) / words
    last = words - 1
    heads = (zh_chars[-1] not in covered) + (head not in explained)
    edges = (zh_chars[0] not in covered) + (zh_chars[-1] not in covered)
    edges += (0 not in explained) + (last not in explained)
    edges += head not in (0, last) and head not in explained
    return _covered(zh_cov, en_cov, edges, heads, params)


def test_coverage_and_dictionary_links_are_the_plain_ones(
    counted: tuple[Stats, Analyser],
) -> None:
    stats, analyser = counted
    scorer = Scorer(stats, analyser, SIGNALS)
    params = analyser.params
    fresh = Analyser()
    linked = unglossed = 0
    for zk, ek in stats.joint:
        zh, en = scorer.zh_term(zk), scorer.en_term(ek)
        ctx = scorer._linked(zh, en)
        if ctx is None:
            continue
        # The memoised answers (asked before, by this term's other pairs) are a new term's.
        again = fresh.zh_term(zk, stats.zh_surface(zk))
        assert dictionary.match(zh, en, params) == dictionary.match(again, en, params)
        assert zh.romanised == translit.romanisations(zh.text)
        unglossed += len(zh.matched)
        links = [link for link in ctx.links]
        found = coverage(zh, en, links, params)  # without the segment's words
        assert found == _reference_coverage(zh.significant, len(en.words), en.head, links, params)
        linked += 1
    assert linked > 5_000 and unglossed > 1_000


def test_english_anchors_without_the_term_are_the_terms() -> None:
    worker = Analyser(keep_terms=False)
    lines = (TICO / "pairs.tsv").read_text(encoding="utf-8").splitlines()[:150]
    texts = [clean(en) for _, en, *_ in (line.split("\t") for line in lines)]
    seen = 0
    for text, tokens in zip(texts, en_analysis.analyse_many(texts), strict=True):
        for cand in en_candidates(text, tokens):
            quick = worker.en_anchors(cand.key, cand.surface)
            assert len(quick) == len(set(quick))
            assert set(quick) == EnTerm.of(cand.key, cand.surface).anchors, cand.surface
            seen += 1
    assert seen > 1_000
