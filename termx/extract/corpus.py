"""The corpus pass: per-segment analysis (:class:`Analyser`), counting (:class:`Stats`) and
the worker pool.

The corpus is streamed once. Each segment pair is analysed on its own (in worker processes
with ``jobs > 1``): candidates on both sides, and which Chinese and English candidates share
an *anchor* (a gloss word, a pinyin spelling, an acronym) or a position (same quote order, a
heading). Only those pairs are counted, so the work grows with the evidence, not with
zh×en. The main process keeps counts (not texts, apart from one example per pair); scoring
(``score.py``) reads them once counting is over.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress, islice
from typing import Generic, NamedTuple, TypeVar

from termx import __version__ as termx_version
from termx.errors import TermxError
from termx.extract import MAX_SEGMENT_CHARS, Progress, cache, engines
from termx.extract import cedict as cedict_module
from termx.extract.analysis import en as en_analyser
from termx.extract.analysis import zh as zh_analyser
from termx.extract.analysis.zh import simplified_aligned
from termx.extract.candidates import Candidate
from termx.extract.candidates.en import definitions, en_candidates
from termx.extract.candidates.zh import zh_candidates
from termx.extract.evidence import acronym, cooc, dictionary, position, translit
from termx.extract.evidence.base import EnTerm, ZhTerm
from termx.extract.evidence.dictionary import Span
from termx.extract.lexicon import word_key
from termx.extract.params import ScoringParams
from termx.model import GlossaryEntry, Origin, SegmentPair
from termx.text import fold

# What Stats.add needs of a candidate: (key, surface, kind, inner). Workers send plain tuples
# back, not Candidate objects: unpickling dataclasses cost the main process more than counting.
Seen = tuple[str, str, str, bool]
K = TypeVar("K")
V = TypeVar("V")


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


class Memo(Generic[K, V]):
    """A bounded memo of a pure function (oldest entries dropped first), whose entries a
    successor can take over (``take``), unlike an ``lru_cache``'s."""

    __slots__ = ("function", "maxsize", "values")

    def __init__(self, function: Callable[..., V], maxsize: int) -> None:
        self.function = function
        self.maxsize = maxsize
        self.values: dict[tuple[K, ...], V] = {}

    def __call__(self, *args: K) -> V:
        values = self.values
        try:
            return values[args]
        except KeyError:
            pass
        value = self.function(*args)
        if len(values) >= self.maxsize:
            del values[next(iter(values))]
        values[args] = value
        return value

    def bound(self, maxsize: int) -> None:
        """Keep at most ``maxsize`` entries from now on (the oldest go first)."""
        self.maxsize = maxsize
        for args in list(islice(self.values, max(0, len(self.values) - maxsize))):
            del self.values[args]

    def take(self, other: Memo[K, V], keep: Callable[[tuple[K, ...]], bool]) -> None:
        """Copy the entries of ``other`` whose arguments ``keep`` accepts."""
        self.values.update((args, value) for args, value in other.values.items() if keep(args))


