"""Latin-script evidence: 'COVID-19 危机' ↔ 'COVID-19 crisis', the same token on both sides."""

from __future__ import annotations

from collections.abc import Sequence

from termx.extract.evidence.base import NOTHING, Bound, Contribution, Link, PairContext
from termx.model import Evidence

NAME = "latin"


def links(ctx: PairContext) -> list[Link]:
    found = []
    lowered = ctx.zh.lowered
    for index, word in ctx.en.latin:
        start = lowered.find(word)
        if start >= 0:
            found.append(Link(start, start + len(word), index, NAME))
    return found


def bound(ctx: PairContext) -> Bound:
    return NOTHING  # its line explains the score, it adds nothing to it


def opens(ctx: PairContext) -> bool:
    return False  # its links open a pair


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    if not any(link.kind == NAME for link in ctx.links):
        return None
    return Contribution(shown=(Evidence(NAME, 1.0, "same Latin-script token on both sides"),))
