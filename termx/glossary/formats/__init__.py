"""Glossary file formats: one module each, listed once in :data:`REGISTRY`.

A format module exposes ``read(data: bytes, name: str) -> Parsed`` and
``render(entries: Sequence[GlossaryEntry], source: str = "") -> str``. Adding a format is one
module in this package plus one line in :data:`REGISTRY`. Modules are imported on first use:
the TBX ones need lxml, which ``termx --help`` should not pay for.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from termx.errors import TermxError
from termx.model import GlossaryEntry


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a format read from one file.

    ``lines`` is parallel to ``entries``: the line each entry starts on (None where the format
    has no lines worth naming). ``records`` counts what the file holds in its own terms
    (``rows``, ``concepts``…) for the import summary; ``warnings`` name records not used.
    """

    entries: tuple[GlossaryEntry, ...]
    lines: tuple[int | None, ...] = ()
    records: int = 0
    unit: str = "entries"
    warnings: tuple[str, ...] = field(default=())


class FormatModule(Protocol):
    def read(self, data: bytes, name: str) -> Parsed: ...

    def render(self, entries: list[GlossaryEntry], source: str = "") -> str: ...


@dataclass(frozen=True, slots=True)
class Format:
    name: str
    module: str  # inside this package
    extensions: tuple[str, ...]
    description: str


REGISTRY: tuple[Format, ...] = (
    Format("tsv", "tsv", (".tsv", ".tab", ".txt"), "canonical TSV (termx's own file)"),
    Format("csv", "csv", (".csv",), "CSV for spreadsheets"),
    Format("json", "json", (".json",), "JSON, every field"),
    Format("tbx", "tbx", (".tbx", ".xml"), "TBX v3 TBX-Basic, DCA style (ISO 30042:2019)"),
    Format("tbx2", "tbx2", (".mtf",), "TBX 2008 / MARTIF (OmegaT, memoQ, MultiTerm, Okapi)"),
)

NAMES: tuple[str, ...] = tuple(fmt.name for fmt in REGISTRY)
_BY_NAME = {fmt.name: fmt for fmt in REGISTRY}
_BY_EXTENSION = {ext: fmt.name for fmt in REGISTRY for ext in fmt.extensions}


def module(name: str) -> FormatModule:
    """The module that reads and writes format ``name``."""
    fmt = _BY_NAME.get(name)
    if fmt is None:
        raise TermxError(f"unknown glossary format {name!r} (use one of: {', '.join(NAMES)})")
    loaded: FormatModule = importlib.import_module(f"{__name__}.{fmt.module}")  # type: ignore[assignment]
    return loaded


def format_from_path(path: str | Path) -> str | None:
    """The format implied by the file extension, or None when it says nothing."""
    return _BY_EXTENSION.get(Path(path).suffix.lower())


def sniff_format(data: bytes) -> str:
    """The format implied by the content (for files without a telling extension)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 (MultiTerm, Excel, OmegaT)
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    if head == b"<":
        return "tbx"  # the TBX reader reads TBX v3 and MARTIF alike
    if head in (b"{", b"["):
        return "json"
    first_line = data.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first_line or b"," not in first_line else "csv"
