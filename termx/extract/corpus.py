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

import hashlib
import logging
import os
import pickle
import tempfile
from collections import Counter
from collections.abc import (
    Callable,
    Collection,
    Iterable,
    Iterator,
    KeysView,
    Mapping,
    Sequence,
)
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import compress, islice, repeat
from pathlib import Path
from typing import Generic, NamedTuple, TypeVar

from termx import __version__ as termx_version
from termx.errors import TermxError
from termx.extract import MAX_SEGMENT_CHARS, Progress, cache, engines
from termx.extract import cedict as cedict_module
from termx.extract.alignment import NOTHING as NO_ALIGNMENT
from termx.extract.alignment import Alignment
from termx.extract.analysis import en as en_analyser
from termx.extract.analysis import zh as zh_analyser
from termx.extract.analysis.zh import simplified_aligned
from termx.extract.candidates import Candidate
from termx.extract.candidates.en import definitions, en_candidates
from termx.extract.candidates.zh import zh_candidates
from termx.extract.evidence import acronym, cooc, dictionary, latin, position, translit
from termx.extract.evidence.base import EnTerm, ZhTerm, en_anchors, lone_characters
from termx.extract.evidence.dictionary import Span
from termx.extract.lexicon import content_words, word_key
from termx.extract.params import ScoringParams
from termx.model import GlossaryEntry, Origin, SegmentPair
from termx.text import fold, is_han

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


@dataclass(frozen=True)
class Setup:
    """What an :class:`Analyser` is built from, for a corpus pass that analyses in other
    processes (``jobs`` above 1, or another engine): they build their own from it, and this
    process builds its Analyser only after the pass, holding no dictionary while it counts
    (the workers forked from it would otherwise each count its pages again in their RSS)."""

    glossary: tuple[GlossaryEntry, ...] = ()
    params: ScoringParams = field(default_factory=ScoringParams)


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


class _StrMemo(dict[str, V]):
    """``function`` of any string, memoised in a dict read with its own (C) look-up (a hit
    makes no Python call); at most ``limit`` entries are kept."""

    __slots__ = ("function", "limit")

    def __init__(self, function: Callable[[str], V], limit: int) -> None:
        super().__init__()
        self.function, self.limit = function, limit

    def __missing__(self, key: str) -> V:
        found = self.function(key)
        if len(self) < self.limit:
            self[key] = found
        return found


