"""Co-occurrence evidence: logDice over segment pairs.

The strongest signal on a large corpus and meaningless on one page, so its weight grows with
the number of times the pair was seen; on small data it only breaks ties.
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping

from termx.model import Evidence

MAX_WEIGHT = 0.5


def log_dice(joint: int, f_zh: int, f_en: int) -> float:
    return 14 + math.log2(2 * joint / (f_zh + f_en))


PHRASE_BOOST = 5.0


def evidence(joint: int, f_zh: int, f_en: int, phrases: bool = False) -> Evidence:
    """``phrases``: both sides are multi-word phrases, whose chance recurrence together is
    far rarer than that of single words, so each sighting counts more."""
    dice = 2 * joint / (f_zh + f_en)
    # One sighting proves nothing.
    confidence = 1 - 1 / (1 + max(0, joint - 1) * (PHRASE_BOOST if phrases else 1.0) / 3)
    value = MAX_WEIGHT * dice * confidence
    return Evidence(
        "cooc",
        round(value, 3),
        f"{joint}/{f_zh} zh, {joint}/{f_en} en, logDice {log_dice(joint, f_zh, f_en):.1f}",
    )


class Cooccurrences:
    """Which short candidates occur in which segment, kept as integer ids (not texts), so
    that after the pass the pairs of *frequent* candidates can be counted — the terms no
    dictionary knows (隔离 ↔ quarantine, 爆发 ↔ outbreak) surface here on a large corpus."""

    def __init__(self) -> None:
        self.zh_ids: dict[str, int] = {}
        self.en_ids: dict[str, int] = {}
        self.zh_flat: array[int] = array("I")
        self.en_flat: array[int] = array("I")
        self.zh_ends: array[int] = array("I")
        self.en_ends: array[int] = array("I")

    def add(self, zh_keys: Iterable[str], en_keys: Iterable[str]) -> None:
        for key in zh_keys:
            self.zh_flat.append(self.zh_ids.setdefault(key, len(self.zh_ids)))
        for key in en_keys:
            self.en_flat.append(self.en_ids.setdefault(key, len(self.en_ids)))
        self.zh_ends.append(len(self.zh_flat))
        self.en_ends.append(len(self.en_flat))

    def frequent_pairs(
        self, f_zh: Mapping[str, int], f_en: Mapping[str, int], min_joint: int, per_term: int
    ) -> dict[tuple[str, str], int]:
        """Joint counts of the pairs of candidates seen at least ``min_joint`` times, keeping
        for each Chinese candidate the ``per_term`` English ones with the best logDice."""
        zh_keys = {i: k for k, i in self.zh_ids.items() if f_zh.get(k, 0) >= min_joint}
        en_keys = {i: k for k, i in self.en_ids.items() if f_en.get(k, 0) >= min_joint}
        if not zh_keys or not en_keys:
            return {}
        joint: Counter[tuple[int, int]] = Counter()
        zh_start = en_start = 0
        for zh_end, en_end in zip(self.zh_ends, self.en_ends, strict=True):
            zs = [z for z in self.zh_flat[zh_start:zh_end] if z in zh_keys]
            es = [e for e in self.en_flat[en_start:en_end] if e in en_keys]
            if zs and es:
                joint.update((z, e) for z in zs for e in es)
            zh_start, en_start = zh_end, en_end
        best: dict[int, list[tuple[float, int, int]]] = {}
        for (z, e), count in joint.items():
            if count >= min_joint:
                zk, ek = zh_keys[z], en_keys[e]
                best.setdefault(z, []).append((log_dice(count, f_zh[zk], f_en[ek]), e, count))
        result = {}
        for z, options in best.items():
            for _, e, count in sorted(options, reverse=True)[:per_term]:
                result[(zh_keys[z], en_keys[e])] = count
        return result
