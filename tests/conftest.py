"""Shared fixtures: the repository's paths, the test data, and running the CLI in-process."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
SEEDS = REPO / "seeds"
SEED_GOLD = DATA / "seed-gold.tsv"
TICO = DATA / "tico19"
# The files real CAT tools wrote and the official schemas: not ours to copy (see
# tests/data/README.md); CI has ../shared beside the checkout.
SHARED = REPO.parent / "shared"
FORMATS = SHARED / "formats"


def pytest_configure(config: pytest.Config) -> None:
    # termx caches parsed package data (CC-CEDICT, pinyin, word frequencies) in the user's cache
    # directory; the tests, and the termx processes they start, use a cache of their own, kept
    # between runs so that only the first run pays for building it.
    user = os.getuid() if hasattr(os, "getuid") else os.getlogin()
    os.environ["TERMX_CACHE_DIR"] = str(Path(tempfile.gettempdir()) / f"termx-test-cache-{user}")


@dataclass(frozen=True)
class Run:
    """What one ``termx`` invocation did."""

    exit_code: int
    stdout: str
    stderr: str


def run_termx(*args: str | Path, input: str | bytes | None = None) -> Run:
    """Run ``termx ARGS`` in this process, as the console script would (``termx.cli.main``:
    one-line errors with exit 2), with stdin, stdout and stderr captured."""
    from termx.cli import main

    runner = CliRunner()
    with runner.isolation(input=input) as streams:
        try:
            main([str(arg) for arg in args])
            code = 0
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        sys.stdout.flush()  # the isolated streams buffer; print() to them is not yet in the bytes
        sys.stderr.flush()
        stdout, stderr = streams[0].getvalue(), streams[1].getvalue()
    return Run(code, stdout.decode("utf-8", "replace"), stderr.decode("utf-8", "replace"))


@pytest.fixture
def termx() -> Callable[..., Run]:
    """``termx(*args, input=None) -> Run``: the CLI, in-process (see :func:`run_termx`)."""
    return run_termx


def spawn_review(cwd: Path, glossary: str, columns: int = 120):  # type: ignore[no-untyped-def]
    """The real ``termx review cands.tsv -g GLOSSARY`` in a pseudo-terminal (pexpect) in ``cwd``:
    what a terminologist's terminal sees, for the tests that type keys or kill the process."""
    import pexpect

    env = dict(os.environ, TERM="dumb", COLUMNS=str(columns), LINES="40")
    return pexpect.spawn(
        sys.executable,
        ["-m", "termx", "review", "cands.tsv", "-g", glossary],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=30,
    )
