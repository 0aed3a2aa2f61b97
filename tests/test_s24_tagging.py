"""The English tagger's cheaper kernels (termx/extract/analysis/_ops.py, issue #14): the same
tags as thinc's default ops on real text, kept to termx's own pipeline, and one BLAS thread in
the process that tags."""

from __future__ import annotations

import json
import multiprocessing
import os
import subprocess
import sys
import warnings

import pytest
from conftest import SHARED, TICO

from termx.extract.analysis import _ops, en

TICO_DEV = SHARED / "dev" / "tico19-dev" / "pairs.tsv"


def _english(path, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t")[1] for line in lines if line.count("\t") == 1][:count]


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    pipeline = en.pipeline()
    if not pipeline.pipe_names:
        pytest.skip("no English spaCy model installed")
    return pipeline


def _default_pipeline(nlp):  # type: ignore[no-untyped-def]
    """The same model loaded again, as spaCy loads it: thinc's default ops (blis)."""
    import spacy

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return spacy.load(nlp.path, exclude=en._UNUSED)


def test_ops_are_termx_pipelines_own(nlp) -> None:  # type: ignore[no-untyped-def]
    from thinc.api import NumpyOps, get_current_ops

    ops = _ops.matmul_ops()
    nodes = [node for _, pipe in nlp.pipeline for node in pipe.model.walk()]
    assert nodes and all(node.ops is ops for node in nodes)
    assert isinstance(ops, NumpyOps) and ops.name == "numpy"
    # Nothing global: thinc's current ops, and another model loaded now, keep the default.
    assert type(get_current_ops()) is not type(ops)
    other = _default_pipeline(nlp)
    assert all(type(node.ops) is NumpyOps for _, p in other.pipeline for node in p.model.walk())


def test_ops_tag_as_the_default_ops(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = _english(TICO_DEV if TICO_DEV.exists() else TICO / "pairs.tsv", 200)
    assert len(texts) >= 100
    docs = list(_default_pipeline(nlp).pipe(texts, batch_size=en.SPACY_BATCH))
    ours = [[t.tag_ for t in doc] for doc in nlp.pipe(texts, batch_size=en.SPACY_BATCH)]
    assert ours == [[t.tag_ for t in doc] for doc in docs]
    # And analyse_many, what termx reads, carries those tags.
    expected = [[t.tag_ for t in doc if not t.is_space] for doc in docs]
    assert [[t.tag for t in tokens] for tokens in en.analyse_many(texts)] == expected


def test_gemm_matches_blis_closely() -> None:
    import numpy
    from thinc.api import NumpyOps

    rng = numpy.random.default_rng(14)
    x = rng.standard_normal((70, 288), dtype=numpy.float32)
    w = rng.standard_normal((96, 288), dtype=numpy.float32)
    ops, blis = _ops.matmul_ops(), NumpyOps()
    ours, theirs = ops.gemm(x, w, trans2=True), blis.gemm(x, w, trans2=True)
    assert ours.dtype == numpy.float32 and ours.shape == (70, 96)
    numpy.testing.assert_allclose(ours, theirs, rtol=1e-5, atol=1e-4)
    d = rng.standard_normal((70, 96), dtype=numpy.float32)
    out = numpy.empty((288, 96), dtype=numpy.float32)
    assert ops.gemm(x, d, out=out, trans1=True) is out
    numpy.testing.assert_allclose(out, blis.gemm(x, d, trans1=True), rtol=1e-5, atol=1e-4)


_PROBE = """
import json
from termx.extract.analysis import _ops, en
before = _ops.blas_threads()
tags = [t.tag for t in en.analyse("The patients were tested for the novel coronavirus.")]
print(json.dumps({"before": before, "after": _ops.blas_threads(), "tags": tags}))
"""


def test_tagging_leaves_the_callers_blas_threads_alone(nlp) -> None:  # type: ignore[no-untyped-def]
    # A fresh process told to use two BLAS threads loads the pipeline and tags: a library
    # user's process keeps its setting (only termx's own workers limit theirs).
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2"}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
    )
    probe = json.loads(out.stdout.splitlines()[-1])
    if not probe["before"]:
        pytest.skip("numpy has no BLAS threadpoolctl can see")
    assert probe["before"] == [2] * len(probe["before"])
    assert probe["after"] == probe["before"]
    assert "NN" in probe["tags"] or "NNS" in probe["tags"]


@pytest.mark.skipif(
    multiprocessing.get_start_method() != "fork", reason="the test's stand-in task needs a fork"
)
def test_workers_start_with_one_blas_thread(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # The main process, with two BLAS threads, starts the local engine's workers: each has one
    # (corpus._init_worker limits it as the worker starts), and the main process keeps two.
    from threadpoolctl import threadpool_limits

    from termx.extract import corpus
    from termx.model import Origin, SegmentPair

    if not _ops.blas_threads():
        pytest.skip("numpy has no BLAS threadpoolctl can see")
    monkeypatch.setattr(corpus, "_work", _threads_of_worker)
    pair = SegmentPair("病例", "cases", Origin("t.tsv", 1))
    with threadpool_limits(limits=2, user_api="blas"):
        assert set(_ops.blas_threads()) == {2}
        results = list(corpus.analyse_local([[pair]] * 4, corpus.Analyser(), jobs=2))
        assert set(_ops.blas_threads()) == {2}
    assert [threads for _, batch in results for threads in batch] == [[1]] * 4


def _threads_of_worker(batch: list[tuple[str, str]]) -> list[list[int]]:
    return [_ops.blas_threads() for _ in batch]


def test_pipeline_still_pickles(nlp) -> None:  # type: ignore[no-untyped-def]
    import pickle

    again = pickle.loads(pickle.dumps(nlp))
    assert type(again.get_pipe("tok2vec").model.ops) is type(_ops.matmul_ops())
    assert [t.tag_ for t in again("The cases rose.")] == [t.tag_ for t in nlp("The cases rose.")]


class _ThreadsSeen:
    """Stands in for the Analyser: what BLAS allows while the engine analyses a batch."""

    def segments(self, batch: list[tuple[str, str]]) -> list[list[int]]:
        return [_ops.blas_threads() for _ in batch]


def test_one_job_tags_with_one_blas_thread_and_gives_it_back() -> None:
    from threadpoolctl import threadpool_limits

    from termx.extract import corpus
    from termx.model import Origin, SegmentPair

    if not _ops.blas_threads():
        pytest.skip("numpy has no BLAS threadpoolctl can see")
    pair = SegmentPair("病例", "cases", Origin("t.tsv", 1))
    with threadpool_limits(limits=2, user_api="blas"):
        engine = corpus.analyse_local([[pair]] * 2, _ThreadsSeen(), jobs=1)  # type: ignore[arg-type]
        seen = [threads for _, batch in engine for threads in batch]
        assert set(_ops.blas_threads()) == {2}  # the caller's setting once the engine is done
    assert seen == [[1], [1]]
