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
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from termx.extract.corpus import Analyser, Stats
from termx.extract.evidence import SIGNALS
from termx.extract.evidence.base import (
    NOTHING,
    OF_PHRASE,
    Bound,
    Contribution,
    Coverage,
    EnTerm,
    Link,
    PairContext,
    Signal,
    ZhTerm,
    coverage,
)
from termx.extract.lexicon import Families, content_words
from termx.extract.params import ScoringParams
from termx.model import Evidence

if TYPE_CHECKING:
    from termx.extract.select import Reach


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


# Chinese terms whose per-term facts a Scorer keeps (see ``Scorer.__init__``).
_PER_TERM = 256


class Scorer:
    """Scores the pairs of one run (``stats``, ``analyser``, ``signals``), working out once
    per term what every pair of the term needs: its surface and prepared form, the parts of
    termhood that depend on one side only, its partners by first character.

    The caches live as long as the Scorer (one scoring pass) and hold small facts and
    references to the Analyser's prepared English terms; the prepared Chinese terms stay the
    Analyser's (bounded there), asked for once per group of pairs (``score_term``)."""

    def __init__(
        self, stats: Stats, analyser: Analyser, signals: Sequence[Signal] = SIGNALS
    ) -> None:
        self.stats = stats
        self.analyser = analyser
        self.params = analyser.params
        self.signals = signals
        # Caches keyed by the Chinese term being scored (``zh_term``, ``termhood_parts``,
        # ``_spelled``): a term's pairs are scored together (``score_term``), so its entries are
        # wanted only meanwhile; each is emptied when it holds ``_PER_TERM`` keys (at 100,000
        # pairs they held every scored term, in both scoring processes).
        self._zh_surfaces: dict[str, str] = {}
        self._en_terms: dict[str, EnTerm] = {}
        self._zh_sides: dict[str, _ZhSide] = {}
        self._en_sides: dict[str, _EnSide] = {}
        # Chinese key → the counted Chinese keys that are its short or long forms (上合组织 of
        # 上海合作组织), and the counted Chinese keys by first character (an abbreviation
        # shares it) to find them in. Keyed by the Chinese term, not by each English key's
        # partners: that index (a dict of lists per English key) was a third of what a
        # scoring process grew by (52 of 150 MB, half of the 20,000-pair corpus scored).
        self._short_and_long: dict[str, tuple[str, ...]] = {}
        # (The keys themselves, not their character sets: a frozenset per key was 27 MB.)
        self._zh_by_first: dict[str, list[str]] | None = None
        # Chinese key → the initials of its spelled-out English partners → those partners.
        self._spelled_out: dict[str, dict[str, list[str]]] = {}
        self._abbreviations: dict[tuple[str, str], bool] = {}
        self._consistency: dict[tuple[int, int, int], float] = {}
        self._families = Families()
        # Pairs are left out before their evidence is written only if every signal bounds
        # what it can add (see Signal).
        bounds = [getattr(signal, "bound", None) for signal in signals]
        self._bounds: list[Callable[[PairContext], Bound]] | None = (
            [b for b in bounds if b is not None] if None not in bounds else None
        )

    def zh_term(self, zk: str) -> ZhTerm:
        surfaces = self._zh_surfaces
        surface = surfaces.get(zk)
        if surface is None:
            if len(surfaces) >= _PER_TERM:
                surfaces.clear()
            surface = surfaces[zk] = self.stats.zh_surface(zk)
        return self.analyser.zh_term(zk, surface)

    def en_term(self, ek: str) -> EnTerm:
        en = self._en_terms.get(ek)
        if en is None:
            en = self._en_terms[ek] = self.analyser.en_term(ek, self.stats.en_surface(ek))
        return en

    def assess(self, zk: str, ek: str) -> Assessment | None:
        """See :func:`assess`."""
        return self._assess(self.zh_term(zk), self.en_term(ek))

    def _assess(self, zh: ZhTerm, en: EnTerm) -> Assessment | None:
        ctx = self._linked(zh, en)
        return None if ctx is None else self._assessed(ctx)

    def _linked(self, zh: ZhTerm, en: EnTerm) -> PairContext | None:
        """The pair's context with every signal's links and their coverage; None when no
        signal explains it."""
        params, stats, analyser, signals = self.params, self.stats, self.analyser, self.signals
        ctx = PairContext(zh, en, stats, analyser, params)
        links: list[Link] = [link for signal in signals for link in signal.links(ctx)]
        if not links and not any(signal.opens(ctx) for signal in signals):
            return None  # an anchor was shared but nothing explains the pair
        cov = coverage(
            zh,
            en,
            links,
            params,
            lambda words: _explained_elsewhere(zh, en, words, stats, analyser),
            lambda end: _translates_elsewhere(zh, en, end, stats, analyser),
        )
        return PairContext(zh, en, stats, analyser, params, tuple(links), cov)

    def _assessed(
        self,
        ctx: PairContext,
        bounded: tuple[bool, tuple[float, float, float, float]] | None = None,
    ) -> Assessment:
        """What the signals say of a linked pair (``bounded``: the termhood parts worked
        out for the bound, with the ``proper`` they assumed)."""
        params, stats, zh, en = self.params, self.stats, ctx.zh, ctx.en
        said: list[Contribution] = []
        for signal in self.signals:
            found = signal.evidence(ctx, said)
            if found is not None:
                said.append(found)
        assert ctx.coverage is not None
        lexical = max(
            params.lexical_weight * ctx.coverage.value, *(found.lexical for found in said)
        )
        evidence = tuple(line for found in said for line in found.shown)
        support = tuple(e for found in said for e in found.support)
        # Proper names are terms however famous they are; only everyday words are discounted.
        proper = any(found.proper for found in said)
        if bounded is not None and bounded[0] == proper:
            parts = bounded[1]
        else:
            parts = self.termhood_parts(zh, en, proper)
        zk, ek = zh.key, en.key
        return Assessment(
            lexical,
            support,
            evidence,
            ctx.coverage,
            proper,
            *parts,
            stats.joint[(zk, ek)],
            stats.f_zh[zk],
            stats.f_en[ek],
            len(zh.boundaries),
            len(en.words),
        )

    def score(self, zk: str, ek: str) -> tuple[float, list[Evidence]]:
        """See :func:`score_pair`."""
        return self._scored(self._assess(self.zh_term(zk), self.en_term(ek)))

    def score_term(
        self,
        zk: str,
        eks: Sequence[str],
        min_score: float | None = None,
        reach: Reach | None = None,
    ) -> list[tuple[float, list[Evidence]] | None]:
        """The scores of the pairs of Chinese key ``zk`` with each of ``eks``, in order.

        With ``min_score``, a pair that cannot score that much is None instead; with
        ``reach`` (see ``select.reach``) too, so is a pair that cannot score within reach of
        the best of the term's pairs that make ``min_score`` (``select`` would never offer
        it). Both are told from the signals' bounds before any evidence line is written, and
        only when the score is the hand-set one (a fitted probability has no such bound).
        """
        zh = self.zh_term(zk)
        bounds = self._bounds
        if min_score is None or bounds is None or self.params.scoring == "fitted":
            return [self._scored(self._assess(zh, self.en_term(ek))) for ek in eks]
        results: list[tuple[float, list[Evidence]] | None] = [(0.0, [])] * len(eks)
        staged = []
        for i, ek in enumerate(eks):
            ctx = self._linked(zh, self.en_term(ek))
            if ctx is not None:
                value, proper, parts = self._bound(ctx, bounds)
                staged.append((-value, i, ctx, (proper, parts)))
        # Best first, so that the best score of the term is known as early as can be.
        staged.sort(key=lambda item: item[:2])
        best = 0.0
        kept: list[tuple[float, int]] = []  # the pairs that make min_score: score, place
        joint = self.stats.joint
        families: list[tuple[str, ...]] | None = None  # the inflection family of each of eks
        sizes: Counter[tuple[str, ...]] = Counter()  # how many of eks are in each family
        for negative, i, ctx, bounded in staged:
            value = -negative
            cut = min_score
            if reach is not None:
                ek = eks[i]
                # A long form whose acronym the term also has may be lifted over the best.
                long_form = " " in ek and (zk, _initials(ek)) in joint
                cut = max(cut, best - (reach.long_form if long_form else reach.plain))
                # Enough pairs sure to be offered before it (the best may be lifted by
                # 0.0001 over itself).
                if not long_form and len(kept) >= reach.offered:
                    if families is None:
                        families = [self._families[ek] for ek in eks]
                        sizes.update(families)
                    # English of one inflection family take one place in select (the later
                    # ones are variants of the first): places are counted by family, and a
                    # pair that may be the variant of one offered is not cut this way.
                    if sizes[families[i]] == 1:
                        close = best + 0.0001 - reach.closest + _SLACK
                        ahead = {families[j] for v, j in kept if v >= close and v > value + _SLACK}
                        if len(ahead) >= reach.offered:
                            results[i] = None
                            continue
            # The bound is exact to rounding; the score is rounded to four places.
            if value < cut - _SLACK:
                results[i] = None
                continue
            scored = results[i] = self._scored(self._assessed(ctx, bounded))
            if scored[0] >= min_score:
                best = max(best, scored[0])
                kept.append((scored[0], i))
        return results

    def _bound(
        self, ctx: PairContext, bounds: Sequence[Callable[[PairContext], Bound]]
    ) -> tuple[float, bool, tuple[float, float, float, float]]:
        """At least the hand-set score of a linked pair, whether it may be a name, and the
        termhood parts that assumes."""
        assert ctx.coverage is not None
        lexical = self.params.lexical_weight * ctx.coverage.value
        remaining, proper = 1.0, False
        for bound in bounds:
            found = bound(ctx)
            if found is NOTHING:
                continue
            if found.lexical > lexical:
                lexical = found.lexical
            if found.support > 0.0:
                remaining *= 1.0 - min(1.0, found.support)
            proper = proper or found.proper
        remaining *= 1.0 - max(0.0, min(1.0, lexical))
        parts = self.termhood_parts(ctx.zh, ctx.en, proper)
        return (1.0 - remaining) * parts[0] * parts[1] * parts[2] * parts[3], proper, parts

    def _scored(self, found: Assessment | None) -> tuple[float, list[Evidence]]:
        if found is None:
            return 0.0, []
        scoring = self.params.scoring
        if scoring in ("fitted", "pairing"):
            from termx.extract.model import load_model

            line = load_model().explain(features(found))
            value = line.value if scoring == "fitted" else found.hand
            return value, [*found.evidence, line]
        return found.hand, list(found.evidence)

    def termhood_parts(
        self, zh: ZhTerm, en: EnTerm, proper: bool
    ) -> tuple[float, float, float, float]:
        """See :func:`termhood_parts`."""
        zk, ek = zh.key, en.key
        zh_sides = self._zh_sides
        zh_side = zh_sides.get(zk)
        if zh_side is None:
            if len(zh_sides) >= _PER_TERM:
                zh_sides.clear()
            zh_side = zh_sides[zk] = _zh_side(zh, self.stats, self.analyser)
        en_side = self._en_sides.get(ek)
        if en_side is None:
            en_side = self._en_sides[ek] = _en_side(en, self.stats, self.analyser)
        f_zh, f_en = self.stats.f_zh[zk], self.stats.f_en[ek]
        counts = (self._agreeing(zk, ek, f_zh, f_en), f_zh, f_en)
        agreeing = self._consistency.get(counts)
        if agreeing is None:
            agreeing = self._consistency[counts] = consistency(*counts, self.params)
        return _parts(zh_side, en_side, proper, agreeing, self.params)

    def _agreeing(self, zk: str, ek: str, f_zh: int, f_en: int) -> int:
        """How often the pair was seen, counting the same term's short and long forms: "SCO"
        also goes with 上合组织 (short for 上海合作组织), and 世界卫生组织 also with "World
        Health Organization" (spelled WHO); neither is an inconsistent translation. Each
        term's partners are looked up in an index built once per term."""
        joint_counts = self.stats.joint
        joint = joint_counts[(zk, ek)]
        if joint >= f_zh and joint >= f_en:
            return joint
        # The term's short and long forms, with whatever count each has with ``ek`` (a
        # Counter gives 0 for a pair never counted, and adds no entry).
        for other in self._forms_of(zk):
            joint += joint_counts[(other, ek)]
        # One of the two English must be the acronym, the other spelled out.
        if " " in ek:
            # Only the acronym its initials spell can be its short form.
            initials = _initials(ek)
            if len(initials) >= 2:
                joint += joint_counts[(zk, initials)]
        elif len(ek) >= 2:
            for other in self._spelled(zk).get(ek, ()):
                joint += joint_counts[(zk, other)]
        return min(joint, max(f_zh, f_en))

    def _forms_of(self, zk: str) -> tuple[str, ...]:
        """The counted Chinese keys that abbreviate ``zk`` or that ``zk`` abbreviates: they
        share its first character and are made of its characters (or it of theirs)."""
        found = self._short_and_long.get(zk)
        if found is not None:
            return found
        groups = self._zh_by_first
        if groups is None:
            groups = self._zh_by_first = {}
            for other in self.stats.chinese_keys():
                groups.setdefault(other[0], []).append(other)
        size, chars, forms = len(zk), frozenset(zk), []
        # ``abbreviates``'s own first test (2 <= short < long, short not inside) is made
        # before it splits the long form into words.
        for other in groups.get(zk[0], ()):
            other_size = len(other)
            if other_size < size:
                if other_size >= 2 and chars.issuperset(other) and other not in zk:
                    short, long = other, zk
                else:
                    continue
            elif other_size > size and size >= 2 and chars.issubset(other) and zk not in other:
                short, long = zk, other
            else:
                continue
            if self._abbreviates(short, long):
                forms.append(other)
        found = self._short_and_long[zk] = tuple(forms) if forms else ()
        return found

    def _spelled(self, zk: str) -> dict[str, list[str]]:
        spelled_out = self._spelled_out
        found = spelled_out.get(zk)
        if found is None:
            if len(spelled_out) >= _PER_TERM:
                spelled_out.clear()
            found = spelled_out[zk] = {}
            for other in self.stats.partners(zk, english=True):
                if " " in other:
                    found.setdefault(_initials(other), []).append(other)
        return found

    def _abbreviates(self, short: str, long: str) -> bool:
        """``abbreviates`` (whose characters the caller has checked), once per two terms."""
        found = self._abbreviations.get((short, long))
        if found is None:
            found = self._abbreviations[(short, long)] = abbreviates(
                short, self.analyser.words(long)
            )
        return found


