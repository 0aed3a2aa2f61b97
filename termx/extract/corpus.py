"""``extract(pairs, options)``: candidates → evidence → score → ranked term pairs.

The corpus is streamed once. Each segment pair is analysed on its own (in worker processes
with ``jobs > 1``): candidates on both sides, and which Chinese and English candidates share
an *anchor* (a gloss word, a pinyin spelling, an acronym) or a position (same quote order, a
heading). Only those pairs are counted, so the work grows with the evidence, not with
zh×en. The main process keeps counts (not texts, apart from one example per pair) and scores
each counted pair once at the end.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, islice
from typing import NamedTuple

from termx import cedict as cedict_module
from termx.candidates import Candidate, definitions, en_candidates, zh_candidates
from termx.evidence import EnTerm, Link, ZhTerm, acronym, cooc, dictionary, position, translit
from termx.evidence.dictionary import Span
from termx.lexicon import content_words, word_key
from termx.model import Evidence, GlossaryEntry, Origin, SegmentPair, TermPair
from termx.score import (
    Coverage,
    abbreviates,
    combine,
    consistency,
    coverage,
    shape,
    specificity,
    spells,
)
from termx.text import fold, is_han, to_simplified
from termx.zh import simplified_aligned

Progress = Callable[[int], None]
LEXICAL_WEIGHT = 0.75
# Co-occurrence alone proposes pairs of short candidates seen together this often.
COOC_MIN_SEGMENTS = 200
COOC_MIN_JOINT = 3
COOC_PER_TERM = 3
COOC_MAX_ZH = 6
COOC_MAX_EN_WORDS = 3
LEARN_MIN_JOINT = 4
LEARN_MIN_DICE = 0.4
LEARN_TIE = 0.05  # a longer English this close to the best is preferred
NAME_WEIGHT = 0.6  # names and acronyms that spell out are rarely coincidences
INNER_DISCOUNT = 0.8
NAME_EVIDENCE = 0.4  # a name is a term more often than a free phrase is


@dataclass(frozen=True)
class ExtractOptions:
    top: int | None = None  # keep the N best pairs
    min_score: float = 0.05
    jobs: int = 1
    # A reviewed glossary: approved entries extend the dictionary, and every decided pair
    # (approved or rejected) is left out of the result.
    glossary: tuple[GlossaryEntry, ...] = ()
    chunk_size: int = 256
    samples: int = 2


# What Stats.add needs of a candidate: (key, surface, kind, inner). Workers send plain tuples
# back, not Candidate objects: unpickling dataclasses cost the main process more than counting.
Seen = tuple[str, str, str, bool]


class SegmentResult(NamedTuple):
    zh: tuple[Seen, ...]
    en: tuple[Seen, ...]
    linked: tuple[tuple[str, str], ...]
    hits: tuple[tuple[str, str, str], ...]
    definitions: tuple[tuple[str, str], ...]


def _seen(cands: tuple[Candidate, ...]) -> tuple[Seen, ...]:
    return tuple([(c.key, c.surface, c.kind, c.inner) for c in cands])


# ---------------------------------------------------------------------------------------------
# Per-segment analysis (runs in workers)


class Analyser:
    """Everything one process needs to analyse segments; built once per process."""

    def __init__(
        self,
        glossary: tuple[GlossaryEntry, ...] = (),
        learned: dict[str, tuple[str, ...]] | None = None,
        keep_terms: bool = True,
    ) -> None:
        approved = {
            simplified_aligned(e.zh): (e.en, *e.variants)
            for e in glossary
            if e.status == "approved"
        }
        self.cedict = cedict_module.load().with_entries({**(learned or {}), **approved})
        self.zh_term = lru_cache(maxsize=200_000)(self._zh_term)
        self.en_term = lru_cache(maxsize=200_000)(EnTerm.of)
        self.spelled = lru_cache(maxsize=200_000)(self._spelled)
        self.segment_glosses = lru_cache(maxsize=4096)(self._segment_glosses)
        # A worker only links candidates: it keeps each term's anchors, not the whole prepared
        # term (its gloss spans are most of a worker's memory), and never scores.
        self.zh_anchors = (
            (lambda key, surface: self.zh_term(key, surface).anchors)
            if keep_terms
            else lru_cache(maxsize=200_000)(
                lambda key, surface: self._zh_term(key, surface, stems=False).anchors
            )
        )

    def _zh_term(self, key: str, surface: str, stems: bool = True) -> ZhTerm:
        """The Chinese candidate ``surface`` (any script) prepared for matching; anchors do
        not need the stems index, so a worker that only links skips it."""
        import rjieba

        text = simplified_aligned(surface)
        boundaries, offset = set(), 0
        for word in rjieba.cut(text):
            offset += len(word)
            boundaries.add(offset)
        glosses = dictionary.gloss_spans(text, self.cedict)
        by_stem: dict[str, list[str]] = {}
        if stems:
            for gloss in glosses:
                if len(gloss) >= 5:
                    by_stem.setdefault(gloss[:5], []).append(gloss)
        return ZhTerm(
            key,
            text,
            glosses,
            translit.romanisations(text),
            frozenset(boundaries),
            {k: tuple(v) for k, v in by_stem.items()},
        )

    def _segment_glosses(self, surface: str) -> tuple[str, dict[str, list[Span]]]:
        text = simplified_aligned(surface)
        return text, dictionary.gloss_spans(text, self.cedict)

    def _spelled(self, text: str) -> dict[str, str]:
        return acronym.initials(text, self.cedict)

    def segments(self, batch: list[tuple[str, str]]) -> list[SegmentResult]:
        from termx import en as en_analyser
        from termx import zh as zh_analyser

        results = []
        en_tokens = en_analyser.analyse_many([en for _, en in batch])
        for (zh_text, en_text), tokens in zip(batch, en_tokens, strict=True):
            zc = tuple(zh_candidates(zh_text, zh_analyser.analyse(zh_text)))
            ec = tuple(en_candidates(en_text, tokens))
            defs = tuple(definitions(en_text))
            results.append(
                SegmentResult(
                    _seen(zc),
                    _seen(ec),
                    self._link(zc, ec, defs),
                    _hits(zh_text, en_text, zc, ec),
                    defs,
                )
            )
        return results

    def _link(
        self,
        zc: tuple[Candidate, ...],
        ec: tuple[Candidate, ...],
        defs: tuple[tuple[str, str], ...],
    ) -> tuple[tuple[str, str], ...]:
        # Index the English side (a few anchors per candidate) and intersect each Chinese
        # term's anchors with it: a Chinese term has many gloss anchors, and walking all of
        # them through a dict per segment was most of the linking time.
        expansions = {acr.lower(): self.en_term(fold(long), long).anchors for acr, long in defs}
        by_anchor: dict[str, list[str]] = {}
        for cand in ec:
            anchors = self.en_term(cand.key, cand.surface).anchors
            extra = expansions.get(cand.key)
            for anchor in anchors | extra if extra else anchors:
                by_anchor.setdefault(anchor, []).append(cand.key)
        if not by_anchor:
            return ()
        en_anchors = by_anchor.keys()
        spell = any(c.kind == "acronym" for c in ec)
        linked: set[tuple[str, str]] = set()
        for cand in zc:
            shared = self.zh_anchors(cand.key, cand.surface) & en_anchors
            if spell:  # spelling acronyms is costly: only where the English has one
                shared |= self.spelled(simplified_aligned(cand.surface)).keys() & en_anchors
            for anchor in shared:
                for ek in by_anchor[anchor]:
                    linked.add((cand.key, ek))
        return tuple(sorted(linked))


def _hits(
    zh_text: str, en_text: str, zc: tuple[Candidate, ...], ec: tuple[Candidate, ...]
) -> tuple[tuple[str, str, str], ...]:
    zq = _in_order(zh_text, [c for c in zc if c.kind == "quote"])
    eq = _in_order(en_text, [c for c in ec if c.kind in ("quote", "quoted")])
    hits = [(z, e, "quote-order") for z, e in position.quote_order(zq, eq)]
    # A whole segment is folded once, outside fold's cache: cached, every segment's text
    # stayed in memory (up to the cache's bound), growing with the corpus.
    zh_folded = fold.__wrapped__(zh_text.strip("。.!?！？ "))
    en_folded = fold.__wrapped__(en_text.strip(".!? "))
    zh_whole = [c.key for c in zc if fold(c.surface) == zh_folded]
    en_whole = [c.key for c in ec if fold(c.surface) == en_folded]
    if zh_whole and en_whole and len(en_text.split()) <= position.MAX_HEADING_WORDS:
        hits.append((zh_whole[0], en_whole[0], "heading"))
    return tuple(hits)


def _in_order(text: str, cands: list[Candidate]) -> list[str]:
    return [c.key for c in sorted(cands, key=lambda c: text.find(c.surface))]


_WORKER: Analyser | None = None


def _init_worker(glossary: tuple[GlossaryEntry, ...]) -> None:
    global _WORKER  # one Analyser per worker process, built once
    _WORKER = Analyser(glossary, keep_terms=False)


def _work(batch: list[tuple[str, str]]) -> list[SegmentResult]:
    assert _WORKER is not None
    return _WORKER.segments(batch)


# ---------------------------------------------------------------------------------------------
# Corpus statistics (main process)


@dataclass
class Stats:
    segments: int = 0
    f_zh: Counter[str] = field(default_factory=Counter)
    f_en: Counter[str] = field(default_factory=Counter)
    joint: Counter[tuple[str, str]] = field(default_factory=Counter)
    hits: Counter[tuple[str, str, str]] = field(default_factory=Counter)
    zh_forms: dict[str, Counter[str]] = field(default_factory=dict)
    en_forms: dict[str, Counter[str]] = field(default_factory=dict)
    en_kind: dict[str, str] = field(default_factory=dict)
    zh_kind: dict[str, str] = field(default_factory=dict)
    # Keys seen at least once as a whole phrase, not only cut out of a longer one.
    zh_free: set[str] = field(default_factory=set)
    en_free: set[str] = field(default_factory=set)
    definitions: dict[str, Counter[str]] = field(default_factory=dict)
    examples: dict[tuple[str, str], list[int]] = field(default_factory=dict)
    segment_text: dict[int, tuple[str, str, Origin]] = field(default_factory=dict)
    cooccurrences: cooc.Cooccurrences = field(default_factory=cooc.Cooccurrences)
    _partners: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    def partners(self, key: str, english: bool) -> list[str]:
        """The English keys counted with the Chinese ``key`` (or the reverse); indexed on
        first use, once counting is over."""
        if self._partners is None:
            self._partners = ({}, {})
            for zk, ek in self.joint:
                self._partners[0].setdefault(ek, []).append(zk)
                self._partners[1].setdefault(zk, []).append(ek)
        return self._partners[english].get(key, [])

    def add(self, index: int, pair: SegmentPair, result: SegmentResult, samples: int) -> None:
        # Runs once per segment in the main process, the serial part with --jobs > 1: no
        # per-call allocations (setdefault(key, Counter()) built a Counter every time).
        self.segments += 1
        self._count(result.zh, self.f_zh, self.zh_forms, self.zh_kind, self.zh_free)
        self._count(result.en, self.f_en, self.en_forms, self.en_kind, self.en_free)
        self.cooccurrences.add(
            [key for key, _, _, _ in result.zh if len(key) <= COOC_MAX_ZH],
            [key for key, _, _, _ in result.en if key.count(" ") < COOC_MAX_EN_WORDS],
        )
        for acr, long_form in result.definitions:
            self.definitions.setdefault(acr, Counter())[long_form] += 1
        # Sorted: set order follows the string hash seed, and first-seen order must not.
        if result.hits:
            pairs = sorted(set(result.linked).union([(z, e) for z, e, _ in result.hits]))
        else:
            pairs = result.linked  # already sorted and distinct
        joint, examples = self.joint, self.examples
        joint.update(pairs)  # Counter's C loop: a segment links a hundred pairs or more
        # A pair still wants an example while it has been seen at most ``samples`` times
        # (one example per sighting until then): only those pairs reach the Python loop.
        keep = False
        for key in compress(pairs, map(samples.__ge__, map(joint.__getitem__, pairs))):
            seen = examples.get(key)
            if seen is None:
                examples[key] = [index]
            else:
                seen.append(index)
            keep = True
        for hit in result.hits:
            self.hits[hit] += 1
        if keep:
            self.segment_text[index] = (pair.zh, pair.en, pair.origin)

    @staticmethod
    def _count(
        found: tuple[Seen, ...],
        frequency: Counter[str],
        forms: dict[str, Counter[str]],
        kinds: dict[str, str],
        free: set[str],
    ) -> None:
        for key, surface, kind, inner in found:
            frequency[key] += 1
            surfaces = forms.get(key)
            if surfaces is None:
                forms[key] = Counter({surface: 1})
                if kind != "phrase":
                    kinds[key] = kind
            else:
                surfaces[surface] += 1
                known = kinds.get(key)
                # A single verb or adjective once seen as a noun phrase is a noun ("disinfectant"
                # tagged ADJ somewhere is still the noun 消毒剂 translates); other kinds stay.
                if kind == "phrase" and known == "word":
                    del kinds[key]
                elif known is None and kind != "phrase" and kind != "word":
                    kinds[key] = kind
                elif known == "quoted" and kind == "quote":
                    kinds[key] = kind  # quoted once as a name: a name, not a claim
            if not inner:
                free.add(key)


def _analysed(
    pairs: Iterable[SegmentPair], options: ExtractOptions, analyser: Analyser
) -> Iterator[tuple[SegmentPair, SegmentResult]]:
    batches = _batches(pairs, options.chunk_size)
    if options.jobs <= 1:
        for batch in batches:
            yield from zip(batch, analyser.segments([(p.zh, p.en) for p in batch]), strict=True)
        return
    with ProcessPoolExecutor(
        options.jobs, initializer=_init_worker, initargs=(options.glossary,)
    ) as pool:
        # Bounded look-ahead keeps memory flat while both workers stay busy.
        pending: list = []
        for batch in batches:
            pending.append((batch, pool.submit(_work, [(p.zh, p.en) for p in batch])))
            if len(pending) > 2 * options.jobs:
                done_batch, future = pending.pop(0)
                yield from zip(done_batch, future.result(), strict=True)
        for done_batch, future in pending:
            yield from zip(done_batch, future.result(), strict=True)


def _batches(pairs: Iterable[SegmentPair], size: int) -> Iterator[list[SegmentPair]]:
    iterator = iter(pairs)
    while batch := list(islice(iterator, size)):
        yield batch


def collect(
    pairs: Iterable[SegmentPair],
    options: ExtractOptions,
    analyser: Analyser,
    progress: Progress | None = None,
) -> Stats:
    stats = Stats()
    for index, (pair, result) in enumerate(_analysed(pairs, options, analyser)):
        stats.add(index, pair, result, options.samples)
        if progress is not None and index % 64 == 63:
            progress(64)
    if progress is not None:
        progress(stats.segments % 64)
    return stats


# ---------------------------------------------------------------------------------------------
# Scoring


def _surface(forms: Counter[str]) -> str:
    # Most frequent surface; ties broken by the string so the output is deterministic.
    return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


@lru_cache(maxsize=100_000)
def _zipf(text: str, lang: str) -> float:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # wordfreq tokenises Chinese with jieba, which chats
    from wordfreq import zipf_frequency

    return zipf_frequency(text, lang)


def score_pair(zk: str, ek: str, stats: Stats, analyser: Analyser) -> tuple[float, list[Evidence]]:
    zh_surface, en_surface = _surface(stats.zh_forms[zk]), _surface(stats.en_forms[ek])
    zh = analyser.zh_term(zk, zh_surface)
    en = analyser.en_term(ek, en_surface)
    has_acronym = any(acronym.ACRONYM.match(word) for word in en.words)
    spelled = analyser.spelled(zh.text) if has_acronym else {}
    links: list[Link] = [
        *dictionary.links(zh, en),
        *translit.links(zh, en),
        *acronym.links(zh, en, spelled),
        *_latin_links(zh, en),
    ]
    hit_kinds = [kind for kind in position.WEIGHTS if stats.hits[(zk, ek, kind)]]
    if not links and not hit_kinds and not has_acronym and stats.joint[(zk, ek)] < COOC_MIN_JOINT:
        return 0.0, []  # an anchor was shared but nothing explains the pair
    evidence: list[Evidence] = []
    cov = coverage(
        zh, en, links, lambda words: _explained_elsewhere(zh, en, words, stats, analyser)
    )
    # A dictionary match alone is never certain; names, acronyms, quotes and recurrence add.
    lexical = LEXICAL_WEIGHT * cov.value
    for found in (
        acronym.evidence(en, links, spelled),
        dictionary.evidence(zh, en, links),
        translit.evidence(zh, en, links),
    ):
        if found is not None:
            evidence.append(found)
    definition = _by_definition(zh, en, stats, analyser)
    if definition is not None:
        evidence.insert(0, definition)
        lexical = max(lexical, LEXICAL_WEIGHT * definition.value)
    if any(link.kind == "latin" for link in links):
        evidence.append(Evidence("latin", 1.0, "same Latin-script token on both sides"))
    others = [
        position.evidence(kind, stats.hits[(zk, ek, kind)], stats.joint[(zk, ek)])
        for kind in hit_kinds
    ]
    # A phrase on both sides that recurs together is rarely chance, even on one page.
    phrase = len(zh.boundaries) > 1 and len(en.words) > 1
    co = cooc.evidence(stats.joint[(zk, ek)], stats.f_zh[zk], stats.f_en[ek], phrase)
    # A name spelled out in full (董军 ↔ Dong Jun) or an acronym the parts spell is rarely a
    # coincidence; one romanised syllable inside a word (活动 ↔ "Dong") is.
    named = _fully_romanised(zh, links)
    others.extend(
        Evidence(e.kind, round(NAME_WEIGHT * e.value * cov.value, 3), e.reason)
        for e in evidence
        if e.kind == "acronym" or (e.kind == "translit" and named)
    )
    # Capitals make a name only if the term is usually written so ("Virus" in a unit's title
    # does not make "virus" a name).
    en_name = stats.en_kind.get(ek) == "name" and en_surface[:1].isupper()
    if zh.text in analyser.cedict.proper or en_name:
        others.append(
            Evidence(
                "name",
                round(NAME_EVIDENCE * cov.value, 3),
                "a proper name (dictionary or capitals)",
            )
        )
    evidence.extend(e for e in others if e.kind not in ("translit", "acronym"))
    evidence.append(co)
    # Proper names are terms however famous they are; only everyday words are discounted.
    proper = zh.text in analyser.cedict.proper or named
    # Phrases are specific by construction; a single everyday word is not.
    single = [_zipf(en_surface, "en")] if len(en.words) == 1 else []
    if len(zh.boundaries) == 1:
        single.append(_zipf(zh_surface, "zh"))
    termhood = 1.0 if proper or not single else specificity(max(single))
    termhood *= shape(zh, en, stats.en_kind.get(ek, "phrase"), stats.zh_kind.get(zk, "phrase"))
    # A phrase only ever seen cut out of a longer one is a fragment, not a term, unless it is
    # a unit on its own: a dictionary headword or a name (上海合作组织 in 上海合作组织成员国,
    # "Dong Jun" in "Admiral Dong Jun").
    zh_unit = proper or zh.text in analyser.cedict.definitions
    # Not an English name: "Officers' Exchange" is cut out of a longer one.
    en_unit = stats.en_kind.get(ek) == "acronym"
    termhood *= (INNER_DISCOUNT if zk not in stats.zh_free and not zh_unit else 1.0) * (
        INNER_DISCOUNT if ek not in stats.en_free and not en_unit else 1.0
    )
    termhood *= consistency(_agreeing(zk, ek, stats), stats.f_zh[zk], stats.f_en[ek])
    if not others:
        evidence.append(Evidence("coverage", round(lexical, 3), _coverage_reason(cov)))
    return combine(lexical, [*others, co], termhood), evidence


def _agreeing(zk: str, ek: str, stats: Stats) -> int:
    """How often the pair was seen, counting the same term's short and long forms: "SCO"
    also goes with 上合组织 (short for 上海合作组织), and 世界卫生组织 also with "World
    Health Organization" (spelled WHO); neither is an inconsistent translation."""
    joint = stats.joint[(zk, ek)]
    if joint >= stats.f_zh[zk] and joint >= stats.f_en[ek]:
        return joint
    for other in stats.partners(ek, english=False):
        # Cheap tests first: an abbreviation shares the first character and is made of the
        # long form's characters.
        if other[0] != zk[0] or other == zk:
            continue
        short, long = (other, zk) if len(other) < len(zk) else (zk, other)
        if set(short) <= set(long) and abbreviates(short, _words(long)):
            joint += stats.joint[(other, ek)]
    acronym = " " not in ek
    for other in stats.partners(zk, english=True):
        if acronym != (" " in other):
            continue  # one of the two must be the acronym, the other spelled out
        if spells(ek, other) if acronym else spells(other, ek):
            joint += stats.joint[(zk, other)]
    return min(joint, max(stats.f_zh[zk], stats.f_en[ek]))


