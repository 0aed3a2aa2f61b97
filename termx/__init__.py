"""termx: Chinese↔English terminology extraction, review and consistency checking.

Library API (what the CLI calls)::

    from termx import read_pairs, extract, load_glossary, save_glossary, check

Heavy dependencies (spaCy, jieba) load only when a function that needs them runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# Imported eagerly (light: no numpy, spaCy or jieba until extract() runs): the package
# termx.extract and the function share the name, and a lazy lookup would hand out the package
# once anything had imported it.
from termx.extract import ExtractOptions, extract

_API = {
    "read_pairs": "termx.io",
    "load_glossary": "termx.glossary",
    "save_glossary": "termx.glossary",
    "check": "termx.check",
    "CheckOptions": "termx.check",
    "SegmentPair": "termx.model",
    "TermPair": "termx.model",
    "Evidence": "termx.model",
    "GlossaryEntry": "termx.model",
    "Finding": "termx.model",
    "Origin": "termx.model",
    "TermxError": "termx.errors",
}

__all__ = [*_API, "ExtractOptions", "__version__", "extract"]


def __getattr__(name: str) -> Any:
    if name in _API:
        return getattr(import_module(_API[name]), name)
    raise AttributeError(f"module 'termx' has no attribute {name!r}")