def assess(
    zk: str,
    ek: str,
    stats: Stats,
    analyser: Analyser,
    signals: Sequence[Signal] = SIGNALS,
) -> Assessment | None:
    """Ask every signal about the pair of Chinese key ``zk`` and English key ``ek``; None
    when no signal explains it. (Many pairs: a :class:`Scorer` keeps what they share.)"""
    return Scorer(stats, analyser, signals).assess(zk, ek)


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
    for ``select`` to pair by). (Many pairs: a :class:`Scorer` keeps what they share.)"""
    return Scorer(stats, analyser, signals).score(zk, ek)


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
    "align",
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
        max((e.value for e in found.evidence if e.kind == "align"), default=0.0),
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
    return Scorer(stats, analyser).termhood_parts(zh, en, proper)


class _ZhSide(NamedTuple):
    """What termhood reads of a Chinese term alone."""

    single: float | None  # the word frequency (zipf) of a single word
    headword: bool  # a dictionary headword: a unit on its own
    free: bool  # seen as a whole phrase, not only cut out of a longer one
    kind: str
    words: int


class _EnSide(NamedTuple):
    """What termhood reads of an English term alone."""

    single: float | None
    acronym: bool  # a unit on its own
    free: bool
    words: int
    shaping: tuple[float, ...]  # its shape factors, in the order ``shape`` applies them
    coordination: bool  # "peace and tranquility"


def _zh_side(zh: ZhTerm, stats: Stats, analyser: Analyser) -> _ZhSide:
    zk, words = zh.key, len(zh.boundaries)
    return _ZhSide(
        analyser.zipf(stats.zh_surface(zk), "zh") if words == 1 else None,
        zh.text in analyser.cedict.definitions,
        zk in stats.zh_free,
        stats.zh_kind.get(zk, "phrase"),
        words,
    )


def _en_side(en: EnTerm, stats: Stats, analyser: Analyser) -> _EnSide:
    ek, words = en.key, len(en.words)
    kind = stats.en_kind.get(ek, "phrase")
    return _EnSide(
        analyser.zipf(en.surface, "en") if words == 1 else None,
        kind == "acronym",
        ek in stats.en_free,
        words,
        *_en_shaping(en, kind, analyser.params),
    )


def _parts(
    zh: _ZhSide, en: _EnSide, proper: bool, agreeing: float, params: ScoringParams
) -> tuple[float, float, float, float]:
    # Phrases are specific by construction; a single everyday word is not.
    single = [en.single] if en.single is not None else []
    if zh.single is not None:
        single.append(zh.single)
    specific = 1.0 if proper or not single else specificity(max(single), params)
    shaped = _shaped(zh.words, zh.kind, en.words, en.shaping, en.coordination, params)
    # A phrase only ever seen cut out of a longer one is a fragment, not a term, unless it is
    # a unit on its own: a dictionary headword or a name (上海合作组织 in 上海合作组织成员国,
    # "Dong Jun" in "Admiral Dong Jun"). Not an English name: "Officers' Exchange" is cut out
    # of a longer one.
    inner = params.inner_discount
    fragment = (inner if not zh.free and not (proper or zh.headword) else 1.0) * (
        inner if not en.free and not en.acronym else 1.0
    )
    return specific, shaped, fragment, agreeing


def _example_segment(zh: ZhTerm, en: EnTerm, stats: Stats) -> tuple[str, str] | None:
    """The (Chinese, English) text of the pair's first example segment, when it was kept."""
    for index in stats.examples.get((zh.key, en.key), [])[:1]:
        if index in stats.segment_text:
            return stats.segment_text[index][:2]
    return None


