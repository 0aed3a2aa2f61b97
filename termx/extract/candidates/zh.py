"""Chinese term candidates: jieba-tagged n-grams that start and end like a term, and quotes."""

from __future__ import annotations

import re
from collections.abc import Sequence

from termx.extract.analysis.zh import ZhToken
from termx.extract.candidates import Candidate, keep
from termx.text import fold, han_count

# Structural limits, not ranking weights: how long a span may be to be a candidate at all.
MAX_ZH_TOKENS = 8
MAX_ZH_CHARS = 16


_ZH_QUOTES = set("“”‘’\"'「」『』《》〈〉")
_DROP_ZH_QUOTES = str.maketrans(dict.fromkeys(_ZH_QUOTES))
_ZH_OPEN_CLOSE = re.compile(
    r"[“「『《〈\"]([^“”「」『』《》〈〉\"，。；：！？、,.;:!?]{2,20})[”」』》〉\"]"
)
# jieba tags that never start, end or sit inside a term (particles, prepositions, conjunctions,
# pronouns, adverbs, interjections, punctuation). Not idioms: jieba's "i" covers fixed three-
# and four-character expressions, content words among them (无症状 asymptomatic, 空气污染 air
# pollution, 临床表现 clinical presentation).
_ZH_NEVER = frozenset("u uj ul uz ug uv ud p c y e o r d x zg rr rz k h".split())
# Copulas, auxiliaries and light verbs: jieba tags them v, but no term contains them.
_ZH_FUNCTION_VERBS = frozenset(
    (
        "是 有 在 为 被 把 让 使 要 会 能 可以 将 就 也 都 说 了 着 过 得 应 应该 需要 "
        "可能 已 已经 正在 进行"
    ).split()
)
_ZH_NO_START = _ZH_NEVER | {"f", "q", "m", "mq", "ad", "vd", "df"}
_ZH_END = ("n", "v", "j", "eng", "a", "b", "s", "t", "l", "i")
# Adverbs that modify a noun: jieba tags some descriptive words "d" (快速 rapid, 共同 common,
# 务实 pragmatic, 初步 preliminary, 实时 real-time); glued to a noun or verbal noun they start
# a phrase (快速风险评估, 共同发展). The function adverbs (也, 都, 已, 最, 不) are one
# character: a one-character adverb starts nothing.
# Locatives likewise: after a noun, number or time word a locative is a postposition (5 岁以下,
# 两国之间, 春节期间) and starts nothing; elsewhere one of two or more characters glued to a
# noun is a positional modifier (中间宿主 intermediate host, 外周血 peripheral blood).
_ZH_MODIFYING = frozenset({"d", "f"})
_ZH_MODIFIED_NOUN = ("n", "vn")
_ZH_POSTPOSITION_AFTER = ("n", "m", "q", "t", "eng")


def _zh_boundary(token: ZhToken) -> bool:
    """Punctuation and other non-term tokens break candidates; quotes and Latin spaces do not."""
    if token.pos == "eng" or token.text.strip() == "":
        return False
    return token.pos == "x" and token.text not in _ZH_QUOTES


def zh_candidates(surface: str, tokens: Sequence[ZhToken]) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    runs: list[list[ZhToken]] = [[]]
    for token in tokens:
        if _zh_boundary(token) or token.text in _ZH_FUNCTION_VERBS:
            runs.append([])
        elif token.text not in _ZH_QUOTES and token.text.strip():
            runs[-1].append(token)
    for run in runs:
        for i, first in enumerate(run):
            modifying = _modifying(surface, run, i)
            if first.pos in _ZH_NO_START and not modifying and not _numeral_head(run, i):
                continue
            for j in range(i, min(len(run), i + MAX_ZH_TOKENS)):
                last = run[j]
                if last.pos in _ZH_NEVER and not (modifying and j == i):
                    break
                if not last.pos.startswith(_ZH_END):
                    continue
                if j > i and not _glued(surface, run[j - 1], last):
                    break
                text = surface[first.start : last.end].translate(_DROP_ZH_QUOTES)
                text = text.strip()
                if len(text) > MAX_ZH_CHARS:
                    break
                if _zh_term_like(text):
                    key = fold(text)
                    # 重要活动, 坚强战略支撑, 永恒主题: a qualitative or descriptive adjective
                    # (jieba "a", "z") or adverb in front makes a free phrase; terms are
                    # built from nouns and distinguishing words.
                    modified = first.pos in ("a", "z") or modifying
                    kind = "modified" if modified and j > i else "phrase"
                    inner = (
                        j + 1 < len(run)
                        and run[j + 1].pos.startswith(("n", "vn", "an"))
                        and _glued(surface, last, run[j + 1])
                    )
                    keep(found, Candidate(key, text, kind, inner))
    for match in _ZH_OPEN_CLOSE.finditer(surface):
        text = match.group(1).strip()
        if _zh_term_like(text):
            key = fold(text)
            found[key] = Candidate(key, text, "quote")
    return list(found.values())


def _modifying(surface: str, run: Sequence[ZhToken], i: int) -> bool:
    """快速/d 风险/n, 中间/f 宿主/n: an adverb or a locative of two or more characters glued
    to a noun modifies it."""
    if run[i].pos == "f" and i > 0 and run[i - 1].pos.startswith(_ZH_POSTPOSITION_AFTER):
        return False
    return (
        run[i].pos in _ZH_MODIFYING
        and len(run[i].text) >= 2
        and i + 1 < len(run)
        and run[i + 1].pos.startswith(_ZH_MODIFIED_NOUN)
        and _glued(surface, run[i], run[i + 1])
    )


def _numeral_head(run: Sequence[ZhToken], i: int) -> bool:
    """四国 / 两军: a numeral glued to a noun starts a term."""
    return (
        run[i].pos == "m"
        and len(run[i].text) == 1
        and i + 1 < len(run)
        and run[i + 1].pos.startswith("n")
    )


def _glued(surface: str, left: ZhToken, right: ZhToken) -> bool:
    """Adjacent tokens, or separated only by quotes (“長城”國際論壇) or, next to Latin text,
    a space ('COVID-19 危机')."""
    gap = surface[left.end : right.start]
    if gap.strip() == "":
        return gap == "" or "eng" in (left.pos, right.pos)
    return all(ch in _ZH_QUOTES for ch in gap.strip())


def _zh_term_like(text: str) -> bool:
    han = han_count(text)
    return han >= 2 or (han >= 1 and len(text) >= 3)
