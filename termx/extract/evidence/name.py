"""Name evidence: a proper name (a CEDICT name-only headword, or an English term usually
written with capitals) is a term more often than a free phrase is."""

from __future__ import annotations

from collections.abc import Sequence

from termx.extract.evidence.base import Contribution, Link, PairContext
from termx.model import Evidence

NAME = "name"


def links(ctx: PairContext) -> list[Link]:
    return []


def opens(ctx: PairContext) -> bool:
    return False


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    proper = ctx.zh.text in ctx.analyser.cedict.proper
    # Capitals make a name only if the term is usually written so ("Virus" in a unit's title
    # does not make "virus" a name).
    en_name = ctx.stats.en_kind.get(ctx.en.key) == "name" and ctx.en.surface[:1].isupper()
    if not proper and not en_name:
        return None
    found = Evidence(
        NAME,
        round(ctx.params.name_evidence * ctx.covered, 3),
        "a proper name (dictionary or capitals)",
    )
    return Contribution(shown=(found,), support=(found,), proper=proper)
