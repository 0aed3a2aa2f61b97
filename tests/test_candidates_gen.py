"""Candidates that the tag rules used to rule out (issue 12, item 3): jieba and spaCy tags are
evidence about a word's role, not a veto, where a class of content words carries the tag."""

from __future__ import annotations

from pathlib import Path

from termx.extract.analysis.en import analyse as en_analyse
from termx.extract.analysis.zh import analyse as zh_analyse
from termx.extract.candidates import Candidate
from termx.extract.candidates.en import en_candidates
from termx.extract.candidates.zh import zh_candidates
from termx.io import read_inputs

DATA = Path(__file__).parent / "data"


def _tico(needle: str) -> tuple[str, str]:
    """The first pair of the CC0 TICO-19 slice whose Chinese or English holds ``needle``."""
    for pair in read_inputs([DATA / "tico19" / "pairs.tsv"]):
        if needle in pair.zh or needle in pair.en:
            return pair.zh, pair.en
    raise AssertionError(needle)


def _zh(text: str) -> dict[str, Candidate]:
    return {c.surface: c for c in zh_candidates(text, zh_analyse(text))}


def _en(text: str) -> dict[str, Candidate]:
    return {c.surface: c for c in en_candidates(text, en_analyse(text))}


def test_a_two_character_adverb_glued_to_a_noun_starts_a_free_phrase() -> None:
    # jieba tags 快速 (rapid) and 共同 (common) "d"; before a noun they modify it.
    zh, _ = _tico("快速风险评估")
    assert {t.text: t.pos for t in zh_analyse(zh)}["快速"] == "d"
    found = _zh(zh)
    assert found["快速风险评估"].kind == "modified"
    text = "同各國人民一道維護世界和平、促進共同發展。"
    assert _zh(text)["共同發展"].kind == "modified"
    # One-character adverbs stay function words: 已 (already), 最 (most) start nothing.
    text = "怀疑已感染病毒的患者最常见的症状"
    assert not any(s.startswith(("已", "最")) for s in _zh(text))


def test_idiom_tagged_words_are_content_words() -> None:
    # jieba tags fixed three- and four-character expressions "i", negated adjectives among
    # them (无症状 asymptomatic); TICO-19 (CC0) sentences.
    text = "抗体检测显示有多少人已感染病毒，包括症状轻微而没有报告或无症状的感染者。"
    assert {t.text: t.pos for t in zh_analyse(text)}["无症状"] == "i"
    assert "无症状" in _zh(text)
    zh, _ = _tico("严重后果")
    assert "呼吸道感染严重后果" in _zh(zh)


SEED = (
    "Zhang Xiaogang: The SCO Defense Ministers' Meeting is held in Qingdao, Shandong Province "
    "from June 25 to 26. China's Defense Minister Admiral Dong Jun presided at the meeting and "
    "delivered a speech. This year, China is the rotating chair of the SCO."
)


def test_a_participle_after_an_article_starts_a_phrase() -> None:
    found = _en(SEED)
    assert "rotating chair" in found  # "the rotating chair": attributive, not a verb
    text = "The Chinese side has actively promoted strategic communication."
    assert "promoted strategic communication" not in _en(text)  # a verb after "has"


def test_a_possessive_ends_a_name() -> None:
    # "Defense Ministers' Meeting": the name before the possessive is not cut out of a name.
    found = _en(SEED)
    assert found["SCO Defense Ministers"].inner  # a noun follows in the same phrase
    assert "China" in found


def test_a_locative_starts_a_phrase_unless_it_follows_a_noun_or_number() -> None:
    zh, _ = _tico("中间宿主")
    assert {t.text: t.pos for t in zh_analyse(zh)}["中间"] == "f"
    assert _zh(zh)["中间宿主"].kind == "modified"
    # After a number or a noun a locative is a postposition: 5 岁以下 | 儿童, not 以下儿童.
    text = "从 5 岁以下儿童采集鼻咽拭子，在春节期间旅客增加，人与人之间传播"
    assert {t.text: t.pos for t in zh_analyse(text)}["期间"] == "f"
    assert not any(s.startswith(("以下", "期间", "之间")) for s in _zh(text))


def test_a_name_cut_from_a_capitalised_run_is_a_candidate_marked_inner() -> None:
    # A title before a name: "Defense Minister" in "Defense Minister Admiral Dong Jun".
    found = _en(SEED)
    assert found["Defense Minister"].inner and found["Admiral Dong Jun"].inner
    assert not found["China's Defense Minister Admiral Dong Jun"].inner
