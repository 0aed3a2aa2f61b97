"""Rows → glossary entries, shared by the TSV and CSV formats (they differ only in quoting).

A file either starts with a header row naming its columns (termx's own files, spreadsheets),
or is a plain list without one: two or three columns, the Chinese and the English told apart
by script, an optional third column kept as the note. That is how OmegaT's ``glossary.txt``
looks (source, target, comment, with OmegaT's ``#`` comment line on top) and how a hand-made
two-column list looks. Comment lines are skipped in such a list; in a file with a header they
are refused, because saving rewrites the file and the comment would silently disappear.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from termx.errors import TermxError
from termx.glossary.formats import Parsed
from termx.glossary.merge import combine_synonyms
from termx.model import STATUSES, GlossaryEntry
from termx.tabular import Row, join_list, split_list
from termx.text import han_count

COLUMNS = ("zh", "en", "status", "variants", "forbidden", "note")
# Written only when some entry has them, so files without them keep their bytes.
OPTIONAL = ("zh_lang", "en_lang", "definition", "part_of_speech", "subject_field")
KNOWN = COLUMNS + OPTIONAL
REQUIRED = ("zh", "en")
_LIST_FIELDS = ("variants", "forbidden")


def columns_of(entries: Sequence[GlossaryEntry]) -> tuple[str, ...]:
    """The columns a file for ``entries`` has: the six canonical ones plus the optional ones
    some entry uses."""
    extra = tuple(name for name in OPTIONAL if any(getattr(entry, name) for entry in entries))
    return COLUMNS + extra


def entry_fields(entry: GlossaryEntry, columns: Sequence[str]) -> list[str]:
    """An entry's values for ``columns`` as plain strings (lists joined, nothing escaped)."""
    return [
        join_list(getattr(entry, name)) if name in _LIST_FIELDS else getattr(entry, name)
        for name in columns
    ]


# XML 1.0 cannot hold these even escaped (TBX export); tab and line breaks are fine. One regex
# scan (C speed), not a Python loop per character: a 50 MB field costs a fraction of a second.
_FORBIDDEN_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def check_text(value: str, name: str | None, line: int | None) -> None:
    """Refuse control characters no XML file can hold (they would break the TBX export) and
    lone surrogates (no file can hold them)."""
    match = _FORBIDDEN_RE.search(value)
    if match is not None:
        bad = match[0]
        raise TermxError(f"control character U+{ord(bad):04X} in a field (remove it)", name, line)


# A term (Chinese, English, a variant or forbidden form) longer than this is not a term but a
# pasted text; matching it costs check and extract time and memory in proportion to its length
# times the corpus (a 52 MB English crashed check at 3 GB). Notes and definitions may be long.
MAX_TERM = 1000


def check_terms(entry: GlossaryEntry, name: str | None, line: int | None) -> GlossaryEntry:
    """``entry`` itself, after refusing a term longer than :data:`MAX_TERM` characters."""
    for what, value in (
        ("zh", entry.zh),
        ("en", entry.en),
        *(("variant", form) for form in entry.variants),
        *(("forbidden form", form) for form in entry.forbidden),
    ):
        if len(value) > MAX_TERM:
            raise TermxError(
                f"{what} of {len(value):,} characters (a term has at most {MAX_TERM:,}; "
                "long text belongs in note)",
                name,
                line,
            )
    return entry


def entry_from_fields(record: dict[str, str], name: str, line: int | None) -> GlossaryEntry:
    """Build an entry from column values; a bad status is an error, empty terms are not
    (``termx glossary lint`` reports those, so that a broken file can still be inspected)."""
    for value in record.values():
        check_text(value, name, line)
    status = record.get("status", "").strip().lower() or "approved"
    if status not in STATUSES:
        raise TermxError(f"status {status!r} is not one of {', '.join(STATUSES)}", name, line)
    entry = GlossaryEntry(
        zh=record.get("zh", "").strip(),
        en=record.get("en", "").strip(),
        status=status,  # type: ignore[arg-type]
        variants=split_list(record.get("variants", "")),
        forbidden=split_list(record.get("forbidden", "")),
        note=record.get("note", "").strip(),
        **{key: record.get(key, "").strip() for key in OPTIONAL},
    )
    return check_terms(entry, name, line)


