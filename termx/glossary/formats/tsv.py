"""The canonical glossary file: UTF-8 TSV, header row, one entry a line, sorted for small diffs.

Columns ``zh en status variants forbidden note``, then the optional ``zh_lang en_lang
definition part_of_speech subject_field`` (written only when some entry has them, so a glossary
without them keeps its exact bytes and older termx reads it). ``variants`` and ``forbidden``
hold English forms separated by ``|``. Fields are escaped as :mod:`termx.tabular` says
(``\\\\ \\t \\n \\r``, plus ``\\|`` inside a list item); a ``|`` in any other field is written
as is. A file without a header row is read as a plain list (see ``_table``): OmegaT's
``glossary.txt``, a two-column zh/en list.
"""

from __future__ import annotations

from collections.abc import Sequence

from termx.glossary.formats import Parsed
from termx.glossary.formats._table import columns_of, entry_fields, rows_to_entries
from termx.model import GlossaryEntry
from termx.tabular import decode, tsv_line, tsv_rows


def read(data: bytes, name: str) -> Parsed:
    """Read TSV (blank lines are ignored)."""
    return rows_to_entries(tsv_rows(decode(data, name)), name)


def render(entries: Sequence[GlossaryEntry], source: str = "") -> str:
    """Canonical TSV of ``entries`` in the given order."""
    columns = columns_of(entries)
    lines = [tsv_line(columns)]
    lines.extend(tsv_line(entry_fields(entry, columns)) for entry in entries)
    return "\n".join(lines) + "\n"
