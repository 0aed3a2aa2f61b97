"""The candidates file: what ``termx extract`` writes and ``termx review`` / ``termx eval`` read.

Four formats, chosen by the file extension (TSV when in doubt):

* ``tsv`` (default) and ``csv``: one candidate per row after a header row
  ``zh en score frequency evidence example example_zh example_en``. ``score`` has 3 decimals,
  ``evidence`` is ``kind (0.92): reason`` items joined by `` ; ``, ``example`` is the first
  origin (``file:line`` or ``file#unit``), ``example_zh`` / ``example_en`` the first sample
  sentence pair. These formats are for people and spreadsheets, so they keep only the first
  example; JSON keeps everything.
* ``json`` (one array) and ``jsonl`` (one object per line): every field of
  :class:`~termx.model.TermPair`, losslessly.

TSV escaping: a field never contains a raw tab or line break. ``\\`` is written as ``\\\\``,
tab as ``\\t``, newline as ``\\n`` and carriage return as ``\\r`` (the PostgreSQL ``COPY``
text convention), so one candidate is always exactly one line and ``cut``/``grep`` work.
CSV uses standard RFC 4180 quoting instead (embedded line breaks are quoted, not escaped).

Output is deterministic: the same candidates give the same bytes (``\\n`` line ends, fixed
field order, no timestamps). A CSV *file* starts with a UTF-8 BOM, which Excel needs to show
the Chinese (a pipe gets none; reading drops it).
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

from termx.errors import TermxError
from termx.model import Evidence, Origin, TermPair
from termx.tabular import (
    csv_rows,
    file_text,
    join_list,
    load_json,
    split_list,
    tsv_line,
    tsv_rows,
)
from termx.text import has_han, printable

FORMATS = ("tsv", "csv", "json", "jsonl")
# ``variants`` came last so that the columns before it keep their places in older scripts.
COLUMNS = (
    "zh",
    "en",
    "score",
    "frequency",
    "evidence",
    "example",
    "example_zh",
    "example_en",
    "variants",
)

_EXTENSIONS = {
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "tsv",
    ".csv": "csv",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
}
_EVIDENCE_SEPARATOR = " ; "
# A reason may itself contain " ; ": split only where the next item starts like an item.
_EVIDENCE_SPLIT = re.compile(r" ; (?=[^\s();:]+ \(-?\d+(?:\.\d+)?\): ?)")
_EVIDENCE_ITEM = re.compile(
    r"^(?P<kind>[^\s();:]+) \((?P<value>-?\d+(?:\.\d+)?)\):(?: (?P<reason>.*))?$", re.S
)
_ORIGIN_LINE = re.compile(r"^(?P<path>.+):(?P<line>\d+)$", re.S)


# ----------------------------------------------------------------------------- formats


def format_from_path(path: str | Path) -> str:
    """The candidates format implied by a file name (``tsv`` when the extension says nothing)."""
    return _EXTENSIONS.get(Path(path).suffix.lower(), "tsv")


def _check_format(fmt: str) -> str:
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise TermxError(f"unknown candidates format {fmt!r} (use one of: {', '.join(FORMATS)})")
    return fmt


# ----------------------------------------------------------------------------- field codecs


def format_evidence(evidence: Iterable[Evidence]) -> str:
    """``kind (0.92): reason ; kind (0.50): reason`` — the evidence column of TSV/CSV."""
    items = []
    for item in evidence:
        reason = " ".join(item.reason.split())  # one line, whatever the reason contained
        items.append(f"{item.kind} ({item.value:.2f}): {reason}".rstrip())
    return _EVIDENCE_SEPARATOR.join(items)


def parse_evidence(text: str) -> tuple[Evidence, ...]:
    """Inverse of :func:`format_evidence`; an unparsable item is kept whole as kind ``note``."""
    text = text.strip()
    if not text:
        return ()
    result = []
    for chunk in _EVIDENCE_SPLIT.split(text):
        match = _EVIDENCE_ITEM.match(chunk.strip())
        if match is None:
            # Hand-edited or foreign evidence: keep it visible rather than refuse the file.
            result.append(Evidence("note", 0.0, chunk.strip()))
        else:
            result.append(
                Evidence(match["kind"], float(match["value"]), (match["reason"] or "").strip())
            )
    return tuple(result)


def parse_origin(text: str) -> Origin:
    """Inverse of ``str(Origin)``: ``file:line``, ``file#unit`` or a bare ``file``."""
    match = _ORIGIN_LINE.match(text)
    if match is not None:
        return Origin(match["path"], int(match["line"]))
    if "#" in text:
        path, unit = text.rsplit("#", 1)
        if path and unit:
            return Origin(path, unit=unit)
    return Origin(text)


