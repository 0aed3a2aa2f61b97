"""Co-occurrence evidence: logDice over segment pairs.

The strongest signal on a large corpus and meaningless on one page, so its weight grows with
the number of times the pair was seen; on small data it only breaks ties.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence

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
        for each Chinese candidate the ``per_term`` English ones with the best logDice (ties:
        the later English id, then the larger count), Chinese candidates in the order of
        their first frequent pair.

        A Chinese id's pairs are all counted in one pass (:meth:`_passes`), so each pass is
        cut down to its contenders at once; the frequent pairs (a million at 20,000 segments)
        are never all held, nor turned into Python objects.
        """
        zh_keys = {i: k for k, i in self.zh_ids.items() if f_zh.get(k, 0) >= min_joint}
        en_keys = {i: k for k, i in self.en_ids.items() if f_en.get(k, 0) >= min_joint}
        if not zh_keys or not en_keys or per_term <= 0:
            return {}
        width = len(self.en_ids)
        zh_freq = np.zeros(len(self.zh_ids), dtype=np.int64)
        zh_freq[list(zh_keys)] = [f_zh[k] for k in zh_keys.values()]
        en_freq = np.zeros(width, dtype=np.int64)
        en_freq[list(en_keys)] = [f_en[k] for k in en_keys.values()]
        found: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for codes, counts, firsts in self._passes(set(zh_keys), set(en_keys), min_joint):
            if len(codes):
                found.append(_contenders(codes, counts, firsts, width, zh_freq, en_freq, per_term))
        if not found:
            return {}
        zs, es, counts, firsts = (np.concatenate(column) for column in zip(*found, strict=True))
        # By Chinese id in the order of its first frequent pair (each id's ``firsts`` hold
        # that number on every row), then contenders as they come.
        order = np.lexsort((np.arange(len(zs)), firsts))
        best: dict[int, list[tuple[float, int, int]]] = {}
        for z, e, count in zip(
            zs[order].tolist(), es[order].tolist(), counts[order].tolist(), strict=True
        ):
            zk, ek = zh_keys[z], en_keys[e]
            best.setdefault(z, []).append((log_dice(count, f_zh[zk], f_en[ek]), e, count))
        result = {}
        for z, options in best.items():
            for _, e, count in sorted(options, reverse=True)[:per_term]:
                result[(zh_keys[z], en_keys[e])] = count
        return result

    def shared(
        self, zh_keep: set[int], en_keep: set[int], min_joint: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """The pairs of kept ids (as zh id × number of English ids + en id, sorted) seen
        together at least ``min_joint`` times, and those counts."""
        found = [(codes, counts) for codes, counts, _ in self._passes(zh_keep, en_keep, min_joint)]
        if not found:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        codes, counts = (np.concatenate(column) for column in zip(*found, strict=True))
        order = np.argsort(codes)
        return codes[order], counts[order]

    def _passes(
        self, zh_keep: set[int], en_keep: set[int], min_joint: int, budget: int = 0
    ) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """The pairs of kept ids (as z * width + e) that share at least ``min_joint``
        segments, how many they share and the number of their first occurrence in the
        corpus's sequence of pairs (segment by segment, Chinese then English position), one
        range of Chinese ids at a time; every pair of a Chinese id comes in the same pass.

        This runs once, after the workers, over every segment: tens of millions of pairs on a
        large corpus, nine in ten of them seen once. Holding every distinct pair until the end
        cost ≈ 36 MB per 1,000 segments, so each pass takes a range of Chinese ids generating
        at most ``budget`` pairs (one id's own pairs, at most ``budget`` at a time, when it
        alone has more) and keeps only the pairs seen ``min_joint`` times: a pair's count is
        complete within the pass of its Chinese id.
        """
        budget = budget or _PASS_PAIRS
        width = len(self.en_ids)
        zh_flat = np.frombuffer(self.zh_flat, dtype=np.uint32)
        en_flat = np.frombuffer(self.en_flat, dtype=np.uint32)
        zh_mask = np.zeros(len(self.zh_ids) + 1, dtype=bool)
        zh_mask[list(zh_keep)] = True
        en_mask = np.zeros(width + 1, dtype=bool)
        en_mask[list(en_keep)] = True
        # The kept occurrences of the whole corpus, in order: ids and segments. These are the
        # only arrays as long as the corpus (≈ 20 bytes per kept Chinese occurrence).
        z_at = np.flatnonzero(zh_mask[zh_flat])
        zs = zh_flat[z_at]
        z_seg = np.searchsorted(np.frombuffer(self.zh_ends, dtype=np.uint32), z_at, "right")
        del z_at
        e_at = np.flatnonzero(en_mask[en_flat])
        es = en_flat[e_at]
        e_seg = np.searchsorted(np.frombuffer(self.en_ends, dtype=np.uint32), e_at, "right")
        del e_at
        per_segment = np.bincount(e_seg, minlength=len(self.zh_ends)).astype(np.uint32)
        del e_seg
        # Each kept Chinese occurrence pairs with every kept English id of its segment, in
        # order: ``repeats`` pairs from ``e_from`` on, numbered from ``numbers`` on.
        repeats = per_segment[z_seg]
        e_from = (np.cumsum(per_segment, dtype=np.int64) - per_segment).astype(np.uint32)[z_seg]
        del z_seg, per_segment
        numbers = np.cumsum(repeats, dtype=np.int64) - repeats
        for chosen in _ranges(zs, repeats, budget):
            # The distinct pairs of this pass so far, their counts and first numbers.
            codes = counts = firsts = np.zeros(0, dtype=np.int64)
            for block in _blocks(chosen, repeats, budget):
                r = repeats[block].astype(np.int64)
                total = int(r.sum())
                if total == 0:
                    continue
                step = np.arange(total) - np.repeat(np.cumsum(r) - r, r)
                pairs = np.repeat(zs[block].astype(np.int64) * width, r)
                pairs += es[np.repeat(e_from[block], r) + step]
                step += np.repeat(numbers[block], r)  # now each pair's number
                distinct, first_at, seen = np.unique(pairs, return_index=True, return_counts=True)
                del pairs
                if not len(codes):
                    codes, counts, firsts = distinct, seen, step[first_at]
                    continue
                # Earlier blocks come first in the concatenation, so return_index keeps
                # their first occurrence.
                merged, where, inverse = np.unique(
                    np.concatenate([codes, distinct]), return_index=True, return_inverse=True
                )
                counts = np.bincount(
                    inverse, weights=np.concatenate([counts, seen]), minlength=len(merged)
                ).astype(np.int64)
                firsts = np.concatenate([firsts, step[first_at]])[where]
                codes = merged
            frequent = counts >= min_joint
            yield codes[frequent], counts[frequent], firsts[frequent]


def _contenders(
    codes: np.ndarray,
    counts: np.ndarray,
    firsts: np.ndarray,
    width: int,
    zh_freq: np.ndarray,
    en_freq: np.ndarray,
    per_term: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Of one pass's frequent pairs, those that can be among their Chinese id's ``per_term``
    best by logDice: Chinese ids, English ids, counts, and on each row the number of its
    Chinese id's first frequent pair.

    logDice only orders as Dice does, but 14 + log2 rounds nearby Dice values to the same
    float, and equal logDice values are then ordered by English id: every pair whose Dice
    is within a relative 1e-9 of the ``per_term``-th best is kept for the exact comparison.
    Dice itself is computed as in :func:`log_dice` (float division of exact integers)."""
    zs, es = np.divmod(codes, width)
    dice = 2 * counts / (zh_freq[zs] + en_freq[es])
    by_id = np.lexsort((-dice, zs))  # by Chinese id, best Dice first
    ids = zs[by_id]
    starts = np.flatnonzero(np.concatenate([[True], ids[1:] != ids[:-1]]))
    sizes = np.diff(np.append(starts, len(ids)))
    nth = dice[by_id][starts + np.minimum(sizes, per_term) - 1]
    keep = by_id[dice[by_id] >= np.repeat(nth * (1 - 1e-9), sizes)]
    first = np.minimum.reduceat(firsts[by_id], starts)
    first_of = np.zeros(int(ids[-1]) + 1, dtype=np.int64)
    first_of[ids[starts]] = first
    return zs[keep], es[keep], counts[keep], first_of[zs[keep]]


# Pairs generated at a time while counting: ≈ 50 bytes each with numpy's temporaries.
_PASS_PAIRS = 1 << 18


def _ranges(zs: np.ndarray, repeats: np.ndarray, budget: int) -> Iterator[np.ndarray]:
    """The kept Chinese occurrences (indexes into ``zs``, in corpus order) of each range of
    Chinese ids that generates at most ``budget`` pairs (a single id may generate more)."""
    generated = np.cumsum(np.bincount(zs, weights=repeats))
    low = 0
    while low < len(generated):
        before = generated[low - 1] if low else 0.0
        high = max(int(np.searchsorted(generated, before + budget, "right")), low + 1)
        yield np.flatnonzero((zs >= low) & (zs < high))
        low = high


def _blocks(chosen: np.ndarray, repeats: np.ndarray, budget: int) -> Iterator[np.ndarray]:
    """``chosen`` cut into consecutive blocks generating about ``budget`` pairs each."""
    generated = np.cumsum(repeats[chosen])
    first = 0
    while first < len(chosen):
        before = int(generated[first - 1]) if first else 0
        last = max(int(np.searchsorted(generated, before + budget, "right")), first + 1)
        yield chosen[first:last]
        first = last
