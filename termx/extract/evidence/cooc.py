"""Co-occurrence evidence: logDice over segment pairs.

The strongest signal on a large corpus and meaningless on one page, so its weight grows with
the number of times the pair was seen; on small data it only breaks ties.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from termx.extract.evidence.base import Bound, Contribution, Link, PairContext
from termx.extract.params import ScoringParams
from termx.model import Evidence

NAME = "cooc"


def log_dice(joint: int, f_zh: int, f_en: int) -> float:
    # 14 + log2(Dice): the definition of logDice (Rychlý 2008), shown to the user, not a weight.
    return 14 + math.log2(2 * joint / (f_zh + f_en))


def measure(
    joint: int, f_zh: int, f_en: int, params: ScoringParams, phrases: bool = False
) -> Evidence:
    """``phrases``: both sides are multi-word phrases, whose chance recurrence together is
    far rarer than that of single words, so each sighting counts more."""
    return Evidence(
        NAME,
        _value(joint, f_zh, f_en, params, phrases),
        f"{joint}/{f_zh} zh, {joint}/{f_en} en, logDice {log_dice(joint, f_zh, f_en):.1f}",
    )


def _value(joint: int, f_zh: int, f_en: int, params: ScoringParams, phrases: bool) -> float:
    dice = 2 * joint / (f_zh + f_en)
    # One sighting proves nothing.
    boost = params.cooc_phrase_boost if phrases else 1.0
    confidence = 1 - 1 / (1 + max(0, joint - 1) * boost / params.cooc_confidence_scale)
    return round(params.cooc_max_weight * dice * confidence, 3)


def links(ctx: PairContext) -> list[Link]:
    return []


def opens(ctx: PairContext) -> bool:
    """Seen together often enough, a pair is worth scoring with no other evidence."""
    return ctx.joint >= ctx.params.cooc_min_joint


def bound(ctx: PairContext) -> Bound:
    phrase = len(ctx.zh.boundaries) > 1 and len(ctx.en.words) > 1
    stats = ctx.stats
    return Bound(
        support=_value(
            ctx.joint, stats.f_zh[ctx.zh.key], stats.f_en[ctx.en.key], ctx.params, phrase
        )
    )


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    stats = ctx.stats
    # A phrase on both sides that recurs together is rarely chance, even on one page.
    phrase = len(ctx.zh.boundaries) > 1 and len(ctx.en.words) > 1
    found = measure(ctx.joint, stats.f_zh[ctx.zh.key], stats.f_en[ctx.en.key], ctx.params, phrase)
    return Contribution(shown=(found,), support=(found,))


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
        codes, counts = self._pair_counts(set(zh_keys), set(en_keys), min_joint)
        width = len(self.en_ids)
        best: dict[int, list[tuple[float, int, int]]] = {}
        for pair, count in zip(codes.tolist(), counts.tolist(), strict=True):
            z, e = divmod(pair, width)
            zk, ek = zh_keys[z], en_keys[e]
            best.setdefault(z, []).append((log_dice(count, f_zh[zk], f_en[ek]), e, count))
        result = {}
        for z, options in best.items():
            for _, e, count in sorted(options, reverse=True)[:per_term]:
                result[(zh_keys[z], en_keys[e])] = count
        return result

    def _pair_counts(
        self, zh_keep: set[int], en_keep: set[int], min_joint: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The pairs of kept ids (as z * width + e) that share at least ``min_joint`` segments,
        and how many they share, in the order in which the pairs first occur (segment by
        segment, Chinese then English position).

        This runs once, after the workers, over every segment: tens of millions of pairs on a
        large corpus, too many to count one by one in Python. numpy builds each chunk's pairs
        and merges their counts into the running distinct pairs.
        """
        width = len(self.en_ids)
        zh_flat = np.frombuffer(self.zh_flat, dtype=np.uint32)
        en_flat = np.frombuffer(self.en_flat, dtype=np.uint32)
        zh_ends = np.frombuffer(self.zh_ends, dtype=np.uint32).astype(np.int64)
        en_ends = np.frombuffer(self.en_ends, dtype=np.uint32).astype(np.int64)
        zh_mask = np.zeros(len(self.zh_ids) + 1, dtype=bool)
        zh_mask[list(zh_keep)] = True
        en_mask = np.zeros(width + 1, dtype=bool)
        en_mask[list(en_keep)] = True
        # The distinct pairs so far, their counts and the position of their first occurrence.
        codes = np.zeros(0, dtype=np.int64)
        counts = np.zeros(0, dtype=np.int64)
        firsts = np.zeros(0, dtype=np.int64)
        seen_before = 0  # pairs generated by the earlier chunks
        for first in range(0, len(zh_ends), _CHUNK):
            last = min(first + _CHUNK, len(zh_ends))
            zs, z_seg = _kept(zh_flat, zh_ends, first, last, zh_mask)
            es, e_seg = _kept(en_flat, en_ends, first, last, en_mask)
            per_segment = np.bincount(e_seg, minlength=last - first)
            e_start = np.cumsum(per_segment) - per_segment
            # Each kept Chinese id pairs with every kept English id of its segment, in order.
            repeats = per_segment[z_seg]
            total = int(repeats.sum())
            if total == 0:
                continue
            step = np.arange(total) - np.repeat(np.cumsum(repeats) - repeats, repeats)
            pairs = np.repeat(zs * width, repeats)
            pairs += es[np.repeat(e_start[z_seg], repeats) + step]
            distinct, first_at, seen = np.unique(pairs, return_index=True, return_counts=True)
            # Earlier pairs come first in the concatenation, so return_index keeps their
            # first occurrence.
            merged, where, inverse = np.unique(
                np.concatenate([codes, distinct]), return_index=True, return_inverse=True
            )
            counts = np.bincount(
                inverse, weights=np.concatenate([counts, seen]), minlength=len(merged)
            ).astype(np.int64)
            firsts = np.concatenate([firsts, first_at + seen_before])[where]
            codes = merged
            seen_before += total
        frequent = counts >= min_joint
        order = np.argsort(firsts[frequent], kind="stable")
        return codes[frequent][order], counts[frequent][order]


_CHUNK = 4096  # segments per numpy pass: a few million pairs, a few tens of MB


def _kept(
    flat: np.ndarray, ends: np.ndarray, first: int, last: int, mask: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The kept ids of segments ``first``..``last`` in order, and each one's segment (0-based
    within the chunk)."""
    start = int(ends[first - 1]) if first else 0
    ids = flat[start : int(ends[last - 1])]
    lengths = np.diff(ends[first:last], prepend=start)
    segment = np.repeat(np.arange(last - first), lengths)
    keep = mask[ids]
    return ids[keep].astype(np.int64), segment[keep]