def _row(pair: TermPair) -> list[str]:
    example = str(pair.examples[0]) if pair.examples else ""
    sample_zh, sample_en = pair.samples[0] if pair.samples else ("", "")
    return [
        pair.zh,
        pair.en,
        f"{pair.score:.3f}",
        str(pair.frequency),
        format_evidence(pair.evidence),
        example,
        sample_zh,
        sample_en,
        join_list(pair.variants),
    ]


def _origin_to_json(origin: Origin) -> dict[str, Any]:
    return {"path": origin.path, "line": origin.line, "unit": origin.unit}


def to_json_object(pair: TermPair) -> dict[str, Any]:
    """Every field of a TermPair as plain JSON data (field order fixed for stable output)."""
    return {
        "zh": pair.zh,
        "en": pair.en,
        "score": pair.score,
        "frequency": pair.frequency,
        "evidence": [
            {"kind": item.kind, "value": item.value, "reason": item.reason}
            for item in pair.evidence
        ],
        "examples": [_origin_to_json(origin) for origin in pair.examples],
        "samples": [[zh, en] for zh, en in pair.samples],
        "variants": list(pair.variants),
    }


# ----------------------------------------------------------------------------- writing


def write_candidates(pairs: Iterable[TermPair], out: TextIO, fmt: str = "tsv") -> None:
    """Write candidates to ``out`` in ``fmt`` (tsv, csv, json, jsonl), in the given order.

    Open files with ``newline=""`` so that the ``\\n`` line ends reach the disk unchanged.
    """
    fmt = _check_format(fmt)
    if fmt == "tsv":
        out.write("\t".join(COLUMNS) + "\n")
        for pair in pairs:
            out.write(tsv_line(_row(pair)) + "\n")
    elif fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(COLUMNS)
        for pair in pairs:
            writer.writerow(_row(pair))
    elif fmt == "jsonl":
        for pair in pairs:
            out.write(json.dumps(to_json_object(pair), ensure_ascii=False) + "\n")
    else:
        objects = [to_json_object(pair) for pair in pairs]
        out.write(json.dumps(objects, ensure_ascii=False, indent=2) + "\n")


def candidates_to_string(pairs: Iterable[TermPair], fmt: str = "tsv") -> str:
    buffer = io.StringIO(newline="")
    write_candidates(pairs, buffer, fmt)
    return buffer.getvalue()


def save_candidates(pairs: Iterable[TermPair], path: str | Path, fmt: str | None = None) -> None:
    """Write a candidates file atomically (temp file in the same directory, fsync, rename).

    The format defaults to the one the extension implies. If anything fails, the file that
    was there before is left untouched.
    """
    from termx.files import write_text_atomic

    target = Path(path)
    chosen = _check_format(fmt or format_from_path(target))
    write_text_atomic(target, file_text(candidates_to_string(pairs, chosen), chosen))


# ----------------------------------------------------------------------------- reading


def _read_text(path: Path) -> str:
    from termx.files import read_utf8

    return read_utf8(path, "a candidates file")


def _parse_score(value: str, name: str, line: int) -> float:
    value = value.strip()
    if not value:
        raise TermxError("empty score (review and eval rank by it)", name, line)
    try:
        score = float(value)
    except ValueError:
        raise TermxError(f"score {printable(value[:40])!r} is not a number", name, line) from None
    if not math.isfinite(score):  # NaN or inf would make every ranking comparison lie
        raise TermxError(f"score {value[:40]!r} is not a finite number", name, line)
    return score


