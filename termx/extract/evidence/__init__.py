"""Bilingual evidence: each module is one independent signal that explains a pair.

Every signal has the same shape (:class:`~termx.extract.evidence.base.Signal`): ``links``
(which Chinese characters explain which English word, for the lexical signals), ``opens``
(whether the signal alone makes a pair worth scoring) and ``evidence`` (its lines for the
evidence column and its share of the score). ``SIGNALS`` lists them once; the scorer walks
the tuple and never names a signal. Adding a signal is one module plus one line here (see
docs/architecture.md).
"""

from __future__ import annotations

from termx.extract.evidence import (
    acronym,
    align,
    cooc,
    coverage,
    definition,
    dictionary,
    latin,
    name,
    position,
    translit,
)
from termx.extract.evidence.base import (
    Contribution,
    Coverage,
    EnTerm,
    Link,
    PairContext,
    Signal,
    ZhTerm,
)

# The order is the order of the evidence column (and of the noisy-or, which does not depend
# on it). coverage comes last: it speaks only when no earlier signal supported the pair.
SIGNALS: tuple[Signal, ...] = (
    definition,
    acronym,
    dictionary,
    translit,
    latin,
    position,
    name,
    cooc,
    align,
    coverage,
)

__all__ = [
    "SIGNALS",
    "Contribution",
    "Coverage",
    "EnTerm",
    "Link",
    "PairContext",
    "Signal",
    "ZhTerm",
]
