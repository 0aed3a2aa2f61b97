"""Bilingual documents: Chinese and English blocks interleaved, as on bilingual news pages.

Blocks are paragraphs (separated by blank lines, or one per line when the document has no blank
lines), classified by script after cleaning. The Chinese blocks and the English blocks are then
aligned as two monotonic streams with a Gale–Church-style dynamic programme over the moves 1-1,
1-0, 0-1, 2-1 and 1-2. The cost of a move combines

* the length fit: the English length is about ``RATIO`` × the Chinese length, with a variance that
  grows with the length (Gale & Church 1993; the constants were measured on tico19-dev);
* the distance in the document between the two sides (a translation sits next to its original,
  so of two equal titles the nearer one wins);
* a price for leaving a block out that grows with its length: a byline, a heading with no
  counterpart or share-button debris is cheap to leave out, a long paragraph is not;
* a price for merging two blocks, so that short debris is left out rather than glued on.

Aligned paragraphs are split into sentence pairs when both sides have the same number of
sentences and each sentence pair fits by length. Blocks that are left out are reported in the
read statistics with a reason, never used.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from termx.errors import TermxError
from termx.io._common import ReadOptions, ReadStats, script_of
from termx.io._textio import iter_lines
from termx.io.directives import merge, take
from termx.model import Lang, Origin, SegmentPair
from termx.text import clean, han_count

# English characters per Chinese character and the variance per Chinese character, measured
# on the 1,531 tico19-dev pairs with at least five Chinese characters (3.13 and 29.9).
RATIO = 3.13
VARIANCE = 30.0
SKIP_BASE = 0.5
SKIP_PER_CHAR = 0.1
MERGE = 3.0
GAP = 0.6
GAP_CAP = 8
ORDER = 1.0
# How many Chinese characters of prior belief the document's own ratio has to outweigh.
PRIOR_CHARS = 200.0
ANCHOR = 0.7
ANCHOR_CAP = 3.0
# A sentence pair whose lengths are further apart than this (in standard deviations) means the
# two sides split their sentences differently: keep the paragraph pair instead.
SENTENCE_DELTA = 2.5
# Documents with at most this many blocks of each language are aligned over the whole grid.
_BAND = 400
# The first band (blocks either side of the document-order line) tried for a longer document.
_NARROW = 12
# A line shorter than this share of the longest line in its paragraph was not hard-wrapped.
WRAP_SHARE = 0.7
_TERMINATORS = tuple("。！？!?.…”」』\"'")
_ANCHOR = re.compile(r"\d+(?:[.,]\d+)*|[A-Za-z][A-Za-z\-]*[A-Za-z0-9]")

_ZH_SENTENCE = re.compile(
    r"(?<=[。！？!?])(?![”’」』）)\"'。！？!?])|(?<=[。！？!?][”’」』）)\"'])"
)
_EN_SENTENCE = re.compile(r"(?<=[.!?])([”’\"')\]]?)\s+(?=[A-Z“‘\"(\[])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Prof|St|Gen|Col|No|Nos|vs|etc|Jr|Sr|Inc|Ltd|Co)"
    r"|\b[A-Z]|\b(?:[A-Za-z]\.)+[A-Za-z])\.$"
)


@dataclass(frozen=True, slots=True)
class Block:
    index: int
    line: int
    text: str
    lang: Lang | None
    # Length in Chinese-character units, so both languages are priced alike.
    size: float
    anchors: frozenset[str]
    # A ``termx: ignore`` directive written on one of the block's lines (removed from text).
    ignore: frozenset[str] | None = None


def make_block(
    index: int, line: int, text: str, lang: Lang | None, ignore: frozenset[str] | None = None
) -> Block:
    # Digits, Latin words and symbols inside Chinese text keep their length in the English
    # translation, so they count 1/RATIO each, like English characters.
    size = _zh_size(text) if lang == "zh" else len(text) / RATIO
    return Block(index, line, text, lang, size, _anchors(text), ignore)


def sniff(head: str) -> bool:
    return script_of(head) is not None


def read(path: Path, display: str, options: ReadOptions, stats: ReadStats) -> Iterator[SegmentPair]:
    blocks = split_blocks(iter_lines(path, display, options.encoding))
    if not blocks:
        raise TermxError("empty input (no text)", display)
    for block in blocks:
        if block.lang is None:
            stats.skip(Origin(display, block.line), "no Chinese or English text", block.text)
    zh = [block for block in blocks if block.lang == "zh"]
    en = [block for block in blocks if block.lang == "en"]
    groups, model = align_with_model(zh, en)
    source: Lang = options.source_lang or "zh"
    for zh_group, en_group in groups:
        if not en_group:
            for block in zh_group:
                stats.skip(Origin(display, block.line), _reason("English", en), block.text, "zh")
            continue
        if not zh_group:
            for block in en_group:
                stats.skip(Origin(display, block.line), _reason("Chinese", zh), block.text, "en")
            continue
        origin = Origin(display, en_group[0].line)
        zh_text = "".join(block.text for block in zh_group)
        en_text = " ".join(block.text for block in en_group)
        ignore = None
        for block in (*zh_group, *en_group):
            ignore = merge(ignore, block.ignore)
        for zh_sentence, en_sentence in split_sentences(zh_text, en_text, model):
            stats.pairs += 1
            yield SegmentPair(zh_sentence, en_sentence, origin, source, ignore)


def _reason(missing: str, other: Sequence[Block]) -> str:
    if not other:
        return f"no {missing} text in the document"
    return f"no {missing} counterpart by length and position"


def split_blocks(lines: Iterator[tuple[int, str]]) -> list[Block]:
    """Paragraph blocks with their first line, cleaned and classified by script.

    A ``termx: ignore`` directive (a trailing comment on a line) is taken off the text, so it
    neither counts as English nor reaches the pair, and kept on the block of its line.
    """
    chunks: list[list[tuple[int, str]]] = [[]]
    directives: dict[int, frozenset[str]] = {}
    last = 0
    for number, raw in lines:
        if "termx" in raw:
            raw, rules = take(raw)
            if rules is not None:
                # A line that holds only the directive belongs to the line before it.
                directives[number if raw.strip() or not last else last] = rules
        if raw.strip():
            chunks[-1].append((number, clean(raw)))
            last = number
        elif chunks[-1]:
            chunks.append([])
    chunks = [chunk for chunk in chunks if chunk]
    if len(chunks) == 1:
        # No blank line between paragraphs: the document puts one paragraph per line.
        chunks = [[line] for line in chunks[0]]
    blocks: list[Block] = []
    for chunk in chunks:
        run: list[tuple[int, str]] = []
        run_lang: Lang | None = None
        langs = [script_of(text) for _, text in chunk]
        longest: dict[Lang | None, int] = {}
        for (_, text), lang in zip(chunk, langs, strict=True):
            longest[lang] = max(longest.get(lang, 0), len(text))
        for (number, text), lang in zip(chunk, langs, strict=True):
            if run and (lang != run_lang or not _wrapped(run[-1][1], longest[lang])):
                blocks.append(_block(len(blocks), run, run_lang, directives))
                run = []
            run.append((number, text))
            run_lang = lang
        if run:
            blocks.append(_block(len(blocks), run, run_lang, directives))
    return blocks


def _wrapped(line: str, longest: int) -> bool:
    """Whether the next line continues this one: a hard-wrapped line is nearly as long as the
    longest line around it and does not end a sentence. A short line is a heading, a title or
    a line of its own; a change of script always starts a new block."""
    return len(line) >= WRAP_SHARE * longest and not line.endswith(_TERMINATORS)


def _block(
    index: int,
    run: list[tuple[int, str]],
    lang: Lang | None,
    directives: dict[int, frozenset[str]],
) -> Block:
    joiner = "" if lang == "zh" else " "
    ignore = None
    if directives:
        for number, _ in run:
            ignore = merge(ignore, directives.get(number))
    text = clean(joiner.join(text for _, text in run))
    return make_block(index, run[0][0], text, lang, ignore)


@dataclass(frozen=True, slots=True)
class Model:
    """What the second pass knows about the document: the English/Chinese length ratio of its
    translator, and which language comes first in its pairs (None: no habit)."""

    ratio: float = RATIO
    first: Lang | None = None

    def delta(self, zh_chars: float, en_chars: float) -> float:
        # The variance grows with the ratio: a wordier translator also varies more.
        variance = VARIANCE * self.ratio / RATIO
        return abs(en_chars - self.ratio * zh_chars) / math.sqrt(variance * max(zh_chars, 1.0))


def length_cost(zh_chars: float, en_chars: float, model: Model = Model()) -> float:
    """−log P(lengths | translation), Gale & Church: a two-tailed normal on the length gap."""
    if zh_chars <= 0 or en_chars <= 0:
        return math.inf
    delta = model.delta(zh_chars, en_chars)
    return -math.log(max(math.erfc(delta / math.sqrt(2)), 1e-300))


def _zh_size(text: str) -> float:
    han = han_count(text)
    return han + (len(text) - han) / RATIO


def _skip_cost(block: Block) -> float:
    return SKIP_BASE + SKIP_PER_CHAR * block.size


def _gap(zh_group: Sequence[Block], en_group: Sequence[Block], first: Lang | None) -> float:
    """Blocks between the two sides in the document (0 when they are neighbours), plus a price
    when the pair goes against the document's habit (original before translation or after)."""
    zh_first, zh_last = zh_group[0].index, zh_group[-1].index
    en_first, en_last = en_group[0].index, en_group[-1].index
    zh_leads = zh_last < en_first
    between = en_first - zh_last - 1 if zh_leads else zh_first - en_last - 1
    against = first is not None and (first == "zh") != zh_leads
    return GAP * min(max(between, 0), GAP_CAP) + (ORDER if against else 0.0)


