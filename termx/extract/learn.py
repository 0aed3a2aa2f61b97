"""Dictionary learning: word pairs a large corpus pairs consistently become dictionary
entries for the run."""

from __future__ import annotations

import re
from collections.abc import Mapping

from termx.extract.alignment import WordFacts, align
from termx.extract.corpus import Analyser, Stats
from termx.extract.lexicon import content_words
from termx.text import is_han, to_simplified


def learn_from_corpus(stats: Stats, analyser: Analyser) -> Analyser:
    """After counting: on a corpus (``cooc_min_segments`` pairs or more) the pairs that recur
    together are counted as seen together and teach the dictionary their words; the Analyser
    returned knows them (on a page or two, counting proves nothing: ``analyser`` itself)."""
    params = analyser.params
    cooccurring = (
        stats.cooccurrences.frequent_pairs(
            stats.f_zh, stats.f_en, params.cooc_min_joint, params.cooc_per_term
        )
        if stats.segments >= params.cooc_min_segments
        else {}
    )
    stats.alignment = align(stats.cooccurrences, stats.segments, WordFacts(analyser), params)
    # The model's sure pairs that nothing else counted are counted as seen together (呼吸 ↔
    # respiratory: no anchor links them, and logDice prefers "syndrome"); the counts of the
    # pairs already counted stay as they were.
    found = stats.alignment.pairs.items()
    stats.raise_joint({k: v for k, v in found if k not in stats.joint and k not in cooccurring})
    stats.raise_joint(cooccurring)
    keys: dict[str, str] = {}
    learned = learn_words(cooccurring, stats, analyser, keys)
    stats.raise_joint(linked_by_learned(keys, stats))
    return analyser.extended(learned)


def linked_by_learned(keys: Mapping[str, str], stats: Stats) -> dict[tuple[str, str], int]:
    """The pairs a learned word would have linked had the dictionary known it while the
    corpus was counted, with the number of segments holding both: a Chinese candidate that
    contains a learned word (强制隔离, 隔离 ↔ quarantine) and an English one that has its
    English as whole words ("mandatory quarantine"), seen together fewer times than
    co-occurrence needs. Linking ran before learning, so a pair whose only shared anchor is
    a learned word was never counted, and scoring, which knows the word, never saw it.
    Counted over the short candidates co-occurrence keeps (``cooc_max_zh`` characters,
    ``cooc_max_en_words`` words); pairs already counted keep their counts."""
    if not keys:
        return {}
    cooc = stats.cooccurrences
    # One alternation each (searched in C): a corpus has a million candidates and a hundred
    # learned words. The learned word alone is left out: co-occurrence chose its partners.
    zh_words = re.compile("|".join(map(re.escape, sorted(keys, key=len, reverse=True))))
    en_words = re.compile(
        r"(?<!\S)(?:" + "|".join(map(re.escape, sorted(set(keys.values())))) + r")(?!\S)"
    )
    zh_keys = {i: zk for zk, i in cooc.zh_ids.items() if zh_words.search(zk) and zk not in keys}
    # The English each one's learned words want (usually one).
    wants = {i: [f" {en} " for word, en in keys.items() if word in zk] for i, zk in zh_keys.items()}
    en_keys = {i: ek for ek, i in cooc.en_ids.items() if en_words.search(ek)}
    if not zh_keys or not en_keys:
        return {}
    codes, counts = cooc.shared(set(zh_keys), set(en_keys), 1)
    width = len(cooc.en_ids)
    found = {}
    for code, count in zip(codes.tolist(), counts.tolist(), strict=True):
        z, e = divmod(code, width)
        zk, ek = zh_keys[z], en_keys[e]
        # Both sides must hold the same learned pair, not two different ones.
        if (zk, ek) not in stats.joint and any(en in f" {ek} " for en in wants[z]):
            found[(zk, ek)] = count
    return found


def learn_words(
    cooccurring: Mapping[tuple[str, str], int],
    stats: Stats,
    analyser: Analyser,
    keys: dict[str, str] | None = None,
) -> dict[str, tuple[str, ...]]:
    """Words that a large corpus pairs consistently (隔离 ↔ quarantine, 洗手液 ↔ hand
    sanitizer) become dictionary entries for this run, so that they are explained and longer
    terms built on them (隔离措施 ↔ quarantine measures) are too. A word whose dictionary
    translation the corpus already uses (洗手 ↔ hands) learns nothing from what merely goes
    with it (soap). ``keys``, if given, receives the same pairs as candidate keys."""
    params = analyser.params
    options: dict[str, list[tuple[float, str]]] = {}
    best_zh: dict[str, tuple[float, str]] = {}
    for (zk, ek), count in sorted(cooccurring.items()):
        if count < params.learn_min_joint or not all(map(is_han, zk)):
            continue
        dice = 2 * count / (stats.f_zh[zk] + stats.f_en[ek])
        if dice >= params.learn_min_dice:
            options.setdefault(zk, []).append((dice, ek))
            best_zh[ek] = max(best_zh.get(ek, (0.0, "")), (dice, zk))
    learned: dict[str, tuple[str, ...]] = {}
    for zk, found in options.items():
        words = [option for option in found if " " not in option[1]]
        if not words:
            continue
        dice, ek = max(words)
        senses = analyser.cedict.senses(to_simplified(zk), analyser.word_key)
        if _translated(zk, senses, stats, cooccurring[(zk, ek)], analyser):
            continue
        # One unknown word, widened by the words the dictionary confirms: "sanitizer" always
        # with "hand", which 洗手液 glosses (liquid hand soap), is "hand sanitizer"; nothing
        # in 呼吸综合征 says "coronavirus", so "syndrome coronavirus" is not learned.
        # The glosses only for a term with a wider option: preparing every learning term
        # here held ≈ 190 MB at 20,000 pairs until scoring.
        glossed: Mapping[str, object] | None = None
        for other_dice, other in found:
            extra = set(other.split()) - set(ek.split())
            if other_dice >= dice - params.learn_tie and f" {ek} " in f" {other} " and extra:
                if glossed is None:
                    glossed = analyser.zh_term(zk, stats.zh_surface(zk)).glosses
                if all(analyser.word_key(word) in glossed for word in extra):
                    dice, ek = other_dice, other
        # Only mutual best partners: 呼吸 goes with "syndrome" often, but "syndrome" goes
        # with 综合征 more, so 呼吸 learns nothing from it (competitive linking).
        if best_zh[ek][1] == zk:
            learned[to_simplified(zk)] = (stats.en_surface(ek),)
            if keys is not None:
                keys[zk] = ek
    return learned


def _translated(
    zk: str,
    senses: tuple[tuple[frozenset[str], bool], ...],
    stats: Stats,
    count: int,
    analyser: Analyser,
) -> bool:
    """An English partner of ``zk`` seen with it at least ``count`` times holds at least
    half of one of its dictionary senses."""
    for ek in stats.partners(zk, english=True):
        if stats.joint[(zk, ek)] >= max(count, analyser.params.learn_min_joint):
            keys = {analyser.word_key(word) for word in content_words(ek)}
            if any(keys & sense and 2 * len(keys & sense) >= len(sense) for sense, _ in senses):
                return True
    return False
