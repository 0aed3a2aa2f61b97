"""The scoring's and the analysis's short cuts give what the plain computation gives.

Word keys come from a table made once per installation, coverage counts characters as the bits
of an int, the dictionary keeps each term's answers for words it has no gloss of, a term's pinyin
and stems are worked out when first asked, and the analysis workers make an English
candidate's anchors without building its ``EnTerm``, an Analyser keeps what each headword
spells in an acronym, and the dictionary takes a reading that explains every English word in
full without working out the others: each is compared here with the obvious
computation on the real pairs of the TICO-19 slice.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from conftest import TICO

from termx.extract.analysis import en as en_analysis
from termx.extract.candidates.en import en_candidates
from termx.extract.corpus import Analyser, Stats, _gloss_word_keys, collect
from termx.extract.evidence import SIGNALS, acronym, dictionary, translit
from termx.extract.evidence.base import Coverage, EnTerm, Link, ZhTerm, _covered, coverage
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


_TERMS = ["上海合作组织", "世界卫生组织", "中东呼吸综合征", "严重急性呼吸系统综合征", "新冠病毒"]


def test_cached_part_letters_spell_what_the_parts_spell() -> None:
    analyser = Analyser()
    senses = analyser.params.acronym_main_senses
    for text in _TERMS:
        alone = acronym.initials(text, analyser.cedict.phrases, analyser.cedict.max_len, senses)
        assert analyser._spelled(text) == alone
        assert list(analyser._spelled(text).items()) == list(alone.items())
    assert analyser._spelled("世界卫生组织").get("who")


def test_learned_words_spell_in_an_extended_analyser() -> None:
    """An extended Analyser takes over the letters of the parts the learned words leave
    alone, and spells with the new glosses of the others, as a fresh one would."""
    learned: dict[str, tuple[str, ...]] = {
        "组织": ("Zeta Organisation",),
        "合作": ("Kappa cooperation",),
    }
    old = Analyser()
    for text in _TERMS:
        old._spelled(text)
    extended = old.extended(learned)
    fresh = Analyser(learned=learned)
    for text in _TERMS:
        assert list(extended._spelled(text).items()) == list(fresh._spelled(text).items())
    assert extended._spelled("上海合作组织") != old._spelled("上海合作组织")


def _all_readings(zh: ZhTerm, en: EnTerm, params: ScoringParams) -> list[Link]:
    """``dictionary.match`` without its shortcut: every reading worked out, the heaviest
    (the first of equal ones) taken."""
    proposals = _proposals(zh, en, params)
    if not proposals:
        return []
    coarse = dictionary._choose(zh, proposals, True, True)
    readings = [coarse, dictionary._choose(zh, proposals, False, True)]
    longer = {p: v for p, v in proposals.items() if p[1] - p[0] > 1}
    parts = dictionary._choose(zh, longer, False, False)
    if dictionary._chars(coarse) <= dictionary._chars(parts):
        readings.append(parts)
    return dictionary._links(max(readings, key=lambda chosen: sum(c[3] for c in chosen)))


def _proposals(
    zh: ZhTerm, en: EnTerm, params: ScoringParams
) -> dict[tuple[int, int, int], tuple[float, int]]:
    """``dictionary.match``'s proposals, as it makes them."""
    matched: dict[tuple[int, int, int], list[int]] = {}
    sizes: dict[tuple[int, int, int], int] = {}
    for index, key in enumerate(en.keys):
        spans = zh.glosses.get(key) or dictionary._matches(zh, key, params.negation_min_rest)
        for a, b, sense, size in spans:
            indexes = matched.setdefault((a, b, sense), [])
            if not indexes or indexes[-1] != index:
                indexes.append(index)
            sizes[(a, b, sense)] = size
    proposals: dict[tuple[int, int, int], tuple[float, int]] = {}
    for (a, b, sense), indexes in matched.items():
        size, count = sizes[(a, b, sense)], len(indexes)
        if (count < -size) if size < 0 else (2 * count < size):
            continue
        weight = min(1.0, count / abs(size))
        for index in indexes:
            old = proposals.get((a, b, index))
            if old is None or weight > old[0]:
                proposals[(a, b, index)] = (weight, sense)
    return proposals


def test_the_dictionary_reading_is_the_heaviest_of_all_readings(
    counted: tuple[Stats, Analyser],
) -> None:
    """Taking the coarse reading when it explains every English word in full (without the
    two others) gives the links of every counted pair of the tico19 slice unchanged."""
    stats, analyser = counted
    scorer = Scorer(stats, analyser)
    shortcut = 0
    for zk, ek in stats.joint:
        zh, en = scorer.zh_term(zk), scorer.en_term(ek)
        found = dictionary.match(zh, en, analyser.params)
        assert found == _all_readings(zh, en, analyser.params), (zk, ek)
        proposals = _proposals(zh, en, analyser.params)
        if len({a - b for a, b, _ in proposals}) > 1 and all(link.weight == 1.0 for link in found):
            shortcut += len(found) == len({index for _, _, index in proposals})
    assert shortcut > 100
