"""The TSV/CSV codec of termx's own files (glossaries, candidates), once.

TSV fields never hold a raw tab or line break: ``\\`` is written ``\\\\``, tab ``\\t``, newline
``\\n``, carriage return ``\\r`` (the PostgreSQL ``COPY`` text convention), so one record is one
line and ``cut``/``grep`` work. An unknown escape (``C:\\dir``) or a lone trailing backslash is
kept literally when read: hand-written paths survive. List fields (a glossary's variants) join
their items with ``|`` and escape ``\\`` and ``|`` inside an item *before* the TSV escaping.

CSV uses RFC 4180 quoting instead (no backslash escapes); only list fields escape as above.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from termx.errors import TermxError
from termx.files import decode_utf8

Row = tuple[int, list[str]]  # (1-based line the record starts on, its cells)

_ESCAPES = {"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
_ESCAPE_RE = re.compile(r"[\\\t\n\r]")
_UNESCAPES = {"\\": "\\", "t": "\t", "n": "\n", "r": "\r"}
_UNESCAPE_RE = re.compile(r"\\(.)?", re.S)
# A | preceded by an even number of backslashes separates items.
_LIST_SPLIT = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_LIST_UNESCAPE = re.compile(r"\\([\\|])")


def escape(value: str) -> str:
    """One TSV field: backslash, tab, newline and carriage return escaped."""
    return _ESCAPE_RE.sub(lambda match: _ESCAPES[match.group(0)], value)


def unescape(value: str) -> str:
    """Inverse of :func:`escape`; unknown escapes are kept as written."""
    if "\\" not in value:
        return value
    return _UNESCAPE_RE.sub(
        lambda match: _UNESCAPES.get(match.group(1) or "", match.group(0)), value
    )


def join_list(items: Iterable[str]) -> str:
    """``|``-separated list with ``\\`` and ``|`` inside an item escaped (before TSV escaping)."""
    return "|".join(item.replace("\\", "\\\\").replace("|", "\\|") for item in items)


def split_list(value: str) -> tuple[str, ...]:
    """Inverse of :func:`join_list`; blank items are dropped, items are stripped."""
    if not value.strip():
        return ()
    parts, start = [], 0
    for match in _LIST_SPLIT.finditer(value):
        parts.append(value[start : match.end(1)])
        start = match.end()
    parts.append(value[start:])
    items = (_LIST_UNESCAPE.sub(r"\1", part).strip() for part in parts)
    return tuple(item for item in items if item)


def tsv_line(fields: Iterable[str]) -> str:
    """One TSV record (without the line end)."""
    return "\t".join(escape(field) for field in fields)


def tsv_rows(text: str) -> Iterator[Row]:
    """Every line of ``text`` as unescaped cells (``\\r\\n`` and ``\\n`` line ends)."""
    for number, raw in enumerate(text.split("\n"), start=1):
        yield number, [unescape(cell) for cell in raw.removesuffix("\r").split("\t")]


def csv_rows(text: str, name: str) -> Iterator[Row]:
    """RFC 4180 records of ``text``; a malformed one raises :class:`TermxError` with its line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    start = 1
    try:
        for cells in reader:
            yield start, cells
            start = reader.line_num + 1
    except csv.Error as error:
        raise TermxError(f"malformed CSV: {error}", name, reader.line_num or start) from None


def csv_text(rows: Iterable[Iterable[str]]) -> str:
    """RFC 4180 text with ``\\n`` line ends (deterministic bytes)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerows(rows)
    return buffer.getvalue()


def file_text(text: str, fmt: str) -> str:
    """What a file of ``fmt`` holds: a CSV file starts with a UTF-8 BOM, or Excel opens it in
    the system's ANSI code page and shows the Chinese as mojibake (:func:`decode` drops it;
    text for a pipe gets none)."""
    return "\ufeff" + text if fmt == "csv" else text


def decode(data: bytes, name: str) -> str:
    """Text of a tabular file: UTF-8 (BOM optional), or UTF-16 with a BOM as Excel's "Unicode
    text" and OmegaT save it. Errors name the file (and the line for UTF-8)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise TermxError("broken UTF-16 text", name) from None
    return decode_utf8(data, name)


def read_text(path: str | Path, expected: str) -> str:
    """A UTF-8 tabular file's text (see :func:`termx.files.read_utf8`)."""
    from termx.files import read_utf8

    return read_utf8(path, expected)


# ---------------------------------------------------------------------- JSON

_LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")
_MAX_DIGITS = 100  # no count, score or line number of termx's files is longer


class _Refused(Exception):
    """A JSON value termx refuses (raised from inside the decoder's hooks)."""


def _number(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise _Refused(f"number {text[:20]} is out of range")
    return value


def _integer(text: str) -> int:
    if len(text) > _MAX_DIGITS:
        raise _Refused(f"integer of {len(text):,} digits")
    return int(text)


def _constant(text: str) -> float:
    raise _Refused(f"{text} is not a JSON number")


def _check_strings(document: object) -> None:
    """Refuse lone surrogates (``"\\ud800"``): no file or terminal can hold them. Iterative, so
    depth costs no recursion."""
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.isascii() and _LONE_SURROGATE.search(item):
                raise _Refused("a lone surrogate (\\ud800-\\udfff) in a string")
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def load_json(text: str, name: str, line: int | None = None, *, surrogates: bool = False) -> Any:
    """Parse the JSON of a termx file (glossary, candidates, baseline), strictly: malformed
    JSON, NaN/Infinity, numbers out of range, huge integers, nesting too deep for the decoder
    and lone surrogates are each a :class:`TermxError` naming ``name`` (and the line; ``line``
    is where ``text`` starts in the file, for one line of JSON Lines). ``surrogates=True``
    leaves lone surrogates to the caller, which checks the strings it keeps itself."""
    try:
        document = json.loads(
            text, parse_float=_number, parse_int=_integer, parse_constant=_constant
        )
        if not surrogates:
            _check_strings(document)
    except json.JSONDecodeError as error:
        where = error.lineno if line is None else line + error.lineno - 1
        raise TermxError(f"invalid JSON: {error.msg}", name, where) from None
    except _Refused as error:
        raise TermxError(f"invalid JSON: {error}", name, line) from None
    except RecursionError:
        raise TermxError("invalid JSON: nested too deeply", name, line) from None
    except ValueError as error:  # what the decoder raises besides JSONDecodeError
        raise TermxError(f"invalid JSON: {error}", name, line) from None
    return document
