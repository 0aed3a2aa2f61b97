"""`termx extract --engine dask`: the same candidates as the local run, from a real two-worker
Dask cluster, and one-line errors when Dask is missing or the scheduler is unreachable."""

from __future__ import annotations

import logging
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import distributed  # the test extra installs Dask: the suite runs these, never skips them
import pytest
from conftest import REPO, SEEDS, TICO, run_termx

from termx import ExtractOptions, TermxError, extract, read_pairs
from termx.extract.candidate_file import save_candidates


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    """A LocalCluster of two single-threaded worker processes, as a user's cluster would be:
    its scheduler address (runs reach it with --scheduler)."""
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=":0",
        silence_logs=logging.ERROR,
    ) as cluster:
        yield cluster.scheduler_address


def _executed(client: distributed.Client) -> int:
    """Tasks the cluster's workers have run so far."""
    counts = client.run(lambda dask_worker: dask_worker.state.executed_count)
    return sum(counts.values())


def _termx_plugins(client: distributed.Client) -> list[str]:
    found = client.run(lambda dask_worker: sorted(dask_worker.plugins))
    return [name for names in found.values() for name in names if name.startswith("termx")]


def test_dask_tasks_on_a_cluster_write_the_local_candidates(scheduler: str, tmp_path: Path) -> None:
    # Nine batches of 16 on two workers finish out of order; the candidates must not notice.
    pairs = list(read_pairs(TICO / "pairs.tsv"))[:140]
    local = tmp_path / "local.tsv"
    save_candidates(extract(pairs), local, "tsv")
    with distributed.Client(scheduler) as client:
        before = _executed(client)
        options = ExtractOptions(engine="dask", scheduler=scheduler, chunk_size=16)
        on_dask = tmp_path / "dask.tsv"
        save_candidates(extract(iter(pairs), options), on_dask, "tsv")
        assert _executed(client) - before == 9
        assert _termx_plugins(client) == []  # a shared cluster keeps nothing of the run
    assert local.read_bytes().count(b"\n") > 500
    assert on_dask.read_bytes() == local.read_bytes()


def test_bad_input_mid_stream_is_the_usual_error_and_frees_the_cluster(scheduler: str) -> None:
    pairs = list(read_pairs(TICO / "pairs.tsv"))[:40]
    long_one = max(range(40), key=lambda i: len(pairs[i].en))
    limit = len(pairs[long_one].en) - 1  # only that pair is too long, after a batch was sent
    options = ExtractOptions(
        engine="dask", scheduler=scheduler, chunk_size=4, max_segment_chars=limit
    )
    with pytest.raises(TermxError, match=f"{pairs[long_one].origin.line}: a segment of"):
        extract(iter(pairs), options)
    with distributed.Client(scheduler) as client:
        assert _termx_plugins(client) == []


def test_dask_engine_with_its_own_local_cluster_from_the_cli(tmp_path: Path) -> None:
    local, on_dask = tmp_path / "local.tsv", tmp_path / "dask.tsv"
    assert run_termx("extract", SEEDS, "-o", local, "-q").exit_code == 0
    run = run_termx("extract", SEEDS, "-o", on_dask, "-q", "--engine", "dask", "--jobs", "2")
    assert run.exit_code == 0, run.stderr
    assert local.read_bytes().count(b"\n") > 100
    assert on_dask.read_bytes() == local.read_bytes()


def test_workers_with_another_termx_version_are_refused(
    scheduler: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from termx.extract import dask_engine

    # The client says it is another version than the one the workers import.
    monkeypatch.setattr(dask_engine, "termx_version", "0.0.0-elsewhere")
    out = tmp_path / "out.tsv"
    run = run_termx("extract", SEEDS, "-o", out, "--engine", "dask", "--scheduler", scheduler)
    assert run.exit_code == 2
    assert "cannot analyse for termx" in run.stderr
    assert "needs termx 0.0.0-elsewhere installed" in run.stderr
    assert run.stderr.strip().count("\n") == 0
    assert not out.exists()
    with distributed.Client(scheduler) as client:
        assert _termx_plugins(client) == []


def test_without_dask_the_engine_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # None in sys.modules makes `import distributed` fail as if it were not installed.
    monkeypatch.setitem(sys.modules, "distributed", None)
    monkeypatch.delitem(sys.modules, "termx.extract.dask_engine", raising=False)
    run = run_termx("extract", SEEDS, "-o", tmp_path / "out.tsv", "--engine", "dask")
    assert run.exit_code == 2
    assert run.stderr.strip().count("\n") == 0
    assert "pip install 'termx[dask]'" in run.stderr
    assert not (tmp_path / "out.tsv").exists()


@pytest.mark.parametrize("address", ["tcp://127.0.0.1:1", "no-port-here"])
def test_an_unreachable_scheduler_is_one_line_and_exit_2(
    address: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from termx.extract import dask_engine

    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT_S", 1)
    out = tmp_path / "out.tsv"
    run = run_termx("extract", SEEDS, "-o", out, "--engine", "dask", "--scheduler", address)
    assert run.exit_code == 2
    assert run.stderr.startswith("termx: error: cannot reach a Dask scheduler at")
    assert address in run.stderr
    assert run.stderr.strip().count("\n") == 0
    assert not out.exists()


def test_scheduler_without_the_dask_engine_is_refused(tmp_path: Path) -> None:
    run = run_termx("extract", SEEDS, "-o", tmp_path / "o.tsv", "--scheduler", "tcp://h:8786")
    assert run.exit_code == 2
    assert "--engine dask" in run.stderr


def test_the_local_run_never_imports_dask() -> None:
    # In a process of its own: this one has imported Dask for the tests above.
    probe = textwrap.dedent(
        f"""
        import sys
        import termx
        import termx.cli.extract
        pairs = list(termx.read_inputs([{str(SEEDS)!r}]))[:3]
        assert termx.extract(pairs, termx.ExtractOptions(jobs=1))
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("dask", "distributed"))
        assert not loaded, loaded
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