class Analyser:
    """Everything one process needs to analyse segments; built once per process."""

    # Caches: every one is a method wrapped per instance, so it lives and dies with the
    # Analyser (one per extraction run, plus one per worker process), bounded, and never
    # shared between runs with different glossaries or parameters.
    word_key: Callable[[str], str]
    reading: Callable[[str], str]
    zipf: Callable[[str, str], float]
    words: Callable[[str], tuple[str, ...]]
    en_term: Callable[[str, str], EnTerm]
    frequencies: cache.Lookups

    def __init__(
        self,
        glossary: tuple[GlossaryEntry, ...] = (),
        params: ScoringParams | None = None,
        learned: dict[str, tuple[str, ...]] | None = None,
        keep_terms: bool = True,
        inherit: Analyser | None = None,
    ) -> None:
        self.params = params = params or ScoringParams()
        self.glossary = glossary  # what a worker process needs to build its own Analyser
        approved = {
            simplified_aligned(e.zh): (e.en, *e.variants)
            for e in glossary
            if e.status == "approved"
        }
        self.cedict = cedict_module.load().with_entries({**(learned or {}), **approved})
        if inherit is not None:
            # Pure functions of package data and the parameters: the same caches serve on.
            self.word_key = inherit.word_key
            self.reading = inherit.reading
            self.zipf, self.frequencies = inherit.zipf, inherit.frequencies
            self.words = inherit.words
            self.en_term = inherit.en_term
        else:
            # Pure functions of package data (snowball, CEDICT, pypinyin, wordfreq, jieba's
            # dictionary), cached here so that the cache goes when the run does.
            self.word_key = lru_cache(maxsize=200_000)(word_key)
            self.reading = _reading
            # Word frequencies outlive the run on disk: wordfreq takes a second to load
            # (with its own jieba), and warm runs mostly ask for words asked before.
            self.zipf = self.frequencies = cache.Lookups("zipf", _zipf_key(), _zipf)
            self.words = lru_cache(maxsize=100_000)(_words)
            self.en_term = lru_cache(maxsize=200_000)(  # type: ignore[assignment]
                partial(EnTerm.of, stem_prefix=params.stem_prefix, key_of=self.word_key)
            )
        # What depends on the dictionary: memos an extended Analyser takes over, less what
        # the new headwords change (see ``extended``).
        self.phrases: Memo[str, tuple[str, ...]] = Memo(self.cedict.phrases, 300_000)
        self.keyed_senses: Memo[str, tuple[tuple[str, int, int], ...]] = Memo(
            partial(self.cedict.keyed_senses, key_of=self.word_key), 300_000
        )
        # Per-term preparations.
        self.zh_term: Memo[str, ZhTerm] = Memo(self._zh_term, 200_000)
        self.spelled: Memo[str, dict[str, str]] = Memo(self._spelled, 200_000)
        self.segment_glosses: Memo[str, tuple[str, dict[str, list[Span]]]] = Memo(
            self._segment_glosses, 4096
        )
        if inherit is not None:
            self._take_over(inherit)
        # A worker only links candidates: it keeps each term's anchors, not the whole prepared
        # term (its gloss spans are most of a worker's memory), and never scores.
        self.zh_anchors = (
            (lambda key, surface: self.zh_term(key, surface).anchors)
            if keep_terms
            else lru_cache(maxsize=200_000)(
                lambda key, surface: self._zh_term(key, surface, stems=False).anchors
            )
        )

    def extended(self, learned: dict[str, tuple[str, ...]]) -> Analyser:
        """This Analyser with ``learned`` dictionary words added (see ``learn.learn_words``).

        The new one keeps every cached preparation the new headwords cannot change: a term
        (or segment) is prepared again only if its text contains one of them, so the terms
        counted before learning are not all prepared twice.
        """
        if not learned:
            return self
        return Analyser(self.glossary, self.params, learned, inherit=self)

    def _take_over(self, old: Analyser) -> None:
        changed = sorted(
            word
            for word, definition in self.cedict.definitions.items()
            if old.cedict.definitions.get(word) != definition
        )
        if not changed:
            pattern = None
        else:
            import re

            pattern = re.compile("|".join(map(re.escape, sorted(changed, key=len, reverse=True))))

        def unchanged(text: str) -> bool:
            return pattern is None or pattern.search(simplified_aligned(text)) is None

        changed_words = set(changed)
        self.phrases.take(old.phrases, lambda args: args[0] not in changed_words)
        self.keyed_senses.take(old.keyed_senses, lambda args: args[0] not in changed_words)
        self.zh_term.take(old.zh_term, lambda args: unchanged(args[1]))
        self.segment_glosses.take(old.segment_glosses, lambda args: unchanged(args[0]))
        # An acronym's spelling segments the text with the longest headword length too.
        if self.cedict.max_len == old.cedict.max_len:
            self.spelled.take(old.spelled, lambda args: unchanged(args[0]))

    def _zh_term(self, key: str, surface: str, stems: bool = True) -> ZhTerm:
        """The Chinese candidate ``surface`` (any script) prepared for matching; anchors do
        not need the stems index, so a worker that only links skips it."""
        import rjieba

        text = simplified_aligned(surface)
        boundaries, offset = set(), 0
        for word in rjieba.cut(text):
            offset += len(word)
            boundaries.add(offset)
        glosses = dictionary.gloss_spans(text, self.cedict, self.keyed_senses)
        prefix = self.params.stem_prefix
        by_stem: dict[str, list[str]] = {}
        if stems:
            for gloss in glosses:
                if len(gloss) >= prefix:
                    by_stem.setdefault(gloss[:prefix], []).append(gloss)
        return ZhTerm(
            key,
            text,
            glosses,
            translit.romanisations(text, self.reading),
            frozenset(boundaries),
            {k: tuple(v) for k, v in by_stem.items()},
            prefix,
        )

    def _segment_glosses(self, surface: str) -> tuple[str, dict[str, list[Span]]]:
        text = simplified_aligned(surface)
        return text, dictionary.gloss_spans(text, self.cedict, self.keyed_senses)

    def _spelled(self, text: str) -> dict[str, str]:
        return acronym.initials(
            text, self.phrases, self.cedict.max_len, self.params.acronym_main_senses
        )

    def segments(self, batch: list[tuple[str, str]]) -> list[SegmentResult]:
        """Analyse a batch of (zh, en) segment texts."""
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
                    position.hits(zh_text, en_text, zc, ec, self.params),
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


