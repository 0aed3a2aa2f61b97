"""The coverage line: when nothing but the lexical signals (and co-occurrence) speaks for a
pair, the evidence column says how much of each side they explain."""

from __future__ import annotations

from collections.abc import Sequence

from termx.extract.evidence.base import NOTHING, Bound, Contribution, Link, PairContext
from termx.model import Evidence

NAME = "coverage"
# Co-occurrence always speaks (it may say "seen once"): it does not silence this line.
_BACKGROUND = frozenset({"cooc"})


def links(ctx: PairContext) -> list[Link]:
    return []


def bound(ctx: PairContext) -> Bound:
    return NOTHING  # its line explains the score, it adds nothing to it


def opens(ctx: PairContext) -> bool:
    return False


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    if ctx.coverage is None or any(
        e.kind not in _BACKGROUND for found in earlier for e in found.support
    ):
        return None
    lexical = max(ctx.params.lexical_weight * ctx.covered, *(found.lexical for found in earlier))
    reason = f"zh {ctx.coverage.zh:.0%} explained, en {ctx.coverage.en:.0%} explained"
    return Contribution(shown=(Evidence(NAME, round(lexical, 3), reason),))
