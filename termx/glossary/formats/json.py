"""Glossary as JSON: ``{"format": "termx-glossary", "version": 1, "entries": [...]}``.

Each entry has the fields of :class:`GlossaryEntry`; ``variants`` and ``forbidden`` are real
arrays (no ``|`` escaping needed); the optional fields (``zh_lang`` … ``subject_field``) are
written only when set. A bare array of entries is accepted on import.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from termx.errors import TermxError
from termx.glossary.formats import Parsed
from termx.glossary.formats._table import OPTIONAL, check_terms, check_text
from termx.model import STATUSES, GlossaryEntry
from termx.tabular import decode, load_json

_TEXT_FIELDS = ("zh", "en", "status", "note", *OPTIONAL)


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
    for field in _TEXT_FIELDS:
        if obj.get(field) is not None and not isinstance(obj[field], str):
            raise TermxError(f"{field!r} must be a string")
    status = (obj.get("status") or "approved").strip().lower()
    if status not in STATUSES:
        raise TermxError(f"status {status!r} is not one of {', '.join(STATUSES)}")
    entry = GlossaryEntry(
        zh=(obj.get("zh") or "").strip(),
        en=(obj.get("en") or "").strip(),
        status=status,
        variants=_forms(obj.get("variants"), "variants"),
        forbidden=_forms(obj.get("forbidden"), "forbidden"),
        note=(obj.get("note") or "").strip(),
        **{key: (obj.get(key) or "").strip() for key in OPTIONAL},
    )
    optional = (getattr(entry, key) for key in OPTIONAL)
    for value in (entry.zh, entry.en, entry.note, *entry.variants, *entry.forbidden, *optional):
        check_text(value, None, None)
    return check_terms(entry, None, None)


def read(data: bytes, name: str) -> Parsed:
    """Read a termx JSON glossary (or a bare array of entries)."""
    # Lone surrogates are refused per entry (check_text), naming the entry.
    document = load_json(decode(data, name), name, surrogates=True)
    items = document.get("entries") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise TermxError('expected {"entries": [...]} or a JSON array of entries', name)
    entries = []
    for number, obj in enumerate(items, start=1):
        try:
            entries.append(_entry(obj))
        except TermxError as error:
            raise TermxError(f"entry {number}: {error}", name) from None
    return Parsed(tuple(entries), (None,) * len(entries), len(entries), "entries")


def render(entries: Sequence[GlossaryEntry], source: str = "") -> str:
    """The JSON document for ``entries`` in the given order."""

    def obj(entry: GlossaryEntry) -> dict[str, Any]:
        result: dict[str, Any] = {
            "zh": entry.zh,
            "en": entry.en,
            "status": entry.status,
            "variants": list(entry.variants),
            "forbidden": list(entry.forbidden),
            "note": entry.note,
        }
        result.update({key: getattr(entry, key) for key in OPTIONAL if getattr(entry, key)})
        return result

    document = {
        "format": "termx-glossary",
        "version": 1,
        "entries": [obj(entry) for entry in entries],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
