"""Several renderings of one term are one entry with variants (issue 12 item 4): a plural and
an -ing form are kept with the term, not offered as rival candidates, and any of them counts
when the list is evaluated."""

from __future__ import annotations

import pytest
from conftest import TICO

from termx import extract
from termx.extract import ExtractOptions
from termx.extract.evaluate import evaluate, parse_gold
from termx.extract.lexicon import family, form_key
from termx.extract.params import ScoringParams
from termx.extract.select import select, variants
from termx.io import read_pairs
from termx.model import TermPair


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("laboratory tests", "laboratory testing"),
        ("stay-at-home order", "stay at home orders"),
        ("symptoms of a LRTI", "symptoms of LRTI"),
        ("hospitalised", "hospitalized"),
        ("sneeze", "sneezing"),
    ],
)
def test_inflections_and_spellings_are_one_family(one: str, other: str) -> None:
    assert family(one) == family(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        # Derivations and other terms: the stem key (lexicon.word_key) joins these, a
        # family must not.
        ("vaccine", "vaccination"),
        ("prisoners", "prison"),
        ("epidemiology", "epidemiologists"),
        ("vitamin A", "vitamin"),
        ("close contact with someone", "close contact"),
    ],
)
def test_derivations_and_longer_terms_are_other_families(one: str, other: str) -> None:
    assert family(one) != family(other)


def test_form_key_leaves_short_words_alone() -> None:
    # "-ing" is cut only from a word long enough to have a stem before it.
    assert form_key("sing") == "sing"
    assert form_key("Ring") == "ring"
    assert form_key("testing") == form_key("tests") == "test"


def test_a_variant_frees_its_place_for_a_real_alternative() -> None:
    params = ScoringParams()
    scored = [
        (0.40, "检测", "testing", []),
        (0.38, "检测", "test", []),
        (0.36, "检测", "tests", []),
        (0.35, "检测", "detection", []),
        (0.34, "检测", "screening", []),
    ]
    joint = {(zk, ek): 1 for _, zk, ek, _ in scored}
    chosen = select(scored, joint, params)
    assert [ek for _, _, ek, _ in chosen] == ["testing", "detection", "screening"]
    assert variants(scored, chosen, params) == {("检测", "testing"): ("test", "tests")}


@pytest.fixture(scope="module")
def slice_candidates() -> list[TermPair]:
    return extract(read_pairs(TICO / "pairs.tsv"), ExtractOptions())


def test_extracted_entries_carry_their_forms(slice_candidates: list[TermPair]) -> None:
    by_pair = {(pair.zh, pair.en): pair for pair in slice_candidates}
    # Seen on the CC0 TICO-19 slice: 检测 is translated test, tests and testing.
    test = by_pair[("检测", "test")]
    assert set(test.variants) == {"tests", "testing"}
    assert ("检测", "testing") not in by_pair and ("检测", "tests") not in by_pair
    assert by_pair[("咳嗽", "cough")].variants == ("coughing",)


def test_no_term_offers_two_renderings_of_one_family(
    slice_candidates: list[TermPair],
) -> None:
    seen: dict[str, set[tuple[str, ...]]] = {}
    with_variants = 0
    for pair in slice_candidates:
        families = seen.setdefault(pair.zh, set())
        assert family(pair.en) not in families, pair
        families.add(family(pair.en))
        for form in pair.variants:
            assert family(form) == family(pair.en), (pair.en, form)
        with_variants += bool(pair.variants)
    assert with_variants > 50


def test_evaluation_counts_a_variant_as_the_entry(slice_candidates: list[TermPair]) -> None:
    gold = parse_gold("咳嗽\tcoughing\n检测\ttesting\n")
    report = evaluate(slice_candidates, gold, k=len(slice_candidates))
    assert report.overall.found == 2
    assert report.pairing_correct == report.pairing_offered == 2
    # The same list without the variants does not have them.
    bare = [TermPair(p.zh, p.en, p.score, p.frequency) for p in slice_candidates]
    assert evaluate(bare, gold, k=len(bare)).overall.found == 0
