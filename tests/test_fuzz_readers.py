"""Every reader, fed mutated real inputs (Hypothesis, derandomized): it yields pairs or raises
TermxError (one line naming the file), never another exception. bench/fuzz.py runs the same
mutations by the ten thousand."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

import pytest
from fuzz_inputs import SEEDS, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from termx.errors import TermxError
from termx.io import ReadOptions, ReadStats, read_inputs, read_pairs, read_parallel

OPERATIONS = st.lists(
    st.tuples(st.integers(0, 4), st.integers(0, 1 << 16), st.integers(0, 1 << 16)),
    min_size=1,
    max_size=6,
)
FUZZ = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)


def _read(path: Path, options: ReadOptions | None = None) -> int:
    stats = ReadStats()
    try:
        return sum(1 for _ in read_pairs(path, options=options, stats=stats))
    except TermxError:
        return -1


@pytest.mark.parametrize("reader", sorted(SEEDS))
def test_seed_inputs_read(reader: str) -> None:
    """The unmutated inputs are real, readable files (else the fuzzing proves little)."""
    name, data = SEEDS[reader]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        assert _read(path) >= 1


@pytest.mark.parametrize("reader", sorted(SEEDS))
@FUZZ
@given(operations=OPERATIONS)
def test_mutated_inputs_raise_only_termx_errors(reader: str, operations: list) -> None:
    name, data = SEEDS[reader]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(mutate(data, operations))
        _read(path)
        # The same bytes with the format forced, and through a directory walk.
        _read(path, ReadOptions(fmt="tsv" if reader != "tsv" else "bidoc"))
        with contextlib.suppress(TermxError):
            list(read_inputs([folder]))


@FUZZ
@given(operations=OPERATIONS, side=st.booleans())
def test_mutated_parallel_files(operations: list, side: bool) -> None:
    zh = "和平使命\n上合組織成員國\n\n联合演习顺利结束。\n".encode()
    en = b"Peace Mission\nSCO member states\n\nThe joint exercise ended.\n"
    with tempfile.TemporaryDirectory() as folder:
        zh_path, en_path = Path(folder) / "a.zh.txt", Path(folder) / "a.en.txt"
        zh_path.write_bytes(mutate(zh, operations) if side else zh)
        en_path.write_bytes(en if side else mutate(en, operations))
        with contextlib.suppress(TermxError):
            list(read_parallel(zh_path, en_path))