def _explained_elsewhere(
    zh: ZhTerm, en: EnTerm, words: list[int], stats: Stats, analyser: Analyser
) -> bool:
    """Some of the English ``words`` are glossed by a Chinese word (two characters or more)
    outside the Chinese term in the pair's example segment."""
    keys = {en.keys[i] for i in words}
    for index in stats.examples.get((zh.key, en.key), [])[:1]:
        if index not in stats.segment_text:
            continue
        text, glossed = analyser.segment_glosses(stats.segment_text[index][0])
        start = text.find(zh.text)
        end = start + len(zh.text)
        if start >= 0 and any(
            b - a > 1 and (b <= start or a >= end)
            for key in keys
            for a, b, _, _ in glossed.get(key, ())
        ):
            return True
    return False


@lru_cache(maxsize=100_000)
def _words(zk: str) -> tuple[str, ...]:
    import rjieba

    return tuple(rjieba.cut(zk))


def _fully_romanised(zh: ZhTerm, links: list[Link]) -> bool:
    spelled = {
        i for link in links if link.kind == "translit" for i in range(link.zh_start, link.zh_end)
    }
    return bool(spelled) and all(i in spelled for i, ch in enumerate(zh.text) if ch.strip())


def _coverage_reason(cov: Coverage) -> str:
    return f"zh {cov.zh:.0%} explained, en {cov.en:.0%} explained"


