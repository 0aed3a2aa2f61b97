"""Alignment evidence: a Chinese word inside a term translates an English word of the pair
by the corpus's word alignment (``termx.extract.alignment``), not by the dictionary.

呼吸 is glossed "to breathe"; across a corpus on respiratory disease the model learns that it
is "respiratory", and 呼吸系统 ↔ "respiratory system" is then explained on both sides. The
signal links only words the other signals leave unexplained on both sides, and gives the
coverage those links make as another reading of the lexical share; its lines say which words
and how sure the model is. Silent when no model was trained (a small input).
"""

from __future__ import annotations

from collections.abc import Sequence

from termx.extract.evidence.base import Bound, Contribution, Link, PairContext, coverage
from termx.model import Evidence

NAME = "align"


def links(ctx: PairContext) -> list[Link]:
    return []  # its links only fill what the other signals' leave unexplained (``evidence``)


def opens(ctx: PairContext) -> bool:
    """The model links some word of the pair (败血症 ↔ sepsis, which no anchor links)."""
    return bool(_aligned(ctx, ()))


def bound(ctx: PairContext) -> Bound:
    return Bound(lexical=_lexical(ctx, _aligned(ctx, ctx.links)))


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    mine = _aligned(ctx, ctx.links)
    if not mine:
        return None
    text = ctx.zh.text
    shown = tuple(
        Evidence(
            NAME, p, f"{text[link.zh_start : link.zh_end]}→{ctx.en.words[link.en_index]} p={p:.2f}"
        )
        for link, p in mine
    )
    return Contribution(shown=shown, lexical=_lexical(ctx, mine))


def _aligned(ctx: PairContext, others: Sequence[Link]) -> list[tuple[Link, float]]:
    """The links the model makes between a Chinese word of the term and an English word of
    the pair that ``others`` (the other signals' links) leave both unexplained: the model
    adds what the dictionary lacks, it does not give a glossed word a second English."""
    alignment = ctx.stats.alignment
    if not alignment.probability:
        return []
    covered = {i for link in others for i in range(link.zh_start, link.zh_end)}
    explained = {link.en_index for link in others}
    free = [(i, key) for i, key in enumerate(ctx.en.keys) if i not in explained]
    text, least = ctx.zh.text, ctx.params.align_link_p
    found = []
    start = 0
    for end in sorted(ctx.zh.boundaries):
        if free and not covered.intersection(range(start, end)):
            word = text[start:end]
            for index, key in free:
                p = alignment.p(word, key)
                if p >= least:
                    found.append((Link(start, end, index, NAME), p))
        start = end
    return found


def _lexical(ctx: PairContext, mine: Sequence[tuple[Link, float]]) -> float:
    """The lexical share with the model's links added to the others' (0 without any)."""
    if not mine:
        return 0.0
    links = [*ctx.links, *(link for link, _ in mine)]
    return ctx.params.lexical_weight * coverage(ctx.zh, ctx.en, links, ctx.params).value
