"""Scoring rules on real terms: abbreviations, consistency, bracketed middles, learned words."""

from __future__ import annotations

from collections import Counter

import pytest
import rjieba

from termx.extract.corpus import Analyser, Stats
from termx.extract.evidence import dictionary
from termx.extract.evidence.base import EnTerm, coverage
from termx.extract.learn import learn_words
from termx.extract.params import ScoringParams
from termx.extract.score import abbreviates, consistency, shape, spells
from termx.extract.select import select
from termx.text import fold

PARAMS = ScoringParams()


@pytest.fixture(scope="module")
def analyser() -> Analyser:
    return Analyser()


def test_chinese_abbreviation_takes_a_piece_of_every_word() -> None:
    assert abbreviates("上合组织", rjieba.cut("上海合作组织"))
    assert not abbreviates("组织", rjieba.cut("上海合作组织"))  # a nested word, not short for it
    # Drops 冠状 altogether: a broader term, not an abbreviation.
    assert not abbreviates("新型病毒", ["新型", "冠状", "病毒"])
    assert not abbreviates("上海合作组织", rjieba.cut("上合组织"))


def test_acronym_spells_its_long_form() -> None:
    assert spells("sco", "shanghai cooperation organization")
    assert spells("who", "world health organization")
    assert not spells("sco", "shanghai spirit")
    assert not spells("shanghai spirit", "sco")


def test_a_chinese_term_translated_otherwise_weighs_more_than_english_synonyms() -> None:
    # 检疫 seen once, with "quarantine", which 隔离 also gives ten more times: a synonym.
    synonym = consistency(1, 1, 11, PARAMS)
    # 封锁 seen eleven times, once with "block": the corpus translates it otherwise.
    otherwise = consistency(1, 11, 1, PARAMS)
    assert otherwise < synonym < 1.0
    assert consistency(5, 5, 5, PARAMS) == 1.0
    assert consistency(9, 5, 5, PARAMS) == 1.0  # never above 1, whatever is counted


def test_bracketed_middles_explain_each_other(analyser: Analyser) -> None:
    zh = analyser.zh_term(fold("人類命運共同體"), "人類命運共同體")
    en = EnTerm.of(
        "community with a shared future for mankind", "community with a shared future for mankind"
    )
    links = dictionary.match(zh, en, PARAMS)
    plain = coverage(zh, en, links, PARAMS)
    assert plain.edges == 0 and plain.zh < 1.0 and plain.en < 1.0
    bracketed = coverage(zh, en, links, PARAMS, lambda words: False)
    assert bracketed.zh == 1.0 and bracketed.value > plain.value
    # "future" translating some other Chinese word of the segment: no credit.
    assert coverage(zh, en, links, PARAMS, lambda words: True).value == plain.value


def test_unexplained_modifiers_on_both_sides_translate_each_other(analyser: Analyser) -> None:
    # CC-CEDICT glosses 休克 "shock" and 感染性 nothing like "septic": the first word of each
    # side is left unexplained, and nothing else is.
    zh = analyser.zh_term(fold("感染性休克"), "感染性休克")

    def found(english: str, en_outside: bool | None = False, zh_outside: bool = False) -> float:
        en = EnTerm.of(fold(english), english)
        links = dictionary.match(zh, en, PARAMS)
        if en_outside is None:  # no segment to look at: the rule cannot apply
            return coverage(zh, en, links, PARAMS).value
        return coverage(zh, en, links, PARAMS, lambda w: en_outside, lambda e: zh_outside).value

    # Without the rule the shorter English wins: 感染性 unexplained costs one edge,
    # "septic" unexplained another.
    assert found("septic shock", None) < found("shock", None)
    assert found("septic shock") > found("shock") == found("shock", None)
    # Either modifier translating something outside the other term: no credit.
    assert found("septic shock", en_outside=True) == found("septic shock", None)
    assert found("septic shock", zh_outside=True) == found("septic shock", None)
    # An unexplained head is not a modifier.
    assert found("shock patients") == found("shock patients", None) < found("shock")
    # Two English words left over against one Chinese word: not one modifier each.
    assert found("severe septic shock") == found("severe septic shock", None)


