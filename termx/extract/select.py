"""Competitive linking: which of the scored pairs are offered, and in which order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from termx.extract.lexicon import Families
from termx.extract.model import NAME as MODEL
from termx.extract.params import ScoringParams
from termx.extract.score import spells
from termx.model import Evidence

# (score, zh key, en key, evidence lines)
Scored = tuple[float, str, str, list[Evidence]]


@dataclass(frozen=True)
class Reach:
    """Which pairs :func:`select` may offer, told from scores alone (so that the scorer can
    leave out the others before writing their evidence): a pair scoring more than ``plain``
    below the best of its Chinese term is never offered, nor a spelled-out long form of an
    acronym the term also has scoring more than ``long_form`` below it (which
    :func:`_long_forms_first` may lift over the best); and a pair is not offered after
    ``offered`` others of its term that score more and within ``closest`` of the best (each
    of those is offered before it)."""

    plain: float
    long_form: float
    closest: float
    offered: int


def reach(params: ScoringParams) -> Reach:
    """The :class:`Reach` of :func:`select` with ``params``."""
    plain = max(params.alternative_margin, params.nested_margin)
    closest = min(params.alternative_margin, params.nested_margin)
    return Reach(plain, max(plain, params.long_form_margin), closest, params.alternatives + 1)


def _inside(small: str, big: str) -> bool:
    """Whether English key ``small`` is ``big`` or words of it ("mask" in "face mask"; "flu"
    is no part of "influenza")."""
    return f" {small} " in f" {big} "


def _nested(a: str, b: str) -> bool:
    return _inside(a, b) or _inside(b, a)


def _long_forms_first(scored: Sequence[Scored], params: ScoringParams) -> list[Scored]:
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
            if (
                i != top
                and " " in ek
                and spells(acronym, ek)
                and other_value >= value - params.long_form_margin
            ):
                result[i] = (round(value + 0.0001, 4), zk, ek, evidence)
    return result


def select(
    scored: Sequence[Scored], joint: Mapping[tuple[str, str], int], params: ScoringParams
) -> list[Scored]:
    """Competitive linking: each Chinese term keeps its best English and up to two close
    alternatives (ranked a little lower; a longer or shorter form of the best needs to be
    closer still); an English of the same inflection ``family`` as one already kept is a
    variant of it (:func:`variants`), not an alternative; a pair never seen outside a longer
    accepted pair that contains it on both sides (上海 ↔ Shanghai inside 上海精神 ↔ Shanghai
    Spirit) is ranked lower, unless it heads several longer ones."""
    order = sorted(
        _long_forms_first(scored, params), key=lambda s: (-s[0], -joint[(s[1], s[2])], s[1], s[2])
    )
    families = Families()
    best: dict[str, list[tuple[float, str]]] = {}
    accepted: list[Scored] = []
    for value, zk, ek, evidence in order:
        mine = best.setdefault(zk, [])
        if mine:
            if any(families[ek] == families[other] for _, other in mine):
                continue
            top = mine[0][0]
            nested = any(_nested(ek, other) for _, other in mine)
            margin = params.nested_margin if nested else params.alternative_margin
            if len(mine) > params.alternatives or value < top - margin:
                continue
            value = round(value * params.alternative_discount, 4)
        mine.append((value, ek))
        accepted.append((value, zk, ek, evidence))
    keys = {zk for _, zk, _, _ in accepted}
    # Chinese is head-final: a term heading several longer ones (反恐合作 in 地区反恐合作 and
    # 国际反恐合作) is a broader concept in its own right, as in C-value; one found inside a
    # single longer term is a piece of it (上海 in 上海精神, 安全问题 in 地区安全问题).
    containing: dict[str, list[tuple[str, int, float]]] = {}
    heads: dict[str, set[str]] = {}
    # Each longer term's pieces are looked up once, for all its accepted English.
    by_zh: dict[str, list[tuple[str, int, float]]] = {}
    for v2, z2, e2, _ in accepted:
        by_zh.setdefault(z2, []).append((e2, joint[(z2, e2)], v2))
    for z2, found in by_zh.items():
        size = len(z2)
        for i in range(size):
            for j in range(i + 1, size + 1):
                part = z2[i:j]
                if part in keys and part != z2:
                    containing.setdefault(part, []).extend(found)
                    if j == size:
                        heads.setdefault(part, set()).add(z2)
    adjusted = []
    for value, zk, ek, evidence in accepted:
        count = joint[(zk, ek)]
        inside = len(heads.get(zk, ())) < params.headed_terms and any(
            _inside(ek, e2) and count <= c2 and v2 >= value for e2, c2, v2 in containing.get(zk, ())
        )
        factor = params.nested_discount if inside else 1.0
        adjusted.append((round(value * factor, 4), zk, ek, evidence))
    if params.scoring == "pairing":
        adjusted = _paired_by_model(adjusted)
    return sorted(adjusted, key=lambda s: (-s[0], -joint[(s[1], s[2])], s[1], s[2]))


def variants(
    scored: Sequence[Scored], chosen: Sequence[Scored], params: ScoringParams
) -> dict[tuple[str, str], tuple[str, ...]]:
    """The English keys :func:`select` kept out as variants of each chosen pair: the other
    English of its Chinese term in its inflection ``family``, best-scored first, among those
    scoring within :func:`reach` of the term's best (the scorer leaves out the others)."""
    families = Families()
    kept: dict[tuple[str, tuple[str, ...]], str] = {}
    for _, zk, ek, _ in chosen:
        kept.setdefault((zk, families[ek]), ek)
    best: dict[str, float] = {}
    for value, zk, _, _ in scored:
        best[zk] = max(value, best.get(zk, value))
    plain = reach(params).plain
    found: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for value, zk, ek, _ in scored:
        if value < best[zk] - plain:
            continue
        head = kept.get((zk, families[ek]))
        if head is not None and head != ek:
            found.setdefault((zk, head), []).append((-value, ek))
    return {key: tuple(ek for _, ek in sorted(forms)) for key, forms in found.items()}


def _paired_by_model(scored: list[Scored]) -> list[Scored]:
    """Each Chinese term keeps the scores it has (how term-like it is stays the hand-set
    scoring's), but its English are given them in the order of the fitted model's
    probability (its ``model`` evidence line): the model was fitted on which English is right
    for a term, cross-validated by document (docs/eval.md)."""
    by_zh: dict[str, list[int]] = {}
    for i, (_, zk, _, _) in enumerate(scored):
        by_zh.setdefault(zk, []).append(i)
    result = list(scored)
    for indexes in by_zh.values():
        if len(indexes) < 2:
            continue
        values = sorted((scored[i][0] for i in indexes), reverse=True)
        # Ties keep today's order (sorted is stable).
        ranked = sorted(indexes, key=lambda i: -_probability(scored[i][3]))
        for value, i in zip(values, ranked, strict=True):
            _, zk, ek, evidence = scored[i]
            result[i] = (value, zk, ek, evidence)
    return result


def _probability(evidence: Sequence[Evidence]) -> float:
    return next((e.value for e in evidence if e.kind == MODEL), 0.0)