def _zipf(text: str, lang: str) -> float:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # wordfreq tokenises Chinese with jieba, which chats
    from wordfreq import zipf_frequency

    return float(zipf_frequency(text, lang))


def _zipf_key() -> str:
    from importlib.metadata import version

    return f"termx {termx_version}; wordfreq {version('wordfreq')}; jieba {version('jieba')}"


# The pinyin of every character of the Han blocks and the common non-Han ones, read once per
# installation (through pypinyin, cached on disk by ``cache``) and once per process from
# there: pypinyin itself then loads only for a character outside them.
_TABLE_RANGES = (
    (0x0, 0x250),
    (0x2000, 0x2070),
    (0x3000, 0x3040),
    (0x3400, 0xA000),
    (0xF900, 0xFB00),
    (0xFF00, 0xFFF0),
)


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, str]:
    from importlib.metadata import version

    def build() -> dict[str, str]:
        table = {}
        for ch in (chr(c) for start, end in _TABLE_RANGES for c in range(start, end)):
            try:
                table[ch] = translit.reading(ch)
            except IndexError:  # no reading at all: left to pypinyin itself, as before
                continue
        return table

    key = f"termx {termx_version}; pypinyin {version('pypinyin')}; {_TABLE_RANGES}"
    table = cache.cached("pinyin", key, build)
    return table if isinstance(table, dict) else build()


def _reading(char: str) -> str:
    found = _pinyin_table().get(char)
    return found if found is not None else translit.reading(char)


def _words(zk: str) -> tuple[str, ...]:
    import rjieba

    return tuple(rjieba.cut(zk))


# The worker process's Analyser. A process-pool initializer can only hand state to the tasks
# that run in its process through a module global: this one name is that hand-over, set once
# per worker process by _init_worker and read only by _work (the main process never sets it;
# it passes its own Analyser around).
_WORKER: Analyser | None = None


def _init_worker(glossary: tuple[GlossaryEntry, ...], params: ScoringParams) -> None:
    global _WORKER  # one Analyser per worker process, built once
    _WORKER = Analyser(glossary, params, keep_terms=False)


