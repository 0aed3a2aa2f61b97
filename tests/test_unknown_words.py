"""A word the dictionary does not know as a whole (issue 12 item 3): its characters' glosses
anchor it, so that a term translated by meaning is counted with its translation (干咳 ↔ dry
cough: 干 dry, 咳 cough; jieba keeps 干咳 one word, CC-CEDICT has no such headword)."""

from __future__ import annotations

import pytest

from termx.extract import ExtractOptions, extract
from termx.extract.corpus import Analyser
from termx.model import Origin, SegmentPair

# tico19-dev's pairs.tsv, lines 62, 569 and 1158 (CC0 1.0, see tests/data/README.md).
TICO_LINES = [
    ("干咳、感冒、流鼻涕、呕吐、腹泻", "have a dry cough a cold and runny nose vomiting diarrhea"),
    (
        "两种最常见症状表现为发热 (88%) 和干咳 (68%)。",
        "The two most common symptoms are fever (88%) and dry cough (68%).",
    ),
    ("常见症状有发热、干咳和乏力。", "Common symptoms include a fever, dry cough, and fatigue."),
]


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def test_the_lone_characters_of_an_unknown_word_anchor_it(analyser: Analyser) -> None:
    assert not analyser.keyed_senses("干咳") and not analyser.keyed_senses("白沙镇")
    # 干咳: two lone characters; 白沙镇: the word 白沙 and the lone 镇 (its "town").
    for word, english in (("干咳", {"dry", "cough"}), ("白沙镇", {"town"})):
        keys = {analyser.word_key(w) for w in english}
        quick = set(analyser.zh_anchors(word, word))
        assert keys <= quick, word
        assert quick == analyser.zh_term(word, word).anchors  # the prepared term agrees
    assert analyser.word_key("sand") not in analyser.zh_anchors("白沙镇", "白沙镇")


def test_a_known_word_is_anchored_by_its_own_glosses_only(analyser: Analyser) -> None:
    # 发热 (to have a fever) is a headword: 热's "hot" is no anchor of it, as before.
    assert analyser.keyed_senses("发热")
    assert analyser.word_key("hot") not in analyser.zh_anchors("发热", "发热")
    # In a compound of known words (中国政府, one jieba word), the words anchor, not their
    # characters: 国's "country" is no anchor, 中国's "China" is.
    assert not analyser.keyed_senses("中国政府")
    anchors = analyser.zh_anchors("中国政府", "中国政府")
    assert analyser.word_key("China") in anchors
    assert analyser.word_key("country") not in anchors


def test_a_term_translated_by_meaning_is_paired() -> None:
    pairs = [
        SegmentPair(zh, en, Origin("pairs.tsv", line))
        for (zh, en), line in zip(TICO_LINES, (62, 569, 1158), strict=True)
    ]
    found = {(p.zh, p.en): p for p in extract(pairs, ExtractOptions())}
    pair = found[("干咳", "dry cough")]
    assert "干→dry" in str(pair.evidence) and "咳→cough" in str(pair.evidence)