def test_an_unexplained_head_costs_more_than_an_unexplained_modifier(analyser: Analyser) -> None:
    zh = analyser.zh_term(fold("身体接触"), "身体接触")

    def value(english: str) -> float:
        en = EnTerm.of(fold(english), english)
        return coverage(zh, en, dictionary.match(zh, en, PARAMS), PARAMS).value

    # Both explain one word on each side; "physical contact" explains the heads (接触, contact).
    assert value("physical contact") > value("health bodies")
    # "history of travel" has its head before "of": an unexplained head there counts too.
    zh = analyser.zh_term(fold("旅行史"), "旅行史")
    en = EnTerm.of("history of travel", "history of travel")
    assert en.head == 0
    assert coverage(zh, en, dictionary.match(zh, en, PARAMS), PARAMS).heads == 0
    # A name's head is its last word, "of" or not.
    assert EnTerm.of("x", "Chiefs of General Staff Meeting").head == 3
    # A head in the middle of the English is one more edge to explain: 旅行 says "travel",
    # nothing says "recent" (an edge) or "history" (the head).
    travel = analyser.zh_term(fold("旅行"), "旅行")
    inside = EnTerm.of("recent history of travel", "recent history of travel")
    assert inside.head == 1
    found = coverage(travel, inside, dictionary.match(travel, inside, PARAMS), PARAMS)
    assert (found.edges, found.heads) == (2, 1)
    # Terms are compounds; an "of" phrase is more often a description.
    compound = EnTerm.of("travel history", "travel history")
    assert shape(zh, en, "phrase", "phrase", PARAMS) < shape(
        zh, compound, "phrase", "phrase", PARAMS
    )


def test_a_genitive_makes_a_free_phrase_but_not_a_name(analyser: Analyser) -> None:
    zh = analyser.zh_term(fold("中国国防"), "中国国防")

    def looks(english: str) -> float:
        return shape(zh, EnTerm.of(fold(english), english), "phrase", "phrase", PARAMS)

    assert looks("China’s national defense") < looks("national defense")
    assert looks("Defense Minister’s Meeting") == looks("Defense Ministers Meeting")


def test_a_quoted_claim_ranks_as_a_free_phrase(analyser: Analyser) -> None:
    zh = analyser.zh_term(fold("明显有效"), "明显有效")
    en = EnTerm.of("clearly effective", "clearly effective")
    assert shape(zh, en, "quoted", "phrase", PARAMS) < shape(zh, en, "quote", "phrase", PARAMS)


def test_two_concepts_side_by_side_are_not_one_term(analyser: Analyser) -> None:
    zh = analyser.zh_term(fold("和平安宁"), "和平安宁")
    two = shape(
        zh, EnTerm.of("peace and tranquility", "peace and tranquility"), "phrase", "phrase", PARAMS
    )
    one = shape(zh, EnTerm.of("lasting peace", "lasting peace"), "phrase", "phrase", PARAMS)
    assert two < one
    # A name keeps its "and": "Cooperation and Coordination Mechanism".
    name = "Cooperation and Coordination"
    assert shape(zh, EnTerm.of(fold(name), name), "phrase", "phrase", PARAMS) == one


def _stats(f_zh: dict[str, int], f_en: dict[str, int], joint: dict[tuple[str, str], int]) -> Stats:
    stats = Stats(segments=1000, f_zh=Counter(f_zh), f_en=Counter(f_en), joint=Counter(joint))
    stats.zh_forms = {key: Counter({key: count}) for key, count in f_zh.items()}
    stats.en_forms = {key: Counter({key: count}) for key, count in f_en.items()}
    return stats


def test_learned_word_widens_to_the_phrase_the_dictionary_confirms(analyser: Analyser) -> None:
    # CEDICT has 洗手液 as "liquid hand soap"; the corpus always says "hand sanitizer".
    joint = {("洗手液", "sanitizer"): 4, ("洗手液", "hand sanitizer"): 4}
    stats = _stats({"洗手液": 5}, {"sanitizer": 4, "hand sanitizer": 4}, joint)
    assert learn_words(joint, stats, analyser) == {"洗手液": ("hand sanitizer",)}


def test_learned_word_does_not_take_an_unglossed_companion(analyser: Analyser) -> None:
    # Nothing in 呼吸综合征 says "coronavirus": it comes from 冠状病毒 next to it.
    joint = {("呼吸综合征", "syndrome"): 5, ("呼吸综合征", "syndrome coronavirus"): 5}
    stats = _stats({"呼吸综合征": 5}, {"syndrome": 5, "syndrome coronavirus": 5}, joint)
    assert learn_words(joint, stats, analyser) == {"呼吸综合征": ("syndrome",)}


