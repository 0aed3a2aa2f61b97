"""What a check runs and how it decides (:class:`CheckOptions`), shared by the checker and
:func:`termx.check.run`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from termx.check.rules import RULE_IDS
from termx.io import ReadOptions
from termx.model import Severity

FailOn = Literal["error", "warning", "never"]
# The severities that make the gate fail, per --fail-on.
THRESHOLD: dict[str, frozenset[Severity]] = {
    "error": frozenset({"error"}),
    "warning": frozenset({"error", "warning"}),
    "never": frozenset(),
}


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """What to check and how to decide.

    ``rules``: the rule ids to run (default: all of :data:`RULES`); ``include_pending``: also
    require the forms of pending entries (by default only approved entries are required);
    ``honour_ignore``: obey ``termx: ignore`` directives; ``max_locations``: how many
    ``inconsistent`` warnings at most per term and form. For :func:`run` only: ``fail_on``, the
    least severity that fails the gate; ``baseline``, a file of accepted findings, read (or
    written with ``write_baseline``); ``report``, the report file about to be written (skipped
    if found among the inputs); ``read``, the readers' options (a ``termx.io.ReadOptions``);
    ``parallel``, a (Chinese file, English file) pair to read instead of ``inputs``.
    """

    rules: frozenset[str] = frozenset(RULE_IDS)
    include_pending: bool = False
    honour_ignore: bool = True
    max_locations: int = 20
    fail_on: FailOn = "error"
    baseline: Path | None = None
    write_baseline: bool = False
    report: Path | None = None
    read: ReadOptions = field(default_factory=ReadOptions)
    parallel: tuple[Path, Path] | None = None
