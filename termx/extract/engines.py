"""Where the corpus pass's per-segment analysis runs: the engine registry.

An engine takes the input in batches of segment pairs and gives back, batch by batch and in
input order, what :meth:`~termx.extract.corpus.Analyser.segments` found in each; the counting,
learning and scoring that follow run in this process whatever the engine, so every engine
writes the same candidates. Adding an engine is one module with an :data:`Analyse` function
plus one line in :data:`ENGINES`. The modules are imported only when their engine runs: this
one imports nothing heavy (the CLI builds its ``--engine`` choices from it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING

from termx.errors import TermxError

if TYPE_CHECKING:
    from termx.extract.corpus import Analyser, SegmentResult, Setup
    from termx.model import SegmentPair

Batches = Iterator[tuple[list["SegmentPair"], list["SegmentResult"]]]
Analyse = Callable[[Iterable[list["SegmentPair"]], "Analyser | Setup", int, "str | None"], Batches]
"""An engine: ``(batches, analyser, jobs, address) -> (batch, results) in input order``.

``analyser`` is this process's Analyser, or the :class:`~termx.extract.corpus.Setup` of one
when the pass analyses elsewhere; an engine that analyses elsewhere builds its own from
``analyser.glossary`` and ``analyser.params``. ``jobs`` is the number of local workers, and
``address`` where the engine's remote workers are (None: start them here)."""


@dataclass(frozen=True)
class Engine:
    """One entry of :data:`ENGINES`."""

    name: str
    module: str  # imported when the engine runs
    function: str  # an :data:`Analyse` in that module
    summary: str  # one sentence for ``termx extract --help``
    # Optional packages the module imports (top-level names), and how to install them.
    needs: tuple[str, ...] = ()
    install: str = ""


ENGINES: tuple[Engine, ...] = (
    Engine(
        "local",
        "termx.extract.corpus",
        "analyse_local",
        "this machine, in --jobs worker processes (default)",
    ),
    Engine(
        "dask",
        "termx.extract.dask_engine",
        "analyse",
        "a Dask cluster: the one at --scheduler ADDRESS, else a local one of --jobs worker "
        "processes (needs pip install 'termx[dask]')",
        needs=("dask", "distributed"),
        install="pip install 'termx[dask]'",
    ),
)


def engine(name: str) -> Analyse:
    """The :data:`Analyse` function of the engine called ``name``.

    Raises:
        TermxError: no engine has that name, or a package it needs is not installed.
    """
    for entry in ENGINES:
        if entry.name != name:
            continue
        try:
            module = import_module(entry.module)
        except ImportError as error:
            missing = (error.name or "").partition(".")[0]
            if missing not in entry.needs:
                raise
            raise TermxError(
                f"--engine {name} needs {missing}, which is not installed: {entry.install}"
            ) from None
        found: Analyse = getattr(module, entry.function)
        return found
    names = ", ".join(entry.name for entry in ENGINES)
    raise TermxError(f"unknown extraction engine {name!r} (engines: {names})")
