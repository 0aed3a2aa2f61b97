"""Latin-script evidence: 'COVID-19 危机' ↔ 'COVID-19 crisis', the same token on both sides."""

from __future__ import annotations

import re
from collections.abc import Sequence

from termx.extract.evidence.base import NOTHING, Bound, Contribution, Link, PairContext
from termx.extract.lexicon import content_words
from termx.model import Evidence

NAME = "latin"
_LETTERS = re.compile(r"[A-Za-z]{2}")


def anchors(text: str) -> frozenset[str]:
    """The Latin-script words of two letters or more in a Chinese term ("covid" of 'COVID-19
    爆发'), in lower case as an English term's anchors are: the same token on both sides
    links a pair for counting, as a shared gloss does ("COVID-19 outbreak"; 爆发 is glossed
    "to break out", and "outbreak" is learned from the corpus only after counting)."""
    if _LETTERS.search(text) is None:
        return frozenset()
    return frozenset(word.lower() for word in content_words(text) if _LETTERS.match(word))


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