def _parse_frequency(value: str, name: str, line: int) -> int:
    value = value.strip()
    if not value:
        return 0
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0 or len(value) > 18:
        raise TermxError(
            f"frequency {printable(value[:40])!r} is not a whole number", name, line
        ) from None
    return number


def _header_index(cells: Sequence[str]) -> dict[str, int] | None:
    keys = [cell.strip().lower() for cell in cells]
    if "zh" not in keys or "en" not in keys:
        return None
    return {key: keys.index(key) for key in COLUMNS if key in keys}


def _rows_to_pairs(rows: Iterator[tuple[int, list[str]]], name: str) -> list[TermPair]:
    pairs: list[TermPair] = []
    index: dict[str, int] | None = None
    for line, cells in rows:
        if not any(cell.strip() for cell in cells):
            continue
        if index is None:
            index = _header_index(cells)
            if index is not None:
                if "score" not in index:
                    raise TermxError(
                        "no score column in the header (review and eval rank by it; "
                        "termx extract writes zh, en, score, …)",
                        name,
                        line,
                    )
                continue
            if not has_han(cells[0]):
                raise TermxError(
                    "expected a header row naming the columns (at least zh and en)", name, line
                )
            # No header: a plain list in the standard column order (zh, en, score, …).
            index = {key: position for position, key in enumerate(COLUMNS)}
            if len(cells) < 3:
                raise TermxError(
                    "no score column (a list without a header needs zh, en, score, …)",
                    name,
                    line,
                )
        record = {key: cells[pos] for key, pos in index.items() if pos < len(cells)}
        zh, en = record.get("zh", "").strip(), record.get("en", "").strip()
        if not zh or not en:
            missing = "zh" if not zh else "en"
            raise TermxError(
                f"empty {missing} column (expected zh and en on every row)", name, line
            )
        example = record.get("example", "").strip()
        sample_zh, sample_en = record.get("example_zh", ""), record.get("example_en", "")
        pairs.append(
            TermPair(
                zh=zh,
                en=en,
                score=_parse_score(record.get("score", ""), name, line),
                frequency=_parse_frequency(record.get("frequency", ""), name, line),
                evidence=parse_evidence(record.get("evidence", "")),
                examples=(parse_origin(example),) if example else (),
                samples=((sample_zh, sample_en),) if sample_zh or sample_en else (),
                variants=split_list(record.get("variants", "")),
            )
        )
    return pairs


def _text_field(obj: dict[str, Any], key: str) -> str:
    value = obj.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TermxError(f"field {key!r} missing, empty or not a string")
    return value.strip()


def _real(value: Any, what: str) -> float:
    # bool is an int to Python, not a number to a reader of the file.
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TermxError(f"{what} must be a number")
    if not math.isfinite(value):
        raise TermxError(f"{what} is not a finite number")
    return float(value)


