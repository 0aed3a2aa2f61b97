"""Score a candidate pair: ask every registered signal, combine what they say, weigh by
termhood.

Signals are combined as a noisy-or (each one alone can make a pair likely); the lexical
signals are first turned into coverage of both sides (``evidence.base.coverage``), and a pair
whose first or last word on either side nothing explains is penalised, so that the shortest
fully explained span wins ("counter-terrorism exchange" rather than "counter-terrorism
exchange and information"). Termhood (specificity, shape, fragments, consistency) then says
how term-like the pair is. Every number comes from :class:`~termx.extract.params.ScoringParams`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from termx.extract.corpus import Analyser, Stats
from termx.extract.evidence import SIGNALS
from termx.extract.evidence.base import (
    OF_PHRASE,
    Contribution,
    Coverage,
    EnTerm,
    Link,
    PairContext,
    Signal,
    ZhTerm,
    coverage,
)
from termx.extract.params import ScoringParams
from termx.model import Evidence


@dataclass(frozen=True)
class Assessment:
    """What the signals and termhood say about one pair, before it becomes a score: the
    parts the hand-set combination multiplies, kept apart so that a fitted model
    (``termx.extract.model``) can weigh them and the evidence column can say why."""

    lexical: float
    support: tuple[Evidence, ...]
    evidence: tuple[Evidence, ...]
    coverage: Coverage
    proper: bool
    specificity: float
    shape: float
    inner: float
    consistency: float
    joint: int
    f_zh: int
    f_en: int
    zh_words: int
    en_words: int

    @property
    def termhood(self) -> float:
        return self.specificity * self.shape * self.inner * self.consistency

    @property
    def hand(self) -> float:
        """The hand-set combination (``combine``): the default score."""
        return combine(self.lexical, self.support, self.termhood)


def assess(
    zk: str,
    ek: str,
    stats: Stats,
    analyser: Analyser,
    signals: Sequence[Signal] = SIGNALS,
) -> Assessment | None:
    """Ask every signal about the pair of Chinese key ``zk`` and English key ``ek``; None
    when no signal explains it."""
    params = analyser.params
    zh_surface, en_surface = stats.zh_surface(zk), stats.en_surface(ek)
    zh = analyser.zh_term(zk, zh_surface)
    en = analyser.en_term(ek, en_surface)
    ctx = PairContext(zh, en, stats, analyser, params)
    links: list[Link] = [link for signal in signals for link in signal.links(ctx)]
    if not links and not any(signal.opens(ctx) for signal in signals):
        return None  # an anchor was shared but nothing explains the pair
    cov = coverage(
        zh, en, links, params, lambda words: _explained_elsewhere(zh, en, words, stats, analyser)
    )
    ctx = replace(ctx, links=tuple(links), coverage=cov)
    said: list[Contribution] = []
    for signal in signals:
        found = signal.evidence(ctx, said)
        if found is not None:
            said.append(found)
    lexical = max(params.lexical_weight * cov.value, *(found.lexical for found in said))
    evidence = tuple(line for found in said for line in found.shown)
    support = tuple(e for found in said for e in found.support)
    # Proper names are terms however famous they are; only everyday words are discounted.
    proper = any(found.proper for found in said)
    parts = termhood_parts(zh, en, stats, analyser, proper)
    return Assessment(
        lexical,
        support,
        evidence,
        cov,
        proper,
        *parts,
        stats.joint[(zk, ek)],
        stats.f_zh[zk],
        stats.f_en[ek],
        len(zh.boundaries),
        len(en.words),
    )


def score_pair(
    zk: str,
    ek: str,
    stats: Stats,
    analyser: Analyser,
    signals: Sequence[Signal] = SIGNALS,
) -> tuple[float, list[Evidence]]:
    """The score of the pair of Chinese key ``zk`` and English key ``ek`` and its evidence
    lines (0.0 and none when no signal explains it). ``params.scoring`` says how the
    signals are combined: "hand" (the hand-set noisy-or times termhood), "fitted" (the
    probability of the logistic model shipped in ``termx/extract/weights.json``, see
    ``bench/fit.py``) or "pairing" (the hand-set score, with the model's line in the evidence
    for ``select`` to pair by)."""
    found = assess(zk, ek, stats, analyser, signals)
    if found is None:
        return 0.0, []
    if analyser.params.scoring in ("fitted", "pairing"):
        from termx.extract.model import load_model

        model = load_model()
        line = model.explain(features(found))
        value = line.value if analyser.params.scoring == "fitted" else found.hand
        return value, [*found.evidence, line]
    return found.hand, list(found.evidence)


FEATURES = (
    "hand",
    "lexical",
    "zh_covered",
    "en_covered",
    "edges",
    "heads",
    "acronym",
    "translit",
    "position",
    "name",
    "cooc",
    "proper",
    "specificity",
    "shape",
    "inner",
    "consistency",
    "joint",
    "f_zh",
    "f_en",
    "dice",
    "words",
)
"""The features a fitted model weighs, in the order of its weight vector."""

_KINDS = {"quote-order": "position", "heading": "position"}


def features(found: Assessment) -> tuple[float, ...]:
    """The feature vector of an assessed pair (see :data:`FEATURES`): the hand-set score and
    the logs of the factors it multiplies, so that a linear model can reweigh each."""
    by_kind: dict[str, float] = {}
    for e in found.support:
        kind = _KINDS.get(e.kind, e.kind)
        by_kind[kind] = max(by_kind.get(kind, 0.0), e.value)
    cov = found.coverage
    return (
        _log(found.hand),
        found.lexical,
        cov.zh,
        cov.en,
        float(cov.edges - cov.heads),
        float(cov.heads),
        by_kind.get("acronym", 0.0),
        by_kind.get("translit", 0.0),
        by_kind.get("position", 0.0),
        by_kind.get("name", 0.0),
        by_kind.get("cooc", 0.0),
        float(found.proper),
        _log(found.specificity),
        _log(found.shape),
        _log(found.inner),
        _log(found.consistency),
        math.log1p(found.joint),
        math.log1p(found.f_zh),
        math.log1p(found.f_en),
        2 * found.joint / max(1, found.f_zh + found.f_en),
        float(max(found.zh_words, found.en_words)),
    )


def _log(value: float) -> float:
    return math.log(max(value, 1e-4))


def termhood(zh: ZhTerm, en: EnTerm, stats: Stats, analyser: Analyser, proper: bool) -> float:
    """How term-like the pair is, 0–1: specific, short, not a fragment, consistently
    translated."""
    value = 1.0
    for part in termhood_parts(zh, en, stats, analyser, proper):
        value *= part
    return value


def termhood_parts(
    zh: ZhTerm, en: EnTerm, stats: Stats, analyser: Analyser, proper: bool
) -> tuple[float, float, float, float]:
    """The factors of :func:`termhood`: specificity, shape, fragment discount, consistency."""
    params = analyser.params
    zk, ek = zh.key, en.key
    # Phrases are specific by construction; a single everyday word is not.
    single = [analyser.zipf(en.surface, "en")] if len(en.words) == 1 else []
    if len(zh.boundaries) == 1:
        single.append(analyser.zipf(stats.zh_surface(zk), "zh"))
    specific = 1.0 if proper or not single else specificity(max(single), params)
    shaped = shape(zh, en, stats.en_kind.get(ek, "phrase"), stats.zh_kind.get(zk, "phrase"), params)
    # A phrase only ever seen cut out of a longer one is a fragment, not a term, unless it is
    # a unit on its own: a dictionary headword or a name (上海合作组织 in 上海合作组织成员国,
    # "Dong Jun" in "Admiral Dong Jun").
    zh_unit = proper or zh.text in analyser.cedict.definitions
    # Not an English name: "Officers' Exchange" is cut out of a longer one.
    en_unit = stats.en_kind.get(ek) == "acronym"
    inner = params.inner_discount
    fragment = (inner if zk not in stats.zh_free and not zh_unit else 1.0) * (
        inner if ek not in stats.en_free and not en_unit else 1.0
    )
    agreeing = consistency(
        _agreeing(zk, ek, stats, analyser), stats.f_zh[zk], stats.f_en[ek], params
    )
    return specific, shaped, fragment, agreeing


def _agreeing(zk: str, ek: str, stats: Stats, analyser: Analyser) -> int:
    """How often the pair was seen, counting the same term's short and long forms: "SCO"
    also goes with 上合组织 (short for 上海合作组织), and 世界卫生组织 also with "World
    Health Organization" (spelled WHO); neither is an inconsistent translation."""
    joint = stats.joint[(zk, ek)]
    if joint >= stats.f_zh[zk] and joint >= stats.f_en[ek]:
        return joint
    for other in stats.partners(ek, english=False):
        # Cheap tests first: an abbreviation shares the first character and is made of the
        # long form's characters.
        if other[0] != zk[0] or other == zk:
            continue
        short, long = (other, zk) if len(other) < len(zk) else (zk, other)
        if set(short) <= set(long) and abbreviates(short, analyser.words(long)):
            joint += stats.joint[(other, ek)]
    acronym = " " not in ek
    for other in stats.partners(zk, english=True):
        if acronym != (" " in other):
            continue  # one of the two must be the acronym, the other spelled out
        if spells(ek, other) if acronym else spells(other, ek):
            joint += stats.joint[(zk, other)]
    return min(joint, max(stats.f_zh[zk], stats.f_en[ek]))