def _table_word_key(table: Mapping[str, str], word: str) -> str:
    """``lexicon.word_key`` of ``word``, read from ``table`` (the dictionary's gloss words,
    see ``_gloss_word_keys``) when it is there, else stemmed."""
    found = table.get(word.lower())
    return word_key(word) if found is None else found


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
            self.word_key = _StrMemo(
                partial(_table_word_key, _gloss_word_keys()), 200_000
            ).__getitem__
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
        self.phrase_table = _StrMemo(self.cedict.phrases, 300_000)
        # The dict's own look-up: spelling an acronym asks for every substring of a term.
        self.phrases: Callable[[str], tuple[str, ...]] = self.phrase_table.__getitem__
        # Per headword: what it spells in an acronym (``acronym.letters``).
        self.letters_table = _StrMemo(
            partial(acronym.letters, phrases=self.phrases, main_senses=params.acronym_main_senses),
            300_000,
        )
        # Per headword (or prefix of one, which has none): its keyed senses, and the anchors
        # they give a term. Plain dicts, read with ``get`` in the loops over a term's parts;
        # bounded by the dictionary's headwords, not by the corpus.
        self.part_senses: dict[str, tuple[tuple[str, int, int], ...]] = {}
        self.part_anchors: dict[str, frozenset[str]] = {}
        # Per-term preparations.
        self.zh_term: Memo[str, ZhTerm] = Memo(self._zh_term, 200_000)
        self.spelled: Memo[str, dict[str, str]] = Memo(self._spelled, 200_000)
        self.segment_glosses: Memo[str, tuple[str, dict[str, list[Span]]]] = Memo(
            self._segment_glosses, 4096
        )
        if inherit is not None:
            self._take_over(inherit)
        # Linking needs only each term's anchors: they are worked out straight from the
        # dictionary, without preparing the term (its gloss spans were most of a worker's
        # memory), and kept as tuples of shared strings (a fraction of a set's size). Only
        # the terms scored later are prepared. A worker (``keep_terms`` false) never scores,
        # so it keeps no prepared English term either.
        self.zh_anchors: Callable[[str, str], tuple[str, ...]] = lru_cache(_LINKED_TERMS)(
            self._anchors
        )
        self.en_anchors: Callable[[str, str], Collection[str]] = (
            (lambda key, surface: self.en_term(key, surface).anchors)
            if keep_terms
            else lru_cache(_LINKED_TERMS)(lambda key, surface: self._en_anchors(surface))
        )
        # What a term's parts spell (see ``acronym.initials``), for linking; the reasons are
        # worked out again (``spelled``) only for the pairs scored.
        self.spellings: Callable[[str], tuple[str, ...]] = lru_cache(_SPELLED_TERMS)(
            lambda text: self._interned(self._spelled(text))
        )
        self._strings: dict[str, str] = {}

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
        for mine, theirs in (
            (self.phrase_table, old.phrase_table),
            (self.letters_table, old.letters_table),
            (self.part_senses, old.part_senses),
            (self.part_anchors, old.part_anchors),
        ):
            mine.update((w, v) for w, v in theirs.items() if w not in changed_words)  # type: ignore[misc]
        self.zh_term.take(old.zh_term, lambda args: unchanged(args[1]))
        self.segment_glosses.take(old.segment_glosses, lambda args: unchanged(args[0]))
        # An acronym's spelling segments the text with the longest headword length too.
        if self.cedict.max_len == old.cedict.max_len:
            self.spelled.take(old.spelled, lambda args: unchanged(args[0]))

    def keyed_senses(self, part: str) -> tuple[tuple[str, int, int], ...]:
        """``Cedict.keyed_senses`` of one headword, cached in ``part_senses``."""
        found = self.part_senses.get(part)
        if found is None:
            found = self.part_senses[part] = self.cedict.keyed_senses(part, self.word_key)
        return found

    def _part_anchors(self, part: str) -> frozenset[str]:
        """What one part adds to a term's anchors (see ``ZhTerm.anchors``): its gloss keys
        and their stems."""
        prefix = self.params.stem_prefix
        keys = {key for key, _, _ in self.keyed_senses(part)}
        anchors = frozenset(keys.union(["~" + k[:prefix] for k in keys if len(k) >= prefix]))
        self.part_anchors[part] = anchors
        return anchors

    def _zh_term(self, key: str, surface: str) -> ZhTerm:
        """The Chinese candidate ``surface`` (any script) prepared for matching."""
        text = simplified_aligned(surface)
        glosses = dictionary.gloss_spans(text, self.cedict, self.keyed_senses, self.part_senses)
        return ZhTerm(key, text, glosses, _boundaries(text), self.params.stem_prefix, self.reading)

    def _anchors(self, key: str, surface: str) -> tuple[str, ...]:
        """``ZhTerm.anchors`` of the term, without preparing it: the anchors of every part
        that is a word or longer than one character, the term's pinyin spellings and its
        Latin-script words."""
        text = simplified_aligned(surface)
        boundaries = _boundaries(text)
        prefixes, known = self.cedict.prefixes, self.part_anchors
        anchors = translit.spellings(text, self.reading)
        if anchors:
            anchors = set(self._interned(anchors))
        anchors.update(latin.anchors(text))
        end = len(text)
        for i in range(end):
            if not is_han(text[i]):
                continue
            word_start = i == 0 or i in boundaries
            for j in range(i + 1, min(end, i + dictionary.MAX_PART) + 1):
                part = text[i:j]
                if part not in prefixes:
                    break
                if j - i > 1 or (word_start and j in boundaries):
                    found = known.get(part)
                    anchors.update(found if found is not None else self._part_anchors(part))
        senses = self.keyed_senses
        for k in lone_characters(text, boundaries, lambda a, b: bool(senses(text[a:b]))):
            found = known.get(text[k])
            anchors.update(found if found is not None else self._part_anchors(text[k]))
        return tuple(anchors)

    def _en_anchors(self, surface: str) -> tuple[str, ...]:
        """``EnTerm.anchors`` of an English candidate, without preparing the term (a worker
        never scores, and building the frozen ``EnTerm`` cost a third of this)."""
        words = content_words(surface)
        key_of = self.word_key
        return tuple(en_anchors(words, [key_of(w) for w in words], self.params.stem_prefix))

    def _interned(self, strings: Iterable[str]) -> tuple[str, ...]:
        """``strings`` as one shared object per distinct string (pinyin spellings and
        acronym letters recur in thousands of terms' cached anchors)."""
        known = self._strings
        if len(known) > _STRINGS:
            known.clear()  # only sharing is lost, never a value
        return tuple([known.setdefault(text, text) for text in strings])

    def _segment_glosses(self, surface: str) -> tuple[str, dict[str, list[Span]]]:
        text = simplified_aligned(surface)
        return text, dictionary.gloss_spans(text, self.cedict, self.keyed_senses, self.part_senses)

    def _spelled(self, text: str) -> dict[str, str]:
        return acronym.initials(
            text,
            self.phrases,
            self.cedict.max_len,
            self.params.acronym_main_senses,
            self.letters_table.__getitem__,
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
        en_anchors_of = self.en_anchors
        expansions = {acr.lower(): en_anchors_of(fold(long), long) for acr, long in defs}
        by_anchor: dict[str, list[str]] = {}
        for cand in ec:
            anchors = en_anchors_of(cand.key, cand.surface)
            extra = expansions.get(cand.key)
            for anchor in {*anchors, *extra} if extra else anchors:
                by_anchor.setdefault(anchor, []).append(cand.key)
        if not by_anchor:
            return ()
        en_anchors = by_anchor.keys()
        spell = any(c.kind == "acronym" for c in ec)
        zh_anchors = self.zh_anchors
        linked: set[tuple[str, str]] = set()
        for cand in zc:
            shared = en_anchors & zh_anchors(cand.key, cand.surface)
            if spell:  # spelling acronyms is costly: only where the English has one
                shared |= en_anchors & self.spellings(simplified_aligned(cand.surface))
            if shared:
                partners: set[str] = set()
                for anchor in shared:
                    partners.update(by_anchor[anchor])
                linked.update(zip(repeat(cand.key), partners))
        return tuple(sorted(linked))


# Bounds of the linking caches (a term recurs across segments): terms whose anchors are kept,
# terms whose acronym spellings are kept (up to 64 each), strings shared between them.
_LINKED_TERMS = 50_000
_SPELLED_TERMS = 20_000
_STRINGS = 200_000


def _boundaries(text: str) -> frozenset[int]:
    """The offsets where jieba's words of ``text`` end."""
    import rjieba

    boundaries, offset = [], 0
    for word in rjieba.cut(text):
        offset += len(word)
        boundaries.append(offset)
    return frozenset(boundaries)


def _zipf(text: str, lang: str) -> float:
    import jieba

    jieba.setLogLevel(logging.WARNING)  # wordfreq tokenises Chinese with jieba, which chats
    from wordfreq import zipf_frequency

    return float(zipf_frequency(text, lang))


def _zipf_key() -> str:
    from importlib.metadata import version

    return f"termx {termx_version}; wordfreq {version('wordfreq')}; jieba {version('jieba')}"


# The pinyin of every character of the Basic Multilingual Plane, read once per installation
# (through pypinyin, cached on disk by ``cache``) and once per process from there: pypinyin
# itself (tens of MB, a fifth of a second) then loads only for a character beyond it. Most of
# the plane has no reading ("?", left out of the table); a character pypinyin cannot read at
# all is kept as None and asked again, so that it fails as before.
_TABLE_END = 0x10000
_SURROGATES = range(0xD800, 0xE000)


@lru_cache(maxsize=1)
def _pinyin_table() -> dict[str, str | None]:
    from importlib.metadata import version

    def build() -> dict[str, str | None]:
        table: dict[str, str | None] = {}
        for code in range(_TABLE_END):
            if code in _SURROGATES:
                continue
            try:
                found = translit.reading(chr(code))
            except IndexError:
                table[chr(code)] = None
                continue
            if found != "?":
                table[chr(code)] = found
        return table

    key = f"termx {termx_version}; pypinyin {version('pypinyin')}; BMP without ?"
    table = cache.cached("pinyin-bmp", key, build)
    return table if isinstance(table, dict) else build()


def _reading(char: str) -> str:
    found = _pinyin_table().get(char, "?")
    if found is None or (found == "?" and (ord(char) >= _TABLE_END or ord(char) in _SURROGATES)):
        return translit.reading(char)
    return found


# Loaded once per process, like the dictionary.
@lru_cache(maxsize=1)
def _gloss_word_keys() -> dict[str, str]:
    """``lexicon.word_key`` of every word of every gloss of the shipped dictionary (lower
    case: a word's key does not depend on its capitals), worked out once per installation.

    Snowball stemming is pure Python (≈ 30 µs a word), and each process of a run (the
    analysis workers, the scorers) stemmed the same few thousand gloss and corpus words
    again, ≈ 0.25 CPU-s each on tico19-dev. The table holds ≈ 45,000 words (0.8 MB on disk,
    read in ≈ 10 ms); a word outside it is stemmed as before. Its values depend only on
    ``lexicon.py`` and the stemmer (the dictionary only says which words are in it), so
    those key it.
    """
    from importlib.metadata import version

    from termx.extract import lexicon

    code = hashlib.sha256(Path(lexicon.__file__).read_bytes()).hexdigest()
    key = f"termx {termx_version}; lexicon.py {code}; snowballstemmer {version('snowballstemmer')}"

    def build() -> dict[str, str]:
        words = {
            word.lower()
            for definition in cedict_module.load().definitions.values()
            for phrase in cedict_module.parse_senses(definition)
            for word in lexicon.content_words(phrase)
        }
        return {word: word_key(word) for word in sorted(words)}

    table = cache.cached("word-keys", key, build)
    return table if isinstance(table, dict) else build()


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
    # One BLAS thread: the workers are the parallelism, one per core; more threads contend.
    from termx.extract.analysis._ops import limit_blas_threads

    limit_blas_threads()
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


class SegmentTexts(Mapping[int, tuple[str, str, Origin]]):
    """The example segments' texts and origins, by segment index, kept in an unnamed
    temporary file rather than in memory: scoring reads a few of them (one per scored pair
    at most) and writing those of the rows shown, while the texts of every kept segment
    (33,637 at 100,000 pairs, 35 MB as strings) were held by the counting process and again
    by the scorer it forks. Reads are positioned (``os.pread``), so a forked process reads
    its parent's file without moving its offset."""

    def __init__(self) -> None:
        # As long-lived as the Stats that hold it: closed (and so deleted) with it.
        self._file = tempfile.TemporaryFile(prefix="termx-segments-")  # noqa: SIM115
        self._where: dict[int, tuple[int, int]] = {}  # index: (offset, length)
        self._end = 0
        self._unflushed = False

    def __setitem__(self, index: int, text: tuple[str, str, Origin]) -> None:
        data = pickle.dumps(text, pickle.HIGHEST_PROTOCOL)
        self._file.write(data)
        self._where[index] = (self._end, len(data))
        self._end += len(data)
        self._unflushed = True

    def __getitem__(self, index: int) -> tuple[str, str, Origin]:
        offset, length = self._where[index]
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        if hasattr(os, "pread"):
            data = os.pread(self._file.fileno(), length, offset)
        else:  # Windows: no fork, so this process alone moves the offset
            self._file.seek(offset)
            data = self._file.read(length)
            self._file.seek(self._end)
        found: tuple[str, str, Origin] = pickle.loads(data)  # written by this class above
        return found

    def __contains__(self, index: object) -> bool:
        return index in self._where

    def __iter__(self) -> Iterator[int]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


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
    # The surfaces each key was seen in: the surface itself while it is the only one (nearly
    # every key: 49,862 of 51,943 at 20,000 pairs; its count is then the key's frequency),
    # else a Counter. A Counter per key was 208 bytes for one surface (see ``forms``).
    zh_forms: dict[str, str | Counter[str]] = field(default_factory=dict)
    en_forms: dict[str, str | Counter[str]] = field(default_factory=dict)
    en_kind: dict[str, str] = field(default_factory=dict)
    zh_kind: dict[str, str] = field(default_factory=dict)
    # Keys seen at least once as a whole phrase, not only cut out of a longer one.
    zh_free: set[str] = field(default_factory=set)
    en_free: set[str] = field(default_factory=set)
    definitions: dict[str, Counter[str]] = field(default_factory=dict)
    examples: Examples = field(default_factory=Examples)
    segment_text: SegmentTexts = field(default_factory=SegmentTexts)
    cooccurrences: cooc.Cooccurrences = field(default_factory=cooc.Cooccurrences)
    alignment: Alignment = NO_ALIGNMENT  # trained after counting (learn.learn_from_corpus)
    params: ScoringParams = field(default_factory=ScoringParams)
    # The partners index, built on first use and dropped whenever the joint counts change
    # through add() or raise_joint() (so it is never stale).
    _partners: tuple[dict[str, list[str]], dict[str, list[str]]] | None = None

    def zh_surface(self, key: str) -> str:
        found = self.zh_forms[key]
        return found if isinstance(found, str) else surface(found)

    def en_surface(self, key: str) -> str:
        found = self.en_forms[key]
        return found if isinstance(found, str) else surface(found)

    def en_form_counts(self, key: str) -> Mapping[str, int]:
        """How often the English ``key`` was seen in each of its surfaces."""
        found = self.en_forms[key]
        return {found: self.f_en[key]} if isinstance(found, str) else found

    def definition(self, acronym: str) -> str:
        """The long form most often given for ``acronym`` in the corpus."""
        return surface(self.definitions[acronym])

    def raise_joint(self, counts: Mapping[tuple[str, str], int]) -> None:
        """Take the larger of each pair's linked count and ``counts`` (co-occurrence)."""
        for key, count in counts.items():
            self.joint[key] = max(self.joint[key], count)
        self._partners = None

    def scoring_only(self) -> None:
        """Drop what only counting and learning read, once they are done: the co-occurrence
        ids of every candidate occurrence of the corpus (``learn.learn_from_corpus`` is
        their last reader). Scoring and writing never read them, and the forked scorer
        inherits (and the process-tree RSS counts twice) whatever this process holds."""
        self.cooccurrences = cooc.Cooccurrences()

    def partners(self, key: str, english: bool) -> list[str]:
        """The English keys counted with the Chinese ``key`` (or the reverse)."""
        return self._partners_index()[english].get(key, [])

    def chinese_keys(self) -> KeysView[str]:
        """The Chinese keys of the joint counts, in first-counted order."""
        return self._partners_index()[1].keys()

    def _partners_index(self) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
        if self._partners is None:
            self._partners = ({}, {})
            for zk, ek in self.joint:
                self._partners[0].setdefault(ek, []).append(zk)
                self._partners[1].setdefault(zk, []).append(ek)
        return self._partners

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
        forms: dict[str, str | Counter[str]],
        kinds: dict[str, str],
        free: set[str],
    ) -> None:
        for key, surface, kind, inner in found:
            frequency[key] += 1
            surfaces = forms.get(key)
            if surfaces is None:
                forms[key] = surface
                if kind != "phrase":
                    kinds[key] = kind
            else:
                if isinstance(surfaces, str):
                    if surfaces != surface:
                        # A second surface: the first was seen every time before this one.
                        forms[key] = Counter({surfaces: frequency[key] - 1, surface: 1})
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
    analyser: Analyser | Setup,
    jobs: int,
    chunk_size: int,
    engine: str = "local",
    address: str | None = None,
) -> Iterator[tuple[SegmentPair, SegmentResult]]:
    analyse = engines.engine(engine)  # the local one is this module's: nothing to import
    for batch, results in analyse(_batches(pairs, chunk_size), analyser, jobs, address):
        yield from zip(batch, results, strict=True)


