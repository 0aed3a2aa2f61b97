"""The corpus pass's hand-over to scoring: example segments' texts kept on disk, and the
analysis set up in other processes without this one's Analyser."""

from __future__ import annotations

import multiprocessing
from itertools import islice

import pytest
from conftest import TICO

from termx.extract.corpus import Analyser, SegmentTexts, Setup, analyse_local, collect
from termx.io import read_pairs
from termx.model import SegmentPair


def _tico(count: int) -> list[SegmentPair]:
    return list(islice(read_pairs(TICO / "pairs.tsv"), count))


# What the forked child reads: inherited through the fork, as the scorer inherits its Stats.
_FORKED: list[SegmentTexts] = []


def _read_in_child(index: int) -> tuple[str, str, str]:
    zh, en, origin = _FORKED[0][index]
    return zh, en, str(origin)


def test_segment_texts_read_back_what_was_written_between_writes_and_in_a_fork() -> None:
    pairs = _tico(60)
    texts = SegmentTexts()
    for index, pair in enumerate(pairs):
        if index % 3:  # a sparse index, as Stats keeps only the segments still wanted
            texts[index] = (pair.zh, pair.en, pair.origin)
        if index % 7 == 0 and index % 3:  # reads interleaved with writes
            assert texts[index] == (pair.zh, pair.en, pair.origin)
    kept = [i for i in range(len(pairs)) if i % 3]
    assert list(texts) == kept and len(texts) == len(kept)
    assert 3 not in texts and 4 in texts
    assert [texts[i] for i in kept] == [
        (p.zh, p.en, p.origin) for i, p in enumerate(pairs) if i % 3
    ]
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("the scorer forks only where the system forks")
    _FORKED[:] = [texts]
    with multiprocessing.get_context("fork").Pool(1) as pool:
        child = pool.map(_read_in_child, kept[::-5])
    assert child == [(pairs[i].zh, pairs[i].en, str(pairs[i].origin)) for i in kept[::-5]]
    # The child's positioned reads left this process's file as it was: writing goes on.
    texts[len(pairs)] = (pairs[0].zh, pairs[0].en, pairs[0].origin)
    assert texts[len(pairs)][0] == pairs[0].zh and texts[kept[-1]][1] == pairs[kept[-1]].en


def test_a_setup_analyses_as_the_analyser_it_describes() -> None:
    pairs = _tico(40)
    batches = [pairs[:16], pairs[16:]]
    analyser = Analyser()
    direct = [results for _, results in analyse_local(batches, analyser, 1)]
    from_setup = [results for _, results in analyse_local(batches, Setup(), 1)]
    assert from_setup == direct and sum(len(r.linked) for b in direct for r in b) > 40
    # Counting from a Setup with worker processes gives the same counts and examples.
    serial, parallel = collect(pairs, analyser), collect(pairs, Setup(), jobs=2, chunk_size=8)
    assert parallel.joint == serial.joint and parallel.examples.indexes == serial.examples.indexes
    assert [parallel.segment_text[i] for i in parallel.segment_text] == [
        serial.segment_text[i] for i in serial.segment_text
    ]