def _explained_elsewhere(
    zh: ZhTerm, en: EnTerm, words: list[int], stats: Stats, analyser: Analyser
) -> bool:
    """Some of the English ``words`` are glossed by a Chinese word (two characters or more)
    outside the Chinese term in the pair's example segment."""
    segment = _example_segment(zh, en, stats)
    if segment is None:
        return False
    keys = {en.keys[i] for i in words}
    text, glossed = analyser.segment_glosses(segment[0])
    start = text.find(zh.text)
    end = start + len(zh.text)
    return start >= 0 and any(
        b - a > 1 and (b <= start or a >= end)
        for key in keys
        for a, b, _, _ in glossed.get(key, ())
    )


def _translates_elsewhere(
    zh: ZhTerm, en: EnTerm, end: int, stats: Stats, analyser: Analyser
) -> bool:
    """A gloss of the term's first ``end`` characters is an English word outside the English
    term in the pair's example segment."""
    segment = _example_segment(zh, en, stats)
    if segment is None:
        return False
    text = segment[1]
    start = text.lower().find(en.surface.lower())
    if start < 0:
        return False
    glossed = {key for key, spans in zh.glosses.items() if any(b <= end for _, b, _, _ in spans)}
    outside = text[:start] + " " + text[start + len(en.surface) :]
    return any(analyser.word_key(word) in glossed for word in content_words(outside))


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
    shaping, coordination = _en_shaping(en, kind, params)
    return _shaped(len(zh.boundaries), zh_kind, len(en.words), shaping, coordination, params)