def analyse_local(
    batches: Iterable[list[SegmentPair]],
    analyser: Analyser | Setup,
    jobs: int,
    address: str | None = None,
) -> Iterator[tuple[list[SegmentPair], list[SegmentResult]]]:
    """The ``local`` engine (see :mod:`termx.extract.engines`): ``analyser`` itself with
    ``jobs`` 1 (one built from it if it is a :class:`Setup`), else ``jobs`` worker processes
    with an Analyser each; ``address`` unused."""
    if jobs <= 1:
        from termx.extract.analysis._ops import one_blas_thread

        here = analyser
        if isinstance(here, Setup):
            here = Analyser(here.glossary, here.params)
        # Tagging here, in the caller's process: BLAS's spare threads would only spin.
        with one_blas_thread():
            for batch in batches:
                yield batch, here.segments([(p.zh, p.en) for p in batch])
        return
    _load_shared()
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


def _load_shared() -> None:
    """Load jieba's model (rjieba's, in Rust) and OpenCC's tables here, before the workers
    fork: they are read-only memory outside Python's heap, which no reference count writes to,
    so the forked workers share their pages for good instead of loading a copy each. Python
    objects (the dictionary, the pinyin table) are not loaded here: reading them writes their
    reference counts, so a worker copies the pages it reads anyway, and this process would
    hold its own copy while it counts."""
    zh_analyser.analyse("中文")
    simplified_aligned("中文")


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
    analyser: Analyser | Setup,
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
    counting is here, in input order, so every engine counts the same. ``analyser`` analyses
    here with ``jobs`` 1 and the local engine; otherwise a :class:`Setup` is enough.

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
