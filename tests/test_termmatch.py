"""The term matcher on real text: longest match, script folding, English tolerance, speed path."""

from __future__ import annotations

import pytest
from conftest import REPO, TICO

from termx.check.matcher import Match, TermMatcher, english_inflections, fold_fast, longest
from termx.text import fold

# From seeds/000 (Traditional, as published) and its English paragraph.
ZH = (
    "記者:據報道,上海合作組織成員國國防部長會議在山東青島舉行。"
    "請介紹中國軍隊參與上合組織防務安全合作情況。"
)
EN = (
    "Question: It is reported that the SCO Defense Ministers' Meeting is held in Qingdao, "
    "Shandong Province. Please brief us on the Chinese military’s participation in the SCO "
    "defense and security cooperation."
)


def _found(matcher: TermMatcher, text: str) -> list[str]:
    folded = fold_fast(text)
    return [folded[m.start : m.end] for m in matcher.find(folded, text)]


def test_longest_match_wins_and_simplified_terms_find_traditional_text() -> None:
    matcher = TermMatcher(["上海合作组织", "合作", "上合组织", "成员国"], "zh")
    assert _found(matcher, ZH) == ["上海合作组织", "成员国", "上合组织", "合作"]
    keys = [m.key for m in matcher.find(fold_fast(ZH), ZH)]
    assert keys.count("合作") == 1  # the 合作 inside 上海合作組織 is hidden, the last one is not


def test_traditional_glossary_terms_find_simplified_text() -> None:
    matcher = TermMatcher(["上合組織"], "zh")
    assert matcher.find_keys(fold_fast("中国军队将与上合组织成员国军队")) == {"上合组织"}


def test_english_tolerates_case_plural_and_possessive_but_not_other_words() -> None:
    matcher = TermMatcher(["Defense Minister", "member state", "Chinese military"], "en")
    text = "Chinese Military’s role: the DEFENSE MINISTERS' meeting of member states"
    assert _found(matcher, text) == ["chinese military", "defense ministers", "member states"]
    assert _found(matcher, "defence minister; member statement; Chinese militarys") == []


def test_word_boundaries_for_latin_edges_only() -> None:
    matcher = TermMatcher(["art", "COVID-19 危机"], "zh")
    assert _found(matcher, "the party") == []
    assert _found(matcher, "the art party") == ["art"]
    assert _found(matcher, "应对COVID-19 危机的措施") == ["covid-19 危机"]
    assert _found(matcher, "XCOVID-19 危机") == []


def test_short_acronyms_must_be_in_capitals() -> None:
    matcher = TermMatcher(["WHO", "SCO"], "en")
    assert _found(matcher, "who said it? WHO did, and the SCO's members") == ["who", "sco"]
    assert _found(matcher, "Who knows") == []


def test_inflections() -> None:
    assert english_inflections("member state") == {"member states"}
    assert english_inflections("symptoms") == {"symptom"}
    assert english_inflections("confirmed cases") == {"confirmed case"}
    assert english_inflections("city") == {"cities"}
    assert english_inflections("virus") == {"viruses"}
    assert english_inflections("crisis") == {"crises"}
    assert english_inflections("covid-19") == set()


def test_longest_resolves_overlaps_in_text_order() -> None:
    hits = [Match(0, 3, "a"), Match(2, 8, "b"), Match(7, 9, "c"), Match(9, 11, "d")]
    assert longest(hits) == [Match(2, 8, "b"), Match(9, 11, "d")]


def test_fold_fast_is_fold_on_real_text() -> None:
    texts = [ZH, EN, "ＡＢＣ　上合組織", "“SCO”\u00a0 ‘x’ ", "①Ⅻ ﬁ", "  a\tb "]
    for path in sorted((REPO / "seeds").glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    for line in (TICO / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        texts += line.split("\t")
    assert len(texts) > 20
    assert [fold_fast(text) for text in texts] == [fold(text) for text in texts]


def test_empty_matcher_finds_nothing() -> None:
    assert TermMatcher([], "en").find("anything") == []
    assert len(TermMatcher(["", "  "], "zh")) == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_glossary_form_is_not_shadowed_by_an_inflection(lang: str) -> None:
    matcher = TermMatcher(["case", "cases"], lang)  # type: ignore[arg-type]
    assert matcher.find_keys("two cases") == {"cases"}
    assert matcher.find_keys("one case") == {"case"}


def test_byte_offsets_come_back_as_character_offsets() -> None:
    # Full-width, astral (4 UTF-8 bytes) and ASCII characters before and between the terms.
    matcher = TermMatcher(["上合组织", "𠀀字", "COVID-19 危机", "合作"], "zh")
    text = "ＳＣＯ，𠀀字與上合組織、COVID-19 危機和合作"
    folded = fold_fast(text)
    found = matcher.find(folded, text)
    assert [folded[m.start : m.end] for m in found] == ["𠀀字", "上合组织", "covid-19 危机", "合作"]
    assert [text[m.start : m.end] for m in found] == ["𠀀字", "上合組織", "COVID-19 危機", "合作"]


def test_find_is_the_longest_of_find_all_on_real_text() -> None:
    tico = TICO
    gold = [line.split("\t") for line in (tico / "gold_terms.tsv").read_text("utf-8").splitlines()]
    lines = [line.split("\t") for line in (tico / "pairs.tsv").read_text("utf-8").splitlines()]
    for lang, column in (("zh", 0), ("en", 1)):
        matcher = TermMatcher([row[column] for row in gold], lang)  # type: ignore[arg-type]
        total = 0
        for line in lines:
            text = line[column]
            folded = fold_fast(text)
            everything = matcher.find_all(folded, text)
            assert matcher.find(folded, text) == longest(everything)
            for match in everything:
                spelling = folded[match.start : match.end]
                assert spelling == match.key or spelling in english_inflections(match.key)
            total += len(everything)
        assert total > 100


def test_longest_hits_sweep_equals_the_quadratic_definition() -> None:
    # The sort + bisect sweep must choose exactly what "longest first, then leftmost, skip
    # whatever overlaps a chosen one" chooses, on many overlapping layouts (seeded, so the
    # same every run).
    import random

    from termx.check.matcher import longest_hits

    def reference(hits: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str, int]]:
        chosen: list[tuple[int, int, str, int]] = []
        for hit in sorted(hits, key=lambda h: (-h[3], h[0])):
            if all(hit[1] <= kept[0] or hit[0] >= kept[1] for kept in chosen):
                chosen.append(hit)
        return sorted(chosen)

    chance = random.Random(5)
    for _ in range(2000):
        hits = []
        for number in range(chance.randint(2, 12)):
            start = chance.randint(0, 30)
            length = chance.randint(1, 8)
            hits.append((start, start + length, f"k{number}", length))
        assert longest_hits(hits) == reference(hits)