def test_no_learning_where_the_corpus_uses_the_dictionary_translation(analyser: Analyser) -> None:
    # 洗手 is "to wash one's hands": "hands" goes with it, so "soap" beside it is not learned.
    joint = {("洗手", "soap"): 5, ("洗手", "hands"): 9}
    stats = _stats({"洗手": 10}, {"soap": 6, "hands": 12}, joint)
    assert learn_words({("洗手", "soap"): 5}, stats, analyser) == {}


def test_a_term_inside_a_longer_one_ranks_lower_unless_it_heads_several() -> None:
    scored = [
        (0.85, "上海精神", "shanghai spirit", []),
        (0.80, "上海", "shanghai", []),
        (0.75, "地区反恐合作", "regional counter-terrorism cooperation", []),
        (0.75, "国际反恐合作", "international counter-terrorism cooperation", []),
        (0.75, "反恐合作", "counter-terrorism cooperation", []),
        (0.75, "地区安全问题", "regional security issues", []),
        (0.75, "安全问题", "security issues", []),
    ]
    joint = {(zk, ek): 1 for _, zk, ek, _ in scored}
    ranked = {zk: value for value, zk, _, _ in select(scored, joint, PARAMS)}
    # 上海 is only ever seen as a piece of the name 上海精神, and 安全问题 only inside
    # 地区安全问题; 反恐合作 heads two longer terms, a broader term in its own right.
    assert ranked["上海"] < 0.8 and ranked["安全问题"] < 0.75
    assert ranked["反恐合作"] == ranked["地区反恐合作"] == 0.75


def test_a_longer_or_shorter_form_is_one_of_words_not_of_letters() -> None:
    # The tighter margin is for a longer or shorter form of a kept English (mask / face
    # mask); "flu" only shares letters with "influenza", so it is a plain alternative.
    scored = [
        (0.54, "流感", "influenza", []),
        (0.40, "流感", "flu", []),
        (0.54, "口罩", "mask", []),
        (0.40, "口罩", "face mask", []),
        (0.60, "流感监测", "influenza surveillance", []),
    ]
    joint = {(zk, ek): 1 for _, zk, ek, _ in scored}
    offered = {(zk, ek): value for value, zk, ek, _ in select(scored, joint, PARAMS)}
    assert ("流感", "flu") in offered and ("口罩", "face mask") not in offered
    # Whole words still nest: 流感 ↔ influenza, seen only inside 流感监测 ↔ influenza
    # surveillance, ranks lower.
    assert offered[("流感", "influenza")] < 0.54


def test_dictionary_reads_each_part_once_whole_words_first(analyser: Analyser) -> None:
    zh = analyser.zh_term(fold("病毒感染"), "病毒感染")
    en = EnTerm.of("virus infection", "virus infection")
    found = [
        (link.zh_start, link.zh_end, link.en_index) for link in dictionary.match(zh, en, PARAMS)
    ]
    assert found == [(0, 2, 0), (2, 4, 1)]  # 病毒 → virus, 感染 → infection
    one = analyser.zh_term(fold("病毒"), "病毒")
    assert dictionary.match(one, EnTerm.of("virus", "virus"), PARAMS) == [
        dictionary.Link(0, 2, 0, dictionary.NAME, 1.0)
    ]
    # (start, end, English word) → (weight, sense). jieba keeps 病毒感染 one word: it comes
    # first even when shorter parts are preferred; 毒感 (1..3) overlaps the others.
    proposals = {
        (0, 2, 0): (1.0, 1),
        (0, 4, 0): (1.0, 2),
        (2, 4, 1): (1.0, 3),
        (1, 3, 1): (1.0, 4),
    }

    def parts(longest: bool, words: bool = True) -> list[tuple[int, int, int]]:
        chosen = dictionary.choose(zh, proposals, longest, words)
        return [(link.zh_start, link.zh_end, link.en_index) for link in chosen]

    assert parts(longest=True) == [(0, 4, 0)]
    assert parts(longest=False) == [(0, 4, 0)]
    assert parts(longest=False, words=False) == [(0, 2, 0), (2, 4, 1)]
    # A part is read in one sense per term: 病毒 for both words only when it is the same sense.
    proposals = {(0, 2, 0): (1.0, 1), (0, 2, 1): (1.0, 5)}
    assert parts(longest=True) == [(0, 2, 0)]
    proposals = {(0, 2, 0): (1.0, 1), (0, 2, 1): (1.0, 1)}
    assert parts(longest=True) == [(0, 2, 0), (0, 2, 1)]