def _anchors(text: str) -> frozenset[str]:
    """Numbers and Latin-script words: in Chinese text they are usually kept as they are in the
    English translation (COVID-19, PPE, 2020, Scope Ratings GmbH)."""
    return frozenset(token.replace(",", "").casefold() for token in _ANCHOR.findall(text))


def _anchor_bonus(zh_group: Sequence[Block], en_group: Sequence[Block]) -> float:
    zh_anchors = frozenset().union(*(block.anchors for block in zh_group))
    if not zh_anchors:
        return 0.0
    en_anchors = frozenset().union(*(block.anchors for block in en_group))
    return min(ANCHOR_CAP, ANCHOR * len(zh_anchors & en_anchors))


def _adjacent(group: Sequence[Block]) -> bool:
    # Two blocks can only merge if nothing of the other language sits between them.
    return group[-1].index - group[0].index == len(group) - 1


def _pair_cost(zh_group: Sequence[Block], en_group: Sequence[Block], model: Model) -> float:
    zh_chars = sum(block.size for block in zh_group)
    en_chars = sum(len(block.text) for block in en_group) + len(en_group) - 1
    cost = length_cost(zh_chars, en_chars, model) + _gap(zh_group, en_group, model.first)
    cost -= _anchor_bonus(zh_group, en_group)
    if len(zh_group) + len(en_group) > 2:
        if not (_adjacent(zh_group) and _adjacent(en_group)):
            return math.inf
        cost += MERGE
    return cost