def _work(batch: list[tuple[str, str]]) -> list[SegmentResult]:
    assert _WORKER is not None
    return _WORKER.segments(batch)


# ---------------------------------------------------------------------------------------------
# Corpus statistics (main process)


class Examples:
    """The example segments of each counted pair: the indexes of its first sightings.

    Most pairs are seen once (nine in ten on a large corpus), so a pair's first index is kept
    as the segment's own index object, shared by every pair that segment links, and becomes a
    tuple only at a second sighting: a list per pair was half the memory of the counts."""

    __slots__ = ("indexes",)

    def __init__(self) -> None:
        self.indexes: dict[tuple[str, str], int | tuple[int, ...]] = {}

    def get(self, key: tuple[str, str], default: list[int] | None = None) -> list[int]:
        """The example segment indexes of ``key`` in sighting order (``default`` or ``[]``
        when it has none)."""
        found = self.indexes.get(key)
        if found is None:
            return [] if default is None else default
        return [found] if isinstance(found, int) else list(found)

    def __len__(self) -> int:
        return len(self.indexes)

    def __contains__(self, key: object) -> bool:
        return key in self.indexes


def surface(forms: Mapping[str, int]) -> str:
    """The most frequent surface; ties broken by the string so the output is deterministic."""
    return min(forms.items(), key=lambda item: (-item[1], item[0]))[0]


@dataclass
class Stats:
    """What the corpus pass counts: candidate frequencies, joint counts of linked pairs,
    position hits, forms and kinds, definitions, and a few example segments per pair."""

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
    examples: Examples = field(default_factory=Examples)
    segment_text: dict[int, tuple[str, str, Origin]] = field(default_factory=dict)
    cooccurrences: cooc.Cooccurrences = field(default_factory=cooc.Cooccurrences)
    params: ScoringParams = field(default_factory=ScoringParams)
    # The partners index, built on first use and dropped whenever the joint counts change
    # through add() or raise_joint() (so it is never stale).
    _partners: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    def zh_surface(self, key: str) -> str:
        return surface(self.zh_forms[key])

    def en_surface(self, key: str) -> str:
        return surface(self.en_forms[key])

    def definition(self, acronym: str) -> str:
        """The long form most often given for ``acronym`` in the corpus."""
        return surface(self.definitions[acronym])

    def raise_joint(self, counts: Mapping[tuple[str, str], int]) -> None:
        """Take the larger of each pair's linked count and ``counts`` (co-occurrence)."""
        for key, count in counts.items():
            self.joint[key] = max(self.joint[key], count)
        self._partners = None

    def partners(self, key: str, english: bool) -> list[str]:
        """The English keys counted with the Chinese ``key`` (or the reverse)."""
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
        self._partners = None
        self._count(result.zh, self.f_zh, self.zh_forms, self.zh_kind, self.zh_free)
        self._count(result.en, self.f_en, self.en_forms, self.en_kind, self.en_free)
        self.cooccurrences.add(
            [key for key, _, _, _ in result.zh if len(key) <= self.params.cooc_max_zh],
            [key for key, _, _, _ in result.en if key.count(" ") < self.params.cooc_max_en_words],
        )
        for acr, long_form in result.definitions:
            self.definitions.setdefault(acr, Counter())[long_form] += 1
        # Sorted: set order follows the string hash seed, and first-seen order must not.
        pairs: Sequence[tuple[str, str]]
        if result.hits:
            pairs = sorted(set(result.linked).union([(z, e) for z, e, _ in result.hits]))
        else:
            pairs = result.linked  # already sorted and distinct
        joint, examples = self.joint, self.examples.indexes
        joint.update(pairs)  # Counter's C loop: a segment links a hundred pairs or more
        # A pair still wants an example while it has been seen at most ``samples`` times
        # (one example per sighting until then): only those pairs reach the Python loop.
        keep = False
        for key in compress(pairs, map(samples.__ge__, map(joint.__getitem__, pairs))):
            seen = examples.get(key)
            if seen is None:
                examples[key] = index
            elif isinstance(seen, int):
                examples[key] = (seen, index)
            else:
                examples[key] = (*seen, index)
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
    pairs: Iterable[SegmentPair],
    analyser: Analyser,
    jobs: int,
    chunk_size: int,
    engine: str = "local",
    address: str | None = None,
) -> Iterator[tuple[SegmentPair, SegmentResult]]:
    # The engine is looked up only when it is not this module's: the local run imports no
    # engine module (and never Dask).
    analyse = analyse_local if engine == "local" else engines.engine(engine)
    for batch, results in analyse(_batches(pairs, chunk_size), analyser, jobs, address):
        yield from zip(batch, results, strict=True)


