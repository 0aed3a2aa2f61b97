"""termx: Chinese↔English terminology extraction, review and consistency checking.

The library API, what the ``termx`` command itself calls::

    from termx import read_inputs, extract, ExtractOptions, load_glossary, check, CheckOptions

    pairs = list(read_inputs(["memory.tmx"]))
    candidates = extract(pairs, ExtractOptions(top=200))
    findings = check(pairs, load_glossary("glossary/terms.tsv"), CheckOptions())

The stages are packages (``termx.io`` → ``termx.extract`` → ``termx.glossary`` →
``termx.check``, see docs/architecture.md); this module re-exports what a program needs.
Importing it is light: spaCy, jieba and the dictionaries load when a function needs them.
"""

from __future__ import annotations

from termx.check import CheckOptions, CheckResult, check
from termx.check import run as run_check
from termx.errors import TermxError
from termx.extract import Extraction, ExtractOptions, Progress, ScoringParams, extract, extraction
from termx.glossary import Glossary, export_glossary, load_glossary, save_glossary
from termx.io import ReadOptions, ReadStats, read_inputs, read_pairs, read_parallel
from termx.model import Evidence, Finding, GlossaryEntry, Origin, SegmentPair, TermPair

__version__ = "0.1.0"

__all__ = [
    "CheckOptions",
    "CheckResult",
    "Evidence",
    "ExtractOptions",
    "Extraction",
    "Finding",
    "Glossary",
    "GlossaryEntry",
    "Origin",
    "Progress",
    "ReadOptions",
    "ReadStats",
    "ScoringParams",
    "SegmentPair",
    "TermPair",
    "TermxError",
    "__version__",
    "check",
    "export_glossary",
    "extract",
    "extraction",
    "load_glossary",
    "read_inputs",
    "read_pairs",
    "read_parallel",
    "run_check",
    "save_glossary",
]