_MOVES = ((1, 1), (1, 0), (0, 1), (2, 1), (1, 2))
_STAY, _EN_ONLY, _ZH_ONLY, _ONE_ONE, _ONE_TWO, _TWO_ONE = (
    (0, 0),
    (0, 1),
    (1, 0),
    (1, 1),
    (1, 2),
    (2, 1),
)


Groups = list[tuple[tuple[Block, ...], tuple[Block, ...]]]


def align(zh: Sequence[Block], en: Sequence[Block]) -> Groups:
    """The cheapest monotonic alignment of the two streams, as (zh blocks, en blocks) groups."""
    return align_with_model(zh, en)[0]


def align_with_model(zh: Sequence[Block], en: Sequence[Block]) -> tuple[Groups, Model]:
    """Two passes: the first, with the prior ratio and no order preference, learns the
    document's length ratio and which language it puts first; the second uses them (a title
    pairs with the title after it, not with the intro after it)."""
    first_pass = _align(zh, en, Model())
    model = Model(_ratio(first_pass), _habit(first_pass))
    return _align(zh, en, model), model


def _ratio(groups: Groups) -> float:
    """English characters per Chinese character in the 1-1 pairs, shrunk towards the prior so
    that a short document cannot pull it far (a pseudo-count of ``PRIOR_CHARS`` characters)."""
    zh_chars = en_chars = 0.0
    for zh_group, en_group in groups:
        if len(zh_group) == 1 and len(en_group) == 1:
            zh_chars += zh_group[0].size
            en_chars += len(en_group[0].text)
    return _shrink(en_chars, zh_chars)


def _shrink(en_chars: float, zh_chars: float) -> float:
    ratio = (en_chars + RATIO * PRIOR_CHARS) / (zh_chars + PRIOR_CHARS)
    return min(max(ratio, RATIO / 2), RATIO * 2)


def _habit(groups: Groups) -> Lang | None:
    zh_leads = sum(1 for z, e in groups if z and e and z[-1].index < e[0].index)
    en_leads = sum(1 for z, e in groups if z and e and e[-1].index < z[0].index)
    if zh_leads == en_leads:
        return None
    return "zh" if zh_leads > en_leads else "en"