def _explained_elsewhere(
    zh: ZhTerm, en: EnTerm, words: list[int], stats: Stats, analyser: Analyser
) -> bool:
    """Some of the English ``words`` are glossed by a Chinese word (two characters or more)
    outside the Chinese term in the pair's example segment."""
    keys = {en.keys[i] for i in words}
    for index in stats.examples.get((zh.key, en.key), [])[:1]:
        if index not in stats.segment_text:
            continue
        text, glossed = analyser.segment_glosses(stats.segment_text[index][0])
        start = text.find(zh.text)
        end = start + len(zh.text)
        if start >= 0 and any(
            b - a > 1 and (b <= start or a >= end)
            for key in keys
            for a, b, _, _ in glossed.get(key, ())
        ):
            return True
    return False


def noisy_or(values: Iterable[float]) -> float:
    remaining = 1.0
    for value in values:
        remaining *= 1.0 - max(0.0, min(1.0, value))
    return 1.0 - remaining


def specificity(zipf: float, params: ScoringParams) -> float:
    """Everyday words (合作, cooperation) rank below specific ones; rare words are not favoured."""
    slope, pivot = params.specificity_slope, params.specificity_pivot
    return max(params.specificity_floor, min(1.0, 1.0 - slope * (zipf - pivot)))


def consistency(joint: int, f_zh: int, f_en: int, params: ScoringParams) -> float:
    """A term is translated the same way most times it occurs: a pairing seen once for a term
    seen twenty times is weak, however well the dictionary explains it (封锁 ↔ "block" when
    the corpus says "lockdown"). The more sightings, the more this counts."""
    # A language has synonyms (隔离 and 检疫 are both "quarantine"): an English term seen
    # more often than this pairing counts against it less than a Chinese term translated
    # otherwise.
    return (
        _consistent(joint, f_zh, params) * _consistent(joint, f_en, params) ** params.en_consistency
    )