def _is_header(cells: Sequence[str]) -> bool:
    keys = {cell.strip().lower() for cell in cells}
    return all(column in keys for column in REQUIRED)


def header_index(cells: Sequence[str], name: str, line: int) -> dict[str, int]:
    """Column name → position; unknown, duplicate or missing columns are refused."""
    keys = [cell.strip().lower() for cell in cells]
    missing = [column for column in REQUIRED if column not in keys]
    if missing:
        raise TermxError(
            f"header row must name the columns ({' '.join(COLUMNS)}); missing: "
            + ", ".join(missing),
            name,
            line,
        )
    seen: dict[str, int] = {}
    for position, key in enumerate(keys, start=1):
        if not key:
            continue
        if key not in KNOWN:
            # Saving writes only the known columns; refuse rather than drop the user's data.
            raise TermxError(
                f"unknown column {key!r} in column {position} (a glossary has: {' '.join(KNOWN)})",
                name,
                line,
            )
        if key in seen:
            raise TermxError(
                f"duplicate column {key!r} in columns {seen[key]} and {position}", name, line
            )
        seen[key] = position
    return {key: position - 1 for key, position in seen.items()}


def _is_comment(cells: Sequence[str]) -> bool:
    return cells[0].lstrip().startswith("#")


def _headerless(rows: list[Row], name: str) -> Parsed:
    """A plain list: zh and en by script (the column with more Han is the Chinese one)."""
    data = [
        (line, cells)
        for line, cells in rows
        if any(cell.strip() for cell in cells) and not _is_comment(cells)
    ]
    for line, cells in data:
        if len([cell for cell in cells if cell.strip()]) > 3 or len(cells) < 2:
            raise TermxError(
                f"{len(cells)} columns without a header row: expected Chinese and English "
                "(and an optional comment), or a header row naming the columns "
                f"({' '.join(COLUMNS)})",
                name,
                line,
            )
    first = sum(han_count(cells[0]) for _, cells in data)
    second = sum(han_count(cells[1]) for _, cells in data)
    zh_at, en_at = (0, 1) if first >= second else (1, 0)
    entries: list[GlossaryEntry] = []
    for line, cells in data:
        record = {"zh": cells[zh_at], "en": cells[en_at]}
        if len(cells) > 2:
            record["note"] = cells[2]
        entries.append(entry_from_fields(record, name, line))
    # A list names a Chinese term again with another English (OmegaT lists them so): one entry
    # with variants. Entries no longer map to rows one to one, so no line numbers.
    combined = combine_synonyms(entries)
    return Parsed(tuple(combined), (None,) * len(combined), len(data), "rows")


def rows_to_entries(rows: Iterable[Row], name: str) -> Parsed:
    """Entries from ``(line, cells)`` rows: after a header row, or a headerless list."""
    entries: list[GlossaryEntry] = []
    lines: list[int | None] = []
    index: dict[str, int] | None = None
    width = 0
    comment: int | None = None
    pending: list[Row] = []
    rows = iter(rows)  # a headerless list takes over the rest of the same iterator
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if index is None:
            if _is_comment(cells):
                comment = comment or line
                pending.append((line, cells))
                continue
            if not _is_header(cells) and any(han_count(cell) for cell in cells[:2]):
                return _headerless([*pending, (line, cells), *rows], name)
            if comment is not None:
                raise _comment_error(name, comment)
            index, width = header_index(cells, name, line), len(cells)
            continue
        if _is_comment(cells):
            raise _comment_error(name, line)
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise TermxError(
                f"{len(cells)} columns, the header has {width} (a stray tab?)", name, line
            )
        record = {key: cells[pos] for key, pos in index.items() if pos < len(cells)}
        entries.append(entry_from_fields(record, name, line))
        lines.append(line)
    if index is None and pending:
        return _headerless(pending, name)
    return Parsed(tuple(entries), tuple(lines), len(entries), "entries")


def _comment_error(name: str, line: int) -> TermxError:
    return TermxError(
        "comment lines are not kept in a glossary file; move the text into a note", name, line
    )
