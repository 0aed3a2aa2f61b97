"""Glossary as JSON: ``{"format": "termx-glossary", "version": 1, "entries": [...]}``.

Each entry has every field of :class:`GlossaryEntry`; ``variants`` and ``forbidden`` are real
arrays (no ``|`` escaping needed). A bare array of entries is accepted on import.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from termx.errors import TermxError
from termx.glossary.tsv import STATUSES, decode
from termx.model import GlossaryEntry


def _forms(value: Any, field: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise TermxError(f"{field!r} must be a list of strings")
    return tuple(item.strip() for item in value if item.strip())


def _entry(obj: Any) -> GlossaryEntry:
    if not isinstance(obj, dict):
        raise TermxError("expected a JSON object per entry")
    for field in ("zh", "en", "status", "note"):
        if obj.get(field) is not None and not isinstance(obj[field], str):
            raise TermxError(f"{field!r} must be a string")
    status = (obj.get("status") or "approved").strip().lower()
    if status not in STATUSES:
        raise TermxError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    return GlossaryEntry(
        zh=(obj.get("zh") or "").strip(),
        en=(obj.get("en") or "").strip(),
        status=status,
        variants=_forms(obj.get("variants"), "variants"),
        forbidden=_forms(obj.get("forbidden"), "forbidden"),
        note=(obj.get("note") or "").strip(),
    )


def parse(data: bytes, name: str) -> list[GlossaryEntry]:
    try:
        document = json.loads(decode(data, name))
    except json.JSONDecodeError as error:
        raise TermxError(f"invalid JSON: {error.msg}", name, error.lineno) from None
    items = document.get("entries") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise TermxError('expected {"entries": [...]} or a JSON array of entries', name)
    entries = []
    for number, obj in enumerate(items, start=1):
        try:
            entries.append(_entry(obj))
        except TermxError as error:
            raise TermxError(f"entry {number}: {error}", name) from None
    return entries


def render(entries: Sequence[GlossaryEntry]) -> str:
    document = {
        "format": "termx-glossary",
        "version": 1,
        "entries": [
            {
                "zh": entry.zh,
                "en": entry.en,
                "status": entry.status,
                "variants": list(entry.variants),
                "forbidden": list(entry.forbidden),
                "note": entry.note,
            }
            for entry in entries
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
