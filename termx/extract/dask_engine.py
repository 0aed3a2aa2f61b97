"""The ``dask`` engine: the per-segment analysis as Dask tasks, on a ``dask.distributed``
cluster (``termx extract --engine dask [--scheduler ADDRESS]``).

Each task is one batch of segment texts; each worker builds its
:class:`~termx.extract.corpus.Analyser` once, when this run registers its worker plugin (and
so does a worker that joins the cluster later), and the tasks use it. The input is read
lazily and submitted with a bounded look-ahead, and the results come back in input order, so
that counting, learning and scoring (here, on the client, as with the local engine) write the
same candidates byte for byte. Without an address a ``LocalCluster`` of ``jobs`` worker
processes (one thread each) starts here and stops at the end of the pass.

Dask is an optional extra (``pip install 'termx[dask]'``): this module is imported only when
the engine runs, and :func:`termx.extract.engines.engine` turns its missing import into the
message saying how to install it.
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from typing import Any

from distributed import Client, LocalCluster, Worker, WorkerPlugin, get_worker

from termx import __version__ as termx_version
from termx.errors import TermxError
from termx.extract import _fewer_collections
from termx.extract.corpus import Analyser, SegmentResult, Setup
from termx.extract.engines import Batches
from termx.extract.params import ScoringParams
from termx.model import GlossaryEntry, SegmentPair

# Seconds to wait for a scheduler to answer, and for a cluster without workers to get one.
CONNECT_TIMEOUT_S = 10
WORKER_TIMEOUT_S = 60
# Tasks submitted ahead of the one whose results are awaited, per worker thread: enough to
# keep every worker busy while the client counts, few enough to keep the client's memory flat.
LOOK_AHEAD_PER_THREAD = 2


def analyse(
    batches: Iterable[list[SegmentPair]],
    analyser: Analyser | Setup,
    jobs: int,
    address: str | None = None,
) -> Batches:
    """The ``dask`` engine (see :mod:`termx.extract.engines`): each batch analysed as a task
    on the cluster at ``address`` (a scheduler address such as ``tcp://10.0.0.5:8786``), or
    on a ``LocalCluster`` of ``jobs`` worker processes when None; results in input order.

    Raises:
        TermxError: Dask is not installed, the scheduler cannot be reached, it has no
            workers, or its workers cannot build termx's analyser (termx missing there, or
            another version).
    """
    with _client(jobs, address) as client:
        plugin = _register(client, analyser.glossary, analyser.params, address)
        pending: deque[tuple[list[SegmentPair], Any]] = deque()
        try:
            threads = max(1, sum(client.nthreads().values()))
            for batch in batches:
                texts = [(p.zh, p.en) for p in batch]
                # pure=False: two equal batches are still two tasks, each with its own result.
                pending.append((batch, client.submit(_analyse_batch, plugin, texts, pure=False)))
                if len(pending) > LOOK_AHEAD_PER_THREAD * threads:
                    done, future = pending.popleft()
                    yield done, future.result()
            while pending:
                done, future = pending.popleft()
                yield done, future.result()
        finally:
            for _, future in pending:
                future.cancel()
            _unregister(client, plugin)


@contextmanager
def _client(jobs: int, address: str | None) -> Iterator[Client]:
    """A client of the scheduler at ``address``, or of a new LocalCluster of ``jobs``
    single-threaded worker processes; closed (the LocalCluster stopped) on leaving."""
    if address is None:
        # The scheduler's web server on a free port (never a clash with another cluster's
        # 8787), and only errors logged: a run's output is its candidates and one summary
        # line, not the cluster's chatter.
        cluster = LocalCluster(
            n_workers=max(1, jobs),
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",
            silence_logs=logging.ERROR,
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT_S)
    except (OSError, ValueError, TypeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise TermxError(
            f"cannot reach a Dask scheduler at {address!r} ({reason}); give the address "
            "`dask scheduler` printed, e.g. tcp://HOST:8786"
        ) from None
    with client:
        try:
            client.wait_for_workers(1, timeout=WORKER_TIMEOUT_S)
        except TimeoutError:
            raise TermxError(
                f"the Dask scheduler at {address!r} has no workers after "
                f"{WORKER_TIMEOUT_S} s; start some with `dask worker {address}`"
            ) from None
        yield client


class AnalyserPlugin(WorkerPlugin):
    """Builds a worker's Analyser once, from the run's glossary and parameters, and keeps it
    while the plugin is registered. Checks first that the worker runs the client's termx
    version: another one could analyse differently, and the candidates would then depend on
    which worker took which batch."""

    def __init__(self, glossary: tuple[GlossaryEntry, ...], params: ScoringParams) -> None:
        self.glossary = glossary
        self.params = params
        self.version = termx_version
        self.analyser: Analyser | None = None

    def setup(self, worker: Worker) -> None:
        import termx

        if termx.__version__ != self.version:
            raise RuntimeError(
                f"this worker has termx {termx.__version__}, the client {self.version}"
            )
        self.analyser = Analyser(self.glossary, self.params, keep_terms=False)

    def teardown(self, worker: Worker) -> None:
        self.analyser = None


def _register(
    client: Client,
    glossary: tuple[GlossaryEntry, ...],
    params: ScoringParams,
    address: str | None,
) -> str:
    """Register this run's plugin on every worker (under a name of its own, so that runs
    sharing a cluster do not replace each other's analysers); its name."""
    plugin = AnalyserPlugin(glossary, params)
    name = f"termx-analyser-{uuid.uuid4().hex}"
    try:
        client.register_plugin(plugin, name=name)
    except Exception as error:
        _unregister(client, name)  # or the scheduler would hand it to every new worker
        where = f"at {address}" if address else "of the local cluster"
        raise TermxError(
            f"the Dask workers {where} cannot analyse for termx ({type(error).__name__}: "
            f"{error}); every worker needs termx {termx_version} installed, with the same "
            "dependencies as this machine"
        ) from None
    return name


def _unregister(client: Client, name: str) -> None:
    # On a shared cluster the workers would keep this run's Analyser otherwise; a worker gone
    # (or a cluster closing) has nothing left to free.
    with suppress(Exception):
        client.unregister_worker_plugin(name)


def _analyse_batch(plugin: str, texts: list[tuple[str, str]]) -> list[SegmentResult]:
    """A task: one batch of (zh, en) texts, analysed by this worker's Analyser."""
    analyser = get_worker().plugins[plugin].analyser  # type: ignore[attr-defined]
    assert analyser is not None
    # The local pool's forked workers inherit extract()'s collector thresholds; a Dask worker
    # is spawned with the defaults, under which the collector walks the analyser's growing
    # caches again and again (5k pairs on two workers: 1.20x the local run's CPU, 1.04x with
    # this; see docs/speed.md). Per task, so that a shared worker's other work keeps its own
    # setting.
    with _fewer_collections():
        results: list[SegmentResult] = analyser.segments(texts)
    return results
