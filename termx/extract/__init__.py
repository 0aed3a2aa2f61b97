"""Extraction: aligned segment pairs → ranked candidate term pairs.

The stage in modules: ``corpus`` (per-segment analysis, counting, worker processes) →
``candidates`` (monolingual candidates per language) → ``evidence`` (one module per bilingual
signal, one ``SIGNALS`` registry) → ``score`` (combination and termhood, numbers from
``params.ScoringParams``) → ``learn`` (corpus-learned dictionary words) → ``select``
(competitive linking). ``evaluate`` scores a ranked list against a gold list;
``candidate_file`` reads and writes candidate lists.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from termx.extract.params import ScoringParams
from termx.model import Evidence, GlossaryEntry, SegmentPair, TermPair
from termx.text import fold

if TYPE_CHECKING:  # the corpus modules load numpy & co.: only when extracting
    from termx.extract.corpus import Stats
    from termx.extract.evidence.base import Signal
    from termx.extract.select import Scored
    from termx.glossary import Glossary

Progress = Callable[[int], None]
"""The ``progress`` callback: called during the corpus pass with the number of segment pairs
analysed since its previous call (batches of 64, then the rest), e.g. to advance a bar."""

MAX_SEGMENT_CHARS = 10_000
"""The longest segment (characters, either side) extraction takes. Every pair of candidates
that share an anchor within a segment is counted, so a segment's cost grows with the square
of its length: a whole document given as one segment (an unsegmented file) would run for
hours, and spaCy refuses texts over 1,000,000 characters anyway. Real segments are sentences
or paragraphs, far below this."""

MIN_SCORE = 0.1
"""The default ``min_score``: where the expected precision of the list falls below the
documented level. By the calibration of the hand-set scores on held-out folds (docs/eval.md,
``python bench/fit.py --calibration``: "cut (below it < 1% right)"), fewer than 1 in 100 of the
candidates scored below it are right."""

__all__ = [
    "MAX_SEGMENT_CHARS",
    "MIN_SCORE",
    "ExtractOptions",
    "Extraction",
    "Progress",
    "ScoringParams",
    "extract",
    "extraction",
]


@dataclass(frozen=True)
class ExtractOptions:
    """How to run :func:`extract`.

    Attributes:
        top: keep only the ``top`` best pairs (None: all that pass ``min_score``).
        min_score: drop pairs scoring below this (0–1; the default is :data:`MIN_SCORE`).
        jobs: worker processes for the corpus pass (1: analyse in this process).
        glossary: a reviewed glossary (a :class:`termx.glossary.Glossary`, the same type
            ``check`` takes, or its entries): approved entries extend the dictionary, and
            every pair it decides (approved or rejected) is left out of the result. Read only.
        chunk_size: segment pairs per task sent to a worker.
        samples: example segments kept per pair (the first sightings).
        params: every number that affects the ranking (see :class:`ScoringParams`); pass
            another set to try other weights. It reaches the worker processes too.
        signals: the bilingual signals to score with (None: ``evidence.SIGNALS``); e.g.
            ``(*SIGNALS, my_signal)`` to try a new one (see docs/architecture.md).
        max_segment_chars: a longer segment (either side) is refused with a
            :class:`~termx.errors.TermxError` naming its file and line (see
            :data:`MAX_SEGMENT_CHARS`).
        engine: where the per-segment analysis runs, a name from
            :data:`termx.extract.engines.ENGINES`: ``"local"`` (this machine, ``jobs``
            processes) or ``"dask"`` (a Dask cluster; ``pip install 'termx[dask]'``). The
            candidates are the same whichever runs it; counting and scoring stay here.
        scheduler: the engine's address, for ``"dask"`` a scheduler such as
            ``"tcp://10.0.0.5:8786"`` (None: a local cluster of ``jobs`` worker processes).
    """

    top: int | None = None
    min_score: float = MIN_SCORE
    jobs: int = 1
    glossary: Glossary | tuple[GlossaryEntry, ...] = ()
    chunk_size: int = 256
    samples: int = 2
    params: ScoringParams = field(default_factory=ScoringParams)
    signals: tuple[Signal, ...] | None = None
    max_segment_chars: int = MAX_SEGMENT_CHARS
    engine: str = "local"
    scheduler: str | None = None

    @property
    def entries(self) -> tuple[GlossaryEntry, ...]:
        """The glossary's entries, whichever shape it was given in."""
        glossary = self.glossary
        return glossary if isinstance(glossary, tuple) else tuple(glossary.entries)


@dataclass(frozen=True)
class Extraction:
    """What one run of :func:`extraction` found.

    Attributes:
        pairs: the candidate pairs, best first (what :func:`extract` returns).
        below_min_score: how many Chinese terms counted in the corpus have no pair scoring
            ``min_score`` and so no row (with ``min_score`` 0 they are listed); terms whose
            every pair the glossary decides are not among them.
    """

    pairs: tuple[TermPair, ...]
    below_min_score: int


