"""The bounded counting of co-occurring pairs (evidence/cooc.py) on real text: the same pairs,
counts and order as a plain count of every pair, whatever the size of a counting pass."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np
import pytest
from conftest import TICO

from termx.extract.evidence.cooc import Cooccurrences, log_dice
from termx.io import read_pairs

MIN_JOINT = 3


@pytest.fixture(scope="module")
def segments() -> list[tuple[list[str], list[str]]]:
    """tico19's real pairs as the counter sees them: Chinese keys (here every Han character
    and character bigram, in text order) and English keys (lower-cased words)."""
    found = []
    for pair in read_pairs(TICO / "pairs.tsv"):
        han = "".join(re.findall(r"[\u4e00-\u9fff]", pair.zh))
        zh = [han[i : i + n] for i in range(len(han)) for n in (1, 2) if i + n <= len(han)]
        found.append((zh, re.findall(r"[a-z]+", pair.en.lower())))
    return found


@pytest.fixture(scope="module")
def counted(segments: list[tuple[list[str], list[str]]]) -> Cooccurrences:
    cooc = Cooccurrences()
    for zh, en in segments:
        cooc.add(zh, en)
    return cooc


def _frequencies(segments: list[tuple[list[str], list[str]]]) -> tuple[Counter[str], Counter[str]]:
    return Counter(k for zh, _ in segments for k in zh), Counter(
        k for _, en in segments for k in en
    )


def _plain_count(
    segments: list[tuple[list[str], list[str]]], zh_keep: set[str], en_keep: set[str]
) -> dict[tuple[str, str], int]:
    """Every pair of every segment, one by one, in first-occurrence order."""
    counts: dict[tuple[str, str], int] = {}
    for zh, en in segments:
        for z in zh:
            if z in zh_keep:
                for e in en:
                    if e in en_keep:
                        counts[(z, e)] = counts.get((z, e), 0) + 1
    return {pair: n for pair, n in counts.items() if n >= MIN_JOINT}


def _pair_counts(
    counted: Cooccurrences, zh_keep: set[int], en_keep: set[int], budget: int
) -> tuple[np.ndarray, np.ndarray]:
    """Every pass's frequent pairs (as z * width + e) and counts, in first-occurrence order."""
    found = list(counted._passes(zh_keep, en_keep, MIN_JOINT, budget))
    codes, counts, firsts = (np.concatenate(column) for column in zip(*found, strict=True))
    order = np.argsort(firsts)
    return codes[order], counts[order]


@pytest.mark.parametrize("budget", [1, 7, 1_000, 50_000, 0])
def test_bounded_passes_count_every_pair_in_first_occurrence_order(
    segments: list[tuple[list[str], list[str]]], counted: Cooccurrences, budget: int
) -> None:
    # budget 1: one Chinese id per pass and one occurrence per block (the path of an id
    # whose pairs alone exceed a pass); 0: the default pass size (one pass here).
    f_zh, f_en = _frequencies(segments)
    zh_keep = {k for k, n in f_zh.items() if n >= MIN_JOINT}
    en_keep = {k for k, n in f_en.items() if n >= MIN_JOINT}
    expected = _plain_count(segments, zh_keep, en_keep)
    zh_of = {i: k for k, i in counted.zh_ids.items()}
    en_of = {i: k for k, i in counted.en_ids.items()}
    width = len(counted.en_ids)
    codes, counts = _pair_counts(
        counted,
        {counted.zh_ids[k] for k in zh_keep},
        {counted.en_ids[k] for k in en_keep},
        budget,
    )
    got = [
        ((zh_of[c // width], en_of[c % width]), n)
        for c, n in zip(codes.tolist(), counts.tolist(), strict=True)
    ]
    assert len(expected) > 10_000  # real work: many passes at the small budgets
    assert got == list(expected.items())


def test_frequent_pairs_keep_each_chinese_keys_best_partners_in_order(
    segments: list[tuple[list[str], list[str]]], counted: Cooccurrences
) -> None:
    f_zh, f_en = _frequencies(segments)
    zh_keep = {k for k, n in f_zh.items() if n >= MIN_JOINT}
    en_keep = {k for k, n in f_en.items() if n >= MIN_JOINT}
    en_ids = counted.en_ids
    options: dict[str, list[tuple[float, int, int, str]]] = {}
    for (z, e), n in _plain_count(segments, zh_keep, en_keep).items():
        options.setdefault(z, []).append((log_dice(n, f_zh[z], f_en[e]), en_ids[e], n, e))
    for per_term in (1, 3, 10):
        expected = {
            (z, e): n
            for z, found in options.items()
            for _, _, n, e in sorted(found, reverse=True)[:per_term]
        }
        got = counted.frequent_pairs(f_zh, f_en, MIN_JOINT, per_term)
        assert list(got.items()) == list(expected.items())
    # Many Chinese keys have tied logDice partners (ordered by English id): the cut is exact.
    assert any(len({o[0] for o in found}) < len(found) for found in options.values())