def analyse_local(
    batches: Iterable[list[SegmentPair]],
    analyser: Analyser,
    jobs: int,
    address: str | None = None,
) -> Iterator[tuple[list[SegmentPair], list[SegmentResult]]]:
    """The ``local`` engine (see :mod:`termx.extract.engines`): ``analyser`` itself with
    ``jobs`` 1, else ``jobs`` worker processes with an Analyser each; ``address`` unused."""
    if jobs <= 1:
        for batch in batches:
            yield batch, analyser.segments([(p.zh, p.en) for p in batch])
        return
    with ProcessPoolExecutor(
        jobs, initializer=_init_worker, initargs=(analyser.glossary, analyser.params)
    ) as pool:
        # Bounded look-ahead keeps memory flat while both workers stay busy.
        pending: list[tuple[list[SegmentPair], Future[list[SegmentResult]]]] = []
        for batch in batches:
            pending.append((batch, pool.submit(_work, [(p.zh, p.en) for p in batch])))
            if len(pending) > 2 * jobs:
                done_batch, future = pending.pop(0)
                yield done_batch, future.result()
        for done_batch, future in pending:
            yield done_batch, future.result()


def _bounded(pairs: Iterable[SegmentPair], limit: int) -> Iterator[SegmentPair]:
    for pair in pairs:
        longest = max(len(pair.zh), len(pair.en))
        if longest > limit:
            raise TermxError(
                f"a segment of {longest:,} characters: extraction takes segments of at most"
                f" {limit:,} characters (sentences or paragraphs); split the document into"
                " segments first (e.g. `termx align`)",
                pair.origin.path,
                pair.origin.line,
            )
        yield pair


def _batches(pairs: Iterable[SegmentPair], size: int) -> Iterator[list[SegmentPair]]:
    iterator = iter(pairs)
    while batch := list(islice(iterator, size)):
        yield batch


def collect(
    pairs: Iterable[SegmentPair],
    analyser: Analyser,
    jobs: int = 1,
    chunk_size: int = 256,
    samples: int = 2,
    progress: Progress | None = None,
    max_chars: int = MAX_SEGMENT_CHARS,
    engine: str = "local",
    address: str | None = None,
) -> Stats:
    """Analyse and count every segment pair (in ``jobs`` processes, ``chunk_size`` pairs per
    task), keeping up to ``samples`` example segments per pair. ``engine`` names where the
    analysis runs (see :mod:`termx.extract.engines`; ``address``: where its workers are);
    counting is here, in input order, so every engine counts the same.

    Raises:
        TermxError: a segment is longer than ``max_chars`` (see :data:`MAX_SEGMENT_CHARS`),
            or the engine cannot run (not installed, its workers unreachable).
    """
    stats = Stats(params=analyser.params)
    bounded = _bounded(pairs, max_chars)
    analysed = _analysed(bounded, analyser, jobs, chunk_size, engine, address)
    for index, (pair, result) in enumerate(analysed):
        stats.add(index, pair, result, samples)
        if progress is not None and index % 64 == 63:
            progress(64)
    if progress is not None:
        progress(stats.segments % 64)
    return stats