def _whole(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise TermxError(f"{what} must be a whole number of at least 0")
    return value


def _list(value: Any, what: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise TermxError(f"{what!r} must be a list")
    return value


def _string(value: Any, what: str) -> str:
    if not isinstance(value, str):
        raise TermxError(f"{what} must be a string")
    return value


def _evidence_item(item: Any, number: int) -> Evidence:
    what = f"evidence {number}"
    if not isinstance(item, dict):
        raise TermxError(f"{what} must be an object with kind, value and reason")
    return Evidence(
        _string(item.get("kind"), f"{what}: kind"),
        _real(item.get("value", 0.0), f"{what}: value"),
        _string(item.get("reason", ""), f"{what}: reason"),
    )


def _example_item(item: Any, number: int) -> Origin:
    what = f"example {number}"
    if isinstance(item, str):
        return parse_origin(item)
    if not isinstance(item, dict):
        raise TermxError(f"{what} must be an object with a path (or a file:line string)")
    line, unit = item.get("line"), item.get("unit")
    return Origin(
        _string(item.get("path"), f"{what}: path"),
        None if line is None else _whole(line, f"{what}: line"),
        None if unit is None else _string(unit, f"{what}: unit"),
    )


def _sample_item(item: Any, number: int) -> tuple[str, str]:
    what = f"sample {number}"
    if not isinstance(item, list) or len(item) != 2:
        raise TermxError(f"{what} must be a [zh, en] pair of strings")
    return _string(item[0], f"{what}: zh"), _string(item[1], f"{what}: en")


def from_json_object(obj: Any, name: str, line: int | None, where: str = "") -> TermPair:
    """Build a TermPair from one JSON object; errors name the file and line (or entry).

    Every field is checked for its type: a wrong-shaped candidate (``examples: [null]``, a
    NaN or missing score) is refused, never read as something else."""
    try:
        if not isinstance(obj, dict):
            raise TermxError("expected a JSON object per candidate")
        zh = _text_field(obj, "zh")
        en = _text_field(obj, "en")
        if obj.get("score") is None:
            raise TermxError("field 'score' missing (review and eval rank by it)")
        score = _real(obj["score"], "score")
        frequency = _whole(obj.get("frequency", 0), "frequency")
        evidence = tuple(
            _evidence_item(item, number)
            for number, item in enumerate(_list(obj.get("evidence"), "evidence"), 1)
        )
        examples = tuple(
            _example_item(item, number)
            for number, item in enumerate(_list(obj.get("examples"), "examples"), 1)
        )
        samples = tuple(
            _sample_item(item, number)
            for number, item in enumerate(_list(obj.get("samples"), "samples"), 1)
        )
        variants = tuple(
            _string(item, f"variants item {number}")
            for number, item in enumerate(_list(obj.get("variants"), "variants"), 1)
        )
    except TermxError as error:
        raise TermxError(f"{where}{error}", name, line) from None
    return TermPair(zh, en, score, frequency, evidence, examples, samples, variants)


def _json_pairs(text: str, name: str) -> list[TermPair]:
    try:
        data = load_json(text, name)
    except TermxError as error:
        if "Extra data" in str(error) and text.lstrip().startswith("{"):
            return _jsonl_pairs(text, name)  # JSON Lines saved as .json
        raise
    if isinstance(data, dict) and "candidates" in data:
        data = data["candidates"]
    if not isinstance(data, list):
        raise TermxError("expected a JSON array of candidates", name)
    return [
        from_json_object(obj, name, None, f"candidate {number}: ")
        for number, obj in enumerate(data, start=1)
    ]


def _jsonl_pairs(text: str, name: str) -> list[TermPair]:
    pairs = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            continue
        obj = load_json(raw, name, number)
        pairs.append(from_json_object(obj, name, number))
    return pairs


def read_candidates(path: str | Path, fmt: str | None = None) -> list[TermPair]:
    """Read a candidates file written by :func:`write_candidates` (or by hand).

    The format comes from ``fmt`` or the extension (TSV otherwise; a file that starts with
    ``[`` or ``{`` is read as JSON / JSON Lines whatever its name). TSV and CSV need only the
    ``zh`` and ``en`` columns; a file without a header row is read in the standard column
    order. File order is rank order. Bad input raises :class:`TermxError` naming file and line.
    """
    source = Path(path)
    name = str(path)
    text = _read_text(source)
    if fmt is None:
        fmt = format_from_path(source)
        if source.suffix.lower() not in _EXTENSIONS or fmt in ("tsv", "csv"):
            head = text.lstrip()[:1]
            if head == "[":
                fmt = "json"
            elif head == "{":
                fmt = "jsonl"
    fmt = _check_format(fmt)
    if fmt == "json":
        return _json_pairs(text, name)
    if fmt == "jsonl":
        return _jsonl_pairs(text, name)
    rows = tsv_rows(text) if fmt == "tsv" else csv_rows(text, name)
    return _rows_to_pairs(rows, name)