def _en_shaping(en: EnTerm, kind: str, params: ScoringParams) -> tuple[tuple[float, ...], bool]:
    """The shape factors of the English side alone, in the order they apply, and whether it
    is two words coordinated."""
    factors = []
    # Articles and genitives make free phrases ("participation in the SCO…", "China's national
    # defense"); names have capitals ("Defense Minister's Meeting").
    lower = not en.surface[:1].isupper()
    if (lower and _FREE_PHRASE.search(en.surface)) or _GENITIVE.search(en.surface):
        factors.append(params.shape_free_phrase)
    elif lower and OF_PHRASE.search(en.surface):
        # Compounds: "travel history", not "history of travel".
        factors.append(params.shape_of_phrase)
    if kind == "word":
        factors.append(params.shape_word)
    elif kind == "quoted":
        factors.append(params.shape_quoted)  # a quoted claim, not a name
    coordination = len(en.words) == 2 and _COORDINATION.fullmatch(en.surface) is not None
    return tuple(factors), coordination


def _shaped(
    zh_words: int,
    zh_kind: str,
    en_words: int,
    shaping: tuple[float, ...],
    coordination: bool,
    params: ScoringParams,
) -> float:
    size = max(en_words, zh_words)
    factor = params.shape_length_factor ** max(0, size - params.shape_free_words)
    for each in shaping:
        factor *= each
    # Two words side by side naming two concepts (和平安宁 ↔ "peace and tranquility"): a
    # glossary lists each of them.
    if zh_words == 2 and coordination:
        factor *= params.shape_coordination
    if zh_kind == "modified":
        factor *= params.shape_modified
    return factor


# Bounds are exact up to float rounding; scores are rounded to four places.
_SLACK = 1e-4

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
