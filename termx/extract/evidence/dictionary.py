"""Dictionary evidence: compositional translation through CC-CEDICT.

Every substring of the Chinese term that is a CEDICT headword offers its gloss phrases; an
English word is explained by a part when a gloss phrase of that part contains it (same word
key, or a long shared stem: symptom/symptomatic) and at least half of that phrase's words
are in the English term, so that 上合组织 ("Shanghai Cooperation Organisation") explains
"SCO" or the whole name, not a lone "cooperation". Parts are then chosen without overlap,
preferring parts that are whole words, then longer parts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from termx.extract.cedict import Cedict
from termx.extract.evidence.base import (
    NOTHING,
    Bound,
    Contribution,
    EnTerm,
    Link,
    PairContext,
    ZhTerm,
)
from termx.extract.params import ScoringParams
from termx.model import Evidence
from termx.text import is_han

NAME = "dictionary"

# Chinese negation prefixes and the English ones they translate (无症状 ↔ asymptomatic).
_NEGATIONS = ("无", "非", "不", "未", "反", "抗", "防")
_EN_NEGATIONS = ("a", "non", "un", "in", "im", "dis", "anti")
MAX_PART = 8  # longer CEDICT headwords are idioms and names, never parts of a term

Span = tuple[int, int, int, int]


def gloss_spans(
    text: str,
    cedict: Cedict,
    keyed_senses: Callable[[str], tuple[tuple[str, int, int], ...]] | None = None,
    known: Mapping[str, tuple[tuple[str, int, int], ...]] | None = None,
) -> dict[str, list[Span]]:
    """Every (start, end, sense id, size) of each gloss word key of the CEDICT headwords inside
    ``text``; ``keyed_senses`` looks a headword's senses up (the Analyser's cached one), and
    ``known`` holds the senses it has looked up (read first: a dict lookup, not a call)."""
    spans: dict[str, list[Span]] = {}
    prefixes = cedict.prefixes
    senses_of = keyed_senses or cedict.keyed_senses
    get = (known or {}).get
    end = len(text)
    for i in range(end):
        if not is_han(text[i]):
            continue
        for j in range(i + 1, min(end, i + MAX_PART) + 1):
            part = text[i:j]
            if part not in prefixes:
                break
            senses = get(part)
            for key, sense_id, size in senses_of(part) if senses is None else senses:
                span = (i, j, sense_id, size)
                found = spans.get(key)
                if found is None:
                    spans[key] = [span]
                else:
                    found.append(span)
    return spans


def _matches(zh: ZhTerm, key: str, min_rest: int) -> list[Span]:
    """The spans that explain English word ``key``: its own glosses, else those of a shared
    stem, else a negation (see :func:`_negated`). A term's pairs ask for the same English
    words again and again: the answers are kept with the term (``ZhTerm.matched``)."""
    spans = zh.glosses.get(key)
    if spans:
        return spans
    memo = zh.matched
    found = memo.get((key, min_rest))
    if found is None:
        found = memo[(key, min_rest)] = _unglossed(zh, key, min_rest)
    return found


def _unglossed(zh: ZhTerm, key: str, min_rest: int) -> list[Span]:
    prefix = zh.stem_prefix
    if len(key) >= prefix:
        stem = [
            span
            for gloss in zh.stems.get(key[:prefix], ())
            if key.startswith(gloss) or gloss.startswith(key)
            for span in zh.glosses[gloss]
        ]
        if stem:
            return stem
    return _negated(zh, key, min_rest)


def _negated(zh: ZhTerm, key: str, min_rest: int) -> list[Span]:
    """'asymptomatic' = a + symptom…, explained by 无 + 症状."""
    text = zh.text
    if not any(negation in text for negation in _NEGATIONS):
        return []
    for prefix in _EN_NEGATIONS:
        if key.startswith(prefix) and len(key) - len(prefix) >= min_rest:
            rest = key[len(prefix) :]
            for gloss, spans in zh.glosses.items():
                if len(gloss) >= min_rest and (rest.startswith(gloss) or gloss.startswith(rest)):
                    negated = [
                        (a - 1, b, sense, 1)
                        for a, b, sense, _ in spans
                        if a > 0 and zh.text[a - 1] in _NEGATIONS
                    ]
                    if negated:
                        return negated
    return []


def match(zh: ZhTerm, en: EnTerm, params: ScoringParams) -> list[Link]:
    """The dictionary links of a pair: which parts of ``zh`` gloss which words of ``en``."""
    # (start, end, sense) → the English word indexes its gloss has, in order, and its size.
    matched: dict[tuple[int, int, int], list[int]] = {}
    sizes: dict[tuple[int, int, int], int] = {}
    glosses, min_rest = zh.glosses, params.negation_min_rest
    for index, key in enumerate(en.keys):
        for a, b, sense, size in glosses.get(key) or _matches(zh, key, min_rest):
            part = (a, b, sense)
            indexes = matched.get(part)
            if indexes is None:
                matched[part] = [index]
            elif indexes[-1] != index:  # two glosses of one stem name the same word once
                indexes.append(index)
            sizes[part] = size
    proposals: dict[tuple[int, int, int], tuple[float, int]] = {}
    for part, indexes in matched.items():
        size, count = sizes[part], len(indexes)
        # A name ("Shanghai Cooperation Organisation") must be there whole, a common phrase
        # at least half ("work together" → "Working" counts half).
        if (count < -size) if size < 0 else (2 * count < size):
            continue
        weight = min(1.0, count / abs(size))
        a, b, sense = part
        for index in indexes:
            old = proposals.get((a, b, index))
            if old is None or weight > old[0]:
                proposals[(a, b, index)] = (weight, sense)
    if not proposals:
        return []
    if len(proposals) == 1:  # the one reading all three choices below make (37 % of pairs)
        ((a, b, index), (weight, _)), *_ = proposals.items()
        return [Link(a, b, index, NAME, weight)]
    # Whole words first, longer parts (coarse) or shorter ones (fine) first among them; or parts
    # of two characters or more wherever jieba cut (病毒 + 感染 → "virus infection", where the
    # word 病毒感染 only glosses "viral infection"), as long as they still cover the Chinese
    # the whole words do (成员 → "member" is no better reading of 成员国 than 成员国 → "member"):
    # keep whichever explains more of the English.
    coarse = _choose(zh, proposals, True, True)
    if len({a - b for a, b, _ in proposals}) == 1:
        return _links(
            coarse
        )  # parts all of one length: both orders are the same, and so the choice
    # Every English word explained in full: no reading weighs more (each takes a word at
    # most once, at weight at most 1, and a float sum of k terms <= 1 is <= k), and ties go
    # to the first reading, this one; the other two need not be worked out.
    if len(coarse) == len({index for _, _, index in proposals}) and all(
        weight == 1.0 for _, _, _, weight in coarse
    ):
        return _links(coarse)
    readings = [coarse, _choose(zh, proposals, False, True)]
    parts = _choose(zh, {p: v for p, v in proposals.items() if p[1] - p[0] > 1}, False, False)
    if _chars(coarse) <= _chars(parts):
        readings.append(parts)
    # Ties go to the earlier reading: max keeps the first of equal keys.
    return _links(max(readings, key=lambda chosen: sum(weight for _, _, _, weight in chosen)))


# A chosen part: (start, end, English word index, weight); Links are made for the winner only.
_Chosen = tuple[int, int, int, float]


def _links(chosen: list[_Chosen]) -> list[Link]:
    return [Link(a, b, index, NAME, weight) for a, b, index, weight in chosen]


def _chars(chosen: list[_Chosen]) -> set[int]:
    return {i for a, b, _, _ in chosen for i in range(a, b)}


def choose(
    zh: ZhTerm,
    proposals: dict[tuple[int, int, int], tuple[float, int]],
    longest: bool = True,
    words: bool = True,
) -> list[Link]:
    """A consistent alignment: no two chosen parts overlap, each English word used once;
    parts that are whole words come first (unless ``words`` is false), then fuller gloss
    matches, then longer (or shorter) parts."""
    return _links(_choose(zh, proposals, longest, words))


def _choose(
    zh: ZhTerm,
    proposals: dict[tuple[int, int, int], tuple[float, int]],
    longest: bool,
    words: bool,
) -> list[_Chosen]:
    boundaries, end = zh.boundaries, len(zh.text)
    sign = 1 if longest else -1
    # Decorated tuples rather than a key function (this runs two or three times for every
    # scored pair); (a, a - b, index) names a proposal, so no two keys tie and the order is
    # the one a stable sort on the first five fields gives.
    order = sorted(
        (
            words and not ((a == 0 or a in boundaries) and (b == end or b in boundaries)),
            -weight,
            sign * (a - b),
            a,
            index,
            b,
            sense,
            weight,
        )
        for (a, b, index), (weight, sense) in proposals.items()
    )
    wanted = len({index for _, _, index in proposals})
    spans: dict[tuple[int, int], int] = {}  # part → the one sense it is read in
    used: set[int] = set()
    chosen = []
    for _, _, _, a, index, b, sense, weight in order:
        if index in used or spans.get((a, b), sense) != sense:
            continue  # 身体 is "body" or "health", not both in one term
        if _overlaps(a, b, spans):
            continue
        spans[(a, b)] = sense
        used.add(index)
        chosen.append((a, b, index, weight))
        if len(used) == wanted:
            break  # every English word is taken: the rest would all be skipped
    return chosen


def _overlaps(a: int, b: int, spans: dict[tuple[int, int], int]) -> bool:
    """Whether part a..b overlaps a chosen part other than itself (a loop, not any() over a
    generator: this runs for every proposal of every scored pair)."""
    for c, d in spans:  # noqa: SIM110 (faster than any() over a generator)
        if a < d and c < b and (a != c or b != d):
            return True
    return False


def links(ctx: PairContext) -> list[Link]:
    return match(ctx.zh, ctx.en, ctx.params)


def bound(ctx: PairContext) -> Bound:
    return NOTHING  # its line explains the score, it adds nothing to it


def opens(ctx: PairContext) -> bool:
    return False  # its links open a pair


def evidence(ctx: PairContext, earlier: Sequence[Contribution]) -> Contribution | None:
    """Render the dictionary links as 'part→word' pairs in English order."""
    zh, en = ctx.zh, ctx.en
    mine = sorted((link for link in ctx.links if link.kind == NAME), key=lambda link: link.en_index)
    if not mine:
        return None
    parts = [f"{zh.text[link.zh_start : link.zh_end]}→{en.words[link.en_index]}" for link in mine]
    shown = Evidence(NAME, round(len(mine) / max(1, len(en.words)), 3), " ".join(parts))
    return Contribution(shown=(shown,))
