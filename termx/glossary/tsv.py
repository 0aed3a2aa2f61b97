"""The canonical glossary file: UTF-8 TSV, header row, one entry a line, sorted for small diffs.

Columns ``zh en status variants forbidden note``. ``variants`` and ``forbidden`` hold English
forms separated by ``|``. A field never contains a raw tab or line break: backslash escapes
``\\\\``, ``\\t``, ``\\n``, ``\\r`` (the convention of the candidates file), plus ``\\|`` for a
``|`` that belongs to a form inside a list field. A ``|`` in any other field (a note, a term)
is written as is. An unknown escape such as ``C:\\dir`` is kept literally when read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from termx.errors import TermxError
from termx.model import GlossaryEntry

COLUMNS = ("zh", "en", "status", "variants", "forbidden", "note")
REQUIRED = ("zh", "en")
STATUSES = ("approved", "pending", "rejected")

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ESCAPE_RE = re.compile(r"[\\\t\n\r]")
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_UNESCAPE_RE = re.compile(r"\\(.)?", re.S)
_LIST_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*)\|")


def escape(value: str) -> str:
    return _ESCAPE_RE.sub(lambda match: _ESCAPES[match.group(0)], value)


def unescape(value: str) -> str:
    if "\\" not in value:
        return value
    return _UNESCAPE_RE.sub(
        lambda match: _UNESCAPES.get(match.group(1) or "", match.group(0)), value
    )


def join_forms(forms: Iterable[str]) -> str:
    """``|``-separated list with backslashes and ``|`` inside a form escaped (pre-TSV)."""
    return "|".join(form.replace("\\", "\\\\").replace("|", "\\|") for form in forms)


def split_forms(value: str) -> tuple[str, ...]:
    """Inverse of :func:`join_forms`; blank items are dropped, items are stripped."""
    if not value.strip():
        return ()
    # Split at a | preceded by an even number of backslashes, then undo the two escapes.
    parts, start = [], 0
    for match in _LIST_SPLIT.finditer(value):
        parts.append(value[start : match.end(1)])
        start = match.end()
    parts.append(value[start:])
    forms = (re.sub(r"\\([\\|])", r"\1", part).strip() for part in parts)
    return tuple(form for form in forms if form)


def entry_fields(entry: GlossaryEntry) -> list[str]:
    """The six columns of an entry as plain strings (lists joined, nothing TSV-escaped)."""
    return [
        entry.zh,
        entry.en,
        entry.status,
        join_forms(entry.variants),
        join_forms(entry.forbidden),
        entry.note,
    ]


def entry_from_fields(record: dict[str, str], name: str, line: int | None) -> GlossaryEntry:
    """Build an entry from column values; a bad status is an error, empty terms are not
    (``termx glossary lint`` reports those, so that a broken file can still be inspected)."""
    status = record.get("status", "").strip().lower() or "approved"
    if status not in STATUSES:
        raise TermxError(f"status {status!r} is not one of {', '.join(STATUSES)}", name, line)
    return GlossaryEntry(
        zh=record.get("zh", "").strip(),
        en=record.get("en", "").strip(),
        status=status,  # type: ignore[arg-type]
        variants=split_forms(record.get("variants", "")),
        forbidden=split_forms(record.get("forbidden", "")),
        note=record.get("note", "").strip(),
    )


def header_index(cells: Sequence[str], name: str, line: int) -> dict[str, int]:
    keys = [cell.strip().lower() for cell in cells]
    missing = [column for column in REQUIRED if column not in keys]
    if missing:
        raise TermxError(
            f"header row must name the columns ({' '.join(COLUMNS)}); missing: "
            + ", ".join(missing),
            name,
            line,
        )
    unknown = [key for key in keys if key and key not in COLUMNS]
    if unknown:
        # Saving writes only the known columns; refuse rather than drop the user's data.
        raise TermxError(
            f"unknown column {unknown[0]!r} (a glossary has: {' '.join(COLUMNS)})", name, line
        )
    return {key: keys.index(key) for key in COLUMNS if key in keys}


def decode(data: bytes, name: str) -> str:
    """UTF-8 (BOM optional); UTF-16 with a BOM too, as Excel saves "Unicode text"."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise TermxError("broken UTF-16 text", name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise TermxError("not UTF-8 text (save the file as UTF-8)", name, line) from None
    return text.removeprefix("\ufeff")


def rows_to_entries(rows: Iterable[tuple[int, list[str]]], name: str) -> list[GlossaryEntry]:
    entries: list[GlossaryEntry] = []
    index: dict[str, int] | None = None
    width = 0
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if cells[0].lstrip().startswith("#"):
            # Saving rewrites the file; a comment would silently disappear, so refuse it.
            raise TermxError(
                "comment lines are not kept in a glossary file; move the text into a note",
                name,
                line,
            )
        if index is None:
            index, width = header_index(cells, name, line), len(cells)
            continue
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise TermxError(
                f"{len(cells)} columns, the header has {width} (a stray tab?)", name, line
            )
        record = {key: cells[pos] for key, pos in index.items() if pos < len(cells)}
        entries.append(entry_from_fields(record, name, line))
    return entries


def parse(data: bytes, name: str) -> list[GlossaryEntry]:
    """Read canonical TSV (blank lines are ignored)."""
    text = decode(data, name)
    rows = (
        (number, [unescape(cell) for cell in raw.removesuffix("\r").split("\t")])
        for number, raw in enumerate(text.split("\n"), start=1)
    )
    return rows_to_entries(rows, name)


def render(entries: Sequence[GlossaryEntry]) -> str:
    lines = ["\t".join(COLUMNS)]
    lines.extend("\t".join(escape(field) for field in entry_fields(entry)) for entry in entries)
    return "\n".join(lines) + "\n"