def _consistent(joint: int, seen: int, params: ScoringParams) -> float:
    weight = params.consistency_max * (1 - 1 / (1 + (seen - 1) / params.consistency_scale))
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


def shape(zh: ZhTerm, en: EnTerm, kind: str, zh_kind: str, params: ScoringParams) -> float:
    """How term-like the pair looks: terms are short, free phrases ("participation in the SCO
    defense and security cooperation") are long and built with articles."""
    size = max(len(en.words), len(zh.boundaries))
    factor = params.shape_length_factor ** max(0, size - params.shape_free_words)
    # Articles and genitives make free phrases ("participation in the SCO…", "China's national
    # defense"); names have capitals ("Defense Minister's Meeting").
    lower = not en.surface[:1].isupper()
    if (lower and _FREE_PHRASE.search(en.surface)) or _GENITIVE.search(en.surface):
        factor *= params.shape_free_phrase
    elif lower and OF_PHRASE.search(en.surface):
        factor *= params.shape_of_phrase  # compounds: "travel history", not "history of travel"
    if kind == "word":
        factor *= params.shape_word
    elif kind == "quoted":
        factor *= params.shape_quoted  # a quoted claim, not a name
    # Two words side by side naming two concepts (和平安宁 ↔ "peace and tranquility"): a
    # glossary lists each of them.
    if len(zh.boundaries) == 2 and len(en.words) == 2 and _COORDINATION.fullmatch(en.surface):
        factor *= params.shape_coordination
    if zh_kind == "modified":
        factor *= params.shape_modified
    return factor


# A genitive followed by a phrase ("China's national defense"); "Parkinson's disease" and
# "children's hospital" are terms.
_GENITIVE = re.compile(r"\w['’]s\s+[a-z]\S*\s+\S")
_COORDINATION = re.compile(r"[a-z-]+ and [a-z-]+")
_FREE_PHRASE = re.compile(r"\b(of|in|on|to)\s+(the|its|their|our)\b", re.I)


def combine(lexical: float, others: Sequence[Evidence], termhood: float) -> float:
    """The pair's score: noisy-or of the lexical coverage and the other signals' values,
    times termhood, to four places (the score's resolution)."""
    return round(noisy_or([lexical, *(e.value for e in others)]) * termhood, 4)


# A pure function of its argument, bounded: the same long forms are tested against many
# acronyms (termhood and selection), and nothing in it depends on a run.
@lru_cache(maxsize=100_000)
def _initials(text: str) -> str:
    words = [
        w for w in re.split(r"[\s-]+", text) if w and w.lower() not in ("of", "and", "the", "for")
    ]
    return "".join(w[0] for w in words).lower()
