"""Definition evidence: an English acronym the corpus defines ("Quadrilateral Cooperation and
Coordination Mechanism (QCCM)") is scored through its long form, so that 四国军队反恐合作协调
机制 ↔ QCCM is explained as well as the long form would be."""

from __future__ import annotations

from collections.abc import Sequence

from termx.extract.evidence import dictionary, translit
from termx.extract.evidence.base import NOTHING, Bound, Contribution, Link, PairContext, coverage
from termx.model import Evidence
from termx.text import fold

NAME = "definition"
KIND = "acronym"  # the evidence line reads as an acronym's: "QCCM = Quadrilateral …"


def links(ctx: PairContext) -> list[Link]:
    return []  # the long form's links explain the long form, not the acronym's one word


def opens(ctx: PairContext) -> bool:
    return False  # the acronym signal opens pairs with an English acronym


def _defined(ctx: PairContext) -> bool:
    return len(ctx.en.words) == 1 and ctx.en.words[0] in ctx.stats.definitions


def bound(ctx: PairContext) -> Bound:
    """The long form's coverage is at most 1 (working it out is the costly part); rounding to
    three places adds at most 0.0005."""
    if not _defined(ctx):
        return NOTHING
    params = ctx.params
    return Bound(params.lexical_weight, params.name_weight * ctx.covered + 0.0005)


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    en, stats = ctx.en, ctx.stats
    if not _defined(ctx):
        return None
    long_form = stats.definition(en.words[0])
    long_term = ctx.analyser.en_term(fold(long_form), long_form)
    # The lexical signals that read a phrase word by word explain the long form.
    found = [
        *dictionary.match(ctx.zh, long_term, ctx.params),
        *translit.match(ctx.zh, long_term),
    ]
    value = coverage(ctx.zh, long_term, found, ctx.params).value
    if value < ctx.params.definition_threshold:
        return None
    shown = Evidence(KIND, round(value, 3), f"{en.words[0]} = {long_form}")
    # An acronym is rarely a coincidence: it counts besides the coverage, as a spelled one.
    weighted = Evidence(
        KIND, round(ctx.params.name_weight * shown.value * ctx.covered, 3), shown.reason
    )
    return Contribution(
        shown=(shown,), support=(weighted,), lexical=ctx.params.lexical_weight * shown.value
    )
