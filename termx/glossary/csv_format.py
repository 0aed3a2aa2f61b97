"""Glossary as CSV (RFC 4180 quoting) for spreadsheets: the canonical columns, one entry a row.

Fields are quoted, not backslash-escaped; only the ``|``-separated lists escape ``\\`` and
``|`` inside a form, exactly as in the TSV. Excel-style files with a BOM are accepted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence

from termx.errors import TermxError
from termx.glossary.tsv import COLUMNS, decode, entry_fields, rows_to_entries
from termx.model import GlossaryEntry


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise TermxError(f"malformed CSV: {error}", name, reader.line_num or start) from None


def parse(data: bytes, name: str) -> list[GlossaryEntry]:
    return rows_to_entries(_rows(decode(data, name), name), name)


def render(entries: Sequence[GlossaryEntry]) -> str:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for entry in entries:
        writer.writerow(entry_fields(entry))
    return buffer.getvalue()
