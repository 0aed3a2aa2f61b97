"""Name evidence: a proper name (a CEDICT name-only headword, or an English term usually
written with capitals) is a term more often than a free phrase is."""

from __future__ import annotations

from collections.abc import Sequence

from termx.extract.evidence.base import NOTHING, Bound, Contribution, Link, PairContext
from termx.model import Evidence

NAME = "name"


def links(ctx: PairContext) -> list[Link]:
    return []


def opens(ctx: PairContext) -> bool:
    return False


def _names(ctx: PairContext) -> tuple[bool, bool]:
    """Whether the Chinese is a name in the dictionary, and the English one by its capitals."""
    proper = ctx.zh.text in ctx.analyser.cedict.proper
    # Capitals make a name only if the term is usually written so ("Virus" in a unit's title
    # does not make "virus" a name).
    en_name = ctx.stats.en_kind.get(ctx.en.key) == "name" and ctx.en.surface[:1].isupper()
    return proper, en_name


def bound(ctx: PairContext) -> Bound:
    proper, en_name = _names(ctx)
    if not proper and not en_name:
        return NOTHING
    return Bound(support=round(ctx.params.name_evidence * ctx.covered, 3), proper=proper)


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    proper, en_name = _names(ctx)
    if not proper and not en_name:
        return None
    found = Evidence(
        NAME,
        round(ctx.params.name_evidence * ctx.covered, 3),
        "a proper name (dictionary or capitals)",
    )
    return Contribution(shown=(found,), support=(found,), proper=proper)
