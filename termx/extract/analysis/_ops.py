"""Cheaper thinc kernels for the English tagger (issue #14), and one BLAS thread.

Tagging is ~40% of an analysis worker's CPU, and most of tagging is thinc's ``gemm``, which
``NumpyOps`` runs with blis. ``numpy.matmul`` (numpy's own OpenBLAS, one thread) does the same
products for 11-16% less tagging CPU (a worker's: -8%); the sums are not added in blis's
order, so the tag probabilities differ in their last bits (at most 1.5e-5 measured), but on
every corpus termx is benchmarked and tested on the tags, and so the candidate files, are the
same (tests/test_s24_tagging.py; a token whose two best tags were closer than that could flip).

Scope: the ops object is set on the nodes of the loaded pipeline's models only
(:func:`use_on`), never with ``thinc.api.set_current_ops``: another thinc or spaCy model
in the same process (a user's, or a test's) keeps thinc's default ops and blis. The one
process-wide setting is the BLAS thread count: set for good only in termx's own analysis
worker processes (:func:`limit_blas_threads`), and for the time it tags in a caller's process
(:func:`one_blas_thread`): OpenBLAS has one thread pool per process, and with one worker per
core its threads only contend (idle, they spin). (Dask's nanny starts its workers with
OPENBLAS_NUM_THREADS=1, distributed's ``nanny.pre-spawn-environ``.)
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from functools import lru_cache
from typing import Any

import numpy

# The BLAS threads a process that tags may use (the workers are the parallelism).
BLAS_THREADS = 1


@lru_cache(maxsize=1)
def _matmul_ops_class() -> type:
    """``MatmulOps``: a ``thinc`` ``NumpyOps`` whose ``gemm`` is ``numpy.matmul`` (float32 in,
    float32 out). Made on first use, so that importing this module (the main process limits
    its workers' BLAS threads as they start) does not import thinc, a quarter of a second;
    it is still ``termx.extract.analysis._ops.MatmulOps`` (the module's ``__getattr__``), so
    that a pipeline using it pickles as it did with thinc's own ops."""
    from thinc.api import NumpyOps

    class MatmulOps(NumpyOps):  # type: ignore[misc]
        name = "numpy"  # what spaCy and thinc check (``ops.name``, ``isinstance``): CPU ops

        def gemm(
            self,
            x: Any,
            y: Any,
            out: Any = None,
            trans1: bool = False,
            trans2: bool = False,
        ) -> Any:
            a = x.T if trans1 else x
            b = y.T if trans2 else y
            if out is None:
                return numpy.matmul(a, b)
            numpy.matmul(a, b, out=out)
            return out

    MatmulOps.__module__, MatmulOps.__qualname__ = __name__, "MatmulOps"
    return MatmulOps


def __getattr__(name: str) -> Any:
    if name == "MatmulOps":
        return _matmul_ops_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


@lru_cache(maxsize=1)
def matmul_ops() -> Any:
    """The one ``MatmulOps`` object the pipeline's models share."""
    return _matmul_ops_class()()


def use_on(nlp: Any) -> int:
    """Give every node of every trainable component's model of ``nlp`` the
    :func:`matmul_ops` object in place of thinc's default CPU ops; the number of nodes changed.
    Components without a model (rules) are left as they are."""
    from thinc.api import NumpyOps

    ops = matmul_ops()
    changed = 0
    for _name, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:  # not a user's own ops, nor a GPU's
                node.ops = ops
                changed += 1
    return changed


def limit_blas_threads() -> None:
    """Limit this process's BLAS libraries (numpy's OpenBLAS) to :data:`BLAS_THREADS` from
    now on (called in each analysis worker as it starts). A few milliseconds."""
    # threadpoolctl applies the limit when the object is made; never restored, it is kept like
    # the environment variable OPENBLAS_NUM_THREADS would be, but settable after numpy's import.
    one_blas_thread()


def one_blas_thread() -> AbstractContextManager[object]:
    """:data:`BLAS_THREADS` BLAS threads inside the block, the caller's setting after it (the
    local engine tagging in the caller's own process, ``--jobs 1``); nothing without
    threadpoolctl."""
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-untyped]
    except ImportError:
        return nullcontext()
    return threadpool_limits(limits=BLAS_THREADS, user_api="blas")  # type: ignore[no-any-return]


def blas_threads() -> list[int]:
    """The thread counts of this process's BLAS libraries now (for tests and logs)."""
    from threadpoolctl import threadpool_info  # type: ignore[import-untyped]

    return [int(info["num_threads"]) for info in threadpool_info() if info["user_api"] == "blas"]
