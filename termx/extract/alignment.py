"""A statistical word alignment of the corpus: IBM Model 1 in both directions, by EM.

logDice (``evidence/cooc.py``) ranks each Chinese word's partners by how often they come
together; it does not explain away an English word that another Chinese word of the segment
already translates, so a word's frequent neighbours win over its translation (呼吸 is glossed
"to breathe"; in the corpus it is "respiratory", next to "syndrome", "disease", "acute").
IBM Model 1 shares each English word of a segment among the Chinese words there, in
proportion to what they are believed to mean, and re-estimates those beliefs from the shares
(expectation-maximisation): a word whose companions are explained by others is left with
its own translation.

The corpus is the one the co-occurrence counts already keep (``cooc.Cooccurrences``: per
segment, integer ids of its short candidates). Only single words are aligned (a Chinese
candidate that is one jieba word, an English one of one word), each once per segment. The
translation table holds only the word pairs seen together in two segments or more, or that
CC-CEDICT gives (the dictionary is also the prior: those pairs start, and stay, a little
ahead). Each EM pass streams over the segments a block at a time, vectorised with numpy, so
the memory is the table (≈ 40 bytes a pair) and the word arrays (8 bytes a word), never every
sighting of every pair at once.

It is trained only when ``ScoringParams.word_alignment`` is set (off by default: see there
what it gains and costs). The model says nothing on a small input (fewer than
``cooc_min_segments`` pairs): on a page or two, where one sighting is all there is, it would
only restate the co-occurrence.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from termx.extract.evidence.cooc import Cooccurrences
from termx.extract.lexicon import content_words
from termx.extract.params import ScoringParams
from termx.text import is_han

if TYPE_CHECKING:  # the corpus module imports cooc, which this one imports
    from termx.extract.corpus import Analyser

# English-Chinese word pairs generated at a time in an EM pass (≈ 60 bytes each with numpy's
# temporaries): a bound on the pass's working memory, not a weight.
_BLOCK_PAIRS = 1 << 16


@dataclass(frozen=True)
class Alignment:
    """What the model learned: the symmetrised translation probability of word pairs (see
    :func:`_symmetric`), those of at least ``align_min_p`` seen ``cooc_min_joint`` times, keyed by
    the Chinese word (Simplified) and the English word's key; and the candidate pairs (keys)
    that it pairs with how many segments they share."""

    probability: dict[tuple[str, str], float]
    pairs: dict[tuple[str, str], int]

    def p(self, zh: str, en_key: str) -> float:
        return self.probability.get((zh, en_key), 0.0)


NOTHING = Alignment({}, {})


def align(
    cooccurrences: Cooccurrences,
    segments: int,
    words: WordFacts,
    params: ScoringParams,
) -> Alignment:
    """Train the model on the corpus (``segments`` pairs) and keep what it is sure of."""
    if not params.word_alignment or segments < params.cooc_min_segments:
        return NOTHING
    zh_keys = {i: k for k, i in cooccurrences.zh_ids.items() if words.zh_word(k)}
    en_keys = {i: k for k, i in cooccurrences.en_ids.items() if words.en_word(k)}
    if not zh_keys or not en_keys:
        return NOTHING
    # English words are aligned by their key (quarantine, quarantined: one word), Chinese
    # words by their candidate id.
    key_ids: dict[str, int] = {}
    zh_map = np.full(len(cooccurrences.zh_ids) + 1, -1, dtype=np.int32)
    zh_map[list(zh_keys)] = list(zh_keys)
    en_map = np.full(len(cooccurrences.en_ids) + 1, -1, dtype=np.int32)
    for e, ek in en_keys.items():
        en_map[e] = key_ids.setdefault(words.key_of(ek), len(key_ids))
    width, candidates = len(key_ids), len(cooccurrences.en_ids)
    # The candidate pairs seen together often enough, as pairs of words (zh × width + en).
    shared, counts = cooccurrences.shared(set(zh_keys), set(en_keys), params.align_min_joint)
    as_words = shared // candidates * width + en_map[shared % candidates]
    prior = _prior(zh_keys, key_ids, width, words)
    table = np.union1d(as_words, prior)
    row = np.searchsorted(table, as_words)  # each candidate pair's word pair
    del as_words
    model = _Model(table, np.isin(table, prior, assume_unique=True), width, len(zh_map), params)
    del prior
    zh_tokens, zh_ends = _tokens(cooccurrences.zh_flat, cooccurrences.zh_ends, zh_map)
    en_tokens, en_ends = _tokens(cooccurrences.en_flat, cooccurrences.en_ends, en_map)
    for _ in range(params.align_iterations):
        model.step(_blocks(zh_tokens, zh_ends, en_tokens, en_ends, width, table))
    del zh_tokens, en_tokens
    symmetric = _symmetric(*model.probabilities())
    del model
    # How often each word pair was seen together (its inflections' counts summed).
    seen = np.bincount(row, counts, len(table))
    sure = np.flatnonzero((symmetric >= params.align_min_p) & (seen >= params.cooc_min_joint))
    zs, es = np.divmod(table[sure], width)
    en_words = {i: key for key, i in key_ids.items()}
    probability = {
        (zh_keys[z], en_words[e]): round(p, 3)
        for z, e, p in zip(zs.tolist(), es.tolist(), symmetric[sure].tolist(), strict=True)
    }
    # The candidate pairs of sure word pairs, seen together often enough to be scored.
    chosen = np.flatnonzero(
        (symmetric[row] >= params.align_pair_p) & (counts >= params.cooc_min_joint)
    )
    zs, es = np.divmod(shared[chosen], candidates)
    pairs = {
        (zh_keys[z], en_keys[e]): count
        for z, e, count in zip(zs.tolist(), es.tolist(), counts[chosen].tolist(), strict=True)
    }
    return Alignment(probability, pairs)


class WordFacts:
    """What the model asks of a candidate key: whether it is one word, and an English word's
    key (the Analyser's ``word_key``), and the dictionary's glosses of a Chinese word."""

    def __init__(self, analyser: Analyser) -> None:
        self.analyser = analyser

    def zh_word(self, key: str) -> bool:
        return all(map(is_han, key)) and len(self.analyser.words(key)) == 1

    def en_word(self, key: str) -> bool:
        return " " not in key and key.isalpha() and content_words(key) == [key]

    def key_of(self, en: str) -> str:
        return self.analyser.word_key(en)

    def glosses(self, zh: str) -> set[str]:
        return {key for key, _, _ in self.analyser.keyed_senses(zh)}


def _prior(
    zh_keys: dict[int, str], key_ids: dict[str, int], width: int, words: WordFacts
) -> np.ndarray:
    """The table codes (zh id × width + English word id) of the pairs CC-CEDICT gives: the
    English word's key is a word of one of the Chinese word's glosses."""
    codes = [
        z * width + key_ids[gloss]
        for z, zk in zh_keys.items()
        for gloss in words.glosses(zk)
        if gloss in key_ids
    ]
    return np.unique(np.array(codes, dtype=np.int64))


def _tokens(flat: array[int], ends: array[int], new: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The words of each segment (``new[id]`` of its ids, -1 left out), each once, sorted, as
    one array and the segments' ends in it."""
    ids = new[np.frombuffer(flat, dtype=np.uint32)]
    at = np.flatnonzero(ids >= 0)
    segment = np.searchsorted(np.frombuffer(ends, dtype=np.uint32), at, "right")
    size = int(new.max()) + 1
    codes = np.unique(segment.astype(np.int64) * size + ids[at])
    segment, token = np.divmod(codes, size)
    return token.astype(np.uint32), np.searchsorted(segment, np.arange(len(ends)), "right")


def _symmetric(forward: np.ndarray, backward: np.ndarray) -> np.ndarray:
    """One probability for both directions: their geometric mean. The smaller of the two
    lets one direction's split veto a pair (respiratory is shared between 呼吸 and 呼吸道,
    so p(呼吸 | respiratory) is low, while p(respiratory | 呼吸) is high); one direction alone
    lets a rare word's garbage collection through (a word seen twice takes whatever comes
    with it). Tried on the halves: the minimum and p(en | zh) (with p(zh | en) ≥ 0.1)
    changed no figure, the geometric mean gained one recall."""
    return np.sqrt(forward * backward)


def _blocks(
    zh: np.ndarray,
    zh_ends: np.ndarray,
    en: np.ndarray,
    en_ends: np.ndarray,
    width: int,
    table: np.ndarray,
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """Blocks of consecutive segments generating about ``_BLOCK_PAIRS`` word pairs each:
    for each pair in the table, its table index, its Chinese and English token (numbered
    from 0 in the block), and the block's Chinese and English ids."""
    zh_starts = np.concatenate([[0], zh_ends[:-1]])
    en_starts = np.concatenate([[0], en_ends[:-1]])
    generated = np.cumsum((zh_ends - zh_starts) * (en_ends - en_starts))
    first = 0
    while first < len(zh_ends):
        before = int(generated[first - 1]) if first else 0
        last = max(int(np.searchsorted(generated, before + _BLOCK_PAIRS, "right")), first + 1)
        z0, z1 = int(zh_starts[first]), int(zh_ends[last - 1])
        e0, e1 = int(en_starts[first]), int(en_ends[last - 1])
        first_seg = first
        first = last
        if z0 == z1 or e0 == e1:
            continue
        # Each Chinese token pairs with every English token of its segment.
        z_seg = np.searchsorted(zh_ends[first_seg:last], np.arange(z0, z1), "right")
        per_segment = (en_ends - en_starts)[first_seg:last]
        repeats = per_segment[z_seg]
        e_from = (en_starts[first_seg:last] - e0)[z_seg]
        total = int(repeats.sum())
        if total == 0:
            continue
        step = np.arange(total) - np.repeat(np.cumsum(repeats) - repeats, repeats)
        zi = np.repeat(np.arange(z1 - z0), repeats)
        ei = np.repeat(e_from, repeats) + step
        codes = zh[z0:z1][zi].astype(np.int64) * width + en[e0:e1][ei]
        at = np.minimum(np.searchsorted(table, codes), len(table) - 1)
        hit = table[at] == codes
        yield at[hit], zi[hit], ei[hit], zh[z0:z1], en[e0:e1]


class _Model:
    """The two translation tables, p(en | zh) and p(zh | en), over the same pairs, each
    with a NULL word that takes what no word of the segment explains."""

    def __init__(
        self,
        table: np.ndarray,
        seeded: np.ndarray,
        width: int,
        zh_size: int,
        params: ScoringParams,
    ) -> None:
        zs, es = np.divmod(table, width)
        self.zs, self.es = zs.astype(np.int32), es.astype(np.int32)
        self.zh_size, self.en_size = zh_size, width
        # The dictionary's pairs get this many extra expected sightings in every M step (a
        # Dirichlet prior): they start ahead and keep a lead the corpus can still overturn.
        self.seeded, self.prior = seeded, params.align_prior
        start = 1.0 + seeded * self.prior
        self.forward = start / np.bincount(self.zs, start, zh_size)[self.zs]
        self.backward = start / np.bincount(self.es, start, width)[self.es]
        self.null_en = np.full(width, params.align_null)  # p(en word | NULL)
        self.null_zh = np.full(zh_size, params.align_null)  # p(zh word | NULL)

    def step(
        self, blocks: Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]]
    ) -> None:
        """One EM pass: expected counts over every block, then the new tables."""
        size = len(self.zs)
        forward_counts, backward_counts = np.zeros(size), np.zeros(size)
        null_en, null_zh = np.zeros(self.en_size), np.zeros(self.zh_size)
        for at, zi, ei, zh, en in blocks:
            # p(en | zh): each English token shared among its segment's Chinese words + NULL.
            weights = self.forward[at]
            total = np.bincount(ei, weights, len(en)) + self.null_en[en]
            forward_counts += np.bincount(at, weights / total[ei], size)
            null_en += np.bincount(en, self.null_en[en] / total, self.en_size)
            weights = self.backward[at]
            total = np.bincount(zi, weights, len(zh)) + self.null_zh[zh]
            backward_counts += np.bincount(at, weights / total[zi], size)
            null_zh += np.bincount(zh, self.null_zh[zh] / total, self.zh_size)
        forward_counts[self.seeded] += self.prior
        backward_counts[self.seeded] += self.prior
        self.forward = forward_counts / _nonzero(np.bincount(self.zs, forward_counts))[self.zs]
        self.backward = backward_counts / _nonzero(np.bincount(self.es, backward_counts))[self.es]
        self.null_en = null_en / max(null_en.sum(), 1e-12)
        self.null_zh = null_zh / max(null_zh.sum(), 1e-12)

    def probabilities(self) -> tuple[np.ndarray, np.ndarray]:
        return self.forward, self.backward


def _nonzero(values: np.ndarray) -> np.ndarray:
    return np.where(values > 0, values, 1.0)
