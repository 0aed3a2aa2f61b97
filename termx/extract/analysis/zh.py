"""Chinese analysis: jieba POS tags (via rjieba, the same model, faster) with offsets.

jieba's model is Simplified, so the text is tagged after Traditional→Simplified folding; the
folding keeps one character per character, so offsets point into the user's surface text.
"""

from __future__ import annotations

from typing import NamedTuple

from termx.text import to_simplified


class ZhToken(NamedTuple):
    """One jieba word (a tuple: a segment makes dozens, and a tuple is the cheapest to
    build)."""

    text: str  # Simplified
    start: int
    end: int
    pos: str


def simplified_aligned(surface: str) -> str:
    """Simplified text of the same length as ``surface`` (character for character)."""
    simplified = to_simplified(surface)
    if len(simplified) == len(surface):
        return simplified
    # A phrase rule changed the length: fall back to one character at a time.
    return "".join(converted if len(converted := to_simplified(ch)) == 1 else ch for ch in surface)


# Pronouns, demonstratives and question words are a closed class built from these morphemes
# (这些, 如何, 一切, 别人). jieba's dictionary also tags a few content words "r" (多边
# multilateral, 前身): a word with none of these characters is a modifier, not a pronoun.
_PRONOUN_MORPHEMES = frozenset(
    "我你您他她它咱俺吾这那哪此其各每某本该谁啥何怎什么自己别另诸彼之任有一如为几咋甚孰若"
    "么样个人们些家敝兹厥儿"
)


def analyse(surface: str) -> list[ZhToken]:
    import rjieba

    simplified = simplified_aligned(surface)
    tokens: list[ZhToken] = []
    append = tokens.append
    offset = 0
    for word, pos in rjieba.tag(simplified):
        if pos[:1] == "r" and _PRONOUN_MORPHEMES.isdisjoint(word):
            pos = "b"
        end = offset + len(word)
        append(ZhToken(word, offset, end, pos))
        offset = end
    return tokens
