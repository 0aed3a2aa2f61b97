"""Position and markup evidence, gathered per segment pair.

Quoted spans that appear in the same order on both sides (“和平使命”… “Peace Mission”), and
segments that are a single term on both sides (a heading: 結束語 / Closing Remarks) pair up
even when no dictionary knows the words. :func:`hits` runs per segment (in the workers);
the counts reach the signal through ``Stats.hits``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from termx.extract.evidence.base import NOTHING, Bound, Contribution, Link, PairContext
from termx.extract.params import ScoringParams
from termx.model import Evidence
from termx.text import fold

if TYPE_CHECKING:
    from termx.extract.candidates import Candidate

NAME = "position"
KINDS = ("quote-order", "heading")
REASONS = {"quote-order": "quoted in the same order", "heading": "the whole segment on both sides"}


def weight(kind: str, params: ScoringParams) -> float:
    return params.quote_order_weight if kind == "quote-order" else params.heading_weight


def quote_order(zh_quoted: Sequence[str], en_quoted: Sequence[str]) -> list[tuple[str, str]]:
    if not zh_quoted or len(zh_quoted) != len(en_quoted):
        return []
    return list(zip(zh_quoted, en_quoted, strict=True))


def hits(
    zh_text: str,
    en_text: str,
    zc: Sequence[Candidate],
    ec: Sequence[Candidate],
    params: ScoringParams,
) -> tuple[tuple[str, str, str], ...]:
    """The (zh key, en key, kind) position hits of one segment pair."""
    zq = _in_order(zh_text, [c for c in zc if c.kind == "quote"])
    eq = _in_order(en_text, [c for c in ec if c.kind in ("quote", "quoted")])
    found = [(z, e, "quote-order") for z, e in quote_order(zq, eq)]
    # Only a short segment can be a heading: the word count is tested before the segment is
    # folded, so that only short segments pass through fold's cache (cached, every segment's
    # text would stay in memory up to the cache's bound).
    if len(en_text.split()) > params.heading_max_words:
        return tuple(found)
    zh_folded = fold(zh_text.strip("。.!?！？ "))
    en_folded = fold(en_text.strip(".!? "))
    zh_whole = [c.key for c in zc if fold(c.surface) == zh_folded]
    en_whole = [c.key for c in ec if fold(c.surface) == en_folded]
    if zh_whole and en_whole:
        found.append((zh_whole[0], en_whole[0], "heading"))
    return tuple(found)


def _in_order(text: str, cands: list[Candidate]) -> list[str]:
    return [c.key for c in sorted(cands, key=lambda c: text.find(c.surface))]


def _kinds(ctx: PairContext) -> list[str]:
    return [kind for kind in KINDS if ctx.stats.hits[(ctx.zh.key, ctx.en.key, kind)]]


def links(ctx: PairContext) -> list[Link]:
    return []


def opens(ctx: PairContext) -> bool:
    return bool(_kinds(ctx))


def bound(ctx: PairContext) -> Bound:
    remaining = 1.0
    for kind in _kinds(ctx):
        remaining *= 1.0 - weight(kind, ctx.params)
    return Bound(support=1.0 - remaining) if remaining < 1.0 else NOTHING


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    found = tuple(
        Evidence(
            kind,
            weight(kind, ctx.params),
            f"{REASONS[kind]} ({ctx.stats.hits[(ctx.zh.key, ctx.en.key, kind)]}/{ctx.joint})",
        )
        for kind in _kinds(ctx)
    )
    return Contribution(shown=found, support=found) if found else None