def _latin_links(zh: ZhTerm, en: EnTerm) -> list[Link]:
    """'COVID-19 危机' ↔ 'COVID-19 crisis': the same Latin-script token on both sides."""
    links = []
    lowered = zh.text.lower()
    for index, word in enumerate(en.words):
        if word.isascii() and len(word) > 1:
            start = lowered.find(word.lower())
            if start >= 0:
                links.append(Link(start, start + len(word), index, "latin"))
    return links


def _by_definition(zh: ZhTerm, en: EnTerm, stats: Stats, analyser: Analyser) -> Evidence | None:
    """An English acronym defined in the corpus: score the Chinese against its long form."""
    if len(en.words) != 1 or en.words[0] not in stats.definitions:
        return None
    long_form = _surface(stats.definitions[en.words[0]])
    long_term = analyser.en_term(fold(long_form), long_form)
    links = [*dictionary.links(zh, long_term), *translit.links(zh, long_term)]
    value = coverage(zh, long_term, links).value
    if value < 0.3:
        return None
    return acronym.definition_evidence(en.words[0], long_form, value)


def extract(
    pairs: Iterable[SegmentPair],
    options: ExtractOptions | None = None,
    progress: Progress | None = None,
) -> list[TermPair]:
    """Rank candidate term pairs found in aligned segment pairs, best first."""
    options = options or ExtractOptions()
    analyser = Analyser(options.glossary)
    stats = collect(pairs, options, analyser, progress)
    from termx.glossary import Glossary

    decided = Glossary(options.glossary)
    # Counting proves nothing on a page or two: only a corpus proposes pairs by itself.
    cooccurring = (
        stats.cooccurrences.frequent_pairs(stats.f_zh, stats.f_en, COOC_MIN_JOINT, COOC_PER_TERM)
        if stats.segments >= COOC_MIN_SEGMENTS
        else {}
    )
    for key, count in cooccurring.items():
        stats.joint[key] = max(stats.joint[key], count)
    learned = learn_words(cooccurring, stats, analyser)
    if learned:
        analyser = Analyser(options.glossary, learned)
    scored: list[tuple[float, str, str, list[Evidence]]] = []
    for zk, ek in stats.joint:
        if decided and decided.is_decided(
            _surface(stats.zh_forms[zk]), _surface(stats.en_forms[ek])
        ):
            continue
        value, evidence = score_pair(zk, ek, stats, analyser)
        if value >= options.min_score:
            scored.append((value, zk, ek, evidence))
    from termx.score import select

    chosen = select(scored, stats.joint)
    result, shown = [], set()
    for value, zk, ek, evidence in chosen:
        pair = _term_pair(zk, ek, value, evidence, stats)
        # Two keys can show the same surface ("diabetes" tagged plural and singular): once.
        if (fold(pair.zh), fold(pair.en)) not in shown:
            shown.add((fold(pair.zh), fold(pair.en)))
            result.append(pair)
    return result[: options.top] if options.top else result


