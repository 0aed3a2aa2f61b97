"""Glossary as CSV (RFC 4180 quoting) for spreadsheets: the TSV's columns, one entry a row.

Fields are quoted, not backslash-escaped; only the ``|``-separated lists escape ``\\`` and
``|`` inside a form, exactly as in the TSV. Excel-style files with a BOM (or UTF-16) are
accepted, and so is a plain two-column list without a header row.
"""

from __future__ import annotations

from collections.abc import Sequence

from termx.glossary.formats import Parsed
from termx.glossary.formats._table import columns_of, entry_fields, rows_to_entries
from termx.model import GlossaryEntry
from termx.tabular import csv_rows, csv_text, decode


def read(data: bytes, name: str) -> Parsed:
    """Read CSV; a malformed record names its line."""
    return rows_to_entries(csv_rows(decode(data, name), name), name)


def render(entries: Sequence[GlossaryEntry], source: str = "") -> str:
    """CSV of ``entries`` with a header row, ``\\n`` line ends."""
    columns = columns_of(entries)
    return csv_text([columns, *(entry_fields(entry, columns) for entry in entries)])
