"""Transliteration evidence: Chinese names and places written in pinyin (張曉剛 → Zhang Xiaogang).

Surnames with a special reading (曾 Zeng, 单 Shan …) are read as surnames; the order of
surname and given name may be either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from termx.extract.evidence.base import (
    NOTHING,
    Bound,
    Contribution,
    EnTerm,
    Link,
    PairContext,
    ZhTerm,
)
from termx.model import Evidence
from termx.text import is_han

NAME = "translit"

# Surname readings that differ from the character's most common reading.
SURNAME_READINGS = {
    "曾": "zeng",
    "单": "shan",
    "解": "xie",
    "仇": "qiu",
    "朴": "piao",
    "查": "zha",
    "区": "ou",
    "盖": "ge",
    "乐": "yue",
    "翟": "zhai",
    "缪": "miao",
    "种": "chong",
    "覃": "qin",
    "召": "shao",
    "员": "yun",
    "秘": "bi",
    "尉": "yu",
    "长孙": "zhangsun",
    "万俟": "moqi",
    "宁": "ning",
    "华": "hua",
    "任": "ren",
    "沈": "shen",
    "柏": "bai",
    "薄": "bo",
    "繁": "po",
    "冼": "xian",
}
MAX_NAME_PART = 4  # structural: the longest name part read as one pinyin word


def reading(char: str) -> str:
    """The tone-free pinyin of one character (v as u); "?" if it has none. The Analyser
    caches it: a corpus has a few thousand distinct characters."""
    from pypinyin import Style, lazy_pinyin

    # pypinyin accepts a list from ``errors`` (one item per character); its stubs say str.
    unknown = lambda _: ["?"]  # noqa: E731
    return lazy_pinyin(char, style=Style.NORMAL, errors=unknown)[0].replace("v", "u")  # type: ignore[arg-type]


def romanisations(
    text: str, read: Callable[[str], str] = reading
) -> dict[str, list[tuple[int, int]]]:
    """Pinyin spellings of every Han substring of up to four characters, each with the spans
    it spells; ``read`` gives a character's reading (character by character: names are read
    that way, and it is much faster than phrases)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for spelled, i, j in _spelled(text, read):
        found.setdefault(spelled, []).append((i, j))
    return found


def spellings(text: str, read: Callable[[str], str] = reading) -> set[str]:
    """The keys of :func:`romanisations`, without their spans (linking needs no more)."""
    return {spelled for spelled, _, _ in _spelled(text, read)}


def _spelled(text: str, read: Callable[[str], str]) -> Iterator[tuple[str, int, int]]:
    syllables = tuple(read(ch) for ch in text)
    if len(syllables) != len(text):
        return
    han = [is_han(ch) for ch in text]
    for i in range(len(text)):
        surname = SURNAME_READINGS.get(text[i])
        reading = special = ""
        for j in range(i + 1, min(len(text), i + MAX_NAME_PART) + 1):
            if not han[j - 1]:
                break
            # Grown one syllable at a time: the reading of text[i:j] and its surname reading.
            reading += syllables[j - 1]
            yield reading, i, j
            if surname is not None:
                special = surname if j == i + 1 else special + syllables[j - 1]
                if special != reading:
                    yield special, i, j


def match(zh: ZhTerm, en: EnTerm) -> list[Link]:
    """Capitalised English words that spell a part of ``zh`` in pinyin."""
    found: list[Link] = []
    romanised = zh.romanised
    # Pinyin in English text is a capitalised word ("Xiaogang", "Qingdao").
    for index, spelled in en.capitalised:
        spans = romanised.get(spelled)
        if spans:
            found.extend(Link(a, b, index, NAME) for a, b in spans)
    return found


def fully_romanised(zh: ZhTerm, links: Sequence[Link]) -> bool:
    """Every character of ``zh`` is spelled out (董军 ↔ Dong Jun), not one syllable inside a
    word (活动 ↔ "Dong")."""
    spelled = {i for link in links if link.kind == NAME for i in range(link.zh_start, link.zh_end)}
    return bool(spelled) and all(i in spelled for i, ch in enumerate(zh.text) if ch.strip())


def links(ctx: PairContext) -> list[Link]:
    return match(ctx.zh, ctx.en)


def opens(ctx: PairContext) -> bool:
    return False  # its links open a pair


def _share(ctx: PairContext) -> float:
    named = {link.en_index for link in ctx.links if link.kind == NAME}
    return round(len(named) / max(1, len(ctx.en.words)), 3)


def _weight(ctx: PairContext, share: float) -> float:
    return round(ctx.params.name_weight * share * ctx.covered, 3)


def bound(ctx: PairContext) -> Bound:
    if not fully_romanised(ctx.zh, ctx.links):
        return NOTHING  # no line, or one that adds nothing to the score
    return Bound(support=_weight(ctx, _share(ctx)), proper=True)


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    zh, en, found = ctx.zh, ctx.en, ctx.links
    parts = [
        f"{zh.text[link.zh_start : link.zh_end]}→{en.words[link.en_index]}"
        for link in found
        if link.kind == NAME
    ]
    if not parts:
        return None
    shown = Evidence(NAME, _share(ctx), " ".join(dict.fromkeys(parts)))
    # A name spelled out in full is rarely a coincidence: it counts besides the coverage.
    if not fully_romanised(zh, found):
        return Contribution(shown=(shown,))
    weighted = Evidence(NAME, _weight(ctx, shown.value), shown.reason)
    return Contribution(shown=(shown,), support=(weighted,), proper=True)
