"""Combine the evidence for a pair into one 0–1 confidence, then choose among rival pairs.

Signals are combined as a noisy-or (each one alone can make a pair likely); the lexical
signals are first turned into coverage of both sides, and a pair whose first or last word on
either side nothing explains is penalised, so that the shortest fully explained span wins
("counter-terrorism exchange" rather than "counter-terrorism exchange and information").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from termx.evidence import OF_PHRASE, EnTerm, Link, ZhTerm
from termx.model import Evidence
from termx.text import is_han

EDGE_PENALTY = 0.7
HEAD_PENALTY = 0.6
ALTERNATIVE_DISCOUNT = 0.9  # a second English for the same Chinese ranks below the first
NESTED_DISCOUNT = 0.6
HEADED_TERMS = 2  # a term heading this many longer ones is not discounted as nested
LEXICAL_KINDS = ("dictionary", "translit", "acronym", "latin")


@dataclass(frozen=True, slots=True)
class Coverage:
    zh: float
    en: float
    edges: int  # how many term edges nothing explains (four, and a head inside the English)
    heads: int = 0  # how many of those edges are a head (the last Chinese word, the English head)

    @property
    def value(self) -> float:
        # Idiomatic translations leave words unexplained in the middle ("community with a shared
        # future for mankind"); the edges matter more than the middle, and a head more than a
        # modifier.
        return (
            (self.zh * self.en) ** 0.5
            * EDGE_PENALTY ** (self.edges - self.heads)
            * HEAD_PENALTY**self.heads
        )


def _significant(text: str) -> list[int]:
    return [i for i, ch in enumerate(text) if is_han(ch) or ch.isalnum()]


def coverage(
    zh: ZhTerm,
    en: EnTerm,
    links: Sequence[Link],
    elsewhere: Callable[[list[int]], bool] | None = None,
) -> Coverage:
    """How much of each side the links explain. ``elsewhere(words)`` tells whether English
    words that nothing in the term explains translate Chinese outside it, in the segment."""
    chars = _significant(zh.text)
    if not chars or not en.words:
        return Coverage(0.0, 0.0, 4)
    covered: set[int] = set()
    explained: dict[int, float] = {}
    for link in links:
        covered.update(range(link.zh_start, link.zh_end))
        explained[link.en_index] = max(link.weight, explained.get(link.en_index, 0.0))
    zh_cov = sum(1 for i in chars if i in covered) / len(chars)
    en_cov = sum(explained.values()) / len(en.words)
    last, head = len(en.words) - 1, en.head
    heads = (chars[-1] not in covered) + (head not in explained)
    edges = (chars[0] not in covered) + (chars[-1] not in covered)
    edges += (0 not in explained) + (last not in explained)
    edges += head not in (0, last) and head not in explained  # "history of travel"
    gap = min(1 - zh_cov, 1 - en_cov)
    # Explained at both ends on both sides, with words left over in the middle of both
    # (人类命运共同体 ↔ "community with a shared future for mankind"): the middles are each
    # other's translation, as a phrase aligner would take them, unless an English one
    # translates Chinese outside the term ("Dream" is 中国梦's, not 中华民族伟大复兴's).
    if (
        not edges
        and gap > 0
        and elsewhere is not None
        and not elsewhere([i for i in range(len(en.words)) if i not in explained])
    ):
        zh_cov, en_cov = zh_cov + gap, en_cov + gap
    return Coverage(zh_cov, en_cov, edges, heads)


def noisy_or(values: Iterable[float]) -> float:
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - max(0.0, min(1.0, value))
    return 1.0 - remaining


def specificity(zipf: float) -> float:
    """Everyday words (合作, cooperation) rank below specific ones; rare words are not favoured."""
    return max(0.4, min(1.0, 1.0 - 0.18 * (zipf - 3.0)))


def consistency(joint: int, f_zh: int, f_en: int) -> float:
    """A term is translated the same way most times it occurs: a pairing seen once for a term
    seen twenty times is weak, however well the dictionary explains it (封锁 ↔ "block" when
    the corpus says "lockdown"). The more sightings, the more this counts."""
    return _consistent(joint, f_zh) * _consistent(joint, f_en) ** EN_CONSISTENCY


# A language has synonyms (隔离 and 检疫 are both "quarantine"): an English term seen more
# often than this pairing counts against it less than a Chinese term translated otherwise.
EN_CONSISTENCY = 0.5


def _consistent(joint: int, seen: int) -> float:
    weight = 0.6 * (1 - 1 / (1 + (seen - 1) / 4))
    return 1 - weight * (1 - min(joint, seen) / seen)


def abbreviates(short: str, long_words: Sequence[str]) -> bool:
    """上合组织 is short for 上海|合作|组织: every word of the long form gives it at least one
    of its characters, in order. A piece of it (组织) is a nested term, and a form that drops
    a word (新型病毒 from 新型|冠状|病毒) a broader one, not an abbreviation."""
    long = "".join(long_words)
    if not 2 <= len(short) < len(long) or short in long:
        return False
    position = 0
    for word in long_words:
        taken = 0
        for ch in word:
            if position < len(short) and short[position] == ch:
                position += 1
                taken += 1
        if not taken:
            return False
    return position == len(short)


def spells(acronym: str, long: str) -> bool:
    """'SCO' spells 'Shanghai Cooperation Organization' (keys, so lower case)."""
    return " " not in acronym and len(acronym) >= 2 and _initials(long) == acronym


def shape(zh: ZhTerm, en: EnTerm, kind: str, zh_kind: str = "phrase") -> float:
    """How term-like the pair looks: terms are short, free phrases ("participation in the SCO
    defense and security cooperation") are long and built with articles."""
    size = max(len(en.words), len(zh.boundaries))
    factor = 0.9 ** max(0, size - 4)
    # Articles and genitives make free phrases ("participation in the SCO…", "China's national
    # defense"); names have capitals ("Defense Minister's Meeting").
    lower = not en.surface[:1].isupper()
    if (lower and _FREE_PHRASE.search(en.surface)) or _GENITIVE.search(en.surface):
        factor *= 0.75
    elif lower and OF_PHRASE.search(en.surface):
        factor *= 0.9  # terms are compounds: "travel history", not "history of travel"
    if kind == "word":
        factor *= 0.85
    elif kind == "quoted":
        factor *= 0.75  # a quoted claim, not a name
    # Two words side by side naming two concepts (和平安宁 ↔ "peace and tranquility"): a
    # glossary lists each of them.
    if len(zh.boundaries) == 2 and len(en.words) == 2 and _COORDINATION.fullmatch(en.surface):
        factor *= 0.85
    if zh_kind == "modified":
        factor *= 0.8
    return factor


# A genitive followed by a phrase ("China's national defense"); "Parkinson's disease" and
# "children's hospital" are terms.
_GENITIVE = re.compile(r"\w['’]s\s+[a-z]\S*\s+\S")
_COORDINATION = re.compile(r"[a-z-]+ and [a-z-]+")
_FREE_PHRASE = re.compile(r"\b(of|in|on|to)\s+(the|its|their|our)\b", re.I)


def combine(lexical: float, others: Sequence[Evidence], termhood: float) -> float:
    return round(noisy_or([lexical, *(e.value for e in others)]) * termhood, 4)


def _nested(a: str, b: str) -> bool:
    return a in b or b in a


@lru_cache(maxsize=100_000)
def _initials(text: str) -> str:
    words = [
        w for w in re.split(r"[\s-]+", text) if w and w.lower() not in ("of", "and", "the", "for")
    ]
    return "".join(w[0] for w in words).lower()


def _long_forms_first(
    scored: Sequence[tuple[float, str, str, list[Evidence]]],
) -> list[tuple[float, str, str, list[Evidence]]]:
    """When a Chinese term's best English is an acronym (WHO) and its spelled-out form (World
    Health Organization) is also a candidate, offer the long form first and the acronym next:
    a glossary's approved term is the full name."""
    by_zh: dict[str, list[int]] = {}
    for i, (_, zk, _, _) in enumerate(scored):
        by_zh.setdefault(zk, []).append(i)
    result = list(scored)
    for indexes in by_zh.values():
        top = max(indexes, key=lambda i: scored[i][0])
        value, _, acronym, _ = scored[top]
        if not acronym.isalpha():
            continue
        for i in indexes:
            other_value, zk, ek, evidence = scored[i]
            if i != top and " " in ek and spells(acronym, ek) and other_value >= value - 0.35:
                result[i] = (round(value + 0.0001, 4), zk, ek, evidence)
    return result


def select(
    scored: Sequence[tuple[float, str, str, list[Evidence]]],
    joint: dict[tuple[str, str], int],
    alternatives: int = 2,
    margin: float = 0.2,
) -> list[tuple[float, str, str, list[Evidence]]]:
    """Competitive linking: each Chinese term keeps its best English and up to two close
    alternatives (ranked a little lower; a longer or shorter form of the best needs to be
    closer still); a pair never seen outside a longer accepted pair that contains it on both
    sides (上海 ↔ Shanghai inside 上海精神 ↔ Shanghai Spirit) is ranked lower, unless it
    heads several longer ones."""
    order = sorted(
        _long_forms_first(scored), key=lambda s: (-s[0], -joint[(s[1], s[2])], s[1], s[2])
    )
    best: dict[str, list[tuple[float, str]]] = {}
    accepted: list[tuple[float, str, str, list[Evidence]]] = []
    for value, zk, ek, evidence in order:
        mine = best.setdefault(zk, [])
        if mine:
            top = mine[0][0]
            nested = any(_nested(ek, other) for _, other in mine)
            if len(mine) > alternatives or value < top - (margin / 2 if nested else margin):
                continue
            value = round(value * ALTERNATIVE_DISCOUNT, 4)
        mine.append((value, ek))
        accepted.append((value, zk, ek, evidence))
    keys = {zk for _, zk, _, _ in accepted}
    # Chinese is head-final: a term heading several longer ones (反恐合作 in 地区反恐合作 and
    # 国际反恐合作) is a broader concept in its own right, as in C-value; one found inside a
    # single longer term is a piece of it (上海 in 上海精神, 安全问题 in 地区安全问题).
    containing: dict[str, list[tuple[str, int, float]]] = {}
    heads: dict[str, set[str]] = {}
    for v2, z2, e2, _ in accepted:
        for i in range(len(z2)):
            for j in range(i + 1, len(z2) + 1):
                part = z2[i:j]
                if part != z2 and part in keys:
                    containing.setdefault(part, []).append((e2, joint[(z2, e2)], v2))
                    if j == len(z2):
                        heads.setdefault(part, set()).add(z2)
    adjusted = []
    for value, zk, ek, evidence in accepted:
        count = joint[(zk, ek)]
        inside = len(heads.get(zk, ())) < HEADED_TERMS and any(
            ek in e2 and count <= c2 and v2 >= value for e2, c2, v2 in containing.get(zk, ())
        )
        adjusted.append((round(value * (NESTED_DISCOUNT if inside else 1.0), 4), zk, ek, evidence))
    return sorted(adjusted, key=lambda s: (-s[0], -joint[(s[1], s[2])], s[1], s[2]))