def _align(zh: Sequence[Block], en: Sequence[Block], model: Model) -> Groups:
    """The cheapest path: over the whole grid for a short document (every web page), in a band
    around the document's own order for a long one (a book), widened until the path keeps off
    the band's edges, so the cost is linear in practice."""
    if max(len(zh), len(en)) <= _BAND:
        return _align_full(zh, en, model)
    band = _NARROW
    centres = _centres(zh, en)
    while True:
        groups, touched = _align_banded(zh, en, model, centres, band)
        if not touched or band >= max(len(zh), len(en)):
            return groups
        band *= 4


def _centres(zh: Sequence[Block], en: Sequence[Block]) -> list[int]:
    """For each DP row i (i Chinese blocks used), the English blocks that come before the i-th
    Chinese block in the document: a translation sits next to its original, so the path runs
    close to this line (rows 0 and n are pinned to the grid's corners)."""
    centres = [0] * (len(zh) + 2)
    j = 0
    for i, block in enumerate(zh):
        while j < len(en) and en[j].index < block.index:
            j += 1
        centres[i] = j
    centres[0] = 0
    centres[len(zh)] = centres[len(zh) + 1] = len(en)
    return centres


def _align_banded(
    zh: Sequence[Block], en: Sequence[Block], model: Model, centres: list[int], band: int
) -> tuple[Groups, bool]:
    """:func:`_align_full` restricted to ``centres[i] ± band`` in row i; also whether the best
    path touches the band's edge (then a wider band may find a cheaper one). The 1-1 cost is
    :func:`_pair_cost` written out, and merges of blocks that are not neighbours (impossible)
    are not priced at all: this loop runs for every cell of a book."""
    n, m = len(zh), len(en)
    lows = [max(0, centres[i] - band) for i in range(n + 1)]
    highs = [min(m, centres[i + 1] + band) for i in range(n + 1)]
    skip_zh = [_skip_cost(block) for block in zh]
    skip_en = [_skip_cost(block) for block in en]
    # Whether block k-1 and block k of one language can merge (nothing of the other between).
    zh_joins = [k > 0 and zh[k].index - zh[k - 1].index == 1 for k in range(n)]
    en_joins = [k > 0 and en[k].index - en[k - 1].index == 1 for k in range(m)]
    ratio, first = model.ratio, model.first
    variance = VARIANCE * ratio / RATIO
    inf, sqrt, erfc, log = math.inf, math.sqrt, math.erfc, math.log
    root2 = math.sqrt(2)
    # Costs are kept for the last three rows only; the moves (shared tuples) for every row,
    # for the way back: memory is a few bytes per cell of the band.
    costs: list[list[float]] = []
    moves: list[list[tuple[int, int]]] = []
    for i in range(n + 1):
        low, high = lows[i], highs[i]
        row: list[float] = [inf] * (high - low + 1)
        row_moves: list[tuple[int, int]] = [_STAY] * (high - low + 1)
        above = costs[i - 1] if i >= 1 else None
        above_low, above_high = (lows[i - 1], highs[i - 1]) if i >= 1 else (0, -1)
        two_up = costs[i - 2] if i >= 2 and zh_joins[i - 1] else None
        zb = zh[i - 1] if i >= 1 else None
        for j in range(low, high + 1):
            if i == 0 and j == 0:
                row[0] = 0.0
                continue
            best = (inf, _STAY)
            # 0-1: leave English block j-1 out.
            if j > low:
                cost = row[j - 1 - low] + skip_en[j - 1]
                if cost < best[0]:
                    best = (cost, _EN_ONLY)
            if above is not None and zb is not None:
                # 1-0: leave Chinese block i-1 out.
                if above_low <= j <= above_high:
                    cost = above[j - above_low] + skip_zh[i - 1]
                    if cost < best[0] or (cost == best[0] and best[1] > (1, 0)):
                        best = (cost, _ZH_ONLY)
                # 1-1
                if j >= 1 and above_low <= j - 1 <= above_high:
                    previous = above[j - 1 - above_low]
                    if previous < inf:
                        eb = en[j - 1]
                        zh_chars, en_chars = zb.size, len(eb.text)
                        delta = abs(en_chars - ratio * zh_chars) / sqrt(
                            variance * max(zh_chars, 1.0)
                        )
                        step = -log(max(erfc(delta / root2), 1e-300))
                        zh_leads = zb.index < eb.index
                        between = eb.index - zb.index - 1 if zh_leads else zb.index - eb.index - 1
                        step += GAP * min(max(between, 0), GAP_CAP)
                        if first is not None and (first == "zh") != zh_leads:
                            step += ORDER
                        if zb.anchors and eb.anchors:
                            step -= min(ANCHOR_CAP, ANCHOR * len(zb.anchors & eb.anchors))
                        cost = previous + step
                        if cost < best[0] or (cost == best[0] and best[1] > (1, 1)):
                            best = (cost, _ONE_ONE)
                # 1-2: two neighbouring English blocks for one Chinese block.
                if j >= 2 and en_joins[j - 1] and above_low <= j - 2 <= above_high:
                    previous = above[j - 2 - above_low]
                    if previous < inf:
                        cost = previous + _pair_cost((zb,), en[j - 2 : j], model)
                        if cost < best[0] or (cost == best[0] and best[1] > (1, 2)):
                            best = (cost, _ONE_TWO)
            # 2-1: two neighbouring Chinese blocks for one English block.
            if two_up is not None and j >= 1:
                two_low, two_high = lows[i - 2], highs[i - 2]
                if two_low <= j - 1 <= two_high:
                    previous = two_up[j - 1 - two_low]
                    if previous < inf:
                        cost = previous + _pair_cost(zh[i - 2 : i], (en[j - 1],), model)
                        if cost < best[0] or (cost == best[0] and best[1] > (2, 1)):
                            best = (cost, _TWO_ONE)
            row[j - low], row_moves[j - low] = best
        costs.append(row)
        moves.append(row_moves)
        if i >= 3:
            costs[i - 3] = []
    groups: Groups = []
    touched = False
    i, j = n, m
    while (i, j) != (0, 0):
        if (j == lows[i] and j > 0) or (j == highs[i] and j < m):
            touched = True
        di, dj = moves[i][j - lows[i]]
        groups.append((tuple(zh[i - di : i]), tuple(en[j - dj : j])))
        i, j = i - di, j - dj
    groups.reverse()
    return groups, touched


