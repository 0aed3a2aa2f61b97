"""Position and markup evidence, gathered per segment pair.

Quoted spans that appear in the same order on both sides (“和平使命”… “Peace Mission”), and
segments that are a single term on both sides (a heading: 結束語 / Closing Remarks) pair up
even when no dictionary knows the words.
"""

from __future__ import annotations

from collections.abc import Sequence

from termx.model import Evidence

MAX_HEADING_WORDS = 6
WEIGHTS = {"quote-order": 0.6, "heading": 0.7}
REASONS = {"quote-order": "quoted in the same order", "heading": "the whole segment on both sides"}


def quote_order(zh_quoted: Sequence[str], en_quoted: Sequence[str]) -> list[tuple[str, str]]:
    if not zh_quoted or len(zh_quoted) != len(en_quoted):
        return []
    return list(zip(zh_quoted, en_quoted, strict=True))


def evidence(kind: str, count: int, total: int) -> Evidence:
    return Evidence(kind, WEIGHTS[kind], f"{REASONS[kind]} ({count}/{total})")