def learn_words(
    cooccurring: dict[tuple[str, str], int], stats: Stats, analyser: Analyser
) -> dict[str, tuple[str, ...]]:
    """Words that a large corpus pairs consistently (隔离 ↔ quarantine, 洗手液 ↔ hand
    sanitizer) become dictionary entries for this run, so that they are explained and longer
    terms built on them (隔离措施 ↔ quarantine measures) are too. A word whose dictionary
    translation the corpus already uses (洗手 ↔ hands) learns nothing from what merely goes
    with it (soap)."""
    options: dict[str, list[tuple[float, str]]] = {}
    best_zh: dict[str, tuple[float, str]] = {}
    for (zk, ek), count in sorted(cooccurring.items()):
        if count < LEARN_MIN_JOINT or not all(map(is_han, zk)):
            continue
        dice = 2 * count / (stats.f_zh[zk] + stats.f_en[ek])
        if dice >= LEARN_MIN_DICE:
            options.setdefault(zk, []).append((dice, ek))
            best_zh[ek] = max(best_zh.get(ek, (0.0, "")), (dice, zk))
    learned = {}
    for zk, found in options.items():
        words = [option for option in found if " " not in option[1]]
        if not words:
            continue
        dice, ek = max(words)
        senses = analyser.cedict.senses(to_simplified(zk))
        if _translated(zk, senses, stats, cooccurring[(zk, ek)]):
            continue
        # One unknown word, widened by the words the dictionary confirms: "sanitizer" always
        # with "hand", which 洗手液 glosses (liquid hand soap), is "hand sanitizer"; nothing
        # in 呼吸综合征 says "coronavirus", so "syndrome coronavirus" is not learned.
        glossed = analyser.zh_term(zk, _surface(stats.zh_forms[zk])).glosses
        for other_dice, other in found:
            extra = set(other.split()) - set(ek.split())
            if (
                other_dice >= dice - LEARN_TIE
                and f" {ek} " in f" {other} "
                and extra
                and all(word_key(word) in glossed for word in extra)
            ):
                dice, ek = other_dice, other
        # Only mutual best partners: 呼吸 goes with "syndrome" often, but "syndrome" goes
        # with 综合征 more, so 呼吸 learns nothing from it (competitive linking).
        if best_zh[ek][1] == zk:
            learned[to_simplified(zk)] = (_surface(stats.en_forms[ek]),)
    return learned


def _translated(
    zk: str, senses: tuple[tuple[frozenset[str], bool], ...], stats: Stats, count: int
) -> bool:
    """An English partner of ``zk`` seen with it at least ``count`` times holds at least
    half of one of its dictionary senses."""
    for ek in stats.partners(zk, english=True):
        if stats.joint[(zk, ek)] >= max(count, LEARN_MIN_JOINT):
            keys = {word_key(word) for word in content_words(ek)}
            if any(keys & sense and 2 * len(keys & sense) >= len(sense) for sense, _ in senses):
                return True
    return False


def _term_pair(zk: str, ek: str, value: float, evidence: list[Evidence], stats: Stats) -> TermPair:
    indexes = stats.examples.get((zk, ek), [])
    texts = [stats.segment_text[i] for i in indexes if i in stats.segment_text]
    return TermPair(
        zh=_surface(stats.zh_forms[zk]),
        en=_surface(stats.en_forms[ek]),
        score=value,
        frequency=stats.joint[(zk, ek)],
        evidence=tuple(e for e in evidence if e.value > 0),
        examples=tuple(origin for _, _, origin in texts),
        samples=tuple((zh, en) for zh, en, _ in texts),
    )