def _align_full(zh: Sequence[Block], en: Sequence[Block], model: Model) -> Groups:
    n, m = len(zh), len(en)
    band = max(_BAND, abs(n - m) + 10)
    best: dict[tuple[int, int], tuple[float, tuple[int, int]]] = {(0, 0): (0.0, (0, 0))}
    for i in range(n + 1):
        centre = i * m // n if n else 0
        for j in range(max(0, centre - band), min(m, centre + band) + 1):
            if (i, j) == (0, 0):
                continue
            options: list[tuple[float, tuple[int, int]]] = []
            for di, dj in _MOVES:
                previous = best.get((i - di, j - dj))
                if previous is None:
                    continue
                zh_group, en_group = tuple(zh[i - di : i]), tuple(en[j - dj : j])
                if not en_group:
                    step = _skip_cost(zh_group[0])
                elif not zh_group:
                    step = _skip_cost(en_group[0])
                else:
                    step = _pair_cost(zh_group, en_group, model)
                options.append((previous[0] + step, (di, dj)))
            if options:
                best[(i, j)] = min(options)
    groups: Groups = []
    i, j = n, m
    while (i, j) != (0, 0):
        di, dj = best[(i, j)][1]
        groups.append((tuple(zh[i - di : i]), tuple(en[j - dj : j])))
        i, j = i - di, j - dj
    groups.reverse()
    return groups


def sentences_zh(text: str) -> list[str]:
    return [part.strip() for part in _ZH_SENTENCE.split(text) if part.strip()]


def sentences_en(text: str) -> list[str]:
    parts: list[str] = []
    start = 0
    for match in _EN_SENTENCE.finditer(text):
        end = match.end(1)
        if _ABBREVIATION.search(text[start:end].rstrip("”’\"')]")):
            continue
        parts.append(text[start:end].strip())
        start = match.end()
    parts.append(text[start:].strip())
    return [part for part in parts if part]


def split_sentences(
    zh_text: str,
    en_text: str,
    model: Model = Model(),
) -> list[tuple[str, str]]:
    """Sentence pairs when both sides agree on the count and every pair fits; else the paragraph."""
    zh_parts, en_parts = sentences_zh(zh_text), sentences_en(en_text)
    if len(zh_parts) < 2 or len(zh_parts) != len(en_parts):
        return [(zh_text, en_text)]
    pairs = list(zip(zh_parts, en_parts, strict=True))
    if any(model.delta(_zh_size(zh), len(en)) > SENTENCE_DELTA for zh, en in pairs):
        return [(zh_text, en_text)]
    return pairs