def extract(
    pairs: Iterable[SegmentPair],
    options: ExtractOptions | None = None,
    progress: Progress | None = None,
) -> list[TermPair]:
    """Rank candidate term pairs found in aligned segment pairs, best first.

    Args:
        pairs: the aligned segment pairs (e.g. from :func:`termx.read_pairs`); read once.
        options: see :class:`ExtractOptions` (defaults when None).
        progress: called during the corpus pass with the number of segment pairs analysed
            since its previous call (see :data:`Progress`).

    Returns:
        The candidate pairs, best first, each with its score, frequency, evidence and
        example segments.
    """
    return list(extraction(pairs, options, progress).pairs)


def extraction(
    pairs: Iterable[SegmentPair],
    options: ExtractOptions | None = None,
    progress: Progress | None = None,
) -> Extraction:
    """:func:`extract`, with what the ``min_score`` cut left out (see :class:`Extraction`)."""
    with _fewer_collections():
        return _extract(pairs, options or ExtractOptions(), progress)


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Run the block with Python's cyclic collector triggered 70× less often (restored after).

    Extraction builds millions of long-lived containers (counts, prepared terms) and almost no
    cycles, so the default thresholds made the collector walk the growing heap again and again:
    a fifth of the CPU time on tico19-dev (4.8 of 23.5 s; 1.3 s with these). Worker processes
    forked inside the block inherit the setting.
    """
    before = gc.get_threshold()
    gc.set_threshold(50_000, 20, 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _extract(
    pairs: Iterable[SegmentPair], options: ExtractOptions, progress: Progress | None
) -> Extraction:
    from termx.extract.corpus import Analyser, Setup, collect
    from termx.extract.engines import engine
    from termx.extract.evidence import SIGNALS
    from termx.extract.learn import learn_from_corpus
    from termx.extract.scoring import score_all
    from termx.extract.select import select, variants
    from termx.glossary import Glossary

    params = options.params
    signals = options.signals if options.signals is not None else SIGNALS
    entries = options.entries
    engine(options.engine)  # an unknown or uninstalled engine fails before the start-up work
    # Analysing elsewhere, this process needs its Analyser only once the pass is done.
    here = options.jobs <= 1 and options.engine == "local"
    setup = Analyser(entries, params) if here else Setup(entries, params)
    stats = collect(
        pairs,
        setup,
        options.jobs,
        options.chunk_size,
        options.samples,
        progress,
        options.max_segment_chars,
        options.engine,
        options.scheduler,
    )
    decided = Glossary(entries)
    analyser = setup if isinstance(setup, Analyser) else Analyser(entries, params)
    analyser = learn_from_corpus(stats, analyser)
    stats.scoring_only()
    scored = score_all(stats, analyser, signals, decided, options.min_score, options.jobs)
    analyser.frequencies.save()
    chosen = select(scored, stats.joint, params)
    forms = variants(scored, chosen, params)
    # Selection discounts alternatives and nested forms: the cut holds for the score shown
    # too (scoring cut before selection only what could never reach it).
    chosen = [found for found in chosen if found[0] >= options.min_score]
    result, shown = [], set()
    for value, zk, ek, evidence in chosen:
        pair = _term_pair(zk, ek, value, evidence, stats, forms.get((zk, ek), ()))
        # Two keys can show the same surface ("diabetes" tagged plural and singular): once.
        if (fold(pair.zh), fold(pair.en)) not in shown:
            shown.add((fold(pair.zh), fold(pair.en)))
            result.append(pair)
    return Extraction(
        tuple(result[: options.top] if options.top else result),
        _below(stats, chosen, decided),
    )


def _below(stats: Stats, chosen: Sequence[Scored], decided: Glossary) -> int:
    """The Chinese terms counted with no pair among ``chosen`` (the rows that made the cut),
    less those whose every pair the glossary decides (they were never scored)."""
    kept = {zk for _, zk, _, _ in chosen}
    missing = {zk for zk, _ in stats.joint}.difference(kept)
    if not decided:
        return len(missing)
    return sum(
        1
        for zk in missing
        if not all(
            decided.is_decided(stats.zh_surface(zk), stats.en_surface(ek))
            for ek in stats.partners(zk, english=True)
        )
    )


def _term_pair(
    zk: str,
    ek: str,
    value: float,
    evidence: list[Evidence],
    stats: Stats,
    family: Sequence[str],
) -> TermPair:
    indexes = stats.examples.get((zk, ek), [])
    texts = [stats.segment_text[i] for i in indexes if i in stats.segment_text]
    en = stats.en_surface(ek)
    return TermPair(
        zh=stats.zh_surface(zk),
        en=en,
        variants=_variants(en, ek, family, stats),
        score=value,
        frequency=stats.joint[(zk, ek)],
        evidence=tuple(e for e in evidence if e.value > 0),
        examples=tuple(origin for _, _, origin in texts),
        samples=tuple((zh, en) for zh, en, _ in texts),
    )


def _variants(en: str, ek: str, family: Sequence[str], stats: Stats) -> tuple[str, ...]:
    """The other renderings of one entry: the forms its English key was seen in (swab for
    swabs), then the surfaces of the English of its word family that selection kept out
    (laboratory testing for laboratory tests), each once whatever its capitals."""
    seen = {en.casefold()}
    result = []
    own = sorted(stats.en_form_counts(ek).items(), key=lambda item: (-item[1], item[0]))
    for form in [form for form, _ in own] + [stats.en_surface(key) for key in family]:
        if form.casefold() not in seen:
            seen.add(form.casefold())
            result.append(form)
    return tuple(result)
