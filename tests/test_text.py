"""Normalisation on the kind of text the seeds contain: pinyin glued to Traditional characters."""

from __future__ import annotations

import random
import re
import sys
import unicodedata
from pathlib import Path

import pytest
from conftest import TICO

from termx.text import (
    _ANNOTATION,
    _is_pinyin,
    clean,
    fold,
    han_count,
    has_han,
    latin_count,
    strip_pinyin,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("繼續(xù)拓展", "繼續拓展"),
        ("中國 (guó)軍隊", "中國軍隊"),
        ("中國（guó）軍隊", "中國軍隊"),
        ("中國(guo2)軍隊", "中國軍隊"),
        ("發(fā)現(xiàn)", "發現"),
        ("結(jié)束語(yǔ)", "結束語"),
        ("綠(lǜ)色", "綠色"),
        ("女(nv3)兵", "女兵"),
    ],
)
def test_pinyin_annotations_are_stripped(raw: str, expected: str) -> None:
    assert clean(raw) == expected


@pytest.mark.parametrize(
    "kept",
    [
        "反恐合作協調機制(QCCM)",
        "上海合作組織（上合組織）",
        "Quadrilateral Cooperation and Coordination Mechanism (QCCM)",
        "張曉剛(Zhang Xiaogang)",
        "收入 ICU (8) 的數量",
        "COVID-19 (2019)",
    ],
)
def test_real_parentheses_are_kept(kept: str) -> None:
    assert clean(kept) == kept


def test_seed_lines_lose_every_annotation() -> None:
    if not SEEDS.is_dir():
        pytest.skip("seeds/ not present")
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            cleaned = clean(line)
            # No "(pinyin)" right after a Han character survives in any seed line.
            assert strip_pinyin(cleaned) == cleaned
            assert "(xù)" not in cleaned and "(guó)" not in cleaned and "(fā)" not in cleaned


def test_clean_normalises_unicode_and_spaces() -> None:
    decomposed = "Cafe\u0301  \u00a0 menu\u200b"
    assert clean(decomposed) == "Café menu"
    assert clean("\ufeff  上合組織  ") == "上合組織"


def test_clean_keeps_script_quotes_and_case() -> None:
    text = "大力弘揚“上海精神”, the “Shanghai Spirit”"
    assert clean(text) == text


def test_fold_makes_traditional_and_simplified_one_key() -> None:
    assert fold("上合組織") == fold("上合组织") == "上合组织"
    assert fold("國防部長會議") == fold("国防部长会议")
    assert fold("軍隊") != fold("部队")


def test_fold_unifies_quotes_width_and_case() -> None:
    assert fold("“Shanghai Spirit”") == fold('"shanghai spirit"')
    assert fold("military’s") == fold("military's")
    assert fold("ＳＣＯ") == fold("SCO") == "sco"
    assert fold("「上海精神」") == fold("“上海精神”")
    assert fold("ＣＯＶＩＤ－１９\u3000危機") == "covid-19 危机"


def test_fold_of_annotated_text_matches_clean_text() -> None:
    assert fold("繼續(xù)拓展") == fold("继续拓展")


def test_script_counts() -> None:
    assert han_count("張曉剛:6月25日至26日") == 7
    assert latin_count("Zhang Xiaogang: June 25") == 17
    assert has_han("SCO 上合") and not has_han("SCO (2025)")


def _reference_clean(text: str) -> str:
    """clean() as first written, every step always run: the fast paths must not change it."""

    def keep_or_drop(match: re.Match[str]) -> str:
        return "" if _is_pinyin(match.group(1)) else match.group(0)

    text = unicodedata.normalize("NFC", _ANNOTATION.sub(keep_or_drop, text))
    text = text.replace("\u200b", "").replace("\ufeff", "")
    return re.sub(r"\s+", " ", text).strip()


def test_split_collapses_exactly_the_whitespace_of_the_regex() -> None:
    spaces = "".join(chr(code) for code in range(sys.maxunicode + 1) if re.match(r"\s", chr(code)))
    assert spaces == "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())
    assert [char for char in spaces if char.isprintable()] == [" "]
    assert not "\u200b".isprintable() and not "\ufeff".isprintable()  # what clean() removes
    assert clean(f"a{spaces}b{spaces}") == "a b"


def test_clean_is_the_reference_clean_on_real_and_tricky_text() -> None:
    texts = [
        "中國 (guó)軍隊",
        "中國\u00a0(guó)軍隊",
        "(guó)軍隊 中國(guó)",
        "中國  (guó)",
        "a (b) 中(zhōng)",
        "（上合組織） 繼續（xù）",
        "𠀀(shì)",
        "Cafe\u0301\u200b (café)",
        "\ufeff x\u3000y\x1cz ",
        " a b",
        "a b ",
        "a  b",
        "a\tb",
        "上合 組織\u2028",
        "",
    ]
    for path in sorted(SEEDS.glob("*.txt")):
        texts += path.read_text(encoding="utf-8").splitlines()
    for line in (TICO / "pairs.tsv").read_text(encoding="utf-8").splitlines():
        texts += line.split("\t")
    assert [clean(text) for text in texts] == [_reference_clean(text) for text in texts]


def test_strip_pinyin_is_the_regex_substitution_on_generated_text() -> None:
    # Seeded, so deterministic: pieces that make annotations, near misses and real parentheses.
    def reference(text: str) -> str:
        return _ANNOTATION.sub(lambda m: "" if _is_pinyin(m.group(1)) else m.group(0), text)

    pieces = ["中", "國", " ", "\u00a0", "(", ")", "（", "）", "guó", "xù", "QCCM", "a", "2", "𠀀"]
    pieces += ["國(guó)", "續 (xù)", "(zhōng guó)", "（QCCM）"]
    rng = random.Random(7)
    texts = ["".join(rng.choices(pieces, k=rng.randint(1, 10))) for _ in range(20_000)]
    assert sum(reference(text) != text for text in texts) > 2000  # annotations were generated
    assert [strip_pinyin(text) for text in texts] == [reference(text) for text in texts]
