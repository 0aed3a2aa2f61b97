"""Scoring every counted pair, in worker processes when the run has them.

Scoring reads the whole corpus count (``Stats``), which is far too large to send to a worker.
On systems that fork (Linux, and macOS/Windows never: they score in this process), the
workers are forked *after* counting, so they inherit the counts, the Analyser and the
glossary without any pickling; each task is a set of Chinese keys (all pairs of one Chinese
term go to one task, so its prepared term is built once), and only the kept pairs' scores
and evidence come back. The results are put back in the counting order, so the ranking is
byte-identical to scoring in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
from array import array
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

from termx.extract import select
from termx.extract.corpus import Analyser, Stats
from termx.extract.evidence.base import Signal
from termx.extract.score import Scorer
from termx.extract.select import Reach, Scored
from termx.glossary import Glossary
from termx.model import Evidence

# Below this many pairs, forking workers costs more than it saves.
_MIN_PARALLEL = 2_000
# Tasks per worker: enough for the workers to finish together, few enough that each Chinese
# term's pairs stay in one task.
_TASKS_PER_JOB = 8
# A scoring task takes each Chinese term's pairs one after the other: its prepared term
# (≈ 14 KB with its gloss spans) is needed meanwhile, not for the rest of the run. (Serial
# scoring goes in counting order, where a term's pairs are apart: it keeps them all.)
_TERMS_WHILE_SCORING = 1_024
# Likewise the glossed example segments (≈ 110 KB each, see ``score._explained_elsewhere``):
# a segment is asked again only for other pairs of the term being scored (20,000-pair
# corpus, one forked half: 381 requests of 214 segments, every repeat within 16 requests).
_SEGMENTS_WHILE_SCORING = 64


@dataclass(frozen=True)
class _Job:
    pairs: list[tuple[str, str]]
    scorer: Scorer
    decided: Glossary
    min_score: float
    reach: Reach | None


# The forked scoring worker's job. As with corpus._WORKER, a pool initializer can hand state
# to its tasks only through a module global; this one is set by _init (in the worker, from
# the initializer's arguments, which a fork passes in memory) and read only by _score_task.
_JOB: _Job | None = None


def _init(job: _Job) -> None:
    global _JOB  # one job per scoring worker process
    _JOB = job
    gc.disable()  # the inherited objects live until the worker exits: collecting is wasted


def _score(job: _Job, positions: Sequence[int]) -> list[tuple[int, float, list[Evidence]]]:
    """The kept pairs among ``positions`` (each Chinese key's pairs one after the other)."""
    scorer, decided, pairs = job.scorer, job.decided, job.pairs
    stats = scorer.stats
    kept = []
    for zk, group in _by_chinese(pairs, positions):
        if decided:
            zh = stats.zh_surface(zk)
            group = [p for p in group if not decided.is_decided(zh, stats.en_surface(pairs[p][1]))]
        eks = [pairs[position][1] for position in group]
        scores = scorer.score_term(zk, eks, job.min_score, job.reach)
        for position, scored in zip(group, scores, strict=True):
            if scored is not None and scored[0] >= job.min_score:
                kept.append((position, *scored))
    return kept


def _by_chinese(
    pairs: Sequence[tuple[str, str]], positions: Sequence[int]
) -> list[tuple[str, list[int]]]:
    """``positions`` grouped by Chinese key, keys in first-seen order."""
    groups: dict[str, list[int]] = {}
    for position in positions:
        zk = pairs[position][0]
        group = groups.get(zk)
        if group is None:
            groups[zk] = [position]
        else:
            group.append(position)
    return list(groups.items())


# An evidence line as it travels back from a scoring worker: a frozen dataclass is unpickled
# through dataclasses' __setstate__, which looks its fields up for every object (0.6 s of the
# main process on tico19-dev); a plain tuple is rebuilt with the constructor.
_Line = tuple[str, float, str]


def _score_task(
    positions: Sequence[int],
) -> tuple[list[tuple[int, float, list[_Line]]], dict[Any, Any]]:
    """The kept pairs (evidence as plain tuples), and the word frequencies the task looked up
    first (for the main process to save: see ``cache.Lookups``)."""
    assert _JOB is not None
    kept = [
        (position, value, [(e.kind, e.value, e.reason) for e in evidence])
        for position, value, evidence in _score(_JOB, positions)
    ]
    lookups = _JOB.scorer.analyser.frequencies
    new, lookups.new = lookups.new, {}
    return kept, new


def score_all(
    stats: Stats,
    analyser: Analyser,
    signals: Sequence[Signal],
    decided: Glossary,
    min_score: float,
    jobs: int,
    offered: bool = True,
) -> list[Scored]:
    """Score every pair of ``stats.joint`` (those ``decided`` decides left out), keeping
    those scoring at least ``min_score``, in counting order; in this process and
    ``jobs - 1`` forked ones when there are enough pairs and the system forks.

    ``offered``: keep only the pairs ``select`` may offer (it never offers one scoring far
    below its Chinese term's best, see ``select.reach``); pairs that cannot make the list
    are left out before their evidence is written (``Scorer.score_term``)."""
    pairs = list(stats.joint)
    reach = select.reach(analyser.params) if offered else None
    job = _Job(pairs, Scorer(stats, analyser, signals), decided, min_score, reach)
    if (
        jobs <= 1
        or len(pairs) < _MIN_PARALLEL
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        found = _score(job, range(len(pairs)))
        found.sort(key=lambda item: item[0])
    else:
        stats.partners("", english=True)  # build the index once, before the fork shares it
        analyser.zh_term.bound(_TERMS_WHILE_SCORING)
        analyser.segment_glosses.bound(_SEGMENTS_WHILE_SCORING)
        tasks = _partition(pairs, jobs * _TASKS_PER_JOB)
        gc.collect()
        _trim_heap()
        gc.freeze()  # keep the workers' collector from touching (and copying) inherited pages
        # This process scores its share too: one fork fewer, so one copy fewer of the
        # pages the forks touch (the inherited counts are read, and reading writes their
        # reference counts).
        share = len(tasks) // jobs
        lines = _Lines()
        try:
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(jobs - 1, context, initializer=_init, initargs=(job,)) as pool:
                futures = [pool.submit(_score_task, task) for task in tasks[share:]]
                del tasks[share:]
                found = []
                while tasks:
                    found.extend(
                        (position, value, lines.shared(evidence))
                        for position, value, evidence in _score(job, tasks.pop(0))
                    )
                while futures:
                    # Popped, so that each task's raw results go once they are taken over.
                    kept, new = futures.pop(0).result()
                    found.extend(
                        (position, value, lines.made(got)) for position, value, got in kept
                    )
                    analyser.frequencies.new.update(new)
                    del kept
        finally:
            gc.unfreeze()
        found.sort(key=lambda item: item[0])
    return [(value, *pairs[position], evidence) for position, value, evidence in found]


def _trim_heap() -> None:
    """Give the C heap's free pages back to the system before the scorer forks.

    Learning leaves them behind: ``Cooccurrences.frequent_pairs`` frees ≈ 100 MB of numpy
    temporaries at 100,000 pairs, which glibc keeps (they are below its mmap threshold once
    larger blocks have come and gone), and a fork inherits them, so the process tree's RSS
    counted them twice. Python's small objects live in their own arenas, so nothing would
    have reused them. Only glibc has ``malloc_trim``; elsewhere this does nothing."""
    import ctypes

    try:
        trim = ctypes.CDLL(None).malloc_trim  # this process's own C library
    except (OSError, AttributeError):
        return
    trim(0)


class _Lines:
    """One Evidence object per distinct evidence line of the kept pairs: most lines recur
    (tico19-dev: 113,020 lines, 15,125 distinct: the same dictionary gloss for every English
    of a Chinese term, the same counts), and every kept pair's lines are held until
    ``select`` is done. Evidence is frozen, so sharing one object changes nothing. Only
    float values are shared: an int would be equal to the float (1 == 1.0), not the same."""

    __slots__ = ("known",)

    def __init__(self) -> None:
        self.known: dict[_Line, Evidence] = {}

    def shared(self, evidence: list[Evidence]) -> list[Evidence]:
        known = self.known
        result = []
        for line in evidence:
            if line.value.__class__ is float:
                key = (line.kind, line.value, line.reason)
                line = known.setdefault(key, line)
            result.append(line)
        return result

    def made(self, received: list[_Line]) -> list[Evidence]:
        known = self.known
        result = []
        for key in received:
            if key[1].__class__ is not float:
                result.append(Evidence(*key))
                continue
            line = known.get(key)
            if line is None:
                line = known[key] = Evidence(*key)
            result.append(line)
        return result


def _partition(pairs: Sequence[tuple[str, str]], parts: int) -> list[array[int]]:
    """The pair positions split into about ``parts`` tasks of similar size, each Chinese
    key's pairs in one task (keys taken in first-counted order, so the split is
    deterministic), each task's positions in counting order.

    The positions are machine integers (``array``): lists of int objects held 36 bytes per
    counted pair in the main process when it forks the scorer, which inherits them, and the
    per-key lists they were gathered in were freed only to stay in the heap both share."""
    import numpy as np

    group: dict[str, int] = {}
    ids = np.fromiter(
        (group.setdefault(zk, len(group)) for zk, _ in pairs), dtype=np.int64, count=len(pairs)
    )
    size = max(1, -(-len(pairs) // parts))
    # A key's pairs go to the task being filled, and a task takes no more keys once it holds
    # ``size`` pairs.
    task_of = np.zeros(len(group), dtype=np.int64)
    task = filled = 0
    for key, count in enumerate(np.bincount(ids, minlength=len(group)).tolist()):
        if filled >= size:
            task, filled = task + 1, 0
        task_of[key] = task
        filled += count
    tasks = task_of[ids]
    del ids, task_of
    order = np.argsort(tasks, kind="stable")  # by task, then by position
    ends = np.cumsum(np.bincount(tasks, minlength=task + 1)).tolist()
    return [
        array("q", order[start:end].astype(np.int64).tobytes())
        for start, end in zip([0, *ends[:-1]], ends, strict=True)
    ]
